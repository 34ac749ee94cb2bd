/**
 * Every preset's ladder end to end: a message detected on Monday at 10:00
 * (the organisation's zone, normal working hours) on a clock fast enough to
 * reach the escalation of its first escalating deadline in a few seconds;
 * the reminder (when the timer is long enough for one), the miss and the
 * escalation arrive once each, in the chats the profile names, counted at the
 * fake Telegram.
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
import { planFirings } from '../../shared/core/sla/plan.js';
import { testHarness } from '../kit/harness.js';

const ZONE = 'Asia/Yakutsk';
const V0 = DateTime.fromISO('2026-11-23T10:00', { zone: ZONE }).toMillis();
const wt = new WorkTime({ timezone: ZONE, warn: () => {} });
const STEP_TEXT = { reminder: '⏰ Напоминание', due: '🔥 Срок истёк', escalation: '🚨 Эскалация' } as const;

describe('every preset\'s ladder', () => {
  for (const id of presetIds) {
    it(`${id}`, async () => {
      const profile = presets[id];
      const history: IncidentEvent[] = [ev.detected(V0)];
      const plan = planFirings(deadlines(history, profile, wt), profile, wt, { importance: 'normal' });
      const first = plan.find((f) => f.step === 'escalation')!;
      const ladder = plan.filter((f) => f.timer === first.timer && f.department === first.department);
      // Fast enough that the escalation comes about 6 s after the start, and never slower than 600×.
      const speed = Math.max(600, Math.ceil((first.at - V0) / 6000));
      const r0 = Date.now();
      const clock = { speed, start: r0, now: () => new Date(V0 + (Date.now() - r0) * speed) };
      const org = join(mkdtempSync(join(tmpdir(), 'otklik-preset-')), 'org.yaml');
      writeFileSync(org, readFileSync(EXAMPLE_ORG, 'utf8').replace('profile: zavitinsk-2020\n', `profile: ${id}\n`));
      const h = await testHarness({ clock, orgPath: org });
      try {
        const { db } = h.system.ctx.database;
        const event = messageNew({ groupId: h.vk.group.id, fromId: 660001, text: 'Во дворе не убран снег' });
        const { secret: _s, ...payload } = event;
        const { id: eventId } = await storeInboundEvent(db, { network: 'vk', eventKey: event.event_id, type: event.type, payload });
        await db.update(inboundEvents).set({ receivedAt: new Date(V0) }).where(eq(inboundEvents.id, eventId));
        await h.system.ctx.queues.enqueue('ingest', { inboundEventId: eventId });

        const chats = { reminder: [h.org.chats.curators], due: [h.org.chats.curators], escalation: [h.org.chats.duty] };
        const stage = t(`timer-${first.timer}`);
        const said = (chat: number, step: keyof typeof STEP_TEXT) =>
          h.telegram.messages(chat).filter((m) => m.text?.startsWith(`${STEP_TEXT[step]}: сообщение №1 — ${stage}`));
        await until(() => said(h.org.chats.duty, 'escalation').length > 0, `${id}: the escalation of ${first.timer}`, 40_000);
        await new Promise((r) => setTimeout(r, 1500));
        for (const f of ladder) for (const chat of chats[f.step]) expect(said(chat, f.step), `${f.step} in ${chat}`).toHaveLength(1);
        // The escalation names the stage, how late it is, and who holds it.
        expect(said(h.org.chats.duty, 'escalation')[0]!.text).toMatch(/срок был .*, просрочено на .*\. Сейчас у: /);
      } finally {
        await h.dispose();
      }
    }, 90_000);
  }
});
