/**
 * Evidence in answers (issue #19): the executor attaches a video to the draft
 * in Telegram; the approved answer carries it to VK the documented way —
 * video.save by the community admin's user token (VK_USER_TOKEN), the file
 * posted to its upload URL, the video attached to the reply — exactly once.
 * Without the user token the answer goes as text and the card says the video
 * was left out.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publications } from '../../shared/platform/db/schema.js';
import { FAKE_SECRETS } from '../../shared/sandbox/demo/harness.js';
import { routeAsSuggested, writeDraft } from '../../shared/sandbox/demo/flow.js';
import { cardSays, press, until } from '../../shared/sandbox/demo/staff.js';
import { messageNew, postVkCallback } from '../../shared/sandbox/fakes/vk-callback.js';
import type { VkSentMessage } from '../../shared/sandbox/fakes/vk.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

const CURATOR = 101;
const ROADS = 201;

async function citizenMessages(h: TestHarness, fromId: number, text: string): Promise<number> {
  const event = messageNew({ groupId: h.vk.group.id, secret: h.env.VK_CALLBACK_SECRET!, fromId, text });
  expect((await postVkCallback(h.vkWebhookUrl, event)).body).toBe('ok');
  const card = await until(() => h.telegram.messages(h.org.chats.curators).find((m) => m.text?.includes(text) && m.replyMarkup), "the curators' card");
  return Number(/№(\d+)/.exec(card.text!)![1]);
}

const messagesTo = (h: TestHarness, peer: number) => h.vk.sent.filter((s): s is VkSentMessage => s.kind === 'message' && s.peerId === peer);

describe("with a community admin's user token (VK_USER_TOKEN)", () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await testHarness({ env: { VK_USER_TOKEN: FAKE_SECRETS.vkUserToken } });
  });
  afterAll(async () => h?.dispose());

  it('carries the draft\'s video into the VK reply: video.save, the upload, the attachment, once', async () => {
    const citizen = 670001;
    const id = await citizenMessages(h, citizen, 'Когда засыплют ямы на дороге по ул. Мира в с. Антоновка?');
    await routeAsSuggested(h, id, CURATOR);
    const clip = Buffer.from('fake-mp4: фонари на ул. Мира горят, съёмка вечером');
    const answer = 'Здравствуйте! Освещение на ул. Мира восстановили, видео прилагаем.';
    await writeDraft(h, id, ROADS, ROADS, answer, { video: clip });
    const onApproval = await cardSays(h, h.org.chats.curators, id, (t) => t.includes('на согласовании'), 'on approval');
    expect(onApproval.text).not.toContain('Видео не уйдёт');
    await press(h, h.org.chats.curators, id, CURATOR, '✅ Утвердить');

    const [reply] = await until(() => (messagesTo(h, citizen).length ? messagesTo(h, citizen) : undefined), 'the reply in VK');
    await cardSays(h, h.org.chats.curators, id, (t) => t.includes('ответ опубликован'), 'the published card');

    // VK's way: video.save by the user token, then the bytes at its upload URL; the reply attaches that video.
    const saves = h.vk.calls.filter((c) => c.method === 'video.save');
    expect(saves.map((c) => [c.token, c.params.group_id, c.params.is_private])).toEqual([[FAKE_SECRETS.vkUserToken, String(h.vk.group.id), '1']]);
    const videos = [...h.vk.videos.entries()].filter(([, v]) => v.bytes?.equals(clip));
    expect(videos).toHaveLength(1);
    const [ref, video] = videos[0]!;
    expect(reply!.text).toBe(answer);
    expect(reply!.attachment).toBe(`${ref}_${video.access_key}`);
    expect(messagesTo(h, citizen)).toHaveLength(1);
    const [pub] = await h.system.ctx.database.db.select().from(publications).where(eq(publications.incidentId, id));
    expect(pub).toMatchObject({ status: 'sent', networkMessageId: String(reply!.id), reasonKey: null });
  }, 90_000);
});

describe('without the user token', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await testHarness();
  });
  afterAll(async () => h?.dispose());

  it('publishes the text alone and says on the card that the video was left out', async () => {
    const citizen = 670101;
    const id = await citizenMessages(h, citizen, 'Когда засыплют ямы на дороге по ул. Ленина в с. Антоновка?');
    await routeAsSuggested(h, id, CURATOR);
    await writeDraft(h, id, ROADS, ROADS, 'Здравствуйте! Освещение восстановили, видео прилагаем.', { video: Buffer.from('fake-mp4') });
    const onApproval = await cardSays(h, h.org.chats.curators, id, (t) => t.includes('на согласовании'), 'on approval');
    expect(onApproval.text).toContain('Видео не уйдёт с этим ответом');
    await press(h, h.org.chats.curators, id, CURATOR, '✅ Утвердить');
    const [reply] = await until(() => (messagesTo(h, citizen).length ? messagesTo(h, citizen) : undefined), 'the reply in VK');
    expect(reply!.attachment).toBeUndefined();
    expect(h.vk.calls.some((c) => c.method === 'video.save')).toBe(false);
  }, 90_000);
});
