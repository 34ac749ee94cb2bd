/**
 * Commands against the real PostgreSQL: the audit stream and the incident
 * row move together; a stale or unauthorised command changes nothing; two
 * approvers pressing at once produce one approval.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { connectDatabase, type Database } from '../../platform/db/client.js';
import { applyMigrations } from '../../platform/db/migrate.js';
import { incidentEvents, incidents } from '../../platform/db/schema.js';
import { storeInboundEvent } from '../../networks/inbox.js';
import { registerIncident } from '../intake/incidents.js';
import { resolveProfile } from '../../core/sla/index.js';
import type { Actor, CommandInput } from '../../core/incident/index.js';
import type { TestCommand } from '../../../test/kit/incident.js';
import { freshDatabase } from '../../../test/kit/db.js';
import { workflowRules } from '../../core/sla/workflow-rules.js';
import { execute } from './store.js';
import { loadState } from '../../platform/db/events.js';

let database: Database;
let drop: () => Promise<void>;
const rules = workflowRules(resolveProfile({ profile: 'zavitinsk-2020' }));
const curator: Actor = { role: 'curator', userId: 101 };
const curator2: Actor = { role: 'curator', userId: 102 };
const executor: Actor = { role: 'executor', userId: 201, department: 'roads' };
const now = new Date('2026-11-23T02:00:00Z');
let seq = 0;

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

async function newIncident(): Promise<number> {
  seq += 1;
  const { id: inboundEventId } = await storeInboundEvent(database.db, { network: 'vk', eventKey: `e${seq}`, type: 'message_new', payload: {} });
  const { incidentId } = await registerIncident(database.db, {
    inboundEventId,
    detectedAt: now,
    profile: 'zavitinsk-2020',
    message: {
      network: 'vk',
      kind: 'direct',
      sourceKey: `dm:1:${seq}`,
      thread: { peerId: 1, messageId: seq },
      author: { id: '1' },
      text: 'Яма на дороге',
      attachments: [],
      postedAt: now,
    },
  });
  return incidentId;
}

async function run(incidentId: number, actor: Actor, command: TestCommand) {
  const state = await loadState(database.db, incidentId);
  return execute(database.db, { incidentId, actor, rules, now, command: { ...command, expectedVersion: state!.version } as CommandInput });
}

async function toApproval(incidentId: number) {
  for (const [actor, command] of [
    [curator, { type: 'triage', topics: ['Дороги'], location: 'г. Завитинск', importance: 'normal', sociallySignificant: false }],
    [curator, { type: 'route', departments: ['roads'] }],
    [executor, { type: 'take' }],
    [executor, { type: 'start_draft' }],
    [executor, { type: 'submit_draft', kind: 'answer', text: 'Здравствуйте! Яму засыпали 23 ноября.' }],
  ] as const) {
    const outcome = await run(incidentId, actor, command as TestCommand);
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
  }
}

describe('execute', () => {
  it('appends the event and moves the incident row with it', async () => {
    const id = await newIncident();
    const outcome = await run(id, curator, { type: 'triage', topics: ['Дороги'], location: 'г. Завитинск', importance: 'high', sociallySignificant: true });
    expect(outcome).toMatchObject({ ok: true, state: { status: 'triaged', version: 2 } });
    const [row] = await database.db.select().from(incidents).where(eq(incidents.id, id));
    expect(row).toMatchObject({ status: 'triaged', version: 2 });
    const audit = await database.db.select().from(incidentEvents).where(eq(incidentEvents.incidentId, id));
    expect(audit.map((e) => [e.version, e.type, e.actorId])).toEqual([
      [1, 'incident_detected', null],
      [2, 'triaged', 101],
    ]);
  });

  it('refuses a stale version and a wrong role, and changes nothing', async () => {
    const id = await newIncident();
    const stale = await execute(database.db, {
      incidentId: id, actor: curator, rules, now,
      command: { type: 'triage', expectedVersion: 5, topics: ['Дороги'], location: 'г. Завитинск', importance: 'normal', sociallySignificant: false },
    });
    expect(stale).toMatchObject({ ok: false, reason: 'stale_version' });
    const wrong = await run(id, executor, { type: 'triage', topics: ['Дороги'], location: 'г. Завитинск', importance: 'normal', sociallySignificant: false });
    expect(wrong).toMatchObject({ ok: false, reason: 'wrong_role' });
    const [row] = await database.db.select().from(incidents).where(eq(incidents.id, id));
    expect(row).toMatchObject({ status: 'detected', version: 1 });
    expect(await database.db.select().from(incidentEvents).where(eq(incidentEvents.incidentId, id))).toHaveLength(1);
  });

  it('says so for an incident that does not exist', async () => {
    const outcome = await execute(database.db, { incidentId: 999_999, actor: curator, rules, now, command: { type: 'take', expectedVersion: 1 } });
    expect(outcome).toMatchObject({ ok: false, reason: 'not_found' });
  });

  it('lets one of two approvers pressing at once win; the other is told the card is stale', async () => {
    const id = await newIncident();
    await toApproval(id);
    const state = await loadState(database.db, id);
    const approve = (actor: Actor) =>
      execute(database.db, { incidentId: id, actor, rules, now, command: { type: 'approve', expectedVersion: state!.version } });
    const results = await Promise.all([approve(curator), approve(curator2)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, reason: 'stale_version' });
    const audit = await database.db.select().from(incidentEvents).where(eq(incidentEvents.incidentId, id));
    expect(audit.filter((e) => e.type === 'draft_approved')).toHaveLength(1);
    const [row] = await database.db.select().from(incidents).where(eq(incidents.id, id));
    expect(row).toMatchObject({ status: 'approved', version: state!.version + 1 });
  });
});
