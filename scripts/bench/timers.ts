/**
 * `npm run bench -- timers [--n=100000] [--window-s=60] [--workers=2]` — the
 * timer machinery under load: N timer steps due within one window, as
 * delayed BullMQ jobs (ids as the worker derives them; each batch's delay
 * taken from its own now, as scheduleTimers does, since BullMQ counts a
 * delay from the job's creation) on a private Redis, fired by separate
 * worker processes that each claim the step with the same
 * INSERT … ON CONFLICT DO NOTHING into timer_firings (embedded PostgreSQL)
 * the worker uses (its micro-batched claim, with a lane message row as the
 * "send"). Halfway through, a reconciler pass checks every job not claimed
 * yet in Redis and asks PostgreSQL only about the ones Redis lacks, as
 * scheduleTimers does (missingJobs). Lateness = when the handler ran − the
 * due; it is also printed by tenths of the window (a backlog grows, a
 * wake-up delay does not), with each process's CPU seconds in the window.
 * What it does not measure: deadlines() and the lanes to Telegram (see the
 * e2e tests for those). Ends with one JSON line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { connectDatabase } from '../../shared/platform/db/client.js';
import { applyMigrations } from '../../shared/platform/db/migrate.js';
import { catalog } from '../../shared/platform/jobs/catalog.js';
import { silentLogger } from '../../shared/platform/log.js';
import { ensureServices } from '../../shared/platform/services/index.js';
import { claimBatcherOf } from '../../shared/flows/deadlines/claims.js';
import { missingJobs } from '../../shared/flows/deadlines/schedule.js';
import { timer } from '../../worker/jobs/timer.js';
import type { TimerPayload } from '../../shared/flows/deadlines/schedule.js';
import { cpuByCommand } from './cpu.js';

const QUEUE = 'timer';
const PREFIX = 'benchtimers';
const INCIDENTS = 1000;

const arg = (args: string[], name: string, fallback: number) => {
  const a = args.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.slice(name.length + 3)) : fallback;
};

function payload(i: number, start: number, n: number, windowMs: number): TimerPayload {
  return { incidentId: (i % INCIDENTS) + 1, timer: 'answer', department: `b${i}`, step: 'due', due: start + Math.floor((i * windowMs) / n) };
}

/** One worker process: fires what comes due, claims it, records the send only when it won. */
async function child(): Promise<void> {
  const { BENCH_DB: dbUrl, BENCH_REDIS: redisUrl } = process.env;
  const database = connectDatabase(dbUrl!, { max: 16 });
  const connection = new Redis(redisUrl!, { maxRetriesPerRequest: null });
  const claims = claimBatcherOf(database.db);
  const worker = new Worker(
    QUEUE,
    async (job) => {
      const ran = Date.now();
      const p = catalog.timer.schema.parse(job.data);
      // The worker's own claim: batched with this process's other firings; the "send" is a lane message row
      // in the claim's transaction, addressed to this process (so a double claim would show as two rows).
      await claims.claim({ payload: p, messages: [{ chatId: process.pid, key: job.id!, text: String(ran - p.due), options: {} }] });
    },
    { connection, prefix: PREFIX, concurrency: timer.concurrency },
  );
  process.on('SIGTERM', () => {
    void worker.close().then(async () => {
      connection.disconnect();
      await database.close();
      process.exit(0);
    });
  });
  process.send?.('ready');
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);

