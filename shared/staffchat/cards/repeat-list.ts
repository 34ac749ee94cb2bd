/**
 * Earlier incidents a new one may repeat: what the curator's "🔁 Это повтор"
 * list offers. Each source is one small function; today the same author's
 * recent incidents, and a text-similarity source (pg_trgm) plugs in beside it
 * by being added to `defaultSources` — the list and the card do not change.
 */
import { and, desc, eq, lt, ne } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { incidents } from '../../platform/db/schema.js';
import { repeatCandidates as similarByText } from './repeats.js';

export type RepeatCandidate = {
  id: number;
  text: string;
  detectedAt: Date;
  status: string;
  /** Why it is offered: the card may say so. */
  why: 'same_author' | 'similar';
};

/** The incident repeats are looked for. */
export type RepeatSubject = { id: number; network: string; authorId: string; text: string; detectedAt: Date };

export type CandidateSource = (db: Db, subject: RepeatSubject, limit: number) => Promise<RepeatCandidate[]>;

/** The same author on the same network, newest first; rejected messages are never a repeat's original. */
export const sameAuthorRecent: CandidateSource = async (db, subject, limit) => {
  const rows = await db
    .select({ id: incidents.id, text: incidents.text, detectedAt: incidents.detectedAt, status: incidents.status })
    .from(incidents)
    .where(
      and(
        eq(incidents.network, subject.network),
        eq(incidents.authorId, subject.authorId),
        lt(incidents.id, subject.id),
        ne(incidents.status, 'rejected'),
      ),
    )
    .orderBy(desc(incidents.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, why: 'same_author' as const }));
};

/** The same author on a similar subject (pg_trgm, default period and threshold): what the card suggests. */
export const similarText: CandidateSource = async (db, subject, limit) =>
  (await similarByText(db, subject.id, limit)).map((r) => ({ id: r.incidentId, text: r.text, detectedAt: r.detectedAt, status: r.status, why: 'similar' as const }));

/** Sources in order of trust: earlier ones' candidates come first. */
export const defaultSources: CandidateSource[] = [similarText, sameAuthorRecent];

/** Up to `limit` distinct earlier incidents, from each source in turn. */
export async function repeatCandidates(
  db: Db,
  incidentId: number,
  opts: { limit?: number; sources?: readonly CandidateSource[] } = {},
): Promise<RepeatCandidate[]> {
  const limit = opts.limit ?? 5;
  const [subject] = await db
    .select({ id: incidents.id, network: incidents.network, authorId: incidents.authorId, text: incidents.text, detectedAt: incidents.detectedAt })
    .from(incidents)
    .where(eq(incidents.id, incidentId));
  if (!subject) return [];
  const out: RepeatCandidate[] = [];
  for (const source of opts.sources ?? defaultSources) {
    if (out.length >= limit) break;
    for (const c of await source(db, subject, limit)) {
      if (c.id !== incidentId && c.id < incidentId && !out.some((o) => o.id === c.id)) out.push(c);
    }
  }
  return out.slice(0, limit);
}

/** Whether an incident with this number exists (the curator may type any number). */
export async function incidentExists(db: Db, id: number): Promise<boolean> {
  if (!Number.isSafeInteger(id) || id <= 0) return false;
  const [row] = await db.select({ id: incidents.id }).from(incidents).where(eq(incidents.id, id));
  return row !== undefined;
}
