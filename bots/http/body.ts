import type { IncomingMessage } from 'node:http';

export class BodyTooLarge extends Error {}

/**
 * Reads a request body up to a limit: a webhook never needs more, and an
 * attacker must not make us buffer more. Past the limit the rest is drained
 * and discarded, so the client reads our 413 instead of a reset connection;
 * past sixteen times the limit the connection is simply cut.
 */
export async function readBody(req: IncomingMessage, limit = 1 << 20): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit * 16) {
      req.destroy();
      break;
    }
    if (size <= limit) chunks.push(chunk as Buffer);
  }
  if (size > limit) throw new BodyTooLarge(`body over ${limit} bytes`);
  return Buffer.concat(chunks);
}

/**
 * Whether JSON text nests deeper than `max` arrays/objects, by one linear scan
 * of the bytes (strings skipped): a payload nested thousands deep would
 * overflow a recursive JSON.stringify or PostgreSQL's jsonb parser, so it is
 * refused before it is parsed or stored. No real webhook nests past a dozen.
 */
export function nestsDeeperThan(raw: Buffer, max = 64): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (inString) {
      if (c === 0x5c) i++; // backslash: the next byte is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** What keeps a request body from being a JSON object a webhook could carry. */
export type BodyProblem = 'too_large' | 'too_deep' | 'not_json' | 'not_object';

/**
 * The body as a JSON object (and its bytes, which key a delivery that has no
 * id of its own), or what is wrong with it: read within the limit, its depth
 * checked before it is parsed. Each network's route decides how to answer a
 * problem (VK is told 400; OK and MAX get 200 so that they stop re-sending).
 */
export async function readJsonObject(req: IncomingMessage): Promise<{ raw: Buffer; json: Record<string, unknown> } | { problem: BodyProblem; bytes: number }> {
  let raw: Buffer;
  try {
    raw = await readBody(req);
  } catch (err) {
    if (err instanceof BodyTooLarge) return { problem: 'too_large', bytes: 0 };
    throw err;
  }
  if (nestsDeeperThan(raw)) return { problem: 'too_deep', bytes: raw.length };
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    return { problem: 'not_json', bytes: raw.length };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return { problem: 'not_object', bytes: raw.length };
  return { raw, json: json as Record<string, unknown> };
}
