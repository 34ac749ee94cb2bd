/**
 * OK signs nothing it posts to a webhook; what it documents is where the
 * posts come from. The webhook accepts requests only from addresses in an
 * allow-list (OK_WEBHOOK_ALLOW), checked with Node's BlockList. Who may
 * name the real source in X-Forwarded-For (TRUSTED_PROXIES) is proxy-addr's
 * rule, with its syntax and presets.
 */
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import proxyaddr from 'proxy-addr';

/** The source networks OK documents for webhook requests (graph.user.subscribe). */
export const OK_WEBHOOK_SOURCES = ['217.20.145.192/28', '217.20.151.160/28', '217.20.153.48/28'] as const;

/** One allow-list entry, or a reason it is not one. */
export function checkAllowEntry(entry: string): string | null {
  const [address, bits, extra] = entry.split('/');
  if (extra !== undefined || !address) return `"${entry}" is not an IP address or CIDR range (e.g. 217.20.145.192/28)`;
  const family = isIP(address);
  if (family === 0) return `"${entry}" is not an IP address or CIDR range (e.g. 217.20.145.192/28)`;
  if (bits !== undefined) {
    const max = family === 4 ? 32 : 128;
    if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) return `"${entry}": the prefix length must be 0–${max}`;
  }
  return null;
}

export function parseAllowList(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Node reports IPv4 peers on a dual-stack socket as ::ffff:a.b.c.d. */
const plain = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');

export type AllowList = { allows(address: string | undefined): boolean; readonly entries: readonly string[] };

export function createAllowList(entries: readonly string[]): AllowList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split('/') as [string, string | undefined];
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return {
    entries,
    allows(address) {
      if (!address) return false;
      const a = plain(address);
      const family = isIP(a);
      return family !== 0 && list.check(a, family === 6 ? 'ipv6' : 'ipv4');
    },
  };
}

/** proxy-addr's named ranges, accepted in TRUSTED_PROXIES beside addresses and ranges. */
export const PROXY_PRESETS = ['loopback', 'linklocal', 'uniquelocal'] as const;

/** One TRUSTED_PROXIES entry, or a reason it is not one: whatever proxy-addr compiles (an address, a CIDR range, address/netmask, a preset). */
export function checkProxyEntry(entry: string): string | null {
  try {
    proxyaddr.compile(entry);
    return null;
  } catch {
    return `"${entry}" is not an IP address, a CIDR range (e.g. 172.16.0.0/12) or one of ${PROXY_PRESETS.join(', ')}`;
  }
}

export type TrustedProxies = (addr: string, i: number) => boolean;

/** The proxies TRUSTED_PROXIES names (entries already checked by the env schema), loopback always among them. */
export function trustedProxies(entries: readonly string[] | undefined): TrustedProxies {
  return proxyaddr.compile(['loopback', ...(entries ?? [])]);
}

const LOOPBACK_ONLY = trustedProxies(undefined);

/**
 * The address a webhook request came from, by proxy-addr: behind reverse
 * proxies the socket's peer is the last proxy, so X-Forwarded-For is read
 * from its end for as long as the hop that wrote an entry is a trusted proxy
 * (loopback, or TRUSTED_PROXIES, e.g. the compose network's gateway in front
 * of nginx); the first address written by anyone else is the source, because
 * anyone else can write that header. A garbled entry is returned as it is and
 * no allow-list takes it.
 */
export function requestSource(req: Pick<IncomingMessage, 'socket' | 'headers'>, trusted: TrustedProxies = LOOPBACK_ONLY): string | undefined {
  // proxy-addr reads only req.socket.remoteAddress and the x-forwarded-for header.
  const source = proxyaddr(req as IncomingMessage, trusted) as string | undefined;
  return source && plain(source);
}
