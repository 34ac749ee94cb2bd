import { describe, expect, it } from 'vitest';
import { people, profileRules, reach } from '../../../test/kit/incident.js';
import { renderCard, STAFF_TEXT_LIMIT, type CardIncident } from './render.js';
import { draftWarnings, warningLines } from './draft-checks.js';

const incident: CardIncident = {
  id: 7,
  network: 'vk',
  kind: 'direct',
  status: 'on_approval',
  authorId: '1',
  authorName: 'Анна',
  text: 'Когда засыплют яму?',
  attachments: [],
  permalink: null,
  detectedAt: new Date('2026-11-23T05:05:00Z'),
};
const rules = profileRules['zavitinsk-2020'];

describe('the approver\'s card', () => {
  it('shows the draft checks and the last rework comment', () => {
    const s = reach('rework', rules);
    s.run(people.curator, { type: 'link_repeat', earlierIncidentId: 3 });
    s.run(people.roads, { type: 'submit_draft', kind: 'answer', text: 'Яма будет засыпана.', photoExpected: true });
    const warnings = warningLines(draftWarnings(s.state.drafts.at(-1)!, s.state, 'Анна'));
    const text = renderCard(incident, { timezone: 'UTC', state: s.state, rules, draftWarnings: warnings });
    expect(text).toContain('Замечание к версии 1: «Укажите точную дату»');
    expect(text).toContain('Повтор сообщения №3');
    expect(text).toContain('Нет обращения или приветствия');
    expect(text).toContain('сообщите, какие меры приняты');
    expect(text).toContain('Обещано фото');
  });

  it('stays within Telegram\'s limit with a long message, a long draft and many warnings', () => {
    const s = reach('drafting', rules);
    const bureaucratic = 'в связи с вышеизложенным, в целях обеспечения, в рамках реализации, '.repeat(40);
    s.run(people.roads, { type: 'submit_draft', kind: 'answer', text: `${bureaucratic}${'Ж'.repeat(5000)}` });
    const warnings = warningLines(draftWarnings(s.state.drafts.at(-1)!, s.state, null));
    expect(warnings.length).toBeGreaterThan(3);
    const many = [...warnings, ...warnings, ...warnings, ...warnings];
    const text = renderCard({ ...incident, text: 'Ж'.repeat(5000) }, { timezone: 'UTC', state: s.state, rules, draftWarnings: many });
    expect(text.length).toBeLessThan(STAFF_TEXT_LIMIT);
    expect(text).toMatch(/…и ещё \d+/);
  });
});
