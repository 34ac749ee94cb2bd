/**
 * The digest as staff read it, rendered from a real PostgreSQL: Russian
 * plurals in the title, ten incidents a page with their number, network,
 * author and text (escaped), page buttons that wrap around, and callback
 * data that stays short and parses back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type Database } from '../../platform/db/client.js';
import { applyMigrations } from '../../platform/db/migrate.js';
import { incidents, laneDigestItems, laneDigests } from '../../platform/db/schema.js';
import { t } from '../../platform/i18n.js';
import { freshDatabase } from '../../../test/kit/db.js';
import { digestPageData, parseDigestPageData, renderDigestPage } from './digest-render.js';

let database: Database;
let drop: () => Promise<void>;
let digestId: number;
let ids: number[];

beforeAll(async () => {
  const fresh = await freshDatabase();
  drop = fresh.drop;
  database = connectDatabase(fresh.url);
  await applyMigrations(database);
  const { db } = database;
  const rows = await db
    .insert(incidents)
    .values(
      Array.from({ length: 23 }, (_, i) => ({
        network: 'vk',
        kind: 'direct',
        sourceKey: `dm:1:${i}`,
        thread: { kind: 'dm' } as never,
        authorId: String(1000 + i),
        authorName: i === 0 ? 'Анна <Админ> & Co' : i === 1 ? null : `Житель ${i}`,
        text: i === 2 ? '' : `Сообщение жителя номер ${i}:\n${'очень длинный текст '.repeat(10)}`,
        permalink: i === 0 ? 'https://vk.com/gim1?sel=1&msgid=1' : null,
        postedAt: new Date(),
        detectedAt: new Date(),
        status: 'detected',
        profile: 'zavitinsk-2020',
      })),
    )
    .returning({ id: incidents.id });
  ids = rows.map((r) => r.id);
  const [digest] = await db.insert(laneDigests).values({ chatId: -100, nonce: 'n1' }).returning();
  digestId = digest!.id;
  await db.insert(laneDigestItems).values(ids.map((incidentId) => ({ digestId, chatId: -100, incidentId })));
});

afterAll(async () => {
  await database?.close();
  await drop?.();
});

describe('digest page', () => {
  it('titles the digest "ещё N новых сообщений" with the right Russian plural', () => {
    expect(t('digest-title', { count: 1 })).toContain('Ещё 1 новое сообщение</b>');
    expect(t('digest-title', { count: 3 })).toContain('Ещё 3 новых сообщения</b>');
    expect(t('digest-title', { count: 37 })).toContain('Ещё 37 новых сообщений</b>');
    expect(t('digest-title', { count: 21 })).toContain('Ещё 21 новое сообщение</b>');
    expect(t('digest-title', { count: 112 })).toContain('Ещё 112 новых сообщений</b>');
  });

  it('lists ten incidents a page, escaped and folded to one line, with a link to the original', async () => {
    const page = await renderDigestPage(database.db, digestId, 1);
    expect(page).toMatchObject({ page: 1, pages: 3, total: 23 });
    const lines = page.text.split('\n').filter((l) => l.startsWith('<b>№'));
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe(
      `<b>№${ids[0]}</b> · ВКонтакте · Анна &lt;Админ&gt; &amp; Co: Сообщение жителя номер 0: очень длинный текст очень длинный текст очень длинный…` +
        ` <a href="https://vk.com/gim1?sel=1&amp;msgid=1">оригинал</a>`,
    );
    expect(lines[1]).toContain(`· id1001:`); // no name known
    expect(lines[2]).toContain('<i>(без текста)</i>');
    expect(page.text).toContain('Страница 1 из 3');
    expect(page.text.length).toBeLessThan(4096);
  });

  it('names no author, id or dialog link where the organisation keeps them off the staff messenger', async () => {
    const page = await renderDigestPage(database.db, digestId, 1, { showAuthor: false });
    const lines = page.text.split('\n').filter((l) => l.startsWith('<b>№'));
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe(
      `<b>№${ids[0]}</b> · ВКонтакте · Житель (ВКонтакте): Сообщение жителя номер 0: очень длинный текст очень длинный текст очень длинный…`,
    );
    expect(lines[1]).toContain('· Житель (ВКонтакте): Сообщение жителя номер 1');
    expect(page.text).not.toMatch(/Анна|id1001|sel=/);
  });

  it('clamps a page beyond the last, and its buttons wrap around', async () => {
    const last = await renderDigestPage(database.db, digestId, 9);
    expect(last.page).toBe(3);
    expect(last.text.split('\n').filter((l) => l.startsWith('<b>№'))).toHaveLength(3);
    const row = last.replyMarkup.inline_keyboard[0]!;
    expect(row.map((b) => b.text)).toEqual(['«', '‹', '3 / 3', '›', '»']);
    expect(row.map((b) => ('callback_data' in b ? b.callback_data : ''))).toEqual(
      [1, 2, 3, 1, 3].map((p) => digestPageData(digestId, p)),
    );
  });

  it('keeps callback data short and reads it back', () => {
    const data = digestPageData(Number.MAX_SAFE_INTEGER, 999_999);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(parseDigestPageData(data)).toEqual({ digestId: Number.MAX_SAFE_INTEGER, page: 999_999 });
    expect(parseDigestPageData('dg:12:x')).toBeNull();
    expect(parseDigestPageData('take:12')).toBeNull();
  });
});
