import { describe, expect, it } from 'vitest';
import { decide } from './decide.js';
import { parseEvent, serializeEvent } from './events.js';
import { evolve, replay } from './evolve.js';
import { availableCommands, holders } from './holders.js';
import type { Actor } from './roles.js';
import { detected, given, people, profileRules, reach, Scenario, T0 } from '../../../test/kit/incident.js';

const { curator, head, duty, system, roads, housing, parks, roads2 } = people;
const zavitinsk = profileRules['zavitinsk-2020'];
const sobolevo = profileRules['sobolevo-2021'];
const ivanovo = profileRules['ivanovo-2020'];

const triage = { type: 'triage' as const, topics: ['Дороги', 'Освещение'], location: 'Завитинск', importance: 'high' as const, sociallySignificant: true };

describe('versions', () => {
  it('refuses a command on an older version, and on a newer one', () => {
    const history = reach('triaged', zavitinsk).events;
    given(history, zavitinsk).when(curator, { ...triage, expectedVersion: 1 }).thenRefused('stale_version', 'stale_version');
    given(history, zavitinsk).when(curator, { ...triage, expectedVersion: 3 }).thenRefused('stale_version');
  });

  it('reports a stale card before anything else about the tap', () => {
    // A wrong role on a stale card is told to refresh first: the card it acted on is gone.
    const history = reach('on_approval', zavitinsk).events;
    const refusal = given(history, zavitinsk).when(duty, { type: 'approve', expectedVersion: 2 }).thenRefused('stale_version');
    expect(refusal.details).toEqual({ expected: 2, actual: history.length });
  });

  it('stamps the event with the next version, the given instant and the actor', () => {
    const now = new Date('2024-03-12T02:30:00Z');
    const { decision } = given([detected()], zavitinsk).when(curator, triage, now);
    expect(decision).toEqual({
      ok: true,
      events: [
        {
          type: 'triaged',
          data: { topics: ['Дороги', 'Освещение'], location: 'Завитинск', importance: 'high', sociallySignificant: true },
          version: 2,
          at: now,
          actor: curator,
        },
      ],
    });
  });
});

describe('commands that do not validate', () => {
  const history = [detected()];
  it.each([
    ['an unknown command', { type: 'publish_everything' }],
    ['a triage without topics', { ...triage, topics: [] }],
    ['a triage with a topic twice', { ...triage, topics: ['Дороги', 'Дороги'] }],
    ['a route to the same department twice', { type: 'route', departments: ['roads', 'roads'] }],
    ['a return with a blank note', { type: 'return', note: ' \n ' }],
    ['a rejection for "other" without a note', { type: 'reject', reason: 'other' }],
    ['a rework without a comment', { type: 'send_to_rework', comment: '' }],
    ['a publication with neither message id nor link', { type: 'mark_published' }],
    ['a draft of an unknown kind', { type: 'submit_draft', kind: 'poem', text: 'x' }],
    ['a missing version', { type: 'take', expectedVersion: undefined }],
  ])('refuses %s as invalid, naming the field', (_name, command) => {
    const refusal = given(history, zavitinsk)
      .when(curator, command as never)
      .thenRefused('invalid', 'invalid_command');
    expect(refusal.details?.issues).toBeInstanceOf(Array);
  });

  it('refuses an actor that is not one', () => {
    given(history, zavitinsk)
      .when({ role: 'executor', userId: 5 } as unknown as Actor, triage)
      .thenRefused('invalid', 'invalid_actor');
  });

  it('trims texts before they are kept', () => {
    const state = given(reach('routed', zavitinsk).state, zavitinsk)
      .when(roads, { type: 'return', note: '  Не наш вопрос  ' })
      .then([{ type: 'returned', data: { department: 'roads', note: 'Не наш вопрос' } }]);
    expect(state.returns[0]?.note).toBe('Не наш вопрос');
  });
});

