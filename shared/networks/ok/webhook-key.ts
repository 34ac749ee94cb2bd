/**
 * Which group an OK delivery is for. OK signs nothing and its webhook
 * message names only the chat (`recipient.chat_id`), never the group, and
 * chat ids say nothing about their group; the source allow-list proves only
 * that OK's servers sent it — and OK posts for any group whose admin
 * subscribed our URL. So the URL we subscribe carries a key of our group:
 * an HMAC of the group's token, which OK repeats on every delivery of that
 * subscription and nobody else's subscription has. It costs one comparison
 * per request and no call to OK (a chat lookup with the group's token would
 * make storing a citizen's message depend on OK's API answering), and it
 * changes with the token, which is re-subscribed at start. The token itself
 * never leaves: an HMAC does not reveal it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The query parameter that carries the key. */
export const OK_WEBHOOK_KEY_PARAM = 'key';

/** This group's key: 32 URL-safe characters (192 bits) from the group's token. */
export function okWebhookKey(groupToken: string): string {
  return createHmac('sha256', groupToken).update('otklik: OK webhook deliveries for this group').digest('base64url').slice(0, 32);
}

/** The URL to subscribe: the public webhook URL with the group's key. */
export function withOkWebhookKey(url: string, key: string): string {
  const u = new URL(url);
  u.searchParams.set(OK_WEBHOOK_KEY_PARAM, key);
  return u.toString();
}

/** The URL without its key, for logs: the key is a credential. */
export function withoutOkWebhookKey(url: string): string {
  const u = new URL(url);
  u.searchParams.delete(OK_WEBHOOK_KEY_PARAM);
  return u.toString();
}

/** Whether a request's URL (path and query, as node:http gives it) carries exactly this key; constant-time. */
export function carriesOkWebhookKey(requestUrl: string | undefined, key: string): boolean {
  let given: string[];
  try {
    given = new URL(requestUrl ?? '/', 'http://localhost').searchParams.getAll(OK_WEBHOOK_KEY_PARAM);
  } catch {
    return false;
  }
  if (given.length !== 1) return false;
  const a = Buffer.from(given[0]!);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}
