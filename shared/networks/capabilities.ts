import type { DraftAttachment } from '../core/incident/index.js';
import type { Capabilities } from './types.js';

/**
 * Why the draft's photos will not go with the reply (a locale key), or null:
 * the network takes no photo there (a VK comment without VK_USER_TOKEN), so
 * the text goes alone. Nothing when the reply is published by hand anyway.
 */
export function photoLeftOut(caps: Capabilities, attachments: readonly DraftAttachment[]): string | null {
  if (caps.needsManualPublication || caps.canReplyWithPhoto || !attachments.some((a) => a.kind === 'photo')) return null;
  return caps.notes[0] ?? 'card-photo-unsupported';
}
