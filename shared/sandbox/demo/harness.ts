/**
 * The whole system wired to the built-in fake Telegram, VK and OK servers: what
 * the demo plays through and what the end-to-end tests drive over HTTP. Only
 * the networks are fake; PostgreSQL, Redis, bots and worker are the real ones.
 */
import { fileURLToPath } from 'node:url';
import { loadEnv, type Env } from '../../platform/config/env.js';
import { loadOrg, type Org } from '../../platform/config/org.js';
import { okSubscribedUrl, subscribeOk } from '../../../bots/routes/ok.js';
import { startFakeOk, type FakeOk } from '../fakes/ok.js';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram.js';
import { startFakeVk, type FakeVk } from '../fakes/vk.js';
import { startFakeMax, type FakeMax } from '../fakes/max.js';
import { subscribeMax } from '../../../bots/routes/max.js';
import { maxStaff, telegramStaff, type StaffSide } from './staff-side.js';
import type { Logger } from '../../platform/log.js';
import type { Clock } from '../../platform/runtime/clock.js';
import { startSystem, type RunningSystem } from '../../cli/system.js';

export const EXAMPLE_ORG = fileURLToPath(new URL('../../../examples/org.example.yaml', import.meta.url));

/** Secrets of the fake installation: shaped like real ones so the same validation applies. */
export const FAKE_SECRETS = {
  telegramToken: '7000000001:AAFakeTokenForOtklikDemoAndTests000',
  /** The citizens' own bot, when a harness runs with two bots. */
  telegramPublicToken: '7000000002:AAFakePublicBotForOtklikTests00000',
  vkToken: 'vk1.a.fake-community-token',
  /** A community admin's user token; the harness sets VK_USER_TOKEN to it only when a test asks (env option). */
  vkUserToken: 'vk1.a.fake-admin-user-token',
  vkCallbackSecret: 'otklik-demo-secret',
  vkConfirmationCode: 'a1b2c3d4',
  okToken: 'tkn1FakeOkGroupToken:CQABPOJKAKEKEKEKE',
  maxToken: 'fake-max-token-000000000000000000000000',
  maxWebhookSecret: 'otklik-demo-max-secret-0123',
} as const;

export type Harness = {
  env: Env;
  org: Org;
  telegram: FakeTelegram;
  vk: FakeVk;
  /** The fake OK; the system's /webhooks/ok is subscribed to it. */
  ok: FakeOk;
  /** The fake MAX, when staff work there (`messenger: 'max'`) or citizens write there (`maxCitizens`); its webhook is subscribed to the system's /webhooks/max. */
  max: FakeMax | null;
  /** Where staff work, the same for either messenger: the scenarios act through it. */
  staff: StaffSide;
  system: RunningSystem;
  /** The environment the system was configured from, for a worker started as another process. */
  envVars: Record<string, string>;
  /** Where VK (here: the test or the demo) POSTs Callback API events. */
  vkWebhookUrl: string;
  /** Where OK POSTs the group's chat events: /webhooks/ok with the group's key (without OK, the bare path). */
  okWebhookUrl: string;
  stop(): Promise<void>;
};

/** Where the system finds the (fake) networks' APIs: in this process or another. */
export type FakeNetworkUrls = { telegramApiRoot: string; vkApiBaseUrl: string; okApiRoot: string; maxApiRoot?: string };

type SystemOptions = {
  databaseUrl: string;
  redisUrl: string;
  log: Logger;
  queuePrefix?: string;
  orgPath?: string;
  /** Top-level fields to replace in the organisation file, e.g. `ingest: { burstMinutes: 0 }`. */
  orgOverrides?: Partial<Org>;
  clock?: Clock;
  /** Extra environment, e.g. the Telegram webhook settings. */
  env?: Record<string, string>;
  /** false: no worker in this process (see startSystem). */
  worker?: boolean;
  /** true: citizens write to a second bot (TELEGRAM_PUBLIC_BOT_TOKEN = FAKE_SECRETS.telegramPublicToken). */
  publicBot?: boolean;
  /** Where staff work: Telegram (the default) or MAX, the organisation's work chats then being MAX group chats. */
  messenger?: 'telegram' | 'max';
  /** With staff on Telegram: the fake MAX runs too, for citizens writing to the administration's MAX bot. */
  maxCitizens?: boolean;
  /**
   * The fake Telegram counts its rate windows on `clock` (a fast clock's lanes would overrun the wall's windows).
   * The fake MAX stays on the wall: its only limit is per second for the whole bot, which the lanes keep on any clock.
   */
  telegramOnClock?: boolean;
};

