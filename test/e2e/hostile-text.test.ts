/**
 * A citizen's text cannot stop its own card (issue 18): 12,000 characters of «а*а*…», which once made
 * the moderation build a RegExp that overflowed the stack — and the lane retry the card for ever —
 * become an incident and a card in the curators' chat like any other message.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidents } from '../../shared/platform/db/schema.js';
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
});
