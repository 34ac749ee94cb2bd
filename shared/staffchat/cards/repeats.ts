/**
 * Repeats: the same author writing again on a similar subject within a
 * period (the organisation file's `ingest.repeatDays`). Otklik only suggests
 * them — on the curators' card and to the staff UI's "link as repeat" — the
 * curator decides.
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

export type RepeatSettings = { days: number; similarity: number };
export const defaultRepeatSettings: RepeatSettings = { days: 30, similarity: 0.3 };

export function repeatSettings(org: Pick<Org, 'ingest'>): RepeatSettings {
  return {
    days: org.ingest?.repeatDays ?? defaultRepeatSettings.days,
    similarity: org.ingest?.repeatSimilarity ?? defaultRepeatSettings.similarity,
  };
}

export type RepeatCandidate = {
  incidentId: number;
  detectedAt: Date;
  status: string;
  text: string;
  /** 0–1, pg_trgm's similarity() of the two texts. */
  similarity: number;
};

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
 * Earlier incidents of the same author (same network) detected within
 * `settings.days` before this one, whose text is at least
 * `settings.similarity` alike, most alike first. Rejected incidents are left
 * out: nothing was answered there to repeat.
 */
export async function repeatCandidates(
  db: Db,
  incidentId: number,
  limit = 3,
  settings: RepeatSettings = defaultRepeatSettings,
  opts: { onFallback?: () => void } = {},
): Promise<RepeatCandidate[]> {
  const [me] = await db
    .select({ network: incidents.network, authorId: incidents.authorId, text: incidents.text, detectedAt: incidents.detectedAt })
    .from(incidents)
    .where(eq(incidents.id, incidentId));
  if (!me || !me.text.trim()) return [];
  const since = new Date(me.detectedAt.getTime() - settings.days * 86_400_000);
  const sameAuthorBefore = and(
    eq(incidents.network, me.network),
    eq(incidents.authorId, me.authorId),
    lt(incidents.id, incidentId),
    gte(incidents.detectedAt, since),
    ne(incidents.status, 'rejected'),
  );
  const columns = { incidentId: incidents.id, detectedAt: incidents.detectedAt, status: incidents.status, text: incidents.text };

  if (await hasTrgm(db, opts.onFallback)) {
    const score = sql<number>`similarity(${incidents.text}, ${me.text})`;
    const rows = await db
      .select({ ...columns, similarity: score })
      .from(incidents)
      .where(and(sameAuthorBefore, sql`${score} >= ${settings.similarity}`))
      .orderBy(desc(score), desc(incidents.id))
      .limit(limit);
    return rows.map((r) => ({ ...r, similarity: Number(r.similarity) }));
  }

  const rows = await db.select(columns).from(incidents).where(sameAuthorBefore).orderBy(desc(incidents.id)).limit(500);
  return rows
    .map((r) => ({ ...r, similarity: trigramSimilarity(r.text, me.text) }))
    .filter((r) => r.similarity >= settings.similarity)
    .sort((a, b) => b.similarity - a.similarity || b.incidentId - a.incidentId)
    .slice(0, limit);
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
