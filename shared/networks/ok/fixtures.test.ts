/**
 * One fixture per kind of OK webhook message, modelled on the examples of
 * graph.user.subscribe (apiok.ru), each parsed to exactly what ingest should
 * make of it. Unknown and malformed ones are dropped with a reason, never thrown.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInboundEvent } from '../registry.js';
import { okNetwork } from './adapter.js';
import { parseOkEvent } from './parse.js';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));

describe('OK webhook fixtures', () => {
  it('a plain text message to the group is a direct message in that chat', () => {
    expect(parseOkEvent(fixture('message_text'))).toEqual({
      outcome: 'message',
      message: {
        network: 'ok',
        kind: 'direct',
        sourceKey: 'mid:C3ecb9d02a600.15cea67d78d2059',
        thread: { chatId: 'chat:C3ecb9d02a600', userId: 'user:575493468851', peerId: 'chat:C3ecb9d02a600' },
        author: { id: 'user:575493468851', link: 'https://ok.ru/profile/575493468851' },
        text: 'Здравствуйте! На ул. Ленина, 14 третий день не горят фонари, вечером идти страшно.',
        attachments: [],
        postedAt: new Date(1763874512941),
      },
    });
  });

  it('a shared link comes with its attachment', () => {
    const parsed = parseOkEvent(fixture('message_share'));
    expect(parsed.outcome).toBe('message');
    if (parsed.outcome !== 'message') return;
    expect(parsed.message.attachments).toEqual([{ type: 'link', url: 'https://ok.ru/group/70000001234567/topic/155000000000001' }]);
    expect(parsed.message.sourceKey).toBe('mid:C3ecb9d02a600.15cea66a01c9b7c');
  });

  it('a photo with the sender\'s name (newer deliveries carry webhookType and name)', () => {
    expect(parseOkEvent(fixture('message_image'))).toEqual({
      outcome: 'message',
      message: {
        network: 'ok',
        kind: 'direct',
        sourceKey: 'mid:C4f1a2b3c4d00.15cea67d78d3001',
        thread: { chatId: 'chat:C4f1a2b3c4d00', userId: 'user:591234567890', peerId: 'chat:C4f1a2b3c4d00' },
        author: { id: 'user:591234567890', name: 'Галина Петрова', link: 'https://ok.ru/profile/591234567890' },
        text: 'Вот фото ямы у остановки «Школа»',
        attachments: [{ type: 'photo', url: 'https://i.mycdn.me/i?r=AzEPZsRbOZEKgBhR0XGMT1RkjdT1rXvxl4D5L0tvEo0f' }],
        postedAt: new Date(1763874700500),
      },
    });
  });

  it('system messages and button presses are ignored by kind', () => {
    expect(parseOkEvent(fixture('chat_system'))).toEqual({ outcome: 'ignored', reason: "ok CHAT_SYSTEM is not a citizen's message" });
    expect(parseOkEvent(fixture('message_callback'))).toEqual({ outcome: 'ignored', reason: "ok MESSAGE_CALLBACK is not a citizen's message" });
  });

  it('malformed or foreign payloads are invalid, never thrown', () => {
    expect(parseOkEvent(fixture('malformed_no_mid'))).toEqual({ outcome: 'invalid', reason: 'not an OK chat message webhook' });
    for (const junk of [null, 42, 'text', [], {}, { sender: {}, recipient: {}, message: {} }, { message: { mid: 5 } }]) {
      expect(['invalid', 'ignored']).toContain(parseOkEvent(junk).outcome);
    }
    // A message with neither text nor attachments is nothing to answer.
    const empty = { ...(fixture('message_text') as Record<string, unknown>), message: { mid: 'mid:C1.1', text: '  ' } };
    expect(parseOkEvent(empty)).toEqual({ outcome: 'ignored', reason: 'ok message without text or attachments' });
  });

  it('is reached through the registry, and dedupes deliveries on OK\'s message id', () => {
    expect(parseInboundEvent('ok', fixture('message_text'))).toEqual(parseOkEvent(fixture('message_text')));
    expect(okNetwork.eventKey(fixture('message_text'))).toBe('mid:C3ecb9d02a600.15cea67d78d2059');
    expect(okNetwork.eventKey(fixture('malformed_no_mid'))).toBeNull();
    expect(okNetwork.eventKey(null)).toBeNull();
  });
});
