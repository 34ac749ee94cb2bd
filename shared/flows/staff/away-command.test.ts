import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { loadOrg } from '../../platform/config/org.js';
import { EXAMPLE_ORG } from '../../sandbox/demo/harness.js';
import { t } from '../../platform/i18n.js';
import { parseAway } from './away-command.js';

const org = loadOrg(EXAMPLE_ORG); // Asia/Yakutsk
const now = DateTime.fromISO('2026-11-23T10:00', { zone: org.timezone }).toJSDate();
const parse = (args: string, mentioned?: number) => parseAway(args, { org, now, userId: 202, ...(mentioned ? { mentioned } : {}) });
const local = (d: Date) => DateTime.fromJSDate(d, { zone: org.timezone }).toFormat('yyyy-MM-dd HH:mm');

describe('/away', () => {
  it('sets a period of whole local days, both inclusive, with a substitute by surname', () => {
    const r = parse('25.11 01.12 Морозов');
    expect(r.kind).toBe('set');
    if (r.kind !== 'set') return;
    expect([local(r.from), local(r.until), r.substitute.telegramId]).toEqual(['2026-11-25 00:00', '2026-12-02 00:00', 203]);
  });

  it('takes full names, @names, Telegram ids, mentions, full dates, ISO dates, and a period over the new year', () => {
    expect(parse('23.11 23.11 @Морозов Дмитрий')).toMatchObject({ kind: 'set', substitute: { telegramId: 203 } });
    expect(parse('23.11.2026 24.11.2026 203')).toMatchObject({ kind: 'set', substitute: { telegramId: 203 } });
    expect(parse('2026-11-23 2026-11-24 @203')).toMatchObject({ kind: 'set' });
    expect(parse('23.11 24.11 кто-то', 101)).toMatchObject({ kind: 'set', substitute: { telegramId: 101 } });
    const r = parse('28.12 10.01 Морозов');
    expect(r.kind === 'set' && local(r.until)).toBe('2027-01-11 00:00');
  });

  it('shows, and turns off', () => {
    expect(parse('')).toEqual({ kind: 'show' });
    expect(parse('off')).toEqual({ kind: 'off' });
  });

  it('reads the substitute\'s acceptance, of everyone\'s request or one person\'s', () => {
    expect(parse('принять')).toEqual({ kind: 'accept' });
    expect(parse('accept 201')).toEqual({ kind: 'accept', userId: 201 });
    expect(parse('Принять Петров')).toEqual({ kind: 'error', key: 'away-usage' });
  });

  it('says what is wrong', () => {
    expect(parse('25.11')).toEqual({ kind: 'error', key: 'away-usage' });
    expect(parse('32.11 01.12 Морозов')).toEqual({ kind: 'error', key: 'away-bad-date', vars: { text: '32.11' } });
    expect(parse('завтра 01.12 Морозов')).toEqual({ kind: 'error', key: 'away-bad-date', vars: { text: 'завтра' } });
    expect(parse('25.11.2026 01.11.2026 Морозов')).toEqual({ kind: 'error', key: 'away-backwards' });
    expect(parse('01.11.2026 10.11.2026 Морозов')).toEqual({ kind: 'error', key: 'away-past' });
    expect(parse('25.11 01.12 Пушкин')).toEqual({ kind: 'error', key: 'away-unknown-substitute', vars: { text: 'Пушкин' } });
    expect(parse('25.11 01.12 999')).toMatchObject({ kind: 'error', key: 'away-unknown-substitute' });
    expect(parse('25.11 01.12 Волкова')).toEqual({ kind: 'error', key: 'away-self' });
  });

  it('every message it may say exists in Russian', () => {
    for (const key of ['away-usage', 'away-bad-date', 'away-backwards', 'away-past', 'away-unknown-substitute', 'away-ambiguous-substitute', 'away-self', 'away-set', 'away-none', 'away-current', 'away-cleared', 'away-not-set']) {
      expect(t(key, { text: 'x', names: 'y', from: '1', to: '2', name: 'z' })).not.toContain(key);
    }
  });
});
