/**
 * Telegram as a citizens' network: messages to the administration's public
 * bot and comments in the channel's discussion group are stored under the
 * update's id and become incidents in the worker, exactly like VK callbacks.
 *
 * The public bot is either the staff bot itself (`citizensFeature`: staff
 * writing to it stay staff) or a second bot (`publicCitizensFeature`: it
 * shows no staff features, and everyone writing to it is a citizen).
 */
import { Composer, type Context } from 'grammy';
import { storeInboundEvent } from '../../../shared/networks/inbox.js';
import { RECEIVED_BY } from '../../../shared/networks/telegram/update.js';
import { t } from '../../../shared/platform/i18n.js';
import { telegramCitizens } from '../../../shared/networks/telegram/bots.js';
import type { AppContext } from '../../../shared/networks/context.js';
import { staffOf } from '../context.js';
import { UpdateNotStored } from '../error-boundary.js';
import { parseRatingData } from '../../../shared/flows/publish/rating.js';
import { rateByButton } from '../../../shared/flows/intake/ratings.js';

/** The citizen's rating buttons under our answer (`rate:<incident>:<score>`); any other button goes on. */
function ratingButtons(app: AppContext) {
  const feature = new Composer();
  feature.on('callback_query:data', async (tg, next) => {
    const rating = parseRatingData(tg.callbackQuery.data);
    if (!rating) return next();
    const outcome = await rateByButton(app, { ...rating, userId: tg.from.id, key: `telegram:rate:${tg.callbackQuery.id}` });
    await tg.answerCallbackQuery({ text: t(`rating-${outcome}`, { score: rating.score }) });
  });
  return feature;
}

/**
 * Stores the update once (its key repeats on Telegram's re-delivery) and hands it to the ingest queue.
 * A refused store is thrown as UpdateNotStored, so the update is not acknowledged (see ../error-boundary.ts).
 */
async function storeUpdate(app: AppContext, tg: Context, eventKey: string): Promise<void> {
  const store = async () => {
    const stored = await storeInboundEvent(app.database.db, {
      network: 'telegram',
      eventKey,
      type: tg.update.message ? 'message' : 'edited_message',
      // Which bot received it: a private chat is answered by that bot, even after a second bot is added.
      payload: { ...tg.update, [RECEIVED_BY]: tg.me.id },
    });
    if (stored.fresh) {
      await app.queues
        .enqueue('ingest', { inboundEventId: stored.id })
        .catch((err: Error) => app.log.warn({ err: err.message, inboundEventId: stored.id }, 'enqueue failed; reconciler will retry'));
    }
  };
  try {
    await store();
  } catch (err) {
    throw new UpdateNotStored(tg.update.update_id, store, err);
  }
}

/**
 * The staff bot's part: citizens' messages when it is also the public bot, nothing of theirs when a second bot is.
 * Mounted first, before ctx.staff is loaded: a citizen's message is stored before anything else may fail.
 */
export function citizensFeature(app: AppContext) {
  const feature = new Composer();
  const citizens = telegramCitizens(app.env, app.org);
  // The staff bot answering citizens itself: its answers carry the rating buttons.
  if (!citizens.publicToken) feature.use(ratingButtons(app));
  if (citizens.publicToken) {
    // The public bot takes the comments; should the staff bot sit in the discussion group too, its copy is dropped, not a second incident.
    feature.on(['message', 'edited_message'], async (tg, next) => (tg.chat.id === citizens.discussionChatId ? undefined : next()));
    return feature;
  }
  if (!citizens.privateChats && citizens.discussionChatId === undefined) return feature;

  feature.on(['message', 'edited_message'], async (tg, next) => {
    const chat = tg.chat;
    const fromCitizen = chat.type === 'private' && citizens.privateChats && !(await staffOf(app, tg));
    const inDiscussion = chat.id === citizens.discussionChatId;
    if (!fromCitizen && !inDiscussion) return next();
    // Someone opening a staff invite link is not a citizen writing in.
    if (fromCitizen && /^\/start inv-/.test(tg.message?.text ?? '')) return next();
    if (fromCitizen && tg.message?.text?.startsWith('/start')) return void (await tg.reply(t('citizen-start')));
    await storeUpdate(app, tg, String(tg.update.update_id));
  });
  return feature;
}

/**
 * The second bot's only feature. Its update ids are its own sequence and may
 * equal the staff bot's, so its events are keyed by the bot's id as well.
 * Anything else it receives (other groups, channel posts, buttons) is dropped.
 */
export function publicCitizensFeature(app: AppContext) {
  const feature = new Composer();
  const { discussionChatId } = telegramCitizens(app.env, app.org);
  feature.use(ratingButtons(app));
  feature.on(['message', 'edited_message'], async (tg) => {
    const isPrivate = tg.chat.type === 'private';
    if (!isPrivate && tg.chat.id !== discussionChatId) return;
    if (isPrivate && tg.message?.text?.startsWith('/start')) return void (await tg.reply(t('citizen-start')));
    await storeUpdate(app, tg, `${tg.me.id}-${tg.update.update_id}`);
  });
  return feature;
}
