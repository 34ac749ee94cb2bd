/**
 * The one contract every citizens' network meets. An adapter turns the
 * network's own events into an InboundMessage; the rest of Otklik never looks
 * at a network's payload.
 */
export const networkIds = ['vk', 'ok', 'telegram', 'manual'] as const;
export type NetworkId = (typeof networkIds)[number];

export type MessageKind =
  | 'direct' // a private message to the community/bot
  | 'comment' // a comment under the administration's post
  | 'reply' // a reply to a comment
  | 'wall_post' // a post suggested to the community wall
  | 'board_post' // a post in a discussion board topic
  | 'photo_comment'
  | 'video_comment';

export type Attachment = { type: 'photo' | 'video' | 'doc' | 'link' | 'audio' | 'other'; url?: string; title?: string };

export type InboundMessage = {
  network: NetworkId;
  kind: MessageKind;
  /** The network's own identity of the message: unique per network. */
  sourceKey: string;
  /** The ids needed to answer in the same thread; opaque outside the adapter. */
  thread: Record<string, string | number>;
  author: { id: string; name?: string; link?: string };
  text: string;
  attachments: Attachment[];
  permalink?: string;
  postedAt: Date;
};

/** What an adapter makes of one inbound event. Unknown or irrelevant events are ignored, never thrown. */
export type ParsedEvent =
  | { outcome: 'message'; message: InboundMessage }
  | { outcome: 'ignored'; reason: string }
  | { outcome: 'invalid'; reason: string };
