/**
 * What a Telegram failure means for a lane item. Only 429 pauses the chat;
 * "message is not modified" is success (the message already shows it); a
 * message that is gone is sent again; anything else is retried with backoff,
 * never dropped.
 */
import { GrammyError, HttpError } from 'grammy';

export type Failure =
  | { type: 'flood'; retryAfterMs: number }
  | { type: 'not-modified' }
  | { type: 'message-gone' }
  | { type: 'retry'; reason: string };

const has = (err: GrammyError, text: string) => err.description.toLowerCase().includes(text);

export function classify(err: unknown): Failure {
  if (err instanceof GrammyError) {
    if (err.error_code === 429) return { type: 'flood', retryAfterMs: Math.max(1, err.parameters.retry_after ?? 1) * 1000 };
    if (err.error_code === 400 && has(err, 'message is not modified')) return { type: 'not-modified' };
    if (err.error_code === 400 && (has(err, 'message to edit not found') || has(err, "message can't be edited"))) {
      return { type: 'message-gone' };
    }
    return { type: 'retry', reason: `${err.error_code} ${err.description}` };
  }
  if (err instanceof HttpError) return { type: 'retry', reason: `network: ${err.message}` };
  throw err; // not Telegram's: a bug or the database; the pump decides
}
