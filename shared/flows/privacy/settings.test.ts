/** `privacy.retentionDays` in the organisation file: optional, with the stated default; the cutoff it gives. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatOrgError, parseOrg } from '../../platform/config/org.js';
import { DEFAULT_RETENTION_DAYS } from '../../platform/config/org-schema.js';
import { retentionCutoff, retentionDays } from './retention.js';

const example = readFileSync(new URL('../../../examples/org.example.yaml', import.meta.url).pathname, 'utf8');
const withPrivacy = (yaml: string) => `${example}\n${yaml}\n`;

function parsed(text: string) {
  const r = parseOrg(text, 'org.yaml');
  if (!r.ok) throw new Error(r.errors.map(formatOrgError).join('\n'));
  return r.org;
}

function errors(text: string): string[] {
  const r = parseOrg(text, 'org.yaml');
  return r.ok ? [] : r.errors.map(formatOrgError);
}

describe('privacy.retentionDays', () => {
  it('defaults to five years when the example leaves it out, and the example shows that default', () => {
    expect(example).toContain(`# privacy: { retentionDays: ${DEFAULT_RETENTION_DAYS} }`);
    expect(DEFAULT_RETENTION_DAYS).toBe(1826);
    expect(retentionDays(parsed(example))).toBe(1826);
    expect(retentionDays(parsed(withPrivacy('privacy: {}')))).toBe(1826);
  });

  it('reads the number of days set, and counts the cutoff back from now', () => {
    const org = parsed(withPrivacy('privacy: { retentionDays: 365 }'));
    expect(retentionDays(org)).toBe(365);
    expect(retentionCutoff(org, new Date('2026-12-05T00:00:00Z')).toISOString()).toBe('2025-12-05T00:00:00.000Z');
  });

  it('refuses less than 30 days, a fraction and an unknown field, naming the field', () => {
    expect(errors(withPrivacy('privacy: { retentionDays: 7 }')).join('\n')).toMatch(/privacy\.retentionDays.*at least 30/);
    expect(errors(withPrivacy('privacy: { retentionDays: 1.5 }')).join('\n')).toMatch(/privacy\.retentionDays.*integer/);
    expect(errors(withPrivacy('privacy: { retentionDay: 365 }')).join('\n')).toMatch(/privacy\.retentionDay.*unknown field/);
  });
});
