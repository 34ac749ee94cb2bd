import { describe, expect, it } from 'vitest';
import { formatWindow, renderSpikeAlert, type SpikeAlert } from './spikes.js';

const base: SpikeAlert = {
  dimension: 'location',
  value: 'с. <Антоновка>',
  count: 7,
  baseline: 1.25,
  total: 2,
  incidents: [
    { id: 11, network: 'vk', text: 'Нет   воды\nс утра' },
    { id: 12, network: 'telegram', text: '' },
  ],
  closedAt: null,
};
const opts = { windowMs: 2 * 3600_000, timezone: 'Asia/Yakutsk' };

describe('renderSpikeAlert', () => {
  it('names the place, the count against the usual, and each incident on one line', () => {
    expect(renderSpikeAlert(base, opts).split('\n')).toEqual([
      '📈 <b>Повышенная социальная активность</b>: место «с. &lt;Антоновка&gt;»',
      '7 сообщений за 2 ч (обычно 1,3)',
      '',
      '<b>№11</b> · ВКонтакте: Нет воды с утра',
      '<b>№12</b> · Telegram: <i>(без текста)</i>',
    ]);
  });

  it('counts the incidents it does not list, and shortens long texts', () => {
    const long = { ...base, dimension: 'topic' as const, value: 'Дороги', total: 40, incidents: [{ id: 50, network: 'vk', text: 'я'.repeat(200) }] };
    const lines = renderSpikeAlert(long, opts).split('\n');
    expect(lines[0]).toContain('тема «Дороги»');
    expect(lines[3]).toBe('…и ещё 39 раньше');
    expect(lines[4]).toBe(`<b>№50</b> · ВКонтакте: ${'я'.repeat(79)}…`);
  });

  it('says when the spike ended, in the organisation\'s zone', () => {
    const text = renderSpikeAlert({ ...base, closedAt: new Date('2026-03-04T06:15:00Z') }, opts);
    expect(text.split('\n').at(-1)).toBe('✅ Активность снизилась до обычной в 04.03 15:15.');
  });

  it('words the window in hours or minutes', () => {
    expect(formatWindow(2 * 3600_000)).toBe('2 ч');
    expect(formatWindow(90 * 60_000)).toBe('90 мин');
  });
});
