/**
 * Every citizens' network, one entry each. The type demands an adapter for
 * every NetworkId: adding an id to networkIds without wiring it here fails
 * to compile.
 */
import { manualNetwork } from './manual/adapter.js';
import { okNetwork } from './ok/adapter.js';
import { telegramNetwork } from './telegram/adapter.js';
import type { AppContext } from './context.js';
import type { NetworkAdapter, NetworkConnection, NetworkId, ParsedEvent } from './types.js';
import { isNetworkId } from './types.js';
import { vkNetwork } from './vk/adapter.js';

export type NetworkRegistry = { readonly [N in NetworkId]: NetworkAdapter<N, never> };

export const networks = {
  vk: vkNetwork,
  ok: okNetwork,
  telegram: telegramNetwork,
  manual: manualNetwork,
} as const satisfies NetworkRegistry;

/** Routes a stored inbound event to its network's parser. Unknown networks are ignored, never thrown. */
export function parseInboundEvent(network: string, payload: unknown): ParsedEvent {
  if (!isNetworkId(network)) return { outcome: 'ignored', reason: `no parser for network ${network}` };
  return networks[network].parse(payload);
}

/** The adapter of a stored network name, or null for one Otklik does not know. */
export function networkOf(network: string): NetworkAdapter<NetworkId, never> | null {
  return isNetworkId(network) ? networks[network] : null;
}

/**
 * The connection that answers on an incident's network. Without its
 * credentials a network's replies are published by hand, and the card says so.
 */
export function connectNetwork(ctx: AppContext, network: string): NetworkConnection {
  return networkOf(network)?.connection(ctx) ?? networks.manual.connect();
}
