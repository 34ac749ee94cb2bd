import { Composer } from 'grammy';
import { t } from '../../../shared/platform/i18n.js';

export function helpFeature() {
  const feature = new Composer();
  feature.command('help', (ctx) => ctx.reply(t('help')));
  return feature;
}