describe('who may act for a department', () => {
  it('refuses an executor whose department is not routed', () => {
    given(reach('routed', zavitinsk).state, zavitinsk).when(parks, { type: 'take' }).thenRefused('not_assigned', 'not_routed_to_department');
  });

  it('refuses a second person of a department someone already took', () => {
    const state = reach('awaiting_parts', zavitinsk).state;
    given(state, zavitinsk).when(roads2, { type: 'return', note: 'x' }).thenRefused('not_assigned', 'taken_by_other');
    given(state, zavitinsk).when(roads, { type: 'take' }).thenRefused('invalid', 'already_taken');
  });

  it('keeps drafting to the responsible department and parts to the co-executors', () => {
    const state = reach('in_work', zavitinsk).state;
    given(state, zavitinsk).when(housing, { type: 'start_draft' }).thenRefused('not_assigned', 'not_responsible');
    given(state, zavitinsk).when(roads, { type: 'submit_part', text: 'x' }).thenRefused('not_assigned', 'responsible_writes_draft');
  });

  it('lets a co-executor send a part before anyone took the incident, which takes its department', () => {
    const after = given(reach('routed', zavitinsk).state, zavitinsk)
      .when(housing, { type: 'submit_part', text: 'Часть ЖКХ', attachments: [{ kind: 'document', fileId: 'doc-1', fileName: 'акт.pdf' }] })
      .then([{ type: 'part_submitted', data: { department: 'housing', text: 'Часть ЖКХ', attachments: [{ kind: 'document', fileId: 'doc-1', fileName: 'акт.pdf' }] } }]);
    expect(after.status).toBe('routed'); // the responsible department has not taken it yet
    expect(after.assignees).toEqual({ housing: housing.userId });
  });

  it('before the head names the responsible one, takes parts from every department and lets nobody draft', () => {
    const s = new Scenario(sobolevo);
    s.run(curator, triage);
    s.run(curator, { type: 'route', departments: ['roads', 'housing'] });
    s.run(roads, { type: 'take' });
    s.run(housing, { type: 'submit_part', text: 'Часть ЖКХ' });
    s.run(roads, { type: 'submit_part', text: 'Часть дорожников' });
    expect(s.status).toBe('routed');
    s.refused(roads, { type: 'start_draft' }, 'wrong_state');
    s.run(head, { type: 'appoint_responsible', department: 'roads' });
    expect(s.status).toBe('in_work'); // housing's part is in; roads' own part stays as information
    expect(Object.keys(s.state.parts)).toEqual(['housing', 'roads']);
    s.run(roads, { type: 'start_draft' });
  });
});

describe('routing', () => {
  const triaged = () => reach('triaged', zavitinsk).state;

  it('makes the only department responsible', () => {
    given(triaged(), zavitinsk)
      .when(curator, { type: 'route', departments: ['parks'] })
      .then([{ type: 'routed', data: { departments: ['parks'], responsible: 'parks', order: null } }]);
  });

  it('refuses an order that is not the routed departments, and a responsible one that is not routed', () => {
    given(triaged(), zavitinsk)
      .when(curator, { type: 'route', departments: ['roads', 'housing'], order: ['roads', 'parks'] })
      .thenRefused('invalid', 'order_mismatch');
    given(triaged(), zavitinsk)
      .when(curator, { type: 'route', departments: ['roads', 'housing'], responsible: 'parks' })
      .thenRefused('invalid', 'responsible_not_routed');
  });

  it('keeps the curator’s order for the deadlines engine', () => {
    given(triaged(), zavitinsk)
      .when(curator, { type: 'route', departments: ['roads', 'housing'], order: ['housing', 'roads'], responsible: 'roads' })
      .then([{ type: 'routed', data: { departments: ['roads', 'housing'], responsible: 'roads', order: ['housing', 'roads'] } }]);
  });

  it('under ivanovo-2020 makes the last in order responsible and refuses any other', () => {
    const state = reach('triaged', ivanovo).state;
    given(state, ivanovo)
      .when(curator, { type: 'route', departments: ['roads', 'housing', 'parks'], order: ['parks', 'roads', 'housing'] })
      .then([{ type: 'routed', data: { departments: ['roads', 'housing', 'parks'], responsible: 'housing', order: ['parks', 'roads', 'housing'] } }]);
    given(state, ivanovo)
      .when(curator, { type: 'route', departments: ['roads', 'housing'], order: ['roads', 'housing'], responsible: 'roads' })
      .thenRefused('invalid', 'responsible_must_be_last');
  });

  it('lets the curator name the responsible one later, and refuses naming it twice or outside the routing', () => {
    const s = new Scenario(zavitinsk);
    s.run(curator, triage);
    s.run(curator, { type: 'route', departments: ['roads', 'housing'] });
    s.refused(curator, { type: 'appoint_responsible', department: 'parks' }, 'invalid', 'department_not_routed');
    s.run(curator, { type: 'appoint_responsible', department: 'housing' });
    s.refused(curator, { type: 'appoint_responsible', department: 'housing' }, 'invalid', 'already_responsible');
    expect(s.state.routing?.responsible).toBe('housing');
  });

  it('keeps who took a department that stays routed, and drops who took one that does not', () => {
    const s = reach('awaiting_parts', zavitinsk);
    s.run(housing, { type: 'take' });
    expect(s.state.assignees).toEqual({ roads: roads.userId, housing: housing.userId });
    s.run(roads, { type: 'return', note: 'Это парки' });
    s.run(curator, { type: 'route', departments: ['parks', 'housing'], responsible: 'parks' });
    expect(s.state.assignees).toEqual({ housing: housing.userId });
    expect(s.status).toBe('routed');
  });
});

