/**
 * Every key the cards and the bot build from the workflow's own lists must
 * exist in Russian: a missing Fluent key shows up as "{key}" in a staff chat.
 */
import { describe, expect, it } from 'vitest';
import { actorRoles, draftKinds, outcomes, refusalMessages, rejectReasons, removalCauses, statuses } from '../../core/incident/index.js';
import { LOCALE, i18n } from '../i18n.js';
import { presetIds, resolveProfile } from '../../core/sla/index.js';
import { networkIds } from '../../networks/types.js';

/** @grammyjs/i18n answers a missing key with the key itself (or "{key}"), and warns. */
function missing(keys: string[]): string[] {
  return keys.filter((k) => i18n.t(LOCALE, k) === k || i18n.t(LOCALE, k).startsWith('{'));
}

describe('Russian locale', () => {
  it('names every status, role, reject reason, outcome, draft kind and network', () => {
    expect(missing(statuses.map((s) => `status-${s}`))).toEqual([]);
    expect(missing(actorRoles.map((r) => `role-${r}`))).toEqual([]);
    expect(missing(rejectReasons.map((r) => `reject-${r}`))).toEqual([]);
    expect(missing(outcomes.map((o) => `outcome-${o}`))).toEqual([]);
    expect(missing(outcomes.map((o) => `btn-close-${o}`))).toEqual([]);
    expect(missing(draftKinds.map((k) => `draft-kind-${k}`))).toEqual([]);
    expect(missing(networkIds.map((n) => `network-${n}`))).toEqual([]);
    expect(missing(removalCauses.map((c) => `removal-cause-${c}`))).toEqual([]);
  });

  it('explains every refusal of the workflow core', () => {
    expect(missing(refusalMessages.map((m) => `refusal-${m}`))).toEqual([]);
  });

  it('names every timer of every preset', () => {
    const timers = new Set(presetIds.flatMap((id) => Object.keys(resolveProfile({ profile: id }).timers)));
    expect(missing([...timers].map((id) => `timer-${id}`))).toEqual([]);
  });

  it('names every importance level of every preset (the card\'s importance picker)', () => {
    const levels = new Set(['normal', 'high', ...presetIds.flatMap((id) => Object.keys(resolveProfile({ profile: id }).importance ?? {}))]);
    expect(missing([...levels].map((l) => `importance-${l}`))).toEqual([]);
  });

  it('reports a missing key as missing (the check itself works)', () => {
    expect(missing(['no-such-key-anywhere'])).toEqual(['no-such-key-anywhere']);
  });
});
