import { describe, expect, it } from 'vitest';
import { RateLimiter, REAL_LIMITS } from './telegram-limits.js';

function limiter(overrides: Partial<typeof REAL_LIMITS> = {}) {
  let now = 1_000_000;
  const rl = new RateLimiter({ ...REAL_LIMITS, ...overrides }, () => now);
  return { rl, advance: (ms: number) => (now += ms) };
}

describe('RateLimiter', () => {
  it('counts group sends and edits in separate per-minute buckets', () => {
    const { rl, advance } = limiter();
    for (let i = 0; i < 20; i += 1) {
      expect(rl.take('t', -5, 'send')).toBeUndefined();
      advance(1_000);
    }
    expect(rl.take('t', -5, 'send')).toBe(40);
    expect(rl.take('t', -5, 'edit')).toBeUndefined();
    expect(rl.take('t', -6, 'send')).toBeUndefined();
    advance(40_000);
    expect(rl.take('t', -5, 'send')).toBeUndefined();
  });

  it('limits one bot to 30 messages a second across chats, other bots unaffected', () => {
    const { rl, advance } = limiter();
    for (let i = 0; i < 30; i += 1) expect(rl.take('t', -100 - i, 'send')).toBeUndefined();
    expect(rl.take('t', -200, 'send')).toBe(1);
    expect(rl.take('other', -200, 'send')).toBeUndefined();
    advance(1_000);
    expect(rl.take('t', -200, 'send')).toBeUndefined();
  });

  it('refills a private chat at the sustained rate after the burst', () => {
    const { rl, advance } = limiter({ privateBurst: 2 });
    expect(rl.take('t', 7, 'send')).toBeUndefined();
    expect(rl.take('t', 7, 'send')).toBeUndefined();
    expect(rl.take('t', 7, 'send')).toBe(1);
    advance(500);
    expect(rl.take('t', 7, 'send')).toBe(1);
    advance(500);
    expect(rl.take('t', 7, 'send')).toBeUndefined();
    // Edits are not throttled per private chat.
    expect(rl.take('t', 7, 'edit')).toBeUndefined();
  });

  it('takes a media group as several messages and can be switched off', () => {
    const { rl } = limiter({ groupMessagesPerMinute: 3 });
    expect(rl.take('t', -1, 'send', 3)).toBeUndefined();
    expect(rl.take('t', -1, 'send', 1)).toBe(60);
    const off = limiter({ privateMessagesPerSecond: Infinity, privateBurst: Infinity, globalMessagesPerSecond: Infinity });
    for (let i = 0; i < 100; i += 1) expect(off.rl.take('t', 9, 'send')).toBeUndefined();
  });
});
