import { describe, expect, it } from 'vitest';
import { checkText } from '../../core/checks/moderation/index.js';
import { patternSource, readLines } from './moderation.js';

describe('moderation data files', () => {
  it('spells every masked full form so that the stems themselves hit it', () => {
    const forms = readLines('masked.ru.txt');
    expect(forms.length).toBeGreaterThan(20);
    const missed = forms.filter((word) => checkText(word).verdict === 'clean');
    expect(missed).toEqual([]);
  });

  it('expands the shorthands and collapses doubled letters like the text itself', () => {
    expect(patternSource('ссук(а|и)>')).toBe('сук(а|и)(?![а-я*])');
    expect(patternSource('вас ~ убить')).toBe('вас (?:[а-я*]+ ){0,3}убить');
    expect(patternSource('ёб')).toBe('еб');
  });
});
