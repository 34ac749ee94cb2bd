import { describe, expect, it } from 'vitest';
import { buildRouter, departmentsFromHistory, type RoutingOrg } from '../../core/routing/index.js';
import { stemRu } from './routing.js';

/** As a new organisation writes its file: no topic mapped to a department, no keywords. */
const bare: RoutingOrg = {
  topics: ['ЖКХ', 'Дороги', 'Благоустройство', 'Образование'],
  locations: ['г. Завитинск', 'с. Антоновка', 'с. Новая Антоновка'],
  departments: [
    { id: 'housing', name: 'Отдел ЖКХ' },
    { id: 'roads', name: 'Отдел дорожного хозяйства' },
    { id: 'schools', name: 'Управление образования' },
    { id: 'economy', name: 'Отдел экономики' },
  ],
};
const router = buildRouter(bare, stemRu);
const topicOf = (text: string) => router.matchTopics(text).topics;

describe('the lexicon matcher, with Russian Snowball stems', () => {
  it('stems word forms to one stem', () => {
    expect(new Set(['ямы', 'ямами', 'яму', 'яма'].map(stemRu))).toEqual(new Set(['ям']));
    expect(new Set(['фонари', 'фонарей', 'фонарь'].map(stemRu))).toEqual(new Set(['фонар']));
    expect(stemRu('дорогу')).toBe(stemRu('дороги'));
  });

  it('finds the topic from the words citizens use, in any form', () => {
    for (const text of ['Ямы на дороге!', 'Сколько можно ездить по ямам', 'Засыпьте уже эту яму', 'Машина провалилась, кругом ямами всё']) {
      expect(topicOf(text), text).toEqual(['Дороги']);
    }
    expect(topicOf('Не работает светофор на перекрёстке Ленина и Мира')).toEqual(['Дороги']);
    expect(topicOf('Третий день не горят фонари во дворе')).toEqual(['Благоустройство']);
    expect(topicOf('Не хватает фонарей на улице')).toEqual(['Благоустройство']);
    expect(topicOf('В квартире холодно, отопление так и не дали')).toEqual(['ЖКХ']);
    expect(topicOf('Когда уберут снег с улицы Мира? Сугробы по колено')).toEqual(['Дороги']);
    expect(topicOf('Ребёнка не берут в детский сад, очередь стоит год')).toEqual(['Образование']);
  });

  it('gives the words found, and only the lexicon\'s, to learn from', () => {
    const { signals } = router.matchTopics('Иванов Пётр: не работает светофор на перекрёстке');
    expect(signals).toEqual(['перекрестк', 'светофор']);
  });

  it('suggests no topic rather than guess, and none the organisation does not have', () => {
    expect(topicOf('Спасибо за праздник!')).toEqual([]);
    // Медицина is a built-in category, but not one of this organisation's topics.
    expect(topicOf('В поликлинике не записаться к терапевту')).toEqual([]);
  });

  it('maps the categories onto the organisation\'s own topic names', () => {
    const own = buildRouter({ ...bare, topics: ['Дорожное хозяйство', 'Жилищно-коммунальное хозяйство', 'Уличное освещение'] }, stemRu);
    expect(own.matchTopics('Опять яма у школы').topics).toEqual(['Дорожное хозяйство']);
    expect(own.matchTopics('Прорвало трубы отопления').topics).toEqual(['Жилищно-коммунальное хозяйство']);
    expect(own.matchTopics('Не горят фонари').topics).toEqual(['Уличное освещение']);
  });

  it('takes the organisation\'s keywords on top of the lexicon', () => {
    const own = buildRouter({ ...bare, topicKeywords: { ЖКХ: ['Водоканал «Исток»', 'баня'] } }, stemRu);
    expect(own.matchTopics('Когда откроют баню?').topics).toEqual(['ЖКХ']);
    expect(topicOf('Когда откроют баню?')).toEqual([]);
  });

  it('finds the place in its case forms, the longest name first, else the default', () => {
    expect(router.location('В Антоновке опять разбили дорогу')).toBe('с. Антоновка');
    expect(router.location('В Новой Антоновке нет света')).toBe('с. Новая Антоновка');
    expect(router.location('Завитинск, ул. Мира, 5')).toBe('г. Завитинск');
    expect(router.location('На ул. Мира нет света')).toBeNull();
    expect(buildRouter({ ...bare, defaultLocation: 'г. Завитинск' }, stemRu).location('На ул. Мира нет света')).toBe('г. Завитинск');
  });

  it('finds departments by the topic\'s word family when the file maps none', () => {
    expect(router.departments(['Дороги'])).toEqual(['roads']);
    expect(router.departments(['ЖКХ'])).toEqual(['housing']);
    expect(router.departments(['Образование'])).toEqual(['schools']);
    expect(router.departments(['Благоустройство'])).toEqual([]);
  });

  it('prefers the file\'s mapping where it has one', () => {
    const mapped = buildRouter({ ...bare, departments: [...bare.departments.slice(0, 3), { id: 'economy', name: 'Отдел экономики', topics: ['Дороги'] }] }, stemRu);
    expect(mapped.departments(['Дороги'])).toEqual(['economy']);
  });
});

describe('departments from the routing history', () => {
  const known = new Set(['housing', 'roads']);
  it('follows what curators chose for messages with the same words, the most chosen first', () => {
    const past = [
      { topics: ['Благоустройство'], signals: ['фонар'], departments: ['housing'] },
      { topics: ['Благоустройство'], signals: ['фонар', 'не гор'], departments: ['roads'] },
      { topics: ['Благоустройство'], signals: ['фонар'], departments: ['roads'] },
    ];
    expect(departmentsFromHistory(past, { topics: ['Благоустройство'], signals: ['фонар'] }, known)).toEqual(['roads']);
  });

  it('falls back on the topic, drops departments gone from the file, and says nothing without history', () => {
    const past = [{ topics: ['Дороги'], signals: ['ям'], departments: ['old', 'roads'] }];
    expect(departmentsFromHistory(past, { topics: ['Дороги'], signals: ['светофор'] }, known)).toEqual(['roads']);
    expect(departmentsFromHistory(past, { topics: ['ЖКХ'], signals: ['отоплен'] }, known)).toBeNull();
    expect(departmentsFromHistory([], { topics: ['ЖКХ'], signals: [] }, known)).toBeNull();
  });

  it('keeps the file\'s suggestion against one odd routing among equals, and takes one correction of it', () => {
    const odd = [
      { topics: ['Дороги'], signals: ['ям', 'без свет'], departments: ['housing'] },
      { topics: ['Дороги'], signals: ['ям'], departments: ['roads'] },
    ];
    expect(departmentsFromHistory(odd, { topics: ['Дороги'], signals: ['ям'] }, known, ['roads'])).toEqual(['roads']);
    const corrected = [{ topics: ['Благоустройство'], signals: ['фонар'], departments: ['roads'] }];
    expect(departmentsFromHistory(corrected, { topics: ['Благоустройство'], signals: ['фонар'] }, known, ['housing'])).toEqual(['roads']);
  });
});
