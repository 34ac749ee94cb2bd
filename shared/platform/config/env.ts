import { z } from 'zod';
import { checkAllowEntry, checkProxyEntry, OK_WEBHOOK_SOURCES, parseAllowList } from './ip-allow.js';
import { ConfigError } from './config-error.js';

/**
 * The process environment, checked once at start. Every variable is optional
 * here: which ones a command needs (tokens for `npm start`, nothing for the
 * demo) is the caller's decision. What is set must be well-formed and
 * complete — a webhook URL without its secret is a mistake, not a mode.
 *
 * Values are never echoed in error messages: most of them are secrets or URLs
 * that may carry passwords. Only the few harmless ones in `SHOWN` are.
 */

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const NODE_ENVS = ['development', 'production', 'test'] as const;
const TELEGRAM_API_DEFAULT = 'https://api.telegram.org';

/** Variables whose values may appear in messages: none of them is a secret. */
const SHOWN = new Set(['HTTP_PORT', 'HTTP_HOST', 'WORKER_HTTP_PORT', 'WORKER_HTTP_HOST', 'OTKLIK_BACKUP_DIR', 'LOG_LEVEL', 'NODE_ENV', 'OTKLIK_EMBEDDED', 'VK_GROUP_ID', 'VK_TRANSPORT', 'OK_GROUP_ID', 'OK_TOPICS_POLL_SECONDS', 'OK_TOPICS_COUNT']);

function urlWith(protocols: readonly string[], what: string) {
  return z.string().refine(
    (s) => {
      try {
        return protocols.includes(new URL(s).protocol);
      } catch {
        return false;
      }
    },
    { error: `expected ${what}` },
  );
}

const botToken = z.string().regex(/^\d+:[A-Za-z0-9_-]{30,}$/, {
  error: 'expected the token @BotFather gives: digits, a colon, then about 35 letters, digits, "_" or "-"',
});

/** Webhook secrets shorter than this are guessable by anyone who can reach the port. */
export const MIN_SECRET = 16;

const withoutTrailingSlash = (s: string) => s.replace(/\/+$/, '');

