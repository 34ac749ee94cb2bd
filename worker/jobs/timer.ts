import { catalog } from '../../shared/jobs/catalog.js';
import { fireTimer } from '../../shared/timers/fire.js';
import type { JobHandler } from '../job.js';

/** One step of an incident timer (shared/timers/): exactly once, and only if its deadline still stands. */
export const timer: JobHandler<'timer'> = {
  name: 'timer',
  concurrency: 64,
  async handle(payload, ctx) {
    return fireTimer(ctx, payload, catalog.timer.jobId(payload));
  },
};
