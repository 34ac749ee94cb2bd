/**
 * What a citizen's text is about, for the curator's card: the organisation's
 * topics, its place and the departments that answer, found by word stems.
 * Pure: the stemmer is handed in (a Snowball stemmer, from the platform), so
 * the core stays free of packages and the tests may use any.
 */
import { builtInLexicon, type Category } from './lexicon.js';

/** One word to its stem: "ямами" → "ям". Given lower-cased words with ё written as е. */
export type Stem = (word: string) => string;

/** What the organisation file says that matters here. */
export type RoutingOrg = {
  topics: readonly string[];
  locations: readonly string[];
  departments: readonly { id: string; name: string; topics?: readonly string[] | undefined }[];
  /** The organisation's own words per topic, on top of the built-in ones. */
  topicKeywords?: Readonly<Record<string, readonly string[]>> | undefined;
  /** The place assumed when the text names none. */
  defaultLocation?: string | undefined;
};

/** The words of a text, lower-cased, ё as е; hyphenated words fall apart into their parts. */
export function words(text: string): string[] {
  return (text.toLowerCase().replace(/ё/g, 'е').match(/[\p{L}\p{N}]+/gu) ?? []);
}

/** Settlement-type prefixes as places are written ("г. Завитинск", "с. Антоновка"): not part of the name. */
const placePrefixes = new Set(['г', 'гор', 'с', 'п', 'пос', 'д', 'дер', 'пгт', 'ст', 'х', 'мкр', 'рп', 'село', 'город', 'поселок', 'деревня']);

/**
 * Words that say what kind of body a department is, or join others: they
 * carry no subject, so "Отдел дорожного хозяйства" meets "Дороги" by
 * "дорожного" alone, and "хозяйства" does not tie it to ЖКХ.
 */
const officeWords = [
  'отдел', 'отделение', 'управление', 'комитет', 'сектор', 'служба', 'департамент', 'администрация', 'муниципальный', 'городской',
  'районный', 'район', 'поселение', 'округ', 'вопрос', 'вопросы', 'дело', 'дела', 'хозяйство', 'развитие', 'обеспечение', 'специалист',
  'главный', 'глава', 'заместитель', 'учреждение', 'центр', 'мку', 'муп', 'мбу', 'мау', 'гбу', 'по', 'и', 'в', 'на', 'с', 'для', 'за',
  'другое', 'прочее', 'иное', 'общие', 'общий',
];

/** A word or several side by side, as stems, and how much a match counts. */
type Entry = { stems: string[]; key: string; weight: number };

export type TopicMatch = {
  /** The organisation's topics the text is about, the likeliest first. */
  topics: string[];
  /**
   * The lexicon's words the text used (as stems, a phrase's joined by a space): never other words of the
   * citizen's, so they may be kept to learn from the curators' choices without keeping personal data.
   */
  signals: string[];
};

export type Router = {
  matchTopics(text: string): TopicMatch;
  /** A place the text names, else the default (unless `orDefault` is false); null when neither. */
  location(text: string, opts?: { orDefault?: boolean }): string | null;
  /** Departments answering the topics: those the file maps to them, else those whose names share the topics' words. */
  departments(topics: readonly string[]): string[];
};

const MAX_TOPICS = 3;

