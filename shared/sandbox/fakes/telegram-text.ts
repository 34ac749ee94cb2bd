/**
 * Formatted text the way Telegram reads it: parse_mode HTML / MarkdownV2 /
 * Markdown turned into plain text plus entities, with Telegram's "can't parse
 * entities" errors for malformed markup. Limits are checked on the parsed
 * text, as Telegram does. Not a full reimplementation: nesting rules and every
 * corner of the markdown grammar are simplified; the common mistakes
 * (unescaped `.`/`!` in MarkdownV2, raw `<` in HTML, unclosed tags) fail as on
 * the real server.
 */
import { badRequest } from './telegram-errors.js';

export interface MessageEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
  custom_emoji_id?: string;
}

export interface ParsedText {
  text: string;
  entities: MessageEntity[];
}

export function parseFormatted(source: string, parseMode: unknown, entities?: unknown): ParsedText {
  const mode = typeof parseMode === 'string' ? parseMode.toLowerCase() : '';
  if (mode === 'html') return parseHtml(source);
  if (mode === 'markdownv2') return parseMarkdown(source, true);
  if (mode === 'markdown') return parseMarkdown(source, false);
  return { text: source, entities: Array.isArray(entities) ? (entities as MessageEntity[]) : [] };
}

const parseError = (detail: string) => badRequest(`Bad Request: can't parse entities: ${detail}`);
const byteOffset = (source: string, index: number) => Buffer.byteLength(source.slice(0, index), 'utf8');

const HTML_TAGS: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  'tg-spoiler': 'spoiler',
  span: 'spoiler',
  a: 'text_link',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
  'tg-emoji': 'custom_emoji',
};

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

function decodeEntities(s: string): string {
  return s.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, ref: string) => {
    const name = ref.toLowerCase();
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return NAMED_ENTITIES[name] ?? whole;
  });
}

interface OpenTag {
  name: string;
  start: number;
  entity: MessageEntity;
}

