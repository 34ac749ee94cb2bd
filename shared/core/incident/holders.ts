import { commandTypes, type CommandType } from './commands.js';
import { checkAssignment, checkRole, checkStatus } from './guards.js';
import type { Actor, ActorRole, WorkflowRules } from './roles.js';
import { owedParts, type IncidentState } from './state.js';

/**
 * Commands this actor may issue now, judged without a payload: the card's
 * buttons. A payload can still be refused (an interim where none is allowed…),
 * and a tap must still go through `decide`.
 */
export function availableCommands(state: IncidentState, actor: Actor, rules: WorkflowRules): CommandType[] {
  return commandTypes.filter(
    (type) => !checkRole(type, actor, rules) && !checkStatus(type, state) && !checkAssignment(type, state, actor),
  );
}

/** Someone the incident waits for: a role, and for executors the department and, once taken, the person. */
export type Holder = { readonly role: ActorRole; readonly department?: string; readonly userId?: number };

/** Who the incident waits for now ("who holds it" on the card). Empty when nothing is awaited. */
export function holders(state: IncidentState, rules: WorkflowRules): Holder[] {
  const executor = (department: string): Holder => {
    const userId = state.assignees[department];
    return userId === undefined ? { role: 'executor', department } : { role: 'executor', department, userId };
  };
  const responsible = state.routing?.responsible ?? null;
  switch (state.status) {
    case 'detected':
    case 'triaged':
    case 'returned':
    case 'answered':
      return [{ role: 'curator' }];
    case 'routed':
      // The responsible department is to take it and co-executors owe parts; with none named yet, all departments and whoever names one.
      return responsible
        ? [executor(responsible), ...owedParts(state).map(executor)]
        : [...state.routing!.departments.map(executor), { role: rules.responsibleSetter }];
    case 'awaiting_parts':
      return owedParts(state).map(executor);
    case 'in_work':
    case 'drafting':
    case 'rework':
    case 'published_interim':
      return responsible ? [executor(responsible)] : [];
    case 'on_approval':
      return [{ role: rules.approver }];
    case 'approved': {
      const byHand = rules.publisher === 'executor' && responsible ? executor(responsible) : { role: rules.publisher };
      return [{ role: 'system' }, byHand];
    }
    case 'awaiting_clarification':
      return [{ role: 'citizen' }];
    case 'rejected':
    case 'forwarded':
    case 'closed':
      return [];
    default: {
      const never: never = state.status;
      throw new Error(`unknown status ${String(never)}`);
    }
  }
}
