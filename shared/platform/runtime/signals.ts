import type { Logger } from '../log.js';

/** Resolves on the first SIGINT or SIGTERM; a second one while shutting down exits at once. */
export function untilSignal(log: Logger): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      log.info({ signal }, 'shutting down');
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      resolve(signal);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}

/**
 * Runs `reload` on every SIGHUP, the conventional "re-read your configuration" (`docker compose kill -s HUP`,
 * `systemctl reload`). One at a time: a SIGHUP during a reload runs it once more afterwards, so the file
 * in force is the last one saved. Returns the function that stops listening.
 */
export function onHangup(log: Logger, reload: () => Promise<unknown>): () => void {
  let running: Promise<void> | null = null;
  let again = false;
  const run = (): void => {
    if (running) {
      again = true;
      return;
    }
    log.info({ signal: 'SIGHUP' }, 're-reading the organisation file');
    running = reload()
      .then(
        () => undefined,
        (err: unknown) => log.error({ err }, 'reload failed'),
      )
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          run();
        }
      });
  };
  process.on('SIGHUP', run);
  return () => void process.off('SIGHUP', run);
}
