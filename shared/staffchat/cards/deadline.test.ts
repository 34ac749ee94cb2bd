import { describe, expect, it } from 'vitest';
import { cardDeadlineLine, deadlineLine, deadlineMark, HOT_MS, markMoments } from './deadline.js';

const ZONE = 'Asia/Yakutsk'; // UTC+9
const due = new Date('2026-11-23T06:30:00Z'); // 15:30 in Yakutsk
const at = (iso: string) => new Date(iso);

describe('deadline marks', () => {
  it('are ⏳ while more than 30 minutes are left, 🔥 from 30 minutes on, ⛔ from the due', () => {
    expect(deadlineMark(due.getTime(), due.getTime() - HOT_MS - 1)).toBe('running');
    expect(deadlineMark(due.getTime(), due.getTime() - HOT_MS)).toBe('hot');
    expect(deadlineMark(due.getTime(), due.getTime() - 1)).toBe('hot');
    expect(deadlineMark(due.getTime(), due.getTime())).toBe('overdue');
  });

  it('change at exactly the instants the worker redraws the card', () => {
    const [hot, over] = markMoments(due.getTime());
    expect(deadlineMark(due.getTime(), hot! - 1)).toBe('running');
    expect(deadlineMark(due.getTime(), hot!)).toBe('hot');
    expect(deadlineMark(due.getTime(), over! - 1)).toBe('hot');
    expect(deadlineMark(due.getTime(), over!)).toBe('overdue');
  });
});

describe('the card\'s deadline line', () => {
  const d = { timer: 'route', due };
  it('shows the absolute due in the organisation\'s time, never the zone\'s name nor a countdown that would go stale', () => {
    const line = cardDeadlineLine(d, at('2026-11-23T01:00:00Z'), ZONE);
    expect(line).toBe('⏳ Срок: направить до 15:30');
    expect(cardDeadlineLine(d, at('2026-11-22T01:00:00Z'), ZONE)).toBe('⏳ Срок: направить до 23.11 15:30');
    expect(cardDeadlineLine(d, at('2026-11-23T06:10:00Z'), ZONE)).toBe('🔥 Срок: направить до 15:30 — осталось 30 мин или меньше');
    // Overdue, with its date: the card may be read days later.
    expect(cardDeadlineLine(d, at('2026-11-23T06:31:00Z'), ZONE)).toBe('⛔ Срок истёк: направить до 23.11 15:30');
  });

  it('in lists, which are true when sent, adds what is left or how late, with the same marks', () => {
    expect(deadlineLine(d, at('2026-11-23T04:00:00Z'), ZONE)).toBe('⏳ направить до 15:30, осталось 2 ч 30 мин');
    expect(deadlineLine(d, at('2026-11-23T06:05:00Z'), ZONE)).toBe('🔥 направить до 15:30, осталось 25 мин');
    expect(deadlineLine(d, at('2026-11-23T07:00:00Z'), ZONE)).toBe('⛔ направить до 15:30 — просрочено на 30 мин');
  });
});
