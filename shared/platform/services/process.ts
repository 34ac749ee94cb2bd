import { readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A port nobody listens on right now: the kernel picks one, we release it at once. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not pick a free port'))));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
  // An orphan that exited stays a zombie until init reaps it, and signal 0 still reaches zombies.
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc here: trust the signal
  }
}

async function readPid(file: string): Promise<number | undefined> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const pid = Number.parseInt(text.split('\n')[0] ?? '', 10);
  return Number.isInteger(pid) && pid > 1 && isAlive(pid) ? pid : undefined;
}

/** The command line of a live pid, from /proc ('' where there is none). */
async function commandLine(pid: number): Promise<string> {
  return (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).replaceAll('\0', ' ');
}

const OWNER_FILE = 'otklik.owner';

/**
 * Marks `dir` as ours. A live other process that marked it first still runs
 * its server there, so we refuse rather than kill it; a dead one left an
 * orphan at most, which `stopOrphan` then ends.
 */
export async function claimDataDir(dir: string): Promise<{ release(): Promise<void> }> {
  const file = join(dir, OWNER_FILE);
  const owner = await readPid(file);
  if (owner && owner !== process.pid && (await commandLine(owner)).includes('node')) {
    throw new Error(`${dir} is in use by process ${owner}; stop that process first or use another data directory`);
  }
  await writeFile(file, `${process.pid}\n`);
  return { release: () => rm(file, { force: true }) };
}

/**
 * Ends a server that an earlier run of ours left behind when it died without
 * stopping it (SIGKILL, OOM): the server would hold the data directory's lock
 * for ever. Only a live pid whose command line names `program` and `dir` is
 * touched, so a pid the kernel has since reused is left alone.
 */
export async function stopOrphan(opts: {
  pidFile: string;
  program: string;
  dir: string;
  signal: NodeJS.Signals;
  onStop: (pid: number) => void;
}): Promise<void> {
  const pid = await readPid(opts.pidFile);
  if (!pid || pid === process.pid) return;
  const cmd = await commandLine(pid);
  if (!cmd.includes(opts.program) || !cmd.includes(opts.dir)) return;
  opts.onStop(pid);
  process.kill(pid, opts.signal);
  if (await waitForDeath(pid, 30_000)) return;
  process.kill(pid, 'SIGKILL');
  await waitForDeath(pid, 5_000);
}

async function waitForDeath(pid: number, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(50)) {
    if (!isAlive(pid)) return true;
  }
  return false;
}
