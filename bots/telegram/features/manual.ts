/**
 * Hand registration: a curator forwards a citizen's message to the bot, or
 * sends a link to it or a screenshot (a photo, the caption as its text), in
 * the private chat. It becomes an incident of the network "manual" through
 * the same store-then-ingest path as every network (shared/networks/manual/);
 * its reply is published by hand and marked so on the card.
 *
 * Runs last: a draft, a part or an answer the bot asked for takes the
 * message first.
 */
import { Composer } from 'grammy';
import type { Message, MessageOrigin } from 'grammy/types';
import { storeInboundEvent } from '../../../shared/networks/inbox.js';
import { t } from '../../../shared/platform/i18n.js';
import type { ManualEntry } from '../../../shared/networks/manual/entry.js';
import type { AppContext } from '../../../shared/networks/context.js';
import type { BotContext } from '../context.js';

const URL_RE = /https?:\/\/[^\s<>"]+/u;

function firstLink(m: Message): string | undefined {
  for (const e of [...(m.entities ?? []), ...(m.caption_entities ?? [])]) {
    if (e.type === 'text_link') return e.url;
  }
  return URL_RE.exec(m.text ?? m.caption ?? '')?.[0];
}

/** Who wrote the forwarded original, and where it can be opened, as far as Telegram tells. */
function fromOrigin(origin: MessageOrigin): { author: ManualEntry['author']; link?: string } {
  switch (origin.type) {
    case 'user': {
      const u = origin.sender_user;
      return {
        author: {
          id: `telegram:${u.id}`,
          name: [u.first_name, u.last_name].filter(Boolean).join(' '),
          link: u.username ? `https://t.me/${u.username}` : `tg://user?id=${u.id}`,
        },
      };
    }
    case 'hidden_user':
      return { author: { name: origin.sender_user_name } };
    case 'chat':
      return { author: { name: origin.sender_chat.title ?? '' } };
    case 'channel': {
      const username = 'username' in origin.chat ? origin.chat.username : undefined;
      return { author: { name: origin.chat.title ?? '' }, ...(username ? { link: `https://t.me/${username}/${origin.message_id}` } : {}) };
    }
  }
}

export function manualFeature(app: AppContext) {
  const feature = new Composer<BotContext>();
  feature.chatType('private').on(['message:text', 'message:photo', 'message:document'], async (tg, next) => {
    const m = tg.message;
    if (m.text?.startsWith('/')) return next();
    const member = tg.staff;
    if (!member?.roles.includes('curator')) return next();

    const origin = m.forward_origin;
    const photo = m.photo?.at(-1);
    const link = firstLink(m);
    if (!origin && !photo && !link) return void (await tg.reply(t('manual-how')));

    const source = origin ? 'forward' : photo ? 'screenshot' : 'link';
    const fromForward = origin ? fromOrigin(origin) : null;
    const chosenLink = fromForward?.link ?? link;
    const entry: ManualEntry = {
      id: `${m.chat.id}:${m.message_id}`,
      // Where the original stood is not known from Telegram; a comment is the common case.
      kind: 'comment',
      text: m.text ?? m.caption ?? '',
      ...(chosenLink ? { link: chosenLink } : {}),
      author: fromForward?.author ?? {},
      registeredBy: tg.from.id,
      registeredAt: new Date(m.date * 1000).toISOString(),
      ...(origin ? { postedAt: new Date(origin.date * 1000).toISOString() } : {}),
      source,
      attachments: [
        ...(photo ? [{ type: 'photo' as const, ref: photo.file_id }] : []),
        ...(m.document ? [{ type: 'doc' as const, ref: m.document.file_id, ...(m.document.file_name ? { title: m.document.file_name } : {}) }] : []),
      ],
    };
    const stored = await storeInboundEvent(app.database.db, { network: 'manual', eventKey: entry.id, type: source, payload: entry });
    if (stored.fresh) {
      await app.queues
        .enqueue('ingest', { inboundEventId: stored.id })
        .catch((err: Error) => app.log.warn({ err: err.message, inboundEventId: stored.id }, 'enqueue failed; reconciler will retry'));
    }
    await tg.reply(t(stored.fresh ? 'manual-registered' : 'manual-registered-again'), { reply_parameters: { message_id: m.message_id } });
  });
  return feature;
}
