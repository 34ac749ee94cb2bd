import type { NetworkAdapter } from '../types.js';
import { callbackEnvelope } from './callback.js';
import { parseVkEvent } from './parse.js';
import { createVkConnection, type VkDeps } from './publish.js';

/** VK: Callback API / Bots Long Poll events in (parse.ts), messages.send and createComment out (publish.ts). */
export const vkNetwork: NetworkAdapter<'vk', VkDeps> = {
  id: 'vk',
  eventKey(payload) {
    const envelope = callbackEnvelope.safeParse(payload);
    return envelope.success ? (envelope.data.event_id ?? null) : null;
  },
  parse: parseVkEvent,
  connect: createVkConnection,
  connection: (ctx) => (ctx.vk ? createVkConnection({ client: ctx.vk.client, groupId: ctx.vk.groupId, userClient: ctx.vk.userClient }) : null),
  joinsConversations: true,
  // VK events carry the author's id only; users.get (cached) gives the name the card shows.
  authorName: async (ctx, authorId) => ctx.vk?.authors.name(authorId),
};
