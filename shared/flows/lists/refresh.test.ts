/**
 * The staff lists' projection against the real PostgreSQL: the reconciler
 * builds the rows intake did not write, catches up a row behind its
 * incident, recomputes open rows under a changed profile, and a slower writer
 * holding an older stream never undoes a newer row.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { connectDatabase, type Database } from '../../platform/db/client.js';
import { applyMigrations } from '../../platform/db/migrate.js';
import { incidentList } from '../../platform/db/schema.js';
import { loadEvents } from '../../platform/db/events.js';
import { loadOrg } from '../../platform/config/org.js';
import { orgSettings, type AppContext } from '../../networks/context.js';
import { silentLogger } from '../../platform/log.js';
import { EXAMPLE_ORG } from '../../sandbox/demo/harness.js';
import { freshDatabase } from '../../../test/kit/db.js';
import { registerIncident } from '../intake/incidents.js';
import { storeInboundEvent } from '../../networks/inbox.js';
import { execute } from '../command/store.js';
import { projectorOf, projectRow, saveRows } from './projection.js';
import { refreshList } from './refresh.js';

let database: Database;
let drop: () => Promise<void>;
const org = loadOrg(EXAMPLE_ORG);
const settings = orgSettings(org, silentLogger);

beforeAll(async () => {
  const db = await freshDatabase();
  drop = db.drop;
  database = connectDatabase(db.url);
  await applyMigrations(database);
});
afterAll(async () => {
  await database?.close();
  await drop?.();
});

const ctxWith = (s = settings) => ({ database, settings: s }) as unknown as AppContext;

async function register(n: number): Promise<number> {
  const { db } = database;
  const inbound = await storeInboundEvent(db, { network: 'vk', eventKey: `r${n}`, type: 'message_new', payload: {} });
  const at = new Date(Date.UTC(2026, 10, 2, 1, n)); // a Monday morning in Yakutsk
  const { incidentId } = await registerIncident(db, {
    message: { network: 'vk', kind: 'direct', sourceKey: `dm:r:${n}`, thread: { peerId: n, messageId: n }, author: { id: String(n) }, text: `текст ${n}`, attachments: [], postedAt: at },
    inboundEventId: inbound.id,
    detectedAt: at,
    profile: settings.profile.id,
  });
  return incidentId;
}

const rowOf = async (id: number) => (await database.db.select().from(incidentList).where(eq(incidentList.incidentId, id)))[0];

it('builds missing rows, catches up rows behind, and recomputes open rows under a changed profile', async () => {
  const { db } = database;
  const a = await register(1);
  const b = await register(2);
  expect(await rowOf(a)).toBeUndefined();
  expect(await refreshList(ctxWith())).toBe(2);
  const projector = projectorOf(settings);
  expect(await rowOf(a)).toEqual(projectRow(a, await loadEvents(db, a), projector));
  expect(await refreshList(ctxWith())).toBe(0);

  // A transition recorded without the projector (as an older release would): the row is behind, and caught up.
  const outcome = await execute(db, {
    incidentId: b,
    actor: { role: 'curator', userId: 101 },
    rules: settings.rules,
    now: new Date(Date.UTC(2026, 10, 2, 2)),
    command: { type: 'reject', reason: 'abuse', expectedVersion: 1 },
  });
  expect(outcome.ok).toBe(true);
  expect((await rowOf(b))!.open).toBe(true);
  expect(await refreshList(ctxWith())).toBe(1);
  expect(await rowOf(b)).toMatchObject({ status: 'rejected', open: false, nextDue: null, version: 2 });

  // The routing deadline lengthened by a reload: the open row moves, the closed one stays.
  const longer = orgSettings({ ...org, profileOverrides: { timers: { route: { duration: '8h' } } } }, silentLogger);
  const before = (await rowOf(a))!;
  expect(await refreshList(ctxWith(longer))).toBe(1);
  const after = (await rowOf(a))!;
  expect(after.basis).toBe(projectorOf(longer).basis);
  expect(after.nextDue!.getTime()).toBeGreaterThan(before.nextDue!.getTime());

  // A slower writer with the older stream changes nothing.
  await saveRows(db, [{ ...projectRow(b, (await loadEvents(db, b)).slice(0, 1), projector) }]);
  expect(await rowOf(b)).toMatchObject({ status: 'rejected', version: 2 });
});
