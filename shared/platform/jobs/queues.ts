import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import type { Logger } from '../log.js';
import { catalog, jobNames, type JobName, type JobPayload } from './catalog.js';

/** One queue per job name: each gets its own concurrency and a stuck kind never blocks another. */
export type Queues = {
  enqueue<N extends JobName>(name: N, payload: JobPayload<N>, opts?: Omit<JobsOptions, 'jobId'>): Promise<void>;
  /** Many jobs of one kind in one Redis round trip (the webhook's batches); same ids as enqueue. */
  enqueueBulk<N extends JobName>(name: N, payloads: JobPayload<N>[]): Promise<void>;
  /**
   * Like enqueue, but a job of that id that already finished runs once more: one that used up its
   * attempts (a network down for minutes), or one whose work was asked for again. A waiting, delayed
   * or running job is left as it is: it will do the work anyway.
   */
  enqueueAgain<N extends JobName>(name: N, payload: JobPayload<N>): Promise<void>;
  queue(name: JobName): Queue;
  close(): Promise<void>;
};

export type QueueSettings = { connection: ConnectionOptions; prefix: string };

const defaults: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

export function createQueues(settings: QueueSettings, log: Logger): Queues {
  const queues = new Map<JobName, Queue>();
  for (const name of jobNames) {
    const q = new Queue(name, { connection: settings.connection, prefix: settings.prefix, defaultJobOptions: defaults });
    q.on('error', (err) => log.error({ err, queue: name }, 'queue error'));
    queues.set(name, q);
  }
  const queue = (name: JobName) => queues.get(name)!;
  return {
    queue,
    async enqueue(name, payload, opts) {
      const data = catalog[name].schema.parse(payload);
      const jobId = (catalog[name].jobId as (p: typeof data) => string)(data);
      await queue(name).add(name, data, { ...opts, jobId });
    },
    async enqueueBulk(name, payloads) {
      if (!payloads.length) return;
      const jobId = catalog[name].jobId as (p: unknown) => string;
      const jobs = payloads.map((payload) => {
        const data = catalog[name].schema.parse(payload);
        return { name, data, opts: { jobId: jobId(data) } };
      });
      await queue(name).addBulk(jobs);
    },
    async enqueueAgain(name, payload) {
      const data = catalog[name].schema.parse(payload);
      const jobId = (catalog[name].jobId as (p: typeof data) => string)(data);
      const job = await queue(name).getJob(jobId);
      if (!job) return void (await queue(name).add(name, data, { jobId }));
      const state = await job.getState();
      if (state !== 'completed' && state !== 'failed') return;
      // Another caller may have moved it meanwhile; then it is waiting again, which is all we want.
      await job.retry(state, { resetAttemptsMade: true, resetAttemptsStarted: true }).catch(async (err: unknown) => {
        const now = await job.getState();
        if (now === 'completed' || now === 'failed') throw err;
      });
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}
