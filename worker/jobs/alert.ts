import { alertHeads } from '../../shared/flows/alerts/alert.js';
import type { JobHandler } from '../job.js';

/** The heads' immediate alerts for one incident version, posted once (shared/flows/alerts/alert.ts). */
export const alert: JobHandler<'alert'> = {
  name: 'alert',
  concurrency: 2,
  handle: ({ incidentId }, ctx) => alertHeads(ctx, incidentId),
};
