import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { Api } from 'grammy';
import { VK } from 'vk-io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestProxy, type TestProxy } from '../../../test/kit/proxy.js';
import { createOutbound, proxyFor, type Target } from './proxy.js';

const PROXY = 'http://proxy.local:3128';
const TLS_PROXY = 'http://tls-proxy.local:3128';
const secureTo = (host: string, port = 443): Target => ({ secure: true, host, port });
const plainTo = (host: string, port = 80): Target => ({ secure: false, host, port });

describe('proxyFor', () => {
  it('sends https through HTTPS_PROXY and http through HTTP_PROXY', () => {
    const settings = { httpsProxy: TLS_PROXY, httpProxy: PROXY };
    expect(proxyFor(secureTo('api.telegram.org'), settings)).toBe(TLS_PROXY);
    expect(proxyFor(plainTo('127.0.0.1', 8081), settings)).toBe(PROXY);
  });

  it('lets HTTP_PROXY serve https when HTTPS_PROXY is unset, but not the other way round', () => {
    expect(proxyFor(secureTo('api.vk.com'), { httpProxy: PROXY })).toBe(PROXY);
    expect(proxyFor(plainTo('api.vk.com'), { httpsProxy: TLS_PROXY })).toBeNull();
  });

  it('connects directly without any proxy', () => {
    expect(proxyFor(secureTo('api.ok.ru'), {})).toBeNull();
  });

  it('proxies loopback too unless NO_PROXY names it', () => {
    expect(proxyFor(plainTo('127.0.0.1', 8081), { httpProxy: PROXY })).toBe(PROXY);
    expect(proxyFor(plainTo('localhost', 8081), { httpProxy: PROXY, noProxy: '' })).toBe(PROXY);
    expect(proxyFor(plainTo('127.0.0.1', 8081), { httpProxy: PROXY, noProxy: 'localhost, 127.0.0.1' })).toBeNull();
  });

  it('exempts a NO_PROXY domain and its subdomains, with or without a leading dot or star', () => {
    for (const noProxy of ['mo.example.ru', '.mo.example.ru', '*.mo.example.ru']) {
      const settings = { httpsProxy: TLS_PROXY, noProxy };
      expect(proxyFor(secureTo('mo.example.ru'), settings)).toBeNull();
      expect(proxyFor(secureTo('files.mo.example.ru'), settings)).toBeNull();
      expect(proxyFor(secureTo('notmo.example.ru'), settings)).toBe(TLS_PROXY);
    }
  });

  it('matches a NO_PROXY port only on that port', () => {
    const settings = { httpProxy: PROXY, noProxy: '127.0.0.1:8081' };
    expect(proxyFor(plainTo('127.0.0.1', 8081), settings)).toBeNull();
    expect(proxyFor(plainTo('127.0.0.1', 8082), settings)).toBe(PROXY);
  });

  it('reads IPv6 entries with and without brackets, and * as everything', () => {
    expect(proxyFor(plainTo('[::1]', 8081), { httpProxy: PROXY, noProxy: '::1' })).toBeNull();
    expect(proxyFor(plainTo('::1', 8081), { httpProxy: PROXY, noProxy: '[::1]:8081' })).toBeNull();
    expect(proxyFor(plainTo('::1', 8082), { httpProxy: PROXY, noProxy: '[::1]:8081' })).toBe(PROXY);
    expect(proxyFor(secureTo('api.telegram.org'), { httpsProxy: TLS_PROXY, noProxy: '*' })).toBeNull();
  });

  it('compares host names case-insensitively', () => {
    expect(proxyFor(secureTo('API.Telegram.org'), { httpsProxy: TLS_PROXY, noProxy: 'api.TELEGRAM.org' })).toBeNull();
  });
});

/**
 * The real networks are https://, so the clients tunnel through the proxy
 * (CONNECT): against a local TLS server with a self-signed certificate,
 * which this file alone accepts.
 */
describe('https:// through the proxy', () => {
  const tls = (name: string) => readFileSync(new URL(`../../../test/kit/tls/localhost.${name}.pem`, import.meta.url));
  const seen: string[] = [];
  let server: https.Server;
  let origin: string;
  let proxy: TestProxy;
  let rejectUnauthorized: string | undefined;

  beforeAll(async () => {
    rejectUnauthorized = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    server = https.createServer({ key: tls('key'), cert: tls('cert') }, (req, res) => {
      seen.push(`${req.method} ${req.url}`);
      req.resume();
      const body = req.url?.startsWith('/method/') ? { response: [] } : { ok: true, result: { id: 1, is_bot: true, first_name: 'Отклик', username: 'otklik_bot' } };
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    proxy = await startTestProxy();
  });
  afterAll(async () => {
    await proxy?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    if (rejectUnauthorized === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    else process.env.NODE_TLS_REJECT_UNAUTHORIZED = rejectUnauthorized;
  });

  /**
   * fetch, grammY and vk-io, each with its own transport from `createOutbound` (so each opens its
   * own tunnels); resolves with how many connections the proxy carried for each.
   */
  async function callEach(noProxy: string): Promise<{ fetch: number; grammY: number; vkIo: number }> {
    const target = new URL(origin).host;
    const carriedBy = async (call: (outbound: ReturnType<typeof createOutbound>) => Promise<void>) => {
      const outbound = createOutbound({ httpsProxy: proxy.url, noProxy });
      const before = proxy.carried(target);
      try {
        await call(outbound);
      } finally {
        await outbound.close();
      }
      return proxy.carried(target) - before;
    };
    return {
      fetch: await carriedBy(async (outbound) => {
        expect((await outbound.fetch(`${origin}/file/bot1:x/photo.jpg`)).status).toBe(200);
      }),
      grammY: await carriedBy(async (outbound) => {
        const api = new Api('1:x', { apiRoot: origin, baseFetchConfig: { agent: outbound.agent } });
        expect((await api.getMe()).username).toBe('otklik_bot');
        expect((await api.getMe()).username).toBe('otklik_bot');
      }),
      vkIo: await carriedBy(async (outbound) => {
        const vk = new VK({ token: 'vk-token', apiBaseUrl: `${origin}/method`, agent: outbound.agent as https.Agent });
        expect(await vk.api.call('users.get', {})).toEqual([]);
      }),
    };
  }

  it('tunnels fetch, grammY and vk-io through CONNECT', async () => {
    seen.length = 0;
    const carried = await callEach('');
    expect(seen).toEqual(['GET /file/bot1:x/photo.jpg', 'POST /bot1:x/getMe', 'POST /bot1:x/getMe', 'POST /method/users.get']);
    expect(carried.fetch).toBe(1);
    // A tunnel is kept for the next request to the same host.
    expect(carried.grammY).toBeGreaterThanOrEqual(1);
    expect(carried.grammY).toBeLessThanOrEqual(2);
    expect(carried.vkIo).toBe(1);
    const target = new URL(origin).host;
    expect([...proxy.counts().keys()]).toEqual([target]);
    expect(proxy.counts().get(target)!.forwarded).toBe(0);
  });

  it('connects directly to a host NO_PROXY names', async () => {
    seen.length = 0;
    expect(await callEach('localhost,127.0.0.1')).toEqual({ fetch: 0, grammY: 0, vkIo: 0 });
    expect(seen).toHaveLength(4);
  });
});
