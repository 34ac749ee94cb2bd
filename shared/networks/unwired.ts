/**
 * A placeholder for a network whose adapter has not landed yet: the registry
 * stays complete (and compiles), its events are kept but ignored, and its
 * replies are published by hand.
 */
import { byHandConnection } from './manual/adapter.js';
import type { NetworkAdapter, NetworkId } from './types.js';

export function unwiredNetwork<N extends NetworkId>(id: N): NetworkAdapter<N, void> {
  return {
    id,
    eventKey: () => null,
    parse: () => ({ outcome: 'ignored', reason: `the ${id} adapter is not wired yet` }),
    connect: () => byHandConnection(id, 'publish-network-unwired'),
    connection: () => byHandConnection(id, 'publish-network-unwired'),
    joinsConversations: true,
  };
}
