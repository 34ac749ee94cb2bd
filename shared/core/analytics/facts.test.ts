/**
 * Facts from a fixed history played through the domain (history-testing.ts),
 * every value counted by hand below on the ivanovo-2020 timers: route 1h30m,
 * return window 1h, answer 9h, draft 4h before the answer's due, approval
 * 1h30m, rework 1h, publish 30m; working day 09:00–13:00, 14:00–18:00.
 */
import { describe, expect, it } from 'vitest';
import { loadPhraseLists } from '../../../test/kit/wordlists.js';
import { factsOf } from './facts.js';
import { A, B, C, NOW, playHistory, profile, workTime } from '../../../test/kit/report-history.js';
import { aggregate } from './measures.js';
import type { StageFact } from './measures.js';
import { msk, ZONE } from '../../../test/kit/reports.js';
import { detected, people, profileRules, Scenario } from '../../../test/kit/incident.js';
import { presets } from '../sla/profile/presets/index.js';
import { WorkTime } from '../sla/work-time.js';

const streams = playHistory();
const phraseLists = loadPhraseLists();
const facts = (id: number) => factsOf(streams.get(id)!, profile, workTime, NOW, { phraseLists });

type Row = [stage: string, department: string | null, executor: number | null, start: string, due: string | null, end: string | null, met: boolean | null, working: number, calendar: number];
const row = (s: StageFact): Row => {
  const local = (d: Date | null) => (d === null ? null : d.toLocaleString('sv-SE', { timeZone: ZONE }).slice(0, 16));
  return [s.stage, s.department, s.executorId, local(s.startedAt)!, local(s.dueAt), local(s.endedAt), s.met, s.workingMinutes, s.calendarMinutes];
};
const byStart = (rows: Row[]) => [...rows].sort((a, b) => a[3].localeCompare(b[3]) || a[0].localeCompare(b[0]));

