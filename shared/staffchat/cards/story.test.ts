import { describe, expect, it } from 'vitest';
import { people, profileRules, reach } from '../../../test/kit/incident.js';
import { STAFF_TEXT_LIMIT } from './render.js';
import { chunkText, type HistoryNames } from './history.js';
import { renderStory, storyPages } from './story.js';

const names: HistoryNames = {
  timezone: 'Asia/Yakutsk',
  staffName: (id) => ({ 1: 'Иванова Ирина', 101: 'Петров Пётр', 102: 'Сидорова Анна' })[id] ?? `id${id}`,
  departmentName: (id) => ({ roads: 'Отдел дорог', housing: 'Отдел ЖКХ' })[id] ?? id,
};
const rules = profileRules['zavitinsk-2020'];

describe('renderStory', () => {
  it('tells who did what and when, oldest first: triage, routing, taking, the draft, its rework and approval, publication, closing', () => {
    const s = reach('on_approval', rules);
    s.run(people.curator, { type: 'send_to_rework', comment: 'Укажите срок ремонта' });
    s.run(people.roads, { type: 'submit_draft', kind: 'answer', text: 'Здравствуйте! Яму заделают до 20 марта.' });
    s.run(people.curator, { type: 'approve' });
    const { text, pages } = renderStory(s.state.incidentId, s.events, names, -1)!;
    expect(pages).toBe(1);
    const lines = text.split('\n');
    expect(lines[0]).toBe(`🗂 Сообщение №${s.state.incidentId}: ход работы`);
    const order = [
      '🆕 поступило',
      '🏷 Иванова Ирина: тема Дороги, место Завитинск',
      '➡️ Иванова Ирина: направлено — Отдел дорог',
      '🙋 Петров Пётр (Отдел дорог): взято в работу',
      '🧩 Сидорова Анна (Отдел ЖКХ): часть ответа',
      '📝 Петров Пётр (Отдел дорог): Проект ответа, версия 1 — на согласование',
      '✏️ Иванова Ирина: версия 1 на доработку — «Укажите срок ремонта»',
      '📝 Петров Пётр (Отдел дорог): Проект ответа, версия 2 — на согласование',
      '✅ Иванова Ирина: версия 2 утверждена',
    ];
    const at = order.map((o) => text.indexOf(o));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // Each step with its local date and time (the scenario starts 2024-03-12 10:00 in Blagoveshchensk, UTC+9 as Yakutsk).
    expect(lines.slice(2).every((l) => /^12\.03\.2024 \d\d:\d\d · /.test(l))).toBe(true);
    // Starting a draft is not a step of its own; the submitted version is.
    expect(text).not.toContain('draft_started');
  });

  it('pages a long story, each page within one Telegram message, the newest steps on the last', () => {
    const s = reach('on_approval', rules);
    for (let n = 0; n < 40; n++) {
      s.run(people.curator, { type: 'send_to_rework', comment: `Замечание ${n}: ${'уточните адрес и сроки '.repeat(12)}` });
      s.run(people.roads, { type: 'submit_draft', kind: 'answer', text: `Версия ${n + 2}` });
    }
    const pages = storyPages(s.events, names);
    expect(pages.length).toBeGreaterThan(1);
    for (let p = 0; p < pages.length; p++) expect(renderStory(s.state.incidentId, s.events, names, p)!.text.length).toBeLessThan(STAFF_TEXT_LIMIT);
    const last = renderStory(s.state.incidentId, s.events, names, -1)!;
    expect(last.page).toBe(pages.length - 1);
    expect(last.text).toContain('версия 41 — на согласование');
    expect(last.text).toContain(`Страница ${pages.length} из ${pages.length}`);
    // A long rework comment is folded on its line.
    expect(renderStory(s.state.incidentId, s.events, names, 0)!.text).toContain('…');
  });

  it('escapes what staff typed', () => {
    const s = reach('on_approval', rules);
    s.run(people.curator, { type: 'send_to_rework', comment: '<b>срочно</b> & подробнее' });
    expect(renderStory(s.state.incidentId, s.events, names, -1)!.text).toContain('«&lt;b&gt;срочно&lt;/b&gt; &amp; подробнее»');
  });

  it('names a success story marked and taken off (sobolevo п.23), escaping the link', () => {
    const sobolevo = profileRules['sobolevo-2021'];
    const s = reach('answered', sobolevo);
    s.run(people.curator, { type: 'mark_success', link: 'https://vk.com/wall-1_2?a=1&b=2' });
    s.run(people.head, { type: 'unmark_success' });
    const text = renderStory(s.state.incidentId, s.events, names, -1)!.text;
    expect(text).toContain('🌟 Иванова Ирина: история успеха — https://vk.com/wall-1_2?a=1&amp;b=2');
    expect(text).toMatch(/🌟 id\d+: отметка «история успеха» снята/);
  });
});

describe('chunkText', () => {
  it('cuts a long draft into pieces Telegram takes, at spaces, losing no word', () => {
    const text = Array.from({ length: 2000 }, (_, i) => `слово${i}`).join(' ');
    const parts = chunkText(text);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.length <= 3900)).toBe(true);
    expect(parts.join(' ')).toBe(text);
  });

  it('never splits an emoji, even in a text without spaces', () => {
    const text = '😀'.repeat(3000);
    const parts = chunkText(text, 1001);
    expect(parts.join('')).toBe(text);
    expect(parts.every((p) => Array.from(p).every((c) => c === '😀'))).toBe(true);
  });

  it('leaves a short text whole', () => {
    expect(chunkText('Коротко.')).toEqual(['Коротко.']);
  });
});
