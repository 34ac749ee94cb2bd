/**
 * sobolevo-2021 п.23: «количество освещенных в средствах массовой информации и
 * социальных сетях региона успешных практик решения проблем граждан …
 * учитываются при оценке эффективности». After the answer is out, the curator
 * marks the message «🌟 История успеха» on its card and gives the link in the
 * private chat; the card and «Ход работы» show it, the quarterly report counts
 * it (caption and workbook); a mistaken mark is taken off. A profile without
 * the clause offers no such button.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ORG, type Harness } from '../../shared/sandbox/demo/harness.js';
import { routeAsSuggested, writeDraft } from '../../shared/sandbox/demo/flow.js';
import { buttonsOf, cardSays, citizenWrites, press, until } from '../../shared/sandbox/demo/staff.js';
import { loadState } from '../../shared/platform/db/events.js';
import { buildReportData } from '../../shared/flows/reports/build.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

const CURATOR = 101;
const HEAD = 301;
const ROADS = 201;
const LINK = 'https://vk.com/wall-123456_789';

function orgWith(profile: string, timezone: string): string {
  const text = readFileSync(EXAMPLE_ORG, 'utf8').replace(/^profile: .*$/m, `profile: ${profile}`).replace(/^timezone: .*$/m, `timezone: ${timezone}`);
  const path = join(mkdtempSync(join(tmpdir(), 'otklik-org-')), 'org.yaml');
  writeFileSync(path, text);
  return path;
}

/** A roads message answered under the profile: routed, drafted, approved by whoever approves, published on VK. */
async function answered(h: Harness, from: number, text: string, approverChat: number, approver: number): Promise<number> {
  const id = await citizenWrites(h, from, text);
  await routeAsSuggested(h, id, CURATOR);
  await writeDraft(h, id, ROADS, ROADS, 'Здравствуйте! Яму засыпали сегодня, спасибо за сигнал.');
  await cardSays(h, approverChat, id, (t) => t.includes('на согласовании'), 'the draft on approval');
  await press(h, approverChat, id, approver, '✅ Утвердить');
  await until(async () => (await loadState(h.system.ctx.database.db, id))?.status === 'answered', 'answered');
  return id;
}

async function ask(h: Harness, chatId: number, from: number, text: string) {
  const before = h.telegram.messages(chatId).length;
  h.telegram.injectMessage({ chatId, from, text });
  return until(() => h.telegram.messages(chatId).slice(before).find((m) => m.fromBot), `the reply to ${text}`);
}

