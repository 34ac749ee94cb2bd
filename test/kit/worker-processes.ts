/**
 * `otklik worker` as its own process, as docker compose runs it, for the tests
 * that kill one mid-job or run several side by side. `env` is read at each
 * start (harnesses and databases come up in `beforeAll`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function workerProcesses(env: () => Record<string, string>) {
  const started: ChildProcess[] = [];
  const alive = (c: ChildProcess) => c.exitCode === null && c.signalCode === null;

  /** Ends a worker: SIGKILL is a crash; SIGTERM is an admin's stop (jobs in hand finished first). */
  const end = (c: ChildProcess, signal: NodeJS.Signals = 'SIGKILL') =>
    new Promise<void>((resolve) => {
      if (!alive(c)) return resolve();
      c.once('exit', () => resolve());
      c.kill(signal);
    });

  return {
    start(): ChildProcess {
      const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'shared/cli/main.ts'), 'worker'], {
        cwd: ROOT,
        // A free port for each one's /healthz and /metrics: several run side by side.
        env: { ...process.env, WORKER_HTTP_PORT: '0', ...env() },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      started.push(child);
      return child;
    },
    end,
    /** Whether any worker started here still runs. */
    anyAlive: () => started.some(alive),
    endAll: (signal: NodeJS.Signals = 'SIGKILL') => Promise.all(started.map((c) => end(c, signal))),
  };
}
