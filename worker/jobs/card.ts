import { eq } from 'drizzle-orm';
import { GrammyError } from 'grammy';
import { incidents } from '../../shared/db/schema.js';
import { renderCard } from '../../shared/cards/render.js';
import { loadCard, saveCard } from '../../shared/cards/store.js';
import type { JobHandler } from '../job.js';

const notModified = (err: unknown) =>
  err instanceof GrammyError && err.error_code === 400 && err.description.includes('message is not modified');
const editTargetGone = (err: unknown) =>
  err instanceof GrammyError && err.error_code === 400 && err.description.includes('message to edit not found');

/** Sends the incident's card to a staff chat, or edits the one already there. */
export const card: JobHandler<'card'> = {
  name: 'card',
  concurrency: 4,
  async handle({ incidentId, chatId }, ctx) {
    if (!ctx.telegram) return 'no telegram bot configured';
    const { db } = ctx.database;
    const [incident] = await db.select().from(incidents).where(eq(incidents.id, incidentId));
    if (!incident) return 'no such incident';
    const existing = await loadCard(db, incidentId, chatId);
    if (existing?.messageId && (existing.shownVersion ?? 0) >= incident.version) return 'up to date';

    const text = renderCard(incident, { timezone: ctx.org.timezone });
    const options = { parse_mode: 'HTML' as const, link_preview_options: { is_disabled: true } };

    if (existing?.messageId) {
      try {
        await ctx.telegram.editMessageText(chatId, existing.messageId, text, options);
        await saveCard(db, { incidentId, chatId, messageId: existing.messageId, shownVersion: incident.version });
        return 'edited';
      } catch (err) {
        if (notModified(err)) {
          await saveCard(db, { incidentId, chatId, messageId: existing.messageId, shownVersion: incident.version });
          return 'unchanged';
        }
        if (!editTargetGone(err)) throw err;
        // Someone deleted the card: post it anew below.
      }
    }
    const sent = await ctx.telegram.sendMessage(chatId, text, options);
    await saveCard(db, { incidentId, chatId, messageId: sent.message_id, shownVersion: incident.version });
    ctx.log.info({ incidentId, chatId, messageId: sent.message_id }, 'card sent');
    return 'sent';
  },
};
