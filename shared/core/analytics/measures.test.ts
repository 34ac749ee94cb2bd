import { describe, expect, it } from 'vitest';
import { createWorkTime } from '../sla/index.js';
import { aggregate, judgedStages, percentile, periodDays } from './measures.js';
import { ANDREEVA, HOUSING, PETROV, ROADS, SIDOROV, ZONE, msk, sampleInput, stages } from '../../../test/kit/reports.js';

// Every expected value below is counted by hand from the facts in testing.ts.

describe('percentile (nearest rank)', () => {
  const v = [50, 15, 35, 20, 40]; // sorted: 15 20 35 40 50

  it('takes the value at rank ⌈p/100·n⌉ of the sorted list', () => {
    expect(percentile(v, 5)).toBe(15); // ⌈0.25⌉ = 1
    expect(percentile(v, 30)).toBe(20); // ⌈1.5⌉ = 2
    expect(percentile(v, 40)).toBe(20); // ⌈2⌉ = 2
    expect(percentile(v, 50)).toBe(35); // ⌈2.5⌉ = 3
    expect(percentile(v, 90)).toBe(50); // ⌈4.5⌉ = 5
    expect(percentile(v, 100)).toBe(50);
  });

  it('gives the lower middle as the median of an even count, and null for none', () => {
    expect(percentile([4, 1, 3, 2], 50)).toBe(2);
    expect(percentile([], 50)).toBeNull();
    expect(() => percentile([1], 0)).toThrow(RangeError);
  });
});