describe('factsOf', () => {
  it('A: every run of every stage, the late first approval a miss', () => {
    expect(byStart(facts(A).stages.map(row))).toEqual(
      byStart([
        // Detected 10:00, routed 10:30: 30 min of the 1h30m.
        ['route', null, null, '2025-04-07 10:00', '2025-04-07 11:30', '2025-04-07 10:30', true, 30, 30],
        // 9 working hours from Mon 10:00: 3 h to 13:00, 4 h to 18:00, 2 h on Tue → Tue 11:00. Published Mon 15:10: 180 + 70 min.
        ['answer', 'roads', 101, '2025-04-07 10:00', '2025-04-08 11:00', '2025-04-07 15:10', true, 250, 310],
        // 4 h before Tue 11:00: 2 h of Tue morning, 2 h back from Mon 18:00 → Mon 16:00.
        ['draft', 'roads', 101, '2025-04-07 10:30', '2025-04-07 16:00', '2025-04-07 11:00', true, 30, 30],
        // Submitted 11:00, due 12:30, sent to rework 12:45: late.
        ['approval', null, null, '2025-04-07 11:00', '2025-04-07 12:30', '2025-04-07 12:45', false, 105, 105],
        // 1 h from 12:45 across lunch → 14:45; resubmitted 14:30: 15 + 30 working, 105 calendar minutes.
        ['rework', 'roads', 101, '2025-04-07 12:45', '2025-04-07 14:45', '2025-04-07 14:30', true, 45, 105],
        ['approval', null, null, '2025-04-07 14:30', '2025-04-07 16:00', '2025-04-07 15:00', true, 30, 30],
        // Ivanovo's executor publishes (п.13).
        ['publish', 'roads', 101, '2025-04-07 15:00', '2025-04-07 15:30', '2025-04-07 15:10', true, 10, 10],
        // No return fact: the right to return lapsed unused.
      ]),
    );
  });

  it('B: a used return window, a late second routing, a draft overdue now', () => {
    expect(byStart(facts(B).stages.map(row))).toEqual(
      byStart([
        ['route', null, null, '2025-04-07 16:00', '2025-04-07 17:30', '2025-04-07 16:20', true, 20, 20],
        // Returned after 30 of the 60 minutes, by housing's executor.
        ['return', 'housing', 102, '2025-04-07 16:20', '2025-04-07 17:20', '2025-04-07 16:50', true, 30, 30],
        // From the return 16:50: 70 min to 18:00, 20 on Tue → 09:20; routed 09:30: 100 working, 16 h 40 min calendar.
        ['route', null, null, '2025-04-07 16:50', '2025-04-08 09:20', '2025-04-08 09:30', false, 100, 1000],
        // 9 h from Mon 16:00: 2 + 4 + 3 → Tue 17:00; still running at 12:30: 120 + 210 working, 20 h 30 min calendar.
        ['answer', 'roads', 101, '2025-04-07 16:00', '2025-04-08 17:00', null, null, 330, 1230],
        // Housing's draft run was restarted by the re-routing before its due: judged by the new run only,
        // due 4 h before Tue 17:00 = 12:00; open at 12:30, 180 working minutes so far.
        ['draft', 'roads', 101, '2025-04-08 09:30', '2025-04-08 12:00', null, null, 180, 180],
      ]),
    );
  });

  it('C: a rejection ends the routing stage; the answer it cut short is no fact', () => {
    expect(facts(C).stages.map(row)).toEqual([['route', null, null, '2025-04-08 09:00', '2025-04-08 10:30', '2025-04-08 09:10', true, 10, 10]]);
  });

  it('the incidents as wholes', () => {
    const a = facts(A).incident;
    expect(a).toMatchObject({
      incidentId: A,
      network: 'vk',
      topics: ['Дороги'],
      location: 'Центр',
      receivedAt: msk('2025-04-07 10:00'),
      rejected: false,
      sociallySignificant: false,
      firstReply: { at: msk('2025-04-07 15:10'), workingMinutes: 250 },
      interimAt: null,
      answeredAt: msk('2025-04-07 15:10'),
      returns: [],
      closedAt: msk('2025-04-08 10:00'),
      outcome: 'resolved',
      // Others' like (Monday 16:30) and reply (Tuesday 09:15); the author's like of our answer (15:40, after it went out at 15:10).
      engagement: 2,
      reacted: true,
    });
    // The first version greets the citizen (no warning) and went to rework; the second does not greet (one warning).
    expect(a.drafts.map((d) => [d.executorId, d.department, d.kind, d.submittedAt, d.warnings, d.result])).toEqual([
      [101, 'roads', 'answer', msk('2025-04-07 11:00'), 0, 'rework'],
      [101, 'roads', 'answer', msk('2025-04-07 14:30'), 1, 'approved'],
    ]);
    const b = facts(B).incident;
    // OK is heard (the author's next message in the chat), but nothing came and no answer is out.
    expect(b).toMatchObject({ network: 'ok', sociallySignificant: true, firstReply: null, closedAt: null, outcome: null, drafts: [], engagement: 0, reacted: false });
    expect(b.returns).toEqual([{ department: 'housing', at: msk('2025-04-07 16:50') }]);
    expect(facts(C).incident).toMatchObject({ rejected: true, topics: ['Транспорт'], closedAt: null });
  });

  it('the excerpt and link come from the message', () => {
    const f = factsOf(streams.get(A)!, profile, workTime, NOW, { phraseLists, message: { text: `Яма  на\nдороге ${'очень '.repeat(40)}`, link: 'https://vk.com/wall-1_5' } });
    expect(f.incident.link).toBe('https://vk.com/wall-1_5');
    expect(f.incident.excerpt.length).toBe(140);
    expect(f.incident.excerpt.startsWith('Яма на дороге очень')).toBe(true);
  });

  it('reactions: only the author\'s at or after the final answer count as theirs; a hand-registered message tells nothing', () => {
    const a = streams.get(A)!;
    const answeredAt = msk('2025-04-07 15:10');
    const like = a.find((e) => e.type === 'citizen_reacted' && e.data.byAuthor)!;
    // The same like a minute before the answer went out (a like of an earlier reply): no reaction to the answer.
    const early = a.map((e) => (e === like ? { ...e, at: new Date(answeredAt.getTime() - 60_000) } : e));
    expect(factsOf(early, profile, workTime, NOW, { phraseLists }).incident).toMatchObject({ reacted: false, engagement: 2 });
    const manual = a.map((e, i) => (i === 0 && e.type === 'incident_detected' ? { ...e, data: { ...e.data, network: 'manual' } } : e));
    expect(factsOf(manual as typeof a, profile, workTime, NOW, { phraseLists }).incident).toMatchObject({ network: 'manual', reacted: null, engagement: null });
  });

  it('the week’s measures from these facts', () => {
    const all = [A, B, C].map(facts);
    const data = aggregate({
      organisation: { id: 'ivanovo', name: 'Иваново' },
      period: { kind: 'week', from: msk('2025-04-07 00:00'), to: msk('2025-04-14 00:00'), timezone: ZONE },
      asOf: NOW,
      incidents: all.map((f) => f.incident),
      stages: all.flatMap((f) => f.stages),
      workingMinutesBetween: (x, y) => workTime.workingMinutesBetween(x, y),
    });
    expect(data.received.total).toBe(3);
    expect(data.received.byNetwork).toEqual([
      { key: 'vk', count: 2 },
      { key: 'ok', count: 1 },
    ]);
    expect(data.rejected).toBe(1);
    expect(data.sociallySignificant).toBe(1);
    // Judged: A's 7 ended stages (the first approval late), B's route, return and late re-route, C's route,
    // and B's open draft whose due (12:00) passed before asOf: 12 judged, 9 on time.
    expect(data.onTime.total).toEqual({ judged: 12, onTime: 9, share: 0.75 });
    expect(data.onTime.byStage.find((s) => s.stage === 'approval')).toMatchObject({ judged: 2, onTime: 1 });
    expect(data.onTime.byStage.find((s) => s.stage === 'route')).toMatchObject({ judged: 4, onTime: 3 });
    expect(data.overdue.total).toBe(1);
    expect(data.overdue.items[0]).toMatchObject({ incidentId: B, stage: 'draft', overdueCalendarMinutes: 30, overdueWorkingMinutes: 30 });
    expect(data.firstReply).toEqual({ count: 1, medianWorkingMinutes: 250, p90WorkingMinutes: 250 });
    expect(data.returns.total).toBe(1);
    expect(data.drafts).toMatchObject({ submitted: 2, warnings: 1, approved: 1, reworkRounds: 1, reworkPerDraft: 1 });
    expect(data.outcomes.closed).toBe(1);
    expect(data.outcomes.byOutcome.resolved).toBe(1);
    // A is the only answer of the week, and its author liked it; A alone has engagement (2), C's rejection keeps it out.
    expect(data.reaction).toEqual({ known: 1, reacted: 1, share: 1 });
    expect(data.top.items.map((m) => [m.incidentId, m.engagement, m.repeats, m.outcome])).toEqual([[A, 2, 0, 'resolved']]);
    expect(data.top.resolvedPositively).toBe(1);
    const roads = data.departments.find((d) => d.department === 'roads')!;
    // Roads: A's answer, draft, rework, publish on time; B's draft missed.
    expect(roads.onTime).toMatchObject({ judged: 5, onTime: 4 });
    expect(data.departments.find((d) => d.department === 'housing')!.returns).toBe(1);
  });
});

