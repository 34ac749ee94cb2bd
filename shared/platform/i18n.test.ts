import { describe, expect, it } from 'vitest';
import { t } from './i18n.js';

describe('t', () => {
  it('writes incident numbers as typed, without digit grouping, and still groups quantities', () => {
    expect(t('card-title', { id: 12345, network: 'ВКонтакте', kind: 'комментарий' })).toContain('Сообщение №12345</b>');
    expect(t('repeat-linked', { id: 1001, earlier: 1000 })).toContain('№1001 отмечено как повтор №1000');
    expect(t('card-text-folded', { more: 1053 })).toMatch(/1\s053/u);
  });
});
