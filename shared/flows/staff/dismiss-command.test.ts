import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { loadOrg } from '../../platform/config/org.js';
import { EXAMPLE_ORG } from '../../sandbox/demo/harness.js';
import { t } from '../../platform/i18n.js';
import { mayRecordDismissal, parseDismiss } from './dismiss-command.js';

const org = loadOrg(EXAMPLE_ORG); // Asia/Yakutsk; housing's head is 202
const now = DateTime.fromISO('2026-12-07T10:00', { zone: org.timezone }).toJSDate();
const parse = (args: string, mentioned?: number) => parseDismiss(args, { org, now, userId: 202, ...(mentioned ? { mentioned } : {}) });
const local = (d: Date) => DateTime.fromJSDate(d, { zone: org.timezone }).toFormat('yyyy-MM-dd HH:mm');
const person = (id: number) => org.staff.find((s) => s.telegramId === id)!;

describe('/dismiss (sobolevo п.9)', () => {
  it('reads the executor as /away reads a colleague, and the order\'s date; the dismissal day is the order\'s by default', () => {
    const r = parse('Морозов 04.12');
    expect(r).toMatchObject({ kind: 'set', person: { telegramId: 203 }, orderDate: '2026-12-04', effectiveDate: '2026-12-04' });
    expect(r.kind === 'set' && local(r.effectiveAt)).toBe('2026-12-04 00:00');
    expect(parse('Морозов Дмитрий 2026-12-04')).toMatchObject({ kind: 'set', person: { telegramId: 203 } });
    expect(parse('203 04.12.2026')).toMatchObject({ kind: 'set', person: { telegramId: 203 } });
    expect(parse('кто-то 04.12', 203)).toMatchObject({ kind: 'set', person: { telegramId: 203 } });
  });

  it('takes a later dismissal day after the order\'s, also over the new year', () => {
    const r = parse('Морозов 07.12 18.12');
    expect(r).toMatchObject({ kind: 'set', orderDate: '2026-12-07', effectiveDate: '2026-12-18' });
    expect(r.kind === 'set' && local(r.effectiveAt)).toBe('2026-12-18 00:00');
    expect(parse('Морозов 07.12 11.01')).toMatchObject({ kind: 'set', effectiveDate: '2027-01-11' });
  });

  it('reads an order date typed without a year as the past one, and refuses one in the future', () => {
    expect(parse('Морозов 28.12')).toMatchObject({ kind: 'set', orderDate: '2025-12-28' });
    expect(parse('Морозов 28.12.2026')).toMatchObject({ kind: 'error', key: 'dismiss-order-future' });
  });

  it('explains what it cannot read, in Russian', () => {
    expect(parse('')).toEqual({ kind: 'usage' });
    expect(parse('Морозов')).toEqual({ kind: 'usage' });
    expect(parse('Морозов вчера')).toEqual({ kind: 'error', key: 'dismiss-bad-date', vars: { text: 'вчера' } });
    expect(parse('Кузьмин 04.12')).toEqual({ kind: 'error', key: 'dismiss-unknown', vars: { text: 'Кузьмин' } });
    expect(parse('Волкова 04.12')).toEqual({ kind: 'error', key: 'dismiss-self' });
    expect(parse('Сидоров 04.12')).toEqual({ kind: 'error', key: 'dismiss-not-executor', vars: { name: 'Сидоров Сергей' } });
    expect(parse('Морозов 04.12 01.12.2026')).toEqual({ kind: 'error', key: 'dismiss-backwards' });
    for (const key of ['dismiss-usage', 'dismiss-bad-date', 'dismiss-order-future', 'dismiss-backwards', 'dismiss-unknown', 'dismiss-ambiguous', 'dismiss-self', 'dismiss-not-executor']) {
      expect(t(key, { text: 'x', date: 'x', names: 'x', name: 'x' })).not.toBe(key);
    }
  });

  it('lets a curator, a head or the executor\'s own department head record it; not a colleague', () => {
    expect(mayRecordDismissal(org, person(101), person(203))).toBe(true);
    expect(mayRecordDismissal(org, person(301), person(203))).toBe(true);
    expect(mayRecordDismissal(org, person(202), person(203))).toBe(true);
    expect(mayRecordDismissal(org, person(203), person(202))).toBe(false);
    expect(mayRecordDismissal(org, person(202), person(201))).toBe(false);
  });
});
