/**
 * Which staff chats show an incident's card, and as whom: the curators'
 * chat always; each routed department's chat, or, without one, each of its
 * executors' private chats with the bot; the heads' chat while the head
 * approves (Sobolevo).
 */
import type { Org } from '../config/org.js';
import type { IncidentState, WorkflowRules } from '../domain/index.js';

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
  // One card per chat: a person who is both curator and executor in a chat of one sees it once.
  return chats.filter((c, i) => chats.findIndex((o) => o.chatId === c.chatId) === i);
}

export function audienceOf(chatId: number, state: IncidentState, org: Org, rules: WorkflowRules): CardChat | null {
  return cardChats(state, org, rules).find((c) => c.chatId === chatId) ?? null;
}
