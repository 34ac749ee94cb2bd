/**
 * The reconciler repairs cards in every chat an incident belongs in, not only
 * the curators': a transition committed while its card jobs were lost (a
 * crash between commit and enqueue) still reaches the department's chat, or
 * the executors' private chats where the department has none.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { execute } from '../../shared/flows/command/store.js';
import { loadState } from '../../shared/platform/db/events.js';
import { testHarness, type TestHarness } from '../kit/harness.js';
import { cardIn, cardSays, citizenWrites } from '../../shared/sandbox/demo/staff.js';

let h: TestHarness;
const CURATOR = 101;
const HOUSING_CHAT = -1001000000010;
const ROADS_EXECUTOR = 201; // roads has no chat: his private chat with the bot

beforeAll(async () => {
  h = await testHarness();
});
afterAll(async () => h?.dispose());

/** Triage and route recorded in PostgreSQL only: the card jobs that would follow are "lost". */
async function routeWithoutJobs(id: number, topic: string, department: string) {
  const ctx = h.system.ctx;
  const actor = { role: 'curator' as const, userId: CURATOR };
  let state = (await loadState(ctx.database.db, id))!;
  const triaged = await execute(ctx.database.db, {
    incidentId: id,
    actor,
    command: { type: 'triage', expectedVersion: state.version, topics: [topic], location: 'г. Завитинск', importance: 'normal', sociallySignificant: false },
    rules: ctx.rules,
    now: ctx.clock.now(),
  });
  expect(triaged.ok).toBe(true);
  state = (await loadState(ctx.database.db, id))!;
  const routed = await execute(ctx.database.db, {
    incidentId: id,
    actor,
    command: { type: 'route', expectedVersion: state.version, departments: [department] },
    rules: ctx.rules,
    now: ctx.clock.now(),
  });
  expect(routed.ok).toBe(true);
}

it('re-creates a card lost for a department chat and for an executor\'s private chat, and refreshes the curators\' card', async () => {
  const housing = await citizenWrites(h, 660001, 'Во дворе прорвало трубу, ЖКХ не приезжает');
  const roads = await citizenWrites(h, 660002, 'На дороге к вокзалу огромная яма');
  await routeWithoutJobs(housing, 'ЖКХ', 'housing');
  await routeWithoutJobs(roads, 'Дороги', 'roads');
  expect(cardIn(h, HOUSING_CHAT, housing)).toBeUndefined();
  expect(cardIn(h, ROADS_EXECUTOR, roads)).toBeUndefined();

  await h.system.ctx.queues.enqueue('reconcile', {}, { removeOnComplete: true, removeOnFail: true });

  await cardSays(h, HOUSING_CHAT, housing, (t) => t.includes('направлено исполнителю'), 'the housing chat\'s card');
  await cardSays(h, ROADS_EXECUTOR, roads, (t) => t.includes('направлено исполнителю'), 'the roads executor\'s card');
  await cardSays(h, h.org.chats.curators, housing, (t) => t.includes('направлено исполнителю'), 'the curators\' card brought up to date');
  await cardSays(h, h.org.chats.curators, roads, (t) => t.includes('направлено исполнителю'), 'the curators\' card brought up to date');
  // One card per chat: the repair sends, it does not duplicate.
  expect(h.telegram.messages(HOUSING_CHAT).filter((m) => m.text?.startsWith(`Сообщение №${housing} `))).toHaveLength(1);
  expect(h.telegram.messages(h.org.chats.curators).filter((m) => m.text?.startsWith(`Сообщение №${housing} `))).toHaveLength(1);
});
