import { Composer } from 'grammy';
import { t } from '../../../shared/platform/i18n.js';
import type { BotContext } from '../context.js';

/** /help: what the bot does and its commands. */
export function helpFeature() {
  const feature = new Composer<BotContext>();
  feature.command('help', (ctx) => ctx.reply(t('help')));
  return feature;
}
