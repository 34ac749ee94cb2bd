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
import { t } from '../../../shared/platform/i18n.js';
import type { CommandInput } from '../../../shared/core/incident/index.js';
import { runCommand } from '../../../shared/flows/command/run.js';
import type { AppContext } from '../../../shared/networks/context.js';
import { onButton, redrawHere, type ButtonContext } from '../buttons.js';
import { actorAs, type BotContext } from '../context.js';
import { popup, tapped } from '../outcome.js';

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

  // The pickers.
  feature.use(onButton('view', (ctx) => choose(ctx, (s) => ({ ...s, view: views.includes(ctx.button.args.view) ? ctx.button.args.view : 'main' }))));
  feature.use(onButton('topic', (ctx) => choose(ctx, (s) => ({ ...s, topics: toggle(s.topics, ctx.button.args.topic) }))));
  feature.use(onButton('location', (ctx) => choose(ctx, (s) => ({ ...s, location: ctx.button.args.location, view: 'main' }))));
  feature.use(onButton('importance', (ctx) => choose(ctx, (s) => ({ ...s, importance: s.importance === 'high' ? 'normal' : 'high' }))));
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

  // Route: triage first if the message is new, then send it to the chosen departments.
  feature.use(
    onButton(['route', 'confirm'], async (ctx) => {
      const actor = actorAs(ctx.staff, 'curator');
      if (!actor) return t('refusal-role_not_allowed');
      const { state } = ctx.button;
      const s = await currentSelection(app, ctx);
      let version = state.version;
      if (state.status === 'detected') {
        if (!s.location || s.topics.length === 0) return t('refusal-invalid_command');
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
      const rules = app.rules;
      const several = s.departments.length > 1;
      const route: CommandInput = {
        type: 'route',
        expectedVersion: version,
        departments: s.departments,
        // Where the profile lets the head name the responsible one (Sobolevo), the curator does not.
        ...(several && rules.jointAnswer === 'appointed' && rules.responsibleSetter === 'curator' && s.responsible ? { responsible: s.responsible } : {}),
        // The order the curator chose the departments in is the order of their parts (ivanovo п.15, zavitinsk п.16, severny п.12).
        ...(several && (rules.jointAnswer === 'last_in_order' || rules.partsOrdered) ? { order: s.departments } : {}),
      };
      const names = s.departments.map((id) => app.org.departments.find((d) => d.id === id)?.name ?? id).join(', ');
      return tapped(app, ctx, await runCommand(app, state.incidentId, actor, route), () => t('toast-routed', { departments: names }));
    }),
  );

  feature.use(
    onButton('reject', async (ctx) => {
      const actor = actorAs(ctx.staff, 'curator');
      if (!actor) return t('refusal-role_not_allowed');
      const { state, args } = ctx.button;
      const outcome = await runCommand(app, state.incidentId, actor, { type: 'reject', expectedVersion: state.version, reason: args.reason });
      return tapped(app, ctx, outcome, () => t('toast-rejected'));
    }),
  );
  return feature;
}
