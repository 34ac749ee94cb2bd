/**
 * The webhooks' hand-over of stored events to the worker. Fresh ids are
 * gathered for up to `everyMs` and sent as one job: under a burst a few jobs a
 * second instead of one per group commit (a job costs Redis a script to add
 * and two to run, and the bots the Redis round trip and its garbage), while a
 * lone event goes at once. Never more than `maxIds` in a job, and one send at
 * a time. `send` must not reject: a lost hand-over is not a lost event, the
 * reconciler finds stored rows that were never processed.
 */
export function handover(send: (ids: number[]) => Promise<void>, opts: { everyMs?: number; maxIds?: number; now?: () => number } = {}) {
  const everyMs = opts.everyMs ?? 20;
  const maxIds = opts.maxIds ?? 1000;
  const now = opts.now ?? (() => performance.now());
  let waiting: number[] = [];
  let timer: NodeJS.Timeout | undefined;
  let sending = false;
  let sentAt = -Infinity;

  const flush = () => {
    timer = undefined;
    if (sending || !waiting.length) return;
    const ids = waiting.length > maxIds ? waiting.splice(0, maxIds) : waiting;
    if (ids === waiting) waiting = [];
    sending = true;
    sentAt = now();
    void send(ids).finally(() => {
      sending = false;
      schedule();
    });
  };

  const schedule = () => {
    if (timer || sending || !waiting.length) return;
    const wait = sentAt + everyMs - now();
    if (wait <= 0 || waiting.length >= maxIds) flush();
    // Unref'd: a process that stops meanwhile leaves these ids to the reconciler.
    else timer = setTimeout(flush, wait).unref();
  };

  return {
    add(ids: readonly number[]) {
      for (const id of ids) waiting.push(id);
      schedule();
    },
  };
}
