/**
 * A real crash in the middle of publishing on VK. The worker runs as its own
 * process (`otklik worker`, as docker compose runs it). The fake VK creates
 * the reply to a private message and the reply to a wall comment but holds
 * its answers; the worker is killed with SIGKILL before it hears them, so
 * PostgreSQL never learns they went out. A new worker picks the stalled
 * publish jobs up and sends again under the same random_id and guid: VK hands
 * back the first message and comment, the citizen has one reply each, and the
 * outbox rows and cards record them once. Real time: BullMQ gives a dead
 * worker's jobs to another after their lock lapses (30 s).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { incidents, publications } from '../../shared/platform/db/schema.js';
import { EXAMPLE_ORG, FAKE_SECRETS, startHarness, type Harness } from '../../shared/sandbox/demo/harness.js';
import { routeAsSuggested, writeDraft } from '../../shared/sandbox/demo/flow.js';
import { cardSays, press, until } from '../../shared/sandbox/demo/staff.js';
import { messageNew, postVkCallback, wallReplyNew } from '../../shared/sandbox/fakes/vk-callback.js';
import type { VkSentComment, VkSentMessage } from '../../shared/sandbox/fakes/vk.js';
import { silentLogger } from '../../shared/platform/log.js';
import { vkGuid, vkRandomId } from '../../shared/networks/vk/idempotency.js';
import { vkLinks } from '../../shared/networks/vk/links.js';
import { freshDatabase } from '../kit/db.js';
import { freshRedis } from '../kit/redis.js';
import { workerProcesses } from '../kit/worker-processes.js';

const CURATOR = 101;
const ROADS = 201;
const DM_CITIZEN = 680001;
const COMMENTER = 680002;
const POST = 51;

let db: { url: string; drop(): Promise<void> };
let redis: { url: string };
let h: Harness;

/** `otklik worker` on this file's PostgreSQL and Redis, configured like the in-test bots (BullMQ's default prefix on both). */
const workers = workerProcesses(() => ({ ...h.envVars, DATABASE_URL: db.url, REDIS_URL: redis.url, OTKLIK_ORG: EXAMPLE_ORG, LOG_LEVEL: 'error' }));

beforeAll(async () => {
  db = await freshDatabase();
  redis = await freshRedis();
  // Bots only in this process: every job, publishing included, runs in the worker processes.
  h = await startHarness({ databaseUrl: db.url, redisUrl: redis.url, log: silentLogger, worker: false, env: { VK_USER_TOKEN: FAKE_SECRETS.vkUserToken } });
}, 60_000);

afterAll(async () => {
  await workers.endAll();
  await h?.stop();
  await db?.drop();
});

const photo = (ownerId: number, id: number) => ({
  type: 'photo',
  photo: { album_id: -3, date: 1763874390, id, owner_id: ownerId, access_key: 'aa11bb22cc33dd44ee', sizes: [{ type: 'x', width: 807, height: 604, url: `https://sun9-2.userapi.com/impg/${id}.jpg` }], text: '', has_tags: false },
});

async function curatorsCard(text: string): Promise<number> {
  const card = await until(() => h.telegram.messages(h.org.chats.curators).find((m) => m.text?.includes(text) && m.replyMarkup), 'the curators\' card', 30_000);
  return Number(/№(\d+)/.exec(card.text!)![1]);
}

const db_ = () => h.system.ctx.database.db;
const publicationOf = async (id: number) => (await db_().select().from(publications).where(eq(publications.incidentId, id)))[0];
const messagesTo = (peer: number) => h.vk.sent.filter((s): s is VkSentMessage => s.kind === 'message' && s.peerId === peer);
const commentsOn = (postId: number) => h.vk.sent.filter((s): s is VkSentComment => s.kind === 'comment' && s.postId === postId);
/** Every message of the curators' chat about this incident: the card is edited in place, never posted twice. */
const curatorsMessagesAbout = (id: number) => h.telegram.messages(h.org.chats.curators).filter((m) => m.text?.startsWith(`Сообщение №${id} `));

