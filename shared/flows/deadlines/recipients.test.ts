import { describe, expect, it } from 'vitest';
import { loadOrg } from '../../platform/config/org.js';
import { EXAMPLE_ORG } from '../../sandbox/demo/harness.js';
import type { IncidentState } from '../../core/incident/index.js';
import { escalationButtons, timerText } from './fire.js';
import type { PlannedFiring } from '../../core/sla/plan.js';
import { holderOf, recipients, substitute } from './recipients.js';

const org = loadOrg(EXAMPLE_ORG);
// housing: chat -1001000000010, head 202; roads: no chat, executor 201.
const CUR = org.chats.curators;
const DUTY = org.chats.duty;
const HEADS = org.chats.heads;

const state = (s: Partial<{ routing: { departments: string[]; responsible: string | null }; assignees: Record<string, number> }>) =>
  ({ incidentId: 42, version: 5, routing: s.routing ?? null, assignees: s.assignees ?? {} }) as unknown as IncidentState;
const firing = (f: Partial<PlannedFiring>): PlannedFiring => ({ timer: 'route', step: 'reminder', due: Date.UTC(2026, 10, 23, 1, 30), at: 0, actor: 'curator', escalateTo: ['duty'], ...f });
const none = new Map<number, number>();

describe('who hears a timer step', () => {
  it('curator stages: the curators\' chat; at the due, with no department, the heads\' chat only when the timer escalates to the head', () => {
    expect(recipients(firing({}), state({}), org, none)).toEqual([CUR]);
    expect(recipients(firing({ step: 'due' }), state({}), org, none)).toEqual([CUR]);
    expect(recipients(firing({ step: 'due', escalateTo: ['head', 'duty'] }), state({}), org, none)).toEqual([CUR, HEADS]);
    expect(recipients(firing({ step: 'escalation' }), state({}), org, none)).toEqual([DUTY]);
  });

  it('the head as approver (Sobolevo) hears in the heads\' chat', () => {
    expect(recipients(firing({ timer: 'approval', actor: 'head' }), state({}), org, none)).toEqual([HEADS]);
  });

  it('an executor\'s stage: the department chat until taken, then the person; the head of the department at the due', () => {
    const routed = state({ routing: { departments: ['housing'], responsible: 'housing' } });
    const draft = firing({ timer: 'draft', actor: 'responsible', escalateTo: ['curator', 'duty'] });
    expect(recipients(draft, routed, org, none)).toEqual([-1001000000010]);
    const taken = state({ routing: { departments: ['housing'], responsible: 'housing' }, assignees: { housing: 203 } });
    expect(recipients(draft, taken, org, none)).toEqual([203]);
    expect(recipients({ ...draft, step: 'due' }, taken, org, none)).toEqual([203, 202]);
    expect(recipients({ ...draft, step: 'escalation' }, taken, org, none)).toEqual([DUTY, CUR]);
  });

  it('an executor\'s timer that runs before routing reaches the curators, who route it', () => {
    expect(recipients(firing({ timer: 'draft', actor: 'executor' }), state({}), org, none)).toEqual([CUR]);
  });

  it('a department without a chat: each of its executors in private', () => {
    const routed = state({ routing: { departments: ['roads'], responsible: 'roads' } });
    expect(recipients(firing({ timer: 'draft', actor: 'responsible' }), routed, org, none)).toEqual([201]);
  });

  it('before the responsible is named, every routed department; a co-executor\'s timer, its own department', () => {
    const routed = state({ routing: { departments: ['housing', 'roads'], responsible: null } });
    expect(recipients(firing({ timer: 'draft', actor: 'responsible' }), routed, org, none)).toEqual([-1001000000010, 201]);
    const co = state({ routing: { departments: ['housing', 'roads'], responsible: 'housing' } });
    expect(recipients(firing({ timer: 'coExecutor', actor: 'co-executor', department: 'roads' }), co, org, none)).toEqual([201]);
  });

  it('someone away is replaced by their substitute, through a chain, and never loops', () => {
    const taken = state({ routing: { departments: ['housing'], responsible: 'housing' }, assignees: { housing: 203 } });
    const away = new Map([[203, 202], [202, 102]]);
    expect(recipients(firing({ timer: 'draft', actor: 'responsible', step: 'due' }), taken, org, away)).toEqual([102]);
    expect(substitute(1, new Map([[1, 2], [2, 1]]))).toBeGreaterThan(0);
  });

  it('names who holds it, and offers the duty officer the department\'s other executors', () => {
    const taken = state({ routing: { departments: ['housing'], responsible: 'housing' }, assignees: { housing: 203 } });
    const draft = firing({ timer: 'draft', actor: 'responsible', step: 'escalation' });
    expect(holderOf(draft, taken, org)).toEqual([{ role: 'executor', department: 'housing', userId: 203, name: 'Морозов Дмитрий' }]);
    expect(escalationButtons(draft, taken, org).flat().map((b) => [b.text, b.action, b.args])).toEqual([
      ['🙋 Взять себе', 'esc_take', { department: 'housing' }],
      ['➡️ Волкова Мария', 'esc_reassign', { department: 'housing', executorId: 202 }],
    ]);
    expect(escalationButtons(firing({ step: 'escalation' }), state({}), org)).toEqual([]);
    const text = timerText(draft, taken, org, draft.due + 35 * 60_000);
    expect(text).toBe('🚨 Эскалация: сообщение №42 — проект ответа, срок был 10:30, просрочено на 35 мин. Сейчас у: Морозов Дмитрий.');
    const untaken = timerText({ ...draft, step: 'reminder' }, state({ routing: { departments: ['roads'], responsible: 'roads' } }), org, draft.due - 10 * 60_000);
    expect(untaken).toBe('⏰ Напоминание: сообщение №42 — проект ответа до 10:30, осталось 10 мин. Сейчас у: Отдел дорожного хозяйства (не взято в работу).');
  });
});
