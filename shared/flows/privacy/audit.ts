/**
 * The audit of personal-data actions (privacy_actions): who did what, when,
 * to how many incidents and events — never whose data, which an erasure has
 * just removed everywhere else. The request's registration number, when the
 * operator gives one, ties the row to the administration's own records.
 */
import { desc } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { privacyActions } from '../../platform/db/schema.js';

/** 'cli:<OS user>', 'telegram:<staff id>', or 'system' for the scheduled retention; `request`: the request's registration. */
export type PrivacyActor = { actor: string; request?: string | null };

export async function recordPrivacyAction(
  db: Db,
  a: { action: 'export' | 'erase' | 'retention'; at: Date; by: PrivacyActor; network?: string | null; incidents: number; inboundEvents: number },
): Promise<void> {
  await db.insert(privacyActions).values({
    action: a.action,
    at: a.at,
    actor: a.by.actor,
    network: a.network ?? null,
    request: a.by.request ?? null,
    incidents: a.incidents,
    inboundEvents: a.inboundEvents,
  });
}

export async function latestPrivacyActions(db: Db, limit = 20) {
  return db.select().from(privacyActions).orderBy(desc(privacyActions.id)).limit(limit);
}
