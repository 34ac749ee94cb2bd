/**
 * What a reply can be on VK, by the kind of message answered and the tokens
 * configured. A community token covers messages and wall comments; photo
 * uploads for comments and replies under photos, videos and board topics
 * need a community admin's user token (VK_USER_TOKEN): VK refuses those
 * methods to community tokens.
 */
import type { Capabilities, MessageKind } from '../types.js';

/** messages.send's documented limit. */
const MESSAGE_MAX = 9000;
/**
 * VK does not document a limit for comments; 4096 is a conservative one so
 * that a long draft is caught on the card, not by a failed publish.
 */
const COMMENT_MAX = 4096;

export type VkCredentials = { hasUserToken: boolean };

export function vkCapabilities(kind: MessageKind, { hasUserToken }: VkCredentials): Capabilities {
  const base = { unconfirmedKey: null, supportsEditing: true, needsManualPublication: null, notes: [] as string[] };
  switch (kind) {
    // Videos go through video.save, a user-token method, wherever they are attached; documents to messages
    // through the community's docs.getMessagesUploadServer, to comments through the user token's wall one.
    case 'direct':
      return { ...base, maxTextLength: MESSAGE_MAX, supportsThreads: true, canReplyWithPhoto: true, canReplyWithVideo: hasUserToken, canReplyWithDocument: true };
    case 'comment':
    case 'reply':
      return {
        ...base,
        maxTextLength: COMMENT_MAX,
        supportsThreads: true,
        canReplyWithPhoto: hasUserToken,
        canReplyWithVideo: hasUserToken,
        canReplyWithDocument: hasUserToken,
        notes: hasUserToken ? [] : ['publish-vk-photo-needs-user-token'],
      };
    case 'photo_comment':
    case 'video_comment':
    case 'board_post':
      return hasUserToken
        ? { ...base, maxTextLength: COMMENT_MAX, supportsThreads: kind !== 'board_post', canReplyWithPhoto: true, canReplyWithVideo: true, canReplyWithDocument: true }
        : {
            ...base,
            maxTextLength: COMMENT_MAX,
            supportsThreads: false,
            canReplyWithPhoto: false,
            needsManualPublication: 'publish-vk-manual-needs-user-token',
          };
    case 'wall_post':
      // A suggestion is not public until an admin publishes it, and cannot be commented on.
      return {
        ...base,
        maxTextLength: COMMENT_MAX,
        supportsEditing: false,
        supportsThreads: false,
        canReplyWithPhoto: false,
        needsManualPublication: 'publish-vk-manual-suggested-post',
      };
  }
}
