/**
 * Personal data under 152-ФЗ, end to end on the real system: a citizen's
 * data exported, then erased on request — after which no text or jsonb
 * column of any table and no Redis key or value holds their name, id,
 * profile link or words, the card in the curators' chat has been edited, and
 * the report's numbers are what they were. And the retention: a finished
 * incident older than the period is anonymised, a newer one and an open one
 * are not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import { incidentMessages, incidents, privacyActions, reportIncidents, reportStages } from '../../shared/platform/db/schema.js';
import { messageNew, postVkCallback } from '../../shared/sandbox/fakes/vk-callback.js';
import { routeAsSuggested, writeDraft } from '../../shared/sandbox/demo/flow.js';
import { cardSays, citizenWrites, press, until } from '../../shared/sandbox/demo/staff.js';
import { runCommand } from '../../shared/flows/command/run.js';
import { loadState } from '../../shared/platform/db/events.js';
import { recordFacts } from '../../shared/flows/reports/store.js';
import { applyRetention } from '../../shared/flows/privacy/index.js';
import { authorLockKey } from '../../shared/platform/runtime/author-lock.js';
import { privacyCommand } from '../../shared/cli/commands/privacy.js';
import { privacyRetention } from '../../worker/jobs/privacy-retention.js';
import type { AuthorExport } from '../../shared/flows/privacy/index.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

let h: TestHarness;
const CURATOR = 101;
const ROADS = 201;

beforeAll(async () => {
  h = await testHarness();
});
afterAll(async () => h?.dispose());

const db = () => h.system.ctx.database.db;
const curators = () => h.org.chats.curators;

// The citizen whose data is erased: distinctive enough that any match is theirs.
const CITIZEN = { id: 7300451, first: 'Евдокия', last: 'Ржевская' };
const FIRST_TEXT = 'Когда засыплют яму на дороге в с. Антоновка у дома на Заречной? Третью неделю объезжаем по газону';
const SECOND_TEXT = 'Фото прикладываю позже, подъезд номер четыре у Заречной';
// Another citizen, whose data must stay.
const OTHER = { id: 7300452, first: 'Прасковья', last: 'Дубровина' };

/** Every text, varchar and jsonb column of every table, searched for each needle (case-insensitively). */
async function databaseMatches(needles: readonly string[]): Promise<string[]> {
  const columns = await db().execute<{ table_schema: string; table_name: string; column_name: string }>(sql`
    select c.table_schema, c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema not in ('pg_catalog', 'information_schema') and c.data_type in ('text', 'jsonb', 'json', 'character varying', 'ARRAY')`);
  expect(columns.rows.length).toBeGreaterThan(20);
  const found: string[] = [];
  for (const c of columns.rows) {
    for (const needle of needles) {
      const rows = await db().execute<{ n: string }>(
        sql`select count(*) as n from ${sql.identifier(c.table_schema)}.${sql.identifier(c.table_name)} where ${sql.identifier(c.column_name)}::text ilike ${`%${needle}%`}`,
      );
      if (Number(rows.rows[0]!.n) > 0) found.push(`${c.table_name}.${c.column_name} ∋ ${needle}`);
    }
  }
  return found;
}

/** Every key of this file's Redis database, and every value of every type, searched for each needle. */
async function redisMatches(redis: Redis, needles: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  const has = (where: string, s: string) => {
    for (const n of needles) if (s.toLowerCase().includes(n.toLowerCase())) found.push(`${where} ∋ ${n}`);
  };
  let cursor = '0';
  let keys = 0;
  do {
    const [next, batch] = await redis.scan(cursor, 'COUNT', 500);
    cursor = next;
    for (const key of batch) {
      keys++;
      has(`key ${key}`, key);
      const type = await redis.type(key);
      const values =
        type === 'string'
          ? [(await redis.get(key)) ?? '']
          : type === 'hash'
            ? Object.entries(await redis.hgetall(key)).flat()
            : type === 'list'
              ? await redis.lrange(key, 0, -1)
              : type === 'set'
                ? await redis.smembers(key)
                : type === 'zset'
                  ? await redis.zrange(key, '0', '-1')
                  : type === 'stream'
                    ? (await redis.xrange(key, '-', '+')).flatMap(([, fields]) => fields)
                    : [];
      for (const v of values) has(`${type} ${key}`, v);
    }
  } while (cursor !== '0');
  expect(keys, 'Redis holds the queues').toBeGreaterThan(5);
  return found;
}

