import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { checkAllowEntry, checkProxyEntry, createAllowList, OK_WEBHOOK_SOURCES, requestSource, trustedProxies } from './ip-allow.js';

describe('the OK webhook allow-list', () => {
  const documented = createAllowList(OK_WEBHOOK_SOURCES);

  it('takes OK\'s documented source ranges, edges included, and nothing next to them', () => {
    expect(documented.allows('217.20.145.192')).toBe(true);
    expect(documented.allows('217.20.145.207')).toBe(true);
    expect(documented.allows('217.20.145.208')).toBe(false);
    expect(documented.allows('217.20.151.170')).toBe(true);
    expect(documented.allows('217.20.153.63')).toBe(true);
    expect(documented.allows('8.8.8.8')).toBe(false);
  });

  it('reads IPv4 peers of a dual-stack socket, single addresses and IPv6 ranges', () => {
    expect(documented.allows('::ffff:217.20.153.50')).toBe(true);
    const list = createAllowList(['10.0.0.7', '2001:db8::/32']);
    expect(list.allows('10.0.0.7')).toBe(true);
    expect(list.allows('10.0.0.8')).toBe(false);
    expect(list.allows('2001:db8:1::5')).toBe(true);
    expect(list.allows(undefined)).toBe(false);
    expect(list.allows('not an address')).toBe(false);
  });

  it('explains a bad entry', () => {
    expect(checkAllowEntry('217.20.145.192/28')).toBeNull();
    expect(checkAllowEntry('::1')).toBeNull();
    expect(checkAllowEntry('ok.ru')).toMatch(/not an IP address or CIDR range/);
    expect(checkAllowEntry('10.0.0.0/40')).toMatch(/prefix length must be 0–32/);
    expect(checkAllowEntry('10.0.0.0/8/1')).toMatch(/not an IP address/);
  });

  // What proxy-addr reads of a request: the socket's peer and the header.
  const req = (remoteAddress: string, forwardedFor?: string) => ({
    socket: { remoteAddress } as IncomingMessage['socket'],
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  });

  it('trusts X-Forwarded-For only from a proxy on this machine, and only its last hop', () => {
    expect(requestSource(req('127.0.0.1', '217.20.145.200'))).toBe('217.20.145.200');
    expect(requestSource(req('::1', '1.2.3.4, 217.20.145.200'))).toBe('217.20.145.200');
    expect(requestSource(req('::ffff:127.0.0.1', '217.20.145.200'))).toBe('217.20.145.200');
    expect(requestSource(req('::ffff:127.0.0.1'))).toBe('127.0.0.1');
    // Anyone else can write the header: their own address counts.
    expect(requestSource(req('203.0.113.9', '217.20.145.200'))).toBe('203.0.113.9');
  });

  it('trusts the proxies TRUSTED_PROXIES names (ranges and proxy-addr presets) and no hop before an untrusted one', () => {
    // Behind nginx on a compose network the peer is the gateway: trusted only when TRUSTED_PROXIES names it.
    const compose = trustedProxies(['172.16.0.0/12']);
    expect(requestSource(req('172.18.0.1', '217.20.145.200'), compose)).toBe('217.20.145.200');
    expect(requestSource(req('172.18.0.1', '217.20.145.200'))).toBe('172.18.0.1');
    // A client's own X-Forwarded-For entries before the trusted hops are not believed.
    expect(requestSource(req('172.18.0.1', '217.20.145.200, 203.0.113.9'), compose)).toBe('203.0.113.9');
    expect(requestSource(req('172.18.0.1', '217.20.145.200, 172.18.0.5'), compose)).toBe('217.20.145.200');
    // A garbled entry is the source as written, and no allow-list takes it.
    const garbled = requestSource(req('172.18.0.1', 'not-an-address'), compose);
    expect(createAllowList(OK_WEBHOOK_SOURCES).allows(garbled)).toBe(false);
    const presets = trustedProxies(['uniquelocal']);
    expect(requestSource(req('192.168.1.10', '217.20.145.200'), presets)).toBe('217.20.145.200');
    expect(requestSource(req('::ffff:10.1.2.3', '217.20.145.200'), presets)).toBe('217.20.145.200');
    expect(requestSource(req('100.64.0.1', '217.20.145.200'), presets)).toBe('100.64.0.1');
  });

  it('explains a bad TRUSTED_PROXIES entry and takes proxy-addr\'s syntax', () => {
    for (const good of ['loopback', 'uniquelocal', 'linklocal', '10.0.0.1', '172.16.0.0/12', '10.0.0.0/255.0.0.0', 'fd00::/8']) expect(checkProxyEntry(good)).toBeNull();
    for (const bad of ['nginx', '10.0.0.0/40', '10.0.0.0/8/1', '']) expect(checkProxyEntry(bad)).toMatch(/is not an IP address, a CIDR range/);
  });
});