const envSchema = z.object({
  DATABASE_URL: urlWith(['postgres:', 'postgresql:'], 'a postgres://user:password@host:5432/db URL').optional(),
  REDIS_URL: urlWith(['redis:', 'rediss:'], 'a redis://host:6379 or rediss:// URL').optional(),

  TELEGRAM_BOT_TOKEN: botToken.optional(),
  // Citizens' own bot; the staff bot's token here means one bot for both.
  TELEGRAM_PUBLIC_BOT_TOKEN: botToken.optional(),
  // grammY's apiRoot is joined with "/bot<token>/…", so it must not end in "/".
  TELEGRAM_API_ROOT: urlWith(['https:', 'http:'], 'an http(s) URL such as https://api.telegram.org')
    .transform(withoutTrailingSlash)
    .default(TELEGRAM_API_DEFAULT),
  TELEGRAM_WEBHOOK_URL: urlWith(['https:', 'http:'], 'an https:// URL at which Telegram can reach this server').optional(),
  // Telegram's own rule for setWebhook's secret_token, and long enough not to be guessed.
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, { error: 'expected 1–256 characters, only A-Z, a-z, 0-9, "_" and "-" (Telegram\'s rule)' })
    .min(MIN_SECRET, { error: `expected at least ${MIN_SECRET} characters: the secret is all that tells Telegram's requests from forged ones` })
    .optional(),

  // The bots' /metrics on the public HTTP port answers only with "Authorization: Bearer <token>"; unset, it is not served.
  METRICS_TOKEN: z.string().regex(/^\S{16,}$/, { error: 'expected at least 16 characters without spaces' }).optional(),

  VK_GROUP_ID: z
    .string()
    .regex(/^[1-9]\d*$/, { error: 'expected the community id as a positive integer, without a minus sign or "club"' })
    .transform(Number)
    .optional(),
  VK_TOKEN: z.string().optional(),
  VK_USER_TOKEN: z.string().optional(),
  // VK's "secret key" (Callback API settings): every callback carries it; VK takes up to 50 characters.
  VK_CALLBACK_SECRET: z
    .string()
    .min(MIN_SECRET, { error: `expected at least ${MIN_SECRET} characters: the secret is all that tells VK's callbacks from forged ones` })
    .optional(),
  // How VK events arrive: POSTed to /webhooks/vk (Callback API, needs a public URL) or fetched (Bots Long Poll API).
  VK_TRANSPORT: z.enum(['callback', 'longpoll'], { error: 'expected callback or longpoll' }).default('callback'),
  VK_CONFIRMATION_CODE: z.string().optional(),
  VK_API_BASE_URL: urlWith(['https:', 'http:'], 'an http(s) URL such as https://api.vk.com/method')
    .transform(withoutTrailingSlash)
    .default('https://api.vk.com/method'),

  // OK's group token ("Получить ключ доступа" in the group's settings); a token never has spaces.
  OK_BOT_TOKEN: z.string().regex(/^\S{8,}$/, { error: 'expected the group\'s access key from OK (group settings → API): no spaces' }).optional(),
  OK_API_ROOT: urlWith(['https:', 'http:'], 'an http(s) URL such as https://api.ok.ru').transform(withoutTrailingSlash).default('https://api.ok.ru'),
  OK_WEBHOOK_URL: urlWith(['https:', 'http:'], 'an http(s) URL at which OK can reach this server, ending in /webhooks/ok').optional(),
  // Where OK's webhook requests may come from: addresses or CIDR ranges, comma- or space-separated.
  OK_WEBHOOK_ALLOW: z
    .string()
    .transform(parseAllowList)
    .superRefine((entries, ctx) => {
      const bad = entries.map(checkAllowEntry).filter((m): m is string => m !== null);
      if (entries.length === 0) ctx.addIssue({ code: 'custom', message: 'expected at least one address or CIDR range' });
      else if (bad.length) ctx.addIssue({ code: 'custom', message: bad.join('; ') });
    })
    .default([...OK_WEBHOOK_SOURCES]),
  // Reverse proxies whose X-Forwarded-For is believed (addresses, CIDR ranges, proxy-addr's presets such as uniquelocal); unset: loopback only.
  TRUSTED_PROXIES: z
    .string()
    .transform(parseAllowList)
    .superRefine((entries, ctx) => {
      const bad = entries.map(checkProxyEntry).filter((m): m is string => m !== null);
      if (bad.length) ctx.addIssue({ code: 'custom', message: bad.join('; ') });
    })
    .optional(),
  // OK processes an uploaded photo for "some seconds" before a message may carry it.
  OK_UPLOAD_SETTLE_MS: z
    .string()
    .regex(/^\d{1,5}$/, { error: 'expected milliseconds, 0–99999' })
    .transform(Number)
    .default(2000),
  // MAX (the national messenger): the administration's bot from MAX's business platform, for citizens' messages.
  MAX_BOT_TOKEN: z.string().regex(/^\S{16,}$/, { error: 'expected the bot\'s token from MAX\'s business platform (Чат-боты → Интеграция): no spaces' }).optional(),
  // The client resolves method paths against this root (the fake MAX in tests and the demo).
  MAX_API_ROOT: urlWith(['https:', 'http:'], 'an http(s) URL such as https://platform-api.max.ru').transform(withoutTrailingSlash).default('https://platform-api.max.ru'),
  MAX_WEBHOOK_URL: urlWith(['https:', 'http:'], 'an https:// URL at which MAX can reach this server, ending in /webhooks/max').optional(),
  // MAX sends it back in X-Max-Bot-Api-Secret on every delivery; its own rule is 5–256 of A-Z a-z 0-9 _ -.
  MAX_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, { error: 'expected 16 to 256 characters A-Z, a-z, 0-9, "_" or "-"' })
    .optional(),
  // Topic polling through OK's REST API (fb.do): an OK application and a group administrator's token for it.
  // All three or none; without them the comments under the group's topics are not read.
  OK_APP_KEY: z.string().regex(/^[A-Za-z0-9]{4,}$/, { error: 'expected the application\'s public key from OK (letters and digits)' }).optional(),
  OK_APP_SECRET: z.string().regex(/^\S{8,}$/, { error: 'expected the application\'s secret key from OK: no spaces' }).optional(),
  OK_ACCESS_TOKEN: z.string().regex(/^\S{8,}$/, { error: 'expected the access token OK issued for the application: no spaces' }).optional(),
  // The group whose topics are polled; networks.ok.groupId in the organisation file serves too.
  OK_GROUP_ID: z.string().regex(/^\d+$/, { error: 'expected the OK group id as digits' }).optional(),
  OK_TOPICS_POLL_SECONDS: z
    .string()
    .regex(/^\d{1,5}$/, { error: 'expected seconds between polls, 10–86400' })
    .transform(Number)
    .refine((n) => n >= 10 && n <= 86_400, { error: 'expected seconds between polls, 10–86400' })
    .default(60),
  OK_TOPICS_COUNT: z
    .string()
    .regex(/^\d{1,3}$/, { error: 'expected how many of the latest topics to read, 1–100' })
    .transform(Number)
    .refine((n) => n >= 1 && n <= 100, { error: 'expected how many of the latest topics to read, 1–100' })
    .default(20),

  HTTP_PORT: z
    .string()
    .regex(/^\d+$/, { error: 'expected a port number from 0 to 65535' })
    .transform(Number)
    .refine((n) => n <= 65535, { error: 'expected a port number from 0 to 65535' })
    .default(8080),
  HTTP_HOST: z.string().default('0.0.0.0'),
  /** The worker's /healthz and /metrics: loopback unless told otherwise (compose: 0.0.0.0, not published). */
  WORKER_HTTP_PORT: z
    .string()
    .regex(/^\d+$/, { error: 'expected a port number from 0 to 65535' })
    .transform(Number)
    .refine((n) => n <= 65535, { error: 'expected a port number from 0 to 65535' })
    .default(8081),
  WORKER_HTTP_HOST: z.string().default('127.0.0.1'),
  /** Where `otklik backup` writes (compose: /backups): the worker reports the newest backup's age. */
  OTKLIK_BACKUP_DIR: z.string().optional(),

  // An outbound proxy for every client (Telegram, VK, OK, file downloads and uploads): HTTPS_PROXY for https://
  // URLs (HTTP_PROXY when it is unset), HTTP_PROXY for http:// ones; NO_PROXY lists hosts reached directly.
  HTTPS_PROXY: urlWith(['http:', 'https:'], 'a proxy URL such as http://proxy.local:3128 (user:password@ allowed)').optional(),
  HTTP_PROXY: urlWith(['http:', 'https:'], 'a proxy URL such as http://proxy.local:3128 (user:password@ allowed)').optional(),
  NO_PROXY: z.string().optional(),

  OTKLIK_ORG: z.string().optional(),
  OTKLIK_DATA_DIR: z.string().default('.otklik'),
  // In production (NODE_ENV=production), the embedded services `otklik start` may run instead of
  // DATABASE_URL / REDIS_URL, each by name: a single-machine install is chosen, never fallen into.
  OTKLIK_EMBEDDED: z
    .string()
    .regex(/^(postgres|redis)([\s,]+(postgres|redis))*$/, { error: 'expected postgres, redis or "postgres,redis"' })
    .transform((list) => [...new Set(list.split(/[\s,]+/))] as Array<'postgres' | 'redis'>)
    .optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  NODE_ENV: z.enum(NODE_ENVS, { error: `expected one of ${NODE_ENVS.join(', ')}` }).optional(),
});

