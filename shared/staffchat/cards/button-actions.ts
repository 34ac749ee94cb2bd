/**
 * Every button action and the arguments it carries, in one list: the card's
 * (keyboard.ts), the escalation ping's (flows/deadlines/fire.ts), the draft
 * preview's and the version history's (the staff bot). The store keeps them
 * behind an opaque callback_data id (buttons.ts); the staff bot handles each
 * action by name in the feature named for it (bots/telegram/features/).
 */
import type { DraftKind, Outcome, RejectReason, ReopenCause, WithoutPhotoReason } from '../../core/incident/index.js';
import type { View } from './selection.js';

type None = Record<string, never>;

export type ButtonArgs = {
  // The curator sorting a message: pickers kept on the card, then route or reject.
  view: { view: View };
  topic: { topic: string };
  location: { location: string };
  /** A level picked from the list; without one (a two-level profile, older buttons) the level toggles. */
  importance: { level?: string };
  significant: None;
  dept: { department: string };
  responsible: None;
  route: None;
  /** One department chosen in the departments view: routes at once where topic and place are set. */
  route_to: { department: string };
  /** A picker's page (pickers longer than a page). */
  page: { page: number };
  /** The route button's name before #16: buttons stored under it still route. */
  confirm: None;
  reject: { reason: RejectReason };
  /** Forwarding outside the competence: to a body the profile or the organisation file lists; `forward_other` asks for a name. */
  forward: { body: string };
  forward_other: None;
  close: { outcome: Outcome };
  // Repeats and reopening.
  repeat_of: { earlier: number };
  repeat_number: None;
  reopen: { cause: ReopenCause };
  // A department's work.
  take: None;
  return: None;
  // The head naming the responsible department.
  appoint: { department: string };
  // Approval and the version history.
  /** `withoutPhoto`: approving an answer without the photo a profile makes mandatory, with the reason (kamchatka 2.5). */
  approve: { withoutPhoto?: WithoutPhotoReason };
  edit_approve: None;
  rework: None;
  versions: None;
  history_page: { page: number };
  /** The card's «🗂 Ход работы»: the incident's story sent below the card at its last page. */
  open_story: None;
  /** The story message's paging; read-only, so fine at any version. */
  story_page: { page: number };
  /** A folded draft's whole text, sent below the card. */
  full_text: { draft: number };
  // The approved reply that did not go out by itself.
  published_by_hand: None;
  publish_again: None;
  // The duty officers' escalation ping.
  esc_take: { department: string };
  esc_reassign: { department: string; executorId: number };
  // The draft preview in the executor's private chat.
  draft_kind: { kind: DraftKind };
  draft_photo: None;
  draft_submit: None;
  draft_part_submit: None;
  // Answer templates offered while drafting (/templates keeps them): a page of the list, one picked.
  draft_templates: { page: number };
  draft_template: { template: number };
  // The message's own term: the curator's pick on a fresh card (0: the profile's own), the head's on theirs.
  term_pick: { amount: number };
  term_agree: { amount: number };
  // An extension of the term: the responsible executor asks, the coordinator grants days or refuses.
  extension_request: None;
  extension_grant: { days: number };
  extension_refuse: None;
  // Sobolevo п.23: a success story covered in the media (the link is asked for in private), or the mark taken off.
  success_mark: None;
  success_unmark: None;
};

export type ButtonAction = keyof ButtonArgs;

/** A button that does something here: its action and, where the action takes any, its arguments. */
export type ActionButton = {
  [A in ButtonAction]: { text: string; action: A } & (None extends ButtonArgs[A] ? { args?: ButtonArgs[A] } : { args: ButtonArgs[A] });
}[ButtonAction];

/** A button on a staff message: an action, or a link that opens elsewhere. */
export type ButtonSpec = ActionButton | { text: string; url: string };
