import { Composer } from 'grammy';
import { t } from '../../../shared/platform/i18n.js';
import type { BotContext } from '../context.js';

/** /help: what the bot does and the commands of the asker's roles, in Russian with Russian arguments. */
export function helpFeature() {
  const feature = new Composer<BotContext>();
  feature.command('help', (ctx) => {
    const member = ctx.staff;
    if (!member) return ctx.reply(t('start-unknown'));
    const roles = (['curator', 'executor', 'head', 'duty', 'admin'] as const).filter((r) => member.roles.includes(r));
    return ctx.reply([t('help-intro'), t('help-common'), ...roles.map((r) => t(`help-${r}`))].join('\n\n'));
  });
  return feature;
}