describe('repeats', () => {
  it('refuses a link to itself, to a later incident, or the same link twice', () => {
    const s = new Scenario(zavitinsk, detected(100));
    s.refused(curator, { type: 'link_repeat', earlierIncidentId: 100 }, 'invalid', 'self_link');
    s.refused(curator, { type: 'link_repeat', earlierIncidentId: 101 }, 'invalid', 'not_earlier');
    s.run(curator, { type: 'link_repeat', earlierIncidentId: 12 });
    s.refused(curator, { type: 'link_repeat', earlierIncidentId: 12 }, 'invalid', 'already_linked');
    expect(s.status).toBe('detected');
  });
});

describe("the author's side", () => {
  it('records a burst message, an edit and a deletion from the citizen at any status but rejected, and changes no status', () => {
    const s = reach('in_work', zavitinsk);
    const citizen = people.citizen as Actor;
    s.run(citizen, { type: 'author_message', change: 'added', sourceKey: 'wall:-1_2:4', text: 'И ещё' });
    s.run(citizen, { type: 'author_message', change: 'edited', sourceKey: 'wall:-1_2:3', text: 'Новый текст', previousText: 'Старый текст' });
    s.run(citizen, { type: 'author_message', change: 'deleted', sourceKey: 'wall:-1_2:3', deletedBy: 'author' });
    expect(s.status).toBe('in_work');
    s.refused(curator, { type: 'author_message', change: 'deleted', sourceKey: 'x' }, 'wrong_role');
    const rejected = reach('rejected', zavitinsk);
    rejected.refused(citizen, { type: 'author_message', change: 'edited', sourceKey: 'x', text: 'y' }, 'wrong_state');
  });

  it('records a reaction of the author or of others without moving the incident; only ingest (the citizen role) records them', () => {
    const s = reach('answered', zavitinsk);
    const citizen = people.citizen as Actor;
    s.run(citizen, { type: 'citizen_reaction', kind: 'like', byAuthor: true, sourceKey: 'like:comment:-1_79:555' });
    s.run(citizen, { type: 'citizen_reaction', kind: 'reply', byAuthor: false, sourceKey: 'wall:-1_2:80' });
    expect(s.status).toBe('answered');
    expect(s.events.filter((e) => e.type === 'citizen_reacted').map((e) => e.data)).toEqual([
      { kind: 'like', byAuthor: true, sourceKey: 'like:comment:-1_79:555' },
      { kind: 'reply', byAuthor: false, sourceKey: 'wall:-1_2:80' },
    ]);
    s.refused(curator, { type: 'citizen_reaction', kind: 'like', byAuthor: true, sourceKey: 'x' }, 'wrong_role');
    reach('rejected', zavitinsk).refused(citizen, { type: 'citizen_reaction', kind: 'like', byAuthor: true, sourceKey: 'x' }, 'wrong_state');
  });
});

describe('reassignment', () => {
  it('refuses a department that is not routed, and the person who already holds it', () => {
    const state = reach('in_work', zavitinsk).state;
    given(state, zavitinsk).when(curator, { type: 'reassign', department: 'parks', executorId: 103 }).thenRefused('invalid', 'department_not_routed');
    given(state, zavitinsk).when(curator, { type: 'reassign', department: 'roads', executorId: roads.userId }).thenRefused('invalid', 'already_assigned');
  });

  it('puts a routed incident in work when the responsible department gets a person', () => {
    given(reach('routed', zavitinsk).state, zavitinsk)
      .when(duty, { type: 'reassign', department: 'roads', executorId: roads2.userId })
      .then([{ type: 'reassigned', data: { department: 'roads', executorId: roads2.userId, previousExecutorId: null } }]);
  });
});

