/**
 * Issue #17: a typical message is routed in one tap, and in two when the
 * curator changes the suggested department — with an organisation file as a
 * new administration writes it: departments, topics and locations, but no
 * topic mapped to a department and no keywords. The topic comes from the
 * built-in lexicon, the place from the text or the default locality, the
 * department from its name's word family, and then from what the curators
 * chose before. Real system, fake Telegram and VK, driven over HTTP only.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { incidents } from '../../shared/platform/db/schema.js';
import { loadState } from '../../shared/platform/db/events.js';
import { EXAMPLE_ORG } from '../../shared/sandbox/demo/harness.js';
import { postVkCallback, wallReplyNew } from '../../shared/sandbox/fakes/vk-callback.js';
import { buttonsOf, cardIn, cardSays, citizenWrites, press, until } from '../../shared/sandbox/demo/staff.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

const CURATOR = 101;
const ROADS = 201; // Петров Пётр, roads: his cards come to his private chat
const PARKS = 204;

/** The example file with the topic mapping taken out, a third department, and the default locality. */
function bareOrgFile(): string {
  const example = readFileSync(EXAMPLE_ORG, 'utf8');
  const text = example
    .replace('{ id: housing, name: Отдел ЖКХ, chat: -1001000000010, head: 202, topics: [ЖКХ, Благоустройство] }', '{ id: housing, name: Отдел ЖКХ, chat: -1001000000010, head: 202 }')
    .replace('{ id: roads, name: Отдел дорожного хозяйства, topics: [Дороги] }', '{ id: roads, name: Отдел дорожного хозяйства }\n  - { id: parks, name: Отдел благоустройства }')
    .replace('  - { telegramId: 301,', `  - { telegramId: ${PARKS}, name: Орлова Нина, roles: [executor], department: parks }\n  - { telegramId: 301,`)
    .replace('locations: [г. Завитинск, с. Антоновка]', 'locations: [г. Завитинск, с. Антоновка]\ndefaultLocation: г. Завитинск');
  expect(text).not.toMatch(/topics: \[(ЖКХ|Дороги)[^\n]*\] \}/);
  expect(text).not.toMatch(/^topicKeywords:/m); // the example describes it in a comment only
  const dir = mkdtempSync(join(tmpdir(), 'otklik-one-tap-'));
  const path = join(dir, 'org.yaml');
  writeFileSync(path, text);
  return path;
}

let h: TestHarness;
beforeAll(async () => {
  h = await testHarness({ orgPath: bareOrgFile() });
});
afterAll(async () => h?.dispose());

const curators = () => h.org.chats.curators;
const row = async (id: number) => (await h.system.ctx.database.db.select().from(incidents).where(eq(incidents.id, id)))[0]!;
const routedTo = async (id: number) => (await loadState(h.system.ctx.database.db, id))!.routing?.departments;

/** Curator taps on the card, counted: the test asserts how many it took. */
let taps = 0;
async function tap(id: number, label: string, by = CURATOR): Promise<string> {
  taps++;
  return press(h, curators(), id, by, label);
}

async function citizenComments(fromId: number, text: string): Promise<number> {
  await postVkCallback(h.vkWebhookUrl, wallReplyNew({ groupId: h.vk.group.id, secret: h.env.VK_CALLBACK_SECRET!, fromId, postId: 77, text }));
  const card = await until(() => h.telegram.messages(curators()).find((m) => m.text?.includes(text.slice(0, 40)) && m.replyMarkup), 'the comment\'s card');
  return Number(/№(\d+)/.exec(card.text!)![1]);
}

