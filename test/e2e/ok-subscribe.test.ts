/**
 * With OK_WEBHOOK_URL set, the bots ask OK to post the group's chat events
 * there at start; OK refusing (a revoked key) is logged and stops nothing.
 */
import { afterEach, expect, it } from 'vitest';
import { subscribeOk } from '../../bots/routes/ok.js';
import { okWebhookKey, withOkWebhookKey } from '../../shared/networks/ok/webhook-key.js';
import { FAKE_SECRETS } from '../../shared/sandbox/demo/harness.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

const PUBLIC_URL = 'https://otklik.example.ru/webhooks/ok';
let h: TestHarness | undefined;
afterEach(async () => {
  await h?.dispose();
  h = undefined;
});

it('subscribes OK_WEBHOOK_URL with the group\'s token at start, the group\'s key in the URL', async () => {
  h = await testHarness({ env: { OK_WEBHOOK_URL: PUBLIC_URL } });
  const keyed = withOkWebhookKey(PUBLIC_URL, okWebhookKey(FAKE_SECRETS.okToken));
  // The harness adds its own local address after start; the public one came from the bots.
  expect(h.ok.subscriptions()).toEqual([keyed, h.okWebhookUrl]);
  expect(h.ok.calls.filter((c) => c.method === 'subscribe').map((c) => c.params.url)).toEqual([keyed, h.okWebhookUrl]);
  expect(h.okWebhookUrl).toMatch(/\/webhooks\/ok\?key=[\w-]{32}$/);
});

it('removes a subscription of the same URL without the key (made before the key existed)', async () => {
  h = await testHarness({ env: { OK_WEBHOOK_URL: PUBLIC_URL } });
  // The group as an earlier version left it: the bare URL subscribed; a restart of the bots subscribes again.
  await fetch(`${h.ok.apiRoot}/graph/me/subscribe?access_token=${encodeURIComponent(FAKE_SECRETS.okToken)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json;charset=utf-8' },
    body: JSON.stringify({ url: PUBLIC_URL }),
  });
  expect(h.ok.subscriptions()).toContain(PUBLIC_URL);
  expect(await subscribeOk(h.system.ctx, PUBLIC_URL)).toBe(true);
  expect(h.ok.subscriptions()).not.toContain(PUBLIC_URL);
  expect(h.ok.subscriptions()).toContain(withOkWebhookKey(PUBLIC_URL, okWebhookKey(FAKE_SECRETS.okToken)));
});

it('starts anyway when OK refuses the subscription (a revoked key), and subscribes nothing', async () => {
  h = await testHarness({ env: { OK_WEBHOOK_URL: PUBLIC_URL, OK_BOT_TOKEN: 'tkn1revoked:XYZXYZXYZ' } });
  expect(h.ok.calls.filter((c) => c.method === 'subscribe').map((c) => c.response.error_code)).toEqual([102, 102]);
  expect(h.ok.subscriptions()).toEqual([]);
  expect((await fetch(`http://127.0.0.1:${h.system.bots.port}/healthz`)).status).toBe(200);
});
