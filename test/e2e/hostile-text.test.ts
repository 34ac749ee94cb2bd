/**
 * A citizen's text cannot stop its own card (issue 18): 12,000 characters of «а*а*…», which once made
 * the moderation build a RegExp that overflowed the stack — and the lane retry the card for ever —
 * become an incident and a card in the curators' chat like any other message. A text far beyond its
 * network's limit is stored whole and processed up to that limit (moderation, the card, the audit).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundEvents, incidentEvents, incidentMessages, incidents } from '../../shared/platform/db/schema.js';
import { checkText } from '../../shared/platform/wordlists/moderation.js';
import { cardIn, until } from '../../shared/sandbox/demo/staff.js';
import { messageNew, postVkCallback } from '../../shared/sandbox/fakes/vk-callback.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

let h: TestHarness;
beforeAll(async () => {
  h = await testHarness();
});
afterAll(() => h?.dispose());

describe('a hostile text', () => {
  it('12,000 characters of «а*а*…» become a card like any other', async () => {
    const text = 'а*'.repeat(6000);
    const event = messageNew({ groupId: h.vk.group.id, secret: h.env.VK_CALLBACK_SECRET!, fromId: 670001, text });
    expect((await postVkCallback(h.vkWebhookUrl, event)).body).toBe('ok');
    const row = await until(async () => (await h.system.ctx.database.db.select().from(incidents).where(eq(incidents.authorId, '670001')))[0], 'the incident');
    expect(row.text).toBe(text); // stored whole, never truncated
    const card = await until(() => cardIn(h, h.org.chats.curators, row.id), 'the curators\' card', 20_000);
    expect(card.text).toContain(`Сообщение №${row.id}`);
    expect(card.text).toContain('а*а*а*');
    expect(card.text!.length).toBeLessThanOrEqual(4096); // folded to Telegram's limit, which the fake enforces
  }, 60_000);

  it('a text far beyond the network\'s limit is stored whole, processed up to the limit, and carded', async () => {
    const db = h.system.ctx.database.db;
    // A private VK message, whose own limit is 4096: 40,000 characters, and a threat only past the limit.
    const text = `Прошу вывезти мусор у дома 5 на Садовой. ${'ж'.repeat(40_000)} убью`;
    expect(checkText(text).hits.length).toBeGreaterThan(0); // the whole text would be flagged
    const first = messageNew({ groupId: h.vk.group.id, secret: h.env.VK_CALLBACK_SECRET!, fromId: 670002, text });
    expect((await postVkCallback(h.vkWebhookUrl, first)).body).toBe('ok');
    const row = await until(async () => (await db.select().from(incidents).where(eq(incidents.authorId, '670002')))[0], 'the incident');
    const card = await until(() => cardIn(h, h.org.chats.curators, row.id), 'the curators\' card', 20_000);

    // Stored whole: the incident's text and the raw payload, every character.
    expect(row.text).toBe(text);
    const [raw] = await db.select().from(inboundEvents).where(eq(inboundEvents.eventKey, first.event_id));
    expect((raw!.payload as { object: { message: { text: string } } }).object.message.text).toBe(text);
    // Processed up to the limit: the card is drawn and the moderation did not see past 4096 characters.
    expect(card.text).toContain('Прошу вывезти мусор у дома 5 на Садовой.');
    expect(card.text!.length).toBeLessThanOrEqual(4096);
    expect(card.text).not.toContain('⚠️ Похоже');

    // A burst's next message of 30,000 characters (more than the audit ever took) joins the incident:
    // stored whole, its audit copy and the card up to the limit.
    const more = `Добавлю: ${'з'.repeat(30_000)}`;
    const next = messageNew({ groupId: h.vk.group.id, secret: h.env.VK_CALLBACK_SECRET!, fromId: 670002, text: more, date: Math.floor(Date.now() / 1000) + 30 });
    expect((await postVkCallback(h.vkWebhookUrl, next)).body).toBe('ok');
    const joined = await until(async () => (await db.select().from(incidentMessages).where(eq(incidentMessages.incidentId, row.id)))[0], 'the joined message');
    expect(joined.text).toBe(more);
    const audit = await until(
      async () => (await db.select().from(incidentEvents).where(eq(incidentEvents.incidentId, row.id))).find((e) => e.type === 'author_message_changed'),
      'the joined message on the audit',
    );
    expect(audit.data.text).toBe(more.slice(0, 4096));
    const refreshed = await until(() => {
      const c = cardIn(h, h.org.chats.curators, row.id);
      return c?.text?.includes('Добавлю:') ? c : undefined;
    }, 'the card with the joined message', 30_000);
    expect(refreshed.text!.length).toBeLessThanOrEqual(4096);
    expect(await db.select().from(incidents).where(eq(incidents.authorId, '670002'))).toHaveLength(1);
  }, 60_000);
});
