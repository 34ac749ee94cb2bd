/**
 * What every process (bots, worker, demo) shares: configuration, the database,
 * the queues and the network clients. Built once by a factory, passed down
 * explicitly; nothing is created on import.
 */
import { Api } from 'grammy';
import { autoRetry } from '@grammyjs/auto-retry';
import type { Redis } from 'ioredis';
import type { VK } from 'vk-io';
import type { Env } from '../platform/config/env.js';
import { orgProfile, type Org } from '../platform/config/org.js';
import { WorkTime, type Profile } from '../core/sla/index.js';
import type { WorkflowRules } from '../core/incident/index.js';
import { workflowRules } from '../core/sla/workflow-rules.js';
import { connectDatabase, type Database } from '../platform/db/client.js';
import { createQueues, type Queues } from '../platform/jobs/queues.js';
import type { Logger } from '../platform/log.js';
import { createVkAuthors, type VkAuthors } from './vk/authors.js';
import { createVkClient } from './vk/client.js';
import { createOkClient, type OkClient } from './ok/client.js';
import { createMaxApi, type MaxApi } from './max/client.js';
import { botIdOfToken, telegramCitizens } from './telegram/bots.js';
import { telegramClientOptions } from './telegram/client.js';
import { createStaffMessenger, type StaffMessenger } from './staff-messenger.js';
import { createOutbound, type Outbound } from '../platform/http/proxy.js';
import { systemClock, type Clock } from '../platform/runtime/clock.js';
import { connectRedis } from '../platform/runtime/redis.js';

/**
 * What the organisation file decides, derived together. A reload (SIGHUP) replaces the bundle as one
 * assignment, so code never sees a new org with the old profile or working time.
 */
export type OrgSettings = {
  readonly org: Org;
  /** The regulation profile in force: the org file's preset or own profile, overrides applied. */
  readonly profile: Profile;
  /** The profile as the workflow core's rules: who approves, who publishes… */
  readonly rules: WorkflowRules;
  /** The organisation's working time: zone, schedule, production calendar and its own changes. */
  readonly workTime: WorkTime;
};

/** Everything derived from an organisation; throws when the file's profile or calendar cannot be resolved. */
export function orgSettings(org: Org, log: Logger): OrgSettings {
  const profile = orgProfile(org);
  const workTime = new WorkTime({
    timezone: org.timezone,
    ...(org.schedule ? { schedule: org.schedule } : {}),
    ...(org.calendar ? { adjustments: org.calendar } : {}),
    warn: (message) => log.warn(message),
  });
  return { org, profile, rules: workflowRules(profile), workTime };
}

export type AppContext = {
  env: Env;
  /** The organisation in force; replaced whole by a reload (see reloadOrg). Read the fields below, or take it once for a consistent view across awaits. */
  settings: OrgSettings;
  /** settings.org, as it is now. */
  readonly org: Org;
  /** settings.profile, as it is now. */
  readonly profile: Profile;
  /** settings.rules, as it is now. */
  readonly rules: WorkflowRules;
  /** settings.workTime, as it is now. */
  readonly workTime: WorkTime;
  log: Logger;
  clock: Clock;
  database: Database;
  redis: Redis;
  /** Workers open their own blocking connections from it. */
  redisUrl: string;
  /** BullMQ key prefix: one Redis can serve several installations (and test files). */
  queuePrefix: string;
  queues: Queues;
  /** How every network client reaches the internet: directly, or through HTTPS_PROXY/HTTP_PROXY (NO_PROXY honoured). */
  outbound: Outbound;
  /** Where staff work (Telegram or MAX, the organisation file's `messenger:`), or null when its bot's token is not set. */
  staffMessenger: StaffMessenger | null;
  /** The staff bot's Bot API client (on MAX, translated), with auto-retry; null with no staff messenger. */
  staffApi: Api | null;
  /**
   * The bots that answer citizens, as the publish job uses them: `api` is the public bot (the staff bot when
   * there is no second one), `bots` every configured bot by its id. Null without Telegram.
   */
  telegramReplies: { api: Api; bots: ReadonlyMap<number, Api> } | null;
  /** userClient: a community admin's user token (VK_USER_TOKEN), for what VK refuses community tokens; null without it. */
  vk: { client: VK; authors: VkAuthors; groupId: number; userClient: VK | null } | null;
  /** OK's group Bot API, or null when OK_BOT_TOKEN is not set. */
  ok: { client: OkClient } | null;
  /** MAX's Bot API (the administration's bot for citizens), or null when MAX_BOT_TOKEN is not set. */
  max: { api: MaxApi } | null;
  close(): Promise<void>;
};

