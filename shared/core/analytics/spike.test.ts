import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_SPIKE,
  baselineWindows,
  detectSpikes,
  isSpike,
  measure,
  planSpikes,
  spikeKey,
  type Measure,
  type Observation,
  type OpenSpike,
  type SpikeConfig,
} from './spike.js';

const ZONE = 'Asia/Yakutsk';
const H = 3600_000;
const WEEK = 7 * 24 * H;
const now = new Date('2026-03-04T05:00:00Z'); // Wednesday 14:00 in Yakutsk
let nextId = 1;
const obs = (msBefore: number, topics: string[] = ['Дороги'], location: string | null = null): Observation => ({
  id: nextId++,
  at: new Date(now.getTime() - msBefore),
  topics,
  location,
});
const many = (n: number, msBefore: (i: number) => number, topics?: string[], location?: string | null) =>
  Array.from({ length: n }, (_, i) => obs(msBefore(i), topics, location));
const roads = (ms: Measure[]) => ms.find((m) => m.dimension === 'topic' && m.value === 'Дороги');

describe('the sliding window', () => {
  it('counts what was detected after now − window and up to now, nothing before or after', () => {
    const inside = [obs(0), obs(H), obs(2 * H - 1)];
    const outside = [obs(2 * H), obs(3 * H), obs(-1)];
    expect(roads(measure([...inside, ...outside], now, DEFAULT_SPIKE, ZONE))).toMatchObject({
      count: 3,
      incidentIds: inside.map((o) => o.id),
    });
  });

  it('follows the configured window', () => {
    const o = [obs(30 * 60_000), obs(50 * 60_000), obs(70 * 60_000)];
    expect(roads(measure(o, now, { ...DEFAULT_SPIKE, windowMs: H }, ZONE))?.count).toBe(2);
  });

  it('measures only what occurs in the current window', () => {
    expect(measure([obs(WEEK)], now, DEFAULT_SPIKE, ZONE)).toEqual([]);
  });
});

describe('the baseline', () => {
  it('is the same weekday and time of day in each of the previous weeks', () => {
    const windows = baselineWindows(now, DEFAULT_SPIKE, ZONE);
    expect(windows.map((w) => w.to.toISOString())).toEqual([
      '2026-02-25T05:00:00.000Z',
      '2026-02-18T05:00:00.000Z',
      '2026-02-11T05:00:00.000Z',
      '2026-02-04T05:00:00.000Z',
    ]);
    expect(windows.every((w) => w.to.getTime() - w.from.getTime() === 2 * H)).toBe(true);
  });

  it('keeps the local time of day across a change of UTC offset', () => {
    // Europe/Berlin moved to summer time on 29.03.2026: a week before 10:00 CEST is 10:00 CET, 169 hours earlier.
    const [w] = baselineWindows(new Date('2026-04-01T08:00:00Z'), { ...DEFAULT_SPIKE, weeks: 1 }, 'Europe/Berlin');
    expect(w!.to.toISOString()).toBe('2026-03-25T09:00:00.000Z');
  });

  it('is the mean over the weeks, missing weeks counting as zero', () => {
    const past = [...many(2, () => WEEK + H), ...many(4, () => 3 * WEEK + 30 * 60_000)];
    expect(roads(measure([...past, obs(0)], now, DEFAULT_SPIKE, ZONE))?.baseline).toBe(1.5);
  });

  it('ignores what lies outside the baseline windows: other hours of those days, and the fifth week back', () => {
    const noise = [obs(WEEK + 3 * H), obs(WEEK - H), obs(5 * WEEK + H), obs(2 * WEEK + 2 * H)];
    expect(roads(measure([...noise, obs(0)], now, DEFAULT_SPIKE, ZONE))?.baseline).toBe(0);
  });

  it('follows the configured number of weeks', () => {
    const past = many(4, (i) => (i + 1) * WEEK + H);
    expect(roads(measure([...past, obs(0)], now, { ...DEFAULT_SPIKE, weeks: 2 }, ZONE))?.baseline).toBe(1);
  });
});

