/**
 * Telegram's documented limits: text and caption lengths, callback_data size,
 * and the flood limits (20 messages a minute into a group, about one a second
 * into a private chat, 30 a second overall per bot). The clock is injected so
 * tests can move time instead of waiting for it.
 */

export interface Limits {
  /** Message text, counted after entity parsing (UTF-16 code units, the stricter reading). */
  textLength: number;
  captionLength: number;
  /** callback_data size in UTF-8 bytes. */
  callbackDataBytes: number;
  /** Messages sent into one group (negative chat id) per rolling minute. */
  groupMessagesPerMinute: number;
  /** Edits in one group per rolling minute, counted in their own bucket. */
  groupEditsPerMinute: number;
  /** Sustained rate into one private chat. */
  privateMessagesPerSecond: number;
  /** Messages a private chat may take at once before the sustained rate applies. */
  privateBurst: number;
  /** All sends and edits of one bot per rolling second. */
  globalMessagesPerSecond: number;
}

export const REAL_LIMITS: Readonly<Limits> = {
  textLength: 4096,
  captionLength: 1024,
  callbackDataBytes: 64,
  groupMessagesPerMinute: 20,
  groupEditsPerMinute: 20,
  privateMessagesPerSecond: 1,
  privateBurst: 3,
  globalMessagesPerSecond: 30,
};

export type RateKind = 'send' | 'edit';

const MINUTE = 60_000;
const SECOND = 1_000;

class SlidingWindow {
  private readonly stamps: number[] = [];

  constructor(
    private readonly windowMs: number,
    private readonly limit: number,
  ) {}

  /** Milliseconds until `count` more events fit, 0 if they fit now. */
  waitMs(now: number, count: number): number {
    while (this.stamps.length > 0 && (this.stamps[0] as number) <= now - this.windowMs) this.stamps.shift();
    if (this.stamps.length + count <= this.limit) return 0;
    if (count > this.limit) return this.windowMs;
    const freeing = this.stamps[this.stamps.length + count - this.limit - 1] as number;
    return freeing + this.windowMs - now;
  }

  record(now: number, count: number): void {
    for (let i = 0; i < count; i += 1) this.stamps.push(now);
  }
}

class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.updatedAt = now;
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.updatedAt);
    // An unlimited rate (tests that switch the limit off) must not produce 0 * Infinity = NaN.
    const gained = this.perSecond === Infinity ? Infinity : (elapsed * this.perSecond) / SECOND;
    this.tokens = Math.min(this.capacity, this.tokens + gained);
    this.updatedAt = now;
  }

  waitMs(now: number, count: number): number {
    this.refill(now);
    if (this.tokens >= count) return 0;
    return ((count - this.tokens) / this.perSecond) * SECOND;
  }

  record(now: number, count: number): void {
    this.refill(now);
    this.tokens -= count;
  }
}

export class RateLimiter {
  private readonly windows = new Map<string, SlidingWindow>();
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly limits: Limits,
    private readonly now: () => number,
  ) {}

  /**
   * Admits `count` messages of a kind into a chat for a bot, or returns the
   * retry_after (whole seconds, at least 1) Telegram would answer with.
   * A refused request consumes nothing.
   */
  take(token: string, chatId: number, kind: RateKind, count = 1): number | undefined {
    const now = this.now();
    const checks: Array<SlidingWindow | TokenBucket> = [
      this.window(`global:${token}`, SECOND, this.limits.globalMessagesPerSecond),
    ];
    if (chatId < 0) {
      const limit = kind === 'send' ? this.limits.groupMessagesPerMinute : this.limits.groupEditsPerMinute;
      checks.push(this.window(`${kind}:${token}:${chatId}`, MINUTE, limit));
    } else if (kind === 'send') {
      checks.push(this.bucket(`${token}:${chatId}`, now));
    }
    const waitMs = Math.max(...checks.map((check) => check.waitMs(now, count)));
    if (waitMs > 0) return Math.max(1, Math.ceil(waitMs / SECOND));
    for (const check of checks) check.record(now, count);
    return undefined;
  }

  reset(): void {
    this.windows.clear();
    this.buckets.clear();
  }

  private window(key: string, windowMs: number, limit: number): SlidingWindow {
    let window = this.windows.get(key);
    if (!window) this.windows.set(key, (window = new SlidingWindow(windowMs, limit)));
    return window;
  }

  private bucket(key: string, now: number): TokenBucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.limits.privateBurst, this.limits.privateMessagesPerSecond, now);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }
}

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
