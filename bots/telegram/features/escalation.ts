/**
 * The duty officers' buttons under an escalation ping (shared/flows/deadlines/fire.ts):
 * take the message over, or hand the department's part to another executor.
 * Both are the domain's `reassign`, issued as duty officer (or curator); the
 * workflow core refuses whatever does not fit, and the popup says why.
 */
import { Composer } from 'grammy';
import { t } from '../../../shared/platform/i18n.js';
import { runCommand } from '../../../shared/flows/command/run.js';
import type { AppContext } from '../../../shared/networks/context.js';
import { onButton, type ButtonContext } from '../buttons.js';
import { actorAs, type BotContext } from '../context.js';
import { popup } from '../outcome.js';

export function escalationFeature(app: AppContext) {
  const feature = new Composer<BotContext>();

  async function reassign(ctx: ButtonContext<'esc_take' | 'esc_reassign'>, department: string, executorId: number): Promise<string> {
    const actor = actorAs(ctx.staff, 'duty') ?? actorAs(ctx.staff, 'curator');
    if (!actor) return t('refusal-role_not_allowed');
    const { state } = ctx.button;
    const outcome = await runCommand(app, state.incidentId, actor, { type: 'reassign', expectedVersion: state.version, department, executorId });
    if (!outcome.ok) return popup(outcome);
    const name = app.org.staff.find((s) => s.telegramId === executorId)?.name ?? String(executorId);
    return t('timer-taken-over', { id: state.incidentId, name });
  }

  feature.use(
    onButton('esc_take', async (ctx) => {
      const department = String(ctx.button.args.department);
      if (!actorAs(ctx.staff, 'duty') && !actorAs(ctx.staff, 'curator')) return t('refusal-role_not_allowed');
      // Whoever takes it must be able to work on it as the department's executor afterwards.
      if (ctx.staff.department !== department || !ctx.staff.roles.includes('executor')) return t('timer-take-not-executor');
      return reassign(ctx, department, ctx.staff.telegramId);
    }),
  );

  feature.use(onButton('esc_reassign', (ctx) => reassign(ctx, String(ctx.button.args.department), Number(ctx.button.args.executorId))));
  return feature;
}
