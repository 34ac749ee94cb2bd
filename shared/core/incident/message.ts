/**
 * A citizen's message as every network's adapter hands it over: the model the
 * incident is born from, and the shape the inbox stores. Networks parse into
 * it (shared/networks/types.ts holds their contract); nothing here knows one.
 */
export const networkIds = ['vk', 'ok', 'telegram', 'max', 'manual'] as const;
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

/**
 * The longest text a citizen can write in one message of a network: what
 * Otklik processes of a message (moderation, topic suggestion, repeats,
 * cards, the audit's copy of a burst's message). Longer text did not come
 * from the network's own client (a forged or garbled event), and the regex
 * and trigram work must stay bounded whatever arrives; the stored text and
 * raw payload keep every character. Telegram: 4096 for a text, 1024 for a
 * caption (4096 for Premium), so 4096. VK: 4096 for a private message;
 * 16,384 for a wall post, taken for comments and board posts too (VK states
 * no comment limit). OK documents none: 16,384 as VK's. MAX: 4000. Manual: registered
 * by staff from any source, as long as the longest.
 */
export const NETWORK_TEXT_MAX = { telegram: 4096, vkDirect: 4096, vkPublic: 16_384, ok: 16_384, max: 4000, manual: 16_384 } as const;

export function processingTextMax(network: NetworkId, kind: MessageKind): number {
  switch (network) {
    case 'telegram':
      return NETWORK_TEXT_MAX.telegram;
    case 'vk':
      return kind === 'direct' ? NETWORK_TEXT_MAX.vkDirect : NETWORK_TEXT_MAX.vkPublic;
    case 'ok':
      return NETWORK_TEXT_MAX.ok;
    case 'max':
      return NETWORK_TEXT_MAX.max;
    case 'manual':
      return NETWORK_TEXT_MAX.manual;
  }
}

/** A message's text as processed: at most its network's limit, never a half of a surrogate pair. Stored text is never cut. */
export function textForProcessing(m: { network: string; kind: string; text: string }): string {
  const max = isNetworkId(m.network) ? processingTextMax(m.network, m.kind as MessageKind) : NETWORK_TEXT_MAX.telegram;
  if (m.text.length <= max) return m.text;
  const cut = m.text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}
