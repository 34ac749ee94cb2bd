import { describe, expect, it } from 'vitest';
import { loadOrg } from '../../platform/config/org.js';
import { EXAMPLE_ORG } from '../../sandbox/demo/harness.js';
import { suggest } from './suggest.js';

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

  it('knows the words citizens use for a topic, not only its name', () => {
    expect(suggest('Третий день не горят фонари во дворе', org)).toMatchObject({ topics: ['Благоустройство'], departments: ['housing'] });
    expect(suggest('Не работает светофор на перекрёстке', org)).toMatchObject({ topics: ['Дороги'], departments: ['roads'] });
  });

  it('proposes several topics and departments when the text is about several', () => {
    const s = suggest('В г. Завитинск ЖКХ не вывозит мусор, а дороги во дворе в ямах', org);
    expect(s.topics).toEqual(['ЖКХ', 'Дороги']);
    expect(s.departments).toEqual(['housing', 'roads']);
  });

  it('proposes nothing rather than guessing', () => {
    expect(suggest('Спасибо за праздник!', org)).toEqual({ topics: [], location: null, departments: [] });
  });

  it('takes the default place when the text names none', () => {
    expect(suggest('Яма у подъезда', org).location).toBeNull();
    expect(suggest('Яма у подъезда', { ...org, defaultLocation: 'г. Завитинск' }).location).toBe('г. Завитинск');
  });
});
