import type { NetworkAdapter } from '../types.js';
import { okEventKey, parseOkEvent } from './normalise.js';
import { createOkConnection, type OkDeps } from './publish.js';

/** OK (Odnoklassniki): the group's chat Bot API webhooks in, messages into the same chat out. */
export const okNetwork: NetworkAdapter<'ok', OkDeps> = {
  id: 'ok',
  eventKey: okEventKey,
  parse: parseOkEvent,
  connect: createOkConnection,
};
