/**
 * Every preset's ladder against the working week: two messages detected on
 * Friday 27 November 2026 at 17:40 in the organisation's zone (20 working
 * minutes before the weekend), on a clock fast enough to reach Monday in a
 * few seconds.
 *
 * - N, normal importance, left with the curator: none of its pings reaches
 *   any staff chat before working time resumes on Monday; each comes no
 *   earlier than planned, and every planned instant is working time.
 * - H, high importance, routed to roads and taken by Петров, who is away with
 *   Волкова standing in: his first ping goes to her, never to him; a ping
 *   planned outside working hours (a calendar-clock deadline, or one already
 *   due when it was routed) goes then — at night, not held until Monday.
 *
 * Arrival instants are the fake Telegram's request times mapped through the
 * scaled clock; a BullMQ job never fires early, so "not before" is exact and
 * "before Monday" has hours of virtual slack.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { inboundEvents } from '../../shared/platform/db/schema.js';
import { EXAMPLE_ORG } from '../../shared/sandbox/demo/harness.js';
import { until } from '../../shared/sandbox/demo/staff.js';
import { messageNew } from '../../shared/sandbox/fakes/vk-callback.js';
import { t } from '../../shared/platform/i18n.js';
import { storeInboundEvent } from '../../shared/networks/inbox.js';
import { deadlines, presetIds, presets, WorkTime } from '../../shared/core/sla/index.js';
import type { IncidentEvent } from '../../shared/core/incident/events.js';
import { ev } from '../kit/history.js';
import { setAway } from '../../shared/flows/deadlines/away.js';
import { inWorkingTime, planFirings, type PlannedFiring } from '../../shared/core/sla/plan.js';
import { planForEvents, rescheduleTimers } from '../../shared/flows/deadlines/schedule.js';
import { refreshCards } from '../../shared/staffchat/cards/refresh.js';
import type { Actor, CommandInput } from '../../shared/core/incident/index.js';
import { execute } from '../../shared/flows/command/store.js';
import { loadEvents, loadState } from '../../shared/platform/db/events.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

const ZONE = 'Asia/Yakutsk';
const V0 = DateTime.fromISO('2026-11-27T17:40', { zone: ZONE }).toMillis();
const wt = new WorkTime({ timezone: ZONE, warn: () => {} });
const FRIDAY_END = DateTime.fromISO('2026-11-27T18:00', { zone: ZONE }).toMillis();
const MONDAY = wt.nextWorkingMoment(FRIDAY_END);
const DAY = 24 * 3600_000;
const CURATOR = { role: 'curator', userId: 101 } as const;
const EXECUTOR = 201; // Петров Пётр, roads (no department chat: cards and pings come in private)
const SUBSTITUTE = 202; // Волкова Мария
const STEPS = { '⏰ Напоминание': 'reminder', '🔥 Срок истёк': 'due', '🚨 Эскалация': 'escalation' } as const;
const PING = /^(⏰ Напоминание|🔥 Срок истёк|🚨 Эскалация): сообщение №(\d+) — ([^\n]*)/;
const forExecutor = (f: PlannedFiring) => f.actor === 'executor' || f.actor === 'responsible';
/** Real milliseconds the wait for the last expected ping should take. */
const REAL_SPAN_MS = 5000;

type Ping = { chat: number; incident: number; step: PlannedFiring['step']; stage: string; at: number };

/** The plans as the worker will make them: both detected at Friday 17:40, H triaged and routed a minute or two later. */
function dryPlans(id: (typeof presetIds)[number]) {
  const profile = presets[id];
  const plan = (h: IncidentEvent[], importance: string) => planFirings(deadlines(h, profile, wt), profile, wt, { importance });
  const n = plan([ev.detected(V0)], 'normal');
  const h = plan(
    [
      ev.detected(V0),
      ev.triaged(V0, 'high'),
      ev.routed(V0, ['roads'], 'roads'),
    ],
    'high',
  );
  return { n, h };
}

