import type { Actor, CommandInput } from '../../core/incident/index.js';
import { refreshCards } from '../../staffchat/cards/refresh.js';
import { queuePublication } from '../../platform/db/outbox.js';
import { noticeAlerts } from '../alerts/notice.js';
import { queueAcknowledgement } from '../acknowledge/acknowledge.js';
import { rescheduleTimers } from '../deadlines/schedule.js';
import type { AppContext } from '../../networks/context.js';
import { recordFacts } from '../reports/store.js';
import { execute, type Outcome } from './store.js';

/** Runs one staff command end to end: decided and recorded, then every card of the incident refreshed. */
export async function runCommand(ctx: AppContext, incidentId: number, actor: Actor, command: CommandInput): Promise<Outcome> {
  const outcome = await execute(ctx.database.db, { incidentId, actor, command, rules: ctx.rules, now: ctx.clock.now() });
  if (outcome.ok) {
    ctx.log.info({ incidentId, command: command.type, version: outcome.state.version }, 'transition');
    // An approved draft goes out at once; the outbox row is the promise that it will.
    await queuePublication(ctx.database.db, ctx.queues, outcome.state);
    await recordFacts(ctx, incidentId);
    await refreshCards(ctx, outcome.state);
    await noticeAlerts(ctx, outcome.state, outcome.events);
    // Routed: the citizen's receipt, where the organisation sends one.
    const receipt = await queueAcknowledgement(ctx, outcome.state, outcome.events);
    if (receipt !== 'not routed') ctx.log.info({ incidentId, receipt }, 'acknowledgement');
    // Deadlines moved, stopped or started: their reminder, due and escalation jobs follow.
    await rescheduleTimers(ctx, incidentId);
  } else {
    ctx.log.info({ incidentId, command: command.type, refused: outcome.reason }, 'command refused');
  }
  return outcome;
}