export type Env = z.output<typeof envSchema>;
type Name = keyof z.input<typeof envSchema>;
const NAMES = Object.keys(envSchema.shape) as Name[];
const LOWER_CASE_TOO = new Set<Name>(['HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY']);

/**
 * [if this is set, then that must be set too]. Half a configuration is almost
 * always a forgotten line in .env, so it stops the start instead of quietly
 * falling back to another mode.
 */
const REQUIRES: ReadonlyArray<readonly [Name, Name]> = [
  ['TELEGRAM_WEBHOOK_URL', 'TELEGRAM_WEBHOOK_SECRET'],
  ['TELEGRAM_WEBHOOK_SECRET', 'TELEGRAM_WEBHOOK_URL'],
  ['TELEGRAM_WEBHOOK_URL', 'TELEGRAM_BOT_TOKEN'],
  ['TELEGRAM_WEBHOOK_SECRET', 'TELEGRAM_BOT_TOKEN'],
  // The public bot only receives citizens; staff work, drafts and cards need the staff bot.
  ['TELEGRAM_PUBLIC_BOT_TOKEN', 'TELEGRAM_BOT_TOKEN'],
  ['VK_TOKEN', 'VK_GROUP_ID'],
  ['VK_GROUP_ID', 'VK_TOKEN'],
  ['VK_USER_TOKEN', 'VK_TOKEN'],
  // Callback API mode: VK confirms the server with the code and signs every callback with the secret.
  ['VK_CONFIRMATION_CODE', 'VK_CALLBACK_SECRET'],
  ['VK_CALLBACK_SECRET', 'VK_CONFIRMATION_CODE'],
  ['VK_CONFIRMATION_CODE', 'VK_TOKEN'],
  ['VK_CALLBACK_SECRET', 'VK_TOKEN'],
  // Otklik subscribes the webhook with the group's token at start.
  ['OK_WEBHOOK_URL', 'OK_BOT_TOKEN'],
  // MAX's webhook: the public URL Otklik subscribes, the secret every delivery carries, with the bot's token.
  ['MAX_WEBHOOK_URL', 'MAX_WEBHOOK_SECRET'],
  ['MAX_WEBHOOK_SECRET', 'MAX_BOT_TOKEN'],
  ['VK_TRANSPORT', 'VK_TOKEN'],
  // Topic polling signs every call with the application's keys and reads with the token: all three together.
  ['OK_APP_KEY', 'OK_APP_SECRET'],
  ['OK_APP_KEY', 'OK_ACCESS_TOKEN'],
  ['OK_APP_SECRET', 'OK_APP_KEY'],
  ['OK_ACCESS_TOKEN', 'OK_APP_KEY'],
];

