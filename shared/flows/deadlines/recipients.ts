/**
 * Who hears a timer step: pure, from the planned firing, the incident's
 * state, the organisation file and who is away.
 *
 * - reminder: whoever must act — the curators' chat for curator stages, the
 *   heads' chat for the head as approver, the duty chat for duty; for an
 *   executor's stage the private chat of the executor who took it, otherwise
 *   the department's chat (or each of its executors without one), and the
 *   curators' chat while it is not routed yet.
 * - due: the same, and the department's head (departments[].head) in
 *   private; with no department and `head` to escalate to, the heads' chat.
 * - escalation: the duty officers' chat, and the curators' when the timer
 *   escalates to curators too.
 * A person who is away is replaced by their substitute (followed a few hops).
 */
import type { Org } from '../../platform/config/org.js';
import type { IncidentState } from '../../core/incident/index.js';
import type { PlannedFiring } from '../../core/sla/plan.js';

/** userId → substitute, for those away now. */
export type AwayMap = ReadonlyMap<number, number>;

export type Holder = { role: string; department?: string; userId?: number; name: string };

export function substitute(userId: number, away: AwayMap): number {
  let id = userId;
  for (let hops = 0; hops < 5 && away.has(id); hops++) id = away.get(id)!;
  return id;
}

/** The departments whose executors must act on this firing. */
export function actingDepartments(f: Pick<PlannedFiring, 'actor' | 'department'>, state: IncidentState): string[] {
  if (f.actor === 'co-executor') return f.department ? [f.department] : [];
  if (f.actor !== 'executor' && f.actor !== 'responsible') return [];
  const routing = state.routing;
  if (!routing) return [];
  return routing.responsible ? [routing.responsible] : [...routing.departments];
}

export function holderOf(f: Pick<PlannedFiring, 'actor' | 'department'>, state: IncidentState, org: Org): Holder[] {
  const deps = actingDepartments(f, state);
  if (deps.length === 0) return [{ role: f.actor, name: '' }];
  return deps.map((department) => {
    const userId = state.assignees[department];
    const dep = org.departments.find((d) => d.id === department);
    const person = userId === undefined ? undefined : org.staff.find((s) => s.telegramId === userId);
    return {
      role: 'executor',
      department,
      ...(userId !== undefined ? { userId } : {}),
      name: person?.name ?? dep?.name ?? department,
    };
  });
}

function actorChats(f: PlannedFiring, state: IncidentState, org: Org, away: AwayMap): number[] {
  switch (f.actor) {
    case 'curator':
      return [org.chats.curators];
    case 'head':
      return [org.chats.heads];
    case 'duty':
      return [org.chats.duty];
    default:
      break;
  }
  const departments = actingDepartments(f, state);
  // An executor's timer that runs before routing (Kislovodsk's draft, Kamchatka's repeat check): the curators route it.
  if (departments.length === 0) return [org.chats.curators];
  const chats: number[] = [];
  for (const department of departments) {
    const taken = state.assignees[department];
    if (taken !== undefined) {
      chats.push(substitute(taken, away));
      continue;
    }
    const dep = org.departments.find((d) => d.id === department);
    if (dep?.chat !== undefined) chats.push(dep.chat);
    else for (const s of org.staff) if (s.department === department && s.roles.includes('executor')) chats.push(substitute(s.telegramId, away));
  }
  return chats;
}

export function recipients(f: PlannedFiring, state: IncidentState, org: Org, away: AwayMap): number[] {
  const chats: number[] = [];
  if (f.step === 'escalation') {
    chats.push(org.chats.duty);
    if (f.escalateTo.includes('curator') && f.actor !== 'curator') chats.push(org.chats.curators);
  } else {
    chats.push(...actorChats(f, state, org, away));
    if (f.step === 'due') {
      const deps = actingDepartments(f, state);
      for (const id of deps) {
        const head = org.departments.find((d) => d.id === id)?.head;
        if (head !== undefined) chats.push(substitute(head, away));
      }
      if (deps.length === 0 && f.escalateTo.includes('head') && f.actor !== 'head') chats.push(org.chats.heads);
    }
  }
  return [...new Set(chats)];
}
