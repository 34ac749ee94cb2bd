/**
 * VK API errors → what the publish job does with them. Temporary errors are
 * retried with backoff; permanent ones go to the curator's card as the
 * Russian text under `reasonKey` (shared/platform/locales/ru/networks.ftl).
 * Codes: VK's errors.json (github.com/VKCOM/vk-api-schema), API 5.199.
 */
import { APIError, UploadError } from 'vk-io';
import type { PublishError } from '../types.js';

const temporary = (code: number | string, reasonKey: string): PublishError => ({ kind: 'temporary', code, reasonKey });
const permanent = (code: number | string, reasonKey: string): PublishError => ({ kind: 'permanent', code, reasonKey });

/** Code 100 is VK's catch-all for bad parameters; the message says which one, and for us that tells a deleted post from a deleted comment. */
function invalidParameter(message: string): PublishError {
  if (/reply_to_comment|comment_id|comment (was )?deleted/i.test(message)) return permanent(100, 'publish-vk-comment-deleted');
  if (/post_id|post (was )?(deleted|not found)|photo_id|video_id|topic_id/i.test(message)) return permanent(100, 'publish-vk-post-deleted');
  return permanent(100, 'publish-vk-invalid-request');
}

export function vkErrorFromCode(code: number, message = ''): PublishError {
  switch (code) {
    case 1: // unknown error occurred
    case 10: // internal server error
      return temporary(code, 'publish-vk-server');
    case 6: // too many requests per second
    case 9: // flood control
    case 29: // the method's daily limit: it resets
      return temporary(code, 'publish-vk-rate-limit');
    case 5: // invalid or revoked token
      return permanent(code, 'publish-vk-auth');
    case 7: // the token lacks a right
    case 27: // a community token cannot call this method
      return permanent(code, code === 27 ? 'publish-vk-needs-user-token' : 'publish-vk-permission');
    case 14:
      return permanent(code, 'publish-vk-captcha');
    case 15: // access denied
    case 200: // access to the album denied
    case 203: // access to the group denied
    case 917: // no access to the conversation
      return permanent(code, 'publish-vk-access-denied');
    case 18: // the user was deleted or banned
      return permanent(code, 'publish-vk-user-gone');
    case 100:
      return invalidParameter(message);
    case 210: // access to the wall's post denied
    case 211: // access to the wall's comment denied
      return permanent(code, 'publish-vk-wall-access');
    case 212: // access to the post's comments denied
    case 213: // access to status replies denied
    case 801: // comments for this video are closed
      return permanent(code, 'publish-vk-comments-closed');
    case 222: // hyperlinks are forbidden here
      return permanent(code, 'publish-vk-links-forbidden');
    case 223: // too many replies in the thread
      return permanent(code, 'publish-vk-thread-full');
    case 901: // the user has not allowed messages from the community
      return permanent(code, 'publish-vk-messages-forbidden');
    case 902: // the user's privacy settings forbid it
      return permanent(code, 'publish-vk-messages-privacy');
    case 914:
      return permanent(code, 'publish-vk-too-long');
    default:
      return permanent(code, 'publish-vk-unknown');
  }
}

/** Anything a vk-io call threw, mapped. Transport failures (no connection, timeouts) are temporary. */
export function vkErrorOf(err: unknown): PublishError {
  if (err instanceof APIError) return vkErrorFromCode(Number(err.code), err.message);
  if (err instanceof UploadError) return temporary(String(err.code), 'publish-vk-upload-failed');
  return temporary('transport', 'publish-vk-network');
}
