/**
 * POST /webhooks/ok, the OK group chat webhook. OK wants a 200 within 5 seconds and re-sends
 * otherwise (for up to 8 hours), and it signs nothing: a request is taken
 * only from an allow-listed address (OK_WEBHOOK_ALLOW, by default the
 * ranges OK documents) and only with our group's key in its URL, which
 * only our group's subscription has (ok/webhook-key.ts). The event is
 * stored, deduplicated on OK's message id, before the 200, in a group commit
 * with the deliveries arriving beside it (ingestingInbox, as the VK
 * webhook); the worker does the rest.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { InboxFull, ingestingInbox } from '../../shared/networks/inbox.js';
import { createAllowList, requestSource, trustedProxies } from '../../shared/platform/config/ip-allow.js';
import { okEventKey } from '../../shared/networks/ok/parse.js';
import { carriesOkWebhookKey, okWebhookKey, withOkWebhookKey, withoutOkWebhookKey } from '../../shared/networks/ok/webhook-key.js';
import type { AppContext } from '../../shared/networks/context.js';
import { readJsonObject } from '../http/body.js';
import { send, type Route } from '../../shared/platform/http/server.js';
import type { Metrics } from '../metrics.js';

export function okRoute(ctx: AppContext, metrics: Metrics, opts: { maxWaiting?: number } = {}): Route {
  const allow = createAllowList(ctx.env.OK_WEBHOOK_ALLOW);
  const proxies = trustedProxies(ctx.env.TRUSTED_PROXIES);
  const key = okGroupKey(ctx);
  const inbox = ingestingInbox(ctx, opts);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const answer = (status: number, body: string, outcome: string) => {
      metrics.okWebhooks.inc({ outcome });
      send(res, status, body);
    };
    const source = requestSource(req, proxies);
    if (!allow.allows(source)) {
      ctx.log.warn({ source }, 'OK webhook from an address outside OK_WEBHOOK_ALLOW rejected');
      return answer(403, 'forbidden', 'not_allowed');
    }
    if (!carriesOkWebhookKey(req.url, key)) {
      // From OK, but for a subscription that is not our group's (or our own from before the key): refused,
      // so OK stops after its retries and may drop that subscription; the body is not read.
      ctx.log.warn('OK webhook without this group\'s key rejected: another group\'s subscription, or a forgery');
      return answer(403, 'forbidden', 'wrong_group');
    }
    const body = await readJsonObject(req);
    if ('problem' in body) {
      if (body.problem === 'too_large') return answer(413, 'payload too large', 'too_large');
      // Not a delivery OK makes, and OK would re-send the same bytes for hours: say 200, keep a trace, store nothing.
      ctx.log.warn({ bytes: body.bytes, problem: body.problem }, 'OK webhook with a body that is not a JSON object dropped');
      return answer(200, 'ok', 'invalid');
    }
    const { raw, json } = body;
    const given = (json as { webhookType?: unknown; message?: unknown }).webhookType;
    // Older deliveries carry no webhookType: a message is MESSAGE_CREATED, anything else is kept as unknown.
    const type = typeof given === 'string' ? given.slice(0, 64) : 'message' in json ? 'MESSAGE_CREATED' : 'unknown';
    // A message is one event however often OK delivers it; anything without a message id is keyed by its bytes.
    const eventKey = okEventKey(json) ?? createHash('sha256').update(raw).digest('hex');
    let stored;
    try {
      stored = await inbox.store({ network: 'ok', eventKey, type, payload: json });
    } catch (err) {
      // OK re-sends what is not answered 200 (for up to 8 hours).
      if (err instanceof InboxFull) return answer(503, 'busy', 'busy');
      throw err;
    }
    answer(200, 'ok', stored.fresh ? 'stored' : 'duplicate');
  };
  return { method: 'POST', path: '/webhooks/ok', handle };
}

/** Our group's webhook key, from the group's token (only called where OK is configured, so the token is set). */
function okGroupKey(ctx: AppContext): string {
  return okWebhookKey(ctx.env.OK_BOT_TOKEN ?? '');
}

/** The URL OK is subscribed to for a public webhook URL: with the group's key. */
export function okSubscribedUrl(ctx: AppContext, url: string): string {
  return withOkWebhookKey(url, okGroupKey(ctx));
}

/**
 * Asks OK to post the group's chat events to our webhook, with the group's
 * key in the URL. Subscribing again is harmless; a refusal is logged for the
 * admin and does not stop the bots (the staff bot and the other networks
 * still work). Subscriptions of the same address with no key (made before the
 * key existed) or another key (before the group's token was reissued) are
 * removed: their deliveries would only be refused, and re-sent by OK for hours.
 */
export async function subscribeOk(ctx: AppContext, url: string): Promise<boolean> {
  const client = ctx.ok!.client;
  const logged = withoutOkWebhookKey(url);
  const keyed = okSubscribedUrl(ctx, url);
  const result = await client.subscribe(keyed);
  if (!(result.ok && result.data.success)) {
    ctx.log.error({ url: logged, error: result.ok ? 'success: false' : result.error }, 'OK refused the webhook subscription; check OK_BOT_TOKEN and OK_WEBHOOK_URL');
    return false;
  }
  ctx.log.info({ url: logged }, 'OK webhook subscribed with the group\'s key');
  const listed = await client.subscriptions();
  // Without the list, at least the bare address of earlier versions goes.
  const stale = listed.ok ? listed.data.subscriptions.map((s) => s.url).filter((u) => u !== keyed && sameAddress(u, logged)) : [logged];
  for (const old of stale) {
    const gone = await client.unsubscribe(old);
    if (gone.ok && gone.data.success) ctx.log.info({ url: logged }, 'an older OK webhook subscription of this address removed');
  }
  return true;
}

/** Whether a subscribed URL is this address, whatever key it carries. */
function sameAddress(subscribed: string, address: string): boolean {
  try {
    return withoutOkWebhookKey(subscribed) === address;
  } catch {
    return false;
  }
}