describe('routing in one tap with a bare organisation file', () => {
  it('has no topic mapped to a department and no keywords', () => {
    expect(h.org.departments.every((d) => d.topics === undefined)).toBe(true);
    expect(h.org.topicKeywords).toBeUndefined();
    expect(h.org.defaultLocation).toBe('г. Завитинск');
  });

  it('routes a VK message about a broken traffic light in one tap: topic, default place and department suggested', async () => {
    const id = await citizenWrites(h, 710001, 'Не работает светофор на перекрёстке Ленина и Мира, машины едут как попало');
    const card = cardIn(h, curators(), id)!;
    expect(card.text).toContain('тема: Дороги · место: г. Завитинск · куда: Отдел дорожного хозяйства');
    const first = buttonsOf(h, curators(), id)[0]!;
    expect(first.text).toBe('✅ Направить: Отдел дорожного хозяйства');
    for (const b of buttonsOf(h, curators(), id)) expect(Buffer.byteLength(b.callback_data ?? '')).toBeLessThanOrEqual(64);

    taps = 0;
    expect(await tap(id, '✅ Направить')).toBe('Направлено: Отдел дорожного хозяйства');
    expect(taps).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'routed' });
    expect(await routedTo(id)).toEqual(['roads']);
    await cardSays(h, ROADS, id, (t) => t.includes('направлено исполнителю'), 'the roads executor\'s card');
  });

  it('routes a VK comment about potholes ("ямы") in one tap', async () => {
    const id = await citizenComments(710002, 'Когда уже засыплют ямы? Каждый день по ним езжу');
    expect(cardIn(h, curators(), id)!.text).toContain('тема: Дороги · место: г. Завитинск · куда: Отдел дорожного хозяйства');
    taps = 0;
    expect(await tap(id, '✅ Направить: Отдел дорожного хозяйства')).toBe('Направлено: Отдел дорожного хозяйства');
    expect(taps).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'routed' });
    expect(await routedTo(id)).toEqual(['roads']);
  });

  it('routes in two taps when the curator changes the department, refusing anyone else, and suggests that choice next time', async () => {
    const id = await citizenWrites(h, 710003, 'Третий день не горят фонари на ул. Ленина, дети идут в школу в темноте');
    expect(cardIn(h, curators(), id)!.text).toContain('тема: Благоустройство · место: г. Завитинск · куда: Отдел благоустройства');

    taps = 0;
    expect(await tap(id, '🏢 Подразделения')).toBe('');
    expect(buttonsOf(h, curators(), id).map((b) => b.text)).toEqual([
      'Отдел ЖКХ',
      'Отдел дорожного хозяйства',
      '✓ Отдел благоустройства',
      'Несколько…',
      '« Назад',
    ]);
    // An executor pressing the curators' button changes nothing.
    expect(await press(h, curators(), id, ROADS, 'Отдел дорожного хозяйства')).toBe('Это действие не для вашей роли.');
    expect(await row(id)).toMatchObject({ status: 'detected', version: 1 });

    expect(await tap(id, 'Отдел дорожного хозяйства')).toBe('Направлено: Отдел дорожного хозяйства');
    expect(taps).toBe(2);
    expect(await row(id)).toMatchObject({ status: 'routed' });
    expect(await routedTo(id)).toEqual(['roads']);
    const routed = await cardSays(h, curators(), id, (t) => t.includes('🏢 Отдел дорожного хозяйства'), 'the routed card');
    expect(routed.text).toContain('🏷 Благоустройство · г. Завитинск');

    // The curators sent street lamps to roads: the next message about them is suggested there, one tap again.
    const next = await citizenWrites(h, 710004, 'У школы фонарь не горит уже неделю');
    expect(cardIn(h, curators(), next)!.text).toContain('куда: Отдел дорожного хозяйства');
    taps = 0;
    expect(await tap(next, '✅ Направить: Отдел дорожного хозяйства')).toBe('Направлено: Отдел дорожного хозяйства');
    expect(taps).toBe(1);
  });

  it('routes to several departments behind «Несколько…»', async () => {
    const id = await citizenWrites(h, 710005, 'Прорвало трубу, вода размыла дорогу у дома 3 в с. Антоновка');
    await tap(id, '🏢 Подразделения');
    await tap(id, 'Несколько…');
    const selected = buttonsOf(h, curators(), id).filter((b) => b.text.startsWith('✓ ')).map((b) => b.text);
    for (const name of ['Отдел ЖКХ', 'Отдел дорожного хозяйства']) if (!selected.includes(`✓ ${name}`)) await tap(id, name);
    // Zavitinsk п.16: the parts come in the order the departments were tapped, so the button shows it.
    expect(await tap(id, '✅ Направить: Отдел ЖКХ → Отдел дорожного хозяйства')).toBe('Направлено: Отдел ЖКХ, Отдел дорожного хозяйства');
    expect(new Set(await routedTo(id))).toEqual(new Set(['housing', 'roads']));
  });

  it('opens the missing picker instead of refusing when no topic is known yet', async () => {
    const id = await citizenWrites(h, 710006, 'Здравствуйте, к кому обратиться по поводу справки?');
    expect(cardIn(h, curators(), id)!.text).toContain('тема: не выбрано');
    await tap(id, '🏢 Подразделения');
    expect(await tap(id, 'Отдел ЖКХ')).toBe('Выберите тему — и нажмите «✅ Направить».');
    await until(() => buttonsOf(h, curators(), id).some((b) => b.text === 'ЖКХ'), 'the topics picker');
    expect(await row(id)).toMatchObject({ status: 'detected', version: 1 });
    await tap(id, 'ЖКХ');
    await tap(id, '« Назад');
    expect(await tap(id, '✅ Направить: Отдел ЖКХ')).toBe('Направлено: Отдел ЖКХ');
  });
});
