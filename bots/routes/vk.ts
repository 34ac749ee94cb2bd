/**
 * POST /webhooks/vk, the VK Callback API endpoint, present only when VK is configured for it (bots/main.ts:
 * token, group id, VK_CALLBACK_SECRET; not under Bots Long Poll). Every event must name our group and carry
 * the secret. VK re-sends an event until it hears "ok", so the
 * event is stored (deduplicated on VK's event_id) before we answer, and the
 * real work happens in the worker. Callbacks arriving together share one
 * INSERT and one commit (ingestingInbox). vk-io's own transport answers first and
 * processes after; that loses events on a crash, so it is not used here.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { callbackEnvelope } from '../../shared/networks/vk/callback.js';
import { InboxFull, ingestingInbox } from '../../shared/networks/inbox.js';
import type { AppContext } from '../../shared/networks/context.js';
import { readJsonObject } from '../http/body.js';
import { send, type Route } from '../../shared/platform/http/server.js';
import type { Metrics } from '../metrics.js';

function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function vkRoute(ctx: AppContext, metrics: Metrics, opts: { maxWaiting?: number } = {}): Route {
  const { env } = ctx;
  const groupId = ctx.vk?.groupId;
  const secret = env.VK_CALLBACK_SECRET;
  if (!groupId || !secret) throw new Error('the VK callback route needs the community (VK_TOKEN, VK_GROUP_ID) and VK_CALLBACK_SECRET');
  const inbox = ingestingInbox(ctx, opts);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const reject = (status: number, body: string, outcome: string) => {
      metrics.vkCallbacks.inc({ outcome });
      send(res, status, body);
    };
    const body = await readJsonObject(req);
    if ('problem' in body) {
      if (body.problem === 'too_large') return reject(413, 'payload too large', 'too_large');
      return reject(400, body.problem === 'too_deep' ? 'nested too deep' : body.problem === 'not_json' ? 'invalid json' : 'not a VK callback', 'invalid');
    }
    const envelope = callbackEnvelope.safeParse(body.json);
    if (!envelope.success) return reject(400, 'not a VK callback', 'invalid');
    const event = envelope.data;
    if (event.group_id !== groupId) return reject(403, 'unknown group', 'wrong_group');

    if (event.type === 'confirmation') {
      if (!env.VK_CONFIRMATION_CODE) {
        ctx.log.error({ groupId: event.group_id }, 'VK asks for confirmation but VK_CONFIRMATION_CODE is not set');
        return reject(500, 'confirmation code not configured', 'confirmation_unconfigured');
      }
      metrics.vkCallbacks.inc({ outcome: 'confirmation' });
      return send(res, 200, env.VK_CONFIRMATION_CODE);
    }
    if (!sameSecret(event.secret, secret)) {
      ctx.log.warn({ type: event.type, eventId: event.event_id }, 'VK callback with a wrong secret rejected');
      return reject(403, 'forbidden', 'wrong_secret');
    }

    // The secret never goes to the database; the rest of the payload is kept as VK sent it.
    const { secret: _secret, ...payload } = body.json;
    const eventKey = event.event_id ?? createHash('sha256').update(body.raw).digest('hex');
    // Committed (with its neighbours' in one group commit) before "ok"; the batch's fresh events go to the worker as one job.
    let stored;
    try {
      stored = await inbox.store({ network: 'vk', eventKey, type: event.type, payload });
    } catch (err) {
      // VK delivers again whatever is not answered "ok".
      if (err instanceof InboxFull) return reject(503, 'busy', 'busy');
      throw err;
    }
    metrics.vkCallbacks.inc({ outcome: stored.fresh ? 'stored' : 'duplicate' });
    send(res, 200, 'ok');
  };
  return { method: 'POST', path: '/webhooks/vk', handle };
}