it('a worker killed between VK creating the replies and the database recording them: after a restart each citizen has one reply', async () => {
  const first = workers.start();

  const dmText = 'Яма на дороге в с. Антоновка у почты, фото прилагаю';
  const dm = messageNew({ groupId: h.vk.group.id, secret: h.env.VK_CALLBACK_SECRET!, fromId: DM_CITIZEN, text: dmText, attachments: [photo(DM_CITIZEN, 457239201)] });
  expect((await postVkCallback(h.vkWebhookUrl, dm)).body).toBe('ok');
  const commentText = 'Провал асфальта на дороге в г. Завитинск у вокзала, смотрите фото';
  const comment = wallReplyNew({ groupId: h.vk.group.id, secret: h.env.VK_CALLBACK_SECRET!, fromId: COMMENTER, postId: POST, text: commentText, attachments: [photo(COMMENTER, 457239202)] });
  expect((await postVkCallback(h.vkWebhookUrl, comment)).body).toBe('ok');
  const dmId = await curatorsCard(dmText);
  const commentId = await curatorsCard(commentText);

  const curators = h.org.chats.curators;
  const answers = {
    [dmId]: 'Здравствуйте! Яму у почты засыпали, фото прилагаем.',
    [commentId]: 'Здравствуйте! Провал у вокзала заделали, фото после ремонта прилагаем.',
  };
  for (const id of [dmId, commentId]) {
    await routeAsSuggested(h, id, CURATOR);
    await writeDraft(h, id, ROADS, ROADS, answers[id]!, { photo: Buffer.from(`fake-jpeg: после ремонта, №${id}`) });
    await cardSays(h, curators, id, (t) => t.includes('на согласовании'), 'on approval');
  }

  // VK will create both replies and keep its answers until the worker is dead. Two holds each: should
  // vk-io give up waiting (10 s) and repeat the call before the kill, the repeat is held too.
  const holds = ['messages.send', 'messages.send', 'wall.createComment', 'wall.createComment'].map((m) => h.vk.holdNext(m));
  const approvals = await Promise.all([dmId, commentId].map((id) => press(h, curators, id, CURATOR, '✅ Утвердить')));
  expect(approvals).toEqual(['Утверждено — ответ публикуется', 'Утверждено — ответ публикуется']);
  const timeout = (what: string) => new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no ${what}`)), 30_000).unref());
  await Promise.race([Promise.all([holds[0]!.recorded, holds[2]!.recorded]), timeout('held VK calls')]);

  await workers.end(first);
  // To nobody: the caller is gone. An unused hold now lets the next call through at once.
  for (const hold of holds) hold.release();
  // The replies exist in VK; PostgreSQL does not know it.
  expect(messagesTo(DM_CITIZEN)).toHaveLength(1);
  expect(commentsOn(POST)).toHaveLength(1);
  for (const id of [dmId, commentId]) expect(await publicationOf(id)).toMatchObject({ status: 'pending', networkMessageId: null, attempts: 1 });

  workers.start();
  const sent = async () => {
    const rows = await Promise.all([publicationOf(dmId), publicationOf(commentId)]);
    return rows.every((r) => r?.status === 'sent') ? rows : undefined;
  };
  const [dmPub, commentPub] = (await until(sent, 'both publications sent after the restart', 150_000))!;

  // Each call reached VK from both workers under one key; VK created each reply once.
  const sends = h.vk.calls.filter((c) => c.method === 'messages.send' && c.params.peer_id === String(DM_CITIZEN));
  expect(sends.length).toBeGreaterThanOrEqual(2);
  expect(new Set(sends.map((c) => c.params.random_id))).toEqual(new Set([String(vkRandomId(dmPub!.id))]));
  const creates = h.vk.calls.filter((c) => c.method === 'wall.createComment');
  expect(creates.length).toBeGreaterThanOrEqual(2);
  expect(new Set(creates.map((c) => c.params.guid))).toEqual(new Set([vkGuid(commentPub!.id)]));
  const messages = messagesTo(DM_CITIZEN);
  const comments = commentsOn(POST);
  expect(messages).toHaveLength(1);
  expect(comments).toHaveLength(1);
  expect(messages[0]).toMatchObject({ text: answers[dmId], replyTo: dm.object.message.id, attachment: expect.stringMatching(/^photo-\d+_\d+_\w+$/) });
  expect(comments[0]).toMatchObject({ text: answers[commentId], replyToComment: comment.object.id, attachments: expect.stringMatching(/^photo-\d+_\d+_\w+$/) });

  expect(dmPub).toMatchObject({ attempts: 2, networkMessageId: String(messages[0]!.id), permalink: vkLinks.dm(h.vk.group.id, DM_CITIZEN, messages[0]!.id) });
  expect(commentPub).toMatchObject({
    attempts: 2,
    networkMessageId: String(comments[0]!.id),
    permalink: vkLinks.wallComment(-h.vk.group.id, POST, comments[0]!.id, comment.object.id),
  });
  for (const id of [dmId, commentId]) {
    const card = await cardSays(h, curators, id, (t) => t.includes('ответ опубликован'), 'the published card');
    expect(card.text!.match(/Ответ опубликован/g)).toHaveLength(1);
    expect(curatorsMessagesAbout(id)).toHaveLength(1);
    const [row] = await db_().select().from(incidents).where(eq(incidents.id, id));
    expect(row).toMatchObject({ status: 'answered' });
  }
}, 300_000);
