/**
 * Comments under the OK group's topics, end to end: the fake OK's REST API
 * (signature checked as OK does) is polled by the worker's job, a citizen's
 * comment becomes one incident and a curators' card however often it is
 * read, the approved answer is shown for posting by hand — the text in a
 * copyable <pre> block and the link to the topic — and "Опубликовано
 * вручную" closes the loop. Nothing is ever sent to OK on the group's behalf.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundEvents, incidents, publications } from '../../shared/platform/db/schema.js';
import { routeAsSuggested, writeDraft } from '../../shared/sandbox/demo/flow.js';
import { cardSays, press, until } from '../../shared/sandbox/demo/staff.js';
import { FAKE_OK_APP } from '../../shared/sandbox/fakes/ok-rest.js';
import { OK_TOPICS_SCHEDULER_ID } from '../../shared/networks/ok/topics.js';
import { okTopics } from '../../worker/jobs/ok-topics.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

let h: TestHarness;
const CURATOR = 101;
const ROADS = 201;
const GROUP = '70000001234567';

beforeAll(async () => {
  h = await testHarness({
    env: {
      OK_APP_KEY: FAKE_OK_APP.appKey,
      OK_APP_SECRET: FAKE_OK_APP.appSecret,
      OK_ACCESS_TOKEN: FAKE_OK_APP.accessToken,
      OK_GROUP_ID: GROUP,
      // The test polls by calling the job; the scheduler's own ticks stay out of its way.
      OK_TOPICS_POLL_SECONDS: '86400',
    },
  });
});
afterAll(async () => h?.dispose());

const db = () => h.system.ctx.database.db;
const poll = () => okTopics.handle({}, h.system.ctx);

describe('OK topic comments', () => {
  it('polls on a schedule once the application keys are set', async () => {
    const scheduler = await h.system.ctx.queues.queue('okTopics').getJobScheduler(OK_TOPICS_SCHEDULER_ID);
    expect(scheduler).toMatchObject({ every: 86_400_000 });
    // The first poll marks where polling began: the group has no topics yet.
    expect(await poll()).toMatch(/^0 topics/);
  });

  it('turns a comment into one incident and card, shows the answer for posting by hand, and closes on "Опубликовано вручную"', async () => {
    const topic = h.ok.rest.postTopic({ groupId: GROUP, text: 'Ремонт моста через Завитую: объезд по трассе' });
    const comment = h.ok.rest.comment({
      topicId: topic,
      userId: 575493468870,
      name: 'Ольга Смирнова',
      text: 'Здравствуйте! Когда откроют мост на дороге в с. Антоновка? Объезд двадцать километров.',
    });
    const fresh = (outcome: string) => Number(/(\d+) new comments/.exec(outcome)![1]);
    const first = await poll();
    // Read again (the next tick, or a second worker): nothing is stored or opened twice.
    const second = await poll();
    expect(second).toMatch(/^1 topics, 0 new comments of 0 read/);
    // One of the polls stored it (the scheduler's own first tick may have run meanwhile and read it instead).
    expect(fresh(first) + fresh(second)).toBeLessThanOrEqual(1);

    const curators = h.org.chats.curators;
    const card = await until(() => h.telegram.messages(curators).find((m) => m.text?.includes('Когда откроют мост') && m.replyMarkup), 'the curators\' card');
    expect(card.text).toContain('Одноклассники, комментарий');
    expect(card.text).toContain('Ольга Смирнова');
    const link = `https://ok.ru/group/${GROUP}/topic/${topic}`;
    expect(card.raw.entities?.some((e) => e.type === 'text_link' && e.url === link)).toBe(true);
    const id = Number(/№(\d+)/.exec(card.text!)![1]);
    const key = `topic:${topic}:comment:${comment}`;
    expect((await db().select().from(incidents).where(eq(incidents.sourceKey, key))).map((i) => i.id)).toEqual([id]);
    expect((await db().select().from(inboundEvents)).filter((e) => e.network === 'ok' && e.eventKey === key)).toHaveLength(1);

    await routeAsSuggested(h, id, CURATOR);
    const answer = 'Здравствуйте, Ольга! Мост в с. Антоновка откроют 1 декабря, подрядчик заканчивает перила.';
    await writeDraft(h, id, ROADS, ROADS, answer);
    await cardSays(h, curators, id, (t) => t.includes('на согласовании'), 'on approval');
    const okCallsBefore = h.ok.calls.length;
    await press(h, curators, id, CURATOR, '✅ Утвердить');

    const manual = await cardSays(h, curators, id, (t) => t.includes('Ответ нужно разместить вручную'), 'the by-hand notice');
    // The answer as a <pre> block (one tap copies it in Telegram), beside the link to the topic; offsets count UTF-16 units.
    const pre = manual.raw.entities?.find((e) => e.type === 'pre');
    expect(pre && manual.text!.slice(pre.offset, pre.offset + pre.length)).toBe(answer);
    expect(manual.raw.entities?.some((e) => e.type === 'text_link' && e.url === link)).toBe(true);
    const [pub] = await db().select().from(publications).where(eq(publications.incidentId, id));
    expect(pub).toMatchObject({ status: 'manual', reasonKey: 'publish-ok-manual-comment' });

    await press(h, curators, id, CURATOR, '✅ Опубликовано вручную');
    await until(async () => (await db().select().from(incidents).where(eq(incidents.id, id)))[0]?.status === 'answered' || undefined, 'answered');
    // Only the polls reached OK: nothing was posted on the group's behalf.
    expect(h.ok.calls.slice(okCallsBefore).every((c) => c.method === 'mediatopic.getTopics' || c.method === 'discussions.getComments')).toBe(true);
    expect(h.ok.sent).toEqual([]);
  });

  it('does not open an incident for the group\'s own reply posted by hand', async () => {
    const [topic] = h.ok.rest.topics;
    h.ok.rest.comment({ topicId: topic!.id, userId: GROUP, text: 'Здравствуйте, Ольга! Мост откроют 1 декабря.', asGroup: true });
    await poll();
    const key = `topic:${topic!.id}:comment:${topic!.comments.at(-1)!.id}`;
    const event = await until(async () => (await db().select().from(inboundEvents).where(eq(inboundEvents.eventKey, key)))[0]?.processedAt && (await db().select().from(inboundEvents).where(eq(inboundEvents.eventKey, key)))[0], 'the processed event');
    expect(event.outcome).toMatch(/^ignored/);
    expect(await db().select().from(incidents).where(eq(incidents.sourceKey, key))).toEqual([]);
  });
});
