import { networks } from './registry.js';
import type { NetworkConnection } from './types.js';
import type { AppContext } from './context.js';

/**
 * The connection that answers on an incident's network. Without its
 * credentials a network's replies are published by hand, and the card says so.
 */
export function connectNetwork(ctx: AppContext, network: string): NetworkConnection {
  // Each adapter builds its connection from the context's credentials (its own adapter.ts): no switch on names here.
  const adapter = Object.hasOwn(networks, network) ? networks[network as keyof typeof networks] : null;
  return adapter?.connection(ctx) ?? networks.manual.connect();
}
