/**
 * Publishing across worker restarts, with the worker as its own process
 * (`otklik worker`, as docker compose runs it):
 * - Telegram sends a reply and the worker is killed before it hears so.
 *   Telegram has no idempotency key, so the next worker does not send it
 *   again: the card says the outcome is unknown, and the curator decides.
 *   (VK's keys make a repeat safe: vk-publish-crash.test.ts.)
 * - A publish job that used up all its attempts (Telegram unreachable for
 *   minutes) is not left behind: the reconciler runs it again, and the reply
 *   goes out once.
 * Real time: BullMQ gives a dead worker's jobs to another after their lock
 * lapses (30 s).
 */
import { UnrecoverableError, Worker } from 'bullmq';
import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { incidents, publications } from '../../shared/platform/db/schema.js';
import { startHarness, type Harness } from '../../shared/sandbox/demo/harness.js';
import { buttonsOf, cardSays, press, until } from '../../shared/sandbox/demo/staff.js';
import { catalog } from '../../shared/platform/jobs/catalog.js';
import { silentLogger } from '../../shared/platform/log.js';
import { freshDatabase } from '../kit/db.js';
import { freshRedis } from '../kit/redis.js';
import { workerProcesses } from '../kit/worker-processes.js';
import { publicBotOrgPath, repliesTo, roadMessageOnApproval, toChat } from '../kit/telegram-citizens.js';

const CURATOR = 101;

let db: { url: string; drop(): Promise<void> };
let redis: { url: string };
let h: Harness;
let orgPath: string;

const workers = workerProcesses(() => ({ ...h.envVars, DATABASE_URL: db.url, REDIS_URL: redis.url, OTKLIK_ORG: orgPath, LOG_LEVEL: 'error' }));

beforeAll(async () => {
  db = await freshDatabase();
  redis = await freshRedis();
  // The staff bot is also the administration's public bot: citizens write to it in private.
  orgPath = publicBotOrgPath();
  // Bots only in this process: every job, publishing included, runs in the worker processes.
  h = await startHarness({ databaseUrl: db.url, redisUrl: redis.url, log: silentLogger, worker: false, orgPath });
}, 60_000);

afterAll(async () => {
  await workers.endAll();
  await h?.stop();
  await db?.drop();
});

const curators = () => h.org.chats.curators;
const publicationOf = async (id: number) => (await h.system.ctx.database.db.select().from(publications).where(eq(publications.incidentId, id)))[0];
const statusOf = async (id: number) => (await h.system.ctx.database.db.select().from(incidents).where(eq(incidents.id, id)))[0]?.status;

it('a worker killed after Telegram sent the reply: the next one does not send it again, and the curator decides', async () => {
  const CITIZEN = 720_001;
  const first = workers.start();
  const answer = 'Здравствуйте, Мария! Яму у почты засыплют в четверг.';
  const id = await roadMessageOnApproval(h, CITIZEN, 'Яма на дороге в с. Антоновка у почты, колесо пробила', answer);

  const hold = h.telegram.holdNext('sendMessage', toChat(CITIZEN));
  expect(await press(h, curators(), id, CURATOR, '✅ Утвердить')).toBe('Утверждено — ответ публикуется');
  await Promise.race([hold.recorded, new Promise((_, reject) => setTimeout(() => reject(new Error('no held sendMessage')), 30_000).unref())]);
  await cardSays(h, curators(), id, (t) => t.includes('Публикуется…'), 'the card while publishing');
  await workers.end(first);
  hold.release(); // to nobody: the caller is gone
  expect(repliesTo(h, CITIZEN).map((m) => m.text)).toEqual([answer]);
  expect(await publicationOf(id)).toMatchObject({ status: 'pending', attempts: 1, sendingSince: expect.any(Date) });

  workers.start();
  await until(async () => (await publicationOf(id))?.status === 'unconfirmed', 'the publication left to staff', 120_000);
  const card = await cardSays(h, curators(), id, (t) => t.includes('Неизвестно, получил ли автор ответ'), 'the unconfirmed reply on the card');
  expect(card.text).toContain('переписку с ботом видит только автор');
  expect(buttonsOf(h, curators(), id).map((b) => b.text)).toEqual(['🔁 Отправить снова', '✅ Опубликовано вручную']);
  expect(repliesTo(h, CITIZEN)).toHaveLength(1);
  expect(await publicationOf(id)).toMatchObject({ attempts: 1, sendingSince: null });

  // The citizen confirmed by phone that the answer came: the curator marks it published.
  expect(await press(h, curators(), id, CURATOR, '✅ Опубликовано вручную')).not.toMatch(/устарела|недоступно/);
  await until(async () => (await statusOf(id)) === 'answered', 'the incident answered');
  expect(repliesTo(h, CITIZEN)).toHaveLength(1);
}, 240_000);

it('a publish job that used up its attempts is run again by the reconciler, and the reply goes out once', async () => {
  const CITIZEN = 720_002;
  const answer = 'Здравствуйте! Провал у вокзала заделают до конца недели.';
  if (!workers.anyAlive()) workers.start();
  const id = await roadMessageOnApproval(h, CITIZEN, 'Провал асфальта на дороге в г. Завитинск у вокзала', answer);
  await workers.endAll('SIGTERM'); // as an admin stops it: jobs in hand finished first

  // Nobody but this stand-in takes the job: it fails the way Telegram down for minutes ends a job's last attempt.
  const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
  let taken!: () => void;
  const given = new Promise<void>((resolve) => (taken = resolve));
  const standIn = new Worker(
    'publish',
    async () => {
      taken();
      throw new UnrecoverableError('Telegram unreachable: attempts used up');
    },
    { connection, prefix: h.system.ctx.queuePrefix },
  );
  expect(await press(h, curators(), id, CURATOR, '✅ Утвердить')).toBe('Утверждено — ответ публикуется');
  await given;
  const pub = await until(() => publicationOf(id), 'the publication');
  const job = await h.system.ctx.queues.queue('publish').getJob(catalog.publish.jobId({ publicationId: pub.id }));
  await until(async () => (await job!.getState()) === 'failed', 'the failed publish job');
  await standIn.close();
  await connection.quit();
  expect(pub.status).toBe('pending');
  expect(repliesTo(h, CITIZEN)).toEqual([]);

  // A new worker reconciles as it starts: the pending reply gets its job run again.
  workers.start();
  await until(async () => (await publicationOf(id))?.status === 'sent', 'the reply sent', 60_000);
  await cardSays(h, curators(), id, (t) => t.includes('Ответ опубликован'), 'the published card');
  expect(repliesTo(h, CITIZEN).map((m) => m.text)).toEqual([answer]);
  expect(await statusOf(id)).toBe('answered');
}, 240_000);
