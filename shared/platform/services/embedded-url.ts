import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The URL of an embedded PostgreSQL already running on `dataDir` (`otklik start` on a single machine),
 * or null: read from postmaster.pid (its 4th line is the port) and the password Otklik keeps beside
 * the cluster, so that `otklik backup` can read the live database without stopping the service.
 */
export async function runningEmbeddedPostgresUrl(dataDir: string): Promise<string | null> {
  let pid: number;
  let port: number;
  try {
    const lines = (await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n');
    pid = Number.parseInt(lines[0] ?? '', 10);
    port = Number.parseInt(lines[3] ?? '', 10);
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return null;
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: alive, run by another user (postgres, when we are root); ESRCH: a stale pid file.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  const password = (await readFile(join(dataDir, 'otklik.password'), 'utf8').catch(() => '')).trim();
  if (!password) return null;
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/otklik`;
}
