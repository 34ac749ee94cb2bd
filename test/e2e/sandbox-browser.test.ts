/**
 * The training sandbox, driven through its page only in a real headless
 * Chromium (Debian's, through playwright-core; nothing downloaded): a
 * citizen's VK comment with a photo is routed, drafted, approved and its
 * reply appears in the citizen's pane; then the clock jumps and the curators
 * see a reminder and the duty officers an escalation. Then the trainer resets
 * with staff in MAX, and the same loop is played there through the same page.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { silentLogger } from '../../shared/platform/log.js';
import { sandboxSettingsSchema, startSandbox, type Sandbox } from '../../shared/sandbox/web/sandbox.js';
import { freshRedis } from '../kit/redis.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** A 1×1 PNG: the photo a citizen attaches. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
/** A 2×2 PNG, red over blue: the photo an executor attaches to a draft (another one, to tell them apart). */
const DRAFT_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEUlEQVR4nGP4z8DwnwGMgRQAH+4D/dJQfRoAAAAASUVORK5CYII=', 'base64');

let sandbox: Sandbox;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium); .ci/run does`);
  const redis = await freshRedis();
  sandbox = await startSandbox({
    settings: sandboxSettingsSchema.parse({ OTKLIK_SANDBOX_PORT: '0' }),
    databaseUrl: inject('databaseUrl'),
    redisUrl: redis.url,
    log: silentLogger,
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // Without these, Chromium keeps calling home, and this machine's closed network refuses it many times a second.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${sandbox.url}/`);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
});

const card = (n: number) => page.locator('#messages .msg', { hasText: `Сообщение №${n} ·` }).first();

/** Taps the card's button whose label starts with `label`, as a person in Telegram would, and waits for the card to change. */
async function tap(n: number, label: string) {
  // allTextContents does not wait: after the last tap a card may have no keyboard at all.
  const keyboard = async () => (await card(n).locator('.keyboard').allTextContents()).join('|');
  const before = await keyboard();
  const button = card(n).locator('.keyboard button').filter({ hasText: label }).first();
  await button.click();
  await expect.poll(async () => (await keyboard()) !== before, { timeout: 10_000 }).toBe(true);
}

async function chooseMe(name: string) {
  const value = await page.locator('#me option', { hasText: name }).getAttribute('value');
  await page.selectOption('#me', value!);
}

const tab = (title: string) => page.locator('#chat-tabs button', { hasText: title }).first().click();

async function staffSays(text: string) {
  await page.fill('#staff-text', text);
  await page.click('#staff-send');
}

/** The curator routes card №n from the curators' chat: to the housing department in Zavitinsk, unless the card suggests all that already. */
async function routeCard(n: number) {
  await chooseMe('Иванова Ирина');
  await tab('Кураторы');
  await expect.poll(() => card(n).count(), { timeout: 20_000 }).toBe(1);
  await expect.poll(async () => (await card(n).locator('.keyboard button').allTextContents()).join('|')).toContain('Направить');
  const routeNow = card(n).locator('.keyboard button').filter({ hasText: '✅ Направить' });
  if (!(await routeNow.count())) {
    await tap(n, '🏷 Тема');
    await tap(n, 'Благоустройство');
    await tap(n, '« Назад');
    await tap(n, '📍 Место');
    await tap(n, 'г. Завитинск');
    await tap(n, '🏢 Подразделения');
    await tap(n, 'Отдел ЖКХ');
    await tap(n, '« Назад');
  }
  await tap(n, '✅ Направить');
  await expect.poll(() => card(n).textContent()).toContain('направлено');
}

/** The housing department's executor takes card №n and opens its draft in the private chat by the card's deep link. */
async function takeAndOpenDraft(n: number) {
  await chooseMe('Волкова Мария');
  await tab('Отдел ЖКХ');
  await expect.poll(() => card(n).locator('.keyboard button', { hasText: 'Взять' }).count()).toBeGreaterThan(0);
  await tap(n, '🙋 Взять');
  await expect.poll(() => card(n).locator('.keyboard button', { hasText: 'Подготовить ответ' }).count()).toBeGreaterThan(0);
  await tap(n, '✍️ Подготовить ответ');
  await expect.poll(() => page.locator('#chat-tabs button.active').textContent()).toContain('Личный чат');
  await expect.poll(() => page.locator('#messages .msg', { hasText: `Сообщение №${n}` }).count()).toBeGreaterThan(0);
}

