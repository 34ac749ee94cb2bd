import { describe, expect, it } from 'vitest';
import { people, profileRules, reach } from '../../../test/kit/incident.js';
import { CARD_TEXT_FOLD, foldText, renderCard, STAFF_TEXT_LIMIT, type CardIncident } from './render.js';

const base: CardIncident = {
  id: 42,
  network: 'vk',
  kind: 'comment',
  status: 'detected',
  authorId: '555',
  authorName: 'Мария Соколова',
  text: 'Когда починят дорогу на ул. Ленина?',
  attachments: [],
  permalink: 'https://vk.com/wall-123456_10?reply=77',
  detectedAt: new Date('2026-11-23T05:05:00Z'),
};

describe('renderCard', () => {
  it('shows network, kind, author, text, link and the detection time in the organisation zone', () => {
    const text = renderCard(base, { timezone: 'Asia/Yakutsk' });
    expect(text).toContain('<b>Сообщение №42</b> · ВКонтакте, комментарий');
    expect(text).toContain('👤 Мария Соколова');
    expect(text).toContain('Когда починят дорогу на ул. Ленина?');
    expect(text).toContain('<a href="https://vk.com/wall-123456_10?reply=77">Открыть оригинал</a>');
    // 05:05 UTC is 14:05 in Yakutsk (UTC+9).
    expect(text).toContain('Выявлено 23.11.2026 14:05');
    expect(text).not.toContain('Asia/Yakutsk'); // the zone's IANA name means nothing to staff
    expect(text).not.toMatch(/[\u2068\u2069]/); // no Fluent isolation marks
  });

  it('says who was dismissed when their work came back to the curator, and an executor\'s own return note otherwise', () => {
    const rules = profileRules['zavitinsk-2020'];
    const departmentName = (id: string) => (id === 'roads' ? 'Отдел дорожного хозяйства' : id);
    const removed = reach('in_work', rules);
    removed.run(people.system, { type: 'remove_executor', executorId: people.roads.userId, name: 'Егор <Белов>', cause: 'revoked' });
    const text = renderCard({ ...base, status: 'returned' }, { timezone: 'UTC', state: removed.state, rules, departmentName });
    expect(text).toContain('↩️ Исполнитель Егор &lt;Белов&gt; (Отдел дорожного хозяйства) отстранён — сообщение вернулось куратору');
    expect(text).not.toContain('вернул: «»');
    const returned = renderCard({ ...base, status: 'returned' }, { timezone: 'UTC', state: reach('returned', rules).state, rules, departmentName });
    expect(returned).toContain('↩️ Отдел дорожного хозяйства вернул: «Вопрос не в нашей компетенции');
    expect(returned).not.toContain('отстранён');
  });

  it('says a dismissed co-executor\'s part waits for their department, until a colleague takes it', () => {
    const rules = profileRules['zavitinsk-2020'];
    const departmentName = (id: string) => (id === 'housing' ? 'Отдел ЖКХ' : id);
    const s = reach('awaiting_parts', rules);
    s.run(people.housing, { type: 'take' });
    s.run(people.system, { type: 'remove_executor', executorId: people.housing.userId, name: 'Волкова Мария', cause: 'left_staff' });
    const card = () => renderCard({ ...base, status: s.state.status }, { timezone: 'UTC', state: s.state, rules, departmentName });
    expect(card()).toContain('⚠️ Исполнитель Волкова Мария (Отдел ЖКХ) больше не в списке сотрудников — часть ответа ждёт другого исполнителя отдела.');
    s.run({ role: 'executor', userId: 106, department: 'housing' }, { type: 'take' });
    expect(card()).not.toContain('Волкова');
  });

  it('escapes HTML in what citizens write so it cannot break the card', () => {
    const text = renderCard({ ...base, authorName: '<b>x</b>', text: 'a < b & c > d' }, { timezone: 'UTC' });
    expect(text).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(text).toContain('a &lt; b &amp; c &gt; d');
  });

  it('falls back to the author id when the name is unknown, and marks an empty text', () => {
    const text = renderCard({ ...base, authorName: null, text: '  ' }, { timezone: 'UTC' });
    expect(text).toContain('автор id555');
    expect(text).toContain('(без текста)');
  });

  it('folds a long text and always fits Telegram\'s limit', () => {
    const long = 'Ж'.repeat(10_000);
    const text = renderCard({ ...base, text: long }, { timezone: 'UTC' });
    expect(text.length).toBeLessThan(STAFF_TEXT_LIMIT);
    // Fluent groups thousands the Russian way, with a non-breaking space.
    expect(text).toMatch(/ещё 9\s000 симв\./);
    expect(10_000 - CARD_TEXT_FOLD).toBe(9000);
  });

  it('never cuts an emoji in half when folding', () => {
    const folded = foldText('😀'.repeat(5), 3);
    expect(folded.startsWith('😀😀😀')).toBe(true);
    expect(folded).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it("suggests a repeat of the author's earlier incident, with its number and date in the organisation's zone", () => {
    const text = renderCard(base, { timezone: 'Asia/Yakutsk', repeat: { incidentId: 17, detectedAt: new Date('2026-10-31T20:00:00Z') } });
    expect(text).toContain('Похоже на повтор №17 от 01.11.2026');
    expect(renderCard(base, { timezone: 'Asia/Yakutsk', repeat: null })).not.toContain('повтор');
  });
});
