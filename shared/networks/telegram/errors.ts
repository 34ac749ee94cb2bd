/**
 * Bot API errors → what the publish job does with them. 429 and server
 * errors are temporary (retry_after is passed on); a blocked bot, a deleted
 * message or lost access are permanent and shown on the card. A connection
 * lost after the request went out is uncertain: Telegram may have sent it.
 */
import { GrammyError, HttpError } from 'grammy';
import { mayHaveArrived } from '../transport.js';
import type { PublishError } from '../types.js';

const permanent = (code: number, reasonKey: string): PublishError => ({ kind: 'permanent', code, reasonKey });

export function telegramErrorOf(err: unknown): PublishError {
  if (err instanceof HttpError) {
    return { kind: mayHaveArrived(err.error) ? 'uncertain' : 'temporary', code: 'transport', reasonKey: 'publish-telegram-network' };
  }
  if (!(err instanceof GrammyError)) return { kind: 'temporary', code: 'transport', reasonKey: 'publish-telegram-network' };
  const code = err.error_code;
  const text = err.description;
  if (code === 429) {
    const after = err.parameters.retry_after;
    return { kind: 'temporary', code, reasonKey: 'publish-telegram-rate-limit', ...(after !== undefined ? { retryAfterMs: after * 1000 } : {}) };
  }
  if (code >= 500) return { kind: 'temporary', code, reasonKey: 'publish-telegram-server' };
  if (/bot was blocked|user is deactivated/i.test(text)) return permanent(code, 'publish-telegram-blocked');
  if (/message to be replied not found|replied message not found/i.test(text)) return permanent(code, 'publish-telegram-reply-missing');
  if (/too long/i.test(text)) return permanent(code, 'publish-telegram-too-long');
  if (code === 403 || /chat not found|not enough rights|CHAT_WRITE_FORBIDDEN|CHAT_RESTRICTED|kicked|not a member/i.test(text)) {
    return permanent(code, 'publish-telegram-no-access');
  }
  return permanent(code, 'publish-telegram-unknown');
}