describe('a dismissed executor', () => {
  const removal = (executorId: number) => ({ type: 'remove_executor' as const, executorId, name: 'Петров Пётр', cause: 'revoked' as const });

  it('gives the responsible department\'s work back to the curator, mid-draft, with who was dismissed on the return', () => {
    const s = reach('drafting', zavitinsk);
    const after = given(s.state, zavitinsk)
      .when(system, removal(roads.userId))
      .then([
        {
          type: 'executor_removed',
          data: { executorId: roads.userId, name: 'Петров Пётр', cause: 'revoked', released: ['roads'], department: 'roads', returnedToCurator: true },
        },
      ]);
    expect(after.status).toBe('returned');
    expect(after.assignees).toEqual({ housing: housing.userId });
    expect(after.returns.at(-1)).toMatchObject({ department: 'roads', note: '', by: system, removed: { executorId: roads.userId, name: 'Петров Пётр', cause: 'revoked' } });
    expect(holders(after, zavitinsk)).toEqual([{ role: 'curator' }]);
    // The drafts stay; the curator routes again, and a colleague takes it.
    expect(after.drafts).toEqual(s.state.drafts);
    const rerouted = given(after, zavitinsk).when(curator, { type: 'route', departments: ['roads', 'housing'], responsible: 'roads' }).then([{ type: 'routed' }]);
    expect(rerouted.status).toBe('routed');
    given(rerouted, zavitinsk).when(roads2, { type: 'take' }).then([{ type: 'taken' }]);
  });

  it('leaves a co-executor\'s owed part with the department, and the responsible executor at work', () => {
    const s = reach('awaiting_parts', zavitinsk);
    s.run(housing, { type: 'take' });
    const after = given(s.state, zavitinsk)
      .when(system, { ...removal(housing.userId), cause: 'left_staff' })
      .then([{ type: 'executor_removed', data: { executorId: housing.userId, name: 'Петров Пётр', cause: 'left_staff', released: ['housing'], department: 'housing', returnedToCurator: false } }]);
    expect(after.status).toBe('awaiting_parts');
    expect(after.assignees).toEqual({ roads: roads.userId });
    expect(after.returns).toEqual(s.state.returns);
  });

  it('is refused where nothing waits for them: a part already in, after the first removal, while the draft is with the approver', () => {
    const inWork = reach('in_work', zavitinsk);
    // Housing sent its part (and so took the department); nothing more is owed.
    given(inWork.state, zavitinsk).when(system, removal(housing.userId)).thenRefused('invalid', 'not_holding');
    const removed = given(inWork.state, zavitinsk).when(system, removal(roads.userId)).then([{ type: 'executor_removed' }]);
    given(removed, zavitinsk).when(system, removal(roads.userId)).thenRefused('wrong_state');
    given(reach('on_approval', zavitinsk).state, zavitinsk).when(system, removal(roads.userId)).thenRefused('wrong_state');
    given(inWork.state, zavitinsk).when(curator, removal(roads.userId)).thenRefused('wrong_role');
  });

  it('survives the audit: the event reads back and replays to the same state', () => {
    const s = reach('rework', zavitinsk);
    s.run(system, removal(roads.userId));
    expect(s.events.map((e) => parseEvent(serializeEvent(e)))).toEqual(s.events);
    expect(replay(s.events)).toEqual(s.state);
  });
});

describe('approval', () => {
  it('does not record an "edit" that changes nothing', () => {
    const state = reach('on_approval', zavitinsk).state;
    given(state, zavitinsk)
      .when(curator, { type: 'approve', editedText: state.drafts[0]!.text })
      .then([{ type: 'draft_approved', data: { draft: 1, editedText: null } }]);
  });
});

describe('a mandatory photo (kamchatka 2.5)', () => {
  const photoRequired = { ...zavitinsk, photoRequired: true };

  it('refuses to approve an answer without a photo unless the approver says it could not be had', () => {
    const state = reach('on_approval', zavitinsk).state;
    given(state, photoRequired).when(curator, { type: 'approve' }).thenRefused('invalid', 'photo_required');
    given(state, photoRequired)
      .when(curator, { type: 'approve', withoutPhoto: 'not_obtainable' })
      .then([{ type: 'draft_approved', data: { draft: 1, editedText: null, withoutPhoto: 'not_obtainable' } }]);
  });

  it('asks nothing where the profile does not require a photo, and records no reason', () => {
    const state = reach('on_approval', zavitinsk).state;
    given(state, zavitinsk)
      .when(curator, { type: 'approve', withoutPhoto: 'not_obtainable' })
      .then([{ type: 'draft_approved', data: { draft: 1, editedText: null, withoutPhoto: 'not_obtainable' } }]);
    given(state, zavitinsk).when(curator, { type: 'approve' }).then([{ type: 'draft_approved', data: { draft: 1, editedText: null } }]);
  });

  it('reads approvals stored before the reason existed', () => {
    const record = { type: 'draft_approved', version: 7, at: new Date(), data: { draft: 1, editedText: null, actor: { role: 'curator', userId: 1 } } };
    expect(parseEvent(record).data).toEqual({ draft: 1, editedText: null });
  });
});

