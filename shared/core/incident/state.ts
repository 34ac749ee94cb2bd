import type { DraftAttachment, DraftKind, Importance, Outcome, RejectReason, RemovalCause, ReopenCause, TermUnit } from './commands.js';
import type { Actor } from './roles.js';
import type { Status } from './status.js';

/**
 * An incident as the workflow sees it: everything `decide` needs and
 * everything a card or the deadlines engine reads. Built only by
 * `initialState` and `evolve`; never mutated (each step returns a new object).
 */
export type IncidentState = {
  readonly incidentId: number;
  readonly network: string;
  readonly status: Status;
  /** When the current status was entered: the start of "approve within 30 min" and similar timers. */
  readonly statusSince: Date;
  /** Bumped by one with every accepted command (optimistic locking on `incidents.version`). */
  readonly version: number;
  readonly detectedAt: Date;
  readonly triage: Triage | null;
  readonly rejection: Rejection | null;
  /** Set when it went to another body (not a rejection): terminal. */
  readonly forwarding: Forwarding | null;
  readonly routing: Routing | null;
  /** Who took each routed department (Telegram user id). Only that person acts for the department. */
  readonly assignees: Readonly<Record<string, number>>;
  /** Co-executors' parts, per department, every submission kept. */
  readonly parts: Readonly<Record<string, readonly Part[]>>;
  /** Every draft version, oldest first; draft n is `drafts[n - 1]`. */
  readonly drafts: readonly Draft[];
  /** Every return, oldest first; the last one is shown on the card while `returned`. */
  readonly returns: readonly ReturnNote[];
  readonly repeatOf: number | null;
  /** Spans during which the answer clock stood still (an open span has `to: null`). */
  readonly clockPauses: readonly ClockPause[];
  /** Set when an interim answer goes out; the final answer's long deadline counts from it. Cleared by reopening. */
  readonly interimPublishedAt: Date | null;
  readonly outcome: Outcome | null;
  readonly reopenings: readonly Reopening[];
  /** Executors the worker took off the incident (dismissed), oldest first. */
  readonly removals: readonly Removal[];
  /** The author's latest rating of the final answer (a later one replaces it). */
  readonly rating: Rating | null;
  /** Every rating's source key, so a webhook retry records it once. */
  readonly ratingKeys: readonly string[];
  /** The responsible executor's extension request awaiting the coordinator's decision (kamchatka-ias-2021 2.5). */
  readonly extensionRequest: ExtensionRequest | null;
  /** Extensions granted in the incident's current life (a reopening starts over), oldest first. */
  readonly extensions: readonly ExtensionGrant[];
  /** The message's own term, agreed or shortened, in the current life; the latest setting counts. */
  readonly agreedTerm: AgreedTerm | null;
  /** Sobolevo п.23: the solution was covered in the media as a success story, and where. */
  readonly successStory: SuccessStory | null;
};

export type SuccessStory = { readonly link: string; readonly at: Date; readonly by: Actor };

export type ExtensionRequest = { readonly department: string; readonly reason: string; readonly at: Date; readonly by: Actor };
export type ExtensionGrant = { readonly days: number; readonly reason: string; readonly at: Date; readonly by: Actor };
export type AgreedTerm = { readonly timer: string; readonly amount: number; readonly unit: TermUnit; readonly at: Date; readonly by: Actor };

export type Forwarding = {
  readonly body: { readonly id: string | null; readonly name: string };
  readonly reason: string;
  readonly replyToCitizen: boolean;
  readonly at: Date;
  readonly by: Actor;
};
export type Rating = { readonly score: number; readonly at: Date };

export type Triage = {
  readonly topics: readonly string[];
  readonly location: string;
  readonly importance: Importance;
  readonly sociallySignificant: boolean;
};

export type Rejection = { readonly reason: RejectReason; readonly note: string | null; readonly at: Date; readonly by: Actor };

