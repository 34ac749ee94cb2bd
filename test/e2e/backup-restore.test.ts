/**
 * Backups that restore (issue 20): incidents in many states — new, routed, taken, on approval,
 * answered, rejected — are backed up from a running installation, restored into an empty
 * database, and a new installation on it has them all back: the rows of every table, the
 * incidents' audit, the report's figures, and the running deadlines, whose timer jobs the
 * worker's reconciler rebuilds in an empty Redis. A restore refuses a database that has rows,
 * and a cut-short file restores nothing.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentEvents, incidents } from '../../shared/platform/db/schema.js';
import { backupDatabase, readManifest, restoreDatabase } from '../../shared/platform/db/backup.js';
import { connectDatabase, type Database } from '../../shared/platform/db/client.js';
import { applyMigrations } from '../../shared/platform/db/migrate.js';
import { silentLogger } from '../../shared/platform/log.js';
import { catalog } from '../../shared/platform/jobs/catalog.js';
import { buildReportData } from '../../shared/flows/reports/build.js';
import { loadEvents } from '../../shared/platform/db/events.js';
import { payloadOf, planForEvents } from '../../shared/flows/deadlines/schedule.js';
import { periodContaining } from '../../shared/core/analytics/periods.js';
import { startHarness, type Harness } from '../../shared/sandbox/demo/harness.js';
import { routeAsSuggested, writeDraft } from '../../shared/sandbox/demo/flow.js';
import { cardSays, citizenWrites, press, until } from '../../shared/sandbox/demo/staff.js';
import { freshDatabase } from '../kit/db.js';
import { freshRedis } from '../kit/redis.js';
import { testHarness, type TestHarness } from '../kit/harness.js';
import { DateTime } from 'luxon';

const CURATOR = 101;
const ROADS = 201;

let h: TestHarness;
let backedUp = 0;
const dir = mkdtempSync(join(tmpdir(), 'otklik-backup-'));
const file = join(dir, 'otklik.backup.gz');
const cleanup: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  h = await testHarness();
});
afterAll(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
  await h?.dispose();
});

/** Every row of the tables that hold incidents and their audit, in a stable order. */
async function rowsOf(database: Database) {
  const { db } = database;
  return {
    incidents: await db.select().from(incidents).orderBy(incidents.id),
    events: await db.select().from(incidentEvents).orderBy(incidentEvents.id),
  };
}

async function counts(database: Database): Promise<Record<string, number>> {
  const { rows } = await database.pool.query<{ relname: string }>(`select relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' order by relname`);
  const out: Record<string, number> = {};
  for (const { relname } of rows) out[relname] = Number((await database.pool.query(`select count(*)::int as n from "${relname}"`)).rows[0].n);
  return out;
}

