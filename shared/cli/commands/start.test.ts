import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadEnv } from '../../platform/config/env.js';
import { productionProblems, run, staffTokenMissing } from './start.js';

// The training sandbox is tested in a browser (test/e2e/sandbox-browser.test.ts); here only whether start reaches for it matters.
const demo = vi.hoisted(() => ({ run: vi.fn(async () => 0) }));
vi.mock('./sandbox.js', () => demo);

const BOT_TOKEN = '123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789';
const SETTINGS = ['NODE_ENV', 'TELEGRAM_BOT_TOKEN', 'MAX_BOT_TOKEN', 'DATABASE_URL', 'REDIS_URL', 'OTKLIK_EMBEDDED', 'OTKLIK_ORG'] as const;

let err: string[];
beforeEach(() => {
  err = [];
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  for (const name of SETTINGS) vi.stubEnv(name, ''); // empty counts as unset
  demo.run.mockClear();
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const setEnv = (values: Partial<Record<(typeof SETTINGS)[number], string>>) => {
  for (const [name, value] of Object.entries(values)) vi.stubEnv(name, value);
};

describe('otklik start in production (NODE_ENV=production)', () => {
  it('without DATABASE_URL or REDIS_URL is an error naming each, and starts nothing', async () => {
    setEnv({ NODE_ENV: 'production', TELEGRAM_BOT_TOKEN: BOT_TOKEN, OTKLIK_ORG: 'org.yaml' });
    expect(await run()).toBe(1);
    const [message] = err;
    expect(message).toContain('otklik start: not ready for production');
    expect(message).toMatch(/^DATABASE_URL: required in production, or OTKLIK_EMBEDDED=postgres/m);
    expect(message).toMatch(/^REDIS_URL: required in production, or OTKLIK_EMBEDDED=redis/m);
    expect(demo.run).not.toHaveBeenCalled();
  });

  it('names only what is missing', async () => {
    setEnv({ NODE_ENV: 'production', TELEGRAM_BOT_TOKEN: BOT_TOKEN, DATABASE_URL: 'postgres://u:p@db.invalid/otklik' });
    expect(await run()).toBe(1);
    expect(err.join('\n')).toMatch(/^REDIS_URL: required in production/m);
    expect(err.join('\n')).not.toContain('DATABASE_URL');
  });

  it('never runs the sandbox: a missing token is an error', async () => {
    setEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db.invalid/otklik', REDIS_URL: 'redis://cache.invalid:6379' });
    expect(await run()).toBe(1);
    expect(err.join('\n')).toMatch(/^TELEGRAM_BOT_TOKEN \(or MAX_BOT_TOKEN with messenger: max\): required in production/m);
    expect(demo.run).not.toHaveBeenCalled();
  });

  it('runs the embedded services when OTKLIK_EMBEDDED names them', () => {
    const production = { NODE_ENV: 'production', TELEGRAM_BOT_TOKEN: BOT_TOKEN };
    expect(productionProblems(loadEnv({ ...production, OTKLIK_EMBEDDED: 'postgres,redis' }))).toEqual([]);
    expect(productionProblems(loadEnv({ ...production, OTKLIK_EMBEDDED: 'redis', DATABASE_URL: 'postgres://u:p@db.invalid/otklik' }))).toEqual([]);
    expect(productionProblems(loadEnv({ ...production, OTKLIK_EMBEDDED: 'postgres' }))).toEqual([
      expect.stringMatching(/^REDIS_URL: required in production/),
    ]);
  });

  it('goes on to the next check once the embedded services are asked for', async () => {
    // No OTKLIK_ORG: start stops there, past the production checks, before anything is started.
    setEnv({ NODE_ENV: 'production', TELEGRAM_BOT_TOKEN: BOT_TOKEN, OTKLIK_EMBEDDED: 'postgres redis' });
    expect(await run()).toBe(1);
    expect(err.join('\n')).toContain('OTKLIK_ORG: required with a bot token');
    expect(err.join('\n')).not.toContain('production');
  });

  it('rejects an OTKLIK_EMBEDDED that names something else', () => {
    expect(() => loadEnv({ OTKLIK_EMBEDDED: 'postgres,mysql' })).toThrow(/OTKLIK_EMBEDDED: expected postgres, redis or "postgres,redis", found "postgres,mysql"/);
  });
});

describe('otklik start outside production', () => {
  it('starts the training sandbox when no token is set', async () => {
    expect(await run()).toBe(0);
    expect(demo.run).toHaveBeenCalledTimes(1);
    expect(err).toEqual([]);
  });

  it('needs no URLs and no OTKLIK_EMBEDDED', () => {
    expect(productionProblems(loadEnv({ TELEGRAM_BOT_TOKEN: BOT_TOKEN }))).toEqual([]);
    expect(productionProblems(loadEnv({ NODE_ENV: 'development' }))).toEqual([]);
  });
});

describe('the staff bot\'s token follows the organisation\'s messenger', () => {
  const maxToken = 'max-token-0123456789abcdef';
  it('names the missing token for the messenger the file chose', () => {
    expect(staffTokenMissing(loadEnv({ TELEGRAM_BOT_TOKEN: BOT_TOKEN }), { messenger: 'max' })).toMatch(/^MAX_BOT_TOKEN: required by the organisation file's "messenger: max"/);
    expect(staffTokenMissing(loadEnv({ MAX_BOT_TOKEN: maxToken }), {})).toMatch(/^TELEGRAM_BOT_TOKEN: required for staff in Telegram/);
    expect(staffTokenMissing(loadEnv({ MAX_BOT_TOKEN: maxToken }), { messenger: 'max' })).toBeNull();
    expect(staffTokenMissing(loadEnv({ TELEGRAM_BOT_TOKEN: BOT_TOKEN }), { messenger: 'telegram' })).toBeNull();
  });
  it('a MAX token alone is no reason for the sandbox, nor for production\'s token problem', async () => {
    expect(productionProblems(loadEnv({ NODE_ENV: 'production', MAX_BOT_TOKEN: maxToken, OTKLIK_EMBEDDED: 'postgres,redis' }))).toEqual([]);
    setEnv({ MAX_BOT_TOKEN: maxToken });
    expect(await run()).toBe(1);
    expect(err.join('\n')).toMatch(/OTKLIK_ORG: required with a bot token/);
    expect(demo.run).not.toHaveBeenCalled();
  });
});