export async function run(args: string[]): Promise<void> {
  const n = arg(args, 'n', 100_000);
  const windowMs = arg(args, 'window-s', 60) * 1000;
  const workers = arg(args, 'workers', 2);
  const dataDir = await mkdtemp(join(tmpdir(), 'otklik-bench-timers-'));
  await chmod(dataDir, 0o755);
  const services = await ensureServices({ env: { OTKLIK_DATA_DIR: dataDir }, log: silentLogger });
  const children: ChildProcess[] = [];
  try {
    const database = connectDatabase(services.databaseUrl);
    await applyMigrations(database);
    const sql = (text: string, values: unknown[] = []) => database.pool.query(text, values);
    await sql(`insert into incidents (network, kind, source_key, thread, author_id, text, posted_at, detected_at, status, profile)
               select 'vk', 'dm', 'bench-' || g, '{}'::jsonb, '1', 'bench', now(), now(), 'detected', 'zavitinsk-2020' from generate_series(1, ${INCIDENTS}) g`);

    const connection = new Redis(services.redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUE, { connection, prefix: PREFIX });
    for (let w = 0; w < workers; w++) {
      // BENCH_PROF_DIR=dir: each worker process writes a CPU profile there (node --cpu-prof).
      const prof = process.env.BENCH_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF_DIR}`] : [];
      const c = spawn(process.execPath, [...prof, '--import', 'tsx', fileURLToPath(import.meta.url)], {
        env: { ...process.env, BENCH_TIMERS_CHILD: '1', BENCH_DB: services.databaseUrl, BENCH_REDIS: services.redisUrl },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      children.push(c);
      await new Promise<void>((resolve, reject) => {
        c.once('message', () => resolve());
        c.once('exit', (code) => reject(new Error(`bench worker exited with ${code}`)));
      });
    }

    // Scheduling 100,000 jobs takes a while (up to ~50 s on the loaded shared machine); the window opens after it.
    const lead = Math.max(15_000, n * 0.8);
    const start = Date.now() + lead;
    const add = async (from: number, to: number): Promise<void> => {
      for (let i = from; i < to; i += 1000) {
        // BullMQ's due is the job's creation time + delay, so the delay is taken from now, per batch, as
        // scheduleTimers does (a start time taken once would make every later batch late by the time spent).
        const now = Date.now();
        const batch = [];
        for (let j = i; j < Math.min(to, i + 1000); j++) {
          const p = payload(j, start, n, windowMs);
          batch.push({ name: QUEUE, data: p, opts: { jobId: catalog.timer.jobId(p), delay: Math.max(0, p.due - now), removeOnComplete: true } });
        }
        await queue.addBulk(batch);
      }
    };
    const t0 = Date.now();
    await add(0, n);
    const scheduledIn = Date.now() - t0;
    console.log(`timers: ${n} jobs scheduled in ${(scheduledIn / 1000).toFixed(1)} s; window ${windowMs / 1000} s from ${new Date(start).toISOString()}, ${workers} worker processes`);
    if (Date.now() > start) console.log('timers: WARNING — scheduling ran into the window; early timers are late by that');

    // CPU from here on is the window's (start-up, migrations and scheduling excluded).
    await new Promise((r) => setTimeout(r, Math.max(0, start - Date.now())));
    const cpuAtStart = cpuByCommand(process.pid);
    const selfAtStart = process.cpuUsage();

    // Halfway through the window, a reconciler pass as the worker's: every job not claimed yet is added again
    // (delayed and running ones keep their ids, so BullMQ ignores them; a claim racing it wins once).
    await new Promise((r) => setTimeout(r, Math.max(0, start + windowMs / 2 - Date.now())));
    const claimed = new Set(((await sql('select department from timer_firings')).rows as Array<{ department: string }>).map((r) => Number(r.department.slice(1))));
    const again = [...Array(n).keys()].filter((i) => !claimed.has(i));
    let readded = 0;
    for (let k = 0; k < again.length; k += 1000) {
      const now = Date.now();
      // As scheduleTimers: only the jobs Redis lacks are added (none here, unless one completed meanwhile).
      const chunk = again.slice(k, k + 1000);
      // Redis first, then PostgreSQL: a job that completed (and was removed) in between is found claimed.
      const missing = new Set(await missingJobs(connection, queue, chunk.map((j) => catalog.timer.jobId(payload(j, start, n, windowMs)))));
      const lacking = chunk.filter((j) => missing.has(catalog.timer.jobId(payload(j, start, n, windowMs))));
      // As scheduleTimers: PostgreSQL is asked only about the jobs Redis lacks.
      if (!lacking.length) continue;
      const fired = new Set(
        ((await sql('select department from timer_firings where department = any($1)', [lacking.map((j) => `b${j}`)])).rows as Array<{ department: string }>).map((r) => r.department),
      );
      const add = lacking.filter((j) => !fired.has(`b${j}`));
      readded += add.length;
      if (!add.length) continue;
      await queue.addBulk(
        add.map((j) => {
          const p = payload(j, start, n, windowMs);
          return { name: QUEUE, data: p, opts: { jobId: catalog.timer.jobId(p), delay: Math.max(0, p.due - now), removeOnComplete: true } };
        }),
      );
    }
    console.log(`timers: reconciler pass at mid-window checked the ${again.length} jobs not claimed yet, re-added ${readded}`);

    // Until everything fired, or the queue is empty and nothing moves (what is missing then is lost), or 10 minutes.
    const until = start + windowMs + 10 * 60_000;
    let fired = 0;
    let last = -1;
    let stillSince = Date.now();
    while (Date.now() < until) {
      fired = Number((await sql('select count(*)::int as c from timer_firings')).rows[0].c);
      if (fired >= n && Date.now() > start + windowMs + 2000) break;
      if (fired !== last) [last, stillSince] = [fired, Date.now()];
      const counts = await queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
      const pending = Object.values(counts).reduce((a, b) => a + b, 0);
      if (Date.now() > start + windowMs && pending === 0 && Date.now() - stillSince > 10_000) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const sends = (await sql('select key, text::int as late_ms from lane_messages')).rows as Array<{ key: string; late_ms: number }>;
    const distinct = new Set(sends.map((s) => s.key)).size;
    const late = sends.map((s) => s.late_ms).sort((a, b) => a - b);
    const perWorker = (await sql('select chat_id as pid, count(*)::int as c from lane_messages group by chat_id')).rows as Array<{ pid: number; c: number }>;
    const result = {
      bench: 'timers',
      n,
      workers,
      p50_ms: pct(late, 50),
      p99_ms: pct(late, 99),
      max_ms: late.length ? late[late.length - 1]! : NaN,
      duplicates: sends.length - distinct,
      lost: n - distinct,
    };
    console.log(`timers: fired ${distinct} of ${n}; sends per worker: ${perWorker.map((w) => w.c).join(', ')}`);
    console.log(`timers: lateness p50 ${result.p50_ms} ms, p99 ${result.p99_ms} ms, max ${result.max_ms} ms; duplicates ${result.duplicates}; lost ${result.lost}`);
    // Lateness over the window, by tenths of it (p50/p99 of the steps due in each): a backlog grows, a wake-up delay does not.
    const tenths = Array.from({ length: 10 }, () => [] as number[]);
    for (const s of sends) {
      const i = Number(/-b(\d+)-/.exec(s.key)?.[1]);
      if (Number.isFinite(i)) tenths[Math.min(9, Math.floor((i * 10) / n))]!.push(s.late_ms);
    }
    console.log(`timers: p50/p99 by tenth of the window: ${tenths.map((l) => (l.sort((a, b) => a - b), `${pct(l, 50)}/${pct(l, 99)}`)).join(' ')}`);
    // Where Redis spent its time: the costliest commands (Lua scripts count under evalsha).
    const stats = (await connection.info('commandstats'))
      .split('\n')
      .map((l) => /^cmdstat_(\w+):calls=(\d+),usec=(\d+)/.exec(l))
      .filter((m) => m !== null)
      .map((m) => ({ cmd: m[1]!, calls: Number(m[2]), ms: Math.round(Number(m[3]) / 1000) }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5);
    const self = process.cpuUsage(selfAtStart);
    const cpu = Object.entries(cpuByCommand(process.pid)).map(([c, s]) => `${c} ${(s - (cpuAtStart[c] ?? 0)).toFixed(1)}`);
    console.log(`timers: CPU seconds from the window's start — bench ${((self.user + self.system) / 1e6).toFixed(1)}; ${cpu.join('; ')} (node: the worker processes)`);
    const persistence = await connection.info('persistence');
    const field = (k: string) => new RegExp(`^${k}:(\\S+)`, 'm').exec(persistence)?.[1];
    console.log(`timers: redis persistence: AOF rewrites ${field('aof_rewrites')} (a fork each; the last took ${field('aof_last_rewrite_time_sec')} s), AOF ${field('aof_current_size')} bytes`);
    console.log(`timers: redis busiest commands: ${stats.map((x) => `${x.cmd} ${x.calls} calls ${x.ms} ms`).join('; ')}`);
    console.log(JSON.stringify(result));
    await queue.close();
    connection.disconnect();
    await database.close();
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
    await services.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (process.env.BENCH_TIMERS_CHILD === '1') await child();
