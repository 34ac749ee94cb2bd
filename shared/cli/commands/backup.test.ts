/**
 * `otklik backup` and `otklik restore` on the single-machine install (no DATABASE_URL): the
 * embedded PostgreSQL of OTKLIK_DATA_DIR is used while Otklik runs on it, started for the command
 * when it does not, and a backup of one installation restores into another's empty data folder.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { connectDatabase } from '../../platform/db/client.js';
import { startEmbeddedPostgres } from '../../platform/services/index.js';
import { silentLogger } from '../../platform/log.js';
import { run as backup } from './backup.js';
import { run as migrate } from './migrate.js';
import { run as restore } from './restore.js';

const root = await mkdtemp(join(tmpdir(), 'otklik-cli-backup-'));
await chmod(root, 0o755); // as root, postgres runs as its own user and must enter it
const saved = { ...process.env };
afterAll(async () => {
  process.env = saved;
  await rm(root, { recursive: true, force: true });
});

async function withInstall<T>(name: string, work: () => Promise<T>): Promise<T> {
  process.env = { ...saved, OTKLIK_DATA_DIR: join(root, name), LOG_LEVEL: 'warn' };
  delete process.env.DATABASE_URL;
  return work();
}

const said = () => {
  const out = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  return {
    text: () => [...out.mock.calls, ...err.mock.calls].flat().join('\n'),
    restore: () => (out.mockRestore(), err.mockRestore()),
  };
};

describe('otklik backup / restore on the embedded install', () => {
  const file = join(root, 'one.backup.gz');

  it('backs up one installation and restores it into another, empty one', async () => {
    const console1 = said();
    try {
      expect(await withInstall('one', () => migrate())).toBe(0);
      // A row to carry across: an invite, as an admin would create.
      const one = await startEmbeddedPostgres({ dataDir: join(root, 'one', 'postgres'), log: silentLogger });
      const db = connectDatabase(one.url);
      await db.pool.query(`insert into staff_invites (token, role, created_by, created_at, expires_at) values ('c0de', 'executor', 101, now(), now() + interval '1 day')`);
      await db.close();
      // Otklik is up on that install: the backup reads its running PostgreSQL, it starts no second one.
      try {
        expect(await withInstall('one', () => backup(['--out', file]))).toBe(0);
      } finally {
        await one.stop();
      }
      expect(console1.text()).toContain('Резервная копия записана');
      expect(await withInstall('two', () => restore([file]))).toBe(0);
      expect(console1.text()).toContain('Восстановлено');
    } finally {
      console1.restore();
    }
    const two = await startEmbeddedPostgres({ dataDir: join(root, 'two', 'postgres'), log: silentLogger });
    const db = connectDatabase(two.url);
    try {
      expect((await db.pool.query(`select token, role from staff_invites`)).rows).toEqual([{ token: 'c0de', role: 'executor' }]);
    } finally {
      await db.close();
      await two.stop();
    }
  }, 120_000);

  it('says how to call it, and refuses what is not a backup without touching the database', async () => {
    const out = said();
    try {
      expect(await backup([])).toBe(2);
      expect(await restore([])).toBe(2);
      expect(await withInstall('three', () => restore([join(root, 'missing.gz')]))).toBe(1);
      expect(out.text()).toContain('Использование: otklik backup --out');
    } finally {
      out.restore();
    }
  });
});
