/**
 * The head's card under sobolevo-2021 (п.19): with several departments
 * routed, the head names the one that writes the joint answer; the others
 * send their parts to it. The profile's rules say who this is.
 */
import { t } from '../../../shared/platform/i18n.js';
import { runCommand } from '../../../shared/flows/command/run.js';
import { actorAs } from '../staff.js';
import { popup } from './outcome.js';
import type { Action } from './types.js';

export const headActions: Record<string, Action> = {
  async appoint(p) {
    const actor = actorAs(p.member, p.app.rules.responsibleSetter);
    if (!actor) return t('refusal-role_not_allowed');
    const department = typeof p.args.department === 'string' ? p.args.department : '';
    const outcome = await runCommand(p.app, p.state.incidentId, actor, {
      type: 'appoint_responsible',
      expectedVersion: p.state.version,
      department,
    });
    if (!outcome.ok) return popup(outcome);
    const name = p.app.org.departments.find((d) => d.id === department)?.name ?? department;
    return t('appointed', { name });
  },
};
