/**
 * Where an incident stands in the regulation's workflow. The order follows
 * the usual path; `transitions.ts` says how statuses connect.
 *
 * One status beyond the brief's list: `answered`. The regulations' timers end
 * when the final answer is published, but the outcome (resolved, explained…)
 * is the curator's judgement and the author may still disagree (Kamchatka
 * 2.7–2.8), so a published answer waits in `answered` until `close` records the
 * outcome as an explicit, audited act — or `reopen` sends it round again.
 */
export const statuses = [
  'detected', // registered; most deadlines count from here
  'triaged', // topic, location, importance set; not yet routed
  'rejected', // «не подлежит обработке»: abuse, obscenity, threats — never answered (terminal)
  'forwarded', // outside the competence, sent to another body (ЦУР, another authority): not a rejection (terminal)
  'routed', // sent to departments; the responsible department has not taken it yet
  'returned', // an executor sent it back to the curator with a note
  'awaiting_parts', // the responsible executor has it; co-executors still owe their parts
  'in_work', // the responsible executor has it and nothing is owed
  'drafting', // the responsible executor is writing a draft
  'on_approval', // a draft waits for the profile's approver
  'rework', // the approver returned the draft with a comment
  'approved', // queued for publication
  'published_interim', // an interim answer is out; the final answer is due
  'awaiting_clarification', // a clarification request is out; the clock pauses where the profile says
  'answered', // the final answer is out; waits for the curator to record the outcome
  'closed', // outcome recorded; may be reopened by a repeat or the author's disagreement
] as const;

export type Status = (typeof statuses)[number];

/** Statuses from which no command leads anywhere. `closed` is not one: it can be reopened. */
export const terminalStatuses = ['rejected', 'forwarded'] as const satisfies readonly Status[];

/** Before drafting: which of these applies follows from who has taken it and which parts are owed. */
export const workStatuses = ['routed', 'awaiting_parts', 'in_work'] as const satisfies readonly Status[];

export function isStatus(value: unknown): value is Status {
  return typeof value === 'string' && (statuses as readonly string[]).includes(value);
}
