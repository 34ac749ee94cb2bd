import { describe, expect, it } from 'vitest';
import { parseRating } from './ratings.js';

describe('parseRating', () => {
  it.each([
    ['5', 5],
    [' 4. ', 4],
    ['3 из 5', 3],
    ['2/5', 2],
    ['Оценка: 1', 1],
    ['моя оценка 4 из 5', 4],
    ['Ставлю 5!', 5],
    ['⭐⭐⭐⭐', 4],
    ['⭐️⭐️⭐️', 3],
  ])('reads %j as %i', (text, score) => {
    expect(parseRating(text)).toBe(score);
  });

  it.each(['6', '0', '5 домов до сих пор без света', 'Спасибо, 5 лет ждали', 'дом 5', '', '⭐⭐⭐⭐⭐⭐'])('takes %j for a message, not a rating', (text) => {
    expect(parseRating(text)).toBeNull();
  });
});
