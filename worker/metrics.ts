/**
 * The worker's Prometheus metrics: what an admin must hear about before the
 * citizens do — jobs piling up or failing, staff chats paused by Telegram,
 * replies refused or left unconfirmed, deadlines overdue, a token revoked, the
 * last backup too old. Gauges are read from Redis and PostgreSQL when scraped
 * (at most every CACHE_MS), so that any number of replicas report the same
 * truth; the counters are this process's own.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { and, gte, inArray, like, sql } from 'drizzle-orm';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { jobNames } from '../shared/platform/jobs/catalog.js';
import { incidents, publications } from '../shared/platform/db/schema.js';
import { loadEventsOf } from '../shared/platform/db/events.js';
import { nextDeadline } from '../shared/staffchat/cards/deadline.js';
import type { AppContext } from '../shared/networks/context.js';
import { lastReloadRefused } from '../shared/flows/reconcile/reload.js';

const CACHE_MS = 5_000;
const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized'] as const;
/** Statuses past which no deadline runs. */
const FINISHED = ['closed', 'rejected', 'forwarded', 'answered'];
const DAY_MS = 24 * 3600 * 1000;

export function createWorkerMetrics(ctx: AppContext) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'otklik_worker_' });
  const reading = cachedReading(ctx);

  const jobsFailed = new Counter({
    name: 'otklik_jobs_failed_total',
    help: 'Job attempts that failed in this worker, by queue (each retry counts)',
    labelNames: ['queue'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'otklik_queue_jobs',
    help: 'Jobs in each BullMQ queue by state',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      const r = await reading();
      for (const [queue, counts] of Object.entries(r.queues)) for (const [state, n] of Object.entries(counts)) this.set({ queue, state }, n);
    },
  });
  new Gauge({
    name: 'otklik_config_reload_failed',
    help: '1 when this process refused the organisation file at its last reload (SIGHUP) and still runs the previous one',
    registers: [registry],
    collect() {
      this.set(lastReloadRefused(ctx) ? 1 : 0);
    },
  });
  new Gauge({
    name: 'otklik_lanes_paused',
    help: 'Staff chats Telegram has told us to leave alone for now (a 429 retry_after)',
    registers: [registry],
    async collect() {
      this.set((await reading()).lanesPaused);
    },
  });
  new Gauge({
    name: 'otklik_publications',
    help: 'Replies to citizens by publication status (failed: refused by the network; unconfirmed: may have gone out, staff decide)',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const [status, n] of Object.entries((await reading()).publications)) this.set({ status }, n);
    },
  });
  new Gauge({
    name: 'otklik_publications_auth_failed_24h',
    help: 'Replies refused in the last 24 h because the network rejected the token (revoked or expired), by network',
    labelNames: ['network'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const network of ['vk', 'ok', 'telegram']) this.set({ network }, (await reading()).authFailed[network] ?? 0);
    },
  });
  new Gauge({
    name: 'otklik_telegram_bot_authorized',
    // The name is kept for dashboards; with staff on MAX it is MAX's bot that is asked.
    help: '1 when the staff bot\'s token is accepted by its messenger (getMe; Telegram, or MAX with messenger: max), 0 when it is revoked; absent without a staff bot',
    registers: [registry],
    async collect() {
      const authorized = (await reading()).telegramAuthorized;
      if (authorized === null) this.reset();
      else this.set(authorized ? 1 : 0);
    },
  });
  new Gauge({
    name: 'otklik_incidents_overdue',
    help: 'Open incidents whose next deadline has passed, by the stage (timer) that is late',
    labelNames: ['stage'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const [stage, n] of Object.entries((await reading()).overdue)) this.set({ stage }, n);
    },
  });
  new Gauge({
    name: 'otklik_incidents_open',
    help: 'Incidents not yet answered, closed or rejected',
    registers: [registry],
    async collect() {
      this.set((await reading()).open);
    },
  });
  new Gauge({
    name: 'otklik_backup_last_success_timestamp_seconds',
    help: 'When the newest complete backup in OTKLIK_BACKUP_DIR was written; absent when none is configured or found',
    registers: [registry],
    async collect() {
      const at = (await reading()).lastBackup;
      if (at === null) this.reset();
      else this.set(at / 1000);
    },
  });

  return { registry, jobsFailed };
}

export type WorkerMetrics = ReturnType<typeof createWorkerMetrics>;

type Reading = {
  queues: Record<string, Record<string, number>>;
  lanesPaused: number;
  publications: Record<string, number>;
  authFailed: Record<string, number>;
  telegramAuthorized: boolean | null;
  overdue: Record<string, number>;
  open: number;
  lastBackup: number | null;
};

