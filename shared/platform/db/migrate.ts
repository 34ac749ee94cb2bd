import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
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
