/**
 * A spike: 300 citizens write to the VK community at once, and the curators'
 * chat must get every one of them without the bot being throttled into
 * losing any. Real PostgreSQL, Redis, bots and worker; the fake Telegram
 * enforces Telegram's REAL limits (20 sends and 20 edits a minute per group,
 * 30 a second per bot).
 *
 * Honest about time: the system and the fake share one clock that runs
 * SPEED times faster than the wall, so a two-minute drain takes a few real
 * seconds. Every limit, window, retry_after and pause is reckoned on that
 * clock. The machine's own work (HTTP, SQL, VK's 20 calls a second) is not
 * sped up, so on that clock it looks SPEED times slower than it is: the 300
 * callbacks, posted within a few real seconds, spread over a minute or more
 * of app time, and the test prints how long each step took on that clock.
 * Waits are reported, not asserted: they depend on the machine.
 *
 * Someone else shares the bot's budget in that chat (another sender with the
 * same token), so the fake answers real 429s; each must be obeyed by pausing
 * that chat only, and the message retried, never dropped.
 */
import { Api } from 'grammy';
import { count, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadEnv } from '../../shared/platform/config/env.js';
import { loadOrg, type Org } from '../../shared/platform/config/org.js';
import { EXAMPLE_ORG, FAKE_SECRETS } from '../../shared/sandbox/demo/harness.js';
import { cards, incidents, laneDigestItems, laneDigests } from '../../shared/platform/db/schema.js';
import { startFakeTelegram, type FakeTelegram, type TelegramCall } from '../../shared/sandbox/fakes/telegram.js';
import { startFakeVk, type FakeVk } from '../../shared/sandbox/fakes/vk.js';
import { messageNew, postVkCallback } from '../../shared/sandbox/fakes/vk-callback.js';
import { lanesOf, postMessage, showDigestPage, TELEGRAM_LANE_LIMITS } from '../../shared/staffchat/lanes/index.js';
import { scaledClock } from '../../shared/staffchat/lanes/time.js';
import { silentLogger } from '../../shared/platform/log.js';
import { startSystem, type RunningSystem } from '../../shared/cli/system.js';
import { freshDatabase } from '../kit/db.js';
import { freshRedis } from '../kit/redis.js';

const SPEED = 20;
const MESSAGES = 300;
/** What the other sender with the bot's token writes into the curators' chat. */
const OTHER = 'Объявление';