/** The draft's preview for card №n, sent for approval. */
async function submitDraft(n: number) {
  const preview = page.locator('#messages .msg', { hasText: `по сообщению №${n}:` }).last();
  await preview.locator('.keyboard button', { hasText: 'На согласование' }).click();
  await expect.poll(() => page.locator('#messages .msg', { hasText: 'отправлен' }).count()).toBeGreaterThan(0);
}

/** A citizen's VK comment with a photo, routed by the curator, drafted by the executor, approved, answered: every staff step on the page. */
async function playTheLoop() {
  // The citizen comments under the administration's VK post, with a photo.
  await page.check('input[name=kind][value=comment]');
  await page.fill('#citizen-text', 'Во дворе дома 5 по ул. Мира в г. Завитинск третий день не горят фонари, дети ходят в темноте.');
  await page.setInputFiles('#citizen-photo', { name: 'fonar.png', mimeType: 'image/png', buffer: PNG });
  await page.click('#citizen-send');
  await expect.poll(() => page.locator('#threads img').count()).toBe(1);

  // The curator routes it from the card in the curators' chat.
  await routeCard(1);
  await expect.poll(() => card(1).textContent()).toContain('не горят фонари');
  // The exercise is checked from the incident's history, and the page shows it done.
  await expect.poll(() => page.locator('[data-lesson="route"].done').count()).toBe(1);
  expect(await page.locator('[data-lesson="draft-photo"].done').count()).toBe(0);

  // The executor of the housing department takes it and writes the draft in the private chat.
  await takeAndOpenDraft(1);
  await staffSays('Здравствуйте! Фонари во дворе дома 5 по ул. Мира починят завтра до 18:00.');
  await submitDraft(1);

  // The curator approves with one tap; the worker publishes in the same VK thread.
  await chooseMe('Иванова Ирина');
  await tab('Кураторы');
  await expect.poll(() => page.locator('#messages .msg .keyboard button', { hasText: '✅ Утвердить' }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
  await page.locator('#messages .msg .keyboard button', { hasText: '✅ Утвердить' }).first().click();
  await expect.poll(() => page.locator('#threads .cmsg.administration').textContent(), { timeout: 30_000 }).toContain('Фонари во дворе дома 5');
}

describe('the training sandbox in a browser', () => {
  it('plays the whole loop through the page: a VK comment with a photo, routed, drafted, approved, answered', async () => {
    await expect.poll(() => page.locator('#org').textContent()).toContain('Администрация');
    expect(await page.locator('#messenger-name').textContent()).toBe('Telegram');
    await playTheLoop();
  }, 180_000);

  it('jumps the clock: a reminder reaches the curators and an escalation the duty officers', async () => {
    // A message nobody routes.
    await page.selectOption('#citizen-who', { index: 1 });
    await page.check('input[name=kind][value=message]');
    await page.fill('#citizen-text', 'На ул. Садовой в с. Антоновка прорвало трубу, вода заливает дорогу.');
    await page.click('#citizen-send');
    await tab('Кураторы');
    await expect.poll(() => card(2).count(), { timeout: 20_000 }).toBe(1);

    // Time for a reminder: jump to the next planned moment until one is posted.
    const reminder = page.locator('#messages .msg', { hasText: '⏰ Напоминание: сообщение №2' });
    for (let i = 0; i < 6 && !(await reminder.count()); i++) {
      await page.click('[data-jump="next-deadline"]');
      await page.waitForTimeout(1500);
    }
    await expect.poll(() => reminder.count(), { timeout: 20_000 }).toBeGreaterThan(0);

    // Further on, the duty officers hear of the miss.
    await tab('Дежурные');
    const escalation = page.locator('#messages .msg', { hasText: '🚨 Эскалация: сообщение №2' });
    for (let i = 0; i < 8 && !(await escalation.count()); i++) {
      await page.click('[data-jump="next-deadline"]');
      await page.waitForTimeout(1500);
    }
    await expect.poll(() => escalation.count(), { timeout: 20_000 }).toBeGreaterThan(0);
  }, 120_000);

  it('resets with staff in MAX and plays the same loop there, every staff step in the MAX chats', async () => {
    page.once('dialog', (d) => void d.accept());
    await page.selectOption('#messenger', 'max');
    await page.click('#reset');
    await expect.poll(() => page.locator('#messenger-name').textContent(), { timeout: 60_000 }).toBe('MAX');
    // The page says where staff work now, and how one answers the bot there.
    expect(await page.locator('#max-hint').isVisible()).toBe(true);
    await playTheLoop();
    const s = sandbox.session();
    expect(s.messenger).toBe('max');
    // The cards lived in MAX: its curators' group chat holds them, Telegram's nothing.
    expect(s.max!.messages(s.org.chats.curators).some((m) => (m.body.text ?? '').includes('Сообщение №1'))).toBe(true);
    expect(s.telegram.messages(s.org.chats.curators)).toEqual([]);
  }, 240_000);

  it('in MAX, answers the bot\'s question with «↩ Ответить», runs a command and drafts with a photo', async () => {
    // This time the citizen writes to the administration's bot in Telegram, which serves citizens only now.
    await page.click('[data-network="telegram"]');
    await page.fill('#citizen-text', 'На ул. Мира в г. Завитинск у дома 9 не горит фонарь над подъездом.');
    await page.click('#citizen-send');
    await routeCard(2);
    await expect.poll(() => card(2).textContent()).toContain('Telegram');

    // The executor returns it: the bot asks why in the private chat, and MAX opens no reply field by itself.
    await chooseMe('Волкова Мария');
    await tab('Отдел ЖКХ');
    await expect.poll(() => card(2).locator('.keyboard button', { hasText: 'Вернуть' }).count()).toBeGreaterThan(0);
    await card(2).locator('.keyboard button', { hasText: 'Вернуть' }).first().click();
    await tab('Личный чат');
    const question = page.locator('#messages .msg', { hasText: 'Сообщение №2: почему вопрос не в компетенции' }).last();
    await expect.poll(() => question.count()).toBe(1);
    expect(await page.locator('#reply-to').isVisible()).toBe(false);
    await question.locator('.reply-btn').click();
    await expect.poll(() => page.locator('#reply-to').textContent()).toContain('Сообщение №2');
    await staffSays('Фонари над подъездами обслуживает управляющая компания.');
    await expect.poll(() => page.locator('#messages .msg', { hasText: 'возвращено куратору с вашим пояснением' }).count()).toBe(1);
    // The answer quotes the question it answers, as MAX shows a reply.
    await expect.poll(() => page.locator('#messages .msg.mine .quote', { hasText: 'Сообщение №2' }).count()).toBe(1);
    await expect.poll(() => page.locator('[data-lesson="return"].done').count()).toBe(1);

    // A command, typed as in MAX.
    await staffSays('/help');
    await expect.poll(() => page.locator('#messages .msg', { hasText: '/my — что ждёт вас' }).count()).toBeGreaterThan(0);

    // The curator sees the note and routes it again; the executor drafts with a photo (its caption is the text).
    await chooseMe('Иванова Ирина');
    await tab('Кураторы');
    await expect.poll(() => card(2).textContent(), { timeout: 20_000 }).toContain('управляющая компания');
    await routeCard(2);
    await takeAndOpenDraft(2);
    await page.setInputFiles('#staff-photo', { name: 'zamena.png', mimeType: 'image/png', buffer: DRAFT_PNG });
    await page.fill('#staff-text', 'Здравствуйте! Фонарь у дома 9 заменили, фото прилагаем.');
    await page.click('#staff-send');
    await expect.poll(() => page.locator('#messages .msg.mine img').count()).toBeGreaterThan(0);
    await submitDraft(2);
    await expect.poll(() => page.locator('[data-lesson="draft-photo"].done').count()).toBe(1);
    // The draft's photo came back to the page from MAX: the executor's own message shows it, its bytes unchanged.
    const src = await page.locator('#messages .msg.mine img').last().getAttribute('src');
    expect(src).toMatch(/^\/api\/file\?id=/);
    const res = await page.request.get(`${sandbox.url}${src}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('image/png');
    expect(Buffer.from(await res.body()).equals(DRAFT_PNG)).toBe(true);
    // The curators get it under the approval card, sent on by its MAX file (a Telegram citizen's incident: not the citizens' bot's file).
    await chooseMe('Иванова Ирина');
    await tab('Кураторы');
    const album = page.locator('#messages .msg', { hasText: 'Сообщение №2: вложения проекта ответа' }).locator('img');
    await expect.poll(() => album.count(), { timeout: 20_000 }).toBe(1);
    const shown = await page.request.get(`${sandbox.url}${await album.getAttribute('src')}`);
    expect(Buffer.from(await shown.body()).equals(DRAFT_PNG)).toBe(true);
    // The bot's HTML is drawn, as MAX's app draws it: bold and links, no tags or escapes left in the text.
    expect(await page.locator('#messages .msg b').count()).toBeGreaterThan(0);
    expect(await page.locator('#messages').innerText()).not.toMatch(/<\/?(b|i|a|code)\b|&(lt|gt|amp|quot);/);
  }, 240_000);
});
