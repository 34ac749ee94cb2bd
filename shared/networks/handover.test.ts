/**
 * The webhooks' hand-over to the worker: a lone event goes at once, events
 * stored meanwhile are gathered into the next job, one send at a time and
 * never more than the job may hold — every id handed over exactly once.
 */
import { expect, it } from 'vitest';
import { handover } from './handover.js';

/** A send that completes when told to, recording what it was given. */
function controlledSend() {
  const sent: number[][] = [];
  const pending: Array<() => void> = [];
  return {
    sent,
    send: (ids: number[]) => {
      sent.push([...ids]);
      return new Promise<void>((resolve) => pending.push(resolve));
    },
    finishAll: () => pending.splice(0).forEach((r) => r()),
  };
}
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

it('sends a lone event at once', () => {
  const s = controlledSend();
  handover(s.send, { everyMs: 20 }).add([1]);
  expect(s.sent).toEqual([[1]]);
});

it('gathers the events stored while a send is out, and within everyMs of the last one, into the next job', async () => {
  const s = controlledSend();
  let now = 0;
  const h = handover(s.send, { everyMs: 20, now: () => now });
  h.add([1]);
  h.add([2, 3]);
  h.add([4]);
  expect(s.sent).toEqual([[1]]);
  now = 5;
  s.finishAll();
  await tick();
  // Done 5 ms after the first send: the rest wait for the end of everyMs, gathered.
  expect(s.sent).toEqual([[1]]);
  now = 20;
  await tick(25);
  expect(s.sent).toEqual([[1], [2, 3, 4]]);
});

it('never puts more than maxIds in one job, and hands every id over exactly once', async () => {
  const s = controlledSend();
  const h = handover(s.send, { everyMs: 0, maxIds: 3 });
  h.add([1]);
  h.add([2, 3, 4, 5, 6, 7, 8]);
  for (let i = 0; i < 5; i++) {
    s.finishAll();
    await tick();
  }
  expect(s.sent.every((ids) => ids.length <= 3)).toBe(true);
  expect(s.sent.flat()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
});