/**
 * Reads and checks the environment. Empty (or blank) values count as unset,
 * so `VK_TOKEN=` in a .env file means "no VK". Throws ConfigError naming every
 * bad variable on its own line.
 */
export function loadEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const raw: Partial<Record<Name, string>> = {};
  for (const name of NAMES) {
    // The proxy variables are often set in lower case (curl's convention); the upper-case name wins.
    const value = (env[name] ?? (LOWER_CASE_TOO.has(name) ? env[name.toLowerCase()] : undefined))?.trim();
    if (value) raw[name] = value;
  }

  const problems = new Map<Name, string>();
  const add = (name: Name, message: string) => {
    if (!problems.has(name)) problems.set(name, message);
  };

  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = issue.path[0] as Name;
      const shown = SHOWN.has(name) ? `, found ${JSON.stringify(raw[name])}` : '';
      add(name, issue.message + shown);
    }
  }

  const missing = new Map<Name, Name[]>();
  for (const [ifSet, required] of REQUIRES) {
    if (raw[ifSet] !== undefined && raw[required] === undefined) {
      missing.set(required, [...(missing.get(required) ?? []), ifSet]);
    }
  }
  for (const [required, because] of missing) add(required, `required when ${because.join(' or ')} is set`);

  // Telegram's servers accept https webhooks only; a local Bot API server (a non-default API root) also takes http.
  const root = withoutTrailingSlash(raw.TELEGRAM_API_ROOT ?? TELEGRAM_API_DEFAULT);
  if (raw.TELEGRAM_WEBHOOK_URL?.startsWith('http:') && root === TELEGRAM_API_DEFAULT) {
    add('TELEGRAM_WEBHOOK_URL', 'Telegram accepts only https:// webhook URLs (http:// works only with a local Bot API server in TELEGRAM_API_ROOT)');
  }

  if (problems.size > 0 || !parsed.success) {
    const lines = NAMES.filter((n) => problems.has(n)).map((n) => `${n}: ${problems.get(n)}`);
    const count = lines.length === 1 ? '1 problem' : `${lines.length} problems`;
    throw new ConfigError(`The environment is not valid (${count}):`, lines);
  }
  return parsed.data;
}
