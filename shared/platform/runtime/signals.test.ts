import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log.js';
import { onHangup } from './signals.js';

// process.emit only calls the listeners: no signal reaches the test process.
const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

const tick = () => new Promise((r) => setImmediate(r));

describe('onHangup', () => {
  it('runs the reload on SIGHUP; one arriving during a reload runs it once more afterwards', async () => {
    const releases: (() => void)[] = [];
    let calls = 0;
    stops.push(onHangup(silentLogger, () => new Promise<void>((resolve) => (calls++, releases.push(resolve)))));
    process.emit('SIGHUP');
    process.emit('SIGHUP');
    process.emit('SIGHUP');
    expect(calls).toBe(1);
    releases.shift()!();
    await tick();
    expect(calls).toBe(2);
    releases.shift()!();
    await tick();
    expect(calls).toBe(2);
  });

  it('a failing reload is logged, and the next SIGHUP still runs', async () => {
    let calls = 0;
    stops.push(onHangup(silentLogger, async () => {
      calls++;
      throw new Error('boom');
    }));
    process.emit('SIGHUP');
    await tick();
    process.emit('SIGHUP');
    await tick();
    expect(calls).toBe(2);
  });

  it('stops listening when told', () => {
    const before = process.listenerCount('SIGHUP');
    const stop = onHangup(silentLogger, async () => undefined);
    expect(process.listenerCount('SIGHUP')).toBe(before + 1);
    stop();
    expect(process.listenerCount('SIGHUP')).toBe(before);
  });
});