describe('buttons and holders', () => {
  it('offers each person only what they may do now', () => {
    expect(availableCommands(reach('detected', zavitinsk).state, curator, zavitinsk)).toEqual(['triage', 'reject', 'link_repeat', 'forward']);
    expect(availableCommands(reach('routed', zavitinsk).state, roads, zavitinsk)).toEqual(['take', 'return']);
    expect(availableCommands(reach('routed', zavitinsk).state, housing, zavitinsk)).toEqual(['take', 'return', 'submit_part']);
    expect(availableCommands(reach('routed', zavitinsk).state, parks, zavitinsk)).toEqual([]);
    expect(availableCommands(reach('on_approval', sobolevo).state, head, sobolevo)).toEqual(['approve', 'send_to_rework']);
    expect(availableCommands(reach('on_approval', sobolevo).state, curator, sobolevo)).toEqual(['link_repeat', 'reassign']);
    expect(availableCommands(reach('approved', zavitinsk).state, system, zavitinsk)).toEqual(['mark_published']);
    expect(availableCommands(reach('rejected', zavitinsk).state, curator, zavitinsk)).toEqual([]);
  });

  it('names who the incident waits for', () => {
    expect(holders(reach('routed', zavitinsk).state, zavitinsk)).toEqual([
      { role: 'executor', department: 'roads' },
      { role: 'executor', department: 'housing' },
    ]);
    expect(holders(reach('awaiting_parts', zavitinsk).state, zavitinsk)).toEqual([{ role: 'executor', department: 'housing' }]);
    expect(holders(reach('approved', profileRules['ivanovo-2020']).state, profileRules['ivanovo-2020'])).toEqual([
      { role: 'system' },
      { role: 'executor', department: 'roads', userId: roads.userId },
    ]);
    expect(holders(reach('closed', zavitinsk).state, zavitinsk)).toEqual([]);
  });
});

describe('the audit round trip', () => {
  it('reads every event back from its row and replays to the same incident', () => {
    const s = reach('closed', profileRules['kislovodsk-2020']);
    const rows = s.events.map(serializeEvent).map((row) => JSON.parse(JSON.stringify(row)) as Record<string, unknown>);
    const back = rows.map((row) => parseEvent({ ...(row as { type: string; version: number }), at: new Date(row.at as string), data: row.data }));
    expect(back).toEqual(s.events);
    expect(replay(back)).toEqual(s.state);
    expect(serializeEvent(s.events[1]!)).toMatchObject({ type: 'triaged', version: 2, actorId: curator.userId });
    expect(serializeEvent(s.events[0]!).actorId).toBeNull();
  });

  it('refuses a row whose data was tampered with', () => {
    const row = serializeEvent(reach('triaged', zavitinsk).events[1]!);
    expect(() => parseEvent({ ...row, data: { ...row.data, importance: '' } })).toThrow();
    expect(() => parseEvent({ ...row, data: { ...row.data, importance: 7 } })).toThrow();
    expect(() => parseEvent({ ...row, type: 'teleported' })).toThrow();
  });

  it('throws on a history with a gap rather than inventing a state', () => {
    const [first, , third] = reach('routed', zavitinsk).events;
    expect(() => evolve(replay([first!]), third!)).toThrow(/does not follow/);
    expect(() => replay([])).toThrow();
  });

  it('starts the clock at detection', () => {
    const state = replay([detected(7, T0)]);
    expect(state).toMatchObject({ incidentId: 7, network: 'vk', status: 'detected', version: 1, detectedAt: T0, statusSince: T0 });
  });

  it('leaves the state it was given as it was', () => {
    const s = reach('on_approval', zavitinsk);
    const before = structuredClone(s.state);
    const decision = decide(s.state, { type: 'approve', expectedVersion: s.state.version }, curator, zavitinsk, s.now);
    expect(decision.ok).toBe(true);
    if (decision.ok) evolve(s.state, decision.events[0]!);
    expect(s.state).toEqual(before);
  });
});

describe('rejection reasons: a closed list per profile', () => {
  // Sobolevo п.21: intent to harm another person, obscene or insulting words, threats to life and health; no "other".
  const closed = { ...sobolevo, rejectReasons: ['harm_intent', 'obscenity', 'abuse', 'threat_life_health'] as const } as typeof sobolevo;

  it('accepts a reason the profile lists', () => {
    const state = given([detected()], closed)
      .when(curator, { type: 'reject', reason: 'harm_intent' })
      .then([{ type: 'rejected', data: { reason: 'harm_intent', note: null } }]);
    expect(state.status).toBe('rejected');
  });

  it('refuses a reason outside the list, and "other" where the profile does not allow it', () => {
    const refusal = given([detected()], closed).when(curator, { type: 'reject', reason: 'threat' }).thenRefused('invalid', 'reason_not_in_profile');
    expect(refusal.details).toMatchObject({ reason: 'threat' });
    given([detected()], closed).when(curator, { type: 'reject', reason: 'other', note: 'Спам' }).thenRefused('invalid', 'reason_not_in_profile');
  });

  it('allows "other" with a note where the profile lists it', () => {
    const open = { ...closed, rejectReasons: [...closed.rejectReasons!, 'other' as const] };
    given([detected()], open)
      .when(curator, { type: 'reject', reason: 'other', note: 'Реклама' })
      .then([{ type: 'rejected', data: { reason: 'other', note: 'Реклама' } }]);
  });
});

