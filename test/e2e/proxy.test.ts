/**
 * Behind an outbound proxy (issue 20, item 8): with HTTP_PROXY/HTTPS_PROXY in
 * the system's environment, every request to the fake Telegram, VK and OK
 * goes through a local proxy the test starts — the staff bot's and VK's long
 * polling, cards, the executor's photo downloaded from Telegram, the photo
 * uploads to VK and OK and the replies. With NO_PROXY naming the fakes' host the same
 * work reaches them directly and the proxy carries nothing.
 *
 * The fakes run on 127.0.0.1 over http://, so the clients forward each
 * request to the proxy with its absolute URI, and the proxy sees every one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeAsSuggested, writeDraft } from '../../shared/sandbox/demo/flow.js';
import { cardSays, press, until } from '../../shared/sandbox/demo/staff.js';
import { messageNew } from '../../shared/sandbox/fakes/vk-callback.js';
import type { VkSentMessage } from '../../shared/sandbox/fakes/vk.js';
import { testHarness, type TestHarness } from '../kit/harness.js';
import { startTestProxy, type Forwarded, type TestProxy } from '../kit/proxy.js';

const CURATOR = 101;
const ROADS = 201;

const citizenPhoto = (ownerId: number, id: number) => ({
  type: 'photo',
  photo: { id, owner_id: ownerId, access_key: 'c0ffee01', sizes: [{ height: 604, type: 'x', width: 807, url: `https://sun9-2.userapi.com/impg/${id}-x.jpg` }] },
});

/** The card's incident number once the curators' card with `text` is up. */
async function curatorsCard(h: TestHarness, text: string): Promise<number> {
  const card = await until(() => h.telegram.messages(h.org.chats.curators).find((m) => m.text?.includes(text) && m.replyMarkup), 'the curators\' card');
  return Number(/№(\d+)/.exec(card.text!)![1]);
}

/** Routed, drafted with a photo by the roads executor, approved by the curator, published. */
async function answerWithPhoto(h: TestHarness, id: number, text: string, photo: Buffer) {
  await routeAsSuggested(h, id, CURATOR);
  await writeDraft(h, id, ROADS, ROADS, text, { photo });
  await cardSays(h, h.org.chats.curators, id, (t) => t.includes('на согласовании'), 'on approval');
  expect(await press(h, h.org.chats.curators, id, CURATOR, '✅ Утвердить')).toBe('Утверждено — ответ публикуется');
  await cardSays(h, h.org.chats.curators, id, (t) => t.includes('ответ опубликован'), 'the published card');
}

/** A VK private message and an OK chat message, each answered with a photo: every client at work. */
async function answerVkAndOk(h: TestHarness) {
  const vkCitizen = 660001;
  const vkText = 'Яма на дороге в с. Антоновка у магазина, фото прилагаю';
  // Fetched by VK's long poll, so that client's requests are among those the proxy must carry;
  // pushed once the poll has its server, whose ts would otherwise start past the event.
  await h.vk.waitFor((c) => c.method === 'groups.getLongPollServer');
  h.vk.longPoll.push(messageNew({ groupId: h.vk.group.id, fromId: vkCitizen, text: vkText, attachments: [citizenPhoto(vkCitizen, 457239101)] }));
  const vkPicture = Buffer.from('fake-jpeg: яма засыпана, вид от магазина');
  await answerWithPhoto(h, await curatorsCard(h, vkText), 'Здравствуйте! Яму у магазина засыпали сегодня, фото прилагаем.', vkPicture);
  const vkReplies = h.vk.sent.filter((s): s is VkSentMessage => s.kind === 'message' && s.peerId === vkCitizen);
  expect(vkReplies).toHaveLength(1);
  expect(vkReplies[0]!.attachment).toMatch(/^photo-?\d+_\d+/);
  expect(h.vk.uploads.filter((u) => u.bytes.equals(vkPicture))).toHaveLength(1);

  const okCitizen = 575493468851;
  const okText = 'На дороге по ул. Полевой в г. Завитинск выбоины, машины бьют колёса';
  expect((await h.ok.citizenWrites({ userId: okCitizen, name: 'Галина Петрова', text: okText })).statuses).toEqual([200]);
  const okPicture = Buffer.from('fake-jpeg: выбоины заделаны');
  await answerWithPhoto(h, await curatorsCard(h, okText), 'Здравствуйте, Галина! Выбоины на ул. Полевой заделали, фото прилагаем.', okPicture);
  const okReplies = h.ok.sent.filter((s) => s.chatId === h.ok.chatOf(okCitizen));
  expect(okReplies).toHaveLength(1);
  expect(okReplies[0]!.attachments.map((a) => a.bytes?.equals(okPicture))).toEqual([true]);
}

