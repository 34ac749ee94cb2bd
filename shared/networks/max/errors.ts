/**
 * MAX failures → what the publish job does with them. MAX answers errors
 * with an HTTP status and `{code, message}` (the client throws MaxError):
 * 429 and server errors are temporary, a bad token, a chat the bot may not
 * write to, a message or chat that is gone and rejected parameters are
 * permanent and shown on the card. A connection lost after the request went
 * out is uncertain: MAX may have sent the reply.
 */
import { MaxError } from '@maxhub/max-bot-api';
import { mayHaveArrived } from '../transport.js';
import type { PublishError } from '../types.js';

const permanent = (code: number | string, reasonKey: string): PublishError => ({ kind: 'permanent', code, reasonKey });

export function maxErrorOf(err: unknown): PublishError {
  if (!(err instanceof MaxError)) {
    return { kind: mayHaveArrived(err) ? 'uncertain' : 'temporary', code: 'transport', reasonKey: 'publish-max-network' };
  }
  const { status } = err;
  const code = String(err.code ?? status);
  // The upload client reports its own transport failures as 499.
  if (status === 499) return { kind: 'temporary', code, reasonKey: 'publish-max-upload-failed' };
  if (status === 429) return { kind: 'temporary', code: 429, reasonKey: 'publish-max-rate-limit', retryAfterMs: 1000 };
  if (status >= 500) return { kind: 'temporary', code: status, reasonKey: 'publish-max-server' };
  if (status === 401 || code === 'verify.token') return permanent(code, 'publish-max-auth');
  if (/not\.found/.test(code) || status === 404) return permanent(code, 'publish-max-chat-missing');
  if (status === 403 || /denied|forbidden/i.test(code)) return permanent(code, 'publish-max-no-access');
  if (/text: size/i.test(err.description ?? '')) return permanent(code, 'publish-max-too-long');
  return permanent(code, 'publish-max-unknown');
}
