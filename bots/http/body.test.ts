import { describe, expect, it } from 'vitest';
import { nestsDeeperThan } from './body.js';

describe('nestsDeeperThan', () => {
  const b = (s: string) => Buffer.from(s);
  it('counts arrays and objects, not brackets inside strings', () => {
    expect(nestsDeeperThan(b('{"a":[{"b":1}]}'), 3)).toBe(false);
    expect(nestsDeeperThan(b('{"a":[{"b":[1]}]}'), 3)).toBe(true);
    expect(nestsDeeperThan(b('{"t":"[[[[{{{{\\"[[[["}'), 1)).toBe(false);
  });
  it('scans a deep or unbalanced body in one pass without recursion', () => {
    expect(nestsDeeperThan(b('['.repeat(1_000_000)))).toBe(true);
    expect(nestsDeeperThan(b(']'.repeat(1000) + '[[1]]'))).toBe(false);
  });
});
