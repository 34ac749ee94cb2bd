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
  return keyboard({ state, audience, ...(department ? { department } : {}), selection: chosen, org, rules, deepLink: (payload: string) => `https://t.me/otklik_bot?start=${payload}`, ...extra }).flat();
}
const actions = (list: ButtonSpec[]) => list.map((b) => ('action' in b ? b.action : `link:${new URL(b.url).searchParams.get('start')![0]}`));

/** The command each button issues; buttons absent here (pickers, lists, paging) issue none. */
const commandOf: Record<string, readonly CommandType[]> = {
  route: ['route', 'triage'],
  route_to: ['route', 'triage'],
  reject: ['reject'],
  forward: ['forward'],
  forward_other: ['forward'],
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
  extension_request: ['request_extension'],
  extension_grant: ['grant_extension'],
  extension_refuse: ['refuse_extension'],
  term_agree: ['agree_term'],
  success_mark: ['mark_success'],
  success_unmark: ['unmark_success'],
};

describe('the card keyboard asks the decider', () => {
  it('offers the curator routing and rejecting while the message is sorted, and closing once it is answered', () => {
    const detected = reach('detected', zavitinsk).state;
    const curator = chatActor({ state: detected, audience: 'curators' })!;
    expect(availableCommands(detected, curator, zavitinsk)).toEqual(['triage', 'reject', 'link_repeat', 'forward']);
    expect(actions(buttons(detected, zavitinsk, 'curators'))).toEqual(['route', 'view', 'view', 'importance', 'significant', 'view', 'view', 'view', 'view', 'view']);
    expect(buttons(detected, zavitinsk, 'curators').map((b) => b.text)).toContain('🚫 Не подлежит обработке');
    expect(buttons(detected, zavitinsk, 'curators').map((b) => b.text)).toContain('↪️ Переслать');

    const answered = reach('answered', zavitinsk).state;
    expect(availableCommands(answered, curator, zavitinsk)).toEqual(['close', 'reopen']);
    expect(actions(buttons(answered, zavitinsk, 'curators'))).toEqual(['close', 'close', 'close', 'close', 'open_story', 'view']);
    // Closed: the story stays reachable, and reopening.
    expect(actions(buttons(reach('closed', zavitinsk).state, zavitinsk, 'curators'))).toEqual(['open_story', 'view']);
  });

  it('offers «🌟 История успеха» on an answered or closed card where the profile counts success stories (sobolevo п.23), and its unmark once marked', () => {
    const answered = reach('answered', sobolevo);
    expect(actions(buttons(answered.state, sobolevo, 'curators'))).toEqual(['close', 'close', 'close', 'close', 'success_mark', 'open_story', 'view']);
    expect(actions(buttons(answered.state, sobolevo, 'heads'))).toEqual(['success_mark']);
    answered.run(people.curator, { type: 'mark_success', link: 'https://vk.com/wall-1_2' });
    expect(buttons(answered.state, sobolevo, 'curators').map((b) => b.text)).toContain('✖️ Снять «Историю успеха»');
    expect(actions(buttons(answered.state, sobolevo, 'curators'))).not.toContain('success_mark');
    expect(actions(buttons(reach('closed', sobolevo).state, sobolevo, 'curators'))).toEqual(['success_mark', 'open_story', 'view']);
    // Not before the answer, and not under a profile without the clause.
    expect(actions(buttons(reach('approved', sobolevo).state, sobolevo, 'curators'))).not.toContain('success_mark');
    expect(actions(buttons(reach('answered', zavitinsk).state, zavitinsk, 'curators'))).not.toContain('success_mark');
  });

  it("shows the profile's own reasons in the reject menu, and the listed bodies and another one in the forward menu (issue 19)", () => {
    const detected = reach('detected', zavitinsk).state;
    const sobolevoList = { ...sobolevo, rejectReasons: ['harm_intent', 'obscenity', 'abuse', 'threat_life_health'] as const } as WorkflowRules;
    const menu = (rules: WorkflowRules, view: 'reject' | 'forward', forwardBodies?: { id: string; name: string }[]) =>
      keyboard({ state: detected, audience: 'curators', selection: { ...chosen, view }, org, rules, deepLink: null, ...(forwardBodies ? { forwardBodies } : {}) }).flat();
    const reasons = menu(sobolevoList, 'reject').flatMap((b) => ('action' in b && b.action === 'reject' ? [b.args.reason] : []));
    expect(reasons).toEqual(['harm_intent', 'obscenity', 'abuse', 'threat_life_health']);
    const withOther = menu({ ...zavitinsk, rejectReasons: ['abuse', 'other'] }, 'reject').map((b) => b.text);
    expect(withOther).toEqual(['Оскорбления', 'Другое (с пояснением)', '« Назад']);
    const forward = menu(zavitinsk, 'forward', [{ id: 'cur-nso', name: 'ЦУР НСО' }]);
    expect(forward.map((b) => ('action' in b ? [b.action, b.text] : []))).toEqual([
      ['forward', '↪️ ЦУР НСО'],
      ['forward_other', '✍️ Другой орган…'],
      ['view', '« Назад'],
    ]);
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

describe('routing in one tap, and pickers paged', () => {
  const detected = reach('detected', zavitinsk).state;
  const curatorRows = (selection: Selection, over: Partial<Org> = {}) =>
    keyboard({ state: detected, audience: 'curators', selection, org: { ...org, ...over }, rules: zavitinsk, deepLink: null });
  const labels = (rows: ButtonSpec[][]) => rows.map((row) => row.map((b) => b.text));

  it('shows the route button whenever departments are chosen, even before the topic and the place', () => {
    const rows = curatorRows({ ...chosen, topics: [], location: null });
    expect(rows[0]).toEqual([{ text: '✅ Направить: Дороги', action: 'route' }]);
    expect(curatorRows({ ...chosen, departments: [] }).flat().some((b) => 'action' in b && b.action === 'route')).toBe(false);
  });

  it('routes to one department from the departments view, and picks several behind «Несколько…»', () => {
    const one = curatorRows({ ...chosen, view: 'departments' });
    expect(labels(one)).toEqual([['✓ Дороги'], ['ЖКХ'], ['Несколько…', '« Назад']]);
    expect(one.flat().filter((b) => 'action' in b && b.action === 'route_to').map((b) => ('args' in b ? b.args : null))).toEqual([
      { department: 'roads' },
      { department: 'housing' },
    ]);
    const several = curatorRows({ ...chosen, view: 'several', departments: ['roads', 'housing'] });
    // Zavitinsk п.16: parts come in the order of the taps, so the chosen departments carry their places.
    expect(labels(several)).toEqual([['1. Дороги'], ['2. ЖКХ'], ['ℹ️ Порядок подготовки частей — порядок выбора'], ['Ответственный: Дороги'], ['✅ Направить: Дороги → ЖКХ'], ['« Назад']]);
  });

  it('pages a picker longer than eight with ◀ ▶, keeping «Назад» below', () => {
    const topics = Array.from({ length: 19 }, (_, i) => `Тема ${i + 1}`);
    const first = labels(curatorRows({ ...chosen, view: 'topics', page: 0 }, { topics }));
    expect(first).toHaveLength(8 + 2);
    expect(first[0]).toEqual(['Тема 1']);
    expect(first[8]).toEqual(['1 / 3', '▶']);
    expect(first[9]).toEqual(['« Назад']);
    const last = curatorRows({ ...chosen, view: 'topics', page: 2 }, { topics });
    expect(labels(last).slice(0, 3)).toEqual([['Тема 17'], ['Тема 18'], ['Тема 19']]);
    expect(last[3]!.map((b) => [b.text, 'args' in b ? b.args : null])).toEqual([
      ['◀', { page: 1 }],
      ['3 / 3', { page: 2 }],
    ]);
    // A page past the end (the list grew shorter) shows the last one.
    expect(labels(curatorRows({ ...chosen, view: 'topics', page: 9 }, { topics }))[0]).toEqual(['Тема 17']);
    // Eight or fewer: no paging row.
    expect(labels(curatorRows({ ...chosen, view: 'topics' }))).toEqual([['✓ Дороги'], ['« Назад']]);
    const departments = Array.from({ length: 12 }, (_, i) => ({ id: `d${i}`, name: `Отдел ${i}` }));
    expect(labels(curatorRows({ ...chosen, view: 'departments', page: 1 }, { departments } as Partial<Org>))).toEqual([
      ['Отдел 8'], ['Отдел 9'], ['Отдел 10'], ['Отдел 11'], ['◀', '2 / 2'], ['Несколько…', '« Назад'],
    ]);
  });
});

describe('importance levels and terms on the card', () => {
  const kamchatka = profileRules['kamchatka-ias-2021'];
  const pos = profileRules['severny-pos-2022'];
  const texts = (rows: ButtonSpec[][]) => rows.map((r) => r.map((b) => b.text));
  const draw = (state: IncidentState, rules: WorkflowRules, audience: Audience, selection: Selection = chosen, department?: string) =>
    keyboard({ state, audience, ...(department ? { department } : {}), selection, org, rules, deepLink: (payload: string) => `https://t.me/otklik_bot?start=${payload}` });

  it('lists the profile\'s own levels with their Russian names (ПОС п.10.2), and toggles where there are two', () => {
    const detected = reach('detected', pos).state;
    expect(texts(draw(detected, pos, 'curators')).flat()).toContain('Важность: обычная');
    const list = draw(detected, pos, 'curators', { ...chosen, view: 'importance', importance: 'local-fast' });
    expect(texts(list)).toEqual([['обычная'], ['высокая'], ['✓ ускоренная (региональная категория, 14 дней)'], ['« Назад']]);
    expect(list.flat().filter((b) => 'action' in b && b.action === 'importance').map((b) => ('args' in b ? b.args : null))).toEqual([
      { level: 'normal' },
      { level: 'high' },
      { level: 'local-fast' },
    ]);
    expect(actions(draw(reach('detected', zavitinsk).state, zavitinsk, 'curators').flat())).toContain('importance');
  });

  it('offers the curator a term where the profile gives it: zavitinsk hours at any level, kamchatka 1–3 days for fast-track only', () => {
    const zav = draw(reach('detected', zavitinsk).state, zavitinsk, 'curators', { ...chosen, view: 'term', term: 3 });
    expect(texts(zav)).toEqual([['⏱ 1 час', '⏱ 2 часа', '⏱ 3 часа', '⏱ 4 часа'].map((x) => (x === '⏱ 3 часа' ? `✓ ${x}` : x)), ['⏱ 5 часов', '⏱ 6 часов', '⏱ 7 часов'], ['Обычный срок'], ['« Назад']]);
    const detected = reach('detected', kamchatka).state;
    expect(texts(draw(detected, kamchatka, 'curators')).flat().some((x) => x.startsWith('⏱'))).toBe(false);
    const fast = draw(detected, kamchatka, 'curators', { ...chosen, importance: 'high', term: 1 });
    expect(texts(fast).flat()).toContain('⏱ Срок ответа: 1 день');
  });

  it('kamchatka 2.5: the responsible executor may ask for more time; the curators grant days up to 8 or refuse', () => {
    const s = reach('in_work', kamchatka);
    expect(texts(draw(s.state, kamchatka, 'department', chosen, 'roads')).flat()).toContain('⏳ Запросить продление');
    expect(texts(draw(s.state, kamchatka, 'department', chosen, 'housing')).flat()).not.toContain('⏳ Запросить продление');
    s.run(people.roads, { type: 'request_extension', reason: 'Ждём подрядчика' });
    expect(texts(draw(s.state, kamchatka, 'department', chosen, 'roads')).flat()).not.toContain('⏳ Запросить продление');
    expect(texts(draw(s.state, kamchatka, 'curators'))).toEqual([
      ['+1 дн.', '+2 дн.', '+3 дн.', '+4 дн.'],
      ['+5 дн.', '+6 дн.', '+7 дн.', '+8 дн.'],
      ['✖️ Отказать в продлении'],
    ]);
    s.run(people.curator, { type: 'grant_extension', days: 6 });
    s.run(people.roads, { type: 'request_extension', reason: 'Ещё немного' });
    expect(texts(draw(s.state, kamchatka, 'curators'))).toEqual([['+1 дн.', '+2 дн.'], ['✖️ Отказать в продлении']]);
    expect(texts(draw(s.state, zavitinsk, 'curators')).flat()).toEqual([]); // no extensions there
  });
});
