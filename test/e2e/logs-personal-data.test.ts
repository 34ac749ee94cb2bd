/**
 * No personal data in the logs at any level, nor in the failed jobs Redis keeps (issue 18,
 * architecture principle 7): a citizen's message goes the whole way — stored, delivered twice,
 * carded, routed, drafted, approved, published — with Telegram refusing a card edit and a
 * reply once on the way, under a logger at `trace`; then neither the citizen's name, nor their
 * profile, nor a word of what they wrote appears in a single log line or failed job.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../shared/platform/log.js';
import { routeAsSuggested, writeDraft } from '../../shared/sandbox/demo/flow.js';
import { cardSays, press } from '../../shared/sandbox/demo/staff.js';
import { messageNew, postVkCallback } from '../../shared/sandbox/fakes/vk-callback.js';
import { SEEDED_PEOPLE } from '../../shared/sandbox/fakes/people.js';
import { testHarness, type TestHarness } from '../kit/harness.js';
import { until } from '../../shared/sandbox/demo/staff.js';

const CURATOR = 101;
const ROADS = 201;
const CITIZEN = 1001;
const citizen = SEEDED_PEOPLE.get(CITIZEN)!;
const TEXT = 'Яма на дороге в с. Антоновка у дома Зелёная 17, колесо пробито вчера вечером';
const ANSWER = 'Здравствуйте! Яму у дома Зелёная 17 засыплют щебнем до пятницы.';
/** What must not appear: the name, the profile, and distinctive words of both texts. */
const PERSONAL = [citizen.firstName, citizen.lastName, citizen.screenName, 'Зелёная', 'пробито', 'щебнем'];

let h: TestHarness;
const lines: string[] = [];

beforeAll(async () => {
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  h = await testHarness({ log: createLogger({ level: 'trace', destination }) });
});
afterAll(() => h?.dispose());

describe('logs', () => {
  it('carry neither the citizen nor their words through a whole answer, failures included', async () => {
    const event = messageNew({ groupId: h.vk.group.id, secret: h.env.VK_CALLBACK_SECRET!, fromId: CITIZEN, text: TEXT });
    expect((await postVkCallback(h.vkWebhookUrl, event)).body).toBe('ok');
    expect((await postVkCallback(h.vkWebhookUrl, event)).body).toBe('ok'); // VK redelivers
    const card = await until(() => h.telegram.messages(h.org.chats.curators).find((m) => m.text?.includes('Яма на дороге') && m.replyMarkup), 'the card');
    const id = Number(/№(\d+)/.exec(card.text!)![1]);

    // Telegram refuses the next card edit once, with the card text in the call's payload.
    h.telegram.failNext('editMessageText', { error_code: 400, description: 'Bad Request: message is too long' });
    await routeAsSuggested(h, id, CURATOR);
    await cardSays(h, ROADS, id, (t) => t.includes('направлено исполнителю'), "the executor's card");
    await press(h, ROADS, id, ROADS, '🙋 Взять');
    // The draft's first preview is refused by Telegram: its text is in the failed call's payload.
    h.telegram.failNext('sendMessage', { error_code: 400, description: "Bad Request: can't parse entities" }, 1, (p) => p.chat_id === ROADS && String(p.text).includes('щебнем'));
    h.telegram.injectMessage({ chatId: ROADS, from: ROADS, text: `/start d${id}` });
    await until(() => h.telegram.messages(ROADS).find((m) => m.text?.startsWith(`✍️ Сообщение №${id}`)), 'the draft prompt');
    h.telegram.injectMessage({ chatId: ROADS, from: ROADS, text: ANSWER });
    await until(() => lines.some((l) => l.includes("can't parse entities")), 'the refusal logged');
    await writeDraft(h, id, ROADS, ROADS, ANSWER, { take: false });
    await cardSays(h, h.org.chats.curators, id, (t) => t.includes('на согласовании'), 'on approval');
    await press(h, h.org.chats.curators, id, CURATOR, '✅ Утвердить');
    await cardSays(h, h.org.chats.curators, id, (t) => t.includes('ответ опубликован'), 'published');
    expect(h.vk.sent.some((s) => s.kind === 'message' && s.peerId === CITIZEN)).toBe(true);

    const written = lines.join('');
    expect(lines.length).toBeGreaterThan(50);
    expect(written).toContain('"level":20'); // debug lines included
    for (const word of PERSONAL) expect(written, `"${word}" in the logs`).not.toContain(word);

    // Failed jobs' reasons and stack traces, and any other hash BullMQ keeps, hold none of it either.
    const redis = h.system.ctx.redis;
    const keys = await redis.keys(`${h.system.ctx.queuePrefix}:*`);
    for (const key of keys) {
      if ((await redis.type(key)) !== 'hash') continue;
      const { failedReason = '', stacktrace = '' } = await redis.hgetall(key);
      for (const word of PERSONAL) expect(failedReason + stacktrace, `${key}`).not.toContain(word);
    }
  });
});
