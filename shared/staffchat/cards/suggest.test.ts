import { describe, expect, it } from 'vitest';
import { loadOrg } from '../../platform/config/org.js';
import { EXAMPLE_ORG } from '../../sandbox/demo/harness.js';
import { stem, suggest } from './suggest.js';

const org = loadOrg(EXAMPLE_ORG);

describe('suggest', () => {
  it('finds the topic, the settlement and the department that answers it, whatever the case ending', () => {
    expect(suggest('Когда отремонтируют дорогу на с. Антоновка? Ямы!', org)).toEqual({
      topics: ['Дороги'],
      location: 'с. Антоновка',
      departments: ['roads'],
    });
    expect(suggest('В Антоновке опять разбили дороги', org).location).toBe('с. Антоновка');
  });

  it('proposes several topics and departments when the text names them', () => {
    const s = suggest('ЖКХ не чистит двор, и дороги не убраны, благоустройство никакое', org);
    expect(s.topics).toEqual(['ЖКХ', 'Дороги', 'Благоустройство']);
    expect(s.departments).toEqual(['housing', 'roads']);
  });

  it('proposes nothing rather than guessing', () => {
    expect(suggest('Спасибо за праздник!', org)).toEqual({ topics: [], location: null, departments: [] });
  });

  it('stems short words gently and treats ё as е', () => {
    expect(stem('Дороги')).toBe('дорог');
    expect(stem('ЖКХ')).toBe('жкх');
    expect(stem('Ёлки')).toBe('елк');
  });
});
