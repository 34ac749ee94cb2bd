/**
 * The curator's card: choosing topics, place, importance and departments
 * (kept on the card until confirmed), confirming, or rejecting as not subject
 * to processing. Choices edit the card in place at once; only "route" and
 * "reject" change the incident.
 */
import { cards } from '../../../shared/platform/db/schema.js';
import { and, eq } from 'drizzle-orm';
import { composeCard, storedSelection } from '../../../shared/staffchat/cards/compose.js';
import { toggle, views, type Selection, type View } from '../../../shared/staffchat/cards/selection.js';
import { t } from '../../../shared/platform/i18n.js';
import type { CommandInput, Outcome, RejectReason } from '../../../shared/core/incident/index.js';
import { runCommand } from '../../../shared/flows/command/run.js';
import { actorAs } from '../staff.js';
import { popup } from './outcome.js';
import type { Action, Pressed } from './types.js';

async function currentSelection(p: Pressed): Promise<Selection> {
  return (await storedSelection(p.app, p.state.incidentId, p.chatId))!;
}

/** Saves the new choices and redraws the card where it was pressed. */
async function choose(p: Pressed, change: (s: Selection) => Selection): Promise<string> {
  if (!actorAs(p.member, 'curator')) return t('refusal-role_not_allowed');
  const selection = change(await currentSelection(p));
  await p.app.database.db
    .update(cards)
    .set({ selection })
    .where(and(eq(cards.incidentId, p.state.incidentId), eq(cards.chatId, p.chatId)));
  const composed = await composeCard(p.app, p.state.incidentId, p.chatId, { selection });
  if (composed) {
    // Edited right here, outside the lane, for a quick answer to the tap. Not charged to the lane's
    // budget: a curator's burst of taps would starve the chat's card refreshes for a minute; the lane
    // obeys the occasional 429 this costs instead.
    await p.tg.editMessageText(composed.text, {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      reply_markup: composed.replyMarkup,
    });
  }
  return '';
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export const curatorActions: Record<string, Action> = {
  view: (p) => choose(p, (s) => ({ ...s, view: (views as readonly string[]).includes(str(p.args.view)) ? (str(p.args.view) as View) : 'main' })),
  topic: (p) => choose(p, (s) => ({ ...s, topics: toggle(s.topics, str(p.args.topic)) })),
  location: (p) => choose(p, (s) => ({ ...s, location: str(p.args.location), view: 'main' })),
  importance: (p) => choose(p, (s) => ({ ...s, importance: s.importance === 'high' ? 'normal' : 'high' })),
  significant: (p) => choose(p, (s) => ({ ...s, significant: !s.significant })),
  dept: (p) =>
    choose(p, (s) => {
      const departments = toggle(s.departments, str(p.args.department));
      const responsible = departments.includes(s.responsible ?? '') ? s.responsible : (departments[0] ?? null);
      return { ...s, departments, responsible: departments.length > 1 ? responsible : null };
    }),
  responsible: (p) =>
    choose(p, (s) => {
      const i = s.departments.indexOf(s.responsible ?? '');
      return { ...s, responsible: s.departments[(i + 1) % s.departments.length] ?? null };
    }),

  async route(p) {
    const actor = actorAs(p.member, 'curator');
    if (!actor) return t('refusal-role_not_allowed');
    const s = await currentSelection(p);
    let version = p.state.version;
    if (p.state.status === 'detected') {
      if (!s.location || s.topics.length === 0) return t('refusal-invalid_command');
      const triaged = await runCommand(p.app, p.state.incidentId, actor, {
        type: 'triage',
        expectedVersion: version,
        topics: s.topics,
        location: s.location,
        importance: s.importance,
        sociallySignificant: s.significant,
      });
      if (!triaged.ok) return popup(triaged);
      version = triaged.state.version;
    }
    const rules = p.app.rules;
    const several = s.departments.length > 1;
    const route: CommandInput = {
      type: 'route',
      expectedVersion: version,
      departments: s.departments,
      // Where the profile lets the head name the responsible one (Sobolevo), the curator does not.
      ...(several && rules.jointAnswer === 'appointed' && rules.responsibleSetter === 'curator' && s.responsible ? { responsible: s.responsible } : {}),
      ...(several && rules.jointAnswer === 'last_in_order' ? { order: s.departments } : {}),
    };
    return popup(await runCommand(p.app, p.state.incidentId, actor, route));
  },
  // Route buttons drawn before the action was named `route` are stored under `confirm`: they still route.
  confirm: (p) => curatorActions.route!(p),

  async close(p) {
    const actor = actorAs(p.member, 'curator');
    if (!actor) return t('refusal-role_not_allowed');
    const outcome = str(p.args.outcome) as Outcome;
    return popup(await runCommand(p.app, p.state.incidentId, actor, { type: 'close', expectedVersion: p.state.version, outcome }));
  },

  async reject(p) {
    const actor = actorAs(p.member, 'curator');
    if (!actor) return t('refusal-role_not_allowed');
    const reason = str(p.args.reason) as RejectReason;
    return popup(await runCommand(p.app, p.state.incidentId, actor, { type: 'reject', expectedVersion: p.state.version, reason }));
  },
};
