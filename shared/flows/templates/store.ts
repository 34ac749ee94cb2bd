/**
 * Where answer templates and the acknowledgement's text are kept, and the
 * audit of every change to them: one row in `template_audit` per add, edit,
 * delete, proposal and approval, with who and what it said. Checking a text
 * (its variables) is the core's (shared/core/templates/); this file only
 * stores what passed.
 */
import { and, asc, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { acknowledgementTemplates, answerTemplates, templateAudit, templateInputs } from '../../platform/db/schema.js';

export type AnswerTemplate = typeof answerTemplates.$inferSelect;
export type AcknowledgementTemplate = typeof acknowledgementTemplates.$inferSelect;

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

type Audit = { kind: 'answer' | 'acknowledgement'; templateId: number; action: 'added' | 'edited' | 'deleted' | 'proposed' | 'approved'; actorId: number; at: Date; data: Record<string, unknown> };

async function audit(db: Db | Tx, entry: Audit): Promise<void> {
  await db.insert(templateAudit).values(entry);
}

/** Every live template, those of `topic` first (then the ones for any topic, then the rest), each group by title. */
export async function listTemplates(db: Db, topics: readonly string[] = []): Promise<AnswerTemplate[]> {
  const rows = await db.select().from(answerTemplates).where(isNull(answerTemplates.deletedAt)).orderBy(asc(answerTemplates.title), asc(answerTemplates.id));
  const rank = (t: AnswerTemplate) => (t.topic !== null && topics.includes(t.topic) ? 0 : t.topic === null ? 1 : 2);
  return rows.sort((a, b) => rank(a) - rank(b));
}

export async function findTemplate(db: Db, id: number): Promise<AnswerTemplate | null> {
  const [row] = await db.select().from(answerTemplates).where(and(eq(answerTemplates.id, id), isNull(answerTemplates.deletedAt)));
  return row ?? null;
}

export async function addTemplate(db: Db, t: { topic: string | null; title: string; body: string; by: number; at: Date }): Promise<AnswerTemplate> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(answerTemplates).values({ topic: t.topic, title: t.title, body: t.body, createdBy: t.by, createdAt: t.at }).returning();
    await audit(tx, { kind: 'answer', templateId: row!.id, action: 'added', actorId: t.by, at: t.at, data: { topic: t.topic, title: t.title, body: t.body } });
    return row!;
  });
}

/**
 * Changes a template's text, only if it is still at the revision its editor saw; null when someone
 * changed or deleted it meanwhile.
 */
export async function editTemplate(db: Db, e: { id: number; revision: number; body: string; by: number; at: Date }): Promise<AnswerTemplate | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(answerTemplates)
      .set({ body: e.body, revision: sql`${answerTemplates.revision} + 1`, updatedBy: e.by, updatedAt: e.at })
      .where(and(eq(answerTemplates.id, e.id), eq(answerTemplates.revision, e.revision), isNull(answerTemplates.deletedAt)))
      .returning();
    if (!row) return null;
    await audit(tx, { kind: 'answer', templateId: e.id, action: 'edited', actorId: e.by, at: e.at, data: { body: e.body, revision: row.revision } });
    return row;
  });
}

/** Deletes (hides) a template at the revision its presser saw; false when it changed or went meanwhile. */
export async function deleteTemplate(db: Db, d: { id: number; revision: number; by: number; at: Date }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(answerTemplates)
      .set({ deletedBy: d.by, deletedAt: d.at })
      .where(and(eq(answerTemplates.id, d.id), eq(answerTemplates.revision, d.revision), isNull(answerTemplates.deletedAt)))
      .returning({ id: answerTemplates.id, title: answerTemplates.title });
    if (!rows.length) return false;
    await audit(tx, { kind: 'answer', templateId: d.id, action: 'deleted', actorId: d.by, at: d.at, data: { title: rows[0]!.title } });
    return true;
  });
}

// ---- the acknowledgement's text

/** The text in force: the latest approved. */
export async function approvedAcknowledgement(db: Db): Promise<AcknowledgementTemplate | null> {
  const [row] = await db
    .select()
    .from(acknowledgementTemplates)
    .where(isNotNull(acknowledgementTemplates.approvedAt))
    .orderBy(desc(acknowledgementTemplates.approvedAt), desc(acknowledgementTemplates.id))
    .limit(1);
  return row ?? null;
}

/** The proposal waiting for the approver: the latest one, if nothing newer was approved since. */
export async function proposedAcknowledgement(db: Db): Promise<AcknowledgementTemplate | null> {
  const [latest] = await db.select().from(acknowledgementTemplates).orderBy(desc(acknowledgementTemplates.id)).limit(1);
  return latest && latest.approvedAt === null ? latest : null;
}

export async function proposeAcknowledgement(db: Db, p: { body: string; by: number; at: Date }): Promise<AcknowledgementTemplate> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(acknowledgementTemplates).values({ body: p.body, proposedBy: p.by, proposedAt: p.at }).returning();
    await audit(tx, { kind: 'acknowledgement', templateId: row!.id, action: 'proposed', actorId: p.by, at: p.at, data: { body: p.body } });
    return row!;
  });
}

/**
 * Approves a proposal, once, if it is still the latest: a proposal replaced by a newer one (or approved
 * already) is not approved by a stale button. Null then.
 */
export async function approveAcknowledgement(db: Db, a: { id: number; by: number; at: Date }): Promise<AcknowledgementTemplate | null> {
  return db.transaction(async (tx) => {
    const latest = await tx.select({ id: acknowledgementTemplates.id }).from(acknowledgementTemplates).orderBy(desc(acknowledgementTemplates.id)).limit(1).for('update');
    if (latest[0]?.id !== a.id) return null;
    const [row] = await tx
      .update(acknowledgementTemplates)
      .set({ approvedBy: a.by, approvedAt: a.at })
      .where(and(eq(acknowledgementTemplates.id, a.id), isNull(acknowledgementTemplates.approvedAt)))
      .returning();
    if (!row) return null;
    await audit(tx, { kind: 'acknowledgement', templateId: a.id, action: 'approved', actorId: a.by, at: a.at, data: { body: row.body } });
    return row;
  });
}

// ---- what the bot waits for: a template's text from this person

export type TemplateInputAction = 'template_add' | 'template_edit' | 'ack_propose';
export type TemplateInput = { userId: number; action: TemplateInputAction; args: Record<string, unknown> };

export async function awaitTemplateInput(db: Db, p: TemplateInput): Promise<void> {
  await db
    .insert(templateInputs)
    .values(p)
    .onConflictDoUpdate({ target: templateInputs.userId, set: { action: p.action, args: p.args, createdAt: sql`now()` } });
}

/** Takes (and clears) what the bot waits for from this person, if anything. */
export async function takeTemplateInput(db: Db, userId: number): Promise<TemplateInput | null> {
  const [row] = await db.delete(templateInputs).where(eq(templateInputs.userId, userId)).returning();
  return row ? { userId: row.userId, action: row.action as TemplateInputAction, args: row.args } : null;
}

export async function peekTemplateInput(db: Db, userId: number): Promise<TemplateInput | null> {
  const [row] = await db.select().from(templateInputs).where(eq(templateInputs.userId, userId));
  return row ? { userId: row.userId, action: row.action as TemplateInputAction, args: row.args } : null;
}
