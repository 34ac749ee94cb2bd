/**
 * Faults with real processes: `otklik worker` processes (tsx, as docker
 * compose runs them) on this file's PostgreSQL and Redis, sending to the fake
 * Telegram. One is killed with SIGKILL while the timers are pending, two
 * others take over, Redis loses everything (FLUSHDB) and the workers are
 * restarted: every incident's missed routing is still told exactly once,
 * counted at the fake Telegram. Real time: the routing timer is shortened
 * to one working minute, and today and tomorrow are round-the-clock working
 * days in the test's organisation file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadOrg } from '../../shared/platform/config/org.js';
import { connectDatabase, type Database } from '../../shared/platform/db/client.js';
import { applyMigrations } from '../../shared/platform/db/migrate.js';
import { EXAMPLE_ORG, FAKE_SECRETS } from '../../shared/sandbox/demo/harness.js';
import { until } from '../../shared/sandbox/demo/staff.js';
import { startFakeTelegram, type FakeTelegram } from '../../shared/sandbox/fakes/telegram.js';
import { startFakeVk, type FakeVk } from '../../shared/sandbox/fakes/vk.js';
import { messageNew } from '../../shared/sandbox/fakes/vk-callback.js';
import { storeInboundEvent } from '../../shared/networks/inbox.js';
import { createQueues } from '../../shared/platform/jobs/queues.js';
import { silentLogger } from '../../shared/platform/log.js';
import { connectRedis } from '../../shared/platform/runtime/redis.js';
import { freshDatabase } from '../kit/db.js';
import { freshRedis } from '../kit/redis.js';
import { workerProcesses } from '../kit/worker-processes.js';

const INCIDENTS = 6;

let telegram: FakeTelegram;
let vk: FakeVk;
let db: { url: string; drop(): Promise<void> };
let redis: Awaited<ReturnType<typeof freshRedis>>;
let database: Database;
let orgPath: string;

const workers = workerProcesses(() => ({
  DATABASE_URL: db.url,
  REDIS_URL: redis.url,
  OTKLIK_ORG: orgPath,
  TELEGRAM_BOT_TOKEN: FAKE_SECRETS.telegramToken,
  TELEGRAM_API_ROOT: telegram.apiRoot,
  // The events below are VK's: a worker without VK would ignore them (closed by default).
  VK_TOKEN: FAKE_SECRETS.vkToken,
  VK_GROUP_ID: '123456',
  VK_API_BASE_URL: vk.apiBaseUrl,
  LOG_LEVEL: 'warn',
}));

beforeAll(async () => {
  db = await freshDatabase();
  redis = await freshRedis();
  telegram = await startFakeTelegram();
  vk = await startFakeVk({ group: { id: 123456, name: 'Администрация' }, communityTokens: [FAKE_SECRETS.vkToken] });
  database = connectDatabase(db.url);
  await applyMigrations(database);
  const today = DateTime.utc();
  const day = (d: DateTime) => `{ date: "${d.toISODate()}", note: test, intervals: ["00:00-24:00"] }`;
  const text = readFileSync(EXAMPLE_ORG, 'utf8')
    .replace('timezone: Asia/Yakutsk\n', `timezone: UTC\ncalendar: { workingDays: [${day(today)}, ${day(today.plus({ days: 1 }))}] }\n`)
    .replace('profile: zavitinsk-2020\n', 'profile: zavitinsk-2020\nprofileOverrides: { timers: { route: { duration: "1m" } } }\n');
  orgPath = join(mkdtempSync(join(tmpdir(), 'otklik-faults-')), 'org.yaml');
  writeFileSync(orgPath, text);
}, 60_000);

afterAll(async () => {
  await workers.endAll();
  await database?.close();
  await telegram?.close();
  await vk?.close();
  await db?.drop();
});

it('every missed routing is told once through SIGKILL, a second worker, a flushed Redis and restarts', async () => {
  const org = loadOrg(orgPath);
  const first = workers.start();
  const connection = connectRedis(redis.url, silentLogger, 'test');
  const queues = createQueues({ connection, prefix: 'otklik' }, silentLogger);
  try {
    // Messages as the webhook stores them; the worker ingests them and schedules their timers.
    for (let i = 0; i < INCIDENTS; i++) {
      const event = messageNew({ groupId: 123456, fromId: 650000 + i, text: `Обращение ${i}: не убирают снег` });
      const { secret: _s, ...payload } = event;
      const { id } = await storeInboundEvent(database.db, { network: 'vk', eventKey: event.event_id, type: event.type, payload });
      await queues.enqueue('ingest', { inboundEventId: id });
    }
    const curators = org.chats.curators;
    const cards = () => telegram.messages(curators).filter((m) => m.text?.includes('не убирают снег')).length;
    await until(() => cards() === INCIDENTS, 'every card', 60_000);

    // Killed mid-run, with every routing timer pending; two replicas take over.
    await workers.end(first);
    const a = workers.start();
    workers.start();
    // Redis loses everything while they run; a restart brings the reconciler (and the lost jobs) back.
    await new Promise((r) => setTimeout(r, 5000));
    await redis.flush();
    await workers.end(a);
    workers.start();

    const missed = () => telegram.messages(curators).filter((m) => m.text?.startsWith('🔥 Срок истёк: сообщение №'));
    await until(() => missed().length >= INCIDENTS, 'every miss', 150_000);
    // Past the due, more reconciles and retries must add nothing.
    await new Promise((r) => setTimeout(r, 8000));
    const ids = missed().map((m) => Number(/№(\d+)/.exec(m.text!)![1]));
    expect(ids.sort((x, y) => x - y)).toEqual([...Array(INCIDENTS).keys()].map((i) => i + 1));
  } finally {
    await queues.close();
    connection.disconnect();
  }
}, 240_000);
