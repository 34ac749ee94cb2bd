import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOrg } from '../../platform/config/org.js';
import { DEFAULT_ESCALATION, escalationSettings } from '../../core/sla/plan.js';

const example = readFileSync(new URL('../../../examples/org.example.yaml', import.meta.url), 'utf8');
const withBlock = (block: string) => example.replace(/\nescalation:\n(?: {2}.*\n)+/, `\n${block}`);

describe('the escalation: block of the organisation file', () => {
  it('the example states the defaults', () => {
    const r = parseOrg(example, 'org.yaml');
    expect(r.ok).toBe(true);
    if (r.ok) expect(escalationSettings(r.org.escalation)).toEqual(DEFAULT_ESCALATION);
  });

  it('is optional, and so is each field', () => {
    const r = parseOrg(withBlock('escalation:\n  grace: 1h30m\n'), 'org.yaml');
    expect(r.ok).toBe(true);
    if (r.ok) expect(escalationSettings(r.org.escalation)).toEqual({ ...DEFAULT_ESCALATION, graceMinutes: 90 });
    const none = parseOrg(withBlock(''), 'org.yaml');
    expect(none.ok && escalationSettings(none.org.escalation)).toEqual(DEFAULT_ESCALATION);
  });

  it('names the field of each mistake', () => {
    const r = parseOrg(withBlock('escalation:\n  reminder: { share: 1.5, atLeast: 10 minutes }\n  grace: 0m\n  graec: 1h\n'), 'org.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.errors.map((e) => [e.path, e.message]));
    expect(byPath['escalation.reminder.share']).toMatch(/less than 1/);
    expect(byPath['escalation.reminder.atLeast']).toMatch(/"10m", "1h" or "1h30m", found "10 minutes"/);
    expect(byPath['escalation.grace']).toMatch(/longer than zero/);
    expect(byPath['escalation.graec']).toMatch(/unknown field \(known fields here: reminder, grace\)/);
  });
});