export function createContext(opts: {
  env: Env;
  org: Org;
  log: Logger;
  databaseUrl: string;
  redisUrl: string;
  clock?: Clock;
  queuePrefix?: string;
}): AppContext {
  const { env, org, log } = opts;
  const database = connectDatabase(opts.databaseUrl);
  const redis = connectRedis(opts.redisUrl, log, 'main');
  const queuePrefix = opts.queuePrefix ?? 'otklik';
  const queues = createQueues({ connection: redis, prefix: queuePrefix }, log);
  const outbound = createOutbound({ httpsProxy: env.HTTPS_PROXY, httpProxy: env.HTTP_PROXY, noProxy: env.NO_PROXY });
  // Only host and port: a proxy URL may carry a password.
  const proxyHost = (url: string | undefined) => (url ? new URL(url).host : null);
  if (outbound.proxied) log.info({ https: proxyHost(env.HTTPS_PROXY ?? env.HTTP_PROXY), http: proxyHost(env.HTTP_PROXY) }, 'outbound requests go through the proxy, NO_PROXY hosts directly');

  const staffMessenger = createStaffMessenger(env, org, database.db, outbound);
  const staffApi = staffMessenger?.api() ?? null;
  // Waits out a 429's retry_after instead of failing the job; per-chat lanes come on top of this.
  staffApi?.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 120 }));
  const telegramReplies = env.TELEGRAM_BOT_TOKEN ? replyingBots(env, org, outbound) : null;

  const groupId = env.VK_GROUP_ID ?? org.networks?.vk?.groupId;
  let vk: AppContext['vk'] = null;
  if (env.VK_TOKEN && groupId) {
    const client = createVkClient({ token: env.VK_TOKEN, apiBaseUrl: env.VK_API_BASE_URL, outbound });
    // A user token may make 3 requests a second (vk-io's default), a community token 20.
    const userClient = env.VK_USER_TOKEN ? createVkClient({ token: env.VK_USER_TOKEN, apiBaseUrl: env.VK_API_BASE_URL, apiLimit: 3, outbound }) : null;
    vk = { client, authors: createVkAuthors(client, log), groupId, userClient };
  }

  const max = env.MAX_BOT_TOKEN ? { api: createMaxApi({ token: env.MAX_BOT_TOKEN, apiRoot: env.MAX_API_ROOT, fetch: outbound.fetch }) } : null;
  const ok = env.OK_BOT_TOKEN ? { client: createOkClient({ token: env.OK_BOT_TOKEN, apiRoot: env.OK_API_ROOT, fetch: outbound.fetch }) } : null;

  return {
    env,
    settings: orgSettings(org, log),
    // Getters, not copies: a reload swaps `settings` and every reader sees the new organisation at once.
    get org() {
      return this.settings.org;
    },
    get profile() {
      return this.settings.profile;
    },
    get rules() {
      return this.settings.rules;
    },
    get workTime() {
      return this.settings.workTime;
    },
    log,
    clock: opts.clock ?? systemClock,
    database,
    redis,
    redisUrl: opts.redisUrl,
    queuePrefix,
    queues,
    outbound,
    staffMessenger,
    staffApi,
    telegramReplies,
    vk,
    ok,
    max,
    async close() {
      await queues.close();
      redis.disconnect();
      await database.close();
      await outbound.close();
    },
  };
}

/**
 * The bots as the publish job calls them. A broken connection is not retried here: a message may have
 * reached Telegram before its answer was lost, and only the publish job knows whether a repeat is safe
 * (telegramErrorOf). Server errors go back to it too, to be retried as the job's own attempts; only a
 * 429's short retry_after is waited out in place.
 */
function replyingBots(env: Env, org: Org, outbound: Outbound): { api: Api; bots: ReadonlyMap<number, Api> } {
  const publishing = (token: string) => {
    const api = new Api(token, telegramClientOptions(env, outbound));
    api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 120, rethrowHttpErrors: true, rethrowInternalServerErrors: true }));
    return api;
  };
  const staffToken = env.TELEGRAM_BOT_TOKEN!;
  const publicToken = telegramCitizens(env, org).publicToken;
  const staff = publishing(staffToken);
  const bots = new Map<number, Api>([[botIdOfToken(staffToken), staff]]);
  if (!publicToken) return { api: staff, bots };
  const citizens = publishing(publicToken);
  bots.set(botIdOfToken(publicToken), citizens);
  return { api: citizens, bots };
}
