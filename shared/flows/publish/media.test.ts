import { describe, expect, it } from 'vitest';
import { DownloadTooLarge, readCapped } from './media.js';

const stream = (chunks: number, size: number) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      for (let i = 0; i < chunks; i++) c.enqueue(new Uint8Array(size).fill(i));
      c.close();
    },
  });

describe('readCapped', () => {
  it('reads a body within the cap whole', async () => {
    const data = await readCapped(new Response(stream(3, 10)), 30);
    expect(data).toHaveLength(30);
    expect([data[0], data[10], data[29]]).toEqual([0, 1, 2]);
  });
  it('refuses a body that declares more than the cap before reading it', async () => {
    const res = new Response(stream(1, 10), { headers: { 'content-length': '1000' } });
    await expect(readCapped(res, 100)).rejects.toBeInstanceOf(DownloadTooLarge);
  });
  it('stops reading a body that grows past the cap without declaring its length', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array(64));
      },
    });
    await expect(readCapped(new Response(endless), 1000)).rejects.toBeInstanceOf(DownloadTooLarge);
    expect(pulled).toBeLessThan(40);
  });
});
