/**
 * OK signs nothing it posts to a webhook; what it documents is where the
 * posts come from. The webhook accepts requests only from addresses in an
 * allow-list (OK_WEBHOOK_ALLOW), checked with Node's BlockList.
 */
import { BlockList, isIP } from 'node:net';

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

const LOOPBACK = createAllowList(['127.0.0.0/8', '::1']);

/**
 * The address a webhook request came from. Behind reverse proxies the
 * socket's peer is the last proxy, so X-Forwarded-For is read from its end
 * for as long as the hop that wrote an entry is a trusted proxy (loopback, or
 * TRUSTED_PROXIES, e.g. the compose network's gateway in front of nginx):
 * the first address written by anyone else is the source, because anyone
 * else can write that header. This is proxy-addr's rule, on Node's BlockList.
 */
export function requestSource(
  remoteAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: AllowList = LOOPBACK,
): string | undefined {
  let source = remoteAddress && plain(remoteAddress);
  if (forwardedFor === undefined) return source;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
  const hops = header.split(',').map((s) => s.trim()).filter(Boolean);
  while (hops.length && (LOOPBACK.allows(source) || trusted.allows(source))) {
    const next = plain(hops.pop()!);
    if (isIP(next) === 0) return source; // a forged or garbled entry: the last trusted hop is all we know
    source = next;
  }
  return source;
}

/** The proxies TRUSTED_PROXIES names, loopback always among them. */
export function trustedProxies(entries: readonly string[] | undefined): AllowList {
  return createAllowList(['127.0.0.0/8', '::1', ...(entries ?? [])]);
}
