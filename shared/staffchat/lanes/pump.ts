/**
 * One run of a chat's pump (the `lane` job): deliver what the chat's buckets
 * allow now, one request at a time, then hand over to a delayed run timed for
 * the next token or the end of a pause. Nobody sleeps in a worker slot, so a
 * chat paused for a minute costs the others nothing.
 */
import { collapseOverdue } from './cards.js';
import type { Settle, Step } from './lane.js';
import { parseItem } from './items/index.js';
import { deliverLive } from './items/live.js';
import { offerMedia } from './media.js';
import { classify } from './outcome.js';
import type { LaneRuntime } from './runtime.js';

/** Requests per run before the slot goes back to other chats' pumps. */
const STEPS_PER_RUN = 20;
/** A run that hit something other than Telegram (the database) retries after this (app clock). */
const TROUBLE_PAUSE_MS = 5_000;

export async function pumpLane(rt: LaneRuntime, chatId: number, run: string): Promise<string> {
  let delivered = 0;
  for (let i = 0; i < STEPS_PER_RUN; i += 1) {
    const step = await rt.lane.next(chatId, run);
    if (step.type === 'idle') return `idle after ${delivered}`;
    if (step.type === 'wait') {
      // Sends slip behind the bucket's schedule (a pause, a slow request): new cards that would now
      // arrive later than promised go to the digest before the chat waits.
      await collapseOverdue(rt, chatId);
      await rt.continueAfter(chatId, rt.clock.realMs(step.ms));
      return `${delivered} delivered, next in ${step.ms} ms`;
    }
    if (step.type === 'busy') {
      await rt.continueAfter(chatId, step.realMs);
      return `${delivered} delivered, another request in flight`;
    }
    const { settle, trouble } = await deliverStep(rt, chatId, step);
    if (settle.op === 'done' && settle.shown < step.want) {
      // The row shows less than was asked for when this step began, which a committed version cannot do:
      // take it as shown rather than edit again and again.
      rt.ctx.log.warn({ chatId, item: step.item, shown: settle.shown, want: step.want }, 'lane item behind the version asked for');
      settle.shown = step.want;
    }
    const outcome = await rt.lane.settle(chatId, step, settle);
    if (settle.op === 'done') delivered += 1;
    if (settle.op === 'done' && step.item.startsWith('c')) {
      // The photos and videos that belong under the card here follow it in the same lane, once each. The card
      // is already in the chat: a failure here must not hold the lane (its next delivery offers them again).
      await offerMedia(rt.ctx, Number(step.item.slice(1)), chatId).catch((err: unknown) =>
        rt.ctx.log.warn({ err, chatId, item: step.item }, 'media not offered now; the next delivery of the card offers them again'),
      );
    }
    rt.ctx.log.debug({ chatId, item: step.item, kind: step.kind, op: settle.op, outcome }, 'lane step');
    if (trouble) {
      await rt.continueAfter(chatId, rt.clock.realMs(TROUBLE_PAUSE_MS));
      return `${delivered} delivered, then trouble`;
    }
  }
  await rt.continueAfter(chatId, 0);
  return `${delivered} delivered, yielded`;
}

async function deliverStep(rt: LaneRuntime, chatId: number, step: Extract<Step, { type: 'go' }>): Promise<{ settle: Settle; trouble?: boolean }> {
  const log = rt.ctx.log;
  const parsed = parseItem(step.item);
  if (!parsed) {
    log.error({ chatId, item: step.item }, 'lane item of unknown kind dropped');
    return { settle: { op: 'drop' } };
  }
  try {
    return { settle: await deliverLive(rt, chatId, step.kind, parsed.source, parsed.id) };
  } catch (err) {
    let failure;
    try {
      failure = classify(err);
    } catch {
      log.error({ err, chatId, item: step.item }, 'lane delivery failed outside Telegram');
      return { settle: { op: 'later' }, trouble: true };
    }
    if (failure.type === 'flood') {
      // Only this chat waits; the item stays first in its line and goes again after retry_after.
      log.warn({ chatId, item: step.item, retryAfterMs: failure.retryAfterMs }, 'telegram 429: chat paused');
      return { settle: { op: 'pause', ms: failure.retryAfterMs } };
    }
    log.warn({ chatId, item: step.item, reason: failure.type === 'retry' ? failure.reason : failure.type }, 'lane delivery failed, will retry');
    return { settle: { op: 'later' } };
  }
}
