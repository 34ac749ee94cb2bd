import { describe, expect, it } from 'vitest';
import { renderCard, STAFF_TEXT_LIMIT, type CardIncident } from './render.js';
import { MAX_SHOWN } from './conversation.js';

const base: CardIncident = {
  id: 7,
  network: 'vk',
  kind: 'comment',
  status: 'detected',
  authorId: '555',
  authorName: 'Мария Соколова',
  text: 'Прорвало трубу во дворе',
  attachments: [],
  permalink: null,
  detectedAt: new Date('2026-11-23T05:05:00Z'),
};
const at = (min: number) => new Date(Date.UTC(2026, 10, 23, 5, 5 + min));
const none = { edited: false, deleted: null } as const;

describe('the citizen side of a card', () => {
  it('shows every message of a burst with its local time, and the marks of edits and deletions', () => {
    const text = renderCard(base, {
      timezone: 'Asia/Yakutsk',
      conversation: {
        first: { edited: true, deleted: null, text: 'Прорвало трубу во дворе дома 7' },
        more: [
          { text: 'Вода в подвале', postedAt: at(2), ...none },
          { text: 'Уже не нужно', postedAt: at(4), edited: false, deleted: 'author' },
          { text: 'Убрано', postedAt: at(5), edited: false, deleted: 'other' },
        ],
      },
    });
    expect(text).toContain('Прорвало трубу во дворе дома 7');
    expect(text).toContain('изменено автором');
    expect(text).toContain('Ещё сообщение, 14:07:');
    expect(text).toContain('Вода в подвале');
    expect(text).toContain('комментарий удалён автором');
    expect(text).toContain('комментарий удалён модератором');
    expect(text.indexOf('Вода в подвале')).toBeLessThan(text.indexOf('Уже не нужно'));
  });

  it('folds a long burst so the card stays within Telegram\'s limit, counting what it leaves out', () => {
    const long = 'Очень длинное сообщение о проблеме. '.repeat(200);
    const more = Array.from({ length: 20 }, (_, i) => ({ text: `${i}: ${long}`, postedAt: at(i), ...none }));
    const text = renderCard({ ...base, text: long }, { timezone: 'UTC', conversation: { first: none, more } });
    expect(text.length).toBeLessThan(STAFF_TEXT_LIMIT);
    expect(text.match(/Ещё сообщение/g)).toHaveLength(MAX_SHOWN);
    expect(text).toContain(`и ещё сообщений: ${20 - MAX_SHOWN}`);
    expect(text).toContain('… (ещё');
  });
});
