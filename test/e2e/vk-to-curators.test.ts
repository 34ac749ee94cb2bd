/**
 * The first path end to end: a citizen's VK message or comment becomes one
 * stored incident and one card in the curators' Telegram chat. Real
 * PostgreSQL, Redis, bots and worker; only VK and Telegram are fakes, driven
 * over HTTP exactly as the real ones would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { inboundEvents, incidentEvents, incidents } from '../../shared/platform/db/schema.js';
import { confirmation, messageNew, postVkCallback, wallReplyNew } from '../../shared/sandbox/fakes/vk-callback.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

let h: TestHarness;

beforeAll(async () => {
  h = await testHarness({ env: { METRICS_TOKEN } });
});

afterAll(async () => h?.dispose());

const db = () => h.system.ctx.database.db;
const curators = () => h.org.chats.curators;
const secret = () => h.env.VK_CALLBACK_SECRET!;
const METRICS_TOKEN = 'metrics-token-for-tests';

async function cardsFor(incidentId: number, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = h.telegram.messages(curators()).filter((m) => m.text?.includes(`Сообщение №${incidentId} `));
    if (found.length || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function incidentFor(sourceKey: string) {
  const rows = await db().select().from(incidents).where(eq(incidents.sourceKey, sourceKey));
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

describe('VK → incident → curators\' card', () => {
  it('answers VK\'s confirmation request with the configured code', async () => {
    const res = await postVkCallback(h.vkWebhookUrl, confirmation({ groupId: h.vk.group.id }));
    expect(res).toMatchObject({ status: 200, body: h.env.VK_CONFIRMATION_CODE });
  });

  it('turns a private message into one incident and one card with network, author, text, link and local time', async () => {
    h.vk.seedUser({ id: 610001, first_name: 'Мария', last_name: 'Соколова' });
    const event = messageNew({ groupId: h.vk.group.id, secret: secret(), fromId: 610001, text: 'Третий день нет света на ул. Мира, 5' });
    const res = await postVkCallback(h.vkWebhookUrl, event);
    expect(res).toMatchObject({ status: 200, body: 'ok' });

    const stored = await db().select().from(inboundEvents).where(eq(inboundEvents.eventKey, event.event_id));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.payload).not.toHaveProperty('secret');

    const [card] = await cardsFor((await waitForIncident(`dm:610001:${event.object.message.id}`)).id);
    const incident = await incidentFor(`dm:610001:${event.object.message.id}`);
    expect(incident).toMatchObject({ network: 'vk', kind: 'direct', status: 'detected', authorName: 'Мария Соколова', profile: h.system.ctx.profile.id });
    expect(card, 'card in the curators chat').toBeDefined();
    expect(card!.text).toContain('ВКонтакте, личное сообщение');
    expect(card!.text).toContain('Мария Соколова');
    expect(card!.text).toContain('Третий день нет света на ул. Мира, 5');
    expect(card!.text).toContain('Открыть оригинал');
    const link = JSON.stringify(card!.raw.entities ?? []);
    expect(link).toContain(`https://vk.com/gim${h.vk.group.id}?sel=610001&msgid=${event.object.message.id}`);
    const local = new Intl.DateTimeFormat('ru-RU', { timeZone: h.org.timezone, hour: '2-digit', minute: '2-digit' })
      .format(incident.detectedAt);
    // The organisation's local time, and never the zone's IANA name (#17): staff know where they are.
    expect(card!.text).toContain(`Выявлено`);
    expect(card!.text).toContain(local);
    expect(card!.text).not.toContain(h.org.timezone);

    const audit = await db().select().from(incidentEvents).where(eq(incidentEvents.incidentId, incident.id));
    expect(audit.map((e) => [e.version, e.type])).toEqual([[1, 'incident_detected']]);
  });

  it('turns a comment under a community post into one incident and one card', async () => {
    const event = wallReplyNew({ groupId: h.vk.group.id, secret: secret(), fromId: 610002, postId: 10, text: 'Яма на дороге в Антоновку' });
    expect((await postVkCallback(h.vkWebhookUrl, event)).body).toBe('ok');
    const key = `wall:-${h.vk.group.id}_10:${event.object.id}`;
    const incident = await waitForIncident(key);
    expect(incident.kind).toBe('comment');
    const cards = await cardsFor(incident.id);
    expect(cards).toHaveLength(1);
    expect(cards[0]!.text).toContain('ВКонтакте, комментарий');
    expect(cards[0]!.text).toContain('Яма на дороге в Антоновку');
  });

  it('stores the same event delivered twice once, and a re-sent message under a new event id once', async () => {
    const event = messageNew({ groupId: h.vk.group.id, secret: secret(), fromId: 610003, text: 'Когда вывезут мусор?' });
    const [a, b] = await Promise.all([postVkCallback(h.vkWebhookUrl, event), postVkCallback(h.vkWebhookUrl, event)]);
    expect([a.body, b.body]).toEqual(['ok', 'ok']);
    const resent = { ...event, event_id: 'f'.repeat(40) }; // same message, new delivery id
    expect((await postVkCallback(h.vkWebhookUrl, resent)).body).toBe('ok');

    const incident = await waitForIncident(`dm:610003:${event.object.message.id}`);
    const deliveries = await db().select().from(inboundEvents).where(sql`${inboundEvents.payload}->'object'->'message'->>'id' = ${String(event.object.message.id)}`);
    expect(deliveries).toHaveLength(2); // two distinct event ids…
    await waitUntil(async () => (await db().select().from(inboundEvents).where(sql`processed_at is null`)).length === 0);
    expect(await cardsFor(incident.id)).toHaveLength(1); // …one incident, one card
    const all = await db().select().from(incidents).where(eq(incidents.authorId, '610003'));
    expect(all).toHaveLength(1);
  });

  it('rejects a wrong secret with 403 and stores nothing', async () => {
    const event = messageNew({ groupId: h.vk.group.id, secret: 'not-the-secret', fromId: 610004, text: 'x' });
    const res = await postVkCallback(h.vkWebhookUrl, event);
    expect(res.status).toBe(403);
    expect(await db().select().from(inboundEvents).where(eq(inboundEvents.eventKey, event.event_id))).toHaveLength(0);
    const missing = messageNew({ groupId: h.vk.group.id, fromId: 610004, text: 'x' }); // no secret at all
    expect((await postVkCallback(h.vkWebhookUrl, missing)).status).toBe(403);
  });

  it('rejects bad payloads without crashing and keeps serving', async () => {
    const post = (body: string) => fetch(h.vkWebhookUrl, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect((await post('{not json')).status).toBe(400);
    expect((await post(JSON.stringify({ hello: 'world' }))).status).toBe(400);
    expect((await post(JSON.stringify({ type: 'message_new', group_id: 999, event_id: 'x', secret: secret() }))).status).toBe(403);
    expect((await post('x'.repeat(2 << 20))).status).toBe(413);
    expect((await fetch(h.vkWebhookUrl)).status).toBe(405);
    // A well-formed envelope with a malformed object is stored, then dropped by the worker as invalid.
    const broken = { type: 'message_new', group_id: h.vk.group.id, event_id: 'e'.repeat(40), secret: secret(), object: { message: { id: 'nope' } } };
    expect((await post(JSON.stringify(broken))).status).toBe(200);
    await waitUntil(async () => {
      const [row] = await db().select().from(inboundEvents).where(eq(inboundEvents.eventKey, 'e'.repeat(40)));
      return Boolean(row?.processedAt) && row!.outcome!.startsWith('invalid');
    });
    const health = await fetch(`http://127.0.0.1:${h.system.bots.port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', postgres: 'ok', redis: 'ok' });
  });

  it('exposes Prometheus metrics counting callbacks by outcome', async () => {
    const url = `http://127.0.0.1:${h.system.bots.port}/metrics`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer wrong-token-of-same-size' } })).status).toBe(401);
    const text = await (await fetch(url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    expect(text).toMatch(/otklik_vk_callbacks_total\{outcome="stored"\} \d+/);
    expect(text).toMatch(/otklik_vk_callbacks_total\{outcome="wrong_secret"\} 2/);
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function waitForIncident(sourceKey: string) {
  let found: typeof incidents.$inferSelect | undefined;
  await waitUntil(async () => {
    [found] = await db().select().from(incidents).where(eq(incidents.sourceKey, sourceKey));
    return Boolean(found);
  });
  return found!;
}
