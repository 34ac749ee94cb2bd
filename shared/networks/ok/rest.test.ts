/**
 * The REST client against the fake OK: signed calls accepted, a wrong
 * secret refused with OK's own error, topics and comment pages parsed and
 * paged by anchor, and anything unreadable reported as a value.
 */
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_OK_APP, OK_REST_ERRORS } from '../../sandbox/fakes/ok-rest.js';
import { startFakeOk, type FakeOk } from '../../sandbox/fakes/ok.js';
import { closeServer, listen } from '../../sandbox/fakes/http-util.js';
import { createOkRestClient, type OkRestOptions } from './rest.js';
import { closedPort } from '../../../test/kit/ports.js';

let ok: FakeOk;
const GROUP = '70000001234567';
beforeAll(async () => {
  ok = await startFakeOk();
});
afterAll(async () => ok?.close());

const client = (over: Partial<OkRestOptions> = {}) => createOkRestClient({ ...FAKE_OK_APP, apiRoot: ok.apiRoot, ...over });

describe('the OK REST client', () => {
  it('reads the group\'s topics newest first, signed as OK checks it', async () => {
    const older = ok.rest.postTopic({ groupId: GROUP, text: 'График вывоза мусора', createdMs: Date.UTC(2026, 10, 1) });
    const newer = ok.rest.postTopic({ groupId: GROUP, text: 'Ремонт моста', createdMs: Date.UTC(2026, 10, 20) });
    ok.rest.postTopic({ groupId: '70000009999999', text: 'чужая группа' });
    const r = await client().groupTopics(GROUP, 10);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.map((t) => t.id)).toEqual([newer, older]);
    expect(r.data[0]).toMatchObject({ created_ms: Date.UTC(2026, 10, 20), media: [{ type: 'text', text: 'Ремонт моста' }] });
    // The call as OK saw it: application key, method, format; the token and sig are kept out of the log.
    expect(ok.calls.at(-1)).toMatchObject({ method: 'mediatopic.getTopics', params: { gid: GROUP, count: '10', format: 'json', application_key: FAKE_OK_APP.appKey } });
    expect(ok.calls.at(-1)!.params).not.toHaveProperty('access_token');
  });

  it('is refused with OK\'s PARAM_SIGNATURE when the secret is wrong, and with the session error for another token', async () => {
    expect(await client({ appSecret: 'not-the-secret' }).groupTopics(GROUP, 5)).toEqual({
      ok: false,
      error: { kind: 'api', code: 104, message: OK_REST_ERRORS.signature.error_msg },
    });
    expect(await client({ accessToken: 'someone-else' }).groupTopics(GROUP, 5)).toMatchObject({ ok: false, error: { kind: 'api', code: 102 } });
    expect(await client({ appKey: 'CBAWRONG' }).groupTopics(GROUP, 5)).toMatchObject({ ok: false, error: { kind: 'api', code: 101 } });
  });

  it('pages a topic\'s comments forward by anchor, and an empty page keeps the place', async () => {
    const topic = ok.rest.postTopic({ groupId: GROUP, text: 'Отключение воды' });
    const ids = [1, 2, 3].map((i) => ok.rest.comment({ topicId: topic, userId: 575493468800 + i, name: `Житель ${i}`, text: `вопрос ${i}` }));
    const c = client();
    const first = await c.topicComments(topic, { count: 2 });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.data.comments.map((x) => x.id)).toEqual(ids.slice(0, 2));
    expect(first.data.comments[0]).toMatchObject({ author_id: '575493468801', author_name: 'Житель 1', text: 'вопрос 1' });
    expect(first.data.comments[0]!.date).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(first.data.has_more).toBe(true);
    const second = await c.topicComments(topic, { anchor: first.data.anchor!, count: 2 });
    expect(second.ok && second.data.comments.map((x) => x.id)).toEqual(ids.slice(2));
    expect(second.ok && second.data.has_more).toBe(false);
    const empty = await c.topicComments(topic, { anchor: second.ok ? second.data.anchor! : '', count: 2 });
    expect(empty).toMatchObject({ ok: true, data: { comments: [], has_more: false } });
    expect(ok.calls.at(-1)!.params).toMatchObject({ discussionType: 'GROUP_TOPIC', direction: 'FORWARD', discussionId: topic });
    expect(await c.topicComments('1', { count: 2 })).toMatchObject({ ok: false, error: { kind: 'api', code: 300 } });
  });

  it('reports an unreadable answer, an HTTP error and no connection as values', async () => {
    const junk = createServer((req, res) => {
      if (req.url?.includes('mediatopic')) return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"media_topics": "nope"}');
      res.writeHead(502).end('Bad Gateway');
    });
    const root = await listen(junk, 0, '127.0.0.1');
    try {
      expect(await client({ apiRoot: root }).groupTopics(GROUP, 1)).toEqual({ ok: false, error: { kind: 'bad_response' } });
      expect(await client({ apiRoot: root }).topicComments('1', { count: 1 })).toEqual({ ok: false, error: { kind: 'http', status: 502 } });
    } finally {
      await closeServer(junk);
    }
    expect(await client({ apiRoot: `http://127.0.0.1:${await closedPort()}` }).groupTopics(GROUP, 1)).toEqual({ ok: false, error: { kind: 'transport', mayHaveArrived: false } });
  });
});
