/**
 * An album of photos and videos under a card (staff_media, see ../media.ts):
 * sent as one photo, one video or one media group replying to the card, and
 * withdrawn after erasure — deleted while Telegram lets the bot (48 hours in a
 * group), else each message edited to a placeholder picture, which a bot may
 * do at any age. An album Telegram refuses (a URL it cannot fetch) becomes a
 * short text with the links, so a bad file never blocks the chat's lane.
 */
import { and, eq } from 'drizzle-orm';
import { Api, GrammyError, InputFile } from 'grammy';
import type { InputMediaPhoto, InputMediaVideo } from 'grammy/types';
import { currentDraft, replay } from '../../../core/incident/index.js';
import { loadEvents } from '../../../platform/db/events.js';
import { cards, incidents, staffMedia } from '../../../platform/db/schema.js';
import { t } from '../../../platform/i18n.js';
import { telegramCitizens } from '../../../networks/telegram/bots.js';
import { telegramClientOptions } from '../../../networks/telegram/client.js';
import { chargeDirect } from '../direct.js';
import type { LaneKind, Settle } from '../lane.js';
import { ALBUM_MAX, citizenMedia, draftMedia, type ShownMedia } from '../media.js';
import { classify } from '../outcome.js';
import type { LaneRuntime } from '../runtime.js';
import type { LiveSource } from './live.js';

/** A 1×1 grey PNG: what an erased photo or video is edited to once it can no longer be deleted. */
const PLACEHOLDER_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGO4AwAAzgDNRBaxHQAAAABJRU5ErkJggg==', 'base64');
/** Telegram's Bot API hands out files up to 20 MB. */
const DOWNLOAD_MAX_BYTES = 20 * 1024 * 1024;

type Row = typeof staffMedia.$inferSelect;

async function loadRow(rt: LaneRuntime, id: number): Promise<Row | null> {
  const [row] = await rt.ctx.database.db.select().from(staffMedia).where(eq(staffMedia.id, id));
  return row ?? null;
}

async function record(rt: LaneRuntime, row: Row, messageIds: number[]): Promise<Settle> {
  await rt.ctx.database.db.update(staffMedia).set({ messageIds, shownVersion: row.version }).where(eq(staffMedia.id, row.id));
  return { op: 'done', shown: row.version };
}

/** What the album shows and its caption, from the incident as it is now (null: nothing any more). */
async function albumOf(rt: LaneRuntime, row: Row): Promise<{ media: ShownMedia[]; caption: string; network: string } | null> {
  const { db } = rt.ctx.database;
  const [incident] = await db.select({ attachments: incidents.attachments, network: incidents.network }).from(incidents).where(eq(incidents.id, row.incidentId));
  if (!incident) return null;
  let all: ShownMedia[];
  let caption: (more: number) => string;
  if (row.source === 'citizen') {
    all = citizenMedia(incident.attachments);
    caption = (more) => t('media-citizen-caption', { id: row.incidentId, more });
  } else {
    const state = replay(await loadEvents(db, row.incidentId));
    const draft = state.drafts.find((d) => d.number === row.draft) ?? currentDraft(state);
    all = draft ? draftMedia(draft.attachments) : [];
    caption = (more) => t('media-draft-caption', { id: row.incidentId, number: row.draft, more });
  }
  if (!all.length) return null;
  return { media: all.slice(0, ALBUM_MAX), caption: caption(Math.max(0, all.length - ALBUM_MAX)), network: incident.network };
}

/**
 * A file the staff bot can send: a URL as it is; a file id as it is when the staff bot took it (a draft's
 * files always: the executor sent them to the staff bot), else (a Telegram citizen's file, when citizens
 * write to a public bot of their own or staff work in MAX) fetched with the citizens' bot's token and uploaded.
 */
async function fileOf(rt: LaneRuntime, m: ShownMedia, network: string, source: Row['source']): Promise<string | InputFile> {
  if (m.url || source === 'draft') return m.url ?? m.fileId!;
  // Staff on MAX: a Telegram citizen's file lives with the Telegram bot, which is then the citizens' only.
  const onMax = rt.ctx.staffMessenger?.kind === 'max';
  const publicToken = network === 'telegram' ? (onMax ? (rt.ctx.env.TELEGRAM_BOT_TOKEN ?? null) : telegramCitizens(rt.ctx.env, rt.ctx.org).publicToken) : null;
  if (!publicToken) return m.fileId!;
  const api = new Api(publicToken, telegramClientOptions(rt.ctx.env, rt.ctx.outbound));
  const file = await api.getFile(m.fileId!);
  if (!file.file_path || (file.file_size ?? 0) > DOWNLOAD_MAX_BYTES) throw new Error('citizen\'s file not downloadable from the public bot');
  const res = await rt.ctx.outbound.fetch(`${rt.ctx.env.TELEGRAM_API_ROOT}/file/bot${publicToken}/${file.file_path}`, { signal: AbortSignal.timeout(60_000) });
  if (!res.ok) throw new Error(`public bot's file download failed: HTTP ${res.status}`);
  return new InputFile(new Uint8Array(await res.arrayBuffer()), m.type === 'photo' ? 'photo.jpg' : 'video.mp4');
}

