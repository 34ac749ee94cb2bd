/**
 * VK Bots Long Poll: for installations without a public URL. Events have the
 * Callback API's shape, so they take the webhook's path: each is stored under
 * VK's event_id (a duplicate stores nothing) through the webhook's inbox — one
 * answer's updates in one commit and one ingest job —, and only then does the
 * poll move on — the ts saved in PostgreSQL after each batch, so
 * a restart continues where it stopped and a crash mid-batch re-reads the
 * batch, which the dedupe absorbs.
 *
 * vk-io's own `updates.startPolling()` hands events to handlers before
 * anything is stored and keeps ts in memory, so the loop is written here:
 * `groups.getLongPollServer` through vk-io, then `a_check` requests.
 */
import { createHash } from 'node:crypto';
import { setTimeout as pause } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { vkLongPoll } from '../../platform/db/schema.js';
import { ingestingInbox } from '../inbox.js';
import type { AppContext } from '../context.js';

const serverInfo = z.object({ key: z.string(), server: z.string(), ts: z.union([z.string(), z.number()]).transform(String) });
const answer = z.union([
  z.object({ failed: z.literal(1), ts: z.union([z.string(), z.number()]).transform(String) }),
  z.object({ failed: z.union([z.literal(2), z.literal(3)]) }),
  z.object({ ts: z.union([z.string(), z.number()]).transform(String), updates: z.array(z.unknown()) }),
]);
const update = z.looseObject({ type: z.string(), group_id: z.number().optional(), event_id: z.string().optional() });

export type VkLongPoll = { stop(): Promise<void>; /** Resolves after the first successful check (tests, start-up logs). */ ready: Promise<void> };

export function startVkLongPoll(ctx: AppContext, opts: { waitSeconds?: number } = {}): VkLongPoll {
  const vk = ctx.vk;
  if (!vk) throw new Error('VK long poll needs VK_TOKEN and VK_GROUP_ID');
  const { db } = ctx.database;
  const wait = opts.waitSeconds ?? 25;
  const inbox = ingestingInbox(ctx);
  const abort = new AbortController();
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  // A stop ends the pause at once (Node rejects then; the loop's condition sees why).
  const sleep = (ms: number) => pause(ms, undefined, { signal: abort.signal }).catch(() => undefined);

  async function savedTs(): Promise<string | null> {
    const [row] = await db.select({ ts: vkLongPoll.ts }).from(vkLongPoll).where(eq(vkLongPoll.groupId, vk!.groupId));
    return row?.ts ?? null;
  }
  async function saveTs(ts: string): Promise<void> {
    await db
      .insert(vkLongPoll)
      .values({ groupId: vk!.groupId, ts })
      .onConflictDoUpdate({ target: vkLongPoll.groupId, set: { ts, updatedAt: new Date() } });
  }
  async function newServer() {
    return serverInfo.parse(await vk!.client.api.groups.getLongPollServer({ group_id: vk!.groupId }));
  }

  async function store(raw: unknown): Promise<void> {
    const parsed = update.safeParse(raw);
    if (!parsed.success) return void ctx.log.warn('VK long poll: an update without a type dropped');
    const event = parsed.data;
    if (event.group_id !== undefined && event.group_id !== vk!.groupId) return void ctx.log.warn({ groupId: event.group_id }, 'VK long poll: an event of another community dropped');
    const eventKey = event.event_id ?? createHash('sha256').update(JSON.stringify(raw)).digest('hex');
    await inbox.store({ network: 'vk', eventKey, type: event.type, payload: raw });
  }

  const loop = (async () => {
    let failures = 0;
    let server: z.output<typeof serverInfo> | null = null;
    let ts: string | null = await savedTs().catch(() => null);
    while (!abort.signal.aborted) {
      try {
        if (!server) {
          server = await newServer();
          ts ??= server.ts;
          ctx.log.info({ groupId: vk.groupId }, 'VK long poll connected');
        }
        const url = new URL(server.server.startsWith('http') ? server.server : `https://${server.server}`);
        url.search = new URLSearchParams({ act: 'a_check', key: server.key, ts: ts!, wait: String(wait) }).toString();
        const res = await ctx.outbound.fetch(url, { signal: AbortSignal.any([abort.signal, AbortSignal.timeout((wait + 15) * 1000)]) });
        if (!res.ok) throw new Error(`long poll server answered HTTP ${res.status}`);
        const body = answer.parse(await res.json());
        if ('failed' in body) {
          // 1: history lost or ts out of range — continue from VK's ts; 2: key expired; 3: key and ts lost.
          ctx.log.warn({ failed: body.failed }, 'VK long poll asks to reconnect');
          if (body.failed === 1) ts = body.ts;
          else if (body.failed === 2) server = null;
          else {
            server = null;
            ts = null;
          }
          if (ts !== null) await saveTs(ts);
          continue;
        }
        // All stored (together, by the inbox's group commit) before the ts moves past them.
        const stored = await Promise.allSettled(body.updates.map(store));
        const refused = stored.find((s) => s.status === 'rejected');
        if (refused) throw refused.reason;
        ts = body.ts;
        await saveTs(ts);
        failures = 0;
        markReady();
      } catch (err) {
        if (abort.signal.aborted) break;
        failures += 1;
        server = failures > 2 ? null : server;
        const delay = Math.min(30_000, 500 * 2 ** Math.min(failures, 6));
        ctx.log.error({ err: (err as Error).message, failures }, `VK long poll failed; retrying in ${delay} ms`);
        await sleep(delay);
      }
    }
  })();

  return {
    ready,
    async stop() {
      abort.abort();
      await loop;
    },
  };
}
