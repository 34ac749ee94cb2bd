/**
 * Issue 19, end to end through the fake Telegram and VK with real PostgreSQL
 * and Redis: a message outside the competence forwarded to ЦУР (severny-2022)
 * is counted as forwarded, not rejected; a reject reason outside the
 * profile's list is refused; the weekly report and an immediate report reach
 * the chats the organisation file names (ivanovo-2020); a citizen's rating of
 * the answer on VK is captured and shown on the card (kamchatka-ias-2021).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { eq } from 'drizzle-orm';
import { EXAMPLE_ORG } from '../../shared/sandbox/demo/harness.js';
import { routeAsSuggested, writeDraft } from '../../shared/sandbox/demo/flow.js';
import { buttonsOf, cardSays, citizenWrites, press, until } from '../../shared/sandbox/demo/staff.js';
import { incidents } from '../../shared/platform/db/schema.js';
import { messageNew, postVkCallback } from '../../shared/sandbox/fakes/vk-callback.js';
import { loadState } from '../../shared/platform/db/events.js';
import { runCommand } from '../../shared/flows/command/run.js';
import { buildReportData } from '../../shared/flows/reports/build.js';
import { reportTick } from '../../shared/flows/reports/tick.js';
import { deliverDeficiencies } from '../../shared/flows/reports/deficiencies.js';
import { testHarness, type TestHarness as Harness } from '../kit/harness.js';
import { publicBotOrgPath, roadMessageOnApproval } from '../kit/telegram-citizens.js';

const CURATOR = 101;
const ROADS = 201;

/** The example organisation under another profile, with more of the file appended. */
function orgWith(profile: string, timezone: string, extra = ''): string {
  const text = readFileSync(EXAMPLE_ORG, 'utf8').replace(/^profile: .*$/m, `profile: ${profile}`).replace(/^timezone: .*$/m, `timezone: ${timezone}`);
  const path = join(mkdtempSync(join(tmpdir(), 'otklik-org-')), 'org.yaml');
  writeFileSync(path, `${text}\n${extra}`);
  return path;
}

const statusOf = async (h: Harness, id: number) => (await h.system.ctx.database.db.select().from(incidents).where(eq(incidents.id, id)))[0]!.status;

/** The curator answers the bot's question in their private chat. */
async function answerInPrivate(h: Harness, userId: number, text: string, asked: (t: string) => boolean) {
  await until(() => h.telegram.messages(userId).find((m) => m.fromBot && m.text && asked(m.text)), 'the question in private');
  h.telegram.injectMessage({ chatId: userId, from: userId, text });
}