const clock = scaledClock(SPEED, Date.now());
/** The app clock's reading of a wall-clock instant (PostgreSQL's now() is on the wall clock). */
const appTime = (wall: Date) => clock.start + (wall.getTime() - clock.start) * SPEED;
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
  // Bursts off: thirty neighbours write ten times each within a minute, and the spike needs 300 cards.
  org = { ...loadOrg(EXAMPLE_ORG), ingest: { burstMinutes: 0 } };
  const groupId = org.networks!.vk!.groupId;
  telegram = await startFakeTelegram({ now: () => clock.now().getTime() }); // REAL_LIMITS
  vk = await startFakeVk({ group: { id: groupId, name: org.name }, confirmationCode: FAKE_SECRETS.vkConfirmationCode });
  const env = loadEnv({
    TELEGRAM_BOT_TOKEN: FAKE_SECRETS.telegramToken,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    VK_GROUP_ID: String(groupId),
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

const sends = (chatId: number) => (c: TelegramCall) => c.method === 'sendMessage' && c.params.chat_id === chatId;
/** What a send was about: a card's incident number, or the digest (cards may change wording between attempts). */
const what = (c: TelegramCall) => {
  const text = String(c.params.text ?? '');
  return text.startsWith('📥') ? 'digest' : (/Сообщение №(\d+)/.exec(text)?.[1] ?? text);
};
/** Requests Otklik made, not the other sender. */
const ours = (c: TelegramCall) => !String(c.params.text ?? '').startsWith(OTHER);

it('delivers a 300-message spike to the curators without losing one: cards, then one live digest, every 429 obeyed', { timeout: 120_000 }, async () => {
  const curators = org.chats.curators;
  const ctx = system.ctx;
  const db = ctx.database.db;

  const started = clock.now().getTime();
  const events = Array.from({ length: MESSAGES }, (_, i) =>
    // Thirty neighbours writing ten times each: VK answers users.get 20 times a second (real time), which
    // would otherwise, not Telegram, set the pace of the spike.
    messageNew({ groupId: vk.group.id, secret: FAKE_SECRETS.vkCallbackSecret, fromId: 700_000 + (i % 30), text: `Обращение ${i + 1}: в доме нет отопления` }),
  );
  const posting = (async () => {
    for (let i = 0; i < events.length; i += 50) {
      const answers = await Promise.all(events.slice(i, i + 50).map((e) => postVkCallback(webhook, e)));
      expect(answers.every((a) => a.status === 200 && a.body === 'ok')).toBe(true);
    }
    return clock.now().getTime() - started;
  })();

  // As the first cards arrive, another sender with the bot's token uses up the chat's minute, again and
  // again until Otklik is refused once: however fast or slow this machine is, the lane meets a real 429.
  await telegram.waitFor((c) => sends(curators)(c) && c.response.status === 200, 30_000);
  const other = new Api(FAKE_SECRETS.telegramToken, { apiRoot: telegram.apiRoot });
  const refusedOurs = (c: TelegramCall) => ours(c) && c.response.status === 429 && c.params.chat_id === curators;
  let otherDelivered = 0;
  let otherRefusedOtherwise = 0;
  const contending = (async () => {
    while (!telegram.calls.some(refusedOurs)) {
      const tries = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => other.sendMessage(curators, `${OTHER} ${otherDelivered + i + 1}`)));
      otherDelivered += tries.filter((r) => r.status === 'fulfilled').length;
      otherRefusedOtherwise += tries.filter((r) => r.status === 'rejected' && (r as PromiseRejectedResult).reason.error_code !== 429).length;
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const postedWithinMs = await posting;

  // The lane's next send is refused: it pauses the curators' chat, and a message to the duty officers
  // meanwhile is not held up by that pause.
  const refused = await telegram.waitFor(refusedOurs, 60_000);
  await contending;
  expect(otherRefusedOtherwise).toBe(0);
  const retryAfterMs = Number((refused.response.body.parameters as { retry_after: number }).retry_after) * 1000;
  expect(await postMessage(ctx, { chatId: org.chats.duty, key: 'spike-test', text: 'Дежурным: проверка связи' })).toBe('queued');
  const duty = await telegram.waitFor((c) => sends(org.chats.duty)(c) && c.response.status === 200, 10_000);
  expect(duty.at).toBeLessThan(refused.at + retryAfterMs);
  const curatorsAfterPause = telegram.calls.filter((c) => ours(c) && sends(curators)(c) && c.at > refused.at && c.response.status === 200);
  expect(curatorsAfterPause.every((c) => c.at >= refused.at + retryAfterMs)).toBe(true);

  // Every incident was registered, and the lane settles: every card shown or listed, nothing queued.
  await until(async () => (await db.select({ n: count() }).from(incidents))[0]!.n === MESSAGES, 'all incidents', 60_000);
  const rt = lanesOf(ctx)!;
  await until(async () => {
    const depth = await rt.lane.depth(curators);
    const [{ rows } = { rows: 0 }] = await db.select({ rows: count() }).from(cards).where(eq(cards.chatId, curators));
    const digests = await db.select().from(laneDigests).where(eq(laneDigests.chatId, curators));
    return depth.send + depth.edit === 0 && rows === MESSAGES && digests.every((d) => d.shownVersion === d.version);
  }, 'the curators\' lane to drain', 60_000);
  const drainedMs = clock.now().getTime() - started;
  const [{ registeredMs } = { registeredMs: 0 }] = await db
    .select({ registeredMs: sql<number>`extract(epoch from max(${incidents.updatedAt}) - min(${incidents.detectedAt})) * 1000` })
    .from(incidents);

  const all = await db.select({ id: incidents.id }).from(incidents);
  const ids = new Set(all.map((r) => r.id));
  const chat = telegram.messages(curators);
  const cardIds = chat.flatMap((m) => /^Сообщение №(\d+) /.exec(m.text ?? '')?.[1] ?? []).map(Number);
  expect(new Set(cardIds).size, 'no card sent twice').toBe(cardIds.length);
  // No more cards than the chat takes in two minutes beyond the time the incidents took to appear; the rest
  // waited in the digest, not in a queue. (The machine's own work is not sped up: when it is slow, the incidents
  // appear over minutes of the app's clock, and cards offered later may go out once earlier ones have.)
  const { capacity, perMs } = TELEGRAM_LANE_LIMITS.groupSend;
  expect(cardIds.length).toBeLessThanOrEqual(Math.floor(capacity + perMs * (TELEGRAM_LANE_LIMITS.backlogHorizonMs + Number(registeredMs) * SPEED)));

  // One digest message, listing exactly the incidents that got no card of their own.
  const digests = chat.filter((m) => m.text?.startsWith('📥'));
  expect(digests).toHaveLength(1);
  const [digestRow] = await db.select().from(laneDigests).where(eq(laneDigests.chatId, curators));
  const listed = (await db.select({ id: laneDigestItems.incidentId }).from(laneDigestItems).where(eq(laneDigestItems.digestId, digestRow!.id))).map((r) => r.id);
  expect(listed.length).toBeGreaterThan(0);
  expect(digests[0]!.text).toMatch(new RegExp(`^📥 Ещё ${listed.length} нов`));
  expect([...cardIds, ...listed].sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));

  // Every listed incident is reachable from the chat: page through the live message and read each page.
  const seen = new Set<number>();
  const pages = Math.ceil(listed.length / 10);
  for (let page = 1; page <= pages; page += 1) {
    if (page > 1) expect(await showDigestPage(ctx, digestRow!.id, page)).toBe(true);
    const shown = await until(() => {
      const m = telegram.messages(curators).find((x) => x.id === digestRow!.messageId);
      return m?.text?.includes(`Страница ${page} из ${pages}`) ? m : undefined;
    }, `digest page ${page}`, 20_000);
    for (const n of shown.text!.matchAll(/№(\d+) ·/g)) seen.add(Number(n[1]));
    const rows = (shown.replyMarkup as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> }).inline_keyboard;
    // «Открыть №N» for each line of the page, then the five paging buttons.
    const onPage = [...shown.text!.matchAll(/№(\d+) ·/g)].map((n) => Number(n[1]));
    expect(rows.slice(0, -1).flat().map((b) => b.text)).toEqual(onPage.map((n) => `Открыть №${n}`));
    expect(rows.at(-1)!.length).toBe(5);
    for (const b of rows.flat()) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
  }
  expect([...seen].sort((a, b) => a - b)).toEqual([...listed].sort((a, b) => a - b));

  // Telegram refused nothing but 429s, and every refused request went through later.
  const answered = telegram.calls.filter((c) => ours(c) && (c.method === 'sendMessage' || c.method === 'editMessageText'));
  const statuses = new Set(answered.map((c) => c.response.status));
  expect([...statuses].sort()).toEqual([200, 429]);
  const floods = answered.filter((c) => c.response.status === 429);
  for (const f of floods) {
    const retried = answered.find(
      (c) =>
        c.at > f.at &&
        c.response.status === 200 &&
        c.method === f.method &&
        c.params.chat_id === f.params.chat_id &&
        (f.method === 'sendMessage' ? what(c) === what(f) : c.params.message_id === f.params.message_id),
    );
    expect(retried, `429 of ${f.method} at ${f.at} retried`).toBeDefined();
  }
  // One successful send per card and one for the digest: nothing sent twice.
  const delivered = answered.filter((c) => sends(curators)(c) && c.response.status === 200);
  expect(delivered).toHaveLength(cardIds.length + 1);
  expect(chat.filter((m) => m.text?.startsWith(OTHER))).toHaveLength(otherDelivered);

  const digestEdits = answered.filter((c) => c.method === 'editMessageText' && c.params.message_id === digestRow!.messageId && c.response.status === 200);
  // How long each incident waited, on the app clock, from its arrival to being reachable in the chat:
  // its own card sent, or a digest rendering that counted it.
  const arrivals = await db.select({ id: incidents.id, at: incidents.detectedAt, registered: incidents.updatedAt }).from(incidents);
  const ok = answered.filter((c) => c.response.status === 200 && c.params.chat_id === curators);
  const cardSentAt = new Map(ok.filter((c) => c.method === 'sendMessage' && what(c) !== 'digest').map((c) => [Number(what(c)), c.at]));
  const renderings = ok
    .filter((c) => String(c.params.text).startsWith('📥'))
    .map((c) => ({ at: c.at, count: Number(/Ещё (\d+)/.exec(String(c.params.text))![1]) }));
  const items = await db.select().from(laneDigestItems).where(eq(laneDigestItems.digestId, digestRow!.id)).orderBy(laneDigestItems.addedAt);
  const rank = new Map(items.map((item, i) => [item.incidentId, i + 1]));
  const waits = arrivals.map(({ id, at, registered }) => {
    const reachable = cardSentAt.get(id) ?? renderings.find((r) => r.count >= rank.get(id)!)?.at;
    expect(reachable, `incident ${id} reachable`).toBeDefined();
    return { fromArrival: reachable! - appTime(at), fromRegistration: reachable! - appTime(registered) };
  });

  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.info(
    `spike (app clock, ${SPEED}× real): ${MESSAGES} callbacks answered within ${s(postedWithinMs)}, ` +
      `incidents registered within ${s(Number(registeredMs) * SPEED)}, lane drained after ${s(drainedMs)}; ` +
      `${cardIds.length} cards + 1 digest of ${listed.length} (${pages} pages, ${digestEdits.length} edits incl. paging); ` +
      `${floods.length} × 429 answered to Otklik, all retried; the other sender got ${otherDelivered} in; ` +
      `longest wait until reachable: ${s(Math.max(...waits.map((w) => w.fromRegistration)))} from registration, ` +
      `${s(Math.max(...waits.map((w) => w.fromArrival)))} from the callback`,
  );

  // The incidents a digest stands for are not re-sent as cards by the reconciler (the digest's «Открыть №N» sends one).
  const ghost = await db.select({ n: count() }).from(cards).where(inArray(cards.incidentId, listed));
  expect(ghost[0]!.n).toBe(listed.length);
});

async function until<T>(probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, what: string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
