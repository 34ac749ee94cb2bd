/**
 * What the curator's card proposes for a new message, so a typical one is
 * routed in one tap: its topics from the built-in lexicon and the
 * organisation's keywords, its place (else the organisation's default), and
 * the departments — the file's mapping or the topics' word family, and what
 * the curators chose before for messages like it. Only a proposal: every part
 * can be changed on the card, and nothing is decided without a tap.
 */
import { desc, eq, or, sql } from 'drizzle-orm';
import { departmentsFromHistory, type PastRouting } from '../../core/routing/index.js';
import type { IncidentState } from '../../core/incident/index.js';
import type { Org } from '../../platform/config/org.js';
import type { Db } from '../../platform/db/client.js';
import { incidents, routingChoices } from '../../platform/db/schema.js';
import { textForProcessing } from '../../networks/types.js';
import { routerFor } from '../../platform/wordlists/routing.js';

export type Suggestion = { topics: string[]; location: string | null; departments: string[] };

/** How many earlier routings alike are weighed: the recent ones say what the curators do now. */
const HISTORY = 200;

/**
 * The suggestion from the text and the organisation file alone. `orDefault: false` leaves the place
 * empty when the text names none, for counting by place (a default place is a guess, not a mention).
 */
export function suggest(text: string, org: Org, opts: { orDefault?: boolean } = {}): Suggestion {
  const router = routerFor(org);
  const { topics } = router.matchTopics(text);
  return { topics, location: router.location(text, opts), departments: router.departments(topics) };
}

/** The suggestion, with the departments the curators chose for messages like it, where any were routed. */
export async function suggestRouting(db: Db, text: string, org: Org): Promise<Suggestion> {
  const router = routerFor(org);
  const { topics, signals } = router.matchTopics(text);
  const fromFile = router.departments(topics);
  const past = signals.length || topics.length ? await alikeRoutings(db, topics, signals) : [];
  const learned = departmentsFromHistory(past, { topics, signals }, new Set(org.departments.map((d) => d.id)), fromFile);
  // Routings that shared the text's own words outweigh the file; the topic alone only fills a gap.
  const sharedWords = past.some((p) => p.signals.some((s) => signals.includes(s)));
  const departments = learned && (sharedWords || fromFile.length === 0) ? learned : fromFile;
  return { topics, location: router.location(text), departments };
}

/** Earlier routings sharing a lexicon word or a topic, newest first: through the GIN indexes on both. */
async function alikeRoutings(db: Db, topics: readonly string[], signals: readonly string[]): Promise<PastRouting[]> {
  const asArray = (values: readonly string[]) => sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]`;
  return db
    .select({ topics: routingChoices.topics, signals: routingChoices.signals, departments: routingChoices.departments })
    .from(routingChoices)
    .where(or(sql`${routingChoices.signals} && ${asArray(signals)}`, sql`${routingChoices.topics} && ${asArray(topics)}`))
    .orderBy(desc(routingChoices.routedAt))
    .limit(HISTORY);
}

/** Remembers where a routed incident went, with its topics and the lexicon's words in its text; the latest routing wins. */
export async function recordRouting(db: Db, org: Org, state: IncidentState): Promise<void> {
  if (!state.routing || !state.triage) return;
  const [incident] = await db
    .select({ network: incidents.network, kind: incidents.kind, text: incidents.text })
    .from(incidents)
    .where(eq(incidents.id, state.incidentId));
  if (!incident) return;
  const row = {
    topics: [...state.triage.topics],
    // The words the card's suggestion saw: the text up to the network's limit, as on the card.
    signals: routerFor(org).matchTopics(textForProcessing(incident)).signals,
    departments: [...state.routing.departments],
    routedAt: state.routing.routedAt,
  };
  await db.insert(routingChoices).values({ incidentId: state.incidentId, ...row }).onConflictDoUpdate({ target: routingChoices.incidentId, set: row });
}
