import type { NetworkAdapter } from '../types.js';
import { maxEventKey, parseMaxEvent } from './parse.js';
import { createMaxConnection, type MaxDeps } from './publish.js';

/**
 * MAX (the national messenger): messages to the administration's bot and
 * comments in its channel's chat come by webhook (/webhooks/max) or long
 * polling; replies go to the same chat as a reply to the citizen's message.
 */
export const maxNetwork: NetworkAdapter<'max', MaxDeps> = {
  id: 'max',
  eventKey: maxEventKey,
  parse: parseMaxEvent,
  connect: createMaxConnection,
  connection: (ctx) => (ctx.max ? createMaxConnection({ api: ctx.max.api }) : null),
  joinsConversations: true,
};
