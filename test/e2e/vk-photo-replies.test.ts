/**
 * VK replies with photos, end to end through the fake VK and Telegram: a
 * citizen's private message and a comment under a community post, each with
 * a photo, become incidents; the executor's approved answer with a photo goes
 * back in the same place exactly once — the message by messages.send with
 * the photo from the messages upload server (the community token may use
 * it), the comment by wall.createComment in the citizen's thread with the
 * photo from the wall upload server, which VK opens only to a user token
 * (VK_USER_TOKEN). Without that token the comment's answer goes as text and
 * the card says the photo was left out. The network's id and link are stored
 * and shown on the card.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidents, publications } from '../../shared/platform/db/schema.js';
import { FAKE_SECRETS } from '../../shared/sandbox/demo/harness.js';
import { routeAsSuggested, writeDraft } from '../../shared/sandbox/demo/flow.js';
import { cardIn, cardSays, press, until } from '../../shared/sandbox/demo/staff.js';
import { messageNew, postVkCallback, wallReplyNew } from '../../shared/sandbox/fakes/vk-callback.js';
import type { VkSentComment, VkSentMessage } from '../../shared/sandbox/fakes/vk.js';
import { vkGuid, vkRandomId } from '../../shared/networks/vk/idempotency.js';
import { vkLinks } from '../../shared/networks/vk/links.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

const CURATOR = 101;
const ROADS = 201; // the roads executor: cards and drafts in his private chat

/** A photo as VK puts it in a citizen's message or comment. */
const citizenPhoto = (ownerId: number, id: number) => ({
  type: 'photo',
  photo: {
    album_id: -3,
    date: 1763874390,
    id,
    owner_id: ownerId,
    access_key: 'c0ffee0123456789ab',
    sizes: [
      { height: 97, type: 'm', width: 130, url: `https://sun9-2.userapi.com/impg/${id}-m.jpg` },
      { height: 604, type: 'x', width: 807, url: `https://sun9-2.userapi.com/impg/${id}-x.jpg` },
    ],
    text: '',
    has_tags: false,
  },
});

async function curatorsCard(h: TestHarness, text: string): Promise<number> {
  const card = await until(() => h.telegram.messages(h.org.chats.curators).find((m) => m.text?.includes(text) && m.replyMarkup), 'the curators\' card');
  return Number(/№(\d+)/.exec(card.text!)![1]);
}

/** A citizen writes to the community with a photo; resolves with the incident and the citizen's message id. */
async function citizenMessages(h: TestHarness, fromId: number, text: string) {
  const event = messageNew({ groupId: h.vk.group.id, secret: h.env.VK_CALLBACK_SECRET!, fromId, text, attachments: [citizenPhoto(fromId, 457239101)] });
  expect((await postVkCallback(h.vkWebhookUrl, event)).body).toBe('ok');
  return { id: await curatorsCard(h, text), messageId: event.object.message.id };
}

/** A citizen comments a community post with a photo. */
async function citizenComments(h: TestHarness, fromId: number, postId: number, text: string) {
  const event = wallReplyNew({ groupId: h.vk.group.id, secret: h.env.VK_CALLBACK_SECRET!, fromId, postId, text, attachments: [citizenPhoto(fromId, 457239102)] });
  expect((await postVkCallback(h.vkWebhookUrl, event)).body).toBe('ok');
  return { id: await curatorsCard(h, text), commentId: event.object.id };
}

/** Routed, drafted with a photo by the roads executor, approved by the curator. */
async function answerWithPhoto(h: TestHarness, id: number, text: string, photo: Buffer) {
  await routeAsSuggested(h, id, CURATOR);
  await writeDraft(h, id, ROADS, ROADS, text, { photo });
  const onApproval = await cardSays(h, h.org.chats.curators, id, (t) => t.includes('на согласовании'), 'on approval');
  expect(await press(h, h.org.chats.curators, id, CURATOR, '✅ Утвердить')).toBe('Утверждено — ответ публикуется');
  return onApproval.text!;
}

const messagesTo = (h: TestHarness, peer: number) => h.vk.sent.filter((s): s is VkSentMessage => s.kind === 'message' && s.peerId === peer);
const commentsOn = (h: TestHarness, postId: number) => h.vk.sent.filter((s): s is VkSentComment => s.kind === 'comment' && s.postId === postId);
const publicationOf = async (h: TestHarness, id: number) =>
  (await h.system.ctx.database.db.select().from(publications).where(eq(publications.incidentId, id)))[0]!;
const incidentRow = async (h: TestHarness, id: number) =>
  (await h.system.ctx.database.db.select().from(incidents).where(eq(incidents.id, id)))[0]!;
/** The card's links (Telegram keeps them as text_link entities). */
const cardLinks = (h: TestHarness, id: number) =>
  ((cardIn(h, h.org.chats.curators, id)!.raw.entities ?? []) as Array<{ type: string; url?: string }>).filter((e) => e.type === 'text_link').map((e) => e.url);
