import { alertIfSignificant } from '../../shared/alerts/significant.js';
import type { JobHandler } from '../job.js';

/**
 * The heads' immediate alerts for one incident version. Idempotent: the
 * alert is a lane message keyed by the incident, so a retry, a second
 * replica or the reconciler never posts it twice.
 */
export const alert: JobHandler<'alert'> = {
  name: 'alert',
  concurrency: 2,
  async handle({ incidentId }, ctx) {
    return alertIfSignificant(ctx, incidentId);
  },
};
