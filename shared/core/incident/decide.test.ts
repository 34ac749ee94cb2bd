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
    expect(availableCommands(reach('detected', zavitinsk).state, curator, zavitinsk)).toEqual(['triage', 'reject', 'link_repeat']);
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
    expect(() => parseEvent({ ...row, data: { ...row.data, importance: 'urgent' } })).toThrow();
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
