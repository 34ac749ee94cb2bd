/**
 * VK events by the Bots Long Poll API (VK_TRANSPORT=longpoll), through the
 * fake VK's groups.getLongPollServer and long-poll server: events take the
 * Callback path (stored under event_id, then ingested), a re-delivered event
 * is stored once, an expired key or lost history is ridden out, and the
 * Callback endpoint is off; a message PostgreSQL cannot store as it is
 * does not stop the poll.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { inboundEvents, incidents, vkLongPoll } from '../../shared/platform/db/schema.js';
import { messageNew, wallReplyNew } from '../../shared/sandbox/fakes/vk-callback.js';
import { cardSays, until } from '../../shared/sandbox/demo/staff.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

let h: TestHarness;

beforeAll(async () => {
  h = await testHarness({ env: { VK_TRANSPORT: 'longpoll' } });
});
afterAll(async () => h?.dispose());

const db = () => h.system.ctx.database.db;

async function incidentFor(sourceKey: string) {
  return until(async () => (await db().select().from(incidents).where(eq(incidents.sourceKey, sourceKey)))[0], `incident ${sourceKey}`);
}

it('turns long-polled events into incidents and cards, once each, and keeps where it left off', async () => {
  await h.vk.waitFor((c) => c.method === 'groups.getLongPollServer');
  const comment = wallReplyNew({ groupId: h.vk.group.id, fromId: 630001, postId: 70, text: 'Когда починят освещение в парке?' });
  h.vk.longPoll.push(comment);
  h.vk.longPoll.push(comment); // VK delivering the same event again
  const incident = await incidentFor(`wall:-${h.vk.group.id}_70:${comment.object.id}`);
  await cardSays(h, h.org.chats.curators, incident.id, (t) => t.includes('освещение в парке'), 'the card');
  expect(await db().select().from(inboundEvents).where(eq(inboundEvents.eventKey, comment.event_id))).toHaveLength(1);
  const [saved] = await until(async () => {
    const rows = await db().select().from(vkLongPoll).where(eq(vkLongPoll.groupId, h.vk.group.id));
    return rows[0] && Number(rows[0].ts) >= 3 ? rows : undefined;
  }, 'the saved ts');
  expect(saved!.ts).toBe('3');

  const res = await fetch(h.vkWebhookUrl, { method: 'POST', body: JSON.stringify(comment) });
  expect(res.status).toBe(404); // no Callback endpoint to spoof while polling
});

it('asks for a new key when VK expires it, and continues when VK lost the history', async () => {
  const servers = () => h.vk.calls.filter((c) => c.method === 'groups.getLongPollServer').length;
  const before = servers();
  h.vk.longPoll.expireKey();
  const dm = messageNew({ groupId: h.vk.group.id, fromId: 630002, text: 'Нет горячей воды в доме 4' });
  h.vk.longPoll.push(dm);
  await incidentFor(`dm:630002:${dm.object.message.id}`);
  expect(servers()).toBeGreaterThan(before);

  h.vk.longPoll.forgetHistory();
  h.vk.longPoll.failNextWith3();
  const later = messageNew({ groupId: h.vk.group.id, fromId: 630003, text: 'Упало дерево на Садовой' });
  await h.vk.waitFor((c) => c.method === 'groups.getLongPollServer' && h.vk.calls.filter((x) => x.method === 'groups.getLongPollServer').length > before + 1);
  h.vk.longPoll.push(later);
  await incidentFor(`dm:630003:${later.object.message.id}`);
});

it('stores a message PostgreSQL cannot hold as it is (U+0000) with U+FFFD in its place, and polls on past it', async () => {
  const poison = messageNew({ groupId: h.vk.group.id, fromId: 630004, text: 'Яма\u0000у подъезда' });
  const next = messageNew({ groupId: h.vk.group.id, fromId: 630005, text: 'Не работает лифт' });
  h.vk.longPoll.push(poison);
  h.vk.longPoll.push(next);
  const incident = await incidentFor(`dm:630004:${poison.object.message.id}`);
  expect(incident.text).toBe('Яма\ufffdу подъезда');
  await incidentFor(`dm:630005:${next.object.message.id}`);
});

it("stores one answer's updates together, in one commit, and each becomes its own incident", async () => {
  const burst = [630006, 630007, 630008].map((fromId, i) => messageNew({ groupId: h.vk.group.id, fromId, text: `Сломана скамейка №${i + 1}` }));
  for (const dm of burst) h.vk.longPoll.push(dm); // before the poll wakes: one answer carries all three
  for (const dm of burst) await incidentFor(`dm:${dm.object.message.from_id}:${dm.object.message.id}`);
  const rows = await db().select().from(inboundEvents).where(inArray(inboundEvents.eventKey, burst.map((e) => e.event_id)));
  expect(rows).toHaveLength(3);
  // received_at is the transaction's time: one value for the three is one commit.
  expect(new Set(rows.map((r) => r.receivedAt.getTime())).size).toBe(1);
});
