/**
 * Telegram as a citizens' network: messages to the administration's public
 * bot (when the staff bot is also the public one) and comments in the
 * channel's discussion group are stored under Telegram's update_id and
 * become incidents in the worker, exactly like VK callbacks.
 */
import { Composer } from 'grammy';
import { storeInboundEvent } from '../../../shared/ingest/inbound.js';
import { t } from '../../../shared/i18n.js';
import type { AppContext } from '../../../shared/runtime/context.js';
import { staffMember } from '../staff.js';

export function citizensFeature(app: AppContext) {
  const feature = new Composer();
  const telegram = app.org.networks?.telegram;
  if (!telegram?.publicBot && telegram?.discussionChatId === undefined) return feature;

  feature.on(['message', 'edited_message'], async (tg, next) => {
    const chat = tg.chat;
    const fromCitizen = chat.type === 'private' && telegram.publicBot === true && !(await staffMember(app, tg.from?.id));
    const inDiscussion = telegram.discussionChatId !== undefined && chat.id === telegram.discussionChatId;
    if (!fromCitizen && !inDiscussion) return next();
    // Someone opening a staff invite link is not a citizen writing in.
    if (fromCitizen && /^\/start inv-/.test(tg.message?.text ?? '')) return next();
    if (fromCitizen && tg.message?.text?.startsWith('/start')) return void (await tg.reply(t('citizen-start')));

    const stored = await storeInboundEvent(app.database.db, {
      network: 'telegram',
      eventKey: String(tg.update.update_id),
      type: tg.update.message ? 'message' : 'edited_message',
      payload: tg.update,
    });
    if (stored.fresh) {
      await app.queues
        .enqueue('ingest', { inboundEventId: stored.id })
        .catch((err: Error) => app.log.warn({ err: err.message, inboundEventId: stored.id }, 'enqueue failed; reconciler will retry'));
    }
  });
  return feature;
}
