import type { Attachment, InboundMessage, ParsedEvent } from '../types.js';
import { callbackEnvelope, messageNew, wallReply } from './callback.js';

const VK = 'https://vk.com';

function attachmentsOf(list: Array<{ type: string } & Record<string, unknown>>): Attachment[] {
  return list.map((a) => {
    const type = (['photo', 'video', 'doc', 'link', 'audio'] as const).find((t) => t === a.type) ?? 'other';
    const body = a[a.type] as { url?: string; title?: string; sizes?: Array<{ url?: string; width?: number }> } | undefined;
    // A photo has no url of its own, only sizes: the widest is the one staff want to see.
    const url = body?.url ?? body?.sizes?.slice().sort((x, y) => (y.width ?? 0) - (x.width ?? 0))[0]?.url;
    return { type, ...(url ? { url } : {}), ...(body?.title ? { title: body.title } : {}) };
  });
}

/** Turns one VK Callback (or Long Poll) event into an InboundMessage, or says why not. */
export function parseVkEvent(payload: unknown): ParsedEvent {
  const envelope = callbackEnvelope.safeParse(payload);
  if (!envelope.success) return { outcome: 'invalid', reason: 'not a VK callback envelope' };
  const { type, group_id: groupId, object } = envelope.data;

  switch (type) {
    case 'message_new': {
      const parsed = messageNew.safeParse(object);
      if (!parsed.success) return { outcome: 'invalid', reason: `malformed ${type}` };
      const m = parsed.data.message;
      // Messages the community itself sent come back as message_new on some setups; they are not citizens'.
      if (m.from_id <= 0) return { outcome: 'ignored', reason: 'sent by a community' };
      const message: InboundMessage = {
        network: 'vk',
        kind: 'direct',
        sourceKey: `dm:${m.peer_id}:${m.id}`,
        thread: { groupId, peerId: m.peer_id, messageId: m.id },
        author: { id: String(m.from_id), link: `${VK}/id${m.from_id}` },
        text: m.text,
        attachments: attachmentsOf(m.attachments),
        permalink: `${VK}/gim${groupId}?sel=${m.peer_id}&msgid=${m.id}`,
        postedAt: new Date(m.date * 1000),
      };
      return { outcome: 'message', message };
    }
    case 'wall_reply_new': {
      const parsed = wallReply.safeParse(object);
      if (!parsed.success) return { outcome: 'invalid', reason: `malformed ${type}` };
      const c = parsed.data;
      if (c.from_id <= 0) return { outcome: 'ignored', reason: 'written by a community' };
      const parent = c.parents_stack?.at(-1) ?? c.reply_to_comment;
      const wall = `${VK}/wall${c.post_owner_id}_${c.post_id}`;
      const message: InboundMessage = {
        network: 'vk',
        kind: parent ? 'reply' : 'comment',
        sourceKey: `wall:${c.post_owner_id}_${c.post_id}:${c.id}`,
        thread: { ownerId: c.post_owner_id, postId: c.post_id, commentId: c.id, ...(parent ? { parentCommentId: parent } : {}) },
        author: { id: String(c.from_id), link: `${VK}/id${c.from_id}` },
        text: c.text,
        attachments: attachmentsOf(c.attachments),
        permalink: parent ? `${wall}?reply=${c.id}&thread=${parent}` : `${wall}?reply=${c.id}`,
        postedAt: new Date(c.date * 1000),
      };
      return { outcome: 'message', message };
    }
    default:
      return { outcome: 'ignored', reason: `event type ${type} is not handled yet` };
  }
}
