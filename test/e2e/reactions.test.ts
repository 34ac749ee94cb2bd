/**
 * Citizens' reactions end to end, through the VK Callback API: the author's
 * like of our published reply and their reply after it, and another
 * person's like of and reply to the citizen's comment, reach the period's report data; a
 * redelivered like counts once, and a like of something no incident knows
 * changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { and, eq, isNull } from 'drizzle-orm';
import { inboundEvents, incidentEvents, incidents, publications } from '../../shared/platform/db/schema.js';
import { likeAdd, postVkCallback, wallReplyNew, type VkCallbackEnvelope } from '../../shared/sandbox/fakes/vk-callback.js';
import { routeAsSuggested, writeDraft } from '../../shared/sandbox/demo/flow.js';
import { cardSays, press, until } from '../../shared/sandbox/demo/staff.js';
import { buildReportData } from '../../shared/flows/reports/build.js';
import { periodContaining } from '../../shared/core/analytics/periods.js';
import { loadReportInput } from '../../shared/flows/reports/store.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

let h: TestHarness;
const CURATOR = 101;
const ROADS = 201;
const AUTHOR = 660001;
const NEIGHBOUR = 660002;
const POST = 71;

beforeAll(async () => {
  h = await testHarness();
});
afterAll(async () => h?.dispose());

const db = () => h.system.ctx.database.db;
const secret = () => h.env.VK_CALLBACK_SECRET!;
const group = () => h.vk.group.id;

async function send(event: VkCallbackEnvelope) {
  expect((await postVkCallback(h.vkWebhookUrl, event)).body).toBe('ok');
  return until(async () => (await db().select().from(inboundEvents).where(and(eq(inboundEvents.eventKey, event.event_id), eq(inboundEvents.network, 'vk'))))[0]?.outcome, `the outcome of ${event.event_id}`);
}

const reactions = async (incidentId: number) =>
  (await db().select().from(incidentEvents).where(and(eq(incidentEvents.incidentId, incidentId), eq(incidentEvents.type, 'citizen_reacted'))).orderBy(incidentEvents.version)).map((e) => e.data);

const versions = async () => (await db().select({ id: incidents.id, version: incidents.version }).from(incidents)).sort((a, b) => a.id - b.id);

describe('reactions to our answer in VK', () => {
  it('a like and a reply by the author, a neighbour’s like and reply: in the week’s report; an unknown like changes nothing', async () => {
    // The citizen comments under the administration's post; the answer goes out as a reply comment.
    const question = wallReplyNew({ groupId: group(), secret: secret(), fromId: AUTHOR, postId: POST, text: 'Когда засыплют яму на дороге в с. Антоновка у остановки?' });
    await send(question);
    const sourceKey = `wall:-${group()}_${POST}:${question.object.id}`;
    const incident = await until(async () => (await db().select().from(incidents).where(eq(incidents.sourceKey, sourceKey)))[0], 'the incident');
    const curators = h.org.chats.curators;
    await cardSays(h, curators, incident.id, (t) => t.includes('у остановки'), 'the card');
    await routeAsSuggested(h, incident.id, CURATOR);
    await writeDraft(h, incident.id, ROADS, ROADS, 'Здравствуйте! Яму у остановки засыплют до пятницы.');
    await cardSays(h, curators, incident.id, (t) => t.includes('на согласовании'), 'on approval');
    expect(await press(h, curators, incident.id, CURATOR, '✅ Утвердить')).toBe('Утверждено — ответ публикуется');
    const published = await until(
      async () => (await db().select().from(publications).where(and(eq(publications.incidentId, incident.id), eq(publications.status, 'sent'))))[0],
      'our reply comment',
    );
    const ours = Number(published.networkMessageId);
    expect(h.vk.sent.some((s) => s.kind === 'comment' && s.id === ours)).toBe(true);

    // The author likes our reply; VK delivers the like twice (a retry under the same event id, then a new one).
    const like = likeAdd({ groupId: group(), secret: secret(), likerId: AUTHOR, objectId: ours, postId: POST });
    expect(await send(like)).toBe(`like by the author in incident ${incident.id}`);
    await postVkCallback(h.vkWebhookUrl, like);
    expect(await send({ ...like, event_id: 'd'.repeat(40) })).toBe(`like already recorded in incident ${incident.id}`);
    // A neighbour likes the citizen's comment: engagement.
    expect(await send(likeAdd({ groupId: group(), secret: secret(), likerId: NEIGHBOUR, objectId: question.object.id, postId: POST }))).toBe(
      `like by another in incident ${incident.id}`,
    );
    // The neighbour also answers the citizen's comment: engagement too (and a message of its own).
    const neighbour = wallReplyNew({ groupId: group(), secret: secret(), fromId: NEIGHBOUR, postId: POST, text: 'У нас на соседней улице так же', replyToComment: question.object.id, replyToUser: AUTHOR });
    await send(neighbour);
    await until(async () => (await reactions(incident.id)).length === 3 || undefined, 'the neighbour’s reply recorded');
    // Likes of what no incident knows: a comment under another post, a photo.
    const before = await versions();
    expect(await send(likeAdd({ groupId: group(), secret: secret(), likerId: AUTHOR, objectId: 424242, postId: 999 }))).toBe('like of nothing an incident knows');
    expect(await send(likeAdd({ groupId: group(), secret: secret(), likerId: AUTHOR, objectType: 'photo', objectId: 1 }))).toMatch(/^ignored: like_add: a photo/);
    expect(await versions()).toEqual(before);

    // The author writes again under our reply: their reaction, and a message of its own.
    const reply = wallReplyNew({ groupId: group(), secret: secret(), fromId: AUTHOR, postId: POST, text: 'Спасибо, ждём!', replyToComment: question.object.id, replyToUser: -group() });
    await send(reply);
    await until(async () => (await reactions(incident.id)).length === 4 || undefined, 'the reply recorded');
    expect(await reactions(incident.id)).toMatchObject([
      { kind: 'like', byAuthor: true, sourceKey: `like:comment:-${group()}_${ours}:${AUTHOR}` },
      { kind: 'like', byAuthor: false, sourceKey: `like:comment:-${group()}_${question.object.id}:${NEIGHBOUR}` },
      { kind: 'reply', byAuthor: false, sourceKey: `wall:-${group()}_${POST}:${neighbour.object.id}` },
      { kind: 'reply', byAuthor: true, sourceKey: `wall:-${group()}_${POST}:${reply.object.id}` },
    ]);
    await until(async () => (await db().select().from(inboundEvents).where(isNull(inboundEvents.processedAt))).length === 0 || undefined, 'every event processed');

    // The week's report data: the answer was reacted to; the incident leads the top messages by the neighbour's like and reply.
    const ctx = h.system.ctx;
    const now = ctx.clock.now();
    const week = periodContaining('week', DateTime.fromJSDate(now).setZone(ctx.org.timezone), ctx.org.timezone);
    const input = await loadReportInput(db(), week, now, { organisation: { id: ctx.profile.id, name: ctx.org.name }, refresh: { profile: ctx.profile, workTime: ctx.workTime, now } });
    expect(input.incidents.find((i) => i.incidentId === incident.id)).toMatchObject({ reacted: true, engagement: 2 });
    const data = await buildReportData({ db: db(), org: ctx.org, profile: ctx.profile, workTime: ctx.workTime }, week, now);
    expect(data.reaction).toEqual({ known: 1, reacted: 1, share: 1 });
    expect(data.top.items.map((m) => [m.incidentId, m.engagement])).toEqual([[incident.id, 2]]);
  });
});
