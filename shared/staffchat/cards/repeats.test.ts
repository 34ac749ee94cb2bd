/**
 * Repeat candidates against the real PostgreSQL with pg_trgm: same author,
 * similar subject, within the period; and the Node fallback agrees with
 * pg_trgm on what it measures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { connectDatabase, type Database } from '../../platform/db/client.js';
import { applyMigrations } from '../../platform/db/migrate.js';
import { incidents } from '../../platform/db/schema.js';
import { freshDatabase } from '../../../test/kit/db.js';
import { storeInboundEvent } from '../../networks/inbox.js';
import { registerIncident } from '../../flows/intake/incidents.js';
import { defaultRepeatSettings, repeatCandidates, repeatSettings, similarText, trigramSimilarity, trigrams, type RepeatSettings } from './repeats.js';

let database: Database;
let drop: () => Promise<void>;
let seq = 0;
const day = 86_400_000;
const base = new Date('2026-10-01T06:00:00Z');

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

async function incident(author: string, text: string, daysAfter: number, network: 'vk' | 'telegram' = 'vk'): Promise<number> {
  seq += 1;
  const at = new Date(base.getTime() + daysAfter * day);
  const { id: inboundEventId } = await storeInboundEvent(database.db, { network, eventKey: `r${seq}`, type: 'message_new', payload: {} });
  const { incidentId } = await registerIncident(database.db, {
    inboundEventId,
    detectedAt: at,
    profile: 'zavitinsk-2020',
    message: { network, kind: 'comment', sourceKey: `r:${seq}`, thread: { postId: 1 }, author: { id: author }, text, attachments: [], postedAt: at },
  });
  return incidentId;
}

/** The card's suggestion: the similar-subject source alone. */
const similar = (id: number, settings: RepeatSettings = defaultRepeatSettings) =>
  repeatCandidates(database.db, id, settings, { limit: 3, sources: [similarText] });

describe('repeatCandidates', () => {
  it('has pg_trgm in the test database (embedded PostgreSQL ships contrib)', async () => {
    const r = await database.db.$client.query(`select similarity('Яма на дороге', 'яма на дороге') as s`);
    expect(Number(r.rows[0].s)).toBe(1); // Cyrillic counts as letters under the builtin C.UTF-8 locale
  });

  it("suggests the same author's earlier incident on a similar subject, most alike first", async () => {
    const pothole = await incident('700', 'Яма на дороге на улице Ленина у дома 5, машины бьют колёса', 0);
    const lights = await incident('700', 'Не горят фонари во дворе дома 12 по улице Мира', 2);
    await incident('701', 'Яма на дороге на улице Ленина у дома 5, машины бьют колёса', 3); // another author
    const again = await incident('700', 'Опять яма на дороге на улице Ленина у дома 5, никто не чинит', 10);

    const found = await similar(again);
    expect(found.map((c) => c.id)).toEqual([pothole]);
    expect(found[0]!.similarity).toBeGreaterThan(0.3);
    expect(found[0]!.detectedAt).toEqual(base);
    expect(found.map((c) => c.id)).not.toContain(lights);
  });

  it('looks back only as far as the period, never forward, and not into rejected incidents', async () => {
    const old = await incident('702', 'Не вывозят мусор с контейнерной площадки на Садовой', 0);
    const rejected = await incident('702', 'Не вывозят мусор с контейнерной площадки на Садовой!!!', 20);
    await database.db.update(incidents).set({ status: 'rejected' }).where(eq(incidents.id, rejected));
    const now = await incident('702', 'Снова не вывозят мусор с контейнерной площадки на Садовой', 45);
    const later = await incident('702', 'Не вывозят мусор с контейнерной площадки на Садовой, третий раз', 50);

    expect(await similar(now)).toEqual([]); // 45 days > 30
    expect((await similar(now, { days: 60, similarity: 0.3 })).map((c) => c.id)).toEqual([old]);
    expect((await similar(later)).map((c) => c.id)).toEqual([now]);
  });

  it("offers the similar ones first, then the author's other messages, all within the organisation's period", async () => {
    const older = await incident('703', 'Сломана скамейка в сквере у библиотеки', 0);
    const bench = await incident('703', 'Сломана скамейка в сквере у библиотеки на Советской', 20);
    const stray = await incident('703', 'Бродячие собаки у детского сада', 21);
    const again = await incident('703', 'Снова сломана скамейка в сквере у библиотеки', 25);

    const list = await repeatCandidates(database.db, again, defaultRepeatSettings);
    // Most alike first: the shorter text shares more of its trigrams.
    expect(list.map((c) => [c.id, c.why])).toEqual([
      [older, 'similar'],
      [bench, 'similar'],
      [stray, 'same_author'],
    ]);
    // A week's period (the organisation file's repeatDays: 7) and a strict threshold narrow the same list.
    const week = await repeatCandidates(database.db, again, { days: 7, similarity: 0.3 });
    expect(week.map((c) => [c.id, c.why])).toEqual([
      [bench, 'similar'],
      [stray, 'same_author'],
    ]);
    const strict = await repeatCandidates(database.db, again, { days: 30, similarity: 0.99 });
    expect(strict.map((c) => [c.id, c.why])).toEqual([
      [stray, 'same_author'],
      [bench, 'same_author'],
      [older, 'same_author'],
    ]);
  });

  it('reads its settings from the organisation file, with defaults', () => {
    expect(repeatSettings({})).toEqual({ days: 30, similarity: 0.3 });
    expect(repeatSettings({ ingest: { repeatDays: 7, repeatSimilarity: 0.5 } })).toEqual({ days: 7, similarity: 0.5 });
  });

  it('the Node fallback measures what pg_trgm measures', async () => {
    const pairs = [
      ['Яма на дороге на улице Ленина', 'Опять яма на дороге, улица Ленина!'],
      ['Не горят фонари', 'Фонари не горят третий день'],
      ['Мусор', 'Трамвай'],
      ['word', 'Word'],
    ] as const;
    for (const [a, b] of pairs) {
      // show_trgm() prints Cyrillic trigrams as hashes, so the counts are compared, and the similarity itself.
      const r = await database.db.$client.query(`select similarity($1, $2) as s, cardinality(show_trgm($1)) as n`, [a, b]);
      expect(trigramSimilarity(a, b)).toBeCloseTo(Number(r.rows[0].s), 5);
      expect(trigrams(a).size).toBe(Number(r.rows[0].n));
    }
  });
});
