/**
 * The approver's card: approve with one tap, return for rework with a comment,
 * or correct the text and approve (the corrected text is asked in private).
 */
import { t } from '../../../shared/platform/i18n.js';
import { checkRole, checkStatus } from '../../../shared/core/incident/index.js';
import { runCommand } from '../../../shared/flows/command/run.js';
import { actorAs } from '../staff.js';
import { askInPrivate } from './executor.js';
import { popup } from './outcome.js';
import type { Action, Pressed } from './types.js';

/** The member as the profile's approver (curator, or the head in Sobolevo). */
const approver = (p: Pressed) => actorAs(p.member, p.app.rules.approver);

export const approverActions: Record<string, Action> = {
  async approve(p) {
    const actor = approver(p);
    if (!actor) return t('refusal-role_not_allowed');
    return popup(await runCommand(p.app, p.state.incidentId, actor, { type: 'approve', expectedVersion: p.state.version }));
  },

  async edit_approve(p) {
    const actor = approver(p);
    if (!actor) return t('refusal-role_not_allowed');
    const refusal = checkRole('approve', actor, p.app.rules) ?? checkStatus('approve', p.state);
    if (refusal) return t(`refusal-${refusal.message}`);
    return askInPrivate(p, 'edited_text', 'ask-edited-text');
  },

  async rework(p) {
    const actor = approver(p);
    if (!actor) return t('refusal-role_not_allowed');
    const refusal = checkRole('send_to_rework', actor, p.app.rules) ?? checkStatus('send_to_rework', p.state);
    if (refusal) return t(`refusal-${refusal.message}`);
    return askInPrivate(p, 'rework_comment', 'ask-rework-comment');
  },
};
