/**
 * The training sandbox, driven through its page only in a real headless
 * Chromium (Debian's, through playwright-core; nothing downloaded): a
 * citizen's VK comment with a photo is routed, drafted, approved and its
 * reply appears in the citizen's pane; then the clock jumps and the curators
 * see a reminder and the duty officers an escalation.
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

describe('the training sandbox in a browser', () => {
  it('plays the whole loop through the page: a VK comment with a photo, routed, drafted, approved, answered', async () => {
    await expect.poll(() => page.locator('#org').textContent()).toContain('Администрация');

    // The citizen comments under the administration's VK post, with a photo.
    await page.check('input[name=kind][value=comment]');
    await page.fill('#citizen-text', 'Во дворе дома 5 по ул. Мира в г. Завитинск третий день не горят фонари, дети ходят в темноте.');
    await page.setInputFiles('#citizen-photo', { name: 'fonar.png', mimeType: 'image/png', buffer: PNG });
    await page.click('#citizen-send');
    await expect.poll(() => page.locator('#threads img').count()).toBe(1);

    // The curator routes it from the card in the curators' chat.
    await tab('Кураторы');
    await expect.poll(() => card(1).count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => card(1).textContent()).toContain('не горят фонари');
    const routeNow = card(1).locator('.keyboard button').filter({ hasText: '✅ Направить' });
    if (!(await routeNow.count())) {
      await tap(1, '🏷 Тема');
      await tap(1, 'Благоустройство');
      await tap(1, '« Назад');
      await tap(1, '📍 Место');
      await tap(1, 'г. Завитинск');
      await tap(1, '🏢 Подразделения');
      await tap(1, 'Отдел ЖКХ');
      await tap(1, '« Назад');
    }
    await tap(1, '✅ Направить');
    await expect.poll(() => card(1).textContent()).toContain('направлено');
    // The exercise is checked from the incident's history, and the page shows it done.
    await expect.poll(() => page.locator('[data-lesson="route"].done').count()).toBe(1);
    expect(await page.locator('[data-lesson="draft-photo"].done').count()).toBe(0);

    // The executor of the housing department takes it and writes the draft in the private chat.
    await chooseMe('Волкова Мария');
    await tab('Отдел ЖКХ');
    await expect.poll(() => card(1).locator('.keyboard button', { hasText: 'Взять' }).count()).toBeGreaterThan(0);
    await tap(1, '🙋 Взять');
    await expect.poll(() => card(1).locator('.keyboard button', { hasText: 'Подготовить ответ' }).count()).toBeGreaterThan(0);
    await tap(1, '✍️ Подготовить ответ');
    await expect.poll(() => page.locator('#chat-tabs button.active').textContent()).toContain('Личный чат');
    await expect.poll(() => page.locator('#messages .msg', { hasText: 'Сообщение №1' }).count()).toBeGreaterThan(0);
    const reply = 'Здравствуйте! Фонари во дворе дома 5 по ул. Мира починят завтра до 18:00.';
    await staffSays(reply);
    const preview = page.locator('#messages .msg', { hasText: 'по сообщению №1:' }).last();
    await preview.locator('.keyboard button', { hasText: 'На согласование' }).click();
    await expect.poll(() => page.locator('#messages .msg', { hasText: 'отправлен' }).count()).toBeGreaterThan(0);

    // The curator approves with one tap; the worker publishes in the same VK thread.
    await chooseMe('Иванова Ирина');
    await tab('Кураторы');
    await expect.poll(() => page.locator('#messages .msg .keyboard button', { hasText: '✅ Утвердить' }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.locator('#messages .msg .keyboard button', { hasText: '✅ Утвердить' }).first().click();
    await expect.poll(() => page.locator('#threads .cmsg.administration').textContent(), { timeout: 30_000 }).toContain('Фонари во дворе дома 5');
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
});
