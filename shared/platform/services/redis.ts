import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { access, constants, mkdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { delimiter, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../log.js';
import { claimDataDir, freePort, stopOrphan } from './process.js';
import type { RunningService } from './postgres.js';

const INSTALL_HINT =
  'Install it with `sudo apt-get update && sudo apt-get install -y redis-server` ' +
  '(or your system\'s package), or set REDIS_URL to a Redis you run yourself (redis://host:6379).';

/**
 * Runs a private `redis-server` on 127.0.0.1 for this process alone, with its
 * data in `dataDir`. It is a child that dies with us: on a clean exit we stop
 * it, on a crash the kernel does (parent-death signal), and a survivor from an
 * older run is found by its pid file and stopped before we start.
 * `databases` raises the number of logical databases (16 by default).
 */
export async function startPrivateRedis(opts: {
  dataDir: string;
  port?: number;
  log: Logger;
  databases?: number;
}): Promise<RunningService> {
  const dataDir = resolve(opts.dataDir);
  const log = opts.log.child({ service: 'redis' });
  const binary = await findRedisServer(log);
  await mkdir(dataDir, { recursive: true });
  const claim = await claimDataDir(dataDir);
  const pidFile = join(dataDir, 'redis.pid');
  await stopOrphan({
    pidFile,
    program: 'redis-server',
    dir: dataDir,
    signal: 'SIGTERM', // redis's SIGTERM is a SHUTDOWN: the AOF is flushed first
    onStop: (pid) => log.warn({ orphanPid: pid }, 'stopping a Redis left running by an earlier run'),
  });

  const port = opts.port ?? (await freePort());
  const args = [
    ...['--bind', '127.0.0.1', '--port', String(port), '--daemonize', 'no'],
    ...['--dir', dataDir, '--pidfile', pidFile],
    // PostgreSQL holds the truth and every job can be rebuilt from it, but a restart should still find
    // the queues as they were: the append-only file logs each write (fsync every second), while RDB
    // snapshots (`save`) would lose everything since the last one and fork a copy of memory to write it.
    ...['--appendonly', 'yes', '--save', ''],
    // BullMQ requires noeviction: an evicted job key corrupts its queues silently.
    ...['--maxmemory-policy', 'noeviction'],
    // Keep the command line as given, so the pid file check above can recognise our process by its --dir.
    ...['--set-proc-title', 'no'],
    ...(opts.databases ? ['--databases', String(opts.databases)] : []),
  ];
  // setpriv asks the kernel to SIGTERM redis when the thread that spawned it dies, even by SIGKILL.
  const setpriv = await which('setpriv');
  const child = setpriv
    ? spawn(setpriv, ['--pdeathsig', 'TERM', '--', binary, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const recent: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      if (recent.push(line) > 20) recent.shift();
      log.debug(line);
    });
  }
  let failure: Error | undefined; // spawn errors arrive as an event, not an exit
  child.once('error', (err) => (failure = err));
  const exited = new Promise<void>((done) => child.once('close', () => done()));
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);

  try {
    await waitForPong(port, child, () => failure);
  } catch (err) {
    child.kill('SIGKILL');
    process.removeListener('exit', killOnExit);
    await claim.release();
    throw new Error(`private Redis did not start on port ${port}: ${(err as Error).message}\n${recent.join('\n')}`, {
      cause: err,
    });
  }
  let stopping: Promise<void> | undefined;
  child.on('exit', (code, signal) => {
    if (!stopping) log.error({ code, signal }, 'private Redis exited unexpectedly');
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      (stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const killed = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(killed);
        }
        process.removeListener('exit', killOnExit);
        await claim.release();
      })()),
  };
}

/** PING until PONG; a redis still loading its AOF answers -LOADING meanwhile. */
async function waitForPong(port: number, child: ChildProcess, failure: () => Error | undefined): Promise<void> {
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(50)) {
    const error = failure();
    if (error) throw error;
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`redis-server exited (${child.exitCode ?? child.signalCode})`);
    }
    if ((await ping(port)) === '+PONG') return;
  }
  throw new Error('no PONG within 120 s');
}

function ping(port: number): Promise<string> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    let reply = '';
    socket.setTimeout(1000, () => socket.destroy());
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) socket.end();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => done(reply.split('\r\n')[0] ?? ''));
  });
}

/** redis-server from PATH; when missing and we may, Debian's package is installed. */
async function findRedisServer(log: Logger): Promise<string> {
  const found = await which('redis-server');
  if (found) return found;
  const apt = await which('apt-get');
  if (process.getuid?.() !== 0 || !apt) throw new Error(`redis-server was not found on PATH. ${INSTALL_HINT}`);
  log.info('redis-server was not found; installing Debian\'s redis-server package with apt-get (this takes a while)');
  // The lock timeout lets two of our processes installing at once wait for each other instead of failing.
  const aptArgs = ['-o', 'DPkg::Lock::Timeout=600', '-q'];
  await run(apt, [...aptArgs, 'update'], log);
  await run(apt, [...aptArgs, 'install', '-y', '--no-install-recommends', 'redis-server'], log);
  const installed = await which('redis-server');
  if (!installed) throw new Error(`redis-server is still not on PATH after apt-get install. ${INSTALL_HINT}`);
  log.info({ binary: installed }, 'installed redis-server');
  return installed;
}

async function run(command: string, args: string[], log: Logger): Promise<void> {
  log.info(`running ${command} ${args.join(' ')}`);
  const child = spawn(command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      output.push(line);
      log.debug(line);
    });
  }
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${code}):\n${output.slice(-20).join('\n')}\n${INSTALL_HINT}`);
  }
}

async function which(name: string): Promise<string | undefined> {
  // Debian puts daemons in /usr/sbin and sbin is not always on a non-root PATH.
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/bin'];
  for (const dir of dirs.filter(Boolean)) {
    const path = join(dir, name);
    if (await access(path, constants.X_OK).then(() => true, () => false)) return path;
  }
  return undefined;
}
