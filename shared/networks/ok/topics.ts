/**
 * Polling the comments under the OK group's topics. OK pushes nothing for
 * them (its webhook carries chat messages only), so a BullMQ job scheduler
 * runs `pollOkTopics` every OK_TOPICS_POLL_SECONDS: it lists the group's
 * latest topics (mediatopic.getTopics) and reads each one's comments forward
 * from the anchor kept in PostgreSQL (discussions.getComments). Every comment
 * is stored as an inbound event under its OK id (a second read stores
 * nothing) and queued for ingest before the anchor moves, as the VK long poll
 * does; a crash re-reads a page and the dedupe absorbs it.
 *
 * Topics that existed before polling began are fast-forwarded on first
 * sight: their old comments are not turned into incidents.
 */
import { and, eq } from 'drizzle-orm';
import type { Env } from '../../platform/config/env.js';
import type { Org } from '../../platform/config/org.js';
import { okTopicCursors, okTopicPolls } from '../../platform/db/schema.js';
import { storeInboundEvent } from '../inbox.js';
import type { AppContext } from '../context.js';
import type { OkFailure } from './client.js';
import { okErrorOf } from './errors.js';
import { createOkRestClient, type OkRestClient } from './rest.js';
import type { OkRestTopic } from './rest-wire.js';
import { okTopicCommentEvent, okTopicCommentKey } from './topic-comment.js';

export type OkTopicsConfig = {
  client: OkRestClient;
  groupId: string;
  /** How many of the latest topics each poll walks. */
  topics: number;
  /** Comments per discussions.getComments page (OK allows up to 100). */
  pageSize?: number;
  /** Pages per topic per poll, so one busy topic cannot hold the poll forever; the rest comes next time. */
  maxPages?: number;
  everyMs: number;
};

export type PollResult =
  | { ok: true; topics: number; stored: number; fresh: number; skippedOld: number; failedTopics: number }
  | { ok: false; error: OkFailure };

/** Topic polling as configured, or null (and why) when it is off. */
export function okTopicsConfig(env: Env, org: Org, fetch?: typeof globalThis.fetch): { config: OkTopicsConfig | null; reason: string } {
  if (!env.OK_APP_KEY || !env.OK_APP_SECRET || !env.OK_ACCESS_TOKEN) {
    return { config: null, reason: 'OK topic comments are not polled: OK_APP_KEY, OK_APP_SECRET and OK_ACCESS_TOKEN are not set' };
  }
  const groupId = env.OK_GROUP_ID ?? org.networks?.ok?.groupId;
  if (!groupId) return { config: null, reason: 'OK topic comments are not polled: set OK_GROUP_ID or networks.ok.groupId in the organisation file' };
  const client = createOkRestClient({ appKey: env.OK_APP_KEY, appSecret: env.OK_APP_SECRET, accessToken: env.OK_ACCESS_TOKEN, apiRoot: env.OK_API_ROOT, ...(fetch ? { fetch } : {}) });
  return { config: { client, groupId, topics: env.OK_TOPICS_COUNT, everyMs: env.OK_TOPICS_POLL_SECONDS * 1000 }, reason: 'on' };
}

const configs = new WeakMap<AppContext, ReturnType<typeof okTopicsConfig>>();
/** One client per context: the job runs every minute. */
export function okTopicsOf(ctx: AppContext): ReturnType<typeof okTopicsConfig> {
  let c = configs.get(ctx);
  if (!c) configs.set(ctx, (c = okTopicsConfig(ctx.env, ctx.org, ctx.outbound.fetch)));
  return c;
}

export const OK_TOPICS_SCHEDULER_ID = 'ok-topics-every';

/** Puts the poll's job scheduler in place (idempotent, every replica each minute), or removes it when polling is off. */
export async function scheduleOkTopics(ctx: AppContext): Promise<void> {
  const { config } = okTopicsOf(ctx);
  const queue = ctx.queues.queue('okTopics');
  if (!config) {
    await queue.removeJobScheduler(OK_TOPICS_SCHEDULER_ID);
    return;
  }
  await queue.upsertJobScheduler(OK_TOPICS_SCHEDULER_ID, { every: config.everyMs }, { name: 'okTopics', data: {} });
}

/**
 * One scheduled poll (the worker's okTopics job), as a short outcome for the
 * logs. A temporary failure (OK down, a rate limit) is logged and left to
 * the next tick, which comes within a minute anyway; a permanent one (a
 * revoked token, a wrong secret) is logged as an error every tick until an
 * admin fixes the configuration.
 */