describe('forwarding to another body: not a rejection', () => {
  const severny = { ...profileRules['severny-2022'], forwardReply: false };

  it('sends a fresh message to the listed body with the reason; terminal, nobody holds it', () => {
    const state = given([detected()], severny)
      .when(curator, { type: 'forward', body: { id: 'cur', name: 'ЦУР НСО' }, reason: 'Вопрос регионального уровня' })
      .then([{ type: 'forwarded', data: { body: { id: 'cur', name: 'ЦУР НСО' }, reason: 'Вопрос регионального уровня', replyToCitizen: false } }]);
    expect(state.status).toBe('forwarded');
    expect(state.rejection).toBeNull();
    expect(state.forwarding).toMatchObject({ body: { id: 'cur', name: 'ЦУР НСО' }, by: curator });
    expect(holders(state, severny)).toEqual([]);
    expect(availableCommands(state, curator, severny)).toEqual([]);
  });

  it('takes a body typed in (no id), and says whether the citizen is told where it went', () => {
    const state = given(reach('returned', zavitinsk).events, { ...zavitinsk, forwardReply: true })
      .when(curator, { type: 'forward', body: { name: '  Росреестр  ' }, reason: 'Кадастровый вопрос' })
      .then([{ type: 'forwarded', data: { body: { id: null, name: 'Росреестр' }, reason: 'Кадастровый вопрос', replyToCitizen: true } }]);
    expect(state.forwarding?.replyToCitizen).toBe(true);
  });

  it('needs a reason and a body name; only the curator forwards, and not once it is routed', () => {
    given([detected()], severny).when(curator, { type: 'forward', body: { name: 'ЦУР' }, reason: ' ' }).thenRefused('invalid', 'invalid_command');
    given([detected()], severny).when(curator, { type: 'forward', body: { name: '' }, reason: 'x' }).thenRefused('invalid', 'invalid_command');
    given([detected()], severny).when(roads, { type: 'forward', body: { name: 'ЦУР' }, reason: 'x' }).thenRefused('wrong_role');
    given(reach('routed', severny).events, severny).when(curator, { type: 'forward', body: { name: 'ЦУР' }, reason: 'x' }).thenRefused('wrong_state');
  });

  it('leaves the citizen side unrecorded afterwards: the other body answers it', () => {
    const history = reach('forwarded', severny).events;
    given(history, severny)
      .when(people.citizen, { type: 'citizen_reaction', kind: 'reply', byAuthor: true, sourceKey: 'r1' })
      .thenRefused('wrong_state');
  });
});

describe('ratings of the final answer (kamchatka-ias-2021 2.7)', () => {
  const rating = { ...zavitinsk, ratings: true };
  const citizen = people.citizen;

  it('records the author\'s rating after the answer, the latest one counting', () => {
    const s = reach('answered', rating);
    s.run(citizen, { type: 'rate', score: 2, sourceKey: 'vk:reply:1' });
    expect(s.state.rating).toMatchObject({ score: 2 });
    expect(s.state.status).toBe('answered');
    s.run(citizen, { type: 'rate', score: 5, sourceKey: 'vk:reply:2' });
    expect(s.state.rating).toMatchObject({ score: 5 });
  });

  it('also once closed; a repeated delivery of the same rating is recorded once', () => {
    const s = reach('closed', rating);
    s.run(citizen, { type: 'rate', score: 4, sourceKey: 'tg:cb:7' });
    given(s.state, rating).when(citizen, { type: 'rate', score: 4, sourceKey: 'tg:cb:7' }).thenRefused('invalid', 'already_rated');
  });

  it('is refused where the profile offers no ratings, before the answer, out of range, and from staff', () => {
    given(reach('answered', zavitinsk).events, zavitinsk).when(citizen, { type: 'rate', score: 5, sourceKey: 'k' }).thenRefused('invalid', 'ratings_off');
    given(reach('on_approval', rating).events, rating).when(citizen, { type: 'rate', score: 5, sourceKey: 'k' }).thenRefused('wrong_state');
    given(reach('answered', rating).events, rating).when(citizen, { type: 'rate', score: 6, sourceKey: 'k' }).thenRefused('invalid', 'invalid_command');
    given(reach('answered', rating).events, rating).when(curator, { type: 'rate', score: 5, sourceKey: 'k' }).thenRefused('wrong_role');
  });
});

