import { catalog } from '../../shared/platform/jobs/catalog.js';
import { fireTimer } from '../../shared/flows/deadlines/fire.js';
import type { JobHandler } from '../job.js';

/** One step of an incident timer (shared/flows/deadlines/): exactly once, and only if its deadline still stands. */
export const timer: JobHandler<'timer'> = {
  name: 'timer',
  concurrency: 64,
  async handle(payload, ctx) {
    return fireTimer(ctx, payload, catalog.timer.jobId(payload));
  },
};
