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
