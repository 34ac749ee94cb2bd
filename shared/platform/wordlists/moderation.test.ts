import { describe, expect, it } from 'vitest';
import { createModeration, patternSource } from '../../core/checks/moderation/index.js';
import { checkText, loadModerationLists, readLines } from './moderation.js';

describe('moderation data files', () => {
  it('spells every masked full form so that the stems themselves hit it', () => {
    const forms = readLines('masked.ru.txt');
    expect(forms.length).toBeGreaterThan(20);
    const missed = forms.filter((word) => checkText(word).verdict === 'clean');
    expect(missed).toEqual([]);
  });

  it('reads every shipped list once, comments and blank lines left out', () => {
    const lists = loadModerationLists();
    for (const [name, lines] of Object.entries(lists)) {
      expect(lines.length, name).toBeGreaterThan(0);
      expect(lines.filter((line: string) => line.startsWith('#') || line.trim() === ''), name).toEqual([]);
    }
    expect(loadModerationLists()).toBe(lists);
  });

  it('the core checks with the lists it is given, not the shipped ones', () => {
    const own = createModeration({ obscenity: [], insult: [], insultAddressed: [], addressee: [], threat: ['взорв'], masked: [] });
    expect(own('Я взорву этот завод').hits).toEqual([{ category: 'threat', match: 'взорву', index: 2 }]);
    expect(own('Ну сука же').verdict).toBe('clean');
    expect(checkText('Ну сука же').verdict).toBe('suspect');
  });

  it('expands the shorthands and collapses doubled letters like the text itself', () => {
    expect(patternSource('ссук(а|и)>')).toBe('сук(а|и)(?![а-я*])');
    expect(patternSource('вас ~ убить')).toBe('вас (?:[а-я*]+ ){0,3}убить');
    expect(patternSource('ёб')).toBe('еб');
  });
});
