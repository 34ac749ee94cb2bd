/**
 * With OK_WEBHOOK_URL set, the bots ask OK to post the group's chat events
 * there at start; OK refusing (a revoked key) is logged and stops nothing.
 */
import { afterEach, expect, it } from 'vitest';
import { testHarness, type TestHarness } from '../kit/harness.js';

const PUBLIC_URL = 'https://otklik.example.ru/webhooks/ok';
let h: TestHarness | undefined;
afterEach(async () => {
  await h?.dispose();
  h = undefined;
});

it('subscribes OK_WEBHOOK_URL with the group\'s key at start', async () => {
  h = await testHarness({ env: { OK_WEBHOOK_URL: PUBLIC_URL } });
  // The harness adds its own local address after start; the public one came from the bots.
  expect(h.ok.subscriptions()).toEqual([PUBLIC_URL, h.okWebhookUrl]);
  expect(h.ok.calls.filter((c) => c.method === 'subscribe').map((c) => c.params.url)).toEqual([PUBLIC_URL, h.okWebhookUrl]);
});

it('starts anyway when OK refuses the subscription (a revoked key), and subscribes nothing', async () => {
  h = await testHarness({ env: { OK_WEBHOOK_URL: PUBLIC_URL, OK_BOT_TOKEN: 'tkn1revoked:XYZXYZXYZ' } });
  expect(h.ok.calls.filter((c) => c.method === 'subscribe').map((c) => c.response.error_code)).toEqual([102, 102]);
  expect(h.ok.subscriptions()).toEqual([]);
  expect((await fetch(`http://127.0.0.1:${h.system.bots.port}/healthz`)).status).toBe(200);
});
