/**
 * Repeats: the same author writing again within a period (the organisation
 * file's `ingest.repeatDays`), most often on a similar subject
 * (`ingest.repeatSimilarity`). Otklik only suggests them — one on the
 * curators' card, a short list behind "🔁 Это повтор" — the curator decides.
 * Both read the organisation's settings through `repeatSettings`.
 *
 * Each source of candidates is one small function: the same author on a
 * similar subject, then the same author's other recent messages.
 *
 * Similarity is PostgreSQL's pg_trgm `similarity()` (shared trigrams over all
 * trigrams). Where the extension could not be created (see migration
 * 0004_networks), the same measure is computed here in Node over the author's
 * recent incidents, which are few; a warning is logged once per database.
 */
import { and, desc, eq, gte, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { incidents } from '../../platform/db/schema.js';
import type { Org } from '../../platform/config/org-schema.js';
import { textForProcessing } from '../../networks/types.js';

export type RepeatSettings = { days: number; similarity: number };
export const defaultRepeatSettings: RepeatSettings = { days: 30, similarity: 0.3 };

export function repeatSettings(org: Pick<Org, 'ingest'>): RepeatSettings {
  return {
    days: org.ingest?.repeatDays ?? defaultRepeatSettings.days,
    similarity: org.ingest?.repeatSimilarity ?? defaultRepeatSettings.similarity,
  };
}

export type RepeatCandidate = {
  id: number;
  text: string;
  detectedAt: Date;
  status: string;
  /** Why it is offered: the card may say so. */
  why: 'similar' | 'same_author';
  /** 0–1, pg_trgm's similarity() of the two texts; for `similar` ones. */
  similarity?: number;
};

/** The incident repeats are looked for. */
export type RepeatSubject = { id: number; network: string; authorId: string; text: string; detectedAt: Date };

export type SourceQuery = { limit: number; settings: RepeatSettings; onFallback?: (() => void) | undefined };
export type CandidateSource = (db: Db, subject: RepeatSubject, query: SourceQuery) => Promise<RepeatCandidate[]>;

const trgmAvailable = new WeakMap<object, Promise<boolean>>();
function hasTrgm(db: Db, onMissing?: () => void): Promise<boolean> {
  let known = trgmAvailable.get(db);
  if (!known) {
    known = db.$client
      .query<{ ok: boolean }>(`select exists (select 1 from pg_extension where extname = 'pg_trgm') as ok`)
      .then((r) => {
        const ok = Boolean(r.rows[0]?.ok);
        if (!ok) onMissing?.();
        return ok;
      });
    trgmAvailable.set(db, known);
  }
  return known;
}

/**
 * Earlier incidents of the same author on the same network, detected within
 * the period before this one. Rejected incidents are left out: nothing was
 * answered there to repeat.
 */
function sameAuthorBefore(subject: RepeatSubject, settings: RepeatSettings) {
  const since = new Date(subject.detectedAt.getTime() - settings.days * 86_400_000);
  return and(
    eq(incidents.network, subject.network),
    eq(incidents.authorId, subject.authorId),
    lt(incidents.id, subject.id),
    gte(incidents.detectedAt, since),
    ne(incidents.status, 'rejected'),
  );
}

const columns = { id: incidents.id, detectedAt: incidents.detectedAt, status: incidents.status, text: incidents.text };

/** The same author on a similar subject (at least `settings.similarity` alike), most alike first. */
export const similarText: CandidateSource = async (db, subject, { limit, settings, onFallback }) => {
  if (!subject.text.trim()) return [];
  const where = sameAuthorBefore(subject, settings);
  if (await hasTrgm(db, onFallback)) {
    const score = sql<number>`similarity(${incidents.text}, ${subject.text})`;
    const rows = await db
      .select({ ...columns, similarity: score })
      .from(incidents)
      .where(and(where, sql`${score} >= ${settings.similarity}`))
      .orderBy(desc(score), desc(incidents.id))
      .limit(limit);
    return rows.map((r) => ({ ...r, similarity: Number(r.similarity), why: 'similar' as const }));
  }
  const rows = await db.select(columns).from(incidents).where(where).orderBy(desc(incidents.id)).limit(500);
  return rows
    .map((r) => ({ ...r, similarity: trigramSimilarity(r.text, subject.text), why: 'similar' as const }))
    .filter((r) => r.similarity >= settings.similarity)
    .sort((a, b) => b.similarity - a.similarity || b.id - a.id)
    .slice(0, limit);
};

/** The same author's other messages within the period, newest first, whatever their subject. */
export const sameAuthorRecent: CandidateSource = async (db, subject, { limit, settings }) => {
  const rows = await db.select(columns).from(incidents).where(sameAuthorBefore(subject, settings)).orderBy(desc(incidents.id)).limit(limit);
  return rows.map((r) => ({ ...r, why: 'same_author' as const }));
};

/** Sources in order of trust: earlier ones' candidates come first. */
export const defaultSources: readonly CandidateSource[] = [similarText, sameAuthorRecent];

/**
 * Up to `limit` distinct earlier incidents this one may repeat, from each
 * source in turn, within the organisation's period and similarity.
 */
export async function repeatCandidates(
  db: Db,
  incidentId: number,
  settings: RepeatSettings,
  opts: { limit?: number; sources?: readonly CandidateSource[]; onFallback?: () => void } = {},
): Promise<RepeatCandidate[]> {
  const limit = opts.limit ?? 5;
  const [subject] = await db
    .select({ id: incidents.id, network: incidents.network, kind: incidents.kind, authorId: incidents.authorId, text: incidents.text, detectedAt: incidents.detectedAt })
    .from(incidents)
    .where(eq(incidents.id, incidentId));
  if (!subject) return [];
  // Compared up to the network's limit: trigrams of a forged megabyte are not worth computing.
  subject.text = textForProcessing(subject);
  const out: RepeatCandidate[] = [];
  for (const source of opts.sources ?? defaultSources) {
    if (out.length >= limit) break;
    for (const c of await source(db, subject, { limit, settings, onFallback: opts.onFallback })) {
      if (c.id < incidentId && !out.some((o) => o.id === c.id)) out.push(c);
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

/** pg_trgm's trigrams of a text: lower-cased words of letters and digits, each padded "  word ". */
export function trigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (!word) continue;
    const padded = Array.from(`  ${word} `);
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3).join(''));
  }
  return out;
}

/** The fallback for pg_trgm's similarity(): shared trigrams over distinct trigrams of both. */
export function trigramSimilarity(a: string, b: string): number {
  const ta = trigrams(a);
  const tb = trigrams(b);
  if (!ta.size || !tb.size) return 0;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / (ta.size + tb.size - shared);
}
