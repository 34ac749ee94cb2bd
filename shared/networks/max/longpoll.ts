/**
 * MAX updates by long polling (GET /updates?marker=&timeout=), for
 * installations without a public URL. Each update is stored through the
 * webhook's inbox (deduplicated on maxEventKey) before the next poll passes
 * its marker, which confirms the batch to MAX: MAX keeps the last confirmed
 * marker itself, so after a restart the first poll without a marker gets
 * what was not confirmed, and the dedupe absorbs any repeat.
 */
import { createHash } from 'node:crypto';
import { setTimeout as pause } from 'node:timers/promises';
import { ingestingInbox } from '../inbox.js';
import type { AppContext } from '../context.js';
import { maxEventKey } from './parse.js';
import { maxTakes } from './scope.js';

export type MaxLongPoll = { stop(): Promise<void>; /** Resolves after the first answered poll. */ ready: Promise<void> };

const TYPES = ['message_created', 'message_edited', 'message_removed'] as const;

/** `staff`: with staff on MAX, takes their updates (and `types` names theirs too) before the citizens' inbox. */
export function startMaxLongPoll(ctx: AppContext, opts: { timeoutSeconds?: number; staff?: (update: unknown) => Promise<boolean>; types?: readonly string[] } = {}): MaxLongPoll {
  const max = ctx.max;
  if (!max) throw new Error('MAX long polling needs MAX_BOT_TOKEN');
  const inbox = ingestingInbox(ctx);
  const abort = new AbortController();
  const timeout = opts.timeoutSeconds ?? 30;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const sleep = (ms: number) => pause(ms, undefined, { signal: abort.signal }).catch(() => undefined);

  async function loop(): Promise<void> {
    let marker: number | undefined;
    let failures = 0;
    while (!abort.signal.aborted) {
      try {
        // Through the raw API, which takes the signal: a stop ends a poll that MAX holds open.
        const answer = await max!.api.raw.subscriptions.getUpdates({ types: (opts.types ?? TYPES).join(','), timeout, ...(marker !== undefined ? { marker } : {}), signal: abort.signal });
        markReady();
        failures = 0;
        for (const update of answer.updates) {
          // A staff update failing is logged by the staff bot's error boundary; the poll goes on.
          if (opts.staff && (await opts.staff(update).catch((err: unknown) => (ctx.log.error({ err: String(err) }, 'MAX staff update failed'), true)))) continue;
          if (!maxTakes(ctx.org, update)) continue;
          const type = typeof update.update_type === 'string' ? update.update_type.slice(0, 64) : 'unknown';
          const eventKey = maxEventKey(update) ?? createHash('sha256').update(JSON.stringify(update)).digest('hex');
          await inbox.store({ network: 'max', eventKey, type, payload: update });
        }
        if (typeof answer.marker === 'number') marker = answer.marker;
      } catch (err) {
        if (abort.signal.aborted) break;
        failures += 1;
        ctx.log.warn({ error: (err as Error).message, failures }, 'MAX long poll failed; retrying');
        await sleep(Math.min(1000 * 2 ** Math.min(failures, 6), 60_000));
      }
    }
  }

  const running = loop();
  return {
    ready,
    async stop() {
      abort.abort();
      await running.catch(() => undefined);
    },
  };
}
