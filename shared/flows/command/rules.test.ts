import { describe, expect, it } from 'vitest';
import { profileRules } from '../../../test/kit/incident.js';
import { presetIds, resolveProfile } from '../../core/sla/index.js';
import { workflowRules } from '../../core/sla/workflow-rules.js';

describe('workflowRules', () => {
  // Two readings of the same regulations, made independently: the profile engine's presets and the
  // workflow core's test rules (clause by clause). They must agree wherever both exist.
  for (const [id, expected] of Object.entries(profileRules)) {
    it(`${id}: the preset gives the rules the workflow core was tested with`, () => {
      expect(workflowRules(resolveProfile({ profile: id }))).toEqual(expected);
    });
  }

  it('covers every preset, and only the Sobolevo head names the responsible executor', () => {
    const setters = Object.fromEntries(presetIds.map((id) => [id, workflowRules(resolveProfile({ profile: id })).responsibleSetter]));
    expect(Object.entries(setters).filter(([, who]) => who === 'head').map(([id]) => id)).toEqual(['sobolevo-2021']);
  });

  it('follows the organisation file\'s overrides', () => {
    const rules = workflowRules(resolveProfile({ profile: 'zavitinsk-2020', overrides: { approver: 'head', jointAnswer: 'last_in_order' } }));
    expect(rules).toMatchObject({ approver: 'head', jointAnswer: 'last_in_order' });
  });
});
