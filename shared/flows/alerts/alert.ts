/**
 * Alerts: the heads' immediate alerts for one incident version (queued by
 * intake for a new incident and by notice.ts after a triage). Idempotent: the
 * significance alert is a lane message keyed by the incident, and a spike is
 * one row per open spike, so a retry, a second replica or the reconciler
 * never posts either twice.
 */
import type { AppContext } from '../../networks/context.js';
import { alertIfSignificant } from './significant.js';
import { evaluateSpikes, isAttributed } from './spikes.js';

export async function alertHeads(ctx: AppContext, incidentId: number): Promise<string> {
  const significant = await alertIfSignificant(ctx, incidentId);
  // A new incident, or a triage that moved one to another topic or place, may start or grow a spike.
  const spikes = (await isAttributed(ctx.database.db, ctx.org, incidentId)) ? await evaluateSpikes(ctx) : 'no topic or place';
  return `${significant}; ${spikes}`;
}