describe('otklik backup and restore', () => {
  let restored: Database;
  let ids: Record<string, number>;

  it('backs up a database with incidents in many states from one snapshot', async () => {
    const fresh = await citizenWrites(h, 650001, 'Яма на дороге в с. Антоновка у школы, объехать нельзя');
    const routed = await citizenWrites(h, 650002, 'Яма на дороге в с. Антоновка у почты, глубокая');
    await routeAsSuggested(h, routed, CURATOR);
    const taken = await citizenWrites(h, 650003, 'Яма на дороге в с. Антоновка у клуба, после дождя');
    await routeAsSuggested(h, taken, CURATOR);
    await cardSays(h, ROADS, taken, (t) => t.includes('направлено исполнителю'), 'the executor\'s card');
    await press(h, ROADS, taken, ROADS, '🙋 Взять');
    const approval = await citizenWrites(h, 650004, 'Яма на дороге в с. Антоновка у магазина, колесо пробил');
    await routeAsSuggested(h, approval, CURATOR);
    await writeDraft(h, approval, ROADS, ROADS, 'Здравствуйте! Яму у магазина засыплют до пятницы.');
    const answered = await citizenWrites(h, 650005, 'Яма на дороге в с. Антоновка у аптеки, опасно');
    await routeAsSuggested(h, answered, CURATOR);
    await writeDraft(h, answered, ROADS, ROADS, 'Здравствуйте! Яму у аптеки засыплют завтра.');
    await cardSays(h, h.org.chats.curators, answered, (t) => t.includes('на согласовании'), 'on approval');
    await press(h, h.org.chats.curators, answered, CURATOR, '✅ Утвердить');
    await cardSays(h, h.org.chats.curators, answered, (t) => t.includes('ответ опубликован'), 'published');
    const rejected = await citizenWrites(h, 650006, 'Вы все там бездельники и воры, гореть вам');
    await press(h, h.org.chats.curators, rejected, CURATOR, '🚫 Не подлежит');
    await press(h, h.org.chats.curators, rejected, CURATOR, 'Оскорбления');
    await cardSays(h, h.org.chats.curators, rejected, (t) => t.includes('не подлежит обработке'), 'rejected');
    ids = { fresh, routed, taken, approval, answered, rejected };
    await until(async () => {
      const rows = await h.system.ctx.database.db.select().from(incidents);
      const status = Object.fromEntries(rows.map((r) => [r.id, r.status]));
      return status[taken] === 'in_work' && status[approval] === 'on_approval' && status[answered] === 'answered' || undefined;
    }, 'every incident in its state');

    const summary = await backupDatabase(h.system.ctx.database.pool, file);
    expect(summary.rows).toBeGreaterThan(50);
    backedUp = summary.rows;
    expect(summary.manifest.tables).toContain('incidents');
    expect((await readManifest(file)).migrations.length).toBeGreaterThan(10);
    const statuses = (await rowsOf(h.system.ctx.database)).incidents.map((r) => r.status).sort();
    expect(statuses).toEqual(['answered', 'detected', 'in_work', 'on_approval', 'rejected', 'routed']);
  }, 120_000);

  it('restores every row into an empty database, sequences continuing after the restored ids', async () => {
    const target = await freshDatabase();
    cleanup.push(target.drop);
    restored = connectDatabase(target.url);
    cleanup.push(() => restored.close());
    await applyMigrations(restored);
    const summary = await restoreDatabase(restored.pool, file);
    expect(summary.rows).toBe(backedUp);

    expect(await counts(restored)).toEqual(await counts(h.system.ctx.database));
    expect(await rowsOf(restored)).toEqual(await rowsOf(h.system.ctx.database));
    const next = await restored.pool.query(`select nextval(pg_get_serial_sequence('incidents', 'id'))::int as id`);
    expect(next.rows[0].id).toBe(Math.max(...Object.values(ids)) + 1);
  });

  it('gives a new installation on the restored database the same report and its running deadlines back', async () => {
    const db2 = await freshDatabase();
    cleanup.push(db2.drop);
    const redis = await freshRedis();
    // The installation that restored: its own PostgreSQL database, an empty Redis.
    const restoredDb = connectDatabase(db2.url);
    await applyMigrations(restoredDb);
    await restoreDatabase(restoredDb.pool, file);
    await restoredDb.close();
    const h2: Harness = await startHarness({ databaseUrl: db2.url, redisUrl: redis.url, queuePrefix: redis.prefix, log: silentLogger });
    cleanup.push(() => h2.stop());

    // The reconciler at the worker's start plans every open incident's timers again.
    const timers = h2.system.ctx.queues.queue('timer');
    for (const key of ['fresh', 'routed', 'taken', 'approval'] as const) {
      const id = ids[key]!;
      const planned = planForEvents(h2.system.ctx, await loadEvents(h2.system.ctx.database.db, id)).filter((f) => f.due > Date.now() + 5_000);
      expect(planned.length, `${key}: a running deadline`).toBeGreaterThan(0);
      for (const f of planned) {
        const jobId = catalog.timer.jobId(payloadOf(id, f));
        await until(() => timers.getJob(jobId), `timer ${jobId} of ${key} rebuilt`, 20_000);
      }
    }

    const period = periodContaining('week', DateTime.now().setZone(h.org.timezone), h.org.timezone);
    const asOf = new Date();
    const report = (ctx: typeof h.system.ctx) => buildReportData({ db: ctx.database.db, org: ctx.org, profile: ctx.profile, workTime: ctx.workTime }, period, asOf);
    expect(await report(h2.system.ctx)).toEqual(await report(h.system.ctx));
  }, 120_000);

  it('refuses a database that already has rows, and a cut-short file, restoring nothing', async () => {
    await expect(restoreDatabase(restored.pool, file)).rejects.toThrow(/not empty/);

    const cut = join(dir, 'cut.backup.gz');
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    writeFileSync(cut, gzipSync(lines.slice(0, Math.floor(lines.length / 2)).join('\n')));
    const empty = await freshDatabase();
    cleanup.push(empty.drop);
    const target = connectDatabase(empty.url);
    cleanup.push(() => target.close());
    await applyMigrations(target);
    await expect(restoreDatabase(target.pool, cut)).rejects.toThrow(/cut short/);
    expect(Object.values(await counts(target)).every((n) => n === 0)).toBe(true);
  });
});
