import type { NetworkAdapter } from '../types.js';
import { okEventKey, parseOkEvent } from './parse.js';
import { createOkConnection, type OkDeps } from './publish.js';
import { isOkTopicComment, okTopicCommentEventKey, parseOkTopicComment } from './topic-comment.js';

/**
 * OK (Odnoklassniki): the group's chat Bot API webhooks in, messages into the
 * same chat out; comments under the group's topics come from polling
 * (topics.ts) and are answered by hand.
 */
export const okNetwork: NetworkAdapter<'ok', OkDeps> = {
  id: 'ok',
  eventKey: (payload) => (isOkTopicComment(payload) ? okTopicCommentEventKey(payload) : okEventKey(payload)),
  parse: (payload) => (isOkTopicComment(payload) ? parseOkTopicComment(payload) : parseOkEvent(payload)),
  connect: createOkConnection,
  connection: (ctx) => (ctx.ok ? createOkConnection({ client: ctx.ok.client, uploadSettleMs: ctx.env.OK_UPLOAD_SETTLE_MS }) : null),
  joinsConversations: true,
};
