/** A chat's digest message, rendered from PostgreSQL at the page it is turned to. */
import { eq } from 'drizzle-orm';
import { laneDigests } from '../../../platform/db/schema.js';
import { renderDigestPage } from '../digest-render.js';
import { staffLinks } from '../../cards/links.js';
import { loadDigest } from '../digest-store.js';
import { staffSeesAuthor } from '../../cards/author.js';
import type { LiveSource } from './live.js';

export const digestSource: LiveSource = {
  async load(rt, _chatId, digestId) {
    const { db } = rt.ctx.database;
    const digest = await loadDigest(db, digestId);
    if (!digest) return null;
    const page = await renderDigestPage(db, digestId, digest.page, { showAuthor: staffSeesAuthor(rt.ctx.org), links: staffLinks(rt.ctx.staffMessenger, null) });
    return {
      messageId: digest.messageId,
      version: digest.version,
      text: page.text,
      options: { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, reply_markup: page.replyMarkup },
    };
  },
  async shown(rt, _chatId, digestId, messageId, { version }) {
    await rt.ctx.database.db.update(laneDigests).set({ messageId, shownVersion: version }).where(eq(laneDigests.id, digestId));
  },
  async gone(rt, _chatId, digestId) {
    await rt.ctx.database.db.update(laneDigests).set({ messageId: null, shownVersion: null }).where(eq(laneDigests.id, digestId));
  },
};
