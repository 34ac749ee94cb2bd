import { describe, expect, it } from 'vitest';
import { checkDraft } from '../../core/checks/draft-checks.js';
import { loadPhraseLists } from './phrase-lists.js';
import { loadSpeller, spellerIfReady } from './spelling.js';

// The real dictionary, built once for the file (some seconds).
describe('the Russian spelling dictionary', () => {
  it('knows the words of a plain answer and finds a misspelt one, with a suggestion', async () => {
    expect(spellerIfReady()).toBeNull();
    const spell = await loadSpeller();
    expect(spellerIfReady()).toBe(spell);
    expect(await loadSpeller()).toBe(spell);
    for (const word of ['здравствуйте', 'пожалуйста', 'вывезут', 'отремонтируем', 'благоустройства', 'ёлка', 'ямочный']) {
      expect(spell.correct(word), word).toBe(true);
    }
    expect(spell.correct('пожалуста')).toBe(false);
    expect(spell.suggest!('пожалуста')).toBe('пожалуйста');

    const text = 'Здравствуйте! Ямочный ремонт дороги на ул. Мира у МКД № 5 выполним в мае, пожалуста, следите за новостями Завитинска.';
    const warnings = checkDraft({ text, maxLength: 1000, spell }, loadPhraseLists()).filter((w) => w.code === 'spelling');
    expect(warnings).toEqual([{ code: 'spelling', phrase: 'пожалуста', index: text.indexOf('пожалуста'), suggestion: 'пожалуйста' }]);
  }, 120_000);
});
