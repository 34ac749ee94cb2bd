/**
 * The worker process: one BullMQ Worker per catalogued job. Any number of
 * replicas may run; deterministic job ids and PostgreSQL checks keep every
 * effect single.
 */
import { Worker } from 'bullmq';
import { catalog, type JobName } from '../shared/platform/jobs/catalog.js';
import type { AppContext } from '../shared/networks/context.js';
import { connectRedis } from '../shared/platform/runtime/redis.js';
import { withoutPersonalData } from '../shared/platform/safe-error.js';
import { scheduleReports } from '../shared/flows/reports/tick.js';
import { okTopicsOf, scheduleOkTopics } from '../shared/networks/ok/topics.js';
import { schedulePrivacyRetention } from './jobs/privacy-retention.js';
import { releaseDeparted } from '../shared/flows/staff/removal.js';
import { assertRegistryComplete, handlers } from './registry.js';
import type { JobHandler } from './job.js';
import { createWorkerMetrics } from './metrics.js';
import { healthz } from '../shared/platform/http/health.js';
import { send, startHttpServer } from '../shared/platform/http/server.js';

export const RECONCILE_EVERY_MS = 60_000;

/** `port`: where the worker's /healthz and /metrics listen (WORKER_HTTP_PORT; 0 picks a free one). */
export type RunningWorker = { port: number; close(): Promise<void> };

export async function startWorker(ctx: AppContext): Promise<RunningWorker> {
  assertRegistryComplete();
  const connection = connectRedis(ctx.redisUrl, ctx.log, 'worker');
  // Tells jobs that wait (an ingest batch waiting out a flood) to stop waiting: close() waits for active jobs.
  const closing = new AbortController();
  const metrics = createWorkerMetrics(ctx);
  const workers = (Object.keys(handlers) as JobName[]).map((name) => {
    const handler = handlers[name] as JobHandler<JobName>;
    const worker = new Worker(
      name,
      async (job) => {
        // Payloads are re-validated after their round trip through Redis.
        const payload = catalog[name].schema.parse(job.data);
        try {
          const outcome = await handler.handle(payload as never, ctx, closing.signal);
          ctx.log.debug({ job: name, jobId: job.id, outcome }, 'job done');
          return outcome;
        } catch (err) {
          // BullMQ keeps the message and stack in Redis for days: never the query parameters in them.
          throw withoutPersonalData(err);
        }
      },
      { connection, prefix: ctx.queuePrefix, concurrency: handler.concurrency },
    );
    worker.on('error', (err) => ctx.log.error({ err, job: name }, 'worker error'));
    worker.on('failed', (job, err) => {
      metrics.jobsFailed.inc({ queue: name });
      ctx.log.warn({ job: name, jobId: job?.id, attempt: job?.attemptsMade, err: err.message }, 'job failed');
    });
    return worker;
  });

  // Work held by people no longer on staff (taken out of the organisation file) goes back before anything else runs.
  await releaseDeparted(ctx).catch((err: unknown) => ctx.log.warn({ err }, 'departed staff\'s incidents not given back'));
  // Reconcile at start and every minute; the scheduler is one per Redis whatever the replica count.
  await ctx.queues.enqueue('reconcile', {}, { removeOnComplete: true, removeOnFail: true });
  const upsertSchedulers = async () => {
    await ctx.queues.queue('reconcile').upsertJobScheduler('reconcile-every-minute', { every: RECONCILE_EVERY_MS }, { name: 'reconcile', data: {} });
    await scheduleReports(ctx);
    await scheduleOkTopics(ctx);
    await schedulePrivacyRetention(ctx);
  };
  await upsertSchedulers();
  // A Redis that lost its data (FLUSHALL, a failover without persistence) lost the schedulers too; every
  // replica puts them back each minute (upserting is idempotent), and the next reconcile restores the rest.
  const keeper = setInterval(() => {
    upsertSchedulers().catch((err: unknown) => ctx.log.warn({ err }, 'schedulers not restored'));
  }, RECONCILE_EVERY_MS);
  keeper.unref();
  // Health and metrics on a port of their own, loopback by default: nothing here is for the internet.
  const http = await startHttpServer({
    routes: [
      { method: 'GET', path: '/healthz', handle: healthz(ctx, () => ({ jobs: workers.every((w) => w.isRunning()) ? 'ok' : 'unavailable' })) },
      { method: 'GET', path: '/metrics', handle: async (_req, res) => send(res, 200, await metrics.registry.metrics(), metrics.registry.contentType) },
    ],
    port: ctx.env.WORKER_HTTP_PORT,
    host: ctx.env.WORKER_HTTP_HOST,
    log: ctx.log,
  });
  ctx.log.info({ jobs: Object.keys(handlers), port: http.port }, 'worker started');
  ctx.log.info(okTopicsOf(ctx).reason === 'on' ? 'OK topic comments are polled' : okTopicsOf(ctx).reason);

  return {
    port: http.port,
    async close() {
      clearInterval(keeper);
      await http.close();
      closing.abort();
      await Promise.all(workers.map((w) => w.close()));
      connection.disconnect();
    },
  };
}