describe('severny-2022: forwarding to ЦУР is not a rejection (п.6); rejection reasons are the profile\'s (п.15)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await testHarness({ orgPath: orgWith('severny-2022', 'Asia/Novosibirsk') });
  });
  afterAll(async () => h?.dispose());

  it('forwards a message outside the district\'s competence to ЦУР НСО with the reason; the report counts it as forwarded', async () => {
    const curators = h.org.chats.curators;
    const id = await citizenWrites(h, 710001, 'Когда отремонтируют региональную трассу Северное — Куйбышев?');
    expect(await press(h, curators, id, CURATOR, '↪️ Переслать')).toBe('');
    await until(() => buttonsOf(h, curators, id).some((b) => b.text === '↪️ ЦУР НСО'), 'the bodies to forward to');
    expect(buttonsOf(h, curators, id).map((b) => b.text)).toContain('✍️ Другой орган…');
    await press(h, curators, id, CURATOR, '↪️ ЦУР НСО');
    await answerInPrivate(h, CURATOR, 'Региональная дорога, не в компетенции района', (t) => t.includes(`№${id} → ЦУР НСО`));
    await until(async () => (await statusOf(h, id)) === 'forwarded', 'forwarded');
    await cardSays(h, curators, id, (t) => t.includes('Переслано по компетенции: ЦУР НСО — «Региональная дорога, не в компетенции района»'), 'the card says where');
    expect(buttonsOf(h, curators, id)).toEqual([]);

    // Another message rejected, for comparison: counted apart.
    const other = await citizenWrites(h, 710002, 'Оскорбительное сообщение в адрес главы района, без вопроса');
    await press(h, curators, other, CURATOR, '🚫 Не подлежит обработке');
    await until(() => buttonsOf(h, curators, other).some((b) => b.text.startsWith('Нецензурная брань')), 'the reject menu');
    await press(h, curators, other, CURATOR, 'Оскорбления');
    await until(async () => (await statusOf(h, other)) === 'rejected', 'rejected');

    const now = new Date();
    const period = { kind: 'custom' as const, from: new Date(now.getTime() - 3600_000), to: new Date(now.getTime() + 3600_000), timezone: h.org.timezone };
    const { db } = h.system.ctx.database;
    const data = await buildReportData({ db, org: h.org, profile: h.system.ctx.profile, workTime: h.system.ctx.workTime }, period, new Date(now.getTime() + 60_000));
    expect(data.forwarded).toEqual({ total: 1, byBody: [{ key: 'ЦУР НСО', count: 1 }] });
    expect(data.rejected).toBe(1);
    // The 30-working-minute window of п.6 was used in time.
    const state = (await loadState(db, id))!;
    expect(state.forwarding).toMatchObject({ body: { id: 'cur-nso', name: 'ЦУР НСО' }, replyToCitizen: false });
    expect(data.onTime.byStage.find((s) => s.stage === 'return')).toMatchObject({ judged: 1, onTime: 1 });
  });

  it('shows the profile\'s reasons in the reject menu and refuses a reason outside the list', async () => {
    const curators = h.org.chats.curators;
    const id = await citizenWrites(h, 710003, 'Сообщение с угрозами, проверка перечня причин');
    await press(h, curators, id, CURATOR, '🚫 Не подлежит обработке');
    const menu = await until(() => {
      const texts = buttonsOf(h, curators, id).map((b) => b.text);
      return texts.includes('Оскорбления') ? texts : null;
    }, 'the reject menu');
    expect(menu).toEqual([
      'Намерение причинить вред другому лицу',
      'Нецензурная брань',
      'Оскорбления',
      'Угрозы жизни, здоровью, имуществу должностного лица или его семьи',
      '« Назад',
    ]);
    // Sobolevo's wording and "other" are not Severny's: refused by the workflow, nothing changes.
    const state = (await loadState(h.system.ctx.database.db, id))!;
    const actor = { role: 'curator' as const, userId: CURATOR };
    const refused = await runCommand(h.system.ctx, id, actor, { type: 'reject', expectedVersion: state.version, reason: 'threat_life_health' });
    expect(refused).toMatchObject({ ok: false, reason: 'invalid', message: 'reason_not_in_profile' });
    const other = await runCommand(h.system.ctx, id, actor, { type: 'reject', expectedVersion: state.version, reason: 'other', note: 'Спам' });
    expect(other).toMatchObject({ ok: false, message: 'reason_not_in_profile' });
    expect(await statusOf(h, id)).toBe('detected');
  });
});

