/**
 * Which staff chats show an incident's card, and as whom: the curators'
 * chat always; each routed department's chat, or, without one, each of its
 * executors' private chats with the bot; the heads' chat while the head
 * approves or names the responsible department (Sobolevo).
 */
import type { Org } from '../../platform/config/org.js';
import type { IncidentState, WorkflowRules } from '../../core/incident/index.js';

export type Audience = 'curators' | 'department' | 'heads';
export type CardChat = { chatId: number; audience: Audience; department?: string };

export function cardChats(state: IncidentState, org: Org, rules: WorkflowRules): CardChat[] {
  const chats: CardChat[] = [{ chatId: org.chats.curators, audience: 'curators' }];
  for (const id of state.routing?.departments ?? []) {
    const department = org.departments.find((d) => d.id === id);
    if (!department) continue;
    if (department.chat !== undefined) {
      chats.push({ chatId: department.chat, audience: 'department', department: id });
    } else {
      for (const s of org.staff) {
        if (s.department === id && s.roles.includes('executor')) chats.push({ chatId: s.telegramId, audience: 'department', department: id });
      }
    }
  }
  if (rules.approver === 'head' && state.drafts.length > 0) chats.push({ chatId: org.chats.heads, audience: 'heads' });
  // Where the head names the responsible executor among several departments (sobolevo-2021 п.19).
  if (needsHeadToAppoint(state, rules)) chats.push({ chatId: org.chats.heads, audience: 'heads' });
  // Where the head may shorten the term of a routed message (sobolevo-2021 п.18), while the answer is prepared.
  if (headSetsTerm(state, rules)) chats.push({ chatId: org.chats.heads, audience: 'heads' });
  // One card per chat: a person who is both curator and executor in a chat of one sees it once.
  return chats.filter((c, i) => chats.findIndex((o) => o.chatId === c.chatId) === i);
}

/** Routed to several departments under a profile where the head, not the curator, names the responsible one. */
export function needsHeadToAppoint(state: IncidentState, rules: WorkflowRules): boolean {
  return rules.responsibleSetter === 'head' && rules.jointAnswer === 'appointed' && (state.routing?.departments.length ?? 0) > 1;
}

/** The head sets this routed message's own term under the profile (sobolevo-2021 п.18), and it is not yet drafted. */
export function headSetsTerm(state: IncidentState, rules: WorkflowRules): boolean {
  const term = rules.agreedTerm;
  if (term?.setBy !== 'head' || !state.routing || state.drafts.length > 0) return false;
  if (!['routed', 'awaiting_parts', 'in_work', 'drafting'].includes(state.status)) return false;
  return term.levels === undefined || term.levels.includes(state.triage?.importance ?? 'normal');
}

export function audienceOf(chatId: number, state: IncidentState, org: Org, rules: WorkflowRules): CardChat | null {
  return cardChats(state, org, rules).find((c) => c.chatId === chatId) ?? null;
}
