/**
 * The heads' immediate alerts, end to end through the fake Telegram: a
 * socially significant incident is announced in the heads' chat exactly once,
 * whatever retries, replicas and reconciler passes follow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { laneMessages } from '../../shared/platform/db/schema.js';
import { alertIfSignificant, significantKey } from '../../shared/flows/alerts/significant.js';
import { runCommand } from '../../shared/flows/command/run.js';
import { execute } from '../../shared/flows/command/store.js';
import { loadState } from '../../shared/platform/db/events.js';
import { testHarness, type TestHarness } from '../kit/harness.js';
import { citizenWrites, press, until } from '../../shared/sandbox/demo/staff.js';

let h: TestHarness;
const CURATOR = 101;

beforeAll(async () => {
  h = await testHarness();
});
afterAll(async () => h?.dispose());

const heads = () => h.org.chats.heads;
/** Every message the bot sent to the heads' chat about this incident's significance. */
const sentAlerts = (id: number) =>
  h.telegram.calls.filter(
    (c) => c.method === 'sendMessage' && Number(c.params.chat_id) === heads() && String(c.params.text).includes(`Общественно значимое сообщение №${id}</b>`),
  );

/** Waits until no alert job is left and the incident's alert is shown at its latest version. */
async function settled(id: number) {
  const queue = h.system.ctx.queues.queue('alert');
  await until(async () => {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    if (Object.values(counts).some((n) => n > 0)) return false;
    const [row] = await h.system.ctx.database.db
      .select()
      .from(laneMessages)
      .where(and(eq(laneMessages.chatId, heads()), eq(laneMessages.key, significantKey(id))));
    return row !== undefined && row.shownVersion === row.version;
  }, 'alerts settled');
}

describe('socially significant', () => {
  it('announces an incident flagged at triage in the heads\' chat once, with the card\'s essentials', async () => {
    const id = await citizenWrites(h, 640001, 'Во всём с. Антоновка нет воды третий день, на дороге прорыв трубы, дети без воды');
    const curators = h.org.chats.curators;
    await press(h, curators, id, CURATOR, '⚠️ Общественно значимое');
    expect(await press(h, curators, id, CURATOR, '✅ Направить')).toMatch(/^Направлено: /);

    const alert = await until(
      () => h.telegram.messages(heads()).find((m) => m.text?.startsWith(`❗️ Общественно значимое сообщение №${id} `)),
      'the alert in the heads\' chat',
    );
    expect(alert.text).toContain('ВКонтакте, личное сообщение');
    expect(alert.text).toContain('нет воды третий день');
    expect(alert.text).toContain('🏷 ЖКХ · с. Антоновка'); // no water, a burst pipe: ЖКХ by the lexicon
    expect(alert.text).toContain('Отметил(а): Иванова Ирина');
    // The curators' card is not the alert: it stays in the curators' chat only.
    expect(h.telegram.messages(heads()).filter((m) => m.text?.startsWith(`Сообщение №${id} `))).toEqual([]);

    // Retries, a second replica and the reconciler all try again: still one message.
    const state = (await loadState(h.system.ctx.database.db, id))!;
    await Promise.all([alertIfSignificant(h.system.ctx, id), alertIfSignificant(h.system.ctx, id)]);
    await h.system.ctx.queues.enqueue('alert', { incidentId: id, version: state.version + 100 });
    await h.system.ctx.queues.enqueue('reconcile', {}, { removeOnComplete: true, removeOnFail: true });
    await settled(id);
    expect(sentAlerts(id)).toHaveLength(1);
  });

  it('says nothing for an incident not flagged', async () => {
    const id = await citizenWrites(h, 640002, 'Яма на дороге в г. Завитинск');
    await press(h, h.org.chats.curators, id, CURATOR, '✅ Направить');
    expect(await alertIfSignificant(h.system.ctx, id)).toBe('not significant');
    expect(sentAlerts(id)).toHaveLength(0);
  });

  it('announces a flag set by a later triage, and not again when it is cleared and set once more', async () => {
    const id = await citizenWrites(h, 640003, 'Снова нет света на улице в г. Завитинск');
    const ctx = h.system.ctx;
    const curator = { role: 'curator' as const, userId: CURATOR };
    const triage = async (sociallySignificant: boolean) => {
      const state = (await loadState(ctx.database.db, id))!;
      const outcome = await runCommand(ctx, id, curator, {
        type: 'triage',
        expectedVersion: state.version,
        topics: ['ЖКХ'],
        location: 'г. Завитинск',
        importance: 'normal',
        sociallySignificant,
      });
      expect(outcome.ok).toBe(true);
    };
    await triage(false);
    await triage(true);
    await until(() => sentAlerts(id).length > 0, 'the alert after the later flag');
    await triage(false);
    await triage(true);
    await settled(id);
    expect(sentAlerts(id)).toHaveLength(1);
    expect(String(sentAlerts(id)[0]!.params.text)).toContain('🏷 ЖКХ · г. Завитинск');
  });

  it('is recovered by the reconciler when the alert job was lost with Redis', async () => {
    const id = await citizenWrites(h, 640004, 'Прорвало трубу в с. Антоновка, затопило улицу');
    const ctx = h.system.ctx;
    const state = (await loadState(ctx.database.db, id))!;
    // Recorded as a command would be, but the alert job "was lost": the workflow store alone, no runCommand.
    const outcome = await execute(ctx.database.db, {
      incidentId: id,
      actor: { role: 'curator', userId: CURATOR },
      command: { type: 'triage', expectedVersion: state.version, topics: ['ЖКХ'], location: 'с. Антоновка', importance: 'high', sociallySignificant: true },
      rules: ctx.rules,
      now: ctx.clock.now(),
    });
    expect(outcome.ok).toBe(true);
    expect(sentAlerts(id)).toHaveLength(0);
    await ctx.queues.enqueue('reconcile', {}, { removeOnComplete: true, removeOnFail: true });
    await until(() => sentAlerts(id).length > 0, 'the recovered alert');
    await settled(id);
    expect(sentAlerts(id)).toHaveLength(1);
  });
});
