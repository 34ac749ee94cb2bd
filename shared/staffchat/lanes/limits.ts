/**
 * What a lane lets through, a little under Telegram's published limits
 * (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this):
 * about 20 messages a minute into a group, about one a second into a private
 * chat, 30 a second per bot. A token bucket of capacity C and rate R admits at
 * most C + R·t in any window t, so C + R·60 s stays below 20 for a group and
 * C + R·1 s below 30 for the bot: a request that reaches Telegram a little
 * late or early still fits its sliding window. A 429 is handled anyway (the
 * chat pauses for retry_after); the margin makes it rare.
 */

/** A token bucket: `capacity` requests at once, refilled at `perMs` a millisecond. */
export type BucketSpec = { capacity: number; perMs: number };

export type LaneLimits = {
  /** Sends into one group (negative chat id). */
  groupSend: BucketSpec;
  /** Edits in one group: Telegram counts them apart from sends. */
  groupEdit: BucketSpec;
  /** Sends and edits into one private chat share one bucket. */
  private: BucketSpec;
  /** Everything one bot sends or edits, whatever the chat. */
  global: BucketSpec;
  /** A chat whose send backlog takes longer than this to drain gets a digest instead of more cards. */
  backlogHorizonMs: number;
  /** A digest stays open until its chat's queue is empty and no card joined it for this long. */
  digestQuietMs: number;
};

const perMinute = (n: number) => n / 60_000;
const perSecond = (n: number) => n / 1_000;

export const TELEGRAM_LANE_LIMITS: Readonly<LaneLimits> = {
  groupSend: { capacity: 3, perMs: perMinute(16) },
  groupEdit: { capacity: 3, perMs: perMinute(16) },
  private: { capacity: 3, perMs: perSecond(0.9) },
  global: { capacity: 5, perMs: perSecond(24) },
  backlogHorizonMs: 120_000,
  digestQuietMs: 120_000,
};

/**
 * MAX publishes only a bot-wide limit, 30 requests a second; per chat it names none. The Telegram budgets
 * are kept per chat (a staff chat never notices them), and a 429 pauses the chat as on Telegram.
 */
export const MAX_LANE_LIMITS: Readonly<LaneLimits> = TELEGRAM_LANE_LIMITS;

export const laneLimitsOf = (messenger: 'telegram' | 'max'): Readonly<LaneLimits> => (messenger === 'max' ? MAX_LANE_LIMITS : TELEGRAM_LANE_LIMITS);

export const isGroup = (chatId: number) => chatId < 0;

/** The bucket a request of this kind into this chat draws from. */
export function chatBucket(limits: LaneLimits, chatId: number, kind: 'send' | 'edit'): BucketSpec {
  if (!isGroup(chatId)) return limits.private;
  return kind === 'send' ? limits.groupSend : limits.groupEdit;
}
