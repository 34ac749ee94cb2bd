/** Where the workflow hands over to the heads' alerts: a job, so a slow or failing alert never fails a staff command. */
import type { IncidentEvent, IncidentState } from '../../core/incident/index.js';
import type { AppContext } from '../../networks/context.js';

/** After a transition: a triage may flag the incident or move it to another topic or place. */
export async function noticeAlerts(ctx: AppContext, state: IncidentState, events: readonly IncidentEvent[]): Promise<void> {
  if (!events.some((e) => e.type === 'triaged')) return;
  await ctx.queues.enqueue('alert', { incidentId: state.incidentId, version: state.version });
}
