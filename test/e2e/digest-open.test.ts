/**
 * A flood is not a dead end: 300 citizens write to the VK community at once,
 * the curators' chat gets what Telegram lets the bot send and one live digest
 * for the rest, and every incident the digest lists is opened from it
 * («Открыть №N») and routed from its card. Real PostgreSQL, Redis, bots and
 * worker; the fake Telegram enforces Telegram's real limits on a clock that
 * runs SPEED times faster than the wall (as in lanes-spike.test.ts).
 */
import { Api } from 'grammy';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadEnv } from '../../shared/platform/config/env.js';
import { loadOrg, type Org } from '../../shared/platform/config/org.js';
import { EXAMPLE_ORG, FAKE_SECRETS } from '../../shared/sandbox/demo/harness.js';
import { cards, incidents, laneDigestItems, laneDigests } from '../../shared/platform/db/schema.js';
import { startFakeTelegram, type FakeTelegram } from '../../shared/sandbox/fakes/telegram.js';
import { startFakeVk, type FakeVk } from '../../shared/sandbox/fakes/vk.js';
import { messageNew, postVkCallback } from '../../shared/sandbox/fakes/vk-callback.js';
import { lanesOf } from '../../shared/staffchat/lanes/index.js';
import { scaledClock } from '../../shared/staffchat/lanes/time.js';
import { silentLogger } from '../../shared/platform/log.js';
import { startSystem, type RunningSystem } from '../../shared/cli/system.js';
import { until } from '../../shared/sandbox/demo/staff.js';
import { freshDatabase } from '../kit/db.js';
import { freshRedis } from '../kit/redis.js';

const SPEED = 20;
const MESSAGES = 300;
const CURATOR = 101;

const clock = scaledClock(SPEED, Date.now());
let org: Org;
let telegram: FakeTelegram;
let vk: FakeVk;
let system: RunningSystem;
let webhook: string;
let dropDb: () => Promise<void>;

beforeAll(async () => {
  const db = await freshDatabase();
  const redis = await freshRedis();
  dropDb = db.drop;
  // Bursts off (thirty neighbours write ten times each); routing is due in a working day rather than 30 minutes, so
  // no reminder joins the curators' line while the test runs (on this clock, 30 minutes pass in 90 real seconds).
  org = { ...loadOrg(EXAMPLE_ORG), ingest: { burstMinutes: 0 }, profileOverrides: { timers: { route: { duration: '8h' } } } };
  telegram = await startFakeTelegram({ now: () => clock.now().getTime() });
  vk = await startFakeVk({ group: { id: org.networks!.vk!.groupId, name: org.name }, confirmationCode: FAKE_SECRETS.vkConfirmationCode });
  const env = loadEnv({
    TELEGRAM_BOT_TOKEN: FAKE_SECRETS.telegramToken,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    VK_GROUP_ID: String(org.networks!.vk!.groupId),
    VK_TOKEN: FAKE_SECRETS.vkToken,
    VK_CALLBACK_SECRET: FAKE_SECRETS.vkCallbackSecret,
    VK_CONFIRMATION_CODE: FAKE_SECRETS.vkConfirmationCode,
    VK_API_BASE_URL: vk.apiBaseUrl,
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: '0',
    WORKER_HTTP_PORT: '0',
  });
  system = await startSystem({ env, org, log: silentLogger, databaseUrl: db.url, redisUrl: redis.url, queuePrefix: redis.prefix, clock });
  webhook = `http://127.0.0.1:${system.bots.port}/webhooks/vk`;
});

afterAll(async () => {
  await system?.stop();
  await Promise.all([telegram?.close(), vk?.close()]);
  await dropDb?.();
});

type Button = { text: string; callback_data?: string };
const buttonsOf = (m: { replyMarkup?: unknown } | undefined): Button[] => ((m?.replyMarkup as { inline_keyboard?: Button[][] } | undefined)?.inline_keyboard ?? []).flat();

/** Taps a button as the curator; resolves with the toast. */
async function tap(chatId: number, messageId: number, data: string): Promise<string> {
  const id = telegram.injectCallbackQuery({ chatId, messageId, from: CURATOR, data });
  const answer = await until(() => telegram.callbackAnswer(id), `the answer to ${data}`, 30_000);
  return String(answer.text ?? '');
}

