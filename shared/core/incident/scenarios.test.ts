import { describe, expect, it } from 'vitest';
import { commandTypes, type CommandType } from './commands.js';
import { decide } from './decide.js';
import { evolve } from './evolve.js';
import { holders } from './holders.js';
import { actorRoles, type Actor } from './roles.js';
import { currentDraft, isClockPaused, isRepeat, owedParts, textToPublish } from './state.js';
import { people, profileRules, Scenario, type TestCommand } from '../../../test/kit/incident.js';

const { curator, head, duty, system, citizen, roads, housing, parks, roads2 } = people;

const triage = {
  type: 'triage' as const,
  topics: ['Дороги'],
  location: 'Завитинск',
  importance: 'normal' as const,
  sociallySignificant: false,
};

const answer = 'Здравствуйте, Анна! Яму на ул. Ленина заделали сегодня, фото прилагаем.';
const photo = { kind: 'photo', fileId: 'AgACAgIAAxkBAAIB' } as const;

describe('zavitinsk-2020: the curator routes, approves and publishes', () => {
  it('goes from detection to a published, closed answer', () => {
    const s = new Scenario(profileRules['zavitinsk-2020']);
    expect(s.status).toBe('detected');
    expect(holders(s.state, s.rules)).toEqual([{ role: 'curator' }]);

    s.run(curator, triage);
    expect(s.status).toBe('triaged');
    s.run(curator, { type: 'route', departments: ['roads'] });
    expect(s.status).toBe('routed');
    expect(s.state.routing?.responsible).toBe('roads'); // one department writes the answer itself

    s.run(roads, { type: 'take' });
    expect(s.status).toBe('in_work');
    s.run(roads, { type: 'start_draft' });
    expect(s.status).toBe('drafting');
    s.run(roads, { type: 'submit_draft', kind: 'answer', text: answer, attachments: [photo], photoExpected: true });
    expect(s.status).toBe('on_approval');
    expect(holders(s.state, s.rules)).toEqual([{ role: 'curator' }]);

    s.refused(head, { type: 'approve' }, 'wrong_role'); // the head does not approve here
    s.refused(roads, { type: 'approve' }, 'wrong_role'); // nor the author of the draft
    s.run(curator, { type: 'approve' });
    expect(s.status).toBe('approved');
    expect(textToPublish(s.state)).toBe(answer);

    s.refused(roads, { type: 'mark_published', link: 'https://vk.com/wall-1_2?reply=3' }, 'wrong_role'); // the curator publishes here
    s.run(system, { type: 'mark_published', messageId: 'vk-reply-1' });
    expect(s.status).toBe('answered');
    expect(currentDraft(s.state)?.publication?.messageId).toBe('vk-reply-1');

    s.run(curator, { type: 'close', outcome: 'resolved' });
    expect(s.status).toBe('closed');
    expect(s.state.outcome).toBe('resolved');

    // The audit: one event per step, versions 1, 2, 3… without a gap.
    expect(s.events.map((e) => e.type)).toEqual([
      'incident_detected',
      'triaged',
      'routed',
      'taken',
      'draft_started',
      'draft_submitted',
      'draft_approved',
      'reply_published',
      'closed',
    ]);
    expect(s.events.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(s.state.version).toBe(9);
  });

  it('lets the curator publish by hand where the network cannot be posted to', () => {
    const s = new Scenario(profileRules['zavitinsk-2020']);
    s.run(curator, triage);
    s.run(curator, { type: 'route', departments: ['roads'] });
    s.run(roads, { type: 'take' });
    s.run(roads, { type: 'start_draft' });
    s.run(roads, { type: 'submit_draft', kind: 'answer', text: answer });
    s.run(curator, { type: 'approve' });
    s.refused(curator, { type: 'mark_published' }, 'invalid', 'invalid_command'); // a link or message id is required
    s.run(curator, { type: 'mark_published', link: 'https://ok.ru/group/1/topic/2' });
    expect(currentDraft(s.state)?.publication).toMatchObject({ link: 'https://ok.ru/group/1/topic/2', by: curator });
  });
});

describe('sobolevo-2021: the head names the responsible executor and approves', () => {
  it('routes to two departments, the head appoints, the head approves, the curator publishes', () => {
    const s = new Scenario(profileRules['sobolevo-2021']);
    s.run(curator, { ...triage, importance: 'high' });
    expect(s.state.triage?.importance).toBe('high');

    s.refused(curator, { type: 'route', departments: ['roads', 'housing'], responsible: 'roads' }, 'wrong_role', 'responsible_set_by_other_role');
    s.run(curator, { type: 'route', departments: ['roads', 'housing'] });
    expect(s.state.routing?.responsible).toBeNull();
    expect(holders(s.state, s.rules)).toEqual([
      { role: 'executor', department: 'roads' },
      { role: 'executor', department: 'housing' },
      { role: 'head' },
    ]);

    s.run(roads, { type: 'take' });
    expect(s.status).toBe('routed'); // nobody is responsible yet
    s.refused(roads, { type: 'start_draft' }, 'wrong_state');
    s.refused(curator, { type: 'appoint_responsible', department: 'roads' }, 'wrong_role');
    s.run(head, { type: 'appoint_responsible', department: 'roads' });
    expect(s.status).toBe('awaiting_parts'); // roads holds it and housing owes its part
    expect(owedParts(s.state)).toEqual(['housing']);

    s.run(housing, { type: 'submit_part', text: 'Ремонт дома 5 включён в план на июнь.' });
    expect(s.status).toBe('in_work');
    s.run(roads, { type: 'start_draft' });
    s.run(roads, { type: 'submit_draft', kind: 'answer', text: answer });
    expect(holders(s.state, s.rules)).toEqual([{ role: 'head' }]);

    s.refused(curator, { type: 'approve' }, 'wrong_role');
    s.run(head, { type: 'approve' });
    expect(s.status).toBe('approved');
    s.refused(roads, { type: 'mark_published', link: 'https://vk.com/wall-1_2' }, 'wrong_role');
    s.run(curator, { type: 'mark_published', link: 'https://vk.com/wall-1_2?reply=9' });
    expect(s.status).toBe('answered');
  });
});

describe('ivanovo-2020: three departments, the last one writes the joint answer', () => {
  it('collects the parts of the first two, then the last drafts and publishes', () => {
    const s = new Scenario(profileRules['ivanovo-2020']);
    s.run(curator, triage);
    s.refused(curator, { type: 'route', departments: ['roads', 'parks', 'housing'] }, 'invalid', 'order_required');
    s.run(curator, { type: 'route', departments: ['roads', 'parks', 'housing'], order: ['roads', 'parks', 'housing'] });
    expect(s.state.routing?.responsible).toBe('housing');

    s.run(housing, { type: 'take' });
    expect(s.status).toBe('awaiting_parts');
    expect(owedParts(s.state)).toEqual(['roads', 'parks']);
    s.refused(housing, { type: 'submit_part', text: 'Моя часть' }, 'not_assigned', 'responsible_writes_draft');

    s.run(roads, { type: 'submit_part', text: 'Асфальт у дома 5 уложен 10 марта.', attachments: [photo] });
    expect(s.status).toBe('awaiting_parts');
    s.refused(roads, { type: 'start_draft' }, 'not_assigned', 'not_responsible');
    s.run(parks, { type: 'submit_part', text: 'Сквер убран, урны заменены.' });
    expect(s.status).toBe('in_work');

    s.run(housing, { type: 'start_draft' });
    // The responsible executor sees every part while drafting.
    expect(Object.keys(s.state.parts)).toEqual(['roads', 'parks']);
    expect(s.state.parts.roads?.[0]).toMatchObject({ text: 'Асфальт у дома 5 уложен 10 марта.', attachments: [photo], by: roads });
    s.run(housing, { type: 'submit_draft', kind: 'answer', text: answer });
    s.run(curator, { type: 'approve' });
    s.refused(curator, { type: 'mark_published', link: 'https://vk.com/x' }, 'wrong_role');
    s.refused(roads, { type: 'mark_published', link: 'https://vk.com/x' }, 'not_assigned', 'not_responsible');
    s.run(housing, { type: 'mark_published', link: 'https://vk.com/wall-1_2?reply=4' });
    expect(s.status).toBe('answered');
  });
});

describe('a return', () => {
  it('keeps the note on the card, then the curator re-routes', () => {
    const s = new Scenario(profileRules['zavitinsk-2020']);
    s.run(curator, triage);
    s.run(curator, { type: 'route', departments: ['roads'] });
    s.run(roads, { type: 'take' });
    s.refused(roads, { type: 'return', note: '   ' }, 'invalid', 'invalid_command'); // the note is required
    s.run(roads, { type: 'return', note: 'Двор обслуживает управляющая компания — это ЖКХ' });
    expect(s.status).toBe('returned');
    expect(holders(s.state, s.rules)).toEqual([{ role: 'curator' }]);
    expect(s.state.returns).toEqual([
      { department: 'roads', note: 'Двор обслуживает управляющая компания — это ЖКХ', by: roads, at: s.now },
    ]);

    s.refused(roads, { type: 'take' }, 'wrong_state');
    s.run(curator, { ...triage, topics: ['ЖКХ'] }); // the return showed the topic was wrong
    s.run(curator, { type: 'route', departments: ['housing'] });
    expect(s.status).toBe('routed');
    s.refused(roads, { type: 'take' }, 'not_assigned', 'not_routed_to_department');
    s.run(housing, { type: 'take' });
    expect(s.status).toBe('in_work');
    expect(s.state.assignees).toEqual({ housing: housing.userId });
    expect(s.state.returns).toHaveLength(1); // still visible in the history
  });
});

describe('rework', () => {
  it('keeps every version through two rounds, each with the comment that followed it', () => {
    const s = new Scenario(profileRules['zavitinsk-2020']);
    s.run(curator, triage);
    s.run(curator, { type: 'route', departments: ['roads'] });
    s.run(roads, { type: 'take' });
    s.run(roads, { type: 'start_draft' });
    s.run(roads, { type: 'submit_draft', kind: 'answer', text: 'Данный вопрос рассмотрен.' });
    s.refused(curator, { type: 'send_to_rework', comment: '' }, 'invalid', 'invalid_command'); // the comment is required
    s.run(curator, { type: 'send_to_rework', comment: 'Что именно сделано и когда?' });
    expect(s.status).toBe('rework');
    expect(holders(s.state, s.rules)).toEqual([{ role: 'executor', department: 'roads', userId: roads.userId }]);
    s.run(roads, { type: 'submit_draft', kind: 'answer', text: 'Яму заделают.' });
    s.run(curator, { type: 'send_to_rework', comment: 'Добавьте срок' });
    s.run(roads, { type: 'submit_draft', kind: 'answer', text: 'Здравствуйте! Яму заделают до 15 марта.' });
    s.run(curator, { type: 'approve', editedText: 'Здравствуйте, Анна! Яму заделают до 15 марта.' });

    expect(s.state.drafts.map((d) => [d.number, d.text, d.rework?.comment ?? null, d.approval !== null])).toEqual([
      [1, 'Данный вопрос рассмотрен.', 'Что именно сделано и когда?', false],
      [2, 'Яму заделают.', 'Добавьте срок', false],
      [3, 'Здравствуйте! Яму заделают до 15 марта.', null, true],
    ]);
    // Edit-and-approve publishes the approver's text, and keeps the executor's.
    expect(textToPublish(s.state)).toBe('Здравствуйте, Анна! Яму заделают до 15 марта.');
    expect(currentDraft(s.state)?.text).toBe('Здравствуйте! Яму заделают до 15 марта.');
  });
});

describe('an interim answer', () => {
  it('is published, then the final answer follows', () => {
    const s = new Scenario(profileRules['zavitinsk-2020']);
    s.run(curator, triage);
    s.run(curator, { type: 'route', departments: ['roads'] });
    s.run(roads, { type: 'take' });
    s.run(roads, { type: 'start_draft' });
    s.run(roads, { type: 'submit_draft', kind: 'interim', text: 'Здравствуйте! Ремонт запланирован, сроки сообщим.' });
    s.run(curator, { type: 'approve' });
    const published = s.run(system, { type: 'mark_published', messageId: 'vk-1' });
    expect(s.status).toBe('published_interim');
    expect(s.state.interimPublishedAt).toEqual(published.at);
    expect(s.state.statusSince).toEqual(published.at);

    s.run(roads, { type: 'start_draft' });
    s.refused(roads, { type: 'submit_draft', kind: 'interim', text: 'Ещё раз промежуточный' }, 'invalid', 'interim_already_published');
    s.run(roads, { type: 'submit_draft', kind: 'answer', text: answer });
    s.run(curator, { type: 'approve' });
    s.run(system, { type: 'mark_published', messageId: 'vk-2' });
    expect(s.status).toBe('answered');
    expect(s.state.drafts.map((d) => [d.kind, d.publication?.messageId])).toEqual([
      ['interim', 'vk-1'],
      ['answer', 'vk-2'],
    ]);
  });

  it('is refused where the profile allows none', () => {
    const s = new Scenario({ ...profileRules['zavitinsk-2020'], interimAllowed: false });
    s.run(curator, triage);
    s.run(curator, { type: 'route', departments: ['roads'] });
    s.run(roads, { type: 'take' });
    s.run(roads, { type: 'start_draft' });
    s.refused(roads, { type: 'submit_draft', kind: 'interim', text: 'Работаем' }, 'invalid', 'interim_not_allowed');
  });
});

describe('kislovodsk-2020: a clarification pauses the clock', () => {
  it('waits for the author, whose reply resumes the clock', () => {
    const s = new Scenario(profileRules['kislovodsk-2020']);
    s.run(curator, triage);
    s.run(curator, { type: 'route', departments: ['roads'] });
    s.run(roads, { type: 'take' });
    s.run(roads, { type: 'start_draft' });
    s.run(roads, { type: 'submit_draft', kind: 'clarification', text: 'Здравствуйте! Уточните, пожалуйста, номер дома.' });
    s.run(curator, { type: 'approve' });
    const published = s.run(roads, { type: 'mark_published', messageId: 'vk-7' }); // the executor places it here
    expect(published.data).toMatchObject({ kind: 'clarification', pausesClock: true });
    expect(s.status).toBe('awaiting_clarification');
    expect(isClockPaused(s.state)).toBe(true);
    expect(holders(s.state, s.rules)).toEqual([{ role: 'citizen' }]);

    s.refused(roads, { type: 'start_draft' }, 'wrong_state');
    s.after(180);
    const reply = s.run(citizen, { type: 'author_replied', text: 'Дом 5', messageId: 'vk-8' });
    expect(reply.data).toEqual({ text: 'Дом 5', messageId: 'vk-8', resumesClock: true });
    expect(s.status).toBe('in_work');
    expect(isClockPaused(s.state)).toBe(false);
    expect(s.state.clockPauses).toEqual([{ from: published.at, to: reply.at }]);

    s.run(roads, { type: 'start_draft' });
    s.run(roads, { type: 'submit_draft', kind: 'answer', text: answer });
    s.run(curator, { type: 'approve' });
    s.run(system, { type: 'mark_published', messageId: 'vk-9' });
    expect(s.status).toBe('answered');
  });

  it('does not pause the clock where the profile does not say so (zavitinsk-2020)', () => {
    const s = new Scenario(profileRules['zavitinsk-2020']);
    s.run(curator, triage);
    s.run(curator, { type: 'route', departments: ['roads'] });
    s.run(roads, { type: 'take' });
    s.run(roads, { type: 'start_draft' });
    s.run(roads, { type: 'submit_draft', kind: 'clarification', text: 'Уточните адрес' });
    s.run(curator, { type: 'approve' });
    s.run(system, { type: 'mark_published', messageId: 'vk-7' });
    expect(s.status).toBe('awaiting_clarification');
    expect(isClockPaused(s.state)).toBe(false);
    // Nobody answers: the curator may close it, and no pause is left open.
    s.run(curator, { type: 'close', outcome: 'not_resolved' });
    expect(s.status).toBe('closed');
  });
});

describe('a rejected abusive message', () => {
  it('keeps the reason and can never be answered', () => {
    const s = new Scenario(profileRules['zavitinsk-2020']);
    s.refused(curator, { type: 'reject', reason: 'other' }, 'invalid', 'invalid_command'); // "other" must say why
    s.run(curator, { type: 'reject', reason: 'abuse' });
    expect(s.status).toBe('rejected');
    expect(s.state.rejection).toMatchObject({ reason: 'abuse', note: null, by: curator });
    expect(holders(s.state, s.rules)).toEqual([]);

    const everyone: Actor[] = [curator, head, duty, people.admin, system, citizen, roads];
    expect(everyone.map((a) => a.role).sort()).toEqual([...actorRoles].sort());
    const anything = {
      triage,
      reject: { type: 'reject', reason: 'threat' },
      forward: { type: 'forward', body: { name: 'ЦУР' }, reason: 'x' },
      rate: { type: 'rate', score: 5, sourceKey: 'x' },
      route: { type: 'route', departments: ['roads'] },
      appoint_responsible: { type: 'appoint_responsible', department: 'roads' },
      take: { type: 'take' },
      return: { type: 'return', note: 'x' },
      submit_part: { type: 'submit_part', text: 'x' },
      start_draft: { type: 'start_draft' },
      submit_draft: { type: 'submit_draft', kind: 'answer', text: 'x' },
      approve: { type: 'approve' },
      send_to_rework: { type: 'send_to_rework', comment: 'x' },
      mark_published: { type: 'mark_published', messageId: 'x' },
      author_replied: { type: 'author_replied' },
      link_repeat: { type: 'link_repeat', earlierIncidentId: 1 },
      author_message: { type: 'author_message', change: 'deleted', sourceKey: 'x' },
      citizen_reaction: { type: 'citizen_reaction', kind: 'reply', byAuthor: true, sourceKey: 'x' },
      close: { type: 'close', outcome: 'resolved' },
      reopen: { type: 'reopen', cause: 'repeat' },
      reassign: { type: 'reassign', department: 'roads', executorId: 105 },
      remove_executor: { type: 'remove_executor', executorId: 101, name: 'x', cause: 'revoked' },
      request_extension: { type: 'request_extension', reason: 'x' },
      grant_extension: { type: 'grant_extension', days: 1 },
      refuse_extension: { type: 'refuse_extension' },
      agree_term: { type: 'agree_term', amount: 1 },
      mark_success: { type: 'mark_success', link: 'https://vk.com/wall-1_2' },
      unmark_success: { type: 'unmark_success' },
    } satisfies Record<CommandType, TestCommand>;
    for (const type of commandTypes) {
      for (const actor of everyone) {
        const decision = decide(s.state, { ...anything[type], expectedVersion: s.state.version }, actor, s.rules, s.now);
        expect(decision.ok, `${type} by ${actor.role}`).toBe(false);
      }
    }
  });
});

describe('concurrent taps', () => {
  it('two approvers approving the same version: the second is refused as stale, and it is published once', () => {
    const s = new Scenario(profileRules['zavitinsk-2020']);
    s.run(curator, triage);
    s.run(curator, { type: 'route', departments: ['roads'] });
    s.run(roads, { type: 'take' });
    s.run(roads, { type: 'start_draft' });
    s.run(roads, { type: 'submit_draft', kind: 'answer', text: answer });

    const seen = s.state; // both cards show this version
    const otherCurator: Actor = { role: 'curator', userId: 9 };
    const first = decide(seen, { type: 'approve', expectedVersion: seen.version }, curator, s.rules, s.now);
    expect(first.ok).toBe(true);
    const afterFirst = first.ok ? first.events.reduce(evolve, seen) : seen;
    const second = decide(afterFirst, { type: 'approve', expectedVersion: seen.version }, otherCurator, s.rules, s.now);
    expect(second).toMatchObject({ ok: false, reason: 'stale_version', details: { expected: seen.version, actual: seen.version + 1 } });

    const published = decide(afterFirst, { type: 'mark_published', expectedVersion: afterFirst.version, messageId: 'vk-1' }, system, s.rules, s.now);
    expect(published.ok).toBe(true);
    const afterPublish = published.ok ? published.events.reduce(evolve, afterFirst) : afterFirst;
    // A retried publication job holds the old version: refused, nothing is published twice.
    const retry = decide(afterPublish, { type: 'mark_published', expectedVersion: afterFirst.version, messageId: 'vk-1' }, system, s.rules, s.now);
    expect(retry).toMatchObject({ ok: false, reason: 'stale_version' });
    const late = decide(afterPublish, { type: 'mark_published', expectedVersion: afterPublish.version, messageId: 'vk-1' }, system, s.rules, s.now);
    expect(late).toMatchObject({ ok: false, reason: 'wrong_state' });
  });
});

describe('repeats and reopening', () => {
  it('links a repeat, reopens on the author’s disagreement and routes again', () => {
    const s = new Scenario(profileRules['zavitinsk-2020']);
    s.run(curator, triage);
    s.run(curator, { type: 'link_repeat', earlierIncidentId: 42 });
    expect(s.status).toBe('triaged');
    expect(s.state.repeatOf).toBe(42);
    expect(isRepeat(s.state)).toBe(true);
    s.run(curator, { type: 'route', departments: ['roads'] });
    s.run(roads, { type: 'take' });
    s.run(roads, { type: 'start_draft' });
    s.run(roads, { type: 'submit_draft', kind: 'answer', text: answer });
    s.run(curator, { type: 'approve' });
    s.run(system, { type: 'mark_published', messageId: 'vk-1' });
    s.run(curator, { type: 'close', outcome: 'resolved' });

    s.run(curator, { type: 'reopen', cause: 'author_disagreed', note: 'Автор пишет, что яма на месте' });
    expect(s.status).toBe('triaged');
    expect(s.state.outcome).toBeNull();
    expect(s.state.reopenings).toMatchObject([{ cause: 'author_disagreed', note: 'Автор пишет, что яма на месте' }]);
    s.run(curator, { type: 'route', departments: ['roads'] });
    expect(s.status).toBe('in_work'); // the same executor still holds roads
    s.run(roads, { type: 'start_draft' });
    s.run(roads, { type: 'submit_draft', kind: 'answer', text: 'Здравствуйте! Яма повторно заделана 20 марта.' });
    expect(s.state.drafts).toHaveLength(2);
  });
});

describe('reassignment', () => {
  it('lets the duty officer hand a department to a substitute', () => {
    const s = new Scenario(profileRules['zavitinsk-2020']);
    s.run(curator, triage);
    s.run(curator, { type: 'route', departments: ['roads'] });
    s.run(roads, { type: 'take' });
    s.run(roads, { type: 'start_draft' });
    s.refused(roads2, { type: 'submit_draft', kind: 'answer', text: answer }, 'not_assigned', 'taken_by_other');
    const event = s.run(duty, { type: 'reassign', department: 'roads', executorId: roads2.userId });
    expect(event.data).toEqual({ department: 'roads', executorId: roads2.userId, previousExecutorId: roads.userId });
    expect(s.status).toBe('drafting');
    s.refused(roads, { type: 'submit_draft', kind: 'answer', text: answer }, 'not_assigned', 'taken_by_other');
    s.run(roads2, { type: 'submit_draft', kind: 'answer', text: answer });
    expect(s.status).toBe('on_approval');
  });
});