function parseHtml(source: string): ParsedText {
  let text = '';
  const entities: MessageEntity[] = [];
  const stack: OpenTag[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (ch === '&') {
      const match = /^&(#\d+|#x[0-9a-f]+|[a-z]+);/i.exec(source.slice(i, i + 12));
      const name = match?.[1]?.toLowerCase();
      if (match && name !== undefined) {
        const decoded = name.startsWith('#x')
          ? String.fromCodePoint(parseInt(name.slice(2), 16))
          : name.startsWith('#')
            ? String.fromCodePoint(parseInt(name.slice(1), 10))
            : NAMED_ENTITIES[name];
        if (decoded !== undefined) {
          text += decoded;
          i += match[0].length;
          continue;
        }
      }
      text += ch;
      i += 1;
      continue;
    }
    if (ch !== '<') {
      text += ch;
      i += 1;
      continue;
    }
    const end = source.indexOf('>', i);
    if (end < 0) throw parseError(`Unclosed start tag at byte offset ${byteOffset(source, i)}`);
    const inner = source.slice(i + 1, end);
    if (inner.startsWith('/')) {
      const name = inner.slice(1).trim().toLowerCase();
      const open = stack.pop();
      if (!open) throw parseError(`Unexpected end tag at byte offset ${byteOffset(source, i)}`);
      if (open.name !== name) {
        throw parseError(
          `Unmatched end tag at byte offset ${byteOffset(source, i)}, expected "</${open.name}>", found "</${name}>"`,
        );
      }
      const length = text.length - open.start;
      if (length > 0) entities.push({ ...open.entity, offset: open.start, length });
    } else {
      const nameMatch = /^([a-z][a-z0-9-]*)/i.exec(inner);
      if (!nameMatch) throw parseError(`Unexpected end of name token at byte offset ${byteOffset(source, i + 1)}`);
      const name = (nameMatch[1] as string).toLowerCase();
      const type = HTML_TAGS[name];
      if (!type) throw parseError(`Unsupported start tag "${name}" at byte offset ${byteOffset(source, i)}`);
      const attrs = parseAttributes(inner.slice(name.length));
      const entity: MessageEntity = { type, offset: 0, length: 0 };
      if (type === 'text_link') entity.url = attrs.href ?? '';
      if (type === 'custom_emoji') entity.custom_emoji_id = attrs['emoji-id'] ?? '';
      if (name === 'blockquote' && 'expandable' in attrs) entity.type = 'expandable_blockquote';
      const parent = stack.at(-1);
      if (name === 'code' && parent?.name === 'pre') {
        // <pre><code class="language-x"> is one pre entity with a language.
        const language = /language-(\S+)/.exec(attrs.class ?? '')?.[1];
        if (language) parent.entity.language = language;
      }
      stack.push({ name, start: text.length, entity });
    }
    i = end + 1;
  }
  const unclosed = stack.at(-1);
  if (unclosed) throw parseError(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  return { text, entities: entities.sort((a, b) => a.offset - b.offset) };
}

function parseAttributes(raw: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of raw.matchAll(/([a-z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/gi)) {
    // Telegram decodes entities inside attribute values too: href="…?a=1&amp;b=2" links to ?a=1&b=2.
    attrs[(m[1] as string).toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

const V2_RESERVED = new Set('_*[]()~`>#+-=|{}.!'.split(''));

interface OpenMark {
  marker: string;
  type: string;
  start: number;
  at: number;
}

/** MarkdownV2 (strict: reserved characters must be escaped) or legacy Markdown. */
function parseMarkdown(source: string, v2: boolean): ParsedText {
  const markers: Array<[string, string]> = v2
    ? [['```', 'pre'], ['||', 'spoiler'], ['__', 'underline'], ['*', 'bold'], ['_', 'italic'], ['~', 'strikethrough'], ['`', 'code']]
    : [['```', 'pre'], ['*', 'bold'], ['_', 'italic'], ['`', 'code']];
  let text = '';
  const entities: MessageEntity[] = [];
  const stack: OpenMark[] = [];
  let link: { start: number; at: number } | undefined;
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    const top = stack.at(-1);
    const inCode = top?.type === 'code' || top?.type === 'pre';
    if (v2 && ch === '\\' && i + 1 < source.length) {
      text += source[i + 1];
      i += 2;
      continue;
    }
    const marker = markers.find(([m]) => source.startsWith(m, i) && (!inCode || m === top?.marker));
    if (marker) {
      const [m, type] = marker;
      if (top?.marker === m) {
        stack.pop();
        const length = text.length - top.start;
        if (length > 0) entities.push({ type, offset: top.start, length });
      } else {
        stack.push({ marker: m, type, start: text.length, at: i });
      }
      i += m.length;
      continue;
    }
    if (!inCode && ch === '[') {
      link = { start: text.length, at: i };
      i += 1;
      continue;
    }
    if (!inCode && ch === ']' && link && source[i + 1] === '(') {
      const close = source.indexOf(')', i + 2);
      if (close < 0) throw parseError(`Can't find end of a URL at byte offset ${byteOffset(source, i + 1)}`);
      const length = text.length - link.start;
      if (length > 0) entities.push({ type: 'text_link', offset: link.start, length, url: source.slice(i + 2, close) });
      link = undefined;
      i = close + 1;
      continue;
    }
    if (v2 && !inCode && ch === '>' && (i === 0 || source[i - 1] === '\n')) {
      i += 1; // blockquote marker; the quote itself is not tracked
      continue;
    }
    if (v2 && !inCode && V2_RESERVED.has(ch)) {
      throw parseError(`Character '${ch}' is reserved and must be escaped with the preceding '\\'`);
    }
    text += ch;
    i += 1;
  }
  const open = stack.at(-1) ?? (link ? { at: link.at } : undefined);
  if (open) throw parseError(`Can't find end of the entity starting at byte offset ${byteOffset(source, open.at)}`);
  return { text, entities: entities.sort((a, b) => a.offset - b.offset) };
}
