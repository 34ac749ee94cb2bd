/**
 * Topic polling against the fake OK and the real PostgreSQL: new comments
 * are stored once and queued for ingest, the anchor kept in PostgreSQL is
 * where the next poll continues, topics from before polling began are
 * fast-forwarded, and OK's refusals leave the place unmoved. The stored
 * events parse into the normalised comment (kind, author, link, reply).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type Database } from '../../platform/db/client.js';
import { applyMigrations } from '../../platform/db/migrate.js';
import { inboundEvents, okTopicCursors } from '../../platform/db/schema.js';
import { FAKE_OK_APP, OK_REST_ERRORS } from '../../sandbox/fakes/ok-rest.js';
import { startFakeOk, type FakeOk } from '../../sandbox/fakes/ok.js';
import { silentLogger } from '../../platform/log.js';
import type { AppContext } from '../context.js';
import { freshDatabase } from '../../../test/kit/db.js';
import { parseInboundEvent } from '../registry.js';
import { createOkRestClient } from './rest.js';
import { okTopicLink } from './topic-comment.js';
import { pollOkTopics, type OkTopicsConfig } from './topics.js';

const GROUP = '70000001234567';
let database: Database;
let drop: () => Promise<void>;
let ok: FakeOk;
let now = Date.UTC(2026, 10, 23, 7, 0);
const enqueued: number[] = [];

beforeAll(async () => {
  const db = await freshDatabase();
  drop = db.drop;
  database = connectDatabase(db.url);
  await applyMigrations(database);
  ok = await startFakeOk({ now: () => now });
});
afterAll(async () => {
  await ok?.close();
  await database?.close();
  await drop?.();
});

const ctx = () =>
  ({
    database,
    log: silentLogger,
    clock: { now: () => new Date(now) },
    queues: {
      enqueue: async (name: string, p: { inboundEventId: number }) => {
        if (name === 'ingest') enqueued.push(p.inboundEventId);
      },
    },
  }) as unknown as Pick<AppContext, 'database' | 'queues' | 'log' | 'clock'>;

const config = (over: Partial<OkTopicsConfig> = {}): OkTopicsConfig => ({
  client: createOkRestClient({ ...FAKE_OK_APP, apiRoot: ok.apiRoot }),
  groupId: GROUP,
  topics: 20,
  pageSize: 2,
  everyMs: 60_000,
  ...over,
});

const stored = async () => (await database.db.select().from(inboundEvents)).filter((e) => e.network === 'ok');

describe('polling the OK group\'s topics', () => {
  it('skips the comments of topics older than polling, then takes every new comment once, in pages', async () => {
    const old = ok.rest.postTopic({ groupId: GROUP, text: 'Старая тема', createdMs: now - 86_400_000 });
    ok.rest.comment({ topicId: old, userId: 1001, name: 'Давний', text: 'старый вопрос 1' });
    ok.rest.comment({ topicId: old, userId: 1002, name: 'Давний', text: 'старый вопрос 2' });
    ok.rest.comment({ topicId: old, userId: 1003, name: 'Давний', text: 'старый вопрос 3' });

    const first = await pollOkTopics(ctx(), config());
    expect(first).toEqual({ ok: true, topics: 1, stored: 0, fresh: 0, skippedOld: 3, failedTopics: 0 });
    expect(await stored()).toEqual([]);

    now += 60_000;
    const c1 = ok.rest.comment({ topicId: old, userId: 575493468851, name: 'Галина Петрова', text: 'А когда починят мост?' });
    const post = ok.rest.postTopic({ groupId: GROUP, text: 'Ремонт дорог' });
    const c2 = ok.rest.comment({ topicId: post, userId: 575493468852, name: 'Пётр Лаптев', text: 'На ул. Полевой яма' });
    const c3 = ok.rest.comment({ topicId: post, userId: 575493468853, text: 'И у школы', replyTo: c2 });
    const c4 = ok.rest.comment({ topicId: post, userId: 575493468854, name: 'Анна Ким', text: 'Спасибо' });
    ok.rest.comment({ topicId: post, userId: GROUP, text: 'Ответ группы', asGroup: true });

    now += 60_000;
    const second = await pollOkTopics(ctx(), config());
    expect(second).toMatchObject({ ok: true, topics: 2, stored: 5, fresh: 5, skippedOld: 0 });
    const keys = (await stored()).map((e) => e.eventKey);
    expect(keys).toEqual([`topic:${old}:comment:${c1}`, ...[c2, c3, c4].map((c) => `topic:${post}:comment:${c}`), expect.stringMatching(`^topic:${post}:`)]);
    expect(enqueued).toEqual((await stored()).map((e) => e.id));

    // Nothing new: nothing stored, nothing queued, and OK is asked from where the last poll stopped.
    const third = await pollOkTopics(ctx(), config());
    expect(third).toMatchObject({ ok: true, stored: 0, fresh: 0 });
    expect(await stored()).toHaveLength(5);
    expect(enqueued).toHaveLength(5);
    const cursors = await database.db.select().from(okTopicCursors);
    expect(cursors.map((c) => c.topicId).sort()).toEqual([old, post].sort());
    expect(cursors.every((c) => c.anchor)).toBe(true);
  });

  it('normalises a stored comment: author, link to the topic, a reply as a reply; the group\'s own is ignored', async () => {
    const events = await stored();
    const parsed = events.map((e) => parseInboundEvent('ok', e.payload));
    const [bridge, pit, school, , byGroup] = parsed;
    const topicId = (events[1]!.payload as { topicComment: { topicId: string } }).topicComment.topicId;
    expect(bridge).toMatchObject({ outcome: 'message', message: { kind: 'comment', text: 'А когда починят мост?', author: { id: 'user:575493468851', name: 'Галина Петрова', link: 'https://ok.ru/profile/575493468851' } } });
    expect(pit).toMatchObject({
      outcome: 'message',
      message: { network: 'ok', kind: 'comment', sourceKey: events[1]!.eventKey, permalink: okTopicLink(GROUP, topicId), thread: { groupId: GROUP, topicId } },
    });
    // Written a minute before the poll that read it (the fake writes Moscow time, as OK does).
    expect(pit?.outcome === 'message' && pit.message.postedAt.getTime()).toBe(now - 60_000);
    expect(school).toMatchObject({ outcome: 'message', message: { kind: 'reply', repliesTo: events[1]!.eventKey } });
    expect(byGroup).toEqual({ outcome: 'ignored', reason: 'ok topic comment by the group itself' });
    expect(parseInboundEvent('ok', { topicComment: { groupId: GROUP } })).toMatchObject({ outcome: 'invalid' });
  });

  it('keeps its place when OK refuses, and continues from there once OK answers again', async () => {
    const post = ok.rest.postTopic({ groupId: GROUP, text: 'Вывоз мусора' });
    ok.rest.comment({ topicId: post, userId: 575493468860, text: 'Не вывозят третий день' });
    // Every topic's read refused (three topics now): the poll goes on, stores nothing, moves no anchor.
    ok.failNext('discussions.getComments', OK_REST_ERRORS.sessionExpired, 3);
    const before = await database.db.select().from(okTopicCursors);
    const failed = await pollOkTopics(ctx(), config());
    expect(failed).toMatchObject({ ok: true, topics: 3, failedTopics: 3 });
    expect(await database.db.select().from(okTopicCursors)).toEqual(before);
    expect(await stored()).toHaveLength(5);

    const wrongSecret = await pollOkTopics(ctx(), config({ client: createOkRestClient({ ...FAKE_OK_APP, appSecret: 'wrong-secret', apiRoot: ok.apiRoot }) }));
    expect(wrongSecret).toEqual({ ok: false, error: { kind: 'api', code: 104, message: OK_REST_ERRORS.signature.error_msg } });

    const again = await pollOkTopics(ctx(), config());
    expect(again).toMatchObject({ ok: true, fresh: 1, failedTopics: 0 });
    expect((await stored()).at(-1)!.eventKey.startsWith(`topic:${post}:comment:`)).toBe(true);
  });
});