describe('ivanovo-2020: the weekly report, immediate reports and deficiencies reach the chats the organisation file names (п.20–21)', () => {
  const DEPUTY = -1001000000101; // the deputy chairman of the government: the weekly report
  const GOVERNOR = -1001000000102; // the Governor: immediate reports
  const ROADS_DEPUTY = -1001000000103; // the deputy chairman supervising roads: their deficiencies
  let h: Harness;
  beforeAll(async () => {
    const reports = [
      'reports:',
      `  week: [${DEPUTY}]`,
      `  immediate: [${GOVERNOR}]`,
      '  supervisors:',
      `    - { name: Заместитель председателя по дорожному хозяйству, chat: ${ROADS_DEPUTY}, departments: [roads] }`,
    ].join('\n');
    h = await testHarness({ orgPath: orgWith('ivanovo-2020', 'Europe/Moscow', reports) });
  });
  afterAll(async () => h?.dispose());

  it('sends the weekly report to the deputy chairman, a significant message to the Governor, nothing of either to the heads\' chat', async () => {
    const heads = h.org.chats.heads;
    const curators = h.org.chats.curators;
    // Roads only, so the suggestion routes it to the roads department, whose supervisor hears of its misses below.
    const id = await citizenWrites(h, 720001, 'Провал асфальта на дороге в с. Антоновка, вся улица перекрыта');
    await press(h, curators, id, CURATOR, '⚠️ Общественно значимое');
    await routeAsSuggested(h, id, CURATOR);
    const alert = await until(
      () => h.telegram.messages(GOVERNOR).find((m) => m.text?.startsWith(`❗️ Общественно значимое сообщение №${id} `)),
      'the immediate report to the Governor',
    );
    expect(alert.text).toContain('перекрыта');

    const monday = DateTime.now().setZone(h.org.timezone).startOf('week').plus({ weeks: 1, hours: 9, minutes: 5 });
    expect(await reportTick(h.system.ctx, monday.toJSDate())).toContain('week report queued');
    const sent = await until(() => {
      const files = h.telegram.messages(DEPUTY).filter((m) => m.photo || m.document);
      return files.length >= 2 ? files : null;
    }, 'the weekly report to the deputy chairman');
    expect(sent[0]!.caption).toContain('Неделя');
    expect(h.telegram.messages(heads).filter((m) => m.photo || m.document || m.text?.includes('Общественно значимое'))).toEqual([]);
    expect(h.telegram.messages(GOVERNOR).filter((m) => m.photo || m.document)).toEqual([]);

    // Thirty days on the routed incident's roads stages are missed: the roads deputy hears of them.
    const later = new Date(Date.now() + 30 * 24 * 3600_000);
    const window = { from: Date.now() - 24 * 3600_000, to: later.getTime(), day: '2026-02-02' };
    expect(await deliverDeficiencies(h.system.ctx, window, later, ROADS_DEPUTY)).toMatch(/^deficiencies of 2026-02-02: \d+$/);
    const deficiencies = await until(
      () => h.telegram.messages(ROADS_DEPUTY).find((m) => m.text?.startsWith('📋 Недостатки за 02.02.2026')),
      'the roads deputy\'s deficiencies',
      60_000,
    );
    expect(deficiencies.text).toContain(`№${id} ·`);
    expect(deficiencies.text).toContain('Отдел дорожного хозяйства');
  });
});

describe('kamchatka-ias-2021: the citizen rates the answer (2.7, an interpretation)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await testHarness({ orgPath: orgWith('kamchatka-ias-2021', 'Asia/Kamchatka') });
  });
  afterAll(async () => h?.dispose());

  it('captures a rating replied on VK after the answer, shows it on the card, opens no new incident and counts it', async () => {
    const curators = h.org.chats.curators;
    const id = await citizenWrites(h, 730001, 'Яма на дороге в с. Антоновка у школы, никто не засыпает');
    await routeAsSuggested(h, id, CURATOR);
    await writeDraft(h, id, ROADS, ROADS, 'Здравствуйте! Яма засыпана и заасфальтирована.', { photo: Buffer.from('89504e470d0a1a0a', 'hex') });
    const approver = h.system.ctx.rules.approver === 'head' ? h.org.chats.heads : curators;
    await cardSays(h, approver, id, (t) => t.includes('Проект ответа'), 'the draft on approval');
    await press(h, approver, id, approver === curators ? CURATOR : 301, '✅ Утвердить');
    await until(async () => ['answered', 'closed'].includes(await statusOf(h, id)), 'the answer published');

    const before = (await h.system.ctx.database.db.select().from(incidents)).length;
    await postVkCallback(h.vkWebhookUrl, messageNew({ groupId: h.vk.group.id, secret: h.env.VK_CALLBACK_SECRET!, fromId: 730001, text: '4 из 5' }));
    await until(async () => (await loadState(h.system.ctx.database.db, id))!.rating !== null, 'the rating recorded');
    expect((await loadState(h.system.ctx.database.db, id))!.rating).toMatchObject({ score: 4 });
    await cardSays(h, curators, id, (t) => t.includes('Оценка автора: 4 из 5'), 'the rating on the card');
    expect((await h.system.ctx.database.db.select().from(incidents)).length).toBe(before);

    const now = new Date();
    const period = { kind: 'custom' as const, from: new Date(now.getTime() - 3600_000), to: new Date(now.getTime() + 3600_000), timezone: h.org.timezone };
    const { db } = h.system.ctx.database;
    const data = await buildReportData({ db, org: h.org, profile: h.system.ctx.profile, workTime: h.system.ctx.workTime }, period, new Date(now.getTime() + 60_000));
    expect(data.ratings).toEqual({ count: 1, average: 4 });
  });
});

