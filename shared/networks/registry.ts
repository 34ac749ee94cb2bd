/**
 * Every citizens' network, one entry each. The type demands an adapter for
 * every NetworkId: adding an id to networkIds without wiring it here fails
 * to compile.
 */
import { manualNetwork } from './manual/adapter.js';
import { maxNetwork } from './max/adapter.js';
import { okNetwork } from './ok/adapter.js';
import { telegramNetwork } from './telegram/adapter.js';
import type { NetworkAdapter, NetworkId, ParsedEvent } from './types.js';
import { isNetworkId } from './types.js';
import { vkNetwork } from './vk/adapter.js';

export type NetworkRegistry = { readonly [N in NetworkId]: NetworkAdapter<N, never> };

export const networks = {
  vk: vkNetwork,
  ok: okNetwork,
  telegram: telegramNetwork,
  max: maxNetwork,
  manual: manualNetwork,
} as const satisfies NetworkRegistry;

/** Routes a stored inbound event to its network's parser. Unknown networks are ignored, never thrown. */
export function parseInboundEvent(network: string, payload: unknown): ParsedEvent {
  if (!isNetworkId(network)) return { outcome: 'ignored', reason: `no parser for network ${network}` };
  return networks[network].parse(payload);
}
