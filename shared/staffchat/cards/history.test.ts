import { describe, expect, it } from 'vitest';
import { people, profileRules, reach } from '../../../test/kit/incident.js';
import { STAFF_TEXT_LIMIT } from './render.js';
import { historyPages, renderHistory, type HistoryNames } from './history.js';

const names: HistoryNames = {
  timezone: 'Asia/Yakutsk',
  staffName: (id) => ({ 1: 'Иванова Ирина', 101: 'Петров Пётр' })[id] ?? `id${id}`,
  departmentName: (id) => ({ roads: 'Отдел дорог' })[id] ?? id,
};
const rules = profileRules['zavitinsk-2020'];

/** An incident whose draft went back for rework `rounds` times, each version `text(n)`. */
function reworked(rounds: number, text: (n: number) => string, comment: (n: number) => string = (n) => `Замечание ${n}`) {
  const s = reach('drafting', rules);
  for (let n = 1; n <= rounds; n++) {
    s.run(people.roads, { type: 'submit_draft', kind: 'answer', text: text(n) });
    s.run(people.curator, { type: 'send_to_rework', comment: comment(n) });
  }
  s.run(people.roads, { type: 'submit_draft', kind: 'answer', text: text(rounds + 1) });
  return s.state;
}

describe('renderHistory', () => {
  it('lists every version newest first, with author, department, time and the rework comment', () => {
    const state = reworked(2, (n) => `Здравствуйте! Версия номер ${n}.`);
    const page = renderHistory(state, names, 0)!;
    expect(page.pages).toBe(1);
    const text = page.text;
    expect(text).toContain(`Сообщение №${state.incidentId}: история проекта ответа, версий: 3`);
    expect(text.indexOf('Версия 3 (текущая)')).toBeLessThan(text.indexOf('Версия 2</b>'));
    expect(text.indexOf('Версия 2</b>')).toBeLessThan(text.indexOf('Версия 1</b>'));
    expect(text).toContain('Петров Пётр, Отдел дорог');
    expect(text).toMatch(/На доработку — Иванова Ирина, \d\d\.\d\d\.\d{4} \d\d:\d\d: «Замечание 1»/);
    expect(text).toContain('«Замечание 2»');
    expect(text).toContain('Здравствуйте! Версия номер 1.');
    // The scenario's clock is 2024-03-12 from 10:00 in Blagoveshchensk; Yakutsk is the same zone offset.
    expect(text).toContain('12.03.2024');
  });

  it('says nothing when there is no draft yet', () => {
    expect(renderHistory(reach('in_work', rules).state, names, 0)).toBeNull();
  });

  it('splits long histories into pages that each fit one Telegram message', () => {
    const long = (n: number) => `Здравствуйте! ${'Очень подробный ответ о ремонте дороги & <тротуара>. '.repeat(60)} (${n})`;
    const state = reworked(6, long, (n) => `${'Исправьте сроки. '.repeat(80)}${n}`);
    const pages = historyPages(state, names);
    expect(pages.length).toBeGreaterThan(1);
    const all = pages.map((_, i) => renderHistory(state, names, i)!);
    for (const page of all) expect(page.text.length).toBeLessThanOrEqual(STAFF_TEXT_LIMIT);
    // Every version appears on exactly one page.
    for (let n = 1; n <= 7; n++) expect(all.filter((p) => p.text.includes(`Версия ${n}</b>`) || p.text.includes(`Версия ${n} (текущая)`))).toHaveLength(1);
    expect(all.at(-1)!.text).toContain(`Страница ${pages.length} из ${pages.length}`);
    // Out-of-range pages are clamped, not an error.
    expect(renderHistory(state, names, 99)!.page).toBe(pages.length - 1);
  });

  it('folds a single version whose escaped text would overflow a page', () => {
    const state = reworked(0, () => '&'.repeat(5000));
    const page = renderHistory(state, names, 0)!;
    expect(page.text.length).toBeLessThanOrEqual(STAFF_TEXT_LIMIT);
    expect(page.text).toContain('&amp;');
  });
});