describe('kamchatka-ias-2021: the citizen rates the answer with a Telegram button', () => {
  const CITIZEN = 740_001;
  let h: Harness;
  beforeAll(async () => {
    const path = publicBotOrgPath();
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^profile: .*$/m, 'profile: kamchatka-ias-2021').replace(/^timezone: .*$/m, 'timezone: Asia/Kamchatka'));
    h = await testHarness({ orgPath: path });
  });
  afterAll(async () => h?.dispose());

  it('puts 1–5 buttons under the answer; the author\'s press is recorded and shown, another person\'s is not', async () => {
    const id = await roadMessageOnApproval(h, CITIZEN, 'Яма на дороге в с. Антоновка у почты, когда засыплют?', 'Здравствуйте! Яму засыпали сегодня.');
    const byHead = h.system.ctx.rules.approver === 'head';
    await press(h, byHead ? h.org.chats.heads : h.org.chats.curators, id, byHead ? 301 : CURATOR, '✅ Утвердить');
    const reply = await until(() => h.telegram.messages(CITIZEN).find((m) => m.fromBot && m.text?.includes('Яму засыпали')), 'the answer');
    const buttons = (reply.replyMarkup as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> }).inline_keyboard.flat();
    expect(buttons.map((b) => b.text)).toEqual(['1 ⭐', '2 ⭐', '3 ⭐', '4 ⭐', '5 ⭐']);
    await until(async () => (await statusOf(h, id)) === 'answered', 'answered');

    const stranger = h.telegram.injectCallbackQuery({ chatId: CITIZEN, messageId: reply.id, from: CITIZEN + 1, data: buttons[0]!.callback_data });
    expect((await until(() => h.telegram.callbackAnswer(stranger), 'the stranger answered')).text).toBe('Оценить ответ может только автор сообщения.');
    const pressed = h.telegram.injectCallbackQuery({ chatId: CITIZEN, messageId: reply.id, from: CITIZEN, data: buttons[4]!.callback_data });
    expect((await until(() => h.telegram.callbackAnswer(pressed), 'the author answered')).text).toBe('Спасибо! Ваша оценка — 5 из 5.');
    expect((await loadState(h.system.ctx.database.db, id))!.rating).toMatchObject({ score: 5 });
    await cardSays(h, h.org.chats.curators, id, (t) => t.includes('⭐⭐⭐⭐⭐ Оценка автора: 5 из 5'), 'the rating on the card');
  });
});

describe('a profile that asks for it tells the citizen where the message was forwarded', () => {
  let h: Harness;
  beforeAll(async () => {
    const overrides = ['profileOverrides:', '  forwarding:', '    replyToCitizen: true'].join('\n');
    h = await testHarness({ orgPath: orgWith('zavitinsk-2020', 'Asia/Yakutsk', overrides) });
  });
  afterAll(async () => h?.dispose());

  it('forwards to a body typed in by the curator and replies on VK naming it, once', async () => {
    const curators = h.org.chats.curators;
    const id = await citizenWrites(h, 750001, 'Когда поставят на кадастровый учёт наш участок в г. Завитинск?');
    await press(h, curators, id, CURATOR, '↪️ Переслать');
    await until(() => buttonsOf(h, curators, id).some((b) => b.text === '✍️ Другой орган…'), 'the forward menu');
    await press(h, curators, id, CURATOR, '✍️ Другой орган…');
    await answerInPrivate(h, CURATOR, 'Управление Росреестра по Амурской области\nКадастровый учёт — полномочие Росреестра', (t) => t.includes(`№${id}: куда переслать?`));
    await until(async () => (await statusOf(h, id)) === 'forwarded', 'forwarded');
    expect((await loadState(h.system.ctx.database.db, id))!.forwarding).toMatchObject({
      body: { id: null, name: 'Управление Росреестра по Амурской области' },
      reason: 'Кадастровый учёт — полномочие Росреестра',
      replyToCitizen: true,
    });
    const notice = await until(() => h.vk.sent.find((s) => s.kind === 'message' && s.peerId === 750001), 'the reply on VK');
    expect(notice.text).toContain('передали его по компетенции: Управление Росреестра по Амурской области');
    await cardSays(h, curators, id, (t) => t.includes('Переслано по компетенции: Управление Росреестра по Амурской области'), 'the card');
    expect(h.vk.sent.filter((s) => s.kind === 'message' && s.peerId === 750001)).toHaveLength(1);
  });
});
