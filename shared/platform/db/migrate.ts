import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { readFileSync } from 'node:fs';
import type { Database } from './client.js';

const migrationsFolder = fileURLToPath(new URL('../../../migrations', import.meta.url));
/** Any constant shared by every Otklik process: bots and worker may start together and both migrate. */
const MIGRATION_LOCK = 0x6f746b6c; // "otkl"

/** Applies the SQL migrations drizzle-kit generated, one process at a time. */
export async function applyMigrations({ pool }: Database): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrate(drizzle(client), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
}

export type PendingMigration = { tag: string; statements: string[] };

/**
 * The migrations this version would apply to the database, as drizzle decides it (every migration newer
 * than the last one recorded), each with its statements: what `otklik migrate --check` shows before an
 * upgrade. Reads only.
 */
export async function pendingMigrations({ pool }: Database): Promise<PendingMigration[]> {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as { entries: Array<{ tag: string; when: number }> };
  const tags = new Map(journal.entries.map((e) => [e.when, e.tag]));
  // The table is created by the first migration run; before it, every migration is pending.
  const { rows: table } = await pool.query<{ ok: boolean }>(`select to_regclass('drizzle.__drizzle_migrations') is not null as ok`);
  const { rows } = table[0]?.ok
    ? await pool.query<{ last: string | null }>('select max(created_at)::text as last from drizzle.__drizzle_migrations')
    : { rows: [{ last: null }] };
  const last = rows[0]?.last == null ? -1 : Number(rows[0].last);
  return readMigrationFiles({ migrationsFolder })
    .filter((m) => m.folderMillis > last)
    .map((m) => ({ tag: tags.get(m.folderMillis) ?? String(m.folderMillis), statements: m.sql.map((q) => q.trim()).filter(Boolean) }));
}
