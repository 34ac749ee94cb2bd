import { describe, expect, it } from 'vitest';
import { redactor, tracesOf } from './redact.js';

const anna = tracesOf({
  ids: ['610001', '7'],
  names: ['Анна Соколова'],
  links: ['https://vk.com/id610001'],
  texts: ['Третий день нет света на ул. Мира, 5', 'Да'],
});

describe('redactor', () => {
  it('replaces the full name, the first name and the surname as whole words, by the name placeholder', () => {
    const r = redactor(anna);
    expect(r.text('Здравствуйте, Анна Соколова!')).toBe('Здравствуйте, Заявитель!');
    expect(r.text('Анна, добрый день. Соколова — автор.')).toBe('Заявитель, добрый день. Заявитель — автор.');
    // Not inside another word, whatever the case.
    expect(r.text('Аннаполис, САННА, анна')).toBe('Аннаполис, САННА, Заявитель');
  });

  it('replaces ids, links and quoted texts by the fragment placeholder; short ids and texts are not looked for', () => {
    const r = redactor(anna);
    expect(r.text('см. https://vk.com/id610001 и id 610001, 16100012')).toBe('см. [удалено] и id [удалено], 16100012');
    expect(r.text('Цитата: «Третий день нет света на ул. Мира, 5». Да, 7 домов.')).toBe('Цитата: «[удалено]». Да, 7 домов.');
  });

  it('redacts every string inside JSON and keeps keys, numbers and shape', () => {
    const r = redactor(anna);
    expect(r.json({ text: 'Анна, ответ', n: 610001, list: ['Соколова', { deep: 'vk.com/id610001?' }], ok: true })).toEqual({
      text: 'Заявитель, ответ',
      n: 610001,
      list: ['Заявитель', { deep: 'vk.com/id[удалено]?' }],
      ok: true,
    });
  });

  it('finds a trace and says nothing of a clean text', () => {
    const r = redactor(anna);
    expect(r.found('lock:vk:610001')).toBe(true);
    expect(r.found('incident 42 routed')).toBe(false);
    expect(r.found('')).toBe(false);
    expect(redactor(tracesOf({})).found('anything')).toBe(false);
  });
});
