/**
 * Live staff messages through the lanes, end to end on the real system and
 * the fake Telegram (real clock, real limits): a burst of refreshes of one
 * card costs one edit, "message is not modified" counts as done, a deleted
 * card is sent again, keyed messages are edited in place, and what
 * PostgreSQL says is undelivered comes back after Redis lost everything.
 */
import { Api } from 'grammy';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, FAKE_SECRETS, type Harness } from '../../shared/sandbox/demo/harness.js';
import { cards, incidents, laneMessages } from '../../shared/platform/db/schema.js';
import { messageNew, postVkCallback } from '../../shared/sandbox/fakes/vk-callback.js';
import type { TelegramCall } from '../../shared/sandbox/fakes/telegram.js';
import { TG_ERRORS } from '../../shared/sandbox/fakes/telegram-errors.js';
import { lanesOf, postMessage, reofferPending } from '../../shared/staffchat/lanes/index.js';
import { silentLogger } from '../../shared/platform/log.js';
import { freshDatabase } from '../kit/db.js';
import { freshRedis } from '../kit/redis.js';

let h: Harness;
let dropDb: () => Promise<void>;
let flushRedis: () => Promise<void>;

beforeAll(async () => {
  const db = await freshDatabase();
  const redis = await freshRedis();
  dropDb = db.drop;
  flushRedis = redis.flush;
  h = await startHarness({ databaseUrl: db.url, redisUrl: redis.url, queuePrefix: redis.prefix, log: silentLogger });
});

afterAll(async () => {
  await h?.stop();
  await dropDb?.();
});

const db = () => h.system.ctx.database.db;
const curators = () => h.org.chats.curators;
const editsOf = (chatId: number, messageId: number) => (c: TelegramCall) =>
  c.method === 'editMessageText' && c.params.chat_id === chatId && c.params.message_id === messageId;

