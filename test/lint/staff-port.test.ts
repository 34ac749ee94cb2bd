/**
 * The staff-messenger port holds only while the staff side calls nothing but STAFF_METHODS and the MAX
 * half answers every one of them. Both are checked here: the first by reading the staff side's sources
 * for Bot API calls, the second by asking the MAX translation for each method.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Api } from 'grammy';
import { describe, expect, it } from 'vitest';
import { STAFF_METHODS } from '../../shared/networks/staff-messenger.js';
import { maxBotApi } from '../../shared/networks/max/botapi/methods.js';
import type { MaxApi } from '../../shared/networks/max/client.js';

const ROOT = new URL('../../', import.meta.url).pathname;
/** The staff side: the bot's features, the staff chat layer, the flows that message staff, the worker. */
const STAFF_SIDE = ['bots/telegram', 'bots/max', 'shared/staffchat', 'shared/flows', 'worker'];
/** Telegram-only code: starting a Telegram bot (webhook or polling) is not done on MAX. */
const TELEGRAM_ONLY = ['bots/telegram/receive.ts'];
/** grammY's context shortcuts and the Bot API method each calls. */
const SHORTCUTS: Record<string, string> = {
  reply: 'sendMessage',
  replyWithPhoto: 'sendPhoto',
  replyWithVideo: 'sendVideo',
  replyWithDocument: 'sendDocument',
  replyWithMediaGroup: 'sendMediaGroup',
  editMessageText: 'editMessageText',
  editMessageReplyMarkup: 'editMessageReplyMarkup',
  editMessageMedia: 'editMessageMedia',
  deleteMessage: 'deleteMessage',
  answerCallbackQuery: 'answerCallbackQuery',
};

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') && !TELEGRAM_ONLY.includes(path) ? [path] : [];
  });
}

function calledMethods(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of STAFF_SIDE.flatMap(sources)) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const m of text.matchAll(/\b(?:api|staffApi|telegram)\.([a-z][A-Za-z]+)\(/g)) found.set(m[1]!, file);
    for (const m of text.matchAll(/\b(?:tg|ctx)\.([a-z][A-Za-z]+)\(/g)) if (SHORTCUTS[m[1]!]) found.set(SHORTCUTS[m[1]!]!, file);
  }
  return found;
}

describe('the staff-messenger port', () => {
  it('the staff side calls only the Bot API methods the port names', () => {
    const called = calledMethods();
    expect(called.size).toBeGreaterThan(8);
    const outside = [...called].filter(([method]) => !(STAFF_METHODS as readonly string[]).includes(method) && !['config', 'use'].includes(method));
    expect(outside, 'a Bot API method outside STAFF_METHODS: add it there and to the MAX half').toEqual([]);
  });

  it('the MAX half answers every method of the port, and refuses any other', async () => {
    const asked: string[] = [];
    // A MAX client that records what it is asked and fails every call as MAX would: the translation must reach it.
    const max = new Proxy({}, { get: (_t, name: string) => async () => { asked.push(name); throw Object.assign(new Error('stop'), { status: 500 }); } }) as unknown as MaxApi;
    const ids = { numberOf: async () => 1, midOf: async () => 'mid.1' };
    const api = new Api('max-token', { apiRoot: 'http://max.invalid' });
    api.config.use(maxBotApi({ api: max, ids, fetch }));
    const payloads: Record<string, Record<string, unknown>> = {
      getFile: { file_id: 'mx1.WyJ0b2siLCJodHRwOi8vZiIsbnVsbF0' },
      sendPhoto: { chat_id: 1, photo: 'mx1.WyJ0b2siLCJodHRwOi8vZiIsbnVsbF0' },
      sendVideo: { chat_id: 1, video: 'mx1.WyJ0b2siLCJodHRwOi8vZiIsbnVsbF0' },
      sendDocument: { chat_id: 1, document: 'mx1.WyJ0b2siLCJodHRwOi8vZiIsbnVsbF0' },
      sendMediaGroup: { chat_id: 1, media: [{ type: 'photo', media: 'mx1.WyJ0b2siLCJodHRwOi8vZiIsbnVsbF0' }] },
      editMessageMedia: { chat_id: 1, message_id: 1, media: { type: 'photo', media: 'mx1.WyJ0b2siLCJodHRwOi8vZiIsbnVsbF0' } },
    };
    for (const method of STAFF_METHODS) {
      const before = asked.length;
      const outcome = await api.raw[method]((payloads[method] ?? { chat_id: 1, message_id: 1, text: 'x', callback_query_id: 'c', commands: [] }) as never).then(
        () => 'answered',
        (err: Error) => err.message,
      );
      // getFile is answered from the file id alone; everything else reaches MAX.
      if (method === 'getFile') expect(outcome).toBe('answered');
      else expect(asked.length, `${method} reached MAX`).toBeGreaterThan(before);
    }
    await expect(api.raw.sendPoll({ chat_id: 1, question: 'q', options: [{ text: 'a' }, { text: 'b' }] })).rejects.toThrow(/no MAX half for Bot API method sendPoll/);
  });
});
