import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { loadEnv } from './env.js';

const BOT_TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw_';
const SECRET = 'wh-secret_ABC123';

/** The ConfigError's problem lines; fails if loadEnv accepted the environment. */
function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadEnv(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    const lines = (e as ConfigError).message.split('\n');
    expect(lines.slice(1)).toEqual((e as ConfigError).problems);
    return lines.slice(1);
  }
  throw new Error('expected loadEnv to throw');
}

describe('loadEnv', () => {
  it('applies defaults to an empty environment', () => {
    expect(loadEnv({})).toEqual({
      TELEGRAM_API_ROOT: 'https://api.telegram.org',
      VK_API_BASE_URL: 'https://api.vk.com/method',
      OK_API_ROOT: 'https://api.ok.ru',
      MAX_API_ROOT: 'https://platform-api.max.ru',
      OK_WEBHOOK_ALLOW: ['217.20.145.192/28', '217.20.151.160/28', '217.20.153.48/28'],
      OK_UPLOAD_SETTLE_MS: 2000,
      OK_TOPICS_POLL_SECONDS: 60,
      OK_TOPICS_COUNT: 20,
      VK_TRANSPORT: 'callback',
      HTTP_PORT: 8080,
      HTTP_HOST: '0.0.0.0',
      WORKER_HTTP_PORT: 8081,
      WORKER_HTTP_HOST: '127.0.0.1',
      OTKLIK_DATA_DIR: '.otklik',
      LOG_LEVEL: 'info',
    });
  });

  it('reads a complete environment, with numbers as numbers and trailing slashes stripped', () => {
    const env = loadEnv({
      DATABASE_URL: 'postgres://otklik:pw@localhost:5432/otklik',
      REDIS_URL: 'redis://localhost:6379',
      TELEGRAM_BOT_TOKEN: BOT_TOKEN,
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/',
      TELEGRAM_WEBHOOK_URL: 'http://127.0.0.1:9000/telegram',
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      VK_GROUP_ID: '123456',
      VK_TOKEN: 'vk1.a.community',
      VK_USER_TOKEN: 'vk1.a.user',
      VK_CALLBACK_SECRET: 'cbsecret-0123456789',
      VK_CONFIRMATION_CODE: 'a1b2c3d4',
      VK_API_BASE_URL: 'http://127.0.0.1:8082/method/',
      HTTP_PORT: '3000',
      HTTP_HOST: '127.0.0.1',
      OTKLIK_ORG: 'org.yaml',
      OTKLIK_DATA_DIR: '/var/lib/otklik',
      LOG_LEVEL: 'debug',
      NODE_ENV: 'production',
      UNRELATED: 'ignored',
    });
    expect(env).toMatchObject({
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081',
      VK_API_BASE_URL: 'http://127.0.0.1:8082/method',
      VK_GROUP_ID: 123456,
      HTTP_PORT: 3000,
      OTKLIK_ORG: 'org.yaml',
      LOG_LEVEL: 'debug',
      NODE_ENV: 'production',
    });
    expect(env).not.toHaveProperty('UNRELATED');
  });

  it('treats empty and blank strings as unset', () => {
    const env = loadEnv({ VK_TOKEN: '', VK_GROUP_ID: '  ', HTTP_PORT: '', LOG_LEVEL: '', TELEGRAM_WEBHOOK_URL: '' });
    expect(env.VK_TOKEN).toBeUndefined();
    expect(env.VK_GROUP_ID).toBeUndefined();
    expect(env.HTTP_PORT).toBe(8080);
    expect(env.LOG_LEVEL).toBe('info');
  });

  it('requires the webhook secret with the webhook URL, and the other way round', () => {
    expect(problems({ TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_WEBHOOK_URL: 'https://example.org/tg' })).toEqual([
      'TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_WEBHOOK_URL is set',
    ]);
    expect(problems({ TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET })).toEqual([
      'TELEGRAM_WEBHOOK_URL: required when TELEGRAM_WEBHOOK_SECRET is set',
    ]);
  });

  it('requires the bot token with a webhook', () => {
    expect(problems({ TELEGRAM_WEBHOOK_URL: 'https://example.org/tg', TELEGRAM_WEBHOOK_SECRET: SECRET })).toEqual([
      'TELEGRAM_BOT_TOKEN: required when TELEGRAM_WEBHOOK_URL or TELEGRAM_WEBHOOK_SECRET is set',
    ]);
  });

  it('requires an https webhook unless a local Bot API server is the API root', () => {
    const webhook = { TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_WEBHOOK_URL: 'http://example.org/tg', TELEGRAM_WEBHOOK_SECRET: SECRET };
    expect(problems(webhook)).toEqual([
      'TELEGRAM_WEBHOOK_URL: Telegram accepts only https:// webhook URLs (http:// works only with a local Bot API server in TELEGRAM_API_ROOT)',
    ]);
    expect(loadEnv({ ...webhook, TELEGRAM_API_ROOT: 'http://127.0.0.1:8081' }).TELEGRAM_WEBHOOK_URL).toBe('http://example.org/tg');
  });

  it('requires the VK group with the VK token, and the token with the group', () => {
    expect(problems({ VK_TOKEN: 'vk1.a.community' })).toEqual(['VK_GROUP_ID: required when VK_TOKEN is set']);
    expect(problems({ VK_GROUP_ID: '123' })).toEqual(['VK_TOKEN: required when VK_GROUP_ID is set']);
  });

  it('requires the community token with the user token', () => {
    expect(problems({ VK_GROUP_ID: '123', VK_USER_TOKEN: 'vk1.a.user' })).toEqual([
      'VK_TOKEN: required when VK_GROUP_ID or VK_USER_TOKEN is set',
    ]);
  });

  it('requires the Callback API secret and confirmation code together, with a token', () => {
    const vk = { VK_GROUP_ID: '123', VK_TOKEN: 'vk1.a.community' };
    expect(problems({ ...vk, VK_CONFIRMATION_CODE: 'a1b2c3d4' })).toEqual([
      'VK_CALLBACK_SECRET: required when VK_CONFIRMATION_CODE is set',
    ]);
    expect(problems({ ...vk, VK_CALLBACK_SECRET: 'cbsecret-0123456789' })).toEqual([
      'VK_CONFIRMATION_CODE: required when VK_CALLBACK_SECRET is set',
    ]);
    expect(problems({ VK_CONFIRMATION_CODE: 'a1b2c3d4', VK_CALLBACK_SECRET: 'cbsecret-0123456789' })).toEqual([
      'VK_TOKEN: required when VK_CONFIRMATION_CODE or VK_CALLBACK_SECRET is set',
    ]);
  });

  it('takes VK events by callback or long poll, and long poll needs the community token', () => {
    expect(loadEnv({ VK_TOKEN: 'vk1.a.x', VK_GROUP_ID: '1', VK_TRANSPORT: 'longpoll' }).VK_TRANSPORT).toBe('longpoll');
    expect(problems({ VK_TRANSPORT: 'longpoll' })).toEqual(['VK_TOKEN: required when VK_TRANSPORT is set']);
    expect(problems({ VK_TOKEN: 'vk1.a.x', VK_GROUP_ID: '1', VK_TRANSPORT: 'poll' })).toEqual(['VK_TRANSPORT: expected callback or longpoll, found "poll"']);
  });

  it('checks formats', () => {
    expect(problems({ DATABASE_URL: 'mysql://root@localhost/db' })).toEqual([
      'DATABASE_URL: expected a postgres://user:password@host:5432/db URL',
    ]);
    expect(problems({ REDIS_URL: 'localhost:6379' })).toEqual(['REDIS_URL: expected a redis://host:6379 or rediss:// URL']);
    expect(problems({ TELEGRAM_BOT_TOKEN: 'not-a-token' })[0]).toMatch(/^TELEGRAM_BOT_TOKEN: expected the token @BotFather gives/);
    expect(problems({ TELEGRAM_API_ROOT: 'api.telegram.org' })[0]).toMatch(/^TELEGRAM_API_ROOT: expected an http\(s\) URL/);
    expect(problems({ HTTP_PORT: '70000' })).toEqual(['HTTP_PORT: expected a port number from 0 to 65535, found "70000"']);
    expect(problems({ LOG_LEVEL: 'verbose' })).toEqual([
      'LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, found "verbose"',
    ]);
    expect(problems({ VK_GROUP_ID: '-123', VK_TOKEN: 'x' })[0]).toMatch(/^VK_GROUP_ID: expected the community id as a positive integer/);
    expect(problems({ NODE_ENV: 'staging' })).toEqual(['NODE_ENV: expected one of development, production, test, found "staging"']);
  });

  it('takes an optional public bot for citizens, checked like the staff bot and only beside it', () => {
    const PUBLIC = '987654321:BBHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw_';
    expect(loadEnv({ TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_PUBLIC_BOT_TOKEN: PUBLIC }).TELEGRAM_PUBLIC_BOT_TOKEN).toBe(PUBLIC);
    expect(problems({ TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_PUBLIC_BOT_TOKEN: 'public-bot' })[0]).toMatch(
      /^TELEGRAM_PUBLIC_BOT_TOKEN: expected the token @BotFather gives/,
    );
    expect(problems({ TELEGRAM_PUBLIC_BOT_TOKEN: PUBLIC })).toEqual(['TELEGRAM_BOT_TOKEN: required when TELEGRAM_PUBLIC_BOT_TOKEN is set']);
  });

  it("follows Telegram's rule for the webhook secret", () => {
    const base = { TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_WEBHOOK_URL: 'https://example.org/tg' };
    expect(loadEnv({ ...base, TELEGRAM_WEBHOOK_SECRET: 'a'.repeat(256) }).TELEGRAM_WEBHOOK_SECRET).toHaveLength(256);
    expect(problems({ ...base, TELEGRAM_WEBHOOK_SECRET: 'a'.repeat(257) })[0]).toMatch(/^TELEGRAM_WEBHOOK_SECRET: expected 1–256 characters/);
    expect(problems({ ...base, TELEGRAM_WEBHOOK_SECRET: 'has space' })[0]).toMatch(/^TELEGRAM_WEBHOOK_SECRET: expected 1–256 characters/);
  });

  it('refuses webhook secrets shorter than 16 characters, which anyone could guess', () => {
    const tg = { TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_WEBHOOK_URL: 'https://example.org/tg' };
    expect(problems({ ...tg, TELEGRAM_WEBHOOK_SECRET: 'a' })).toEqual([
      "TELEGRAM_WEBHOOK_SECRET: expected at least 16 characters: the secret is all that tells Telegram's requests from forged ones",
    ]);
    expect(loadEnv({ ...tg, TELEGRAM_WEBHOOK_SECRET: 'a'.repeat(16) }).TELEGRAM_WEBHOOK_SECRET).toBe('a'.repeat(16));
    const vk = { VK_TOKEN: 'vk1.a.token', VK_GROUP_ID: '1', VK_CONFIRMATION_CODE: 'a1b2c3d4' };
    expect(problems({ ...vk, VK_CALLBACK_SECRET: 'x'.repeat(15) })).toEqual([
      "VK_CALLBACK_SECRET: expected at least 16 characters: the secret is all that tells VK's callbacks from forged ones",
    ]);
    expect(loadEnv({ ...vk, VK_CALLBACK_SECRET: 'x'.repeat(16) }).VK_CALLBACK_SECRET).toBe('x'.repeat(16));
  });

  it('reads the trusted reverse proxies as addresses, CIDR ranges or proxy-addr\'s presets', () => {
    expect(loadEnv({}).TRUSTED_PROXIES).toBeUndefined();
    expect(loadEnv({ TRUSTED_PROXIES: '172.16.0.0/12, 10.0.0.1' }).TRUSTED_PROXIES).toEqual(['172.16.0.0/12', '10.0.0.1']);
    expect(loadEnv({ TRUSTED_PROXIES: 'uniquelocal loopback 10.0.0.0/255.0.0.0' }).TRUSTED_PROXIES).toEqual(['uniquelocal', 'loopback', '10.0.0.0/255.0.0.0']);
    expect(problems({ TRUSTED_PROXIES: 'nginx' })[0]).toMatch(/^TRUSTED_PROXIES: "nginx" is not an IP address, a CIDR range/);
    expect(problems({ TRUSTED_PROXIES: '10.0.0.0/40' })[0]).toMatch(/^TRUSTED_PROXIES: "10.0.0.0\/40" is not/);
  });

  it('names every bad variable, one per line, in a fixed order', () => {
    const lines = problems({ HTTP_PORT: 'eighty', VK_TOKEN: 'x', TELEGRAM_WEBHOOK_SECRET: SECRET, REDIS_URL: 'nope' });
    expect(lines.map((l) => l.split(':')[0])).toEqual(['REDIS_URL', 'TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_URL', 'VK_GROUP_ID', 'HTTP_PORT']);
  });

  it('reads OK settings: the token, the API root, the webhook and its allow-list', () => {
    const env = loadEnv({
      OK_BOT_TOKEN: 'tkn18YdUJZe:CQABPOJKAKEKEKEKE',
      OK_API_ROOT: 'http://127.0.0.1:9000/',
      OK_WEBHOOK_URL: 'https://otklik.example.ru/webhooks/ok',
      OK_WEBHOOK_ALLOW: '217.20.145.192/28, 10.0.0.7  2001:db8::/32',
    });
    expect(env).toMatchObject({
      OK_API_ROOT: 'http://127.0.0.1:9000',
      OK_WEBHOOK_ALLOW: ['217.20.145.192/28', '10.0.0.7', '2001:db8::/32'],
    });
  });

  it('names a bad OK allow-list entry and a webhook without a token', () => {
    expect(problems({ OK_WEBHOOK_ALLOW: '217.20.145.192/28, ok.ru, 10.0.0.0/33' })).toEqual([
      'OK_WEBHOOK_ALLOW: "ok.ru" is not an IP address or CIDR range (e.g. 217.20.145.192/28); "10.0.0.0/33": the prefix length must be 0–32',
    ]);
    expect(problems({ OK_WEBHOOK_ALLOW: ' , ' })).toEqual(['OK_WEBHOOK_ALLOW: expected at least one address or CIDR range']);
    expect(problems({ OK_WEBHOOK_URL: 'https://otklik.example.ru/webhooks/ok' })).toEqual(['OK_BOT_TOKEN: required when OK_WEBHOOK_URL is set']);
    expect(problems({ OK_BOT_TOKEN: 'has a space' })[0]).toMatch(/^OK_BOT_TOKEN: expected the group's access key/);
  });

  it('reads MAX settings: the token, the API root, the webhook with its secret', () => {
    const env = loadEnv({ MAX_BOT_TOKEN: 'f9LgxHzWx4Vz-max-token', MAX_API_ROOT: 'http://127.0.0.1:9000/', MAX_WEBHOOK_URL: 'https://otklik.example.ru/webhooks/max', MAX_WEBHOOK_SECRET: 'max_secret-0123456' });
    expect(env).toMatchObject({ MAX_BOT_TOKEN: 'f9LgxHzWx4Vz-max-token', MAX_API_ROOT: 'http://127.0.0.1:9000', MAX_WEBHOOK_SECRET: 'max_secret-0123456' });
    expect(problems({ MAX_BOT_TOKEN: 'f9LgxHzWx4Vz-max-token', MAX_WEBHOOK_URL: 'https://otklik.example.ru/webhooks/max' })).toEqual(['MAX_WEBHOOK_SECRET: required when MAX_WEBHOOK_URL is set']);
    expect(problems({ MAX_WEBHOOK_SECRET: 'max_secret-0123456' })).toEqual(['MAX_BOT_TOKEN: required when MAX_WEBHOOK_SECRET is set']);
    expect(problems({ MAX_BOT_TOKEN: 'f9LgxHzWx4Vz-max-token', MAX_WEBHOOK_SECRET: 'short' })[0]).toMatch(/^MAX_WEBHOOK_SECRET: expected 16 to 256 characters/);
    expect(problems({ MAX_BOT_TOKEN: 'has spaces in it, not a token' })[0]).toMatch(/^MAX_BOT_TOKEN: /);
  });

  it('takes OK topic polling\'s keys all three or none, and bounds its pace', () => {
    const keys = { OK_APP_KEY: 'CBAFAKEOTKLIKAPPKEY', OK_APP_SECRET: '0123456789ABCDEF01234567', OK_ACCESS_TOKEN: '-s-fakeAdminToken.1' };
    expect(loadEnv({ ...keys, OK_GROUP_ID: '70000001234567', OK_TOPICS_POLL_SECONDS: '120', OK_TOPICS_COUNT: '5' })).toMatchObject({
      ...keys,
      OK_GROUP_ID: '70000001234567',
      OK_TOPICS_POLL_SECONDS: 120,
      OK_TOPICS_COUNT: 5,
    });
    expect(problems({ OK_APP_KEY: keys.OK_APP_KEY })).toEqual([
      'OK_APP_SECRET: required when OK_APP_KEY is set',
      'OK_ACCESS_TOKEN: required when OK_APP_KEY is set',
    ]);
    expect(problems({ OK_ACCESS_TOKEN: keys.OK_ACCESS_TOKEN })).toEqual(['OK_APP_KEY: required when OK_ACCESS_TOKEN is set']);
    expect(problems({ OK_TOPICS_POLL_SECONDS: '5' })).toEqual(['OK_TOPICS_POLL_SECONDS: expected seconds between polls, 10–86400, found "5"']);
    expect(problems({ OK_GROUP_ID: 'group123' })).toEqual(['OK_GROUP_ID: expected the OK group id as digits, found "group123"']);
    // A secret is never echoed.
    expect(problems({ ...keys, OK_APP_SECRET: 'has space' })).toEqual(["OK_APP_SECRET: expected the application's secret key from OK: no spaces"]);
  });

  it('reads the outbound proxy in upper or lower case, the upper-case name first', () => {
    const env = loadEnv({ HTTPS_PROXY: 'http://user:pw@proxy.local:3128', http_proxy: 'http://proxy.local:3129', no_proxy: 'localhost,127.0.0.1', NO_PROXY: '.mo.example.ru' });
    expect(env.HTTPS_PROXY).toBe('http://user:pw@proxy.local:3128');
    expect(env.HTTP_PROXY).toBe('http://proxy.local:3129');
    expect(env.NO_PROXY).toBe('.mo.example.ru');
    // A proxy URL may carry a password: named, never echoed.
    expect(problems({ HTTPS_PROXY: 'socks5://user:proxy-password-1@proxy.local:1080' })).toEqual([
      'HTTPS_PROXY: expected a proxy URL such as http://proxy.local:3128 (user:password@ allowed)',
    ]);
  });

  it('never prints a secret value', () => {
    const secrets = {
      DATABASE_URL: 'mysql://admin:db-password-1@localhost/db',
      REDIS_URL: 'http://:redis-password-2@localhost',
      TELEGRAM_BOT_TOKEN: '12345:short-token-3',
      TELEGRAM_WEBHOOK_URL: 'ftp://hook-path-secret-4',
      TELEGRAM_WEBHOOK_SECRET: 'bad secret 5!',
      VK_TOKEN: 'vk-token-6',
      VK_USER_TOKEN: 'vk-user-token-7',
      VK_CALLBACK_SECRET: 'vk-callback-secret-8',
      TELEGRAM_API_ROOT: 'api-root-9',
    };
    let message = '';
    try {
      loadEnv(secrets);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/TELEGRAM_BOT_TOKEN: /);
    for (const [name, value] of Object.entries(secrets)) {
      expect(message, name).not.toContain(value);
      for (const fragment of value.match(/[a-z]+-[a-z-]*\d/g) ?? []) expect(message, name).not.toContain(fragment);
    }
  });
});
