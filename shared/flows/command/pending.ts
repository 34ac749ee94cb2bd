import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { pendingInputs } from '../../platform/db/schema.js';

export type PendingAction = 'return_note' | 'rework_comment' | 'edited_text' | 'draft' | 'part' | 'repeat_number' | 'extension_reason';
export type Pending = { userId: number; incidentId: number; version: number; action: PendingAction; args: Record<string, unknown> };

/** The bot now waits for this person's text for this action; a newer question replaces an older one. */
export async function awaitInput(db: Db, p: Pending): Promise<void> {
  await db
    .insert(pendingInputs)
    .values(p)
    .onConflictDoUpdate({ target: pendingInputs.userId, set: { incidentId: p.incidentId, version: p.version, action: p.action, args: p.args } });
}

/** Takes (and clears) what the bot waits for from this person, if anything. */
export async function takeInput(db: Db, userId: number): Promise<Pending | null> {
  const [row] = await db.delete(pendingInputs).where(eq(pendingInputs.userId, userId)).returning();
  return row ? { userId: row.userId, incidentId: row.incidentId, version: row.version, action: row.action as PendingAction, args: row.args } : null;
}

/** What the bot waits for from this person, left in place (a draft grows message by message). */
export async function peekInput(db: Db, userId: number): Promise<Pending | null> {
  const [row] = await db.select().from(pendingInputs).where(eq(pendingInputs.userId, userId));
  return row ? { userId: row.userId, incidentId: row.incidentId, version: row.version, action: row.action as PendingAction, args: row.args } : null;
}

export async function updateInput(db: Db, userId: number, args: Record<string, unknown>): Promise<void> {
  await db.update(pendingInputs).set({ args }).where(eq(pendingInputs.userId, userId));
}