async function send(rt: LaneRuntime, chatId: number, row: Row): Promise<Settle> {
  if (row.messageIds.length) return record(rt, row, row.messageIds); // shown already (a redelivery)
  if (row.erasedAt) return record(rt, row, []); // erased before it was ever shown
  const album = await albumOf(rt, row);
  if (!album) return { op: 'drop' };
  const card = await rt.ctx.database.db
    .select({ messageId: cards.messageId })
    .from(cards)
    .where(and(eq(cards.incidentId, row.incidentId), eq(cards.chatId, chatId)));
  const reply = card[0]?.messageId ? { reply_parameters: { message_id: card[0].messageId, allow_sending_without_reply: true } } : {};
  const files = await Promise.all(album.media.map((m) => fileOf(rt, m, album.network, row.source)));
  try {
    if (files.length === 1) {
      const [m, file] = [album.media[0]!, files[0]!];
      const sent =
        m.type === 'photo'
          ? await rt.api.sendPhoto(chatId, file, { caption: album.caption, ...reply })
          : await rt.api.sendVideo(chatId, file, { caption: album.caption, ...reply });
      return record(rt, row, [sent.message_id]);
    }
    const group = album.media.map((m, i): InputMediaPhoto | InputMediaVideo => ({
      type: m.type,
      media: files[i]!,
      ...(i === 0 ? { caption: album.caption } : {}),
    }));
    const sent = await rt.api.sendMediaGroup(chatId, group, reply);
    // Telegram counts each item of an album as a message: the lane spent one, the rest is charged now.
    for (let i = 1; i < sent.length; i++) await chargeDirect(rt.ctx, chatId, 'send');
    return record(rt, row, sent.map((s) => s.message_id));
  } catch (err) {
    // A file Telegram will not take (a URL it cannot fetch, a file id it does not know): said in words instead.
    if (!(err instanceof GrammyError) || err.error_code !== 400) throw err;
    rt.ctx.log.warn({ incidentId: row.incidentId, chatId, reason: err.description }, 'album refused by Telegram; its links are sent instead');
    const links = album.media.filter((m) => m.url).map((m, i) => `<a href="${m.url!.replace(/"/g, '&quot;')}">${t(`media-link-${m.type}`, { n: i + 1 })}</a>`);
    const text = [album.caption, links.length ? links.join(' · ') : t('media-not-shown')].join('\n');
    const sent = await rt.api.sendMessage(chatId, text, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...reply });
    return record(rt, row, [sent.message_id]);
  }
}

/** Erased: each message deleted, or, once too old for that, edited to the placeholder. */
async function withdraw(rt: LaneRuntime, chatId: number, row: Row): Promise<Settle> {
  for (const messageId of row.messageIds) {
    try {
      await rt.api.deleteMessage(chatId, messageId);
      continue;
    } catch (err) {
      if (!(err instanceof GrammyError) || err.error_code !== 400) throw err;
      if (/not found/i.test(err.description)) continue; // someone deleted it already
    }
    try {
      await rt.api.editMessageMedia(chatId, messageId, { type: 'photo', media: new InputFile(PLACEHOLDER_PNG, 'erased.png'), caption: t('media-withdrawn') });
    } catch (err) {
      const failure = classify(err);
      // A text fallback has no media to replace: its words are redrawn instead.
      if (failure.type === 'retry' && /no media/i.test(failure.reason)) {
        await rt.api.editMessageText(chatId, messageId, t('media-withdrawn')).catch((e: unknown) => {
          if (classify(e).type === 'retry') throw e;
        });
        continue;
      }
      if (failure.type !== 'message-gone' && failure.type !== 'not-modified') throw err;
    }
  }
  return record(rt, row, row.messageIds);
}

export const mediaSource: LiveSource = {
  // Delivered by `deliver` below; these are never called for an album.
  load: () => Promise.resolve(null),
  shown: () => Promise.resolve(),
  gone: () => Promise.resolve(),
  async deliver(rt: LaneRuntime, chatId: number, kind: LaneKind, id: number): Promise<Settle> {
    const row = await loadRow(rt, id);
    if (!row) return { op: 'drop' };
    if (row.erasedAt && row.messageIds.length) return withdraw(rt, chatId, row);
    void kind; // a send and an edit are one decision here: what the row says is due
    return send(rt, chatId, row);
  },
};
