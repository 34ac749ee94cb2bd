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

it('removes subscriptions of the same address without the key or with an old one, and leaves other addresses', async () => {
  h = await testHarness({ env: { OK_WEBHOOK_URL: PUBLIC_URL } });
  const subscribe = (url: string) =>
    fetch(`${h!.ok.apiRoot}/graph/me/subscribe?access_token=${encodeURIComponent(FAKE_SECRETS.okToken)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json;charset=utf-8' },
      body: JSON.stringify({ url }),
    });
  // The group as earlier versions and an older token left it; a restart of the bots subscribes again.
  const oldKey = withOkWebhookKey(PUBLIC_URL, okWebhookKey('tkn1ThePreviousGroupToken:AAAAAAAA'));
  const elsewhere = 'https://other-service.example.ru/hook';
  for (const url of [PUBLIC_URL, oldKey, elsewhere]) await subscribe(url);
  expect(await subscribeOk(h.system.ctx, PUBLIC_URL)).toBe(true);
  expect(h.ok.subscriptions()).not.toContain(PUBLIC_URL);
  expect(h.ok.subscriptions()).not.toContain(oldKey);
  expect(h.ok.subscriptions()).toContain(elsewhere);
  expect(h.ok.subscriptions()).toContain(withOkWebhookKey(PUBLIC_URL, okWebhookKey(FAKE_SECRETS.okToken)));
  expect(h.ok.subscriptions()).toContain(h.okWebhookUrl);
});

it('starts anyway when OK refuses the subscription (a revoked key), and subscribes nothing', async () => {
  h = await testHarness({ env: { OK_WEBHOOK_URL: PUBLIC_URL, OK_BOT_TOKEN: 'tkn1revoked:XYZXYZXYZ' } });
  expect(h.ok.calls.filter((c) => c.method === 'subscribe').map((c) => c.response.error_code)).toEqual([102, 102]);
  expect(h.ok.subscriptions()).toEqual([]);
  expect((await fetch(`http://127.0.0.1:${h.system.bots.port}/healthz`)).status).toBe(200);
});