export function buildRouter(org: RoutingOrg, stem: Stem, lexicon: readonly Category[] = builtInLexicon): Router {
  const stemsOf = (text: string) => words(text).map(stem);
  const entry = (phrase: string, weight: number): Entry | null => {
    const stems = stemsOf(phrase);
    return stems.length ? { stems, key: stems.join(' '), weight } : null;
  };
  const office = new Set(officeWords.map((w) => stem(w)));
  const significant = (text: string) => new Set(stemsOf(text).filter((s) => !office.has(s)));

  // Each category's stems, to meet topic and department names.
  const categories = lexicon.map((c) => {
    const names = [c.name, ...c.aliases];
    const vocabulary = new Set([...names, ...c.words].flatMap((w) => [...significant(w)]));
    const entries = [...names, ...c.words].map((w) => entry(w, 1)).filter((e): e is Entry => e !== null);
    return { vocabulary, entries };
  });

  // Each organisation topic: its own name, the words of the categories its name meets, the file's keywords.
  const topics = org.topics.map((topic) => {
    const own = significant(topic);
    const met = categories.filter((c) => [...own].some((s) => c.vocabulary.has(s)));
    const keywords = (org.topicKeywords?.[topic] ?? []).map((w) => entry(w, 2));
    const entries = [entry(topic, 1), ...met.flatMap((c) => c.entries), ...keywords].filter((e): e is Entry => e !== null);
    const unique = new Map<string, Entry>();
    for (const e of entries) if ((unique.get(e.key)?.weight ?? 0) < e.weight) unique.set(e.key, e);
    const vocabulary = new Set([...own, ...met.flatMap((c) => [...c.vocabulary]), ...keywords.flatMap((e) => (e ? e.stems.filter((s) => !office.has(s)) : []))]);
    return { topic, entries: [...unique.values()], vocabulary };
  });

  const places = org.locations
    .map((location) => ({ location, stems: stemsOf(location).filter((s, i) => i > 0 || !placePrefixes.has(s)) }))
    .filter((p) => p.stems.length > 0)
    // The longest name first: "Новая Антоновка" before "Антоновка".
    .sort((a, b) => b.stems.length - a.stems.length);

  const departmentWords = org.departments.map((d) => ({ id: d.id, stems: significant(d.name) }));

  return {
    matchTopics(text) {
      const seen = stemsOf(text);
      const signals = new Set<string>();
      const scored = topics
        .map((t, order) => {
          let score = 0;
          for (const e of t.entries) {
            if (!containsRun(seen, e.stems)) continue;
            score += e.weight;
            signals.add(e.key);
          }
          return { topic: t.topic, score, order };
        })
        .filter((s) => s.score > 0);
      const top = Math.max(0, ...scored.map((s) => s.score));
      // A topic well behind the likeliest one is noise: "уборка снега" is about roads, not about cleaning up.
      const chosen = scored
        .filter((s) => s.score * 2 > top)
        .sort((a, b) => b.score - a.score || a.order - b.order)
        .slice(0, MAX_TOPICS);
      return { topics: chosen.map((s) => s.topic), signals: [...signals].sort() };
    },

    location(text, opts = {}) {
      const seen = new Set(stemsOf(text));
      const named = places.find((p) => p.stems.every((s) => seen.has(s)));
      if (named) return named.location;
      return opts.orDefault !== false && org.defaultLocation && org.locations.includes(org.defaultLocation) ? org.defaultLocation : null;
    },

    departments(chosen) {
      const mapped = org.departments.filter((d) => d.topics?.some((t) => chosen.includes(t))).map((d) => d.id);
      if (mapped.length) return mapped;
      const vocabulary = new Set(topics.filter((t) => chosen.includes(t.topic)).flatMap((t) => [...t.vocabulary]));
      return departmentWords.filter((d) => [...d.stems].some((s) => vocabulary.has(s))).map((d) => d.id);
    },
  };
}

/** Whether `run` occurs in `seq` side by side. */
function containsRun(seq: readonly string[], run: readonly string[]): boolean {
  outer: for (let i = 0; i + run.length <= seq.length; i++) {
    for (let j = 0; j < run.length; j++) if (seq[i + j] !== run[j]) continue outer;
    return true;
  }
  return false;
}

/** One routing the curators made earlier: the topics, the lexicon's words in the text, where it went. */
export type PastRouting = { topics: readonly string[]; signals: readonly string[]; departments: readonly string[] };

/**
 * What the curators chose before for a message like this one: among earlier
 * routings sharing its lexicon words (or, failing any, its topics), the
 * departments chosen most, weighted by how many words they share, newer
 * routings first in a tie. The suggestion from the file (`prior`) holds half
 * a vote, so one odd routing among equals does not outweigh it, while one
 * correction of it does. Only departments that still exist; null when
 * nothing alike was routed.
 */
export function departmentsFromHistory(
  past: readonly PastRouting[],
  now: { topics: readonly string[]; signals: readonly string[] },
  known: ReadonlySet<string>,
  prior: readonly string[] = [],
): string[] | null {
  const bySignals = past.filter((p) => p.signals.some((s) => now.signals.includes(s)));
  const alike = bySignals.length ? bySignals : past.filter((p) => p.topics.some((t) => now.topics.includes(t)));
  if (!alike.length) return null;
  const votes = new Map<string, { weight: number; first: number; departments: string[] }>();
  const vote = (departments: string[], weight: number, order: number) => {
    if (!departments.length) return;
    const key = [...departments].sort().join('\n');
    const v = votes.get(key) ?? { weight: 0, first: order, departments };
    v.weight += weight;
    v.first = Math.min(v.first, order);
    votes.set(key, v);
  };
  vote(prior.filter((d) => known.has(d)), 0.5, Infinity);
  alike.forEach((p, i) => {
    const shared = bySignals.length ? p.signals.filter((s) => now.signals.includes(s)).length : p.topics.filter((t) => now.topics.includes(t)).length;
    vote(p.departments.filter((d) => known.has(d)), shared, i);
  });
  const best = [...votes.values()].sort((a, b) => b.weight - a.weight || a.first - b.first)[0];
  return best ? best.departments : null;
}
