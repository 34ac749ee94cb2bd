/**
 * OK failures → what the publish job does with them. OK's API error codes
 * (error_code in the answer): 1 UNKNOWN, 2 SERVICE, 9999 SYSTEM and
 * server statuses are temporary, as is 11 LIMIT_REACHED and no connection
 * (uncertain when the request may have reached OK before it broke);
 * a bad or revoked token (102–104), no permission (10), a chat or user that
 * is gone (300) and rejected parameters (100) are permanent and shown on
 * the card.
 */
import type { PublishError } from '../types.js';
import type { OkFailure } from './client.js';

const permanent = (code: number | string, reasonKey: string): PublishError => ({ kind: 'permanent', code, reasonKey });
const temporary = (code: number | string, reasonKey: string): PublishError => ({ kind: 'temporary', code, reasonKey });

export function okErrorOf(failure: OkFailure): PublishError {
  switch (failure.kind) {
    case 'transport':
      // A message OK may have posted before the connection broke must not simply be sent again.
      return { kind: failure.mayHaveArrived ? 'uncertain' : 'temporary', code: 'transport', reasonKey: 'publish-ok-network' };
    case 'bad_response':
      return permanent('bad_response', 'publish-ok-unknown');
    case 'http':
      if (failure.status === 429) return temporary(429, 'publish-ok-rate-limit');
      return failure.status >= 500 ? temporary(failure.status, 'publish-ok-server') : permanent(failure.status, 'publish-ok-unknown');
    case 'api': {
      const { code, message } = failure;
      if (code === 1 || code === 2 || code === 9999) return temporary(code, 'publish-ok-server');
      // A file still being processed after its upload ("attachment not ready", as MAX, OK's sibling platform, words it).
      if (isNotReady(failure)) return temporary(code, 'publish-ok-upload-processing');
      if (code === 11 || code === 8 || /FLOOD|LIMIT/i.test(message)) return temporary(code, 'publish-ok-rate-limit');
      if (code === 102 || code === 103 || code === 104) return permanent(code, 'publish-ok-auth');
      if (code === 10 || code === 9) return permanent(code, 'publish-ok-no-access');
      if (code === 300) return permanent(code, 'publish-ok-chat-missing');
      // The upload service's wording for an oversized file is not documented: "size", "too large" or "too big" is our reading.
      if (code === 100 && /size|too (large|big)/i.test(message) && !/text/i.test(message)) return permanent(code, 'publish-ok-file-too-large');
      if (code === 100 && /text|length|long/i.test(message)) return permanent(code, 'publish-ok-too-long');
      return permanent(code, 'publish-ok-unknown');
    }
  }
}

/**
 * OK asks to wait "a couple of seconds" after an upload before sending the message that carries it, and
 * documents no error for sending too soon; a refusal saying the attachment is not ready or not processed
 * (MAX's wording) is read as that.
 */
export function isNotReady(failure: OkFailure): boolean {
  return failure.kind === 'api' && /not[ ._-]?(ready|processed)/i.test(failure.message);
}