async function until<T>(probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A citizen writes; resolves with the incident and its card row once the card is in the curators' chat. */
async function cardFor(fromId: number, text: string) {
  const event = messageNew({ groupId: h.vk.group.id, secret: FAKE_SECRETS.vkCallbackSecret, fromId, text });
  expect((await postVkCallback(h.vkWebhookUrl, event)).body).toBe('ok');
  const [incident] = await until(() => db().select().from(incidents).where(eq(incidents.sourceKey, `dm:${fromId}:${event.object.message.id}`)).then((r) => (r.length ? r : undefined)), 'incident');
  const [card] = await until(async () => {
    const rows = await db().select().from(cards).where(eq(cards.incidentId, incident!.id));
    return rows[0]?.messageId ? rows : undefined;
  }, 'card sent');
  return { incident: incident!, card: card! };
}

/** As if the incident had moved on `n` times: the version goes up, and every transition asks for a refresh. */
async function refreshBurst(incidentId: number, n: number) {
  const [row] = await db()
    .update(incidents)
    .set({ version: sql`${incidents.version} + ${n}` })
    .where(eq(incidents.id, incidentId))
    .returning({ version: incidents.version });
  const versions = Array.from({ length: n }, (_, i) => row!.version - n + 1 + i);
  await Promise.all(versions.map((version) => h.system.ctx.queues.enqueue('card', { incidentId, chatId: curators(), version })));
  return row!.version;
}

describe('cards through the lanes', () => {
  it('answers a burst of ten refreshes of one card with one edit, and takes "not modified" as done', async () => {
    const { incident, card } = await cardFor(640001, 'Не горит фонарь у дома 3');
    // Telegram answers the edit as it does when the new rendering equals what the chat shows.
    h.telegram.failNext('editMessageText', { error_code: 400, description: TG_ERRORS.notModified });
    const version = await refreshBurst(incident.id, 10);
    await until(async () => (await db().select().from(cards).where(eq(cards.id, card.id)))[0]!.shownVersion === version, 'the card at the new version');
    // One request for ten refreshes; "message is not modified" was taken as done, not retried.
    const edits = h.telegram.calls.filter(editsOf(curators(), card.messageId!));
    expect(edits).toHaveLength(1);
    expect(edits[0]!.response.body.description).toMatch(/message is not modified/);
    await new Promise((r) => setTimeout(r, 300)); // nothing more follows
    expect(h.telegram.calls.filter(editsOf(curators(), card.messageId!))).toHaveLength(1);
  });

  it('sends a card again when someone deleted it', async () => {
    const { incident, card } = await cardFor(640002, 'Снег не убран на остановке');
    const admin = new Api(FAKE_SECRETS.telegramToken, { apiRoot: h.telegram.apiRoot });
    await admin.deleteMessage(curators(), card.messageId!);
    await refreshBurst(incident.id, 1);
    const [again] = await until(async () => {
      const rows = await db().select().from(cards).where(eq(cards.id, card.id));
      return rows[0]?.messageId && rows[0].messageId !== card.messageId ? rows : undefined;
    }, 'the card sent anew');
    const shown = h.telegram.messages(curators()).filter((m) => m.text?.startsWith(`Сообщение №${incident.id} `));
    expect(shown.map((m) => m.id)).toEqual([again!.messageId]);
  });
});

describe('keyed messages through the lanes', () => {
  it('sends a message once, ignores the same content again, and edits it in place when it changes', async () => {
    const chatId = h.org.chats.duty;
    expect(await postMessage(h.system.ctx, { chatId, key: 'escalation-1', text: 'Просрочено: сообщение №1' })).toBe('queued');
    const first = await h.telegram.waitFor((c) => c.method === 'sendMessage' && c.params.chat_id === chatId && c.response.status === 200);
    const messageId = (first.response.body.result as { message_id: number }).message_id;
    expect(await postMessage(h.system.ctx, { chatId, key: 'escalation-1', text: 'Просрочено: сообщение №1' })).toBe('unchanged');
    expect(
      await postMessage(h.system.ctx, {
        chatId,
        key: 'escalation-1',
        text: '<b>Просрочено</b>: сообщение №1, взято дежурным',
        options: { parse_mode: 'HTML', reply_markup: { inline_keyboard: [[{ text: 'Открыть', callback_data: 'x' }]] } },
      }),
    ).toBe('queued');
    await until(() => h.telegram.messages(chatId).find((m) => m.id === messageId && m.text?.includes('взято дежурным')), 'the edit');
    expect(h.telegram.messages(chatId).filter((m) => m.text?.startsWith('Просрочено'))).toHaveLength(1);
    expect(h.telegram.messages(chatId).find((m) => m.id === messageId)!.replyMarkup).toEqual({ inline_keyboard: [[{ text: 'Открыть', callback_data: 'x' }]] });
  });

  it('delivers what PostgreSQL holds undelivered after Redis lost everything', async () => {
    const chatId = h.org.chats.heads;
    // Committed, but the offer to the lane was lost with Redis.
    await db().insert(laneMessages).values({ chatId, key: 'alert-1', text: 'Повышенная активность: ЖКХ' });
    await flushRedis();
    expect(await reofferPending(h.system.ctx)).toMatchObject({ messages: 1, restarted: 0 });
    const shown = await until(() => h.telegram.messages(chatId).find((m) => m.text === 'Повышенная активность: ЖКХ'), 'the alert');
    const [row] = await until(async () => {
      const rows = await db().select().from(laneMessages).where(eq(laneMessages.key, 'alert-1'));
      return rows[0]?.shownVersion === 1 ? rows : undefined;
    }, 'the alert recorded');
    expect(row!.messageId).toBe(shown.id);
  });

  it('restarts a lane that still holds items but lost its pump', async () => {
    const { incident, card } = await cardFor(640003, 'Сломана скамейка в сквере');
    const [{ version } = { version: 0 }] = await db()
      .update(incidents)
      .set({ version: sql`${incidents.version} + 1` })
      .where(eq(incidents.id, incident.id))
      .returning({ version: incidents.version });
    // The card was offered, but its pump job never ran and the chat's marker has since expired.
    const rt = lanesOf(h.system.ctx)!;
    await rt.lane.offer(curators(), { item: `c${incident.id}`, version, kind: 'edit' });
    await h.system.ctx.redis.del(rt.lane.keys(curators()).pump);
    expect(await reofferPending(h.system.ctx)).toMatchObject({ restarted: 1 });
    await until(async () => (await db().select().from(cards).where(eq(cards.id, card.id)))[0]!.shownVersion === version, 'the card edited');
  });
});
