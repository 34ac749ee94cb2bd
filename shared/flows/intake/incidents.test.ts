/**
 * registerIncident against the real PostgreSQL: one statement writes the
 * incident, its first audit event and the inbound event's outcome; a second
 * delivery of the same network message registers nothing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { connectDatabase, type Database } from '../../platform/db/client.js';
import { applyMigrations } from '../../platform/db/migrate.js';
import { inboundEvents, incidentEvents, incidentList, incidents } from '../../platform/db/schema.js';
import { freshDatabase } from '../../../test/kit/db.js';
import { loadEvents, loadState } from '../../platform/db/events.js';
import { loadOrg } from '../../platform/config/org.js';
import { orgSettings } from '../../networks/context.js';
import { silentLogger } from '../../platform/log.js';
import { EXAMPLE_ORG } from '../../sandbox/demo/harness.js';
import { projectorOf, projectRow } from '../lists/projection.js';
import { storeInboundEvent } from '../../networks/inbox.js';
import { registerIncident } from './incidents.js';

let database: Database;
let drop: () => Promise<void>;

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

const postedAt = new Date('2026-10-01T06:00:00Z');
const detectedAt = new Date('2026-10-01T06:00:03Z');
const message = {
  network: 'vk' as const,
  kind: 'comment' as const,
  sourceKey: 'wall:-1:10:77',
  thread: { ownerId: -1, postId: 10, commentId: 77 },
  author: { id: '620001', name: 'Анна Петрова', link: 'https://vk.com/id620001' },
  text: 'Яма у подъезда, прошу засыпать',
  attachments: [{ type: 'photo' as const, url: 'https://example.org/p.jpg' }],
  permalink: 'https://vk.com/wall-1_10?reply=77',
  postedAt,
};

it('writes the incident, its detected event and the inbound outcome at once; a redelivery registers nothing', async () => {
  const { db } = database;
  const first = await storeInboundEvent(db, { network: 'vk', eventKey: 'e1', type: 'wall_reply_new', payload: {} });
  const created = await registerIncident(db, { message, inboundEventId: first.id, detectedAt, profile: 'zavitinsk-2020' });
  expect(created.created).toBe(true);

  const [row] = await db.select().from(incidents).where(eq(incidents.id, created.incidentId));
  expect(row).toMatchObject({
    network: 'vk',
    kind: 'comment',
    sourceKey: message.sourceKey,
    thread: message.thread,
    authorId: '620001',
    authorName: 'Анна Петрова',
    authorLink: 'https://vk.com/id620001',
    text: message.text,
    attachments: message.attachments,
    permalink: message.permalink,
    postedAt,
    detectedAt,
    status: 'detected',
    version: 1,
    profile: 'zavitinsk-2020',
  });
  const events = await db.select().from(incidentEvents).where(eq(incidentEvents.incidentId, created.incidentId));
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ version: 1, type: 'incident_detected', actorId: null, at: detectedAt });
  expect(events[0]!.data).toEqual({ incidentId: created.incidentId, network: 'vk', actor: { role: 'system' }, inboundEventId: first.id, kind: 'comment' });
  // The workflow core reads the stream back as a detected incident.
  expect((await loadState(db, created.incidentId))?.status).toBe('detected');
  const [inbound] = await db.select().from(inboundEvents).where(eq(inboundEvents.id, first.id));
  expect(inbound!.outcome).toBe(`incident ${created.incidentId}`);
  expect(inbound!.processedAt).toBeInstanceOf(Date);

  const again = await storeInboundEvent(db, { network: 'vk', eventKey: 'e2', type: 'wall_reply_new', payload: {} });
  expect(await registerIncident(db, { message, inboundEventId: again.id, detectedAt, profile: 'zavitinsk-2020' })).toEqual({
    incidentId: created.incidentId,
    created: false,
  });
  expect(await db.select().from(incidentEvents).where(eq(incidentEvents.incidentId, created.incidentId))).toHaveLength(1);
  const [second] = await db.select().from(inboundEvents).where(eq(inboundEvents.id, again.id));
  expect(second!.outcome).toBe(`duplicate of incident ${created.incidentId}`);
});

it('writes the staff lists\' row in the same statement, as the events project it', async () => {
  const { db } = database;
  const settings = orgSettings(loadOrg(EXAMPLE_ORG), silentLogger);
  const projector = projectorOf(settings);
  const inbound = await storeInboundEvent(db, { network: 'vk', eventKey: 'e3', type: 'wall_reply_new', payload: {} });
  const created = await registerIncident(db, { message: { ...message, sourceKey: 'wall:-1:10:78' }, inboundEventId: inbound.id, detectedAt, profile: 'zavitinsk-2020', projector });
  const [row] = await db.select().from(incidentList).where(eq(incidentList.incidentId, created.incidentId));
  const events = await loadEvents(db, created.incidentId);
  expect(row).toEqual(projectRow(created.incidentId, events, projector));
  expect(row).toMatchObject({ status: 'detected', open: true, holderRoles: ['curator'], departments: [], basis: projector.basis });
  expect(row!.nextDue!.getTime()).toBeGreaterThan(detectedAt.getTime());
});