export async function pollOkTopicsOnce(ctx: AppContext): Promise<string> {
  const { config, reason } = okTopicsOf(ctx);
  if (!config) return reason;
  const r = await pollOkTopics(ctx, config);
  if (!r.ok) {
    const mapped = okErrorOf(r.error);
    const fields = { code: mapped.code, kind: mapped.kind, groupId: config.groupId };
    if (mapped.kind === 'permanent') ctx.log.error(fields, 'OK topic comments cannot be read: check OK_APP_KEY, OK_APP_SECRET, OK_ACCESS_TOKEN and the group id');
    else ctx.log.warn(fields, 'OK topic comments not read this time');
    return `failed: ${mapped.code}`;
  }
  return `${r.topics} topics, ${r.fresh} new comments of ${r.stored} read, ${r.skippedOld} old skipped, ${r.failedTopics} topics failed`;
}

type Ctx = Pick<AppContext, 'database' | 'queues' | 'log' | 'clock'>;

export async function pollOkTopics(ctx: Ctx, cfg: OkTopicsConfig): Promise<PollResult> {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const pageSize = cfg.pageSize ?? 100;
  const maxPages = cfg.maxPages ?? 20;

  await db.insert(okTopicPolls).values({ groupId: cfg.groupId, startedAt: now }).onConflictDoNothing();
  const [poll] = await db.select().from(okTopicPolls).where(eq(okTopicPolls.groupId, cfg.groupId));
  const startedAt = poll!.startedAt.getTime();

  const listed = await cfg.client.groupTopics(cfg.groupId, cfg.topics);
  if (!listed.ok) return { ok: false, error: listed.error };

  let stored = 0;
  let fresh = 0;
  let skippedOld = 0;
  let failedTopics = 0;

  const saveAnchor = async (topicId: string, anchor: string | null) => {
    await db
      .insert(okTopicCursors)
      .values({ groupId: cfg.groupId, topicId, anchor, updatedAt: now })
      .onConflictDoUpdate({ target: [okTopicCursors.groupId, okTopicCursors.topicId], set: { anchor, updatedAt: now } });
  };

  const walk = async (topic: OkRestTopic, anchor: string | null, take: boolean): Promise<boolean> => {
    for (let page = 0; page < maxPages; page += 1) {
      const r = await cfg.client.topicComments(topic.id, { anchor, count: pageSize });
      if (!r.ok) {
        ctx.log.warn({ topicId: topic.id, error: r.error }, 'OK topic comments not read; next poll retries');
        return false;
      }
      for (const comment of r.data.comments) {
        if (!take) {
          skippedOld += 1;
          continue;
        }
        const s = await storeInboundEvent(db, {
          network: 'ok',
          eventKey: okTopicCommentKey(topic.id, comment.id),
          type: 'topic_comment',
          payload: okTopicCommentEvent(cfg.groupId, topic.id, comment, now),
        });
        stored += 1;
        if (s.fresh) {
          fresh += 1;
          await ctx.queues
            .enqueue('ingest', { inboundEventId: s.id })
            .catch((err: Error) => ctx.log.warn({ err: err.message, inboundEventId: s.id }, 'enqueue failed; reconciler will retry'));
        }
      }
      // Stored first, then the place moves: a crash in between re-reads this page, which the dedupe absorbs.
      anchor = r.data.anchor ?? anchor;
      await saveAnchor(topic.id, anchor);
      if (!r.data.has_more) break;
    }
    return true;
  };

  // Oldest topic first, so incidents open in the order people wrote.
  for (const topic of [...listed.data].reverse()) {
    const [cursor] = await db
      .select()
      .from(okTopicCursors)
      .where(and(eq(okTopicCursors.groupId, cfg.groupId), eq(okTopicCursors.topicId, topic.id)));
    const ok = cursor
      ? await walk(topic, cursor.anchor, true)
      : // First sight: a topic from before polling began is fast-forwarded; a new one is read from its first comment.
        await walk(topic, null, topic.created_ms !== undefined && topic.created_ms >= startedAt);
    if (!ok) failedTopics += 1;
  }
  await db.update(okTopicPolls).set({ polledAt: now }).where(eq(okTopicPolls.groupId, cfg.groupId));
  return { ok: true, topics: listed.data.length, stored, fresh, skippedOld, failedTopics };
}
