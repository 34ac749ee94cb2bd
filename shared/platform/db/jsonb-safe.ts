/**
 * What PostgreSQL refuses to store although JSON and JavaScript strings hold
 * it: U+0000 (jsonb and text both refuse it) and a lone UTF-16 surrogate
 * (jsonb refuses its escape). A citizen's message carrying one must still
 * be stored — refused, it would be answered 500 until VK gave up, and would
 * stop a long poll, which cannot move past an event it has not stored. Each
 * becomes U+FFFD, as a decoder shows bytes it cannot read.
 */

/** A copy of the value with every string (and object key) made storable. */
export function jsonbSafe<T>(value: T): T {
  return clean(value) as T;
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one (String#toWellFormed is ES2024).
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const storable = (s: string): string => s.replaceAll('\u0000', '\ufffd').replace(LONE_SURROGATE, '\ufffd');

function clean(value: unknown): unknown {
  if (typeof value === 'string') return storable(value);
  if (Array.isArray(value)) return value.map(clean);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [storable(k), clean(v)]));
  return value;
}

/** PostgreSQL refused the data itself (SQLSTATE class 22, data exception), not the connection or the transaction: trying again as is cannot help. */
export function refusedAsData(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('22');
}

/** `store(value)`; when PostgreSQL refuses the data itself, `store` once more with what it cannot hold replaced. */
export async function storeStorable<T, R>(value: T, store: (value: T) => Promise<R>): Promise<R> {
  try {
    return await store(value);
  } catch (err) {
    if (!refusedAsData(err)) throw err;
    return store(jsonbSafe(value));
  }
}
