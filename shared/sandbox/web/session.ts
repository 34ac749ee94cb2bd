/**
 * One run of the training sandbox: the real bots and worker on their own
 * database and queue prefix, the fake Telegram, VK and OK (and the fake MAX
 * when staff work there), and the clock. A
 * trainer's reset ends a session and starts a fresh one on a new database in
 * the same embedded PostgreSQL; nothing of a session is kept.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { Org } from '../../platform/config/org.js';
import type { Logger } from '../../platform/log.js';
import { reconcile } from '../../flows/reconcile/reconcile.js';
import { reportTick as reportTickJob } from '../../../worker/jobs/report.js';
import { messageNew, postVkCallback, wallReplyNew } from '../fakes/vk-callback.js';
import type { FakeMax } from '../fakes/max.js';
import type { FakeOk } from '../fakes/ok.js';
import type { FakeTelegram } from '../fakes/telegram.js';
import type { FakeVk } from '../fakes/vk.js';
import { startFakeNetworks, startWiredSystem, type WiredSystem } from '../demo/harness.js';
import { maxStaff, telegramStaff, type StaffSide } from '../demo/staff-side.js';
import { maxView, telegramView, type StaffMessengerId, type StaffView } from './staff-view.js';
import { sandboxClock, type SandboxClock } from './clock.js';

/** The administration's post citizens comment under in the VK pane. */
export const SANDBOX_POST_ID = 101;

export type CitizenNetwork = 'vk' | 'ok' | 'telegram';
export type CitizenKind = 'message' | 'comment';

/** What a citizen wrote in the sandbox, for their pane (the networks hold only what the administration sent). */
/** `photo`: the page's own (relative) address of the photo the citizen attached. */
export type CitizenEntry = { network: CitizenNetwork; thread: string; author: number; text: string; photo?: string; at: number; /** A VK comment's id, to answer the replies to it. */ commentId?: number };

export type Session = {
  readonly org: Org;
  readonly clock: SandboxClock;
  readonly telegram: FakeTelegram;
  readonly vk: FakeVk;
  readonly ok: FakeOk;
  /** The fake MAX, when staff work there. */
  readonly max: FakeMax | null;
  /** Where staff work: what they do there goes through `staff`, what they see is read through `staffView`. */
  readonly messenger: StaffMessengerId;
  readonly staff: StaffSide;
  readonly staffView: StaffView;
  readonly system: WiredSystem;
  readonly citizens: CitizenEntry[];
  /** Photos citizens attached, served to the system (it downloads them as from a network's CDN). */
  readonly photos: Map<string, { bytes: Buffer; type: string }>;
  /** A file shown on the page by its id: a Telegram file (a citizen's or staff's), or one in the staff messenger. */
  file(id: string): { bytes: Buffer; type: string } | undefined;
  citizenWrites(input: { network: CitizenNetwork; kind: CitizenKind; author: number; name: string; text: string; photo?: { bytes: Buffer; type: string } }): Promise<void>;
  /** Moves the clock and re-plans what waits on it. */
  jump(to: 'next-deadline' | 'tomorrow-9' | 'plus-hour'): Promise<number>;
  setSpeed(speed: number): Promise<void>;
  stop(): Promise<void>;
};

