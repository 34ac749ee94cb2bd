/**
 * The curator sorting a message on its card: choosing topics, place,
 * importance and departments (kept on the card until routed), then routing
 * it to the departments, or rejecting it as not subject to processing.
 * Choices edit the card in place at once; only "route" and "reject" change
 * the incident.
 */
import { Composer } from 'grammy';
import { and, eq } from 'drizzle-orm';
import { cards } from '../../../shared/platform/db/schema.js';
import { storedSelection } from '../../../shared/staffchat/cards/view.js';
import { toggle, views, type Selection } from '../../../shared/staffchat/cards/selection.js';
import type { ButtonAction } from '../../../shared/staffchat/cards/button-actions.js';
import { importanceLevels, termSettable } from '../../../shared/staffchat/cards/terms.js';
import { t } from '../../../shared/platform/i18n.js';
import type { CommandInput } from '../../../shared/core/incident/index.js';
import { runCommand } from '../../../shared/flows/command/run.js';
import type { AppContext } from '../../../shared/networks/context.js';
import { onButton, redrawHere, type ButtonContext, type TapAnswer } from '../buttons.js';
import { actorAs, type BotContext } from '../context.js';
import { popup, tapped } from '../outcome.js';
import { askInPrivate } from '../ask.js';
import { checkRole, checkStatus } from '../../../shared/core/incident/index.js';

type Pressed = ButtonContext<ButtonAction>;

async function currentSelection(app: AppContext, ctx: Pressed): Promise<Selection> {
  return (await storedSelection(app, ctx.button.state.incidentId, ctx.button.chatId))!;
}