describe('importance levels from the profile', () => {
  const pos = profileRules['severny-pos-2022'];

  it('takes a level the profile has (ПОС п.10.2 "local-fast") and refuses one it has not', () => {
    const s = new Scenario(pos);
    s.run(curator, { ...triage, importance: 'local-fast' });
    expect(s.state.triage?.importance).toBe('local-fast');
    const z = new Scenario(zavitinsk);
    expect(z.refused(curator, { ...triage, importance: 'local-fast' }, 'invalid', 'unknown_importance').details).toEqual({ levels: ['normal', 'high'] });
  });

  it('survives the audit as the level it is', () => {
    const s = new Scenario(pos);
    s.run(curator, { ...triage, importance: 'local-fast' });
    expect(parseEvent(serializeEvent(s.events[1]!))).toEqual(s.events[1]);
  });
});

describe('kamchatka-ias-2021 2.5: an extension on request', () => {
  const kamchatka = profileRules['kamchatka-ias-2021'];
  const atWork = () => {
    const s = new Scenario(kamchatka);
    s.run(curator, { ...triage, importance: 'normal' });
    s.run(curator, { type: 'route', departments: ['roads'] });
    s.run(roads, { type: 'take' });
    return s;
  };

  it('the responsible executor asks with a reason; the coordinator grants days of it, up to 8 in total', () => {
    const s = atWork();
    expect(s.run(roads, { type: 'request_extension', reason: '  Ждём подрядчика  ' })).toMatchObject({ type: 'extension_requested', data: { department: 'roads', reason: 'Ждём подрядчика' } });
    expect(s.status).toBe('in_work'); // the work goes on meanwhile
    s.refused(roads, { type: 'request_extension', reason: 'Ещё раз' }, 'invalid', 'extension_pending');
    expect(s.refused(curator, { type: 'grant_extension', days: 9 }, 'invalid', 'extension_too_long').details).toEqual({ left: 8 });
    expect(s.run(curator, { type: 'grant_extension', days: 5 })).toMatchObject({ data: { days: 5, totalDays: 5 } });
    expect(s.state.extensionRequest).toBeNull();
    expect(s.state.extensions).toMatchObject([{ days: 5, reason: 'Ждём подрядчика', by: curator }]);
    s.refused(curator, { type: 'grant_extension', days: 1 }, 'invalid', 'no_extension_request');

    s.run(roads, { type: 'request_extension', reason: 'Подрядчик сорвал сроки' });
    s.refused(curator, { type: 'grant_extension', days: 4 }, 'invalid', 'extension_too_long');
    expect(s.run(curator, { type: 'grant_extension', days: 3 })).toMatchObject({ data: { days: 3, totalDays: 8 } });
    s.refused(roads, { type: 'request_extension', reason: 'И ещё' }, 'invalid', 'extension_exhausted');
  });

  it('the coordinator may refuse; only the curator decides, only the holder asks, and a profile without extensions offers none', () => {
    const s = atWork();
    s.refused(roads2, { type: 'request_extension', reason: 'Не моё' }, 'not_assigned', 'taken_by_other');
    s.run(roads, { type: 'request_extension', reason: 'Ждём подрядчика' });
    s.refused(head, { type: 'grant_extension', days: 2 }, 'wrong_role', 'role_not_allowed');
    s.refused(roads, { type: 'grant_extension', days: 2 }, 'wrong_role', 'role_not_allowed');
    expect(s.run(curator, { type: 'refuse_extension', note: 'Срок достаточен' })).toMatchObject({ type: 'extension_refused', data: { note: 'Срок достаточен' } });
    expect(s.state.extensionRequest).toBeNull();
    expect(s.state.extensions).toEqual([]);
    s.refused(curator, { type: 'refuse_extension' }, 'invalid', 'no_extension_request');

    const z = new Scenario(zavitinsk);
    z.run(curator, triage);
    z.run(curator, { type: 'route', departments: ['roads'] });
    z.run(roads, { type: 'take' });
    z.refused(roads, { type: 'request_extension', reason: 'Ждём подрядчика' }, 'wrong_role', 'role_not_allowed');
    expect(availableCommands(z.state, roads, zavitinsk)).not.toContain('request_extension');
    expect(availableCommands(s.state, roads, kamchatka)).toContain('request_extension');
  });

  it('a reopening starts the extensions over', () => {
    const s = atWork();
    s.run(roads, { type: 'request_extension', reason: 'Ждём подрядчика' });
    s.run(curator, { type: 'grant_extension', days: 8 });
    s.run(roads, { type: 'start_draft' });
    s.run(roads, { type: 'submit_draft', kind: 'answer', text: 'Здравствуйте! Сделано.', attachments: [{ kind: 'photo', fileId: 'p1' }] });
    s.run(head, { type: 'approve' });
    s.run(system, { type: 'mark_published', messageId: 'm1' });
    s.run(curator, { type: 'reopen', cause: 'author_disagreed' });
    expect(s.state.extensions).toEqual([]);
  });
});

