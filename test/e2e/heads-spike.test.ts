/**
 * «Повышенная социальная активность», end to end through the fake Telegram:
 * a burst of messages on one topic gives the heads one alert, edited in
 * place as more arrive; it ends when the burst does, and only then can a new
 * one start. Nothing is announced twice after Redis loses its data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inArray, sql } from 'drizzle-orm';
import { alertSpikes, incidents } from '../../shared/platform/db/schema.js';
import { evaluateSpikes } from '../../shared/flows/alerts/spikes.js';
import { testHarness, type TestHarness } from '../kit/harness.js';
import { citizenWrites, until } from '../../shared/sandbox/demo/staff.js';

let h: TestHarness;
let citizen = 650000;

beforeAll(async () => {
  h = await testHarness();
});
afterAll(async () => h?.dispose());

const TITLE = '📈 Повышенная социальная активность: тема «Дороги»';
const heads = () => h.org.chats.heads;
const spikeSends = () =>
  h.telegram.calls.filter((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === heads() && String(c.params.text).includes('Повышенная социальная активность'));
const spikeEdits = () =>
  h.telegram.calls.filter((c) => c.method === 'editMessageText' && Number(c.params.chat_id) === heads() && String(c.params.text).includes('Повышенная социальная активность'));
const alertsShown = () => h.telegram.messages(heads()).filter((m) => m.text?.startsWith('📈'));

/** No alert job left, and every spike's alert is posted and shown at its latest text. */
async function settled() {
  const ctx = h.system.ctx;
  await until(async () => {
    const counts = await ctx.queues.queue('alert').getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    if (Object.values(counts).some((n) => n > 0)) return false;
    const behind = await ctx.database.db.execute(sql`
      select 1 from alert_spikes s left join lane_messages m on m.chat_id = ${heads()} and m.key = 'alert-spike-' || s.id::text
      where s.posted_version is distinct from s.version or m.id is null or m.shown_version is distinct from m.version`);
    return behind.rows.length === 0;
  }, 'spike alerts settled', 20_000);
}

/** Messages about roads with no place named, so only the topic can spike. */
async function roadMessages(n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) ids.push(await citizenWrites(h, ++citizen, `Яма на дороге у дома ${citizen}, когда починят?`));
  return ids;
}

describe('activity spike', () => {
  let first: number[];

  it('five messages on a topic are ordinary; the sixth within the window raises one alert listing all six', async () => {
    first = await roadMessages(5);
    await settled();
    expect(spikeSends()).toHaveLength(0);

    first.push(...(await roadMessages(1)));
    const alert = await until(() => alertsShown().find((m) => m.text!.includes(`№${first[5]}`)), 'the spike alert');
    expect(alert.text!.split('\n')[0]).toBe(TITLE);
    expect(alert.text).toContain('6 сообщений за 2 ч (обычно 0)');
    for (const id of first) expect(alert.text).toContain(`№${id} · ВКонтакте: Яма на дороге`);
    await settled();
    expect(spikeSends()).toHaveLength(1);
  });

  it('the seventh edits the same alert instead of sending another', async () => {
    const edits = spikeEdits().length;
    first.push(...(await roadMessages(1)));
    await until(() => alertsShown().find((m) => m.text!.includes(`№${first[6]}`)), 'the alert listing the seventh');
    await settled();
    expect(spikeSends()).toHaveLength(1);
    expect(spikeEdits().length).toBeGreaterThan(edits);
    expect(alertsShown()).toHaveLength(1);
    expect(alertsShown()[0]!.text).toContain('7 сообщений за 2 ч');
  });

  it('announces nothing again after Redis lost its data and the reconciler rebuilt everything', async () => {
    await h.flushRedis();
    await h.system.ctx.queues.enqueue('reconcile', {}, { removeOnComplete: true, removeOnFail: true });
    await h.system.ctx.queues.enqueue('alert', { incidentId: first[6]!, version: 99 });
    await settled();
    await until(async () => (await h.system.ctx.queues.queue('reconcile').getJobCounts('waiting', 'active')).active === 0, 'reconcile done');
    expect(spikeSends()).toHaveLength(1);
    const open = await h.system.ctx.database.db.select().from(alertSpikes);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ dimension: 'topic', value: 'Дороги', closedAt: null });
  });

  it('ends when the window has moved past the burst, and only then does a new burst raise a new alert', async () => {
    const db = h.system.ctx.database.db;
    // Three hours pass for these messages: the window (two hours) no longer holds them.
    await db.update(incidents).set({ detectedAt: sql`${incidents.detectedAt} - interval '3 hours'` }).where(inArray(incidents.id, first));
    await h.system.ctx.queues.enqueue('reconcile', {}, { removeOnComplete: true, removeOnFail: true });
    await until(() => alertsShown()[0]!.text!.includes('Активность снизилась до обычной'), 'the alert says the spike ended');
    await settled();
    expect(spikeSends()).toHaveLength(1);

    const second = await roadMessages(6);
    await until(() => alertsShown().find((m) => m.text!.includes(`№${second[5]}`)), 'a new alert for the new spike');
    await settled();
    expect(spikeSends()).toHaveLength(2);
    const latest = alertsShown().at(-1)!;
    for (const id of first) expect(latest.text).not.toContain(`№${id} `);
    const rows = await db.select().from(alertSpikes).orderBy(alertSpikes.id);
    expect(rows.map((r) => r.closedAt === null)).toEqual([false, true]);
  });

  it('opens one spike however many evaluations run at once (worker replicas)', async () => {
    const ctx = h.system.ctx;
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push(await citizenWrites(h, ++citizen, `Благоустройство двора ${i}: нет скамеек и урн`));
    // The worker's own alert jobs run meanwhile; four more evaluations join them.
    await Promise.all([evaluateSpikes(ctx), evaluateSpikes(ctx), evaluateSpikes(ctx), evaluateSpikes(ctx)]);
    await settled();
    const rows = await ctx.database.db.select().from(alertSpikes).where(sql`${alertSpikes.value} = 'Благоустройство'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.incidentIds).toEqual(ids);
    const sent = spikeSends().filter((c) => String(c.params.text).includes('тема «Благоустройство»'));
    expect(sent).toHaveLength(1);
  });
});
