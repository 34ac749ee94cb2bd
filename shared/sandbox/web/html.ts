/**
 * The staff bot's HTML as a person sees it: plain text and the spans drawn on it, in Telegram's entity
 * shape, so the page draws a MAX message exactly as a Telegram one. The fake MAX keeps a message's text as
 * the bot sent it (with `format: html`, the tags); MAX's apps draw the tags. Only the tags the staff side
 * writes are read (Telegram's HTML subset; <blockquote> arrives as <i>, see networks/max/botapi/wire.ts);
 * anything else that looks like a tag is dropped, and a lone "<" stays text.
 */
import type { EntityView } from './message-view.js';

const KINDS: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  code: 'code',
  pre: 'pre',
  a: 'text_link',
  blockquote: 'blockquote',
};

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const TAG = /<(\/?)([a-z][a-z0-9-]*)((?:\s+[a-z-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/gi;

export function htmlText(html: string): { text: string; entities: EntityView[] } {
  let text = '';
  const entities: EntityView[] = [];
  const open: Array<{ tag: string; type: string; offset: number; url?: string }> = [];
  let last = 0;
  for (const m of html.matchAll(TAG)) {
    text += decode(html.slice(last, m.index));
    last = m.index + m[0].length;
    const [, closing, rawTag, attrs] = m;
    const tag = rawTag!.toLowerCase();
    if (tag === 'br') {
      text += '\n';
      continue;
    }
    const type = KINDS[tag];
    if (!type) continue;
    if (!closing) {
      const href = /href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attrs ?? '');
      const url = href ? decode(href[1] ?? href[2] ?? href[3] ?? '') : undefined;
      open.push({ tag, type, offset: text.length, ...(url ? { url } : {}) });
      continue;
    }
    const at = open.map((o) => o.tag).lastIndexOf(tag);
    if (at < 0) continue;
    const [o] = open.splice(at, 1);
    if (text.length > o!.offset) entities.push({ type: o!.type, offset: o!.offset, length: text.length - o!.offset, ...(o!.url ? { url: o!.url } : {}) });
  }
  text += decode(html.slice(last));
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities };
}
