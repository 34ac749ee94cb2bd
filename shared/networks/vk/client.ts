import http from 'node:http';
import https from 'node:https';
import { VK } from 'vk-io';

/**
 * A vk-io client for a community token. vk-io always uses an HTTPS agent,
 * which cannot talk to a plain-http base URL (a local fake, a proxy), so the
 * agent follows the URL's scheme. Community tokens may make 20 requests a
 * second; vk-io's default of 3 is the user-token limit.
 */
export function createVkClient(opts: { token: string; apiBaseUrl: string; apiLimit?: number }): VK {
  const agent = opts.apiBaseUrl.startsWith('http:')
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
