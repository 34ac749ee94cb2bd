import http from 'node:http';
import https from 'node:https';
import { VK } from 'vk-io';
import type { Outbound } from '../../platform/http/proxy.js';

/**
 * A vk-io client for a community token. vk-io always uses an HTTPS agent,
 * which cannot talk to a plain-http base URL (a local fake, a proxy), so the
 * agent follows the URL's scheme — unless an outbound proxy is configured,
 * whose agent serves both schemes (API calls and photo uploads alike).
 * Community tokens may make 20 requests a second; vk-io's default of 3 is
 * the user-token limit.
 */
export function createVkClient(opts: { token: string; apiBaseUrl: string; apiLimit?: number; outbound?: Outbound }): VK {
  const agent = opts.outbound?.agent
    ? (opts.outbound.agent as https.Agent)
    : opts.apiBaseUrl.startsWith('http:')
      ? (new http.Agent({ keepAlive: true }) as unknown as https.Agent)
      : new https.Agent({ keepAlive: true });
  return new VK({
    token: opts.token,
    apiBaseUrl: opts.apiBaseUrl,
    agent,
    apiMode: 'sequential',
    apiLimit: opts.apiLimit ?? 20,
    language: 'ru',
  });
}
