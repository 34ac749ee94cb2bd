import { deliverReport } from '../../shared/flows/reports/deliver.js';
import { reportTick as reportTickNow } from '../../shared/flows/reports/tick.js';
import { dismissalTick } from '../../shared/flows/staff/dismissal.js';
import type { JobHandler } from '../job.js';

/** One report to one chat: built from the reporting tables, sent once (shared/flows/reports/deliver.ts). */
export const report: JobHandler<'report'> = {
  name: 'report',
  // Rendering is CPU work; one at a time keeps the other queues responsive.
  concurrency: 1,
  handle: (payload, ctx) => deliverReport(ctx, payload),
};

/**
 * The reports' clock (shared/flows/reports/tick.ts); on the same tick, recorded dismissals (shared/flows/staff/dismissal.ts):
 * a dismissal day that came takes effect, and a late hand-over is reminded of (sobolevo п.9).
 */
export const reportTick: JobHandler<'reportTick'> = {
  name: 'reportTick',
  concurrency: 1,
  handle: async (_payload, ctx) => {
    const now = ctx.clock.now();
    const reports = await reportTickNow(ctx, now);
    const dismissals = await dismissalTick(ctx, now);
    return dismissals.length ? `${reports}; ${dismissals.join('; ')}` : reports;
  },
};
