/**
 * Redis keys of the lanes. One chat's keys share a hash tag, so its scripts
 * would also run on a Redis Cluster; the bot-wide bucket is the one key
 * outside it (a cluster would need it per slot, see the README).
 */
export type LaneKeys = {
  /** Items waiting to be sent (first message), scored by when they may go. */
  send: string;
  /** Items waiting for an edit of a message already there. */
  edit: string;
  /** New cards in the send line → by when (app clock) they must be reachable, or go to the digest. */
  fresh: string;
  /** Item → the newest version asked for: ten refreshes of one card are one entry and one edit. */
  want: string;
  /** Item → failed attempts, for backoff. */
  tries: string;
  /** Set while a pump job for the chat is queued or running. */
  pump: string;
  /** Until when (app clock, ms) Telegram told us to leave the chat alone. */
  pause: string;
  /** The item in flight: one request per chat at a time, whatever the replica count. */
  busy: string;
  /** The open digest's nonce and when it last grew. */
  digest: string;
  sendBucket: string;
  editBucket: string;
  global: string;
};

export function laneKeys(prefix: string, chatId: number): LaneKeys {
  const chat = `${prefix}:lane:{${chatId}}`;
  const isGroup = chatId < 0;
  return {
    send: `${chat}:send`,
    edit: `${chat}:edit`,
    want: `${chat}:want`,
    fresh: `${chat}:fresh`,
    tries: `${chat}:tries`,
    pump: `${chat}:pump`,
    pause: `${chat}:pause`,
    busy: `${chat}:busy`,
    digest: `${chat}:digest`,
    // A private chat has one bucket for sends and edits.
    sendBucket: `${chat}:bucket:${isGroup ? 'send' : 'any'}`,
    editBucket: `${chat}:bucket:${isGroup ? 'edit' : 'any'}`,
    global: `${prefix}:lane:bot`,
  };
}
