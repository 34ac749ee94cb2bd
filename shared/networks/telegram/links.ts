/** Telegram identities and links. A message id is unique only within its chat. */

export const telegramSourceKey = (chatId: number, messageId: number) => `${chatId}:${messageId}`;

export const telegramLinks = {
  /** t.me for people with a username; otherwise a tg:// link, which opens the profile inside Telegram. */
  user: (id: number, username?: string) => (username ? `https://t.me/${username}` : `tg://user?id=${id}`),
  /** A channel post: public channels by username, private ones by t.me/c/<id without -100>. */
  channelPost(channel: { id: number; username?: string | null | undefined }, postId: number): string | undefined {
    if (channel.username) return `https://t.me/${channel.username}/${postId}`;
    const internal = /^-100(\d+)$/.exec(String(channel.id))?.[1];
    return internal ? `https://t.me/c/${internal}/${postId}` : undefined;
  },
  /** A comment as the channel shows it, under its post. Public channels only. */
  channelComment: (channelUsername: string, postId: number, commentId: number) =>
    `https://t.me/${channelUsername}/${postId}?comment=${commentId}`,
  /**
   * A message in a group thread: public groups by username, private
   * supergroups by t.me/c/<id without -100>. Basic groups have no links.
   */
  groupMessage(chat: { id: number; username?: string | undefined }, messageId: number, threadId?: number): string | undefined {
    const thread = threadId !== undefined ? `?thread=${threadId}` : '';
    if (chat.username) return `https://t.me/${chat.username}/${messageId}${thread}`;
    const internal = /^-100(\d+)$/.exec(String(chat.id))?.[1];
    return internal ? `https://t.me/c/${internal}/${messageId}${thread}` : undefined;
  },
};
