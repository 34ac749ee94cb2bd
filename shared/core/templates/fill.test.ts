import { describe, expect, it } from 'vitest';
import { acknowledgementRequired, acknowledgementVariables, checkTemplate, fillTemplate, templateValues, usedVariables } from './fill.js';

const facts = {
  incidentId: 42,
  authorName: 'Анна',
  postedAt: new Date('2026-12-04T23:30:00Z'), // 5 December in Yakutsk (UTC+9)
  answerDue: new Date('2026-12-07T06:30:00Z'),
  topics: ['Дороги'],
  location: 'г. Завитинск',
  timezone: 'Asia/Yakutsk',
};

describe('answer templates', () => {
  it('fills every variable from the incident, dates in the organisation\'s zone', () => {
    const { text, missing } = fillTemplate('Здравствуйте, {имя}! Сообщение №{номер} от {дата} ({тема}, {место}): ответим до {срок}.', templateValues(facts));
    expect(text).toBe('Здравствуйте, Анна! Сообщение №42 от 5 декабря 2026 (Дороги, г. Завитинск): ответим до 7 декабря 2026, 15:30.');
    expect(missing).toEqual([]);
  });

  it('takes variables as people type them: any case, spaces inside the braces', () => {
    expect(fillTemplate('{ Имя }, №{НОМЕР}', templateValues(facts)).text).toBe('Анна, №42');
    expect(checkTemplate('{ Имя }, №{НОМЕР}')).toBeNull();
  });

  it('leaves a variable the incident cannot fill as written and says which', () => {
    const { text, missing } = fillTemplate('Здравствуйте, {имя}! №{номер}', templateValues({ ...facts, authorName: null }));
    expect(text).toBe('Здравствуйте, {имя}! №42');
    expect(missing).toEqual(['имя']);
  });

  it('refuses unknown variables, unbalanced braces, empty and overlong texts', () => {
    expect(checkTemplate('Здравствуйте, {фамилия} {имя}! {адрес}')).toEqual({ problem: 'unknown', names: ['фамилия', 'адрес'] });
    expect(checkTemplate('Здравствуйте, {имя!')).toEqual({ problem: 'unbalanced' });
    expect(checkTemplate('Здравствуйте, имя}!')).toEqual({ problem: 'unbalanced' });
    expect(checkTemplate('  ')).toEqual({ problem: 'empty' });
    expect(checkTemplate('я'.repeat(3001))).toEqual({ problem: 'too_long', max: 3000 });
    expect(checkTemplate('Здравствуйте, {имя}! Ответим до {срок}.')).toBeNull();
  });

  it('an acknowledgement names the number and the time, and never the author', () => {
    const ack = { allowed: acknowledgementVariables, required: acknowledgementRequired };
    expect(checkTemplate('Сообщение №{номер} зарегистрировано, ответим до {срок}.', ack)).toBeNull();
    expect(checkTemplate('{имя}, сообщение №{номер} зарегистрировано, ответим до {срок}.', ack)).toEqual({ problem: 'unknown', names: ['имя'] });
    expect(checkTemplate('Сообщение №{номер} зарегистрировано.', ack)).toEqual({ problem: 'missing', names: ['срок'] });
  });

  it('lists the variables a text uses once each, in order', () => {
    expect(usedVariables('{номер} {имя} {номер} {Срок} {что}')).toEqual(['номер', 'имя', 'срок', 'что']);
  });
});
