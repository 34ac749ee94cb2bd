import { describe, expect, it } from 'vitest';
import { proxyFor, type Target } from './proxy.js';

const PROXY = 'http://proxy.local:3128';
const TLS_PROXY = 'http://tls-proxy.local:3128';
const https = (host: string, port = 443): Target => ({ secure: true, host, port });
const http = (host: string, port = 80): Target => ({ secure: false, host, port });

describe('proxyFor', () => {
  it('sends https through HTTPS_PROXY and http through HTTP_PROXY', () => {
    const settings = { httpsProxy: TLS_PROXY, httpProxy: PROXY };
    expect(proxyFor(https('api.telegram.org'), settings)).toBe(TLS_PROXY);
    expect(proxyFor(http('127.0.0.1', 8081), settings)).toBe(PROXY);
  });

  it('lets HTTP_PROXY serve https when HTTPS_PROXY is unset, but not the other way round', () => {
    expect(proxyFor(https('api.vk.com'), { httpProxy: PROXY })).toBe(PROXY);
    expect(proxyFor(http('api.vk.com'), { httpsProxy: TLS_PROXY })).toBeNull();
  });

  it('connects directly without any proxy', () => {
    expect(proxyFor(https('api.ok.ru'), {})).toBeNull();
  });

  it('proxies loopback too unless NO_PROXY names it', () => {
    expect(proxyFor(http('127.0.0.1', 8081), { httpProxy: PROXY })).toBe(PROXY);
    expect(proxyFor(http('localhost', 8081), { httpProxy: PROXY, noProxy: '' })).toBe(PROXY);
    expect(proxyFor(http('127.0.0.1', 8081), { httpProxy: PROXY, noProxy: 'localhost, 127.0.0.1' })).toBeNull();
  });

  it('exempts a NO_PROXY domain and its subdomains, with or without a leading dot or star', () => {
    for (const noProxy of ['mo.example.ru', '.mo.example.ru', '*.mo.example.ru']) {
      const settings = { httpsProxy: TLS_PROXY, noProxy };
      expect(proxyFor(https('mo.example.ru'), settings)).toBeNull();
      expect(proxyFor(https('files.mo.example.ru'), settings)).toBeNull();
      expect(proxyFor(https('notmo.example.ru'), settings)).toBe(TLS_PROXY);
    }
  });

  it('matches a NO_PROXY port only on that port', () => {
    const settings = { httpProxy: PROXY, noProxy: '127.0.0.1:8081' };
    expect(proxyFor(http('127.0.0.1', 8081), settings)).toBeNull();
    expect(proxyFor(http('127.0.0.1', 8082), settings)).toBe(PROXY);
  });

  it('reads IPv6 entries with and without brackets, and * as everything', () => {
    expect(proxyFor(http('[::1]', 8081), { httpProxy: PROXY, noProxy: '::1' })).toBeNull();
    expect(proxyFor(http('::1', 8081), { httpProxy: PROXY, noProxy: '[::1]:8081' })).toBeNull();
    expect(proxyFor(http('::1', 8082), { httpProxy: PROXY, noProxy: '[::1]:8081' })).toBe(PROXY);
    expect(proxyFor(https('api.telegram.org'), { httpsProxy: TLS_PROXY, noProxy: '*' })).toBeNull();
  });

  it('compares host names case-insensitively', () => {
    expect(proxyFor(https('API.Telegram.org'), { httpsProxy: TLS_PROXY, noProxy: 'api.TELEGRAM.org' })).toBeNull();
  });
});
