import { deliverReport } from '../../shared/flows/reports/deliver.js';
import { reportTick as reportTickNow } from '../../shared/flows/reports/tick.js';
import type { JobHandler } from '../job.js';

/** One report to one chat: built from the reporting tables, sent once (shared/flows/reports/deliver.ts). */
export const report: JobHandler<'report'> = {
  name: 'report',
  // Rendering is CPU work; one at a time keeps the other queues responsive.
  concurrency: 1,
  handle: (payload, ctx) => deliverReport(ctx, payload),
};

/** The reports' clock (shared/flows/reports/tick.ts). */
export const reportTick: JobHandler<'reportTick'> = {
  name: 'reportTick',
  concurrency: 1,
  handle: (_payload, ctx) => reportTickNow(ctx),
};
