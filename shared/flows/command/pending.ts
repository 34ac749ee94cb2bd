/**
 * What the bot waits for from staff in their private chat: a return note, a
 * rework comment, a corrected text, a draft or a part being written, a
 * repeat's number. One question per person AND incident, so a question about
 * №43 leaves a half-written draft for №42 alone; kept in PostgreSQL, so a
 * restart or a second replica loses nothing.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { pendingInputs } from '../../platform/db/schema.js';

export type PendingAction =
  | 'return_note'
  | 'rework_comment'
  | 'edited_text'
  | 'draft'
  | 'part'
  | 'repeat_number'
  // The curator forwarding outside the competence: the reason for a listed body, or the body's name and the reason.
  | 'forward_reason'
  | 'forward_other'
  // The curator rejecting for "other": the note.
  | 'reject_note'
  // The responsible executor asking for more time (kamchatka-ias-2021 2.5): the reason.
  | 'extension_reason'
  // The curator or the head marking a success story (sobolevo п.23): where it was covered.
  | 'success_link';
export type Pending = {
  userId: number;
  incidentId: number;
  version: number;
  action: PendingAction;
  args: Record<string, unknown>;
  /** The message that asked (a force-reply prompt): a reply to it answers this question. */
  promptMessageId?: number | null;
};

type Row = typeof pendingInputs.$inferSelect;
const fromRow = (row: Row): Pending => ({
  userId: row.userId,
  incidentId: row.incidentId,
  version: row.version,
  action: row.action as PendingAction,
  args: row.args,
  promptMessageId: row.promptMessageId,
});

const mine = (userId: number, incidentId: number) => and(eq(pendingInputs.userId, userId), eq(pendingInputs.incidentId, incidentId));

/** The bot now waits for this person's text about this incident; a newer question about the same incident replaces the older. */
export async function awaitInput(db: Db, p: Pending): Promise<void> {
  const values = { userId: p.userId, incidentId: p.incidentId, version: p.version, action: p.action, args: p.args, promptMessageId: p.promptMessageId ?? null };
  await db
    .insert(pendingInputs)
    .values(values)
    .onConflictDoUpdate({
      target: [pendingInputs.userId, pendingInputs.incidentId],
      set: { version: p.version, action: p.action, args: p.args, promptMessageId: values.promptMessageId, createdAt: sql`now()` },
    });
}

/** Takes (and clears) what the bot waits for from this person about this incident, if anything. */
export async function takeInput(db: Db, userId: number, incidentId: number): Promise<Pending | null> {
  const [row] = await db.delete(pendingInputs).where(mine(userId, incidentId)).returning();
  return row ? fromRow(row) : null;
}

/** What the bot waits for from this person about this incident, left in place (a draft grows message by message). */
export async function peekInput(db: Db, userId: number, incidentId: number): Promise<Pending | null> {
  const [row] = await db.select().from(pendingInputs).where(mine(userId, incidentId));
  return row ? fromRow(row) : null;
}

/** Everything the bot waits for from this person, the latest question first. */
export async function pendingOf(db: Db, userId: number): Promise<Pending[]> {
  const rows = await db.select().from(pendingInputs).where(eq(pendingInputs.userId, userId)).orderBy(desc(pendingInputs.createdAt), desc(pendingInputs.incidentId));
  return rows.map(fromRow);
}

export async function updateInput(db: Db, userId: number, incidentId: number, args: Record<string, unknown>): Promise<void> {
  await db.update(pendingInputs).set({ args }).where(mine(userId, incidentId));
}

/** Remembers the message that asked, once Telegram has it. */
export async function setPrompt(db: Db, userId: number, incidentId: number, promptMessageId: number): Promise<void> {
  await db.update(pendingInputs).set({ promptMessageId }).where(mine(userId, incidentId));
}

/** /cancel: clears every question to this person; returns what was cleared. */
export async function cancelAll(db: Db, userId: number): Promise<Pending[]> {
  const rows = await db.delete(pendingInputs).where(eq(pendingInputs.userId, userId)).returning();
  return rows.map(fromRow);
}
