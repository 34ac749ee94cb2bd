import { describe, expect, it } from 'vitest';
import { profileRules } from '../../../test/kit/incident.js';
import { presetIds, resolveProfile } from '../../core/sla/index.js';
import { workflowRules } from '../../core/sla/workflow-rules.js';

describe('workflowRules', () => {
  // Two readings of the same regulations, made independently: the profile engine's presets and the
  // workflow core's test rules (clause by clause). They must agree wherever both exist.
  for (const [id, expected] of Object.entries(profileRules)) {
    it(`${id}: the preset gives the rules the workflow core was tested with`, () => {
      // The test rules leave out the lists the core tests set where they need them (reasons, ratings, forwarding).
      expect(workflowRules(resolveProfile({ profile: id }))).toMatchObject(expected);
    });
  }

  it('gives each profile its closed list of rejection reasons, "other" only in kamchatka-ias-2021 (issue 19)', () => {
    const reasons = Object.fromEntries(presetIds.map((id) => [id, workflowRules(resolveProfile({ profile: id })).rejectReasons]));
    expect(reasons['zavitinsk-2020']).toEqual(['harm_intent', 'obscenity', 'abuse', 'threat']);
    expect(reasons['sobolevo-2021']).toEqual(['harm_intent', 'obscenity', 'abuse', 'threat_life_health']);
    expect(Object.entries(reasons).filter(([, list]) => list?.includes('other')).map(([id]) => id)).toEqual(['kamchatka-ias-2021']);
    const own = workflowRules(resolveProfile({ profile: 'zavitinsk-2020', overrides: { rejection: { reasons: ['abuse', 'other'], clause: 'п.5 своего регламента' } } }));
    expect(own.rejectReasons).toEqual(['abuse', 'other']);
  });

  it('turns ratings on in kamchatka-ias-2021 only, and adds the organisation\'s bodies to forward to', () => {
    const ratings = presetIds.filter((id) => workflowRules(resolveProfile({ profile: id })).ratings);
    expect(ratings).toEqual(['kamchatka-ias-2021']);
    const severny = resolveProfile({ profile: 'severny-2022', overrides: { forwarding: { bodies: [{ id: 'rosreestr', name: 'Росреестр' }], replyToCitizen: true } } });
    expect(severny.forwarding?.bodies.map((b) => b.name)).toEqual(['ЦУР НСО', 'Росреестр']);
    expect(workflowRules(severny).forwardReply).toBe(true);
    expect(workflowRules(resolveProfile({ profile: 'severny-2022' })).forwardReply).toBe(false);
  });

  it('covers every preset, and only the Sobolevo head names the responsible executor', () => {
    const setters = Object.fromEntries(presetIds.map((id) => [id, workflowRules(resolveProfile({ profile: id })).responsibleSetter]));
    expect(Object.entries(setters).filter(([, who]) => who === 'head').map(([id]) => id)).toEqual(['sobolevo-2021']);
  });

  it('follows the organisation file\'s overrides', () => {
    const rules = workflowRules(resolveProfile({ profile: 'zavitinsk-2020', overrides: { approver: 'head', jointAnswer: 'last_in_order' } }));
    expect(rules).toMatchObject({ approver: 'head', jointAnswer: 'last_in_order' });
  });
});
