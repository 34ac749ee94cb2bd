/**
 * Every incident reachable: `/card N` and the deep link `?start=c<N>` show
 * the current card in the private chat (as a live card, kept up to date and
 * covered by erasure like any other); «Открыть №N» under a flooded chat's
 * digest sends that incident's card into the chat, where it is routed. Each
 * only to staff allowed to see the incident (an executor: their department's).
 */
import { Composer } from 'grammy';
import { t } from '../../../shared/platform/i18n.js';
import type { AppContext } from '../../../shared/networks/context.js';
import { incidentNumberOf, mayView } from '../../../shared/flows/lists/query.js';
import { digestListing } from '../../../shared/staffchat/lanes/digest-store.js';
import { offerCard, parseDigestOpenData, resendCard } from '../../../shared/staffchat/lanes/index.js';
import type { StaffMember } from '../../../shared/platform/config/org.js';
import type { BotContext } from '../context.js';

async function showInPrivate(app: AppContext, tg: BotContext, member: StaffMember, incidentId: number): Promise<void> {
  if (!(await mayView(app.database.db, member, incidentId))) return void (await tg.reply(t('card-not-found', { id: incidentId })));
  const offered = await resendCard(app, { incidentId, chatId: member.telegramId });
  if (offered === 'no such incident') return void (await tg.reply(t('card-not-found', { id: incidentId })));
  app.log.info({ incidentId, userId: member.telegramId, offered }, 'card asked for in private');
}

export function cardFeature(app: AppContext) {
  const feature = new Composer<BotContext>();

  feature.command('card', async (tg) => {
    const member = tg.staff;
    if (!member) return void (await tg.reply(t('start-unknown')));
    const id = incidentNumberOf(String(tg.match ?? ''));
    if (id === null) return void (await tg.reply(t('card-usage')));
    // A card names a citizen's post: shown in the private chat only, never in a group others read.
    if (tg.chat?.type !== 'private') return void (await tg.reply(t('card-private-only', { id })));
    await showInPrivate(app, tg, member, id);
  });

  feature.chatType('private').command('start', async (tg, next) => {
    const match = /^c(\d{1,15})$/.exec(tg.match);
    if (!match) return next();
    const member = tg.staff;
    if (!member) return void (await tg.reply(t('start-unknown')));
    await showInPrivate(app, tg, member, Number(match[1]));
  });

  // «Открыть №N» under a digest page: the card goes to this chat even while it is flooded.
  feature.on('callback_query:data', async (tg, next) => {
    const open = parseDigestOpenData(tg.callbackQuery.data);
    if (!open) return next();
    const member = tg.staff;
    const chatId = tg.callbackQuery.message?.chat.id;
    if (!member) return void (await tg.answerCallbackQuery({ text: t('button-not-staff'), show_alert: true }));
    const { incidentId } = open;
    // Only what this chat's digest lists, and only to someone who may see it: a forged button changes nothing.
    if (chatId === undefined || !(await digestListing(app.database.db, chatId, incidentId))) {
      return void (await tg.answerCallbackQuery({ text: t('digest-open-not-listed') }));
    }
    if (!(await mayView(app.database.db, member, incidentId))) return void (await tg.answerCallbackQuery({ text: t('card-not-found', { id: incidentId }) }));
    const offered = await offerCard(app, { incidentId, chatId, open: true });
    app.log.info({ incidentId, chatId, userId: member.telegramId, offered }, 'card opened from the digest');
    await tg.answerCallbackQuery({ text: t(offered === 'send queued' ? 'digest-open-queued' : 'digest-open-already', { id: incidentId }) });
  });
  return feature;
}
