/**
 * VK API errors: codes and messages from VK's own schema
 * (github.com/VKCOM/vk-api-schema, errors.json, API 5.199).
 */

export interface VkErrorSpec {
  error_code: number;
  error_msg: string;
  /** Extra fields VK adds for some codes (captcha_sid, captcha_img, redirect_uri…). */
  extra?: Record<string, unknown>;
}

export class VkApiError extends Error {
  constructor(readonly spec: VkErrorSpec) {
    super(spec.error_msg);
  }
}

export const vkError = (error_code: number, error_msg: string): VkApiError => new VkApiError({ error_code, error_msg });

export const paramError = (detail: string): VkApiError =>
  vkError(100, `One of the parameters specified was missing or invalid: ${detail}`);

/** Ready-made errors for failNext. */
export const VK_ERRORS = {
  unknownMethod: { error_code: 3, error_msg: 'Unknown method passed' },
  authFailed: { error_code: 5, error_msg: 'User authorization failed: invalid access_token (4).' },
  tooManyRequests: { error_code: 6, error_msg: 'Too many requests per second' },
  flood: { error_code: 9, error_msg: 'Flood control' },
  internal: { error_code: 10, error_msg: 'Internal server error' },
  captcha: { error_code: 14, error_msg: 'Captcha needed' },
  /** A community token calling a method VK allows only with a user token (photos.getWallUploadServer and the like). */
  groupAuth: { error_code: 27, error_msg: 'Group authorization failed: method is unavailable with group auth.' },
  accessDenied: { error_code: 15, error_msg: 'Access denied' },
  /**
   * Commenting a post that no longer exists. VK's schema does not list this
   * case; code 100 with "incorrect post_id" is what VK users report for a post
   * it cannot find (negezor/vk-io#259). A deleted post is assumed to answer alike.
   */
  postDeleted: { error_code: 100, error_msg: 'One of the parameters specified was missing or invalid: incorrect post_id' },
  /** Replying to a deleted comment. Not documented by VK: the wording is an assumption. */
  commentDeleted: {
    error_code: 100,
    error_msg: 'One of the parameters specified was missing or invalid: reply_to_comment is invalid',
  },
  wallAccessPost: { error_code: 210, error_msg: "Access to wall's post denied" },
  /** wall.createComment when comments are closed. */
  commentsClosed: { error_code: 212, error_msg: 'Access to post comments denied' },
  cantSendToUser: { error_code: 901, error_msg: "Can't send messages for users without permission" },
  cantSendPrivacy: { error_code: 902, error_msg: "Can't send messages to this user due to their privacy settings" },
  messageTooLong: { error_code: 914, error_msg: 'Message is too long' },
} as const satisfies Record<string, VkErrorSpec>;
