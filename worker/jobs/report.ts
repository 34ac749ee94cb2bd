import { deliverReport } from '../../shared/reports/deliver.js';
import type { JobHandler } from '../job.js';

/** One report to one chat: built from the reporting tables, sent once (shared/reports/deliver.ts). */
export const report: JobHandler<'report'> = {
  name: 'report',
  // Rendering is CPU work; one at a time keeps the other queues responsive.
  concurrency: 1,
  handle: (payload, ctx) => deliverReport(ctx, payload),
};
