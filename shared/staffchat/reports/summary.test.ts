import { describe, expect, it } from 'vitest';
import { aggregate, type ReportData, type StageFact } from '../../core/analytics/measures.js';
import { TELEGRAM_CAPTION_LIMIT, renderSummary } from './summary.js';
import { msk, sampleInput, stages } from '../../../test/kit/reports.js';

const data = aggregate(sampleInput());

describe('renderSummary', () => {
  it('says the week in a few Russian lines', () => {
    expect(renderSummary(data)).toBe(
      [
        'Администрация города Иваново. Неделя 07.04.2025 — 13.04.2025',
        'За неделю поступило 6 сообщений (ВКонтакте — 3, Одноклассники — 2, Telegram — 1).',
        'В срок пройдено 86 % этапов (12 из 14).',
        'Первый ответ гражданину: половина — не дольше 1 ч 30 мин, 90 % — не дольше 4 ч рабочего времени.',
        'Сейчас просрочено 2 этапа: проект ответа — 2.',
        'Ниже всего доля в срок: Отдел ЖКХ — 67 %.',
        'Возвратов: 1, повторных: 1, отклонено: 1, общественно значимых: 1.',
        'Промежуточный ответ давали в 33 % случаев.',
        'Из 3 самых обсуждаемых сообщений решено положительно: 1.',
        'Графики — на картинке, подробности — в файле Excel.',
      ].join('\n'),
    );
  });

  it('uses the Russian plural forms for counts', () => {
    const received = (n: number, kind: ReportData['period']['kind'] = 'week') =>
      renderSummary({ ...data, period: { ...data.period, kind }, received: { ...data.received, total: n, byNetwork: [] } }).split('\n')[1];
    expect(received(1)).toBe('За неделю поступило 1 сообщение.');
    expect(received(3)).toBe('За неделю поступило 3 сообщения.');
    expect(received(5)).toBe('За неделю поступило 5 сообщений.');
    expect(received(21, 'quarter')).toBe('За квартал поступило 21 сообщение.');
    expect(received(1057, 'month')).toBe('За месяц поступило 1\u00a0057 сообщений.');
    const overdue = (n: number) => renderSummary({ ...data, overdue: { ...data.overdue, total: n } }).split('\n')[4];
    expect(overdue(1)).toBe('Сейчас просрочен 1 этап: проект ответа — 2.');
    expect(overdue(22)).toBe('Сейчас просрочено 22 этапа: проект ответа — 2.');
    expect(overdue(11)).toBe('Сейчас просрочено 11 этапов: проект ответа — 2.');
  });

  it('says when there was nothing to judge, answer or chase', () => {
    const empty = aggregate(sampleInput({ incidents: [], stages: [] }));
    expect(renderSummary(empty)).toBe(
      [
        'Администрация города Иваново. Неделя 07.04.2025 — 13.04.2025',
        'За неделю поступило 0 сообщений.',
        'Сроков за период не наступало.',
        'Просроченных этапов сейчас нет.',
        'Возвратов: 0, повторных: 0, отклонено: 0, общественно значимых: 0.',
        'Графики — на картинке, подробности — в файле Excel.',
      ].join('\n'),
    );
  });

  it('stays within the caption limit, dropping optional lines before cutting', () => {
    // Many overdue stages of a profile's own timers and a very long organisation name.
    const many: StageFact[] = Array.from({ length: 40 }, (_, i) => ({
      ...stages[0]!,
      stage: `customTimerWithAVeryLongName${i}`,
      endedAt: null,
      met: null,
      dueAt: msk('2025-04-10 10:00'),
    }));
    const org = { id: 'x', name: 'Администрация муниципального образования '.repeat(6).trim() };
    const long = aggregate(sampleInput({ organisation: org, stages: [...stages, ...many] }));
    const text = renderSummary(long);
    expect(text.length).toBeLessThanOrEqual(TELEGRAM_CAPTION_LIMIT);
    expect(text.endsWith('…')).toBe(true);
    expect(text).not.toContain('Графики');

    // Just too long for every line: the optional ones go, from the last.
    const full = renderSummary(data);
    const shorter = renderSummary(data, full.length - 1);
    expect(shorter).not.toContain('Графики');
    expect(shorter).toContain('Из 3 самых обсуждаемых');
    expect(shorter.endsWith('…')).toBe(false);
  });

  it('never splits an emoji when it has to cut', () => {
    const d = aggregate(sampleInput({ organisation: { id: 'x', name: '🏛'.repeat(600) } }));
    const text = renderSummary(d);
    expect(text.length).toBeLessThanOrEqual(TELEGRAM_CAPTION_LIMIT);
    expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