/** One reading shared by every gauge of a scrape, refreshed at most every CACHE_MS. */
function cachedReading(ctx: AppContext): () => Promise<Reading> {
  let last: { at: number; value: Promise<Reading> } | null = null;
  return () => {
    const now = Date.now();
    if (!last || now - last.at > CACHE_MS) {
      const value = read(ctx);
      last = { at: now, value };
      value.catch(() => (last = null)); // a failed reading is not kept
    }
    return last.value;
  };
}

async function read(ctx: AppContext): Promise<Reading> {
  const [queues, lanesPaused, pubs, authFailed, telegramAuthorized, overdue, lastBackup] = await Promise.all([
    queueCounts(ctx),
    pausedLanes(ctx),
    ctx.database.db.select({ status: publications.status, n: sql<number>`count(*)::int` }).from(publications).groupBy(publications.status),
    authFailures(ctx),
    telegramAuth(ctx),
    overdueByStage(ctx),
    newestBackup(ctx.env.OTKLIK_BACKUP_DIR),
  ]);
  return {
    queues,
    lanesPaused,
    publications: Object.fromEntries(pubs.map((r) => [r.status, r.n])),
    authFailed,
    telegramAuthorized,
    overdue: overdue.byStage,
    open: overdue.open,
    lastBackup,
  };
}

async function queueCounts(ctx: AppContext): Promise<Reading['queues']> {
  const entries = await Promise.all(jobNames.map(async (name) => [name, await ctx.queues.queue(name).getJobCounts(...JOB_STATES)] as const));
  return Object.fromEntries(entries);
}

/** Lanes whose pause (Telegram's retry_after, app-clock ms) lies ahead. */
async function pausedLanes(ctx: AppContext): Promise<number> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await ctx.redis.scan(cursor, 'MATCH', `${ctx.queuePrefix}:lane:{*}:pause`, 'COUNT', 500);
    cursor = next;
    keys.push(...found);
  } while (cursor !== '0');
  if (!keys.length) return 0;
  const now = ctx.clock.now().getTime();
  const until = await ctx.redis.mget(...keys);
  return until.filter((v) => Number(v ?? 0) > now).length;
}

async function authFailures(ctx: AppContext): Promise<Record<string, number>> {
  const since = new Date(ctx.clock.now().getTime() - DAY_MS);
  const rows = await ctx.database.db
    .select({ reason: publications.reasonKey, n: sql<number>`count(*)::int` })
    .from(publications)
    .where(and(inArray(publications.status, ['failed', 'pending']), like(publications.reasonKey, 'publish-%-auth'), gte(publications.createdAt, since)))
    .groupBy(publications.reasonKey);
  return Object.fromEntries(rows.map((r) => [/^publish-(\w+)-auth$/.exec(r.reason ?? '')?.[1] ?? 'unknown', r.n]));
}

async function telegramAuth(ctx: AppContext): Promise<boolean | null> {
  if (!ctx.staffApi) return null;
  try {
    await ctx.staffApi.getMe();
    return true;
  } catch (err) {
    // Only the messenger's own "Unauthorized" (MAX's 401 is worded so too) says the token is bad; an outage says nothing about it.
    return (err as { error_code?: number }).error_code === 401 ? false : true;
  }
}

/** Open incidents whose next deadline is past, by that deadline's timer: /overdue's count. */
async function overdueByStage(ctx: AppContext): Promise<{ open: number; byStage: Record<string, number> }> {
  const rows = await ctx.database.db
    .select({ id: incidents.id })
    .from(incidents)
    .where(sql`${incidents.status} not in (${sql.join(FINISHED.map((s) => sql`${s}`), sql`, `)})`);
  const byStage: Record<string, number> = {};
  const now = ctx.clock.now().getTime();
  for (let i = 0; i < rows.length; i += 500) {
    const events = await loadEventsOf(ctx.database.db, rows.slice(i, i + 500).map((r) => r.id));
    for (const list of events.values()) {
      const next = nextDeadline(list, ctx.profile, ctx.workTime);
      if (next && next.due.getTime() < now) byStage[next.timer] = (byStage[next.timer] ?? 0) + 1;
    }
  }
  return { open: rows.length, byStage };
}

async function newestBackup(dir: string | undefined): Promise<number | null> {
  if (!dir) return null;
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.backup.gz'));
  const times = await Promise.all(names.map((n) => stat(join(dir, n)).then((s) => s.mtimeMs, () => 0)));
  const newest = Math.max(0, ...times);
  return newest > 0 ? newest : null;
}
