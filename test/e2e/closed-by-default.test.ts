/**
 * Closed by default (issue #18): an installation that does not use VK or OK
 * has no webhook for them. A forged VK callback or OK delivery is answered
 * 404 and stores nothing; an event of such a network that is in the inbox
 * anyway (stored before the network was switched off) makes no card, no
 * timers and no report counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestEvent } from '../../shared/flows/intake/intake.js';
import { storeInboundEvent } from '../../shared/networks/inbox.js';
import { inboundEvents, incidents } from '../../shared/platform/db/schema.js';
import { FAKE_SECRETS } from '../../shared/sandbox/demo/harness.js';
import { messageNew, postVkCallback } from '../../shared/sandbox/fakes/vk-callback.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

let h: TestHarness;

// Blank values count as unset: neither VK nor OK is configured; Telegram (the staff) is.
const WITHOUT_VK_AND_OK = { VK_TOKEN: '', VK_GROUP_ID: '', VK_CALLBACK_SECRET: '', VK_CONFIRMATION_CODE: '', OK_BOT_TOKEN: '' };

beforeAll(async () => {
  h = await testHarness({ env: WITHOUT_VK_AND_OK });
});
afterAll(async () => h?.dispose());

const db = () => h.system.ctx.database.db;

describe('an organisation without VK and OK', () => {
  it('answers a forged VK callback with 404 and stores nothing', async () => {
    // Forged with what an attacker may know: the community id from its public page and the demo secret.
    const forged = messageNew({ groupId: 123456, secret: FAKE_SECRETS.vkCallbackSecret, fromId: 650001, text: 'Поддельное сообщение' });
    const answer = await postVkCallback(h.vkWebhookUrl, forged);
    expect(answer.status).toBe(404);
    expect(answer.body).not.toBe('ok');
    expect(await db().select().from(inboundEvents)).toEqual([]);
  });

  it('answers a forged OK delivery with 404 and stores nothing', async () => {
    // Nothing was subscribed, so the forger posts to the well-known path from an address OK uses (loopback here).
    expect(h.ok.subscriptions()).toEqual([]);
    const payload = { sender: { user_id: 'user:575493468851' }, recipient: { chat_id: 'chat:C3ecb9d02a600' }, message: { text: 'Поддельное сообщение', mid: 'mid:C3ecb9d02a600.1' }, timestamp: Date.now() };
    const res = await fetch(h.okWebhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
    expect(res.status).toBe(404);
    expect(await db().select().from(inboundEvents)).toEqual([]);
  });

  it('makes nothing of a stored VK or OK event: no incident, marked processed', async () => {
    const vkEvent = messageNew({ groupId: 123456, secret: 'x', fromId: 650002, text: 'Событие из прошлого' });
    const vk = await storeInboundEvent(db(), { network: 'vk', eventKey: 'old-vk-1', type: 'message_new', payload: vkEvent });
    const ok = await storeInboundEvent(db(), {
      network: 'ok',
      eventKey: 'mid:C1.1',
      type: 'MESSAGE_CREATED',
      payload: { sender: { user_id: 'user:1' }, recipient: { chat_id: 'chat:C1' }, message: { text: 'Старое', mid: 'mid:C1.1' }, timestamp: Date.now() },
    });
    expect(await ingestEvent(h.system.ctx, vk.id)).toBe('network not configured');
    expect(await ingestEvent(h.system.ctx, ok.id)).toBe('network not configured');
    expect(await db().select().from(incidents)).toEqual([]);
    const rows = await db().select().from(inboundEvents);
    expect(rows.map((r) => [r.network, r.outcome])).toEqual(
      expect.arrayContaining([
        ['vk', 'ignored: network not configured'],
        ['ok', 'ignored: network not configured'],
      ]),
    );
    expect(rows.every((r) => r.processedAt !== null)).toBe(true);
  });

  it('answers a forged MAX delivery with 404 and stores nothing: MAX is not configured', async () => {
    expect(h.system.ctx.max).toBeNull();
    const url = h.vkWebhookUrl.replace('/webhooks/vk', '/webhooks/max');
    const payload = { update_type: 'message_created', timestamp: Date.now(), message: { sender: { user_id: 4100001 }, recipient: { chat_id: -1, chat_type: 'dialog' }, timestamp: Date.now(), body: { mid: 'mid.forged', text: 'Поддельное сообщение' } } };
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'X-Max-Bot-Api-Secret': 'max-webhook-secret-0123456789' }, body: JSON.stringify(payload) });
    expect(res.status).toBe(404);
    expect((await db().select().from(inboundEvents)).filter((e) => e.network === 'max')).toEqual([]);
  });

  it('still has no route for the networks at all: a GET is 404 too, not 405', async () => {
    const res = await fetch(h.vkWebhookUrl);
    expect(res.status).toBe(404);
    const ok = await fetch(h.okWebhookUrl);
    expect(ok.status).toBe(404);
  });
});
