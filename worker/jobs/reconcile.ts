import { reconcile as reconcileNow } from '../../shared/flows/reconcile/reconcile.js';
import type { JobHandler } from '../job.js';

/** Every minute: what PostgreSQL says should have happened and left no trace is enqueued again (shared/flows/reconcile/reconcile.ts). */
export const reconcile: JobHandler<'reconcile'> = {
  name: 'reconcile',
  concurrency: 1,
  handle: (_payload, ctx) => reconcileNow(ctx),
};