describe('aggregate: a week in Moscow', () => {
  const r = aggregate(sampleInput({ workingMinutesBetween: (a, b) => createWorkTime({ timezone: ZONE }).workingMinutesBetween(a, b) }));

  it('counts incidents received in the period by network, topic and location', () => {
    // №1–5 and №7; №6 came the week before, №8 after midnight on the next Monday.
    expect(r.received.total).toBe(6);
    expect(r.received.byNetwork).toEqual([
      { key: 'vk', count: 3 }, // №1, №4, №5
      { key: 'ok', count: 2 }, // №2, №7
      { key: 'telegram', count: 1 }, // №3
    ]);
    // №3 has two topics and counts under both; ties in Russian alphabetical order.
    expect(r.received.byTopic).toEqual([
      { key: 'ЖКХ', count: 3 },
      { key: 'Дороги', count: 2 },
      { key: 'Благоустройство', count: 1 },
      { key: 'Транспорт', count: 1 },
    ]);
    // №4 has no location.
    expect(r.received.byLocation).toEqual([
      { key: 'Центр', count: 3 },
      { key: 'Заречье', count: 2 },
    ]);
  });

  it('counts received per local day, empty days included', () => {
    expect(r.received.byDay).toEqual([
      { date: '2025-04-07', total: 2, byNetwork: { vk: 1, ok: 1 } },
      { date: '2025-04-08', total: 0, byNetwork: {} },
      { date: '2025-04-09', total: 1, byNetwork: { telegram: 1 } },
      { date: '2025-04-10', total: 1, byNetwork: { vk: 1 } },
      { date: '2025-04-11', total: 0, byNetwork: {} },
      { date: '2025-04-12', total: 1, byNetwork: { vk: 1 } },
      { date: '2025-04-13', total: 1, byNetwork: { ok: 1 } }, // 23:30 Moscow is 20:30 UTC
    ]);
  });

  it('judges stages that ended in the period, and open ones whose due passed in it', () => {
    // 13 ended in the week with a due, of which №2's draft was late; plus №6's draft, due Wed and never ended.
    // Not judged: №6's route (ended last week), №5's draft (due next Monday), №7's route (not due), №7's answer (paused).
    expect(r.onTime.total).toEqual({ judged: 14, onTime: 12, share: 12 / 14 });
    expect(r.onTime.byStage).toEqual([
      { stage: 'route', judged: 5, onTime: 5, share: 1 }, // №1, №2 twice, №3, №5
      { stage: 'return', judged: 1, onTime: 1, share: 1 },
      { stage: 'draft', judged: 4, onTime: 2, share: 0.5 }, // №1 ✓, №2 ✗, №3 ✓, №6 ✗
      { stage: 'approval', judged: 2, onTime: 2, share: 1 },
      { stage: 'rework', judged: 1, onTime: 1, share: 1 },
      { stage: 'final', judged: 1, onTime: 1, share: 1 },
    ]);
  });

  it('reports on time, returns and overdue per department', () => {
    expect(r.departments).toEqual([
      {
        department: ROADS,
        name: 'Дорожное хозяйство',
        // №1 draft ✓, №1 rework ✓, №2 draft ✗, №2 final ✓
        onTime: { judged: 4, onTime: 3, share: 0.75 },
        byStage: [
          { stage: 'draft', judged: 2, onTime: 1, share: 0.5 },
          { stage: 'rework', judged: 1, onTime: 1, share: 1 },
          { stage: 'final', judged: 1, onTime: 1, share: 1 },
        ],
        returns: 0,
        overdueNow: 1, // №5's draft
      },
      {
        department: HOUSING,
        name: 'Отдел ЖКХ',
        // №2 return ✓, №3 draft ✓, №6 draft ✗
        onTime: { judged: 3, onTime: 2, share: 2 / 3 },
        byStage: [
          { stage: 'return', judged: 1, onTime: 1, share: 1 },
          { stage: 'draft', judged: 2, onTime: 1, share: 0.5 },
        ],
        returns: 1, // №2 was not theirs
        overdueNow: 1, // №6's draft
      },
    ]);
  });

  it('reports on time, drafts and draft-check warnings per executor', () => {
    expect(r.executors.map((e) => e.executorId)).toEqual([ANDREEVA, PETROV, SIDOROV]); // by name: А, П, С
    const [andreeva, petrov, sidorov] = r.executors;
    expect(andreeva).toMatchObject({ name: 'Андреева А. А.', department: ROADS, onTime: { judged: 2, onTime: 1, share: 0.5 }, drafts: 2, warnings: 1, overdueNow: 0 });
    expect(petrov).toMatchObject({ name: 'Петров П. П.', department: ROADS, onTime: { judged: 2, onTime: 2, share: 1 }, drafts: 2, warnings: 2, overdueNow: 1 });
    // №6's draft of last week (1 warning) does not count; its open draft stage is a miss and overdue.
    expect(sidorov).toMatchObject({ name: 'Сидоров С. С.', department: HOUSING, onTime: { judged: 3, onTime: 2, share: 2 / 3 }, drafts: 3, warnings: 4, overdueNow: 1 });
    expect(sidorov!.byStage).toEqual([
      { stage: 'return', judged: 1, onTime: 1, share: 1 },
      { stage: 'draft', judged: 2, onTime: 1, share: 0.5 },
    ]);
  });

  it('takes the median and 90th percentile of working minutes to the first public reply', () => {
    // In the week: 120 (№1), 240 (№2), 90 (№3), 30 (№5); №6's 300 was last week. Sorted 30 90 120 240.
    expect(r.firstReply).toEqual({ count: 4, medianWorkingMinutes: 90, p90WorkingMinutes: 240 }); // ranks ⌈2⌉ and ⌈3.6⌉
  });

  it('lists what is overdue now, the longest first, with working and calendar minutes', () => {
    expect(r.overdue.total).toBe(2);
    expect(r.overdue.byStage).toEqual([{ key: 'draft', count: 2 }]);
    expect(r.overdue.items.map((o) => [o.incidentId, o.stage, o.departmentName, o.executorName])).toEqual([
      [6, 'draft', 'Отдел ЖКХ', 'Сидоров С. С.'],
      [5, 'draft', 'Дорожное хозяйство', 'Петров П. П.'],
    ]);
    // №6: due Wed 12:00, now Mon 09:00: 4 days 21 h; working: Wed 1 h + 4 h, Thu 8 h, Fri 8 h = 21 h.
    expect(r.overdue.items[0]).toMatchObject({ overdueCalendarMinutes: 4 * 1440 + 21 * 60, overdueWorkingMinutes: 21 * 60 });
    // №5: due Mon 08:00, an hour before work starts.
    expect(r.overdue.items[1]).toMatchObject({ overdueCalendarMinutes: 60, overdueWorkingMinutes: 0 });
  });

  it('counts returns, drafts, rework rounds per approved draft', () => {
    expect(r.returns.total).toBe(1);
    // №1: rework, approved (1 round); №2: interim approved, answer approved (0, 0); №3: rework, rework, approved (2).
    expect(r.drafts).toEqual({ submitted: 7, warnings: 7, approved: 4, reworkRounds: 3, reworkPerDraft: 0.75, maxReworkRounds: 2 });
  });

  it('counts interim share, reactions, repeats, rejected, socially significant and outcomes', () => {
    // Final answers this week: №1, №2 (after an interim), №3.
    expect(r.interim).toEqual({ answered: 3, withInterim: 1, share: 1 / 3 });
    // №1's network does not tell; №2 reacted, №3 did not.
    expect(r.reaction).toEqual({ known: 2, reacted: 1, share: 0.5 });
    expect(r.repeats).toBe(1); // №5
    expect(r.rejected).toBe(1); // №4
    expect(r.sociallySignificant).toBe(1); // №3; №6 was last week
    expect(r.outcomes).toEqual({ closed: 2, byOutcome: { resolved: 1, explained: 1, in_progress: 0, not_resolved: 0 } });
  });

  it('ranks top messages by engagement plus repeats, without rejected ones', () => {
    // №1: 12 + 1 repeat = 13; №3: 5; №2: 3; №4 is rejected; №5 and №7 have none.
    expect(r.top.items.map((m) => [m.incidentId, m.engagement, m.repeats, m.outcome])).toEqual([
      [1, 12, 1, 'resolved'],
      [3, 5, 0, 'explained'],
      [2, 3, 0, null],
    ]);
    expect(r.top.resolvedPositively).toBe(1);
    expect(aggregate(sampleInput({ topCount: 1 })).top.items.map((m) => m.incidentId)).toEqual([1]);
  });

  it('leaves overdue working minutes out without a working-time function', () => {
    expect(aggregate(sampleInput()).overdue.items.map((o) => o.overdueWorkingMinutes)).toEqual([null, null]);
  });
});

