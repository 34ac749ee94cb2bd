import { describe, expect, it } from 'vitest';
import type { Org } from './org-schema.js';
import { deficiencyRecipients, reportChats } from './recipients.js';

const HEADS = -100;
const base = { chats: { curators: -1, duty: -2, heads: HEADS } } as unknown as Org;

describe('report recipients (Ivanovo п.20–21)', () => {
  it('sends every kind to the heads\' chat when the file names none', () => {
    expect(reportChats(base, 'week')).toEqual([HEADS]);
    expect(reportChats(base, 'immediate')).toEqual([HEADS]);
    expect(deficiencyRecipients(base).map((r) => [r.chatId, r.accepts('roads'), r.accepts(null)])).toEqual([[HEADS, true, true]]);
  });

  it('sends each kind to its own chats, and splits the deficiencies by the departments each supervisor covers', () => {
    const org = {
      ...base,
      reports: {
        week: [-201],
        immediate: [-202, -203, -202],
        supervisors: [
          { name: 'Зам. по дорогам', chat: -301, departments: ['roads'] },
          { name: 'Зам. по ЖКХ', chat: -302, departments: ['housing'] },
        ],
      },
    } as unknown as Org;
    expect(reportChats(org, 'week')).toEqual([-201]);
    expect(reportChats(org, 'month')).toEqual([HEADS]);
    expect(reportChats(org, 'immediate')).toEqual([-202, -203]);
    const by = Object.fromEntries(deficiencyRecipients(org).map((r) => [r.chatId, ['roads', 'housing', 'parks', null].map((d) => r.accepts(d))]));
    expect(by).toEqual({
      [HEADS]: [false, false, true, true],
      [-301]: [true, false, false, false],
      [-302]: [false, true, false, false],
    });
  });

  it('gives a supervisor who also gets the rest both', () => {
    const org = { ...base, reports: { deficiencies: [-301], supervisors: [{ name: 'Зам.', chat: -301, departments: ['roads'] }] } } as unknown as Org;
    expect(deficiencyRecipients(org).map((r) => [r.chatId, r.accepts('roads'), r.accepts('parks'), r.accepts(null)])).toEqual([[-301, true, true, true]]);
  });
});
