import { Composer } from 'grammy';
import { t } from '../../../shared/platform/i18n.js';
import type { BotContext } from '../context.js';

/** /start: staff learn they are connected and as whom; anyone else is told politely whom to ask. */
export function startFeature() {
  const feature = new Composer<BotContext>();
  feature.command('start', async (ctx) => {
    const member = ctx.staff;
    if (!member) return void (await ctx.reply(t('start-unknown')));
    const roles = member.roles.map((r) => t(`role-${r}`)).join(', ');
    await ctx.reply(t('start-staff', { name: member.name, roles }));
  });
  return feature;
}