describe('every preset\'s ladder across a weekend', () => {
  for (const id of presetIds) {
    it(`${id}: nothing at night for normal importance, high importance when it falls, the substitute for the away executor`, async () => {
      const dry = dryPlans(id);
      const nDue = dry.n.find((f) => f.step === 'due')!;
      const hFirst = dry.h.find(forExecutor)!;
      // Wait for the normal message's first miss too unless it is days away (then its plan is checked, not waited for).
      const waitForN = nDue.at - V0 <= 4 * DAY;
      const horizon = Math.max(hFirst.at, waitForN ? nDue.at : 0) - V0;
      const speed = Math.max(600, Math.ceil(horizon / REAL_SPAN_MS));
      // Stands at Friday 17:40 while the system starts (no timer is scheduled yet), then runs from the first message on.
      let r0: number | null = null;
      const clock = { speed, start: 0, now: () => new Date(r0 === null ? V0 : V0 + (Date.now() - r0) * speed) };
      const virtual = (realMs: number) => (r0 === null || realMs < r0 ? V0 : V0 + (realMs - r0) * speed);

      const org = join(mkdtempSync(join(tmpdir(), 'otklik-hours-')), 'org.yaml');
      writeFileSync(org, readFileSync(EXAMPLE_ORG, 'utf8').replace('profile: zavitinsk-2020\n', `profile: ${id}\n`));
      const h: TestHarness = await testHarness({ clock, orgPath: org });
      try {
        const ctx = h.system.ctx;
        const { db } = ctx.database;
        await setAway(db, { userId: EXECUTOR, from: new Date(V0 - DAY), until: new Date(V0 + 30 * DAY), substituteId: SUBSTITUTE, acceptedAt: new Date(V0 - DAY) });
        const detect = async (fromId: number, text: string) => {
          const event = messageNew({ groupId: h.vk.group.id, fromId, text });
          const { secret: _s, ...payload } = event;
          const { id: eventId } = await storeInboundEvent(db, { network: 'vk', eventKey: event.event_id, type: event.type, payload });
          await db.update(inboundEvents).set({ receivedAt: new Date(V0) }).where(eq(inboundEvents.id, eventId));
          await ctx.queues.enqueue('ingest', { inboundEventId: eventId });
          const card = await until(() => h.telegram.messages(h.org.chats.curators).find((m) => m.text?.includes(text) && m.replyMarkup), 'the card');
          return Number(/№(\d+)/.exec(card.text!)![1]);
        };
        r0 = Date.now();
        const n = await detect(670001, 'Во дворе не убран снег');
        const hi = await detect(670002, 'Провалился асфальт на дороге у моста');
        // The curator triages and routes H, and Петров takes it, at 17:41–17:43: recorded at those instants (the
        // clock has run on meanwhile, by hours at this speed), then the cards and timers follow as after any command.
        let minute = 0;
        const act = async (actor: Actor, command: Record<string, unknown>) => {
          const state = (await loadState(db, hi))!;
          const now = new Date(V0 + ++minute * 60_000);
          const outcome = await execute(db, { incidentId: hi, actor, command: { ...command, expectedVersion: state.version } as CommandInput, rules: ctx.rules, now });
          expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
          if (outcome.ok) await refreshCards(ctx, outcome.state);
        };
        await act(CURATOR, { type: 'triage', topics: ['Дороги'], location: 'г. Завитинск', importance: 'high', sociallySignificant: false });
        await act(CURATOR, { type: 'route', departments: ['roads'] });
        await act({ role: 'executor', userId: EXECUTOR, department: 'roads' }, { type: 'take' });
        await rescheduleTimers(ctx, hi);

        // What the worker plans from the stored events (the instants of the real routing, not the guess).
        const nPlan = planForEvents(ctx, await loadEvents(db, n));
        const hPlan = planForEvents(ctx, await loadEvents(db, hi));
        const hTarget = hPlan.find(forExecutor)!;
        expect(hTarget, 'a ping for the executor').toBeDefined();
        const pings = (): Ping[] =>
          h.telegram.calls.flatMap((c) => {
            const m = c.method === 'sendMessage' && c.response.status === 200 ? PING.exec(String(c.params.text ?? '')) : null;
            return m ? [{ chat: Number(c.params.chat_id), incident: Number(m[2]), step: STEPS[m[1] as keyof typeof STEPS], stage: m[3]!, at: virtual(c.at) }] : [];
          });
        // H's own ladder: on a loaded machine the clock may pass Monday before H is routed, and its routing reminder goes first.
        const ofTarget = (p: Ping) => p.incident === hi && p.step === hTarget.step && p.stage.startsWith(`${t(`timer-${hTarget.timer}`)} до `);
        await until(
          () => pings().some(ofTarget) && (!waitForN || pings().some((p) => p.incident === n && p.step === 'due')),
          `${id}: H's ${hTarget.timer} ${hTarget.step} and N's miss`,
          40_000,
        );
        const seen = pings();
        if (process.env.LADDER_DEBUG) {
          const fmt = (ms: number) => DateTime.fromMillis(ms, { zone: ZONE }).toFormat('ccc dd HH:mm');
          console.log(id, `H ${hTarget.timer}/${hTarget.step} planned ${fmt(hTarget.at)};`, seen.map((p) => `${p.incident === n ? 'N' : 'H'} ${p.step}→${p.chat} ${fmt(p.at)}`).join(' | '));
        }

        // (a) Normal importance: every planned instant is working time; nothing comes before its plan, so nothing planned
        // after Friday's end comes before Monday's working time.
        expect(nPlan.filter((f) => !inWorkingTime(wt, f.at)).map((f) => `${f.timer}/${f.step}`)).toEqual([]);
        const nSeen = seen.filter((p) => p.incident === n);
        if (waitForN) expect(nSeen.map((p) => p.step)).toContain('due');
        for (const p of nSeen) {
          const planned = Math.min(...nPlan.filter((f) => f.step === p.step).map((f) => f.at));
          expect(p.at, `N ${p.step} not before its plan`).toBeGreaterThanOrEqual(planned);
          if (planned >= FRIDAY_END) expect(p.at, `N ${p.step} not in the night or the weekend`).toBeGreaterThanOrEqual(MONDAY);
        }

        // (b) High importance: the executor's first ping comes no earlier than planned; planned outside working hours
        // (a calendar-clock deadline, or one already due), it comes then, not held for the morning.
        const hSeen = seen.filter(ofTarget);
        expect(hSeen.length).toBeGreaterThan(0);
        const arrived = Math.min(...hSeen.map((p) => p.at));
        expect(arrived).toBeGreaterThanOrEqual(hTarget.at);
        if (!inWorkingTime(wt, hTarget.at)) expect(arrived, 'sent outside working hours').toBeLessThan(wt.nextWorkingMoment(hTarget.at));

        // (c) The executor is away: his pings go to the substitute, none to him.
        expect(hSeen.map((p) => p.chat)).toContain(SUBSTITUTE);
        expect(seen.filter((p) => p.chat === EXECUTOR)).toEqual([]);
      } finally {
        await h.dispose();
      }
    }, 90_000);
  }
});
