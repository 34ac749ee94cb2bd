import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { webhookCallback, type Bot, type Context } from 'grammy';
import { send, type Handler } from '../../shared/platform/http/server.js';
import { BodyTooLarge, nestsDeeperThan, readBody } from './body.js';

const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A Telegram webhook handler: the secret header first (401), then the body
 * read with our size cap (grammY's own Node adapter reads any size), then
 * grammY. A body that is not a JSON object is no update Telegram sends:
 * 400, never a 500 that would look like a failure to store it.
 */
export function telegramWebhook<C extends Context>(bot: Bot<C>, secret: string): Handler {
  const handleUpdate = webhookCallback(bot, 'callback', { secretToken: secret });
  return async (req: IncomingMessage, res: ServerResponse) => {
    const header = req.headers[SECRET_HEADER];
    if (!sameSecret(header, secret)) {
      req.resume(); // the body is not read, only drained
      return send(res, 401, 'unauthorized');
    }
    let raw: Buffer;
    try {
      raw = await readBody(req);
    } catch (err) {
      if (err instanceof BodyTooLarge) return send(res, 413, 'payload too large');
      throw err;
    }
    if (nestsDeeperThan(raw)) return send(res, 400, 'nested too deep');
    let update: unknown;
    try {
      update = JSON.parse(raw.toString('utf8'));
    } catch {
      return send(res, 400, 'invalid json');
    }
    if (update === null || typeof update !== 'object' || Array.isArray(update)) return send(res, 400, 'not an update');
    let answered = false;
    await handleUpdate(
      update as never,
      (json: string) => {
        answered = true;
        if (json) send(res, 200, json, 'application/json');
        else send(res, 200, '');
      },
      header as string,
      () => {
        answered = true;
        send(res, 401, 'unauthorized');
      },
    );
    if (!answered && !res.headersSent) send(res, 200, '');
  };
}