describe('terms in the facts (kamchatka-ias-2021 2.5, 2.6)', () => {
  const kamchatka = presets['kamchatka-ias-2021'];
  const kamTime = new WorkTime({ timezone: 'Asia/Kamchatka', warn: () => {} });
  const rulesK = profileRules['kamchatka-ias-2021'];
  const { curator, roads, head, system } = people;
  const start = detected(1, new Date('2026-11-02T00:00:00Z')); // Monday 12:00 in Kamchatka

  it('judges the answer by the agreed 1-day term: published on day 2, it is a miss; the incident counts as having its own term', () => {
    const s = new Scenario(rulesK, start);
    s.run(curator, { type: 'triage', topics: ['Дороги'], location: 'Соболево', importance: 'high', sociallySignificant: false });
    s.run(curator, { type: 'agree_term', amount: 1 });
    const routed = s.run(curator, { type: 'route', departments: ['roads'] });
    s.run(roads, { type: 'take' });
    s.run(roads, { type: 'start_draft' });
    s.after(30 * 60).run(roads, { type: 'submit_draft', kind: 'answer', text: 'Здравствуйте! Трубу заменили.', attachments: [{ kind: 'photo', fileId: 'p1' }] });
    s.run(head, { type: 'approve' });
    s.run(system, { type: 'mark_published', messageId: 'vk-1' });
    const f = factsOf(s.events, kamchatka, kamTime, s.now, { phraseLists });
    expect(f.incident).toMatchObject({ agreedTerm: true, extendedDays: 0 });
    expect(f.stages.find((x) => x.stage === 'answer')).toMatchObject({ dueAt: new Date(routed.at.getTime() + 86_400_000), met: false });
    expect(aggregate({ organisation: { id: 'o', name: 'o' }, period: { kind: 'custom', from: start.at, to: s.now, timezone: 'Asia/Kamchatka' }, asOf: s.now, incidents: [f.incident], stages: f.stages }).terms).toEqual({ extended: 0, extendedDays: 0, agreed: 1 });
  });

  it('judges the answer by the extended due and counts the extension', () => {
    const s = new Scenario(rulesK, start);
    s.run(curator, { type: 'triage', topics: ['Дороги'], location: 'Соболево', importance: 'normal', sociallySignificant: false });
    s.run(curator, { type: 'route', departments: ['roads'] });
    s.run(roads, { type: 'take' });
    s.run(roads, { type: 'request_extension', reason: 'Ждём подрядчика' });
    s.run(curator, { type: 'grant_extension', days: 5 });
    s.run(roads, { type: 'start_draft' });
    s.after(12 * 24 * 60).run(roads, { type: 'submit_draft', kind: 'answer', text: 'Здравствуйте! Дорогу отремонтировали.', attachments: [{ kind: 'photo', fileId: 'p1' }] });
    s.run(head, { type: 'approve' });
    s.run(system, { type: 'mark_published', messageId: 'vk-1' });
    const f = factsOf(s.events, kamchatka, kamTime, s.now, { phraseLists });
    expect(f.incident).toMatchObject({ agreedTerm: false, extendedDays: 5 });
    // 10 days from posting plus 5: published on day 12, in time.
    expect(f.stages.find((x) => x.stage === 'answer')).toMatchObject({ dueAt: new Date(start.at.getTime() + 15 * 86_400_000), met: true });
  });
});