describe('sobolevo-2021: a success story covered in the media (п.23)', () => {
  let h: TestHarness;
  let marked = 0;
  beforeAll(async () => {
    h = await testHarness({ orgPath: orgWith('sobolevo-2021', 'Asia/Kamchatka') });
  });
  afterAll(async () => h?.dispose());

  it('is marked by the curator with the link, shown on the card and in the story, and counted in the quarterly report', async () => {
    const curators = h.org.chats.curators;
    const heads = h.org.chats.heads;
    const id = await answered(h, 720001, 'Яма на дороге в с. Антоновка у школы', heads, HEAD);
    marked = id;
    await until(() => buttonsOf(h, curators, id).some((b) => b.text === '🌟 История успеха'), 'the success story button');
    // An executor's press is refused before anything is asked.
    expect(await press(h, curators, id, ROADS, '🌟 История успеха')).toBe('Это действие не для вашей роли.');

    const before = h.telegram.messages(CURATOR).length;
    await press(h, curators, id, CURATOR, '🌟 История успеха');
    const prompt = await until(() => h.telegram.messages(CURATOR).slice(before).find((m) => m.fromBot && m.text?.startsWith(`🌟 Сообщение №${id}`)), 'the question in private');
    h.telegram.injectMessage({ chatId: CURATOR, from: CURATOR, text: LINK, replyTo: prompt.id });
    await until(() => h.telegram.messages(CURATOR).find((m) => m.text === `🌟 Сообщение №${id} отмечено как история успеха.`), 'the confirmation');

    await cardSays(h, curators, id, (t) => t.includes(`🌟 История успеха: ${LINK}`), 'the mark on the card');
    const state = (await loadState(h.system.ctx.database.db, id))!;
    expect(state.successStory).toMatchObject({ link: LINK, by: { role: 'curator', userId: CURATOR } });
    expect(state.status).toBe('answered');
    // The curator still closes it; the mark can be taken off from now on.
    expect(buttonsOf(h, curators, id).map((b) => b.text)).toContain('✖️ Снять «Историю успеха»');

    // «Ход работы» names the step.
    const storyBefore = h.telegram.messages(curators).length;
    await press(h, curators, id, CURATOR, '🗂 Ход работы');
    const story = await until(() => h.telegram.messages(curators).slice(storyBefore).find((m) => m.text?.includes('ход работы')), 'the story');
    expect(story.text).toContain(`Иванова Ирина: история успеха — ${LINK}`);

    // The quarter's report: the caption and the workbook count it.
    const today = DateTime.now().setZone(h.org.timezone).toFormat('dd.MM.yyyy');
    const sent = h.telegram.messages(heads).length;
    await ask(h, heads, HEAD, `/report quarter ${today}`);
    const [photo, doc] = await until(() => {
      const files = h.telegram.messages(heads).slice(sent).filter((m) => m.photo || m.document);
      return files.length >= 2 ? files : null;
    }, 'the chart and the workbook');
    expect(photo!.caption).toContain('Историй успеха, освещённых в СМИ и соцсетях: 1.');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(h.telegram.file(doc!.document!.file_id)!.bytes as unknown as ArrayBuffer);
    const rows = (wb.getWorksheet('Сводка')!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => [r[1], r[2]]);
    expect(rows).toContainEqual(['Историй успеха в СМИ и соцсетях (п.23)', 1]);
    expect(rows).toContainEqual([`История успеха: сообщение №${id}`, LINK]);
  });

  it('is taken off by the head when it was a mistake, and the report no longer counts it', async () => {
    const curators = h.org.chats.curators;
    const id = marked;
    expect(await press(h, curators, id, HEAD, '✖️ Снять «Историю успеха»')).toBe('Отметка «История успеха» снята');
    await cardSays(h, curators, id, (t) => !t.includes('🌟 История успеха:'), 'the mark gone from the card');
    await until(() => buttonsOf(h, curators, id).some((b) => b.text === '🌟 История успеха'), 'the button back');
    const now = new Date();
    const period = { kind: 'custom' as const, from: new Date(now.getTime() - 3600_000), to: new Date(now.getTime() + 3600_000), timezone: h.org.timezone };
    const { ctx } = h.system;
    const data = await buildReportData({ db: ctx.database.db, org: h.org, profile: ctx.profile, workTime: ctx.workTime }, period, new Date(now.getTime() + 60_000));
    expect(data.successStories).toEqual({ count: 0, items: [] });
  });
});

describe('a profile without п.23', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await testHarness({ orgPath: orgWith('zavitinsk-2020', 'Asia/Yakutsk') });
  });
  afterAll(async () => h?.dispose());

  it('offers no success story button and counts none', async () => {
    const curators = h.org.chats.curators;
    const id = await answered(h, 720101, 'Яма на дороге в с. Антоновка у клуба', curators, CURATOR);
    await until(() => buttonsOf(h, curators, id).some((b) => b.text === '🟢 Закрыть: решено'), 'the closing buttons');
    expect(buttonsOf(h, curators, id).map((b) => b.text)).not.toContain('🌟 История успеха');
    const now = new Date();
    const period = { kind: 'custom' as const, from: new Date(now.getTime() - 3600_000), to: new Date(now.getTime() + 3600_000), timezone: h.org.timezone };
    const { ctx } = h.system;
    const data = await buildReportData({ db: ctx.database.db, org: h.org, profile: ctx.profile, workTime: ctx.workTime }, period, new Date(now.getTime() + 60_000));
    expect(data.successStories).toBeNull();
  });
});
