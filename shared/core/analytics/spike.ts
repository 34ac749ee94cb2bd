/**
 * «Повышенная социальная активность»: pure detection of activity spikes, no
 * I/O and no clock. For each topic and each location, the incidents detected
 * in the sliding window (now − window, now] are counted and compared with a
 * baseline; a spike is a count above both the minimum and `multiple` times
 * the baseline.
 *
 * The baseline is the mean count over the same window shifted back by 1, 2,
 * …, `weeks` whole weeks in the organisation's zone (the same weekday and time
 * of day, so Monday mornings compare with Monday mornings). Weeks without any
 * incidents count as zero: a young installation's baseline is low, and the
 * minimum carries the decision until four weeks of history exist.
 */
import { DateTime } from 'luxon';

export type SpikeConfig = {
  /** Length of the sliding window, in milliseconds. */
  windowMs: number;
  /** How many previous weeks form the baseline. */
  weeks: number;
  /** A spike needs more than this many incidents in the window. */
  minimum: number;
  /** …and more than this many times the baseline. */
  multiple: number;
};

export const DEFAULT_SPIKE: SpikeConfig = { windowMs: 2 * 3600_000, weeks: 4, minimum: 5, multiple: 3 };

export const dimensions = ['topic', 'location'] as const;
export type Dimension = (typeof dimensions)[number];

/** One incident as the detector sees it: when, and what it is about (the curator's triage, else the text's suggestion). */
export type Observation = { id: number; at: Date; topics: readonly string[]; location: string | null };

export type Window = { from: Date; to: Date };

export type Measure = {
  dimension: Dimension;
  value: string;
  /** Incidents in the current window. */
  count: number;
  /** Mean count over the baseline windows. */
  baseline: number;
  /** The incidents counted, ascending. */
  incidentIds: number[];
};

export const spikeKey = (m: { dimension: Dimension; value: string }) => `${m.dimension}\u0000${m.value}`;

/** The current window: everything detected after `from` up to and including `to`. */
export function currentWindow(now: Date, config: SpikeConfig): Window {
  return { from: new Date(now.getTime() - config.windowMs), to: now };
}

/** The same window on the same weekday and time of day, 1…weeks weeks back, in `zone` (exact across a time change). */
export function baselineWindows(now: Date, config: SpikeConfig, zone: string): Window[] {
  const local = DateTime.fromJSDate(now, { zone });
  return Array.from({ length: config.weeks }, (_, i) => {
    const to = local.minus({ weeks: i + 1 }).toJSDate();
    return { from: new Date(to.getTime() - config.windowMs), to };
  });
}

const inWindow = (at: Date, w: Window) => at.getTime() > w.from.getTime() && at.getTime() <= w.to.getTime();

function valuesOf(o: Observation, dimension: Dimension): string[] {
  return dimension === 'topic' ? [...new Set(o.topics)] : o.location === null ? [] : [o.location];
}

export function isSpike(count: number, baseline: number, config: SpikeConfig): boolean {
  return count > config.minimum && count > config.multiple * baseline;
}

/** Counts and baselines of every topic and location seen in the current window, in a stable order. */
export function measure(observations: readonly Observation[], now: Date, config: SpikeConfig, zone: string): Measure[] {
  const current = currentWindow(now, config);
  const past = baselineWindows(now, config, zone);
  const counted = new Map<string, Measure>();
  const pastCounts = new Map<string, number>();
  for (const o of observations) {
    for (const dimension of dimensions) {
      for (const value of valuesOf(o, dimension)) {
        const key = spikeKey({ dimension, value });
        if (inWindow(o.at, current)) {
          const m = counted.get(key) ?? { dimension, value, count: 0, baseline: 0, incidentIds: [] };
          m.count += 1;
          m.incidentIds.push(o.id);
          counted.set(key, m);
        }
        // An incident may fall in several baseline windows only if the window is longer than a week (refused by the config).
        for (const w of past) if (inWindow(o.at, w)) pastCounts.set(key, (pastCounts.get(key) ?? 0) + 1);
      }
    }
  }
  return [...counted.entries()]
    .map(([key, m]) => ({ ...m, baseline: (pastCounts.get(key) ?? 0) / config.weeks, incidentIds: [...new Set(m.incidentIds)].sort((a, b) => a - b) }))
    .sort((a, b) => a.dimension.localeCompare(b.dimension) || a.value.localeCompare(b.value));
}

/** The topics and locations in a spike right now. */
export function detectSpikes(observations: readonly Observation[], now: Date, config: SpikeConfig, zone: string): Measure[] {
  return measure(observations, now, config, zone).filter((m) => isSpike(m.count, m.baseline, config));
}

/** A spike already announced and not yet over. */
export type OpenSpike = { id: number; dimension: Dimension; value: string; incidentIds: readonly number[] };

export type SpikePlan = {
  /** New spikes: a new alert each. */
  open: Measure[];
  /** Open spikes with incidents not listed yet: their alert is edited, listing every incident seen during the spike. */
  grow: Array<{ spike: OpenSpike; measure: Measure; incidentIds: number[] }>;
  /** Open spikes no longer above the threshold: over. A new alert for the same value needs a new spike. */
  close: OpenSpike[];
};

/** What to do with the alerts, given the spikes announced and the spikes detected now. */
export function planSpikes(open: readonly OpenSpike[], detected: readonly Measure[]): SpikePlan {
  const byKey = new Map(open.map((s) => [spikeKey(s), s]));
  const seen = new Set<string>();
  const plan: SpikePlan = { open: [], grow: [], close: [] };
  for (const m of detected) {
    const key = spikeKey(m);
    seen.add(key);
    const spike = byKey.get(key);
    if (!spike) {
      plan.open.push(m);
      continue;
    }
    const listed = new Set(spike.incidentIds);
    if (m.incidentIds.some((id) => !listed.has(id))) {
      plan.grow.push({ spike, measure: m, incidentIds: [...new Set([...spike.incidentIds, ...m.incidentIds])].sort((a, b) => a - b) });
    }
  }
  for (const s of open) if (!seen.has(spikeKey(s))) plan.close.push(s);
  return plan;
}
