/**
 * The duty officers' buttons under an escalation ping (shared/flows/deadlines/fire.ts):
 * take the message over, or hand the department's part to another executor.
 * Both are the domain's `reassign`, issued as duty officer (or curator); the
 * workflow core refuses whatever does not fit, and the popup says why.
 */
import { t } from '../../../shared/platform/i18n.js';
import { runCommand } from '../../../shared/flows/command/run.js';
import { actorAs } from '../staff.js';
import { popup } from './outcome.js';
import type { Action, Pressed } from './types.js';

async function reassign(p: Pressed, department: string, executorId: number): Promise<string> {
  const actor = actorAs(p.member, 'duty') ?? actorAs(p.member, 'curator');
  if (!actor) return t('refusal-role_not_allowed');
  const outcome = await runCommand(p.app, p.state.incidentId, actor, { type: 'reassign', expectedVersion: p.state.version, department, executorId });
  if (!outcome.ok) return popup(outcome);
  const name = p.app.org.staff.find((s) => s.telegramId === executorId)?.name ?? String(executorId);
  return t('timer-taken-over', { id: p.state.incidentId, name });
}

export const escalationActions: Record<string, Action> = {
  async esc_take(p) {
    const department = String(p.args.department);
    if (!actorAs(p.member, 'duty') && !actorAs(p.member, 'curator')) return t('refusal-role_not_allowed');
    // Whoever takes it must be able to work on it as the department's executor afterwards.
    if (p.member.department !== department || !p.member.roles.includes('executor')) return t('timer-take-not-executor');
    return reassign(p, department, p.member.telegramId);
  },

  async esc_reassign(p) {
    return reassign(p, String(p.args.department), Number(p.args.executorId));
  },
};