export type Routing = {
  readonly departments: readonly string[];
  /** The department that writes the (joint) answer; null until named where the head names it. */
  readonly responsible: string | null;
  readonly order: readonly string[] | null;
  /** Receipt by the departments: the start of the return and co-executor timers. */
  readonly routedAt: Date;
};

export type Part = {
  readonly text: string;
  readonly attachments: readonly DraftAttachment[];
  readonly by: Actor;
  readonly at: Date;
};

export type Draft = {
  readonly number: number;
  readonly kind: DraftKind;
  readonly text: string;
  readonly attachments: readonly DraftAttachment[];
  readonly photoExpected: boolean;
  readonly by: Actor;
  readonly department: string;
  readonly submittedAt: Date;
  /** The rework comment that followed this version, if it was sent back. */
  readonly rework: { readonly comment: string; readonly by: Actor; readonly at: Date } | null;
  readonly approval: { readonly editedText: string | null; readonly by: Actor; readonly at: Date } | null;
  readonly publication: {
    readonly messageId: string | null;
    readonly link: string | null;
    readonly by: Actor;
    readonly at: Date;
  } | null;
};

export type ReturnNote = {
  readonly department: string;
  readonly note: string;
  readonly by: Actor;
  readonly at: Date;
  /** Set when the worker returned it because the executor was dismissed (the note is then empty). */
  readonly removed?: { readonly executorId: number; readonly name: string; readonly cause: RemovalCause };
};
export type Removal = {
  readonly executorId: number;
  readonly name: string;
  readonly cause: RemovalCause;
  /** The departments they held, all released. */
  readonly departments: readonly string[];
  readonly returnedToCurator: boolean;
  readonly at: Date;
};
export type ClockPause = { readonly from: Date; readonly to: Date | null };
export type Reopening = { readonly cause: ReopenCause; readonly note: string | null; readonly at: Date; readonly by: Actor };

/** The latest draft version, if any. */
export function currentDraft(state: IncidentState): Draft | null {
  return state.drafts.at(-1) ?? null;
}

/** The text that goes to the citizen: the approver's edit if there was one. Null unless the current draft is approved. */
export function textToPublish(state: IncidentState): string | null {
  const draft = currentDraft(state);
  if (!draft?.approval) return null;
  return draft.approval.editedText ?? draft.text;
}

/** Departments that owe a part to the responsible one. Until the responsible is named, every routed department may. */
export function coExecutorDepartments(state: IncidentState): string[] {
  if (!state.routing) return [];
  const { departments, responsible } = state.routing;
  return departments.filter((d) => d !== responsible);
}

/** Co-executor departments that have not sent a part yet. */
export function owedParts(state: IncidentState): string[] {
  return coExecutorDepartments(state).filter((d) => (state.parts[d]?.length ?? 0) === 0);
}

/** The executor holding the responsible department, if it has been taken. */
export function responsibleExecutor(state: IncidentState): number | null {
  const responsible = state.routing?.responsible;
  return responsible ? (state.assignees[responsible] ?? null) : null;
}

/**
 * The departments whose work waits for this executor: the responsible one
 * they took, and co-executor departments whose part they still owe.
 */
export function actingDepartments(state: IncidentState, executorId: number): string[] {
  const owed = owedParts(state);
  return Object.entries(state.assignees)
    .filter(([d, user]) => user === executorId && (d === state.routing?.responsible || owed.includes(d)))
    .map(([d]) => d);
}

/** A repeat answer must report measures taken (draft checks warn otherwise). */
export function isRepeat(state: IncidentState): boolean {
  return state.repeatOf !== null || state.reopenings.some((r) => r.cause === 'repeat');
}

/** Days granted by extensions in the current life. */
export function extendedDays(state: IncidentState): number {
  return state.extensions.reduce((sum, e) => sum + e.days, 0);
}

/** Whether the answer clock stands still right now. */
export function isClockPaused(state: IncidentState): boolean {
  return state.clockPauses.some((p) => p.to === null);
}
