/**
 * VK's own idempotency keys, derived from the outbox id so that publishing
 * the same reply again (a retry, a restart after a crash between the VK call
 * and the database write) returns the first message or comment instead of
 * posting a second one.
 */
import { createHash } from 'node:crypto';

const SPACE = 2 ** 31;
/** Odd, so multiplying by it permutes the integers modulo 2^31: distinct outbox ids never share a random_id. */
const SCRAMBLE = 1_103_515_245n;

/**
 * messages.send's random_id: a positive 31-bit integer (0 would disable
 * VK's check). Numeric outbox ids below 2^31 map one-to-one — no two replies
 * can collide — and are spread out so they do not look like the small
 * sequential ids other integrations of the same community may use. Other
 * ids fall back to a hash.
 */
export function vkRandomId(outboxId: number | string): number {
  const n = typeof outboxId === 'number' ? outboxId : /^\d+$/.test(outboxId) ? Number(outboxId) : NaN;
  if (Number.isSafeInteger(n) && n > 0 && n < SPACE) return Number((BigInt(n) * SCRAMBLE) % BigInt(SPACE));
  const hashed = createHash('sha256').update(`otklik-outbox:${outboxId}`).digest().readUInt32BE(0) % SPACE;
  return hashed === 0 ? 1 : hashed;
}

/** wall/photos/video/board.createComment's guid: VK keeps it per post and returns the first comment on a repeat. */
export const vkGuid = (outboxId: number | string): string => `otklik-${outboxId}`;
