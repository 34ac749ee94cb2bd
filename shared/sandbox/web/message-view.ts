/** A message in a staff chat as the page draws it, whichever messenger it lives in (staff-view.ts reads both). */
export type ButtonView = { text: string; data?: string; url?: string };
/** A span of formatting in Telegram's entity shape (offsets in UTF-16 units). */
export type EntityView = { type: string; offset: number; length: number; url?: string };
export type MessageView = {
  /** Telegram's message_id, MAX's mid: the page sends it back as it got it. */
  id: number | string;
  at: number;
  author: string;
  mine: boolean;
  bot: boolean;
  text: string;
  entities: EntityView[];
  photo?: string;
  video?: boolean;
  document?: string;
  buttons: ButtonView[][];
  forceReply: boolean;
  replyTo?: number | string;
  edited: boolean;
};