const headsAlert = (id: number) => h.telegram.messages(h.org.chats.heads).find((m) => m.text?.startsWith(`❗️ Общественно значимое сообщение №${id} `));

const factsOf = async (id: number) => {
  const [row] = await db().select().from(reportIncidents).where(eq(reportIncidents.incidentId, id));
  const stages = await db().select().from(reportStages).where(eq(reportStages.incidentId, id)).orderBy(reportStages.stage, reportStages.startedAt);
  const { excerpt: _excerpt, link: _link, ...numbers } = row!;
  return { numbers, stages: stages.map(({ id: _id, ...s }) => s) };
};

describe('a citizen\'s request about their personal data', () => {
  let incidentId = 0;
  let otherId = 0;
  let dir = '';
  const needles = [CITIZEN.first, CITIZEN.last, String(CITIZEN.id), `vk.com/id${CITIZEN.id}`, 'Заречной', 'объезжаем по газону'];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'otklik-privacy-'));
    h.vk.seedUser({ id: CITIZEN.id, first_name: CITIZEN.first, last_name: CITIZEN.last });
    h.vk.seedUser({ id: OTHER.id, first_name: OTHER.first, last_name: OTHER.last });
    incidentId = await citizenWrites(h, CITIZEN.id, FIRST_TEXT);
    // A second message within minutes joins the same incident (incident_messages).
    await postVkCallback(h.vkWebhookUrl, messageNew({ groupId: h.vk.group.id, secret: h.env.VK_CALLBACK_SECRET!, fromId: CITIZEN.id, text: SECOND_TEXT }));
    await until(async () => (await db().select().from(incidentMessages).where(eq(incidentMessages.incidentId, incidentId))).length > 0, 'the burst joined');
    // Flagged socially significant: the heads' alert quotes the message and names the author.
    await press(h, curators(), incidentId, CURATOR, '⚠️ Общественно значимое');
    await routeAsSuggested(h, incidentId, CURATOR);
    await until(() => headsAlert(incidentId)?.text?.includes(CITIZEN.last), 'the heads\' alert');
    // The executor greets the citizen by name: the answer is kept, the name in it is not.
    await writeDraft(h, incidentId, ROADS, ROADS, `Здравствуйте, ${CITIZEN.first}! Яму засыплют до пятницы, бригада уже выехала.`);
    await cardSays(h, curators(), incidentId, (t) => t.includes('на согласовании'), 'the card on approval');
    expect(await press(h, curators(), incidentId, CURATOR, '✅ Утвердить')).toBe('Утверждено — ответ публикуется');
    await until(async () => (await loadState(db(), incidentId))?.status === 'answered', 'the reply published');
    const state = (await loadState(db(), incidentId))!;
    const closed = await runCommand(h.system.ctx, incidentId, { role: 'curator', userId: CURATOR }, { type: 'close', expectedVersion: state.version, outcome: 'resolved' });
    expect(closed.ok).toBe(true);
    await cardSays(h, curators(), incidentId, (t) => t.includes(CITIZEN.last) && t.includes('закрыто'), 'the closed card');
    otherId = await citizenWrites(h, OTHER.id, 'Не горит фонарь у остановки Садовая, темно вечером');
    await recordFacts(h.system.ctx, incidentId);
  }, 60_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('exports everything held about the author as JSON, and audits the export without naming them', async () => {
    const file = join(dir, 'export.json');
    const lines: string[] = [];
    expect(await privacyCommand(h.system.ctx, ['export', '--network', 'vk', '--author', String(CITIZEN.id), '--out', file, '--request', '17-П'], (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toContain('1 incidents');
    const data = JSON.parse(await readFile(file, 'utf8')) as AuthorExport;
    expect(data).toMatchObject({ network: 'vk', authorId: String(CITIZEN.id) });
    expect(data.incidents).toHaveLength(1);
    const [mine] = data.incidents;
    expect(mine).toMatchObject({ id: incidentId, status: 'closed', authorName: `${CITIZEN.first} ${CITIZEN.last}`, text: FIRST_TEXT });
    expect(mine!.messages.map((m) => m.text)).toEqual([SECOND_TEXT]);
    expect(mine!.replies).toHaveLength(1);
    expect(mine!.replies[0]!.text).toContain('Яму засыплют до пятницы');
    expect(data.inboundEvents.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(data.inboundEvents)).toContain(SECOND_TEXT);
    // Nothing of the other citizen.
    expect(JSON.stringify(data)).not.toContain(OTHER.last);
    const [audit] = await db().select().from(privacyActions).where(eq(privacyActions.action, 'export'));
    expect(audit).toMatchObject({ network: 'vk', request: '17-П', incidents: 1 });
    expect(JSON.stringify(audit)).not.toContain(String(CITIZEN.id));
  });

  it('erases the citizen: no column of any table and no Redis key or value holds anything of theirs; statistics stay', async () => {
    const before = await factsOf(incidentId);
    // Before: the scan finds them where they are held — the incident, its burst, the audit (the draft's greeting), payloads, report excerpt.
    expect(await databaseMatches(needles)).toEqual(
      expect.arrayContaining([
        `incidents.author_name ∋ ${CITIZEN.last}`,
        `incidents.author_link ∋ vk.com/id${CITIZEN.id}`,
        'incident_messages.text ∋ Заречной',
        `incident_events.data ∋ ${CITIZEN.first}`,
        `inbound_events.payload ∋ ${CITIZEN.id}`,
        'report_incidents.excerpt ∋ Заречной',
        `lane_messages.text ∋ ${CITIZEN.last}`,
      ]),
    );
    // A lock a crashed ingest left behind, named by the author's id.
    await h.system.ctx.redis.set(authorLockKey(h.system.ctx.queuePrefix, 'vk', String(CITIZEN.id)), 'stale', 'PX', 600_000);

    const lines: string[] = [];
    expect(await privacyCommand(h.system.ctx, ['erase', '--network', 'vk', '--author', String(CITIZEN.id), '--request', '17-П'], (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toContain('Anonymised: 1 incidents');

    // The bot edited its own card in the curators' chat.
    const card = await cardSays(h, curators(), incidentId, (t) => t.includes('Текст удалён'), 'the redrawn card');
    for (const n of needles) expect(card.text).not.toContain(n);
    expect(card.text).toContain('закрыто');
    // …and its alert in the heads' chat, in place.
    const alert = await until(() => (headsAlert(incidentId)?.text?.includes('Текст удалён') ? headsAlert(incidentId) : undefined), 'the redrawn alert');
    for (const n of needles) expect(alert.text).not.toContain(n);
    expect(h.telegram.messages(h.org.chats.heads).filter((m) => m.text?.startsWith(`❗️ Общественно значимое сообщение №${incidentId} `))).toHaveLength(1);

    expect(await databaseMatches(needles)).toEqual([]);
    expect(await redisMatches(h.system.ctx.redis, needles)).toEqual([]);

    // The other citizen is untouched; the check above is not blind.
    expect(await databaseMatches([OTHER.last])).not.toEqual([]);
    const [other] = await db().select().from(incidents).where(eq(incidents.id, otherId));
    expect(other).toMatchObject({ authorName: `${OTHER.first} ${OTHER.last}`, anonymisedAt: null });

    // The report counts it as before: timings, outcome, drafts and their warnings.
    const after = await factsOf(incidentId);
    expect(after).toEqual(before);
    const [row] = await db().select().from(incidents).where(eq(incidents.id, incidentId));
    expect(row).toMatchObject({ status: 'closed', authorName: 'Заявитель', authorLink: null, permalink: null });
    expect(row!.anonymisedAt).toBeInstanceOf(Date);

    const audit = await db().select().from(privacyActions).where(eq(privacyActions.action, 'erase'));
    expect(audit).toMatchObject([{ network: 'vk', request: '17-П', incidents: 1 }]);
    expect(audit[0]!.actor).toMatch(/^cli:/);
    expect(audit[0]!.inboundEvents).toBeGreaterThanOrEqual(2);
  });

  it('erasing again finds nothing and changes nothing', async () => {
    const lines: string[] = [];
    expect(await privacyCommand(h.system.ctx, ['erase', '--network', 'vk', '--author', String(CITIZEN.id)], (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toContain('Anonymised: 0 incidents, 0 stored events');
  });

  it('refuses an unknown network or a missing author', async () => {
    expect(await privacyCommand(h.system.ctx, ['erase', '--network', 'myspace', '--author', '1'], () => {})).toBe(2);
    expect(await privacyCommand(h.system.ctx, ['export', '--network', 'vk', '--author', '1'], () => {})).toBe(2);
  });
});

describe('an admin in Telegram', () => {
  const ADMIN = 102; // curator and admin in the example organisation
  const say = async (text: string, what: string) => {
    const before = h.telegram.messages(ADMIN).length;
    h.telegram.injectMessage({ chatId: ADMIN, from: ADMIN, text });
    return until(() => h.telegram.messages(ADMIN).slice(before).find((m) => m.fromBot && (m.text || m.document)), what);
  };

  it('exports as a JSON file, erases only after seeing what and confirming, and is audited as that admin', async () => {
    h.vk.seedUser({ id: 7300471, first_name: 'Ефросинья', last_name: 'Лукоянова' });
    const id = await citizenWrites(h, 7300471, 'Когда засыплют яму на дороге в с. Антоновка возле колодца?');

    const exported = await say('/privacy export vk 7300471 21-П', 'the export');
    expect(exported.document?.file_name).toBe('privacy-vk-7300471.json');
    expect(exported.caption).toContain('сообщений — 1');
    const json = JSON.parse(h.telegram.file(exported.document!.file_id)!.bytes.toString('utf8')) as AuthorExport;
    expect(json.incidents).toMatchObject([{ id, authorName: 'Ефросинья Лукоянова', text: 'Когда засыплют яму на дороге в с. Антоновка возле колодца?' }]);

    const asked = await say('/privacy erase vk 7300471 21-П', 'the confirmation');
    expect(asked.text).toContain(`№${id}`);
    expect(asked.text).toContain('/privacy erase vk 7300471 21-П да');
    const [still] = await db().select().from(incidents).where(eq(incidents.id, id));
    expect(still!.anonymisedAt).toBeNull();

    const done = await say('/privacy erase vk 7300471 21-П да', 'the erasure');
    expect(done.text).toContain('обезличены: сообщений — 1');
    const [row] = await db().select().from(incidents).where(eq(incidents.id, id));
    expect(row!.anonymisedAt).toBeInstanceOf(Date);
    await cardSays(h, curators(), id, (t) => t.includes('Текст удалён') && !t.includes('Лукоянова'), 'the redrawn card');
    const audit = await db().select().from(privacyActions).where(eq(privacyActions.request, '21-П'));
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ['export', `telegram:${ADMIN}`],
      ['erase', `telegram:${ADMIN}`],
    ]);
  });

  it('is for admins only, in their private chat', async () => {
    const reply = async (chatId: number, from: number, what: string) => {
      const before = h.telegram.messages(chatId).length;
      h.telegram.injectMessage({ chatId, from, text: '/privacy export vk 7300451' });
      return (await until(() => h.telegram.messages(chatId).slice(before).find((m) => m.fromBot && m.text), what)).text;
    };
    expect(await reply(ROADS, ROADS, 'the executor refused')).toBe('Эта команда только для администраторов «Отклика».');
    expect(await reply(curators(), ADMIN, 'the group refused')).toBe('Запросы о персональных данных — только в личном чате с ботом.');
    expect(await db().select().from(privacyActions).where(eq(privacyActions.actor, `telegram:${ROADS}`))).toEqual([]);
  });
});

describe('retention: finished incidents older than privacy.retentionDays', () => {
  it('anonymises a rejected incident past the period; a recent one and an old open one stay; the report\'s numbers stay', async () => {
    const ctx = h.system.ctx;
    const curator = { role: 'curator', userId: CURATOR } as const;
    const reject = async (id: number) => {
      const s = (await loadState(db(), id))!;
      const done = await runCommand(ctx, id, curator, { type: 'reject', expectedVersion: s.version, reason: 'abuse' });
      expect(done.ok).toBe(true);
    };
    const old = await citizenWrites(h, 7300461, 'Старое сообщение про разбитую дорогу на улице Луговой, давно закрыто');
    const recent = await citizenWrites(h, 7300462, 'Недавнее сообщение про скамейку в парке у пруда, тоже отклонено');
    const open = await citizenWrites(h, 7300463, 'Старое, но всё ещё открытое сообщение про освещение на Полевой');
    await reject(old);
    await reject(recent);
    // Four hundred days ago: the whole history of the old and the open ones moves back.
    await db().execute(sql`update incident_events set at = at - interval '400 days' where incident_id in (${old}, ${open})`);
    await db().execute(sql`update incidents set detected_at = detected_at - interval '400 days', posted_at = posted_at - interval '400 days' where id in (${old}, ${open})`);
    await db().execute(sql`update inbound_events set received_at = received_at - interval '400 days' where outcome = ${`incident ${old}`}`);
    for (const id of [old, recent, open]) await recordFacts(ctx, id);
    const before = await factsOf(old);
    const texts = async () => new Map((await db().select().from(incidents).where(inArray(incidents.id, [old, recent, open]))).map((r) => [r.id, r]));
    const was = await texts();

    const done = await applyRetention({ ...ctx, org: { ...ctx.org, privacy: { retentionDays: 365 } } });
    expect(done).toEqual({ incidents: 1, inboundEvents: 1 });

    const now = await texts();
    expect(now.get(old)).toMatchObject({ authorId: `anon:${old}`, authorLink: null, permalink: null, status: 'rejected' });
    expect(now.get(old)!.text).toContain('Текст удалён');
    expect(now.get(old)!.anonymisedAt).toBeInstanceOf(Date);
    expect(now.get(recent)).toEqual(was.get(recent));
    expect(now.get(open)).toEqual(was.get(open));
    expect(await databaseMatches(['разбитую дорогу', 'id7300461'])).toEqual([]);
    expect(await factsOf(old)).toEqual(before);
    await cardSays(h, curators(), old, (t) => t.includes('Текст удалён'), 'the old card redrawn');

    // A second run finds nothing more to do.
    expect((await applyRetention({ ...ctx, org: { ...ctx.org, privacy: { retentionDays: 365 } } })).incidents).toBe(0);
    const [audit] = await db().select().from(privacyActions).where(eq(privacyActions.action, 'retention'));
    expect(audit).toMatchObject({ actor: 'system', incidents: 1 });
  }, 60_000);

  it('runs nightly in the organisation\'s zone as the catalogued job', async () => {
    const scheduler = await h.system.ctx.queues.queue('privacyRetention').getJobScheduler('privacy-retention-daily');
    expect(scheduler).toMatchObject({ pattern: '30 3 * * *', tz: h.org.timezone });
    // Under the default five years nothing here is old enough.
    expect(await privacyRetention.handle({}, h.system.ctx)).toBe('retention: 0 incidents anonymised, 0 payloads cleared');
  });
});