/** The organisation a harness runs: the file (the example by default) with the overrides. */
function harnessOrg(opts: Pick<SystemOptions, 'orgPath' | 'orgOverrides' | 'messenger'>): Org {
  return { ...loadOrg(opts.orgPath ?? EXAMPLE_ORG), ...(opts.messenger === 'max' ? { messenger: 'max' as const } : {}), ...opts.orgOverrides };
}

/** The organisation's work chats: MAX group chats where its bot is an admin. */
function maxWorkChats(org: Org, max: FakeMax): void {
  const { curators, duty, heads } = org.chats;
  max.addGroupChat(curators, 'Кураторы');
  max.addGroupChat(duty, 'Дежурные');
  max.addGroupChat(heads, 'Руководители');
  for (const d of org.departments) if (d.chat !== undefined) max.addGroupChat(d.chat, d.name);
}

/** The fake Telegram, VK and OK for an organisation; the fake VK hosts its community. */
export async function startFakeNetworks(
  org: Org,
  opts: {
    publicBot?: boolean;
    messenger?: 'telegram' | 'max';
    /** The fake MAX for citizens only, staff staying on Telegram. */
    maxCitizens?: boolean;
    /** The networks' own clock (rate windows, message dates); the wall's by default. */
    now?: () => number;
    /** The fake Telegram's alone, when it differs. */
    telegramNow?: () => number;
  } = {},
): Promise<{ telegram: FakeTelegram; vk: FakeVk; ok: FakeOk; max: FakeMax | null; urls: FakeNetworkUrls; close(): Promise<void> }> {
  const now = opts.now ? { now: opts.now } : {};
  const telegram = await startFakeTelegram({
    ...(opts.telegramNow ? { now: opts.telegramNow } : now),
    ...(opts.publicBot ? { otherBots: [{ token: FAKE_SECRETS.telegramPublicToken, id: 7_000_000_002, username: 'otklik_public_bot', first_name: 'Администрация' }] } : {}),
  });
  // The fake refuses the community token what VK refuses it (wall photo uploads): VK_USER_TOKEN does those.
  const vk = await startFakeVk({
    ...now,
    group: { id: vkGroupId(org), name: org.name },
    confirmationCode: FAKE_SECRETS.vkConfirmationCode,
    communityTokens: [FAKE_SECRETS.vkToken],
  });
  const ok = await startFakeOk({ ...now, token: FAKE_SECRETS.okToken });
  const max = opts.messenger === 'max' || opts.maxCitizens ? await startFakeMax({ ...now, token: FAKE_SECRETS.maxToken }) : null;
  if (max && opts.messenger === 'max') maxWorkChats(org, max);
  return {
    telegram,
    vk,
    ok,
    max,
    urls: { telegramApiRoot: telegram.apiRoot, vkApiBaseUrl: vk.apiBaseUrl, okApiRoot: ok.apiRoot, ...(max ? { maxApiRoot: max.apiRoot } : {}) },
    close: async () => {
      await Promise.all([telegram.close(), vk.close(), ok.close(), max?.close()]);
    },
  };
}

export const vkGroupId = (org: Org): number => org.networks?.vk?.groupId ?? 123456;

export type WiredSystem = Pick<Harness, 'env' | 'org' | 'system' | 'envVars' | 'vkWebhookUrl' | 'okWebhookUrl'> & { stop(): Promise<void> };

