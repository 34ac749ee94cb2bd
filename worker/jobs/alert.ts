import { alertIfSignificant } from '../../shared/flows/alerts/significant.js';
import { evaluateSpikes, isAttributed } from '../../shared/flows/alerts/spikes.js';
import type { JobHandler } from '../job.js';

/**
 * The heads' immediate alerts for one incident version. Idempotent: the
 * significance alert is a lane message keyed by the incident, and a spike
 * is one row per open spike, so a retry, a second replica or the
 * reconciler never posts either twice.
 */
export const alert: JobHandler<'alert'> = {
  name: 'alert',
  concurrency: 2,
  async handle({ incidentId }, ctx) {
    const significant = await alertIfSignificant(ctx, incidentId);
    // A new incident, or a triage that moved one to another topic or place, may start or grow a spike.
    const spikes = (await isAttributed(ctx.database.db, ctx.org, incidentId)) ? await evaluateSpikes(ctx) : 'no topic or place';
    return `${significant}; ${spikes}`;
  },
};
