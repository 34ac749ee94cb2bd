/**
 * Staff see what the citizen sent and what will be published: a citizen's VK
 * photos arrive under the card in the curators' chat as an album (replying to
 * the card) and follow the incident to the executor's chat; a draft's photo
 * goes to the approver with the approval card; erasing the author withdraws
 * the album — deleted, or edited to a placeholder when Telegram no longer
 * lets the bot delete it (48 hours in a group).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraseAuthor } from '../../shared/flows/privacy/index.js';
import { routeAsSuggested, writeDraft } from '../../shared/sandbox/demo/flow.js';
import { cardIn, cardSays, until } from '../../shared/sandbox/demo/staff.js';
import { messageNew, postVkCallback } from '../../shared/sandbox/fakes/vk-callback.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

let h: TestHarness;
const CURATOR = 101;
const ROADS = 201; // Петров Пётр: roads has no chat, so his private chat gets the card

beforeAll(async () => {
  h = await testHarness();
});
afterAll(async () => h?.dispose());

const vkPhoto = (n: number) => ({
  type: 'photo',
  photo: { id: 457239000 + n, owner_id: 650100, sizes: [{ type: 's', url: `https://sun9-1.userapi.com/s${n}.jpg`, width: 75, height: 56 }, { type: 'x', url: `https://sun9-1.userapi.com/yama-${n}.jpg`, width: 604, height: 453 }] },
});

/** A VK citizen writes with photos; resolves with the incident's number once its curators' card is up. */
async function writesWithPhotos(fromId: number, text: string, photos: number): Promise<number> {
  const event = messageNew({ groupId: h.vk.group.id, secret: h.env.VK_CALLBACK_SECRET!, fromId, text, attachments: Array.from({ length: photos }, (_, i) => vkPhoto(i + 1)) });
  await postVkCallback(h.vkWebhookUrl, event);
  const card = await until(() => h.telegram.messages(h.org.chats.curators).find((m) => m.text?.includes(text.slice(0, 40)) && m.replyMarkup), 'the card');
  return Number(/№(\d+)/.exec(card.text!)![1]);
}

const albumIn = (chat: number, id: number, what = 'вложения автора') =>
  h.telegram.messages(chat).filter((m) => m.photo && (m.caption?.includes(`№${id}: ${what}`) || h.telegram.messages(chat).some((c) => c.caption?.includes(`№${id}: ${what}`) && c.raw.media_group_id !== undefined && c.raw.media_group_id === m.raw.media_group_id)));

describe('the citizen\'s photos', () => {
  it('appear under the card in the curators\' chat and follow the incident to the executor', async () => {
    const id = await writesWithPhotos(650101, 'Огромная яма на дороге в с. Антоновка у школы, фото прилагаю', 2);
    const curators = h.org.chats.curators;
    const card = cardIn(h, curators, id)!;
    expect(card.text).toContain('📎 Вложения: 2');

    const album = await until(() => (albumIn(curators, id).length === 2 ? albumIn(curators, id) : undefined), 'the album in the curators\' chat');
    expect(album.every((m) => m.replyTo === card.id)).toBe(true);
    // Sent by the network's URL: the widest size of each VK photo.
    const sent = h.telegram.calls.filter((c) => c.method === 'sendMediaGroup');
    expect(JSON.stringify(sent.at(-1)!.params)).toContain('yama-1.jpg');
    expect(JSON.stringify(sent.at(-1)!.params)).toContain('yama-2.jpg');

    await routeAsSuggested(h, id, CURATOR);
    await cardSays(h, ROADS, id, (t) => t.includes('направлено исполнителю'), 'the executor\'s card');
    const there = await until(() => (albumIn(ROADS, id).length === 2 ? albumIn(ROADS, id) : undefined), 'the album in the executor\'s chat');
    expect(there.every((m) => m.replyTo === cardIn(h, ROADS, id)!.id)).toBe(true);
    // Once each: refreshes of the card do not send the album again.
    await cardSays(h, curators, id, (t) => t.includes('направлено исполнителю'), 'the routed card');
    expect(albumIn(curators, id)).toHaveLength(2);
  });

  it('are withdrawn when the author\'s data is erased: deleted, or replaced by a placeholder once too old to delete', async () => {
    const curators = h.org.chats.curators;
    const deleted = await writesWithPhotos(650102, 'Сломана скамейка в парке, вот фото', 1);
    const kept = await writesWithPhotos(650103, 'Упало дерево на детской площадке, фото', 1);
    await until(() => albumIn(curators, deleted).length === 1, 'the first photo');
    const old = await until(() => albumIn(curators, kept)[0], 'the second photo');

    await eraseAuthor(h.system.ctx, { network: 'vk', authorId: '650102' }, { actor: 'test' });
    await until(() => albumIn(curators, deleted).length === 0, 'the photo deleted');

    // Telegram refuses to delete a group message older than 48 hours: the photo is edited instead.
    h.telegram.failNext('deleteMessage', { error_code: 400, description: "Bad Request: message can't be deleted for everyone" });
    await eraseAuthor(h.system.ctx, { network: 'vk', authorId: '650103' }, { actor: 'test' });
    const placeholder = await until(() => {
      const m = h.telegram.messages(curators).find((x) => x.id === old.id);
      return m?.caption?.includes('Вложение удалено') ? m : undefined;
    }, 'the placeholder');
    expect(placeholder.photo).toBeTruthy();
    expect(placeholder.caption).not.toContain('№'); // nothing of the original caption is left
  });
});

describe('the draft\'s photo', () => {
  it('goes to the approver with the approval card', async () => {
    const id = await writesWithPhotos(650104, 'Не убран снег на остановке у дороги в г. Завитинск', 0);
    await routeAsSuggested(h, id, CURATOR);
    await writeDraft(h, id, ROADS, ROADS, 'Здравствуйте! Снег убрали, фото прилагаем.', { photo: Buffer.from('jpeg-bytes-of-the-cleared-stop') });
    const curators = h.org.chats.curators;
    const card = await cardSays(h, curators, id, (t) => t.includes('на согласовании'), 'the approval card');
    const photo = await until(() => albumIn(curators, id, 'вложения проекта ответа')[0], 'the draft\'s photo in the approver\'s chat');
    expect(photo.caption).toContain('версия 1');
    expect(photo.replyTo).toBe(card.id);
    // The approver's file is the executor's own photo, by the staff bot's file id.
    const sent = h.telegram.calls.filter((c) => c.method === 'sendPhoto').at(-1)!;
    expect(h.telegram.file(String(sent.params.photo))?.bytes.toString()).toBe('jpeg-bytes-of-the-cleared-stop');
  });
});
