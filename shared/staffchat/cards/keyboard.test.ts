import { describe, expect, it } from 'vitest';
import { availableCommands, type CommandType, type IncidentState, type WorkflowRules } from '../../core/incident/index.js';
import { statuses } from '../../core/incident/status.js';
import type { Org } from '../../platform/config/org.js';
import { people, profileRules, reach } from '../../../test/kit/incident.js';
import type { Audience } from './audience.js';
import { chatActor, keyboard, type ButtonSpec } from './keyboard.js';
import { initialSelection, type Selection } from './selection.js';

const org = {
  timezone: 'Asia/Yakutsk',
  topics: ['Дороги'],
  locations: ['Завитинск'],
  departments: [
    { id: 'roads', name: 'Дороги' },
    { id: 'housing', name: 'ЖКХ' },
  ],
  staff: [],
} as unknown as Org;
const zavitinsk = profileRules['zavitinsk-2020'];
const sobolevo = profileRules['sobolevo-2021'];
const chosen: Selection = { ...initialSelection({ topics: ['Дороги'], location: 'Завитинск', departments: ['roads'] }) };

function buttons(state: IncidentState, rules: WorkflowRules, audience: Audience, department?: string, extra: { notPublished?: 'manual' } = {}) {
  return keyboard({ state, audience, ...(department ? { department } : {}), selection: chosen, org, rules, botUsername: 'otklik_bot', ...extra }).flat();
}
const actions = (list: ButtonSpec[]) => list.map((b) => ('action' in b ? b.action : `link:${new URL(b.url).searchParams.get('start')![0]}`));

/** The command each button issues; buttons absent here (pickers, lists, paging) issue none. */
const commandOf: Record<string, readonly CommandType[]> = {
  route: ['route', 'triage'],
  reject: ['reject'],
  close: ['close'],
  approve: ['approve'],
  edit_approve: ['approve'],
  rework: ['send_to_rework'],
  take: ['take'],
  return: ['return'],
  appoint: ['appoint_responsible'],
  published_by_hand: ['mark_published'],
  repeat_of: ['link_repeat'],
  reopen: ['reopen'],
  'link:d': ['start_draft', 'submit_draft'],
  'link:p': ['submit_part'],
};

describe('the card keyboard asks the decider', () => {
  it('offers the curator routing and rejecting while the message is sorted, and closing once it is answered', () => {
    const detected = reach('detected', zavitinsk).state;
    const curator = chatActor({ state: detected, audience: 'curators' })!;
    expect(availableCommands(detected, curator, zavitinsk)).toEqual(['triage', 'reject', 'link_repeat']);
    expect(actions(buttons(detected, zavitinsk, 'curators'))).toEqual(['route', 'view', 'view', 'importance', 'significant', 'view', 'view', 'view']);
    expect(buttons(detected, zavitinsk, 'curators').map((b) => b.text)).toContain('🚫 Не подлежит обработке');

    const answered = reach('answered', zavitinsk).state;
    expect(availableCommands(answered, curator, zavitinsk)).toEqual(['close', 'reopen']);
    expect(actions(buttons(answered, zavitinsk, 'curators'))).toEqual(['close', 'close', 'close', 'close', 'open_story', 'view']);
    // Closed: the story stays reachable, and reopening.
    expect(actions(buttons(reach('closed', zavitinsk).state, zavitinsk, 'curators'))).toEqual(['open_story', 'view']);
  });

  it('gives the approve buttons to whoever the profile makes the approver, and to no one else', () => {
    const onApproval = reach('on_approval', sobolevo).state;
    expect(availableCommands(onApproval, chatActor({ state: onApproval, audience: 'heads' })!, sobolevo)).toEqual(['approve', 'send_to_rework']);
    expect(actions(buttons(onApproval, sobolevo, 'heads'))).toEqual(['approve', 'rework', 'edit_approve', 'open_story']);
    // The curator may still link a repeat or reassign there, which the card does not offer: no buttons.
    expect(actions(buttons(onApproval, sobolevo, 'curators'))).toEqual([]);
    expect(actions(buttons(reach('on_approval', zavitinsk).state, zavitinsk, 'curators'))).toEqual(['approve', 'rework', 'edit_approve', 'open_story']);
  });

  it("follows the department's holder: take while nobody holds it, then the draft link, and returning only while allowed", () => {
    const routed = reach('routed', zavitinsk).state;
    expect(availableCommands(routed, chatActor({ state: routed, audience: 'department', department: 'roads' })!, zavitinsk)).toEqual(['take', 'return']);
    expect(actions(buttons(routed, zavitinsk, 'department', 'roads'))).toEqual(['take', 'return']);

    const inWork = reach('in_work', zavitinsk).state;
    expect(chatActor({ state: inWork, audience: 'department', department: 'roads' })).toEqual(people.roads);
    expect(actions(buttons(inWork, zavitinsk, 'department', 'roads'))).toEqual(['link:d', 'return']);
    // Drafting: the draft is submitted from the private chat; returning is no longer allowed.
    const drafting = reach('drafting', zavitinsk).state;
    expect(availableCommands(drafting, people.roads, zavitinsk)).not.toContain('return');
    expect(actions(buttons(drafting, zavitinsk, 'department', 'roads'))).toEqual(['link:d']);
    // The co-executor's part is in, and returning ends once drafting began: nothing left to offer it.
    expect(actions(buttons(drafting, zavitinsk, 'department', 'housing'))).toEqual([]);
  });

  it('never shows a button whose command the decider refuses to that chat, in any status of any profile', () => {
    for (const rules of Object.values(profileRules)) {
      for (const status of statuses) {
        let state: IncidentState;
        try {
          state = reach(status, rules).state;
        } catch {
          continue; // no usual path to it under this profile
        }
        for (const [audience, department] of [['curators'], ['heads'], ['department', 'roads'], ['department', 'housing']] as const) {
          const actor = chatActor({ state, audience, ...(department ? { department } : {}) });
          const allowed = new Set(actor ? availableCommands(state, actor, rules) : []);
          for (const notPublished of [undefined, 'manual'] as const) {
            for (const action of actions(buttons(state, rules, audience, department, notPublished ? { notPublished } : {}))) {
              const commands = commandOf[action];
              if (!commands) continue;
              expect(commands.some((c) => allowed.has(c)), `${status} ${audience} ${department ?? ''}: ${action}`).toBe(true);
            }
          }
        }
      }
    }
  });
});