describe('agreed and shortened terms', () => {
  const kamchatka = profileRules['kamchatka-ias-2021'];

  it('kamchatka 2.6: the coordinator agrees 1–3 days for a fast-track message only', () => {
    const s = new Scenario(kamchatka);
    s.run(curator, { ...triage, importance: 'normal' });
    expect(s.refused(curator, { type: 'agree_term', amount: 1 }, 'invalid', 'term_not_for_importance').details).toEqual({ levels: ['high'] });
    s.run(curator, triage); // marked important: fast-track
    s.refused(curator, { type: 'agree_term', amount: 4 }, 'invalid', 'term_out_of_bounds');
    s.refused(head, { type: 'agree_term', amount: 1 }, 'wrong_role', 'role_not_allowed');
    expect(s.run(curator, { type: 'agree_term', amount: 1 })).toMatchObject({ type: 'term_agreed', data: { timer: 'answer', amount: 1, unit: 'days' } });
    expect(s.state.agreedTerm).toMatchObject({ amount: 1, unit: 'days', by: curator });
    expect(s.status).toBe('triaged');
  });

  it('sobolevo п.18: the head shortens the term, not the curator; a profile without the clause offers nothing', () => {
    const rules = { ...sobolevo, agreedTerm: { setBy: 'head' as const, unit: 'hours' as const, min: 1, max: 7, timer: 'answer', levels: ['normal'] } };
    const s = new Scenario(rules);
    s.run(curator, { ...triage, importance: 'normal' });
    s.refused(curator, { type: 'agree_term', amount: 4 }, 'wrong_role', 'role_not_allowed');
    s.run(head, { type: 'agree_term', amount: 4 });
    expect(s.state.agreedTerm).toMatchObject({ amount: 4, unit: 'hours' });
    const z = new Scenario(profileRules['severny-2022']);
    z.run(curator, triage);
    z.refused(curator, { type: 'agree_term', amount: 1 }, 'wrong_role', 'role_not_allowed');
  });
});

describe('success stories covered in the media (sobolevo-2021 п.23)', () => {
  const link = 'https://vk.com/wall-123_456';

  it('lets the curator or the head mark an answered or closed message, with where it was covered; the status stays', () => {
    const s = reach('answered', sobolevo);
    s.run(curator, { type: 'mark_success', link: `  ${link}  ` });
    expect(s.state.successStory).toMatchObject({ link, by: curator });
    expect(s.state.status).toBe('answered');
    // A later mark replaces the link (the story was also on the district's site).
    s.run(head, { type: 'mark_success', link: 'Газета «Соболевский вестник», №12' });
    expect(s.state.successStory).toMatchObject({ link: 'Газета «Соболевский вестник», №12', by: head });
    const closed = reach('closed', sobolevo);
    closed.run(head, { type: 'mark_success', link });
    expect(closed.state.successStory?.link).toBe(link);
    expect(closed.state.status).toBe('closed');
  });

  it('unmarks a mistake; unmarking what is not marked is refused', () => {
    const s = reach('closed', sobolevo);
    given(s.state, sobolevo).when(curator, { type: 'unmark_success' }).thenRefused('invalid', 'not_success_story');
    s.run(curator, { type: 'mark_success', link });
    const state = given(s.state, sobolevo).when(head, { type: 'unmark_success' }).then([{ type: 'success_unmarked', data: {} }]);
    expect(state.successStory).toBeNull();
  });

  it('is offered on the card only where the profile counts them, and only after the answer', () => {
    expect(availableCommands(reach('answered', sobolevo).state, curator, sobolevo)).toContain('mark_success');
    expect(availableCommands(reach('answered', sobolevo).state, head, sobolevo)).toContain('mark_success');
    expect(availableCommands(reach('answered', zavitinsk).state, curator, zavitinsk)).not.toContain('mark_success');
    given(reach('answered', zavitinsk).events, zavitinsk).when(curator, { type: 'mark_success', link }).thenRefused('wrong_role');
    given(reach('approved', sobolevo).events, sobolevo).when(curator, { type: 'mark_success', link }).thenRefused('wrong_state');
    given(reach('answered', sobolevo).events, sobolevo).when(roads, { type: 'mark_success', link }).thenRefused('wrong_role');
    given(reach('answered', sobolevo).events, sobolevo).when(curator, { type: 'mark_success', link: '  ' }).thenRefused('invalid', 'invalid_command');
  });
});