/** The system configured for the fake networks at `urls`, wherever they run (startHarness, or the ingest bench's own process). */
export async function startWiredSystem(opts: SystemOptions & { org: Org; urls: FakeNetworkUrls }): Promise<WiredSystem> {
  const { org, urls } = opts;
  const envVars: Record<string, string> = {
    TELEGRAM_BOT_TOKEN: FAKE_SECRETS.telegramToken,
    TELEGRAM_API_ROOT: urls.telegramApiRoot,
    ...(opts.publicBot ? { TELEGRAM_PUBLIC_BOT_TOKEN: FAKE_SECRETS.telegramPublicToken } : {}),
    VK_GROUP_ID: String(vkGroupId(org)),
    VK_TOKEN: FAKE_SECRETS.vkToken,
    VK_CALLBACK_SECRET: FAKE_SECRETS.vkCallbackSecret,
    VK_CONFIRMATION_CODE: FAKE_SECRETS.vkConfirmationCode,
    VK_API_BASE_URL: urls.vkApiBaseUrl,
    OK_BOT_TOKEN: FAKE_SECRETS.okToken,
    OK_API_ROOT: urls.okApiRoot,
    // The fake OK posts from this machine.
    OK_WEBHOOK_ALLOW: '127.0.0.1, ::1',
    // The fake OK has photos ready at once.
    OK_UPLOAD_SETTLE_MS: '0',
    // The administration's MAX bot (staff on MAX, or citizens only), by webhook (subscribed below once the port is known).
    ...(urls.maxApiRoot ? { MAX_BOT_TOKEN: FAKE_SECRETS.maxToken, MAX_API_ROOT: urls.maxApiRoot, MAX_WEBHOOK_SECRET: FAKE_SECRETS.maxWebhookSecret } : {}),
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: '0',
    WORKER_HTTP_PORT: '0',
    ...opts.env,
  };
  const env = loadEnv(envVars);
  const system = await startSystem({
    env,
    org,
    log: opts.log,
    databaseUrl: opts.databaseUrl,
    redisUrl: opts.redisUrl,
    ...(opts.queuePrefix ? { queuePrefix: opts.queuePrefix } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.worker === false ? { worker: false } : {}),
    // Re-read on SIGHUP as in production; not with overrides, which the file does not hold.
    ...(opts.orgPath && !opts.orgOverrides ? { orgPath: opts.orgPath } : {}),
  });
  // The port is known only now, so the subscription OK_WEBHOOK_URL makes at start is made here.
  const okPublicUrl = `http://127.0.0.1:${system.bots.port}/webhooks/ok`;
  // An installation without OK (env OK_BOT_TOKEN: '') has no OK webhook to subscribe.
  if (system.ctx.ok) await subscribeOk(system.ctx, okPublicUrl);
  if (urls.maxApiRoot) await subscribeMax(system.ctx, `http://127.0.0.1:${system.bots.port}/webhooks/max`);
  // What OK posts to: the subscribed URL, with the group's key.
  const okWebhookUrl = system.ctx.ok ? okSubscribedUrl(system.ctx, okPublicUrl) : okPublicUrl;
  return {
    env,
    org,
    system,
    envVars,
    vkWebhookUrl: `http://127.0.0.1:${system.bots.port}/webhooks/vk`,
    okWebhookUrl,
    stop: () => system.stop(),
  };
}

export async function startHarness(opts: SystemOptions): Promise<Harness> {
  const org = harnessOrg(opts);
  const clock = opts.clock;
  const fakes = await startFakeNetworks(org, { ...opts, ...(opts.telegramOnClock && clock ? { telegramNow: () => clock.now().getTime() } : {}) });
  const wired = await startWiredSystem({ ...opts, org, urls: fakes.urls });
  const { telegram, vk, ok, max } = fakes;
  return {
    ...wired,
    telegram,
    vk,
    ok,
    max,
    staff: max && opts.messenger === 'max' ? maxStaff(max) : telegramStaff(telegram),
    async stop() {
      await wired.stop();
      await fakes.close();
    },
  };
}
