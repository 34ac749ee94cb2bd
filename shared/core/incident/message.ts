/**
 * A citizen's message as every network's adapter hands it over: the model the
 * incident is born from, and the shape the inbox stores. Networks parse into
 * it (shared/networks/types.ts holds their contract); nothing here knows one.
 */
export const networkIds = ['vk', 'ok', 'telegram', 'manual'] as const;
export type NetworkId = (typeof networkIds)[number];

export const isNetworkId = (value: string): value is NetworkId => (networkIds as readonly string[]).includes(value);

export type MessageKind =
  | 'direct' // a private message to the community/bot
  | 'comment' // a comment under the administration's post
  | 'reply' // a reply to a comment
  | 'wall_post' // a post suggested to the community wall
  | 'board_post' // a post in a discussion board topic
  | 'photo_comment'
  | 'video_comment';

export type Attachment = {
  type: 'photo' | 'video' | 'doc' | 'link' | 'audio' | 'other';
  url?: string;
  title?: string;
  /** The network's own handle when there is no public URL (a Telegram file_id): fetched with the bot's token. */
  ref?: string;
};

/** The ids an adapter needs to answer in the same thread; opaque outside the adapter, stored as JSON. */
export type Thread = Record<string, string | number>;

export type InboundMessage = {
  network: NetworkId;
  kind: MessageKind;
  /** The network's own identity of the message: unique per network, stable across redeliveries. */
  sourceKey: string;
  thread: Thread;
  author: { id: string; name?: string; link?: string };
  text: string;
  attachments: Attachment[];
  permalink?: string;
  postedAt: Date;
  /** The sourceKey of the message this one answers (the comment replied to, the post commented on), where the network says: engagement for the reports. */
  repliesTo?: string;
};
