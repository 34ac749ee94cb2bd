import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import { freshDatabase } from './db.js';
import { freshRedis } from './redis.js';

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('freshDatabase', () => {
  it('gives each caller its own empty UTF-8 database on a real PostgreSQL', async () => {
    const [a, b] = await Promise.all([freshDatabase(), freshDatabase()]);
    onTestFinished(() => Promise.all([a.drop(), b.drop()]).then(() => undefined));
    expect(a.url).not.toBe(b.url);

    expect(await query(a.url, `select 1 as one, lower('ОТКЛИК') as word`)).toEqual([{ one: 1, word: 'отклик' }]);
    await query(a.url, 'create table incidents (id int primary key); insert into incidents values (1)');
    expect(await query(a.url, 'select id from incidents')).toEqual([{ id: 1 }]);
    await expect(query(b.url, 'select id from incidents')).rejects.toThrow(/does not exist/);
  });

  it('drop() removes the database, even with a connection still open', async () => {
    const db = await freshDatabase();
    const open = new pg.Client({ connectionString: db.url });
    open.on('error', () => undefined); // the forced drop ends this session
    await open.connect();
    await db.drop();
    await expect(query(db.url, 'select 1')).rejects.toMatchObject({ code: '3D000' }); // invalid_catalog_name
  });
});

describe('freshRedis', () => {
  it('gives each caller its own logical database and prefix', async () => {
    const [a, b] = await Promise.all([freshRedis(), freshRedis()]);
    expect(a.url).not.toBe(b.url);
    expect(a.prefix).not.toBe(b.prefix);
    const ra = new Redis(a.url);
    const rb = new Redis(b.url);
    try {
      await ra.set('key', 'from a');
      await rb.set('key', 'from b');
      expect(await ra.get('key')).toBe('from a');
      expect(await rb.get('key')).toBe('from b');
      expect(await ra.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);

      await a.flush();
      expect(await ra.dbsize()).toBe(0);
      expect(await rb.get('key')).toBe('from b');
    } finally {
      ra.disconnect();
      rb.disconnect();
    }
  });

  it('serves BullMQ under the given prefix, and flush() empties it', async () => {
    const redis = await freshRedis();
    const queue = new Queue('timers', { connection: { url: redis.url }, prefix: redis.prefix });
    const client = new Redis(redis.url);
    try {
      await queue.add('due', { incident: 1 }, { jobId: 'incident-1-due-v1', delay: 60_000 });
      expect(await queue.getJob('incident-1-due-v1')).toMatchObject({ name: 'due', data: { incident: 1 } });
      const keys = await client.keys('*');
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.every((key) => key.startsWith(`${redis.prefix}:timers:`))).toBe(true);

      await redis.flush();
      expect(await client.dbsize()).toBe(0);
    } finally {
      await queue.close();
      client.disconnect();
    }
  });
});