describe('a spike', () => {
  it('needs more than the minimum: five is ordinary, six is a spike over an empty baseline', () => {
    expect(detectSpikes(many(5, (i) => i * 60_000), now, DEFAULT_SPIKE, ZONE)).toEqual([]);
    const six = many(6, (i) => i * 60_000);
    expect(detectSpikes(six, now, DEFAULT_SPIKE, ZONE)).toEqual([
      { dimension: 'topic', value: 'Дороги', count: 6, baseline: 0, incidentIds: six.map((o) => o.id).sort((a, b) => a - b) },
    ]);
  });

  it('needs more than the multiple of the baseline: 3 × 2 = 6 is not enough, 7 is', () => {
    const past = [1, 2, 3, 4].flatMap((k) => many(2, () => k * WEEK + H));
    expect(detectSpikes([...past, ...many(6, (i) => i * 60_000)], now, DEFAULT_SPIKE, ZONE)).toEqual([]);
    expect(detectSpikes([...past, ...many(7, (i) => i * 60_000)], now, DEFAULT_SPIKE, ZONE)).toHaveLength(1);
  });

  it('follows the configured minimum and multiple', () => {
    const past = [1, 2, 3, 4].map((k) => obs(k * WEEK + H));
    const current = many(3, (i) => i * 60_000);
    expect(detectSpikes([...past, ...current], now, { ...DEFAULT_SPIKE, minimum: 2, multiple: 2 }, ZONE)).toHaveLength(1);
    expect(detectSpikes([...past, ...current], now, { ...DEFAULT_SPIKE, minimum: 2, multiple: 3 }, ZONE)).toHaveLength(0);
    expect(detectSpikes([...past, ...current], now, { ...DEFAULT_SPIKE, minimum: 3, multiple: 2 }, ZONE)).toHaveLength(0);
  });

  it('is measured per topic and per location, an incident counting for each of its topics once', () => {
    const o = [
      ...many(3, (i) => i * 60_000, ['Дороги', 'ЖКХ', 'Дороги'], 'с. Антоновка'),
      ...many(3, (i) => i * 60_000, ['Дороги'], 'г. Завитинск'),
      ...many(3, (i) => i * 60_000, ['ЖКХ'], null),
    ];
    const spikes = detectSpikes(o, now, DEFAULT_SPIKE, ZONE).map((m) => [m.dimension, m.value, m.count]);
    expect(spikes).toEqual([
      ['topic', 'Дороги', 6],
      ['topic', 'ЖКХ', 6],
    ]);
    const m = measure(o, now, DEFAULT_SPIKE, ZONE).filter((x) => x.dimension === 'location').map((x) => [x.value, x.count]);
    expect(m).toEqual([
      ['г. Завитинск', 3],
      ['с. Антоновка', 3],
    ]);
  });
});

describe('planning the alerts', () => {
  const m = (value: string, ids: number[]): Measure => ({ dimension: 'topic', value, count: ids.length, baseline: 0, incidentIds: ids });
  const open = (id: number, value: string, ids: number[]): OpenSpike => ({ id, dimension: 'topic', value, incidentIds: ids });

  it('opens a new spike', () => {
    expect(planSpikes([], [m('Дороги', [1, 2])])).toEqual({ open: [m('Дороги', [1, 2])], grow: [], close: [] });
  });

  it('grows an open spike by the incidents it does not list yet, keeping those that left the window', () => {
    const plan = planSpikes([open(9, 'Дороги', [1, 2, 3])], [m('Дороги', [2, 3, 4])]);
    expect(plan.open).toEqual([]);
    expect(plan.grow).toEqual([{ spike: open(9, 'Дороги', [1, 2, 3]), measure: m('Дороги', [2, 3, 4]), incidentIds: [1, 2, 3, 4] }]);
    expect(plan.close).toEqual([]);
  });

  it('leaves an open spike alone when nothing new arrived', () => {
    expect(planSpikes([open(9, 'Дороги', [1, 2, 3])], [m('Дороги', [2, 3])])).toEqual({ open: [], grow: [], close: [] });
  });

  it('closes a spike no longer detected, and tells location and topic of the same name apart', () => {
    const loc: OpenSpike = { id: 3, dimension: 'location', value: 'Дороги', incidentIds: [1] };
    const plan = planSpikes([open(9, 'Дороги', [1]), loc], [m('Дороги', [1])]);
    expect(plan.close).toEqual([loc]);
  });
});

// Properties over random histories: small value sets so collisions happen.
const topicArb = fc.constantFrom('Дороги', 'ЖКХ', 'Свет');
const locationArb = fc.option(fc.constantFrom('г. Завитинск', 'с. Антоновка'), { nil: null });
/** Offsets mostly in the current window and the baseline windows, some anywhere in five weeks, some in the future. */
const offsetArb = fc.oneof(
  fc.integer({ min: -H, max: 2 * H + 10 }),
  fc.integer({ min: 1, max: 4 }).chain((k) => fc.integer({ min: k * WEEK - 10, max: k * WEEK + 2 * H + 10 })),
  fc.integer({ min: 0, max: 5 * WEEK }),
);
const obsArb = fc.record({ offset: offsetArb, topics: fc.array(topicArb, { maxLength: 3 }), location: locationArb });
const historyArb = fc.array(obsArb, { maxLength: 60 }).map((xs) =>
  xs.map((x, i): Observation => ({ id: i + 1, at: new Date(now.getTime() - x.offset), topics: x.topics, location: x.location })),
);
const configArb = fc.record({
  windowMs: fc.constantFrom(H, 2 * H, 90 * 60_000),
  weeks: fc.integer({ min: 1, max: 4 }),
  minimum: fc.integer({ min: 0, max: 8 }),
  multiple: fc.constantFrom(1, 1.5, 3),
}) as fc.Arbitrary<SpikeConfig>;

