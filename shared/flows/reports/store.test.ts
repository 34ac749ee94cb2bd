/**
 * The reporting tables against the real PostgreSQL: the fixed history is
 * played through the workflow store (registerIncident, execute) with the
 * facts hook after every step, and a report's input read back equals the
 * facts computed in memory; stale facts are refreshed before a report; a
 * rebuild recomputes everything; the misses of a day are found.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { connectDatabase, type Database } from '../../platform/db/client.js';
import { applyMigrations } from '../../platform/db/migrate.js';
import { incidents, reportIncidents, reportStages } from '../../platform/db/schema.js';
import { freshDatabase } from '../../../test/kit/db.js';
import { factsOf } from '../../core/analytics/facts.js';
import { loadPhraseLists } from '../../platform/wordlists/phrase-lists.js';
import { A, B, C, NOW, playHistory, profile, storeHistory, texts, workTime } from '../../../test/kit/report-history.js';
import { aggregate, type Period } from '../../core/analytics/measures.js';
import { loadReportInput, missesBetween, rebuildFacts, staleFacts } from './store.js';
import { msk, ZONE } from '../../../test/kit/reports.js';

let database: Database;
let drop: () => Promise<void>;
const organisation = { id: 'ivanovo', name: 'Иваново' };
const week: Period = { kind: 'week', from: msk('2025-04-07 00:00'), to: msk('2025-04-14 00:00'), timezone: ZONE };

beforeAll(async () => {
  const db = await freshDatabase();
  drop = db.drop;
  database = connectDatabase(db.url);
  await applyMigrations(database);
  await storeHistory(database.db, texts);
});
afterAll(async () => {
  await database?.close();
  await drop?.();
});

const inMemory = () => {
  const streams = playHistory();
  return [A, B, C].map((id) => factsOf(streams.get(id)!, profile, workTime, NOW, { phraseLists: loadPhraseLists(), message: { text: texts[id]!, link: `https://vk.com/im?sel=${id}` } }));
};

describe('reporting tables', () => {
  it('hold the facts the audit gives, one row per stage run', async () => {
    const counts = await database.db.select({ id: reportStages.incidentId, n: sql<number>`count(*)::int` }).from(reportStages).groupBy(reportStages.incidentId).orderBy(reportStages.incidentId);
    // A: 7 stage runs, B: 5, C: 1 (facts.test.ts counts them).
    expect(counts).toEqual([
      { id: A, n: 7 },
      { id: B, n: 5 },
      { id: C, n: 1 },
    ]);
    expect(await staleFacts(database.db)).toEqual([]);
  });

  it('read back as a report input whose measures equal those of the in-memory facts', async () => {
    // Running stages are stored as of the last step; rebuild as of NOW to compare like with like.
    await rebuildFacts(database.db, { profile, workTime, now: NOW });
    const input = await loadReportInput(database.db, week, NOW, { organisation });
    const mem = inMemory();
    expect(input.incidents).toEqual(mem.map((f) => f.incident));
    const key = (s: { incidentId: number; stage: string; startedAt: Date }) => `${s.incidentId}-${s.stage}-${s.startedAt.toISOString()}`;
    expect([...input.stages].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(mem.flatMap((f) => f.stages).sort((a, b) => key(a).localeCompare(key(b))));
    const data = aggregate({ ...input, workingMinutesBetween: (x, y) => workTime.workingMinutesBetween(x, y) });
    expect(data.received.total).toBe(3);
    expect(data.onTime.total).toEqual({ judged: 12, onTime: 9, share: 0.75 });
    expect(data.overdue.total).toBe(1);
  });

  it('leave out what happened before the period', async () => {
    const next: Period = { kind: 'week', from: msk('2025-04-14 00:00'), to: msk('2025-04-21 00:00'), timezone: ZONE };
    const input = await loadReportInput(database.db, next, msk('2025-04-14 10:00'), { organisation });
    // Nothing happened after Tuesday: only B's open stages (answer, draft) are read, for "overdue now".
    expect(input.incidents).toEqual([]);
    expect(input.stages.map((s) => [s.incidentId, s.stage]).sort()).toEqual([
      [B, 'answer'],
      [B, 'draft'],
    ]);
  });

  it('are refreshed before a report when behind the incident', async () => {
    await database.db.delete(reportStages).where(eq(reportStages.incidentId, C));
    await database.db.delete(reportIncidents).where(eq(reportIncidents.incidentId, C));
    await database.db.update(reportIncidents).set({ version: 1 }).where(eq(reportIncidents.incidentId, A));
    expect(await staleFacts(database.db)).toEqual([A, C]);
    const input = await loadReportInput(database.db, week, NOW, { organisation, refresh: { profile, workTime, now: NOW } });
    expect(input.incidents.map((i) => i.incidentId)).toEqual([A, B, C]);
    expect(await staleFacts(database.db)).toEqual([]);
    const [row] = await database.db.select({ v: incidents.version }).from(incidents).where(eq(incidents.id, A));
    const [fact] = await database.db.select({ v: reportIncidents.version }).from(reportIncidents).where(eq(reportIncidents.incidentId, A));
    expect(fact!.v).toBe(row!.v);
  });

  it('give the misses of a working day: stages due that day and not met', async () => {
    const monday = await missesBetween(database.db, msk('2025-04-07 00:00'), msk('2025-04-08 00:00'), NOW);
    // A's first approval (due 12:30, done 12:45).
    expect(monday.map((m) => [m.incidentId, m.stage, m.dueAt])).toEqual([[A, 'approval', msk('2025-04-07 12:30')]]);
    const tuesday = await missesBetween(database.db, msk('2025-04-08 00:00'), msk('2025-04-09 00:00'), NOW);
    // B's second routing (due 09:20, done 09:30) and B's draft (due 12:00, still open at 12:30);
    // B's answer (due 17:00) is not yet due.
    expect(tuesday.map((m) => [m.incidentId, m.stage])).toEqual([
      [B, 'route'],
      [B, 'draft'],
    ]);
    const evening = await missesBetween(database.db, msk('2025-04-08 00:00'), msk('2025-04-09 00:00'), msk('2025-04-08 18:00'));
    expect(evening.map((m) => m.stage)).toEqual(['route', 'draft', 'answer']);
  });
});