export function triageFeature(app: AppContext) {
  const feature = new Composer<BotContext>();

  /** Saves the new choices and redraws the card where it was pressed. */
  async function choose(ctx: Pressed, change: (s: Selection) => Selection): Promise<string> {
    if (!actorAs(ctx.staff, 'curator')) return t('refusal-role_not_allowed');
    const { state, chatId } = ctx.button;
    const selection = change(await currentSelection(app, ctx));
    await app.database.db
      .update(cards)
      .set({ selection })
      .where(and(eq(cards.incidentId, state.incidentId), eq(cards.chatId, chatId)));
    await redrawHere(app, ctx, { selection });
    return '';
  }

  // The pickers; a picker opens on its first page.
  feature.use(onButton('view', (ctx) => choose(ctx, (s) => ({ ...s, view: views.includes(ctx.button.args.view) ? ctx.button.args.view : 'main', page: 0 }))));
  feature.use(onButton('page', (ctx) => choose(ctx, (s) => ({ ...s, page: Number.isInteger(ctx.button.args.page) ? Math.max(0, ctx.button.args.page) : 0 }))));
  feature.use(onButton('topic', (ctx) => choose(ctx, (s) => ({ ...s, topics: toggle(s.topics, ctx.button.args.topic) }))));
  feature.use(onButton('location', (ctx) => choose(ctx, (s) => ({ ...s, location: ctx.button.args.location, view: 'main' }))));
  feature.use(
    onButton('importance', (ctx) =>
      choose(ctx, (s) => {
        // A level picked from the profile's list; a two-level profile toggles with one tap.
        const level = ctx.button.args.level;
        if (level === undefined) return { ...s, importance: s.importance === 'high' ? 'normal' : 'high' };
        return importanceLevels(app.rules).includes(level) ? { ...s, importance: level, view: 'main' } : s;
      }),
    ),
  );
  // The message's own term (zavitinsk п.8, ivanovo п.7, kamchatka 2.6): agreed when the message is routed; 0 is the profile's own.
  feature.use(
    onButton('term_pick', (ctx) =>
      choose(ctx, (s) => {
        const { amount } = ctx.button.args;
        const term = app.rules.agreedTerm;
        const fits = amount === 0 || (term !== undefined && amount >= term.min && amount <= term.max);
        return fits ? { ...s, term: amount === 0 ? null : amount, view: 'main' } : s;
      }),
    ),
  );
  feature.use(onButton('significant', (ctx) => choose(ctx, (s) => ({ ...s, significant: !s.significant }))));
  feature.use(
    onButton('dept', (ctx) =>
      choose(ctx, (s) => {
        const departments = toggle(s.departments, ctx.button.args.department);
        const responsible = departments.includes(s.responsible ?? '') ? s.responsible : (departments[0] ?? null);
        return { ...s, departments, responsible: departments.length > 1 ? responsible : null };
      }),
    ),
  );
  feature.use(
    onButton('responsible', (ctx) =>
      choose(ctx, (s) => {
        const i = s.departments.indexOf(s.responsible ?? '');
        return { ...s, responsible: s.departments[(i + 1) % s.departments.length] ?? null };
      }),
    ),
  );

  /**
   * Triage first if the message is new, then send it to the chosen departments. Without a topic or a
   * place yet, the picker that is missing opens instead, and the presser is told why.
   */
  async function route(ctx: Pressed, s: Selection): Promise<TapAnswer> {
    const actor = actorAs(ctx.staff, 'curator');
    if (!actor) return t('refusal-role_not_allowed');
    const { state } = ctx.button;
    if (s.departments.length === 0) return t('refusal-invalid_command');
    let version = state.version;
    if (state.status === 'detected') {
      if (s.topics.length === 0 || !s.location) {
        const missing = s.topics.length === 0 ? 'topics' : 'location';
        await choose(ctx, () => ({ ...s, view: missing, page: 0 }));
        return t(missing === 'topics' ? 'route-needs-topic' : 'route-needs-location');
      }
      const triaged = await runCommand(app, state.incidentId, actor, {
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
    // The term the curator chose goes in before the departments get the message, so their deadlines start with it.
    const level = state.status === 'detected' ? s.importance : (state.triage?.importance ?? 'normal');
    if (s.term != null && termSettable(app.rules, 'curator', level) && state.agreedTerm?.amount !== s.term) {
      const agreed = await runCommand(app, state.incidentId, actor, { type: 'agree_term', expectedVersion: version, amount: s.term });
      if (!agreed.ok) return popup(agreed);
      version = agreed.state.version;
    }
    const rules = app.rules;
    const several = s.departments.length > 1;
    const command: CommandInput = {
      type: 'route',
      expectedVersion: version,
      departments: s.departments,
      // Where the profile lets the head name the responsible one (Sobolevo), the curator does not.
      ...(several && rules.jointAnswer === 'appointed' && rules.responsibleSetter === 'curator' && s.responsible ? { responsible: s.responsible } : {}),
      ...(several && (rules.jointAnswer === 'last_in_order' || rules.partsOrdered) ? { order: s.departments } : {}),
    };
    const names = s.departments.map((id) => app.org.departments.find((d) => d.id === id)?.name ?? id).join(', ');
    return tapped(app, ctx, await runCommand(app, state.incidentId, actor, command), () => t('toast-routed', { departments: names }));
  }

  feature.use(onButton(['route', 'confirm'], async (ctx) => route(ctx, await currentSelection(app, ctx))));

  // One department chosen in the departments view: the choice is kept, and routed at once when it can be.
  feature.use(
    onButton('route_to', async (ctx) => {
      if (!actorAs(ctx.staff, 'curator')) return t('refusal-role_not_allowed');
      const department = ctx.button.args.department;
      if (!app.org.departments.some((d) => d.id === department)) return t('refusal-invalid_command');
      const s = await currentSelection(app, ctx);
      const chosen: Selection = { ...s, departments: [department], responsible: null, view: 'main', page: 0 };
      await app.database.db
        .update(cards)
        .set({ selection: chosen })
        .where(and(eq(cards.incidentId, ctx.button.state.incidentId), eq(cards.chatId, ctx.button.chatId)));
      return route(ctx, chosen);
    }),
  );

  feature.use(
    onButton('reject', async (ctx) => {
      const actor = actorAs(ctx.staff, 'curator');
      if (!actor) return t('refusal-role_not_allowed');
      const { state, args } = ctx.button;
      // "Other" needs a note: asked for in private, after checking the core would take it now.
      if (args.reason === 'other') {
        const refusal = checkRole('reject', actor, app.rules) ?? checkStatus('reject', state);
        if (refusal) return t(`refusal-${refusal.message}`);
        if (app.rules.rejectReasons && !app.rules.rejectReasons.includes('other')) return t('refusal-reason_not_in_profile');
        return askInPrivate(app, ctx, 'reject_note', 'ask-reject-note');
      }
      const outcome = await runCommand(app, state.incidentId, actor, { type: 'reject', expectedVersion: state.version, reason: args.reason });
      return tapped(app, ctx, outcome, () => t('toast-rejected'));
    }),
  );

  // Forwarding outside the competence: the body is chosen on the card, the reason typed in private (with the name, for another body).
  feature.use(
    onButton(['forward', 'forward_other'], async (ctx) => {
      const actor = actorAs(ctx.staff, 'curator');
      if (!actor) return t('refusal-role_not_allowed');
      const { state, action } = ctx.button;
      const refusal = checkRole('forward', actor, app.rules) ?? checkStatus('forward', state);
      if (refusal) return t(`refusal-${refusal.message}`);
      if (action === 'forward_other') return askInPrivate(app, ctx, 'forward_other', 'ask-forward-other');
      const id = (ctx.button.args as { body: string }).body;
      const body = (app.profile.forwarding?.bodies ?? []).find((b) => b.id === id);
      // A body taken out of the organisation file since the card was drawn: nothing is forwarded.
      if (!body) return t('refusal-forward_body_unknown');
      return askInPrivate(app, ctx, 'forward_reason', 'ask-forward-reason', { body: body.id, name: body.name }, { body: body.name });
    }),
  );
  return feature;
}