describe('judgedStages', () => {
  it('does not judge an open stage whose due is still ahead of asOf', () => {
    const period = { kind: 'week' as const, from: msk('2025-04-07 00:00'), to: msk('2025-04-14 00:00'), timezone: ZONE };
    const open6 = stages.find((s) => s.incidentId === 6 && s.stage === 'draft')!;
    expect(judgedStages([open6], period, msk('2025-04-09 11:00'))).toEqual([]);
    expect(judgedStages([open6], period, msk('2025-04-09 12:01'))).toEqual([{ fact: open6, onTime: false }]);
  });
});

describe('periodDays', () => {
  it('lists local dates across a DST-free quarter and a day boundary in the zone', () => {
    const days = periodDays({ kind: 'quarter', from: msk('2025-01-01 00:00'), to: msk('2025-04-01 00:00'), timezone: ZONE });
    expect(days).toHaveLength(31 + 28 + 31);
    expect(days[0]).toBe('2025-01-01');
    expect(days.at(-1)).toBe('2025-03-31');
  });

  it('keeps every day of a month with a DST change', () => {
    const from = new Date('2025-03-01T00:00:00+01:00'); // Berlin, before the change on 30 March
    const to = new Date('2025-04-01T00:00:00+02:00');
    expect(periodDays({ kind: 'month', from, to, timezone: 'Europe/Berlin' })).toHaveLength(31);
  });
});

describe('aggregate: forwarded messages and citizens\' ratings (issue 19)', () => {
  const base = sampleInput();
  const [first, second, third, ...rest] = base.incidents;
  // №1 and №3 answered in the week and rated 5 and 2; a message received in the week and forwarded to ЦУР.
  const forwarded = { ...rest[0]!, incidentId: 90, rejected: false, forwardedTo: 'ЦУР НСО', answeredAt: null, engagement: 90 };
  const r = aggregate({
    ...base,
    incidents: [{ ...first!, rating: 5 }, second!, { ...third!, rating: 2 }, ...rest, forwarded],
  });

  it('counts forwarded messages apart from the rejected, by body, and keeps them out of the top list', () => {
    expect(r.forwarded).toEqual({ total: 1, byBody: [{ key: 'ЦУР НСО', count: 1 }] });
    expect(r.rejected).toBe(aggregate(base).rejected);
    expect(r.top.items.map((m) => m.incidentId)).not.toContain(90);
  });

  it('counts the ratings of answers published in the period, with their average', () => {
    expect(r.ratings).toEqual({ count: 2, average: 3.5 });
    expect(aggregate(base).ratings).toEqual({ count: 0, average: null });
  });
});

describe('aggregate: success stories covered in the media (sobolevo п.23)', () => {
  const base = sampleInput();
  const [first, second, third, ...rest] = base.incidents;
  // №1 marked in the week, №2 marked the week after (counted then, not now), №3 never.
  const incidents = [
    { ...first!, successStory: { at: msk('2025-04-10 12:00'), link: 'https://vk.com/wall-1_10' } },
    { ...second!, successStory: { at: msk('2025-04-15 12:00'), link: 'Газета «Вестник», №5' } },
    third!,
    ...rest,
  ];

  it('counts the stories marked in the period, with where each was covered, where the profile counts them', () => {
    const r = aggregate({ ...base, incidents, successStories: true });
    expect(r.successStories).toEqual({ count: 1, items: [{ incidentId: first!.incidentId, link: 'https://vk.com/wall-1_10', excerpt: first!.excerpt }] });
    expect(aggregate({ ...base, successStories: true }).successStories).toEqual({ count: 0, items: [] });
  });

  it('has no such measure where the profile does not count them', () => {
    expect(aggregate({ ...base, incidents }).successStories).toBeNull();
  });
});
