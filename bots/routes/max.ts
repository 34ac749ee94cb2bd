/**
 * POST /webhooks/max, MAX's webhook, present only when MAX is configured for
 * it (MAX_BOT_TOKEN and MAX_WEBHOOK_SECRET). Every delivery must carry our
 * secret in `X-Max-Bot-Api-Secret` (POST /subscriptions gave it to MAX);
 * anything else is refused unread. MAX re-sends what is not answered 200, so
 * the update is stored (deduplicated, see maxEventKey) before the answer, in
 * a group commit with the deliveries arriving beside it; the worker does the rest.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { UpdateType } from '@maxhub/max-bot-api/types';
import { MAX_STAFF_UPDATE_TYPES } from '../max/staff-updates.js';
import { InboxFull, ingestingInbox } from '../../shared/networks/inbox.js';
import type { AppContext } from '../../shared/networks/context.js';
import { maxEventKey } from '../../shared/networks/max/parse.js';
import { maxTakes } from '../../shared/networks/max/scope.js';
import { readJsonObject } from '../http/body.js';
import { send, type Route } from '../../shared/platform/http/server.js';
import type { Metrics } from '../metrics.js';

function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `staff`: with staff on MAX, takes their updates before the citizens' inbox (bots/max/staff-updates.ts). */
export function maxRoute(ctx: AppContext, metrics: Metrics, opts: { maxWaiting?: number; staff?: (update: unknown) => Promise<boolean> } = {}): Route {
  const secret = ctx.env.MAX_WEBHOOK_SECRET;
  if (!ctx.max || !secret) throw new Error('the MAX webhook route needs MAX_BOT_TOKEN and MAX_WEBHOOK_SECRET');
  const inbox = ingestingInbox(ctx, opts);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const answer = (status: number, body: string, outcome: string) => {
      metrics.maxWebhooks.inc({ outcome });
      send(res, status, body);
    };
    if (!sameSecret(req.headers['x-max-bot-api-secret'], secret)) {
      ctx.log.warn('MAX webhook without our secret rejected');
      return answer(403, 'forbidden', 'wrong_secret');
    }
    const body = await readJsonObject(req);
    if ('problem' in body) {
      if (body.problem === 'too_large') return answer(413, 'payload too large', 'too_large');
      // Not a delivery MAX makes: 200 so that it is not re-sent, stored nowhere.
      if (body.problem === 'not_json') ctx.log.warn({ bytes: body.bytes }, 'MAX webhook with a body that is not JSON dropped');
      return answer(200, 'ok', 'invalid');
    }
    const { raw, json } = body;
    if (opts.staff && (await opts.staff(json))) return answer(200, 'ok', 'staff');
    if (!maxTakes(ctx.org, json)) return answer(200, 'ok', 'out_of_scope');
    const given = (json as { update_type?: unknown }).update_type;
    const type = typeof given === 'string' ? given.slice(0, 64) : 'unknown';
    const eventKey = maxEventKey(json) ?? createHash('sha256').update(raw).digest('hex');
    let stored;
    try {
      stored = await inbox.store({ network: 'max', eventKey, type, payload: json });
    } catch (err) {
      if (err instanceof InboxFull) return answer(503, 'busy', 'busy');
      throw err;
    }
    answer(200, 'ok', stored.fresh ? 'stored' : 'duplicate');
  };
  return { method: 'POST', path: '/webhooks/max', handle };
}

/** The update types Otklik reads from MAX. */
export const MAX_UPDATE_TYPES = ['message_created', 'message_edited', 'message_removed'] as const;

/** With staff on MAX, their taps and deep-link starts too. */
export const maxUpdateTypes = (ctx: AppContext): UpdateType[] => [...MAX_UPDATE_TYPES, ...(ctx.staffMessenger?.kind === 'max' ? MAX_STAFF_UPDATE_TYPES : [])];

/**
 * Asks MAX to POST the bot's updates to our webhook with the secret. Subscribing again is harmless; a refusal is
 * logged for the admin and does not stop the bots.
 */
export async function subscribeMax(ctx: AppContext, url: string): Promise<boolean> {
  const secret = ctx.env.MAX_WEBHOOK_SECRET;
  if (!ctx.max || !secret) return false;
  try {
    const result = await ctx.max.api.subscribe(url, secret, [...maxUpdateTypes(ctx)]);
    if (!result.success) throw new Error(result.message ?? 'success: false');
    ctx.log.info({ url }, 'MAX webhook subscribed');
    return true;
  } catch (err) {
    ctx.log.error({ url, error: (err as Error).message }, 'MAX refused the webhook subscription; check MAX_BOT_TOKEN and MAX_WEBHOOK_URL');
    return false;
  }
}
