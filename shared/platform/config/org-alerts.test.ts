/** The organisation file's optional `alerts:` block: thresholds of the heads' activity-spike alert. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatOrgError, parseOrg } from './org.js';
import { spikeConfig } from '../../flows/alerts/config.js';
import { DEFAULT_SPIKE } from '../../core/analytics/spike.js';

const example = readFileSync(new URL('../../../examples/org.example.yaml', import.meta.url).pathname, 'utf8');
const block = /\nalerts:\n(?: {2}.*\n?)*/;
const withAlerts = (yaml: string) => example.replace(block, `\n${yaml}\n`);

function errors(text: string): string[] {
  const r = parseOrg(text, 'org.yaml');
  return r.ok ? [] : r.errors.map(formatOrgError);
}

describe('alerts in the organisation file', () => {
  it('the example documents the block with the defaults', () => {
    expect(example).toMatch(block);
    const r = parseOrg(example, 'org.yaml');
    if (!r.ok) throw new Error(r.errors.map(formatOrgError).join('\n'));
    expect(spikeConfig(r.org)).toEqual(DEFAULT_SPIKE);
  });

  it('is optional, and each field may be left out', () => {
    for (const yaml of ['', 'alerts: {}', 'alerts: { spike: {} }', 'alerts: { spike: { minimum: 8 } }']) {
      const r = parseOrg(withAlerts(yaml), 'org.yaml');
      expect(r.ok, yaml).toBe(true);
    }
    const r = parseOrg(withAlerts('alerts: { spike: { minimum: 8 } }'), 'org.yaml');
    if (!r.ok) throw new Error('rejected');
    expect(spikeConfig(r.org)).toEqual({ ...DEFAULT_SPIKE, minimum: 8 });
  });

  it('reads every threshold', () => {
    const r = parseOrg(withAlerts('alerts: { spike: { window: 90m, weeks: 2, minimum: 10, multiple: 2.5 } }'), 'org.yaml');
    if (!r.ok) throw new Error(r.errors.map(formatOrgError).join('\n'));
    expect(spikeConfig(r.org)).toEqual({ windowMs: 90 * 60_000, weeks: 2, minimum: 10, multiple: 2.5 });
    const day = parseOrg(withAlerts('alerts: { spike: { window: 1d } }'), 'org.yaml');
    expect(day.ok && spikeConfig(day.org).windowMs).toBe(24 * 3600_000);
  });

  it('names the field of each bad value, all in one run', () => {
    const found = errors(withAlerts('alerts:\n  spike:\n    window: 3d\n    weeks: 0\n    minimum: 2.5\n    multiple: -1\n    minimun: 4'));
    expect(found).toHaveLength(5);
    expect(found.find((e) => e.includes('alerts.spike.window'))).toMatch(/at most a day .* found "3d"/);
    expect(found.find((e) => e.includes('alerts.spike.weeks'))).toMatch(/at least 1, found 0/);
    expect(found.find((e) => e.includes('alerts.spike.minimum'))).toMatch(/integer/);
    expect(found.find((e) => e.includes('alerts.spike.multiple'))).toMatch(/greater than 0, found -1/);
    expect(found.find((e) => e.includes('alerts.spike.minimun'))).toMatch(/unknown field \(known fields here: window, weeks, minimum, multiple\)/);
  });

  it('refuses a window that is not a duration, and a multiple that is not a number', () => {
    expect(errors(withAlerts('alerts: { spike: { window: soon, multiple: lots } }'))).toEqual([
      expect.stringMatching(/alerts\.spike\.window: expected a duration .* found "soon"/),
      expect.stringMatching(/alerts\.spike\.multiple: expected a number such as 3 or 2\.5, found "lots"/),
    ]);
  });
});
