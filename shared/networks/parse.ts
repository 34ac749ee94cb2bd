import type { ParsedEvent } from './types.js';
import { parseVkEvent } from './vk/normalise.js';

/** Routes a stored inbound event to its network's parser. */
export function parseInboundEvent(network: string, payload: unknown): ParsedEvent {
  switch (network) {
    case 'vk':
      return parseVkEvent(payload);
    default:
      return { outcome: 'ignored', reason: `no parser for network ${network}` };
  }
}