/** A plain reference: count what carries the value in (to − window, to]. */
function reference(history: Observation[], dimension: 'topic' | 'location', value: string, to: Date, windowMs: number) {
  return history.filter(
    (o) =>
      o.at.getTime() > to.getTime() - windowMs &&
      o.at.getTime() <= to.getTime() &&
      (dimension === 'topic' ? o.topics.includes(value) : o.location === value),
  ).length;
}

describe('properties', () => {
  it('counts and baselines agree with a plain reference count', () => {
    fc.assert(
      fc.property(historyArb, configArb, (history, config) => {
        const windows = baselineWindows(now, config, ZONE);
        for (const m of measure(history, now, config, ZONE)) {
          expect(m.count).toBe(reference(history, m.dimension, m.value, now, config.windowMs));
          expect(m.incidentIds).toHaveLength(m.count);
          const past = windows.reduce((sum, w) => sum + reference(history, m.dimension, m.value, w.to, config.windowMs), 0);
          expect(m.baseline).toBeCloseTo(past / config.weeks, 10);
        }
      }),
    );
  });

  it('a spike is exactly a count above the minimum and above the multiple of the baseline', () => {
    fc.assert(
      fc.property(historyArb, configArb, (history, config) => {
        const spikes = new Set(detectSpikes(history, now, config, ZONE).map(spikeKey));
        for (const m of measure(history, now, config, ZONE)) {
          expect(spikes.has(spikeKey(m))).toBe(m.count > config.minimum && m.count > config.multiple * m.baseline);
        }
      }),
    );
  });

  it('does not depend on the order of the incidents', () => {
    fc.assert(
      fc.property(historyArb, configArb, fc.nat(), (history, config, seed) => {
        const shuffled = [...history].sort((a, b) => ((a.id * 7919 + seed) % 101) - ((b.id * 7919 + seed) % 101));
        expect(detectSpikes(shuffled, now, config, ZONE)).toEqual(detectSpikes(history, now, config, ZONE));
      }),
    );
  });

  it('one more incident now never ends a spike; one more in the past never starts one', () => {
    fc.assert(
      fc.property(historyArb, configArb, topicArb, fc.integer({ min: 1, max: 4 }), (history, config, topic, k) => {
        const before = new Set(detectSpikes(history, now, config, ZONE).map(spikeKey));
        const key = spikeKey({ dimension: 'topic', value: topic });
        const extraNow: Observation = { id: 1000, at: now, topics: [topic], location: null };
        if (before.has(key)) expect(detectSpikes([...history, extraNow], now, config, ZONE).map(spikeKey)).toContain(key);
        if (k > config.weeks) return;
        const extraPast: Observation = { id: 1001, at: new Date(now.getTime() - k * WEEK), topics: [topic], location: null };
        if (!before.has(key)) expect(detectSpikes([...history, extraPast], now, config, ZONE).map(spikeKey)).not.toContain(key);
      }),
    );
  });

  it('planning is idempotent: once applied, the same detection plans nothing more', () => {
    fc.assert(
      fc.property(historyArb, configArb, historyArb, (earlier, config, later) => {
        const first = detectSpikes(earlier, now, config, ZONE);
        let announced: OpenSpike[] = first.map((m, i) => ({ id: i + 1, dimension: m.dimension, value: m.value, incidentIds: m.incidentIds }));
        const detected = detectSpikes(later, now, config, ZONE);
        const plan = planSpikes(announced, detected);
        // Every detected spike is either opened or already announced; nothing both continues and closes.
        const keys = new Set(announced.map(spikeKey));
        for (const m of detected) expect(keys.has(spikeKey(m)) !== plan.open.some((o) => spikeKey(o) === spikeKey(m))).toBe(true);
        for (const c of plan.close) expect(detected.some((m) => spikeKey(m) === spikeKey(c))).toBe(false);
        // Apply the plan.
        const grown = new Map(plan.grow.map((g) => [g.spike.id, g.incidentIds]));
        announced = announced
          .filter((s) => !plan.close.includes(s))
          .map((s) => ({ ...s, incidentIds: grown.get(s.id) ?? s.incidentIds }))
          .concat(plan.open.map((m, i) => ({ id: 100 + i, dimension: m.dimension, value: m.value, incidentIds: m.incidentIds })));
        // Listed incidents only ever grow: everything detected is listed.
        for (const m of detected) {
          const s = announced.find((a) => spikeKey(a) === spikeKey(m))!;
          for (const id of m.incidentIds) expect(s.incidentIds).toContain(id);
        }
        expect(planSpikes(announced, detected)).toEqual({ open: [], grow: [], close: [] });
      }),
    );
  });

  it('isSpike is monotone: more incidents or a lower baseline never stop a spike', () => {
    fc.assert(
      fc.property(fc.nat(50), fc.nat(50), fc.double({ min: 0, max: 20, noNaN: true }), configArb, (count, more, baseline, config) => {
        if (isSpike(count, baseline, config)) {
          expect(isSpike(count + more, baseline, config)).toBe(true);
          expect(isSpike(count, baseline / 2, config)).toBe(true);
        }
      }),
    );
  });
});