const hostOf = (url: string) => new URL(url).host;

/** How many times each name occurs. */
const tally = (names: readonly string[]) => names.reduce((m, n) => m.set(n, (m.get(n) ?? 0) + 1), new Map<string, number>());

/**
 * The calls a fake recorded that the proxy did not carry, by method: none when
 * every one went through. (The proxy may have carried more — a long poll
 * still open when the fake's log was read.)
 */
function notCarried(recorded: readonly string[], carried: readonly string[]): Record<string, number> {
  const through = tally(carried);
  const missing: Record<string, number> = {};
  for (const [method, n] of tally(recorded)) if (n > (through.get(method) ?? 0)) missing[method] = n - (through.get(method) ?? 0);
  return missing;
}

const methodsBy = (forwarded: readonly Forwarded[], target: string, pattern: RegExp) =>
  forwarded.filter((f) => f.target === target).flatMap((f) => pattern.exec(f.path)?.slice(1, 2) ?? []);

describe('with HTTP_PROXY and HTTPS_PROXY set to a local proxy', () => {
  let proxy: TestProxy;
  let h: TestHarness;
  beforeAll(async () => {
    proxy = await startTestProxy();
    h = await testHarness({ env: { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, VK_TRANSPORT: 'longpoll' } });
  });
  afterAll(async () => {
    await h?.dispose();
    await proxy?.close();
  });

  it('reaches the fake Telegram, VK and OK only through the proxy', async () => {
    await answerVkAndOk(h);
    const telegram = hostOf(h.telegram.apiRoot);
    const vk = hostOf(h.vk.apiBaseUrl);
    const ok = hostOf(h.ok.apiRoot);
    const { forwarded } = proxy;

    const tgMethods = methodsBy(forwarded, telegram, /^\/bot[^/]+\/(?:test\/)?(\w+)$/);
    // The staff bot pulls its updates through the proxy, and the worker sends and edits cards through it.
    expect(tgMethods).toEqual(expect.arrayContaining(['getMe', 'getUpdates', 'sendMessage', 'editMessageText', 'getFile']));
    expect(notCarried(h.telegram.calls.map((c) => c.method), tgMethods)).toEqual({});
    // The executor's photo, downloaded from Telegram's file storage for both replies.
    expect(forwarded.filter((f) => f.target === telegram && f.path.startsWith('/file/bot'))).toHaveLength(2);

    const vkMethods = methodsBy(forwarded, vk, /^\/method\/([\w.]+)$/);
    expect(vkMethods).toEqual(expect.arrayContaining(['groups.getLongPollServer', 'photos.getMessagesUploadServer', 'photos.saveMessagesPhoto', 'messages.send']));
    expect(forwarded.some((f) => f.target === vk && f.path === `/longpoll/${h.vk.group.id}`)).toBe(true);
    expect(notCarried(h.vk.calls.map((c) => c.method), vkMethods)).toEqual({});
    expect(forwarded.filter((f) => f.target === vk && f.method === 'POST' && f.path.startsWith('/upload/'))).toHaveLength(h.vk.uploads.length);

    const okMethods = methodsBy(forwarded, ok, /^\/graph\/me\/(\w+)/);
    expect(okMethods).toEqual(expect.arrayContaining(['subscribe', 'fileUploadUrl', 'messages']));
    expect(notCarried(h.ok.calls.map((c) => c.method), okMethods)).toEqual({});
    expect(forwarded.filter((f) => f.target === ok && f.method === 'POST' && f.path.startsWith('/upload/'))).toHaveLength(h.ok.uploads.length);
    expect(h.ok.uploads.length).toBeGreaterThan(0);

    // Nothing else went through it: only the three networks, nothing tunnelled.
    expect([...proxy.counts().keys()].sort()).toEqual([telegram, vk, ok].sort());
    expect([...proxy.counts().values()].every((c) => c.tunnels === 0)).toBe(true);
  });
});

describe('with NO_PROXY naming the fakes\' host', () => {
  let proxy: TestProxy;
  let h: TestHarness;
  beforeAll(async () => {
    proxy = await startTestProxy();
    h = await testHarness({ env: { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, NO_PROXY: 'localhost, 127.0.0.1', VK_TRANSPORT: 'longpoll' } });
  });
  afterAll(async () => {
    await h?.dispose();
    await proxy?.close();
  });

  it('reaches them directly and the proxy carries nothing', async () => {
    await answerVkAndOk(h);
    expect(h.telegram.calls.some((c) => c.method === 'getUpdates')).toBe(true);
    expect(h.vk.calls.some((c) => c.method === 'messages.send')).toBe(true);
    expect(proxy.counts().size).toBe(0);
  });
});
