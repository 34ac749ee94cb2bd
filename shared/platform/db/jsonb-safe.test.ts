/**
 * jsonbSafe: what PostgreSQL cannot store becomes U+FFFD, everything else
 * stays as it was — Cyrillic, emoji (surrogate pairs), numbers, nesting.
 */
import { expect, it } from 'vitest';
import { jsonbSafe, refusedAsData } from './jsonb-safe.js';

it('replaces U+0000 and lone surrogates in strings and keys, at any depth', () => {
  const payload = {
    type: 'message_new',
    object: { message: { text: 'яма\u0000у дома', fwd: ['a\ud83d', '\ude00b', { 'k\u0000': 'x' }] } },
  };
  expect(jsonbSafe(payload)).toEqual({
    type: 'message_new',
    object: { message: { text: 'яма\ufffdу дома', fwd: ['a\ufffd', '\ufffdb', { 'k\ufffd': 'x' }] } },
  });
});

it('leaves what PostgreSQL stores untouched: surrogate pairs, Cyrillic, numbers, booleans, null', () => {
  const payload = { text: 'Спасибо 😀👍', id: 42, out: 0, ok: true, none: null, list: [1, 'два'] };
  expect(jsonbSafe(payload)).toEqual(payload);
});

it('tells a refusal of the data (SQLSTATE class 22) from other failures', () => {
  expect(refusedAsData({ code: '22P05' })).toBe(true);
  expect(refusedAsData({ code: '22P02' })).toBe(true);
  expect(refusedAsData({ code: '57P01' })).toBe(false);
  expect(refusedAsData(new Error('connect ECONNREFUSED'))).toBe(false);
  expect(refusedAsData(null)).toBe(false);
});
