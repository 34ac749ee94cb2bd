import type { NetworkAdapter } from '../types.js';
import { callbackEnvelope } from './callback.js';
import { parseVkEvent } from './normalise.js';
import { createVkConnection, type VkDeps } from './publish.js';

/** VK: Callback API / Bots Long Poll events in, messages.send and createComment out. */
export const vkNetwork: NetworkAdapter<'vk', VkDeps> = {
  id: 'vk',
  eventKey(payload) {
    const envelope = callbackEnvelope.safeParse(payload);
    return envelope.success ? (envelope.data.event_id ?? null) : null;
  },
  parse: parseVkEvent,
  connect: createVkConnection,
};