export type SessionOptions = {
  /** The organisation; its `messenger` says where staff work (Telegram by default). */
  org: Org;
  /** A server URL of the embedded PostgreSQL (any database): the session creates its own. */
  databaseUrl: string;
  redisUrl: string;
  log: Logger;
  /** Where the sandbox's web server serves citizens' photos from, e.g. http://127.0.0.1:8090. */
  photoBaseUrl: string;
  /** Names this session's database and queues apart from other sessions' (earlier ones, other sandboxes). */
  name: string;
};

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh database for a session, in the running PostgreSQL. */
async function freshDatabase(serverUrl: string, name: string): Promise<string> {
  await onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function startSession(opts: SessionOptions): Promise<Session> {
  const { org, log } = opts;
  const clock = sandboxClock();
  if (!/^[a-z0-9_]+$/.test(opts.name)) throw new Error(`sandbox session name must be [a-z0-9_]: ${opts.name}`);
  const databaseUrl = await freshDatabase(opts.databaseUrl, opts.name);
  const messenger: StaffMessengerId = org.messenger ?? 'telegram';
  const fakes = await startFakeNetworks(org, { now: () => clock.now().getTime(), messenger });
  const system = await startWiredSystem({
    org,
    urls: fakes.urls,
    databaseUrl,
    redisUrl: opts.redisUrl,
    log,
    clock,
    queuePrefix: opts.name,
  });
  const { telegram, vk, ok, max } = fakes;
  const staff = max ? maxStaff(max) : telegramStaff(telegram);
  // A file the bot passed on by its address (a citizen's photo, served here) is shown from the page's own address.
  const pageUrl = (url: string) => (url.startsWith(opts.photoBaseUrl) ? url.slice(opts.photoBaseUrl.length) : url);
  const staffView = max ? maxView(max, org, pageUrl) : telegramView(telegram, org);
  const ctx = system.system.ctx;
  const citizens: CitizenEntry[] = [];
  const photos = new Map<string, { bytes: Buffer; type: string }>();
  let photoSeq = 0;

  // Staff pressed «Старт» in their private chats, as the organisation file asks of them (named, so the messenger knows them by name).
  for (const person of org.staff) {
    if (max) max.startBot({ userId: person.telegramId, name: person.name });
    else telegram.injectMessage({ chatId: person.telegramId, from: { id: person.telegramId, first_name: person.name, last_name: '' }, text: '/start' });
  }

  // Report ticks are a 15-minute cron on the wall's clock; on a fast clock the sandbox ticks itself, as the
  // worker's job does: reports, and the dismissals recorded with /dismiss.
  const reportTick = () => reportTickJob.handle({}, ctx);
  const ticker = setInterval(() => {
    reportTick().catch((err: unknown) => log.warn({ err }, 'sandbox: report tick failed'));
  }, 5_000);
  ticker.unref();

  /** After the clock moved: every waiting timer job is planned again from PostgreSQL with the new delays. */
  async function retime(): Promise<void> {
    // Timer steps and the cards' deadline-mark redraws both wait on the clock; the reconciler plans both again.
    for (const name of ['timer', 'cardMarks'] as const) {
      for (const job of await ctx.queues.queue(name).getDelayed()) {
        await job.remove().catch(() => undefined); // one a worker holds right now finishes as planned
      }
    }
    await reconcile(ctx);
    await reportTick();
  }

  /** The virtual moment the earliest waiting timer job fires at. */
  async function nextDeadline(): Promise<number | undefined> {
    const delayed = await ctx.queues.queue('timer').getDelayed();
    const realNow = Date.now();
    const fires = delayed.map((j) => j.timestamp + (j.delay ?? 0)).filter((t) => Number.isFinite(t));
    if (!fires.length) return undefined;
    return clock.now().getTime() + Math.max(0, Math.min(...fires) - realNow) * clock.speed;
  }

  return {
    org,
    clock,
    telegram,
    vk,
    ok,
    max,
    messenger,
    staff,
    staffView,
    system,
    citizens,
    photos,
    file(id) {
      const f = telegram.file(id);
      return f ? { bytes: f.bytes, type: f.mime_type ?? 'image/jpeg' } : staffView.file(id);
    },
    async citizenWrites(input) {
      const at = clock.now().getTime();
      let photoUrl: string | undefined;
      if (input.photo) {
        photoSeq++;
        const id = randomUUID();
        photos.set(id, input.photo);
        photoUrl = `${opts.photoBaseUrl}/photos?id=${id}`;
      }
      const pagePhoto = photoUrl?.slice(opts.photoBaseUrl.length);
      const entry = (thread: string): CitizenEntry => ({ network: input.network, thread, author: input.author, text: input.text, at, ...(pagePhoto ? { photo: pagePhoto } : {}) });
      if (input.network === 'vk') {
        const attachments = photoUrl ? [vkPhoto(input.author, photoSeq, photoUrl)] : undefined;
        const secret = system.env.VK_CALLBACK_SECRET!;
        const date = Math.floor(at / 1000);
        // A citizen who writes again under the post answers the administration's latest reply in the thread
        // (a clarification asked, an answer disputed), as VK's "reply" does.
        const own = new Set(citizens.filter((c) => c.author === input.author && c.commentId !== undefined).map((c) => c.commentId!));
        const answered = [...vk.sent]
          .reverse()
          .find((x) => x.kind === 'comment' && x.postId === SANDBOX_POST_ID && [x.replyToComment, ...x.parentsStack].some((id) => id !== undefined && own.has(id)));
        const reply = answered ? { replyToComment: answered.id } : {};
        const event =
          input.kind === 'comment'
            ? wallReplyNew({ groupId: vk.group.id, secret, fromId: input.author, postId: SANDBOX_POST_ID, text: input.text, date, ...reply, ...(attachments ? { attachments } : {}) })
            : messageNew({ groupId: vk.group.id, secret, fromId: input.author, text: input.text, date, ...(attachments ? { attachments } : {}) });
        const commentId = input.kind === 'comment' ? (event.object as { id: number }).id : undefined;
        citizens.push({ ...entry(input.kind === 'comment' ? `vk:post:${SANDBOX_POST_ID}` : `vk:dm:${input.author}`), ...(commentId ? { commentId } : {}) });
        const res = await postVkCallback(system.vkWebhookUrl, event);
        if (res.status !== 200) throw new Error(`VK delivery answered ${res.status}`);
      } else if (input.network === 'ok') {
        citizens.push(entry(`ok:${input.author}`));
        await ok.citizenWrites({ userId: input.author, name: input.name, text: input.text, ...(photoUrl ? { photos: [photoUrl] } : {}) });
      } else {
        // The Telegram pane reads the private chat itself (both sides are in the fake), so nothing is logged here.
        telegram.injectMessage({
          chatId: input.author,
          from: { id: input.author, first_name: input.name, last_name: '' },
          ...(input.photo ? { photo: input.photo.bytes, caption: input.text } : { text: input.text }),
        });
      }
    },
    async jump(to) {
      const now = clock.now().getTime();
      let target: number;
      if (to === 'plus-hour') target = now + 3600_000;
      else if (to === 'tomorrow-9') target = DateTime.fromMillis(now, { zone: org.timezone }).plus({ days: 1 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 }).toMillis();
      else target = ((await nextDeadline()) ?? now + 3600_000) + 1_000;
      clock.jumpTo(Math.max(now, target));
      await retime();
      return clock.now().getTime();
    },
    async setSpeed(speed) {
      clock.setSpeed(speed);
      await retime();
    },
    async stop() {
      clearInterval(ticker);
      await system.stop();
      await fakes.close();
      // Nothing of a session is kept: its queues go with it, its database too.
      const redis = new Redis(opts.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
      try {
        await redis.connect();
        const keys = await redis.keys(`${opts.name}:*`);
        if (keys.length) await redis.del(...keys);
      } catch {
        /* a Redis that is gone has nothing left to clean */
      } finally {
        redis.disconnect();
      }
      await onServer(opts.databaseUrl, `DROP DATABASE IF EXISTS ${opts.name} WITH (FORCE)`).catch(() => undefined);
    },
  };
}

/** A VK photo attachment as the Callback API carries it: sizes with URLs on the CDN (here, the sandbox). */
function vkPhoto(ownerId: number, id: number, url: string) {
  return {
    type: 'photo',
    photo: { album_id: -3, date: Math.floor(Date.now() / 1000), id: 457_000_000 + id, owner_id: ownerId, access_key: 'sandbox', sizes: [{ height: 600, type: 'x', width: 800, url }], text: '' },
  };
}