const attachmentOf = (h: TestHarness, uploadIndex: number) => {
  const photo = h.vk.uploads[uploadIndex]!.saved!;
  return `photo${photo.owner_id}_${photo.id}_${photo.access_key}`;
};

describe('with a community admin\'s user token (VK_USER_TOKEN)', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await testHarness({ env: { VK_USER_TOKEN: FAKE_SECRETS.vkUserToken } });
  });
  afterAll(async () => h?.dispose());

  it('answers a private message with a photo: messages.send to the citizen, the photo from the messages upload server, once', async () => {
    const citizen = 660001;
    const { id, messageId } = await citizenMessages(h, citizen, 'Яма на дороге в с. Антоновка у магазина, фото прилагаю');
    expect(cardIn(h, h.org.chats.curators, id)!.text).toContain('ВКонтакте, личное сообщение');
    expect(cardIn(h, h.org.chats.curators, id)!.text).toContain('📎 Вложения: 1');
    const picture = Buffer.from('fake-jpeg: яма засыпана, вид от магазина');
    const answer = 'Здравствуйте! Яму у магазина засыпали сегодня, фото прилагаем.';
    await answerWithPhoto(h, id, answer, picture);

    const [reply] = await until(() => (messagesTo(h, citizen).length ? messagesTo(h, citizen) : undefined), 'the reply in VK');
    const published = await cardSays(h, h.org.chats.curators, id, (t) => t.includes('ответ опубликован'), 'the published card');

    // The photo went VK's documented way: upload server → POST → saveMessagesPhoto → attachment string.
    const uploads = h.vk.uploads.map((u, i) => ({ u, i })).filter(({ u }) => u.bytes.equals(picture));
    expect(uploads.map(({ u }) => u.kind)).toEqual(['messages']);
    const steps = h.vk.calls.filter((c) => c.method.startsWith('photos.')).map((c) => [c.method, c.token]);
    expect(steps).toEqual([
      ['photos.getMessagesUploadServer', FAKE_SECRETS.vkToken],
      ['photos.saveMessagesPhoto', FAKE_SECRETS.vkToken],
    ]);
    const pub = await publicationOf(h, id);
    expect(reply).toMatchObject({ text: answer, replyTo: messageId, randomId: vkRandomId(pub.id), attachment: attachmentOf(h, uploads[0]!.i) });
    expect(messagesTo(h, citizen)).toHaveLength(1);

    const link = vkLinks.dm(h.vk.group.id, citizen, reply!.id);
    expect(pub).toMatchObject({ status: 'sent', networkMessageId: String(reply!.id), permalink: link, reasonKey: null });
    expect(cardLinks(h, id)).toContain(link);
    expect(published.text!.match(/Ответ опубликован/g)).toHaveLength(1);
    expect(published.text).not.toContain('фото не приложено');
    expect(await incidentRow(h, id)).toMatchObject({ status: 'answered' });
  });

  it('answers a comment under a post with a photo: wall.createComment in the citizen\'s thread, the photo from the wall upload server by the user token, once', async () => {
    const citizen = 660002;
    const postId = 31;
    const { id, commentId } = await citizenComments(h, citizen, postId, 'На дороге в г. Завитинск провал асфальта у школы, смотрите фото');
    expect(cardIn(h, h.org.chats.curators, id)!.text).toContain('ВКонтакте, комментарий');
    expect(cardIn(h, h.org.chats.curators, id)!.text).toContain('📎 Вложения: 1');
    const picture = Buffer.from('fake-jpeg: асфальт у школы уложен');
    const answer = 'Здравствуйте! Провал у школы заделали, фото после ремонта прилагаем.';
    const callsBefore = h.vk.calls.length;
    expect(await answerWithPhoto(h, id, answer, picture)).not.toContain('Фото не уйдёт');

    const [reply] = await until(() => (commentsOn(h, postId).length ? commentsOn(h, postId) : undefined), 'the comment in VK');
    await cardSays(h, h.org.chats.curators, id, (t) => t.includes('ответ опубликован'), 'the published card');

    const uploads = h.vk.uploads.map((u, i) => ({ u, i })).filter(({ u }) => u.bytes.equals(picture));
    expect(uploads.map(({ u }) => u.kind)).toEqual(['wall']);
    const calls = h.vk.calls.slice(callsBefore).filter((c) => c.method !== 'users.get');
    expect(calls.map((c) => [c.method, c.token])).toEqual([
      ['photos.getWallUploadServer', FAKE_SECRETS.vkUserToken],
      ['photos.saveWallPhoto', FAKE_SECRETS.vkUserToken],
      // The comment itself is the community's: its token, from_group.
      ['wall.createComment', FAKE_SECRETS.vkToken],
    ]);
    const pub = await publicationOf(h, id);
    expect(calls.at(-1)!.params).toMatchObject({
      owner_id: String(-h.vk.group.id),
      post_id: String(postId),
      reply_to_comment: String(commentId),
      from_group: String(h.vk.group.id),
      guid: vkGuid(pub.id),
      message: answer,
      attachments: attachmentOf(h, uploads[0]!.i),
    });
    expect(reply).toMatchObject({ ownerId: -h.vk.group.id, replyToComment: commentId, parentsStack: [commentId], text: answer });
    expect(commentsOn(h, postId)).toHaveLength(1);

    const link = vkLinks.wallComment(-h.vk.group.id, postId, reply!.id, commentId);
    expect(pub).toMatchObject({ status: 'sent', networkMessageId: String(reply!.id), permalink: link, reasonKey: null });
    expect(cardLinks(h, id)).toContain(link);
    expect(await incidentRow(h, id)).toMatchObject({ status: 'answered' });
  });

  it('puts VK\'s permanent refusal on the card and posts nothing: the citizen\'s comment was deleted', async () => {
    const postId = 32;
    const { id, commentId } = await citizenComments(h, 660003, postId, 'Когда отремонтируют дорогу на ул. Полевой в с. Антоновка?');
    h.vk.deleteComment(-h.vk.group.id, commentId);
    await answerWithPhoto(h, id, 'Здравствуйте! Ремонт дороги на ул. Полевой запланирован на май.', Buffer.from('fake-jpeg: ул. Полевая'));
    const failed = await cardSays(h, h.org.chats.curators, id, (t) => t.includes('Опубликовать не удалось'), 'the refusal on the card');
    expect(failed.text).toContain('Комментарий, на который нужно ответить, удалён');
    expect(commentsOn(h, postId)).toEqual([]);
    expect(await publicationOf(h, id)).toMatchObject({ status: 'failed', reasonKey: 'publish-vk-comment-deleted', networkMessageId: null });
    expect(await incidentRow(h, id)).toMatchObject({ status: 'approved' });
  });
});

