/**
 * Which MAX updates this organisation takes (networks.max in its file): the
 * bot may be an admin of chats that are not the administration's channel
 * chat, and their messages are no citizen's posts to the administration.
 * Checked before an update is stored, so they leave no trace.
 */
import type { Org } from '../../platform/config/org.js';

type Probe = { message?: { recipient?: { chat_id?: unknown; chat_type?: unknown } } };

export function maxTakes(org: Org, update: unknown): boolean {
  const scope = org.networks?.max;
  const recipient = (update as Probe | null)?.message?.recipient;
  // Removals name no chat type: they are kept, and match only a message that was taken.
  if (!scope || !recipient) return true;
  if (recipient.chat_type === 'dialog') return scope.dialogs !== false;
  if (recipient.chat_type === 'chat') return !scope.chats || (typeof recipient.chat_id === 'number' && scope.chats.includes(recipient.chat_id));
  return true;
}
