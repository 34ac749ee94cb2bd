// Moved to the network registry (shared/networks/registry.ts); kept while shared/staffchat/cards/compose.ts imports it from here.
export { connectNetwork } from '../../networks/registry.js';