describe('with the community token only', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await testHarness();
  });
  afterAll(async () => h?.dispose());

  it('still answers a private message with its photo: the messages upload server takes the community token', async () => {
    const citizen = 670001;
    const { id } = await citizenMessages(h, citizen, 'Разбита дорога в с. Антоновка, сплошные ямы, фото во вложении');
    const picture = Buffer.from('fake-jpeg: площадка убрана');
    expect(await answerWithPhoto(h, id, 'Здравствуйте! Мусор вывезли, фото прилагаем.', picture)).not.toContain('Фото не уйдёт');
    const [reply] = await until(() => (messagesTo(h, citizen).length ? messagesTo(h, citizen) : undefined), 'the reply in VK');
    const i = h.vk.uploads.findIndex((u) => u.bytes.equals(picture));
    expect(h.vk.uploads[i]!.kind).toBe('messages');
    expect(reply!.attachment).toBe(attachmentOf(h, i));
    const card = await cardSays(h, h.org.chats.curators, id, (t) => t.includes('ответ опубликован'), 'the published card');
    expect(card.text).not.toContain('фото не приложено');
  });

  it('answers a comment with the text alone and says on the card that the photo was left out, and why', async () => {
    const postId = 41;
    const { id, commentId } = await citizenComments(h, 670002, postId, 'Яма на дороге в г. Завитинск, колея по колено, фото прилагаю');
    const answer = 'Здравствуйте! Яму у рынка засыпали, фото прилагаем.';
    // The approver learns it before approving.
    const onApproval = await answerWithPhoto(h, id, answer, Buffer.from('fake-jpeg: рынок'));
    expect(onApproval).toContain('📷 Фото не уйдёт с ответом. Фото к ответам в комментариях ВКонтакте прикладываются только с токеном администратора сообщества (VK_USER_TOKEN)');

    const [reply] = await until(() => (commentsOn(h, postId).length ? commentsOn(h, postId) : undefined), 'the comment in VK');
    expect(reply).toMatchObject({ text: answer, replyToComment: commentId });
    expect(reply!.attachments).toBeUndefined();
    // Nothing was even tried that VK refuses a community token.
    expect(h.vk.calls.filter((c) => c.method === 'photos.getWallUploadServer')).toEqual([]);
    expect(h.vk.uploads.filter((u) => u.kind === 'wall')).toEqual([]);

    const card = await cardSays(h, h.org.chats.curators, id, (t) => t.includes('ответ опубликован'), 'the published card');
    expect(card.text).toContain('Опубликован только текст, фото не приложено.');
    expect(card.text).toContain('VK_USER_TOKEN');
    const pub = await publicationOf(h, id);
    expect(pub).toMatchObject({ status: 'sent', networkMessageId: String(reply!.id), reasonKey: 'publish-vk-photo-needs-user-token' });
    expect(cardLinks(h, id)).toContain(vkLinks.wallComment(-h.vk.group.id, postId, reply!.id, commentId));
    expect(commentsOn(h, postId)).toHaveLength(1);
  });
});
