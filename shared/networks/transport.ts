/**
 * A request that failed without an answer: could the network have carried
 * it out? Only failures before the request left this machine say no — no
 * address, no route, a refused connection or TLS handshake. A reset, a
 * timeout, or a connection closed after the request was written leave it
 * open: the network may have posted the reply and lost only its answer.
 */
const NEVER_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

/** The system error codes in an error and what it wraps (fetch's `cause`, grammY's `error`, Node's AggregateError of tried addresses). */
function codesOf(err: unknown, seen = new Set<unknown>()): string[] {
  if (typeof err !== 'object' || err === null || seen.has(err)) return [];
  seen.add(err);
  const e = err as { code?: unknown; cause?: unknown; error?: unknown; errors?: unknown };
  const own = typeof e.code === 'string' ? [e.code] : [];
  const inner = [e.cause, e.error, ...(Array.isArray(e.errors) ? e.errors : [])];
  return [...own, ...inner.flatMap((x) => codesOf(x, seen))];
}

export function mayHaveArrived(err: unknown): boolean {
  const codes = codesOf(err);
  return codes.length === 0 || !codes.every((code) => NEVER_SENT.has(code));
}
