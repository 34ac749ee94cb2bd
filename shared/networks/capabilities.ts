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

/** Whether an attachment of this kind can go with a reply under these capabilities. */
export function carries(caps: Capabilities, kind: DraftAttachment['kind']): boolean {
  if (caps.needsManualPublication) return false;
  if (kind === 'photo') return caps.canReplyWithPhoto;
  if (kind === 'video') return caps.canReplyWithVideo === true;
  return caps.canReplyWithDocument === true;
}

/**
 * Why some of the draft's videos or documents will not go with the reply (a
 * locale key), or null: the text and whatever the network takes go, the card
 * says what was left out. Photos are `photoLeftOut`'s.
 */
export function filesLeftOut(caps: Capabilities, attachments: readonly DraftAttachment[]): string | null {
  if (caps.needsManualPublication) return null;
  const dropped = attachments.filter((a) => a.kind !== 'photo' && !carries(caps, a.kind));
  if (dropped.length === 0) return null;
  return dropped.some((a) => a.kind === 'video') ? 'card-video-unsupported' : 'card-document-unsupported';
}