it('opens every digested incident from the digest and routes it from its card', { timeout: 400_000 }, async () => {
  const curators = org.chats.curators;
  const db = system.ctx.database.db;
  const events = Array.from({ length: MESSAGES }, (_, i) =>
    messageNew({ groupId: vk.group.id, secret: FAKE_SECRETS.vkCallbackSecret, fromId: 710_000 + (i % 30), text: `Яма на дороге в с. Антоновка, дом ${i + 1}` }),
  );
  for (let i = 0; i < events.length; i += 50) {
    const answers = await Promise.all(events.slice(i, i + 50).map((e) => postVkCallback(webhook, e)));
    expect(answers.every((a) => a.status === 200 && a.body === 'ok')).toBe(true);
  }
  await until(async () => (await db.select({ n: count() }).from(incidents))[0]!.n === MESSAGES, 'all incidents', 120_000);
  const rt = lanesOf(system.ctx)!;
  await until(async () => {
    const depth = await rt.lane.depth(curators);
    const [{ rows } = { rows: 0 }] = await db.select({ rows: count() }).from(cards).where(eq(cards.chatId, curators));
    const digests = await db.select().from(laneDigests).where(eq(laneDigests.chatId, curators));
    return depth.send + depth.edit === 0 && rows === MESSAGES && digests.length === 1 && digests.every((d) => d.shownVersion === d.version);
  }, 'the flood to settle into cards and one digest', 180_000);

  const [digest] = await db.select().from(laneDigests).where(eq(laneDigests.chatId, curators));
  const listed = (await db.select({ id: laneDigestItems.incidentId }).from(laneDigestItems).where(eq(laneDigestItems.digestId, digest!.id))).map((r) => r.id);
  expect(listed.length).toBeGreaterThan(100);
  const cardOf = (id: number) => telegram.messages(curators).find((m) => m.text?.startsWith(`Сообщение №${id} `));
  // Listed incidents have no card of their own yet: the digest stands for them.
  expect(listed.filter((id) => cardOf(id))).toEqual([]);

  // Page through the live digest as a curator would, tapping «Открыть №N» for every incident on each page.
  const pages = Math.ceil(listed.length / 10);
  const opened: number[] = [];
  for (let page = 1; page <= pages; page += 1) {
    const shown = await until(() => {
      const m = telegram.messages(curators).find((x) => x.id === digest!.messageId);
      return m?.text?.includes(`Страница ${page} из ${pages}`) ? m : undefined;
    }, `digest page ${page}`, 60_000);
    const open = buttonsOf(shown).filter((b) => b.text.startsWith('Открыть №'));
    expect(open.length).toBe(page < pages ? 10 : listed.length - 10 * (pages - 1));
    for (const b of open) {
      const toast = await tap(curators, shown.id, b.callback_data!);
      const id = Number(/№(\d+)/.exec(b.text)![1]);
      expect(toast).toBe(`Карточка №${id} придёт в чат через несколько секунд.`);
      opened.push(id);
    }
    if (page < pages) await tap(curators, shown.id, buttonsOf(shown).find((b) => b.text === '›')!.callback_data!);
  }
  expect([...opened].sort((a, b) => a - b)).toEqual([...listed].sort((a, b) => a - b));

  // Each card arrives in the chat and is routed from it in one tap, as the digest's incidents could not be before.
  const routed = new Set<number>();
  await until(async () => {
    for (const id of opened) {
      if (routed.has(id)) continue;
      const card = cardOf(id);
      const route = buttonsOf(card).find((b) => b.text.startsWith('✅ Направить'));
      if (!card || !route) continue;
      const toast = await tap(curators, card.id, route.callback_data!);
      if (!toast.includes('устарела')) routed.add(id);
    }
    return routed.size === opened.length;
  }, 'every opened card routed', 300_000);
  await until(async () => {
    const rows = await db.select({ id: incidents.id, status: incidents.status }).from(incidents);
    return listed.every((id) => rows.find((r) => r.id === id)?.status === 'routed');
  }, 'the routed statuses', 30_000);

  // A second tap on «Открыть» finds the card in the chat; no card was sent twice.
  const page1 = telegram.messages(curators).find((x) => x.id === digest!.messageId)!;
  const again = buttonsOf(page1).find((b) => b.text.startsWith('Открыть №'))!;
  expect(await tap(curators, page1.id, again.callback_data!)).toMatch(/^Карточка №\d+ уже в чате\.$/);
  const cardIds = telegram.messages(curators).flatMap((m) => /^Сообщение №(\d+) /.exec(m.text ?? '')?.[1] ?? []).map(Number);
  expect(new Set(cardIds).size).toBe(cardIds.length);
  expect(new Set(cardIds).size).toBe(MESSAGES);

  // A forged «Открыть» for an incident this chat's digest does not list changes nothing.
  const elsewhere = await new Api(FAKE_SECRETS.telegramToken, { apiRoot: telegram.apiRoot }).sendMessage(org.chats.duty, 'Дежурным');
  const other = await tap(org.chats.duty, elsewhere.message_id, `do:${listed[0]}`);
  expect(other).toBe('Этого сообщения нет в сводке этого чата.');
});
