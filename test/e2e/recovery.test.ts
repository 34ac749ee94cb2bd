/**
 * PostgreSQL is the truth: an event stored while its job was lost (a crash
 * between commit and enqueue, a Redis that lost its data) still becomes an
 * incident and a card once the reconciler runs.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { incidents } from '../../shared/platform/db/schema.js';
import { storeInboundEvent } from '../../shared/networks/inbox.js';
import { messageNew } from '../../shared/sandbox/fakes/vk-callback.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

let h: TestHarness;
// The reconciler leaves fresh events alone for a grace period; this clock is past it.
const later = { now: () => new Date(Date.now() + 5 * 60_000) };

beforeAll(async () => {
  h = await testHarness({ clock: later });
});

afterAll(async () => h?.dispose());

it('recovers an event whose ingest job was never enqueued, and after Redis lost everything', async () => {
  const event = messageNew({ groupId: h.vk.group.id, fromId: 620001, text: 'Не работает светофор у школы' });
  const { secret: _s, ...payload } = event;
  // Stored as the webhook would, but the enqueue "crashed"; then Redis is wiped for good measure.
  await storeInboundEvent(h.system.ctx.database.db, { network: 'vk', eventKey: event.event_id, type: event.type, payload });
  await h.flushRedis();

  await h.system.ctx.queues.enqueue('reconcile', {}, { removeOnComplete: true, removeOnFail: true });

  const key = `dm:620001:${event.object.message.id}`;
  const deadline = Date.now() + 15_000;
  let cards: ReturnType<TestHarness['telegram']['messages']> = [];
  while (Date.now() < deadline) {
    cards = h.telegram.messages(h.org.chats.curators).filter((m) => m.text?.includes('Не работает светофор у школы'));
    if (cards.length) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(cards).toHaveLength(1);
  const rows = await h.system.ctx.database.db.select().from(incidents).where(eq(incidents.sourceKey, key));
  expect(rows).toHaveLength(1);
});
