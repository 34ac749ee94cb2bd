/**
 * Telegram with less personal data (issue 22): with `privacy.staffSeesAuthor: false` a VK
 * citizen's private message and comment go the whole way — carded, routed, drafted, approved,
 * published — and a report is delivered, and not one request the staff bot made to Telegram
 * (texts, captions, keyboards, uploaded files, the workbook's cells) carries the citizen's name,
 * screen name, profile link or the dialog link with their id; the text they wrote is on the card,
 * the public comment's link stays, and the reply still reaches them on VK. A template's {имя}
 * stays unfilled in the executor's draft, and /privacy export sends no file.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { eq } from 'drizzle-orm';
import { incidents } from '../../shared/platform/db/schema.js';
import { routeAsSuggested, saveTemplate, writeDraft, writeDraftFromTemplate } from '../../shared/sandbox/demo/flow.js';
import { cardSays, press, until } from '../../shared/sandbox/demo/staff.js';
import { messageNew, postVkCallback, wallReplyNew } from '../../shared/sandbox/fakes/vk-callback.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

const CURATOR = 101;
const ROADS = 201;
const HEAD = 301;
const CITIZEN = 640017;
const FIRST = 'Евлампия';
const LAST = 'Краснопёрова';
const SCREEN = 'evlampia_kr';
const TEXT = 'Яма на дороге в с. Антоновка у дома Луговая 9, колесо пробито';
const COMMENT = 'И у дома Луговая 11 в с. Антоновка тоже яма на дороге';
const ANSWER = 'Здравствуйте! Яму у дома Луговая 9 засыплют щебнем до пятницы.';

let h: TestHarness;

beforeAll(async () => {
  h = await testHarness({ orgOverrides: { privacy: { staffSeesAuthor: false } } });
  h.vk.seedUser({ id: CITIZEN, first_name: FIRST, last_name: LAST, screen_name: SCREEN });
});
afterAll(async () => h?.dispose());

const curators = () => h.org.chats.curators;

async function cardOf(text: string) {
  const card = await until(() => h.telegram.messages(curators()).find((m) => m.text?.includes(text.slice(0, 30)) && m.replyMarkup), 'the curators\' card');
  return { id: Number(/№(\d+)/.exec(card.text!)![1]), text: card.text! };
}

/** Every string the staff bot sent to Telegram: params as JSON, uploaded files, and each workbook cell and hyperlink. */
async function everythingSent(): Promise<string[]> {
  const out: string[] = [];
  for (const call of h.telegram.calls) {
    out.push(`${call.method} ${JSON.stringify(call.params)}`);
    for (const f of call.files) {
      out.push(`${call.method} file ${f.filename ?? ''}`, f.bytes.toString('utf8'));
      if (f.filename?.endsWith('.xlsx')) {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(f.bytes as unknown as ArrayBuffer);
        wb.eachSheet((ws) =>
          ws.eachRow((row) =>
            row.eachCell((cell) => {
              out.push(`xlsx ${ws.name} ${JSON.stringify(cell.value)} ${cell.hyperlink ?? ''}`);
            }),
          ),
        );
      }
    }
  }
  return out;
}

describe('privacy.staffSeesAuthor: false', () => {
  it('keeps the citizen\'s identity out of every request to Telegram, while the work is done as ever', async () => {
    const dm = messageNew({ groupId: h.vk.group.id, secret: h.env.VK_CALLBACK_SECRET!, fromId: CITIZEN, text: TEXT });
    expect((await postVkCallback(h.vkWebhookUrl, dm)).body).toBe('ok');
    const card = await cardOf(TEXT);
    expect(card.text).toContain('👤 Житель (ВКонтакте)');
    expect(card.text).toContain(TEXT);
    expect(card.text).not.toContain('Открыть оригинал'); // the dialog link is the citizen's id

    // The same citizen comments on a post: public, so its link stays on the card.
    const comment = wallReplyNew({ groupId: h.vk.group.id, secret: h.env.VK_CALLBACK_SECRET!, fromId: CITIZEN, text: COMMENT, postId: 77 });
    expect((await postVkCallback(h.vkWebhookUrl, comment)).body).toBe('ok');
    const commentCard = await cardOf(COMMENT);
    expect(commentCard.text).toContain('👤 Житель (ВКонтакте)');
    expect(commentCard.text).toContain('Открыть оригинал');
    const [commented] = await h.system.ctx.database.db.select().from(incidents).where(eq(incidents.id, commentCard.id));
    expect(commented!.permalink).toMatch(/^https:\/\/vk\.com\/wall-\d+_77\?reply=\d+/);
    const commentSent = h.telegram.calls.filter((c) => String(c.params.text ?? '').includes(COMMENT));
    expect(commentSent.some((c) => String(c.params.text).includes(`href="${commented!.permalink!.replace(/&/g, '&amp;')}"`))).toBe(true);

    // The data is all in PostgreSQL, so what is looked for below is what the system knows.
    const [stored] = await h.system.ctx.database.db.select().from(incidents).where(eq(incidents.id, card.id));
    expect(stored).toMatchObject({ authorName: `${FIRST} ${LAST}`, kind: 'direct' });
    expect(stored!.permalink).toContain(`sel=${CITIZEN}`);

    let before = 0;
    await routeAsSuggested(h, card.id, CURATOR);
    await writeDraft(h, card.id, ROADS, ROADS, ANSWER);
    await cardSays(h, curators(), card.id, (t) => t.includes('на согласовании'), 'on approval');
    await press(h, curators(), card.id, CURATOR, '✅ Утвердить');
    await cardSays(h, curators(), card.id, (t) => t.includes('ответ опубликован'), 'published');
    expect(h.vk.sent.some((s) => s.kind === 'message' && s.peerId === CITIZEN && s.text?.includes('щебнем'))).toBe(true);

    // A template's {имя} is not filled in a draft staff see; the executor is told to greet without it.
    await routeAsSuggested(h, commentCard.id, CURATOR);
    await saveTemplate(h, CURATOR, 'Дороги', 'Яма', 'Здравствуйте, {имя}! Сообщение №{номер} получено, яму засыплют.');
    before = h.telegram.messages(ROADS).length;
    const { filled } = await writeDraftFromTemplate(h, commentCard.id, ROADS, ROADS, 'Яма', 'Спасибо.');
    expect(filled).toBe(`Здравствуйте, {имя}! Сообщение №${commentCard.id} получено, яму засыплют.`);
    expect(h.telegram.messages(ROADS).slice(before).some((m) => m.text?.includes('Имя жителя в рабочем мессенджере не показывается'))).toBe(true);

    // The executor's /find, in the private chat.
    before = h.telegram.messages(ROADS).length;
    h.telegram.injectMessage({ chatId: ROADS, from: ROADS, text: `/find ${card.id}` });
    await until(() => h.telegram.messages(ROADS).slice(before).find((m) => m.fromBot), 'the /find answer');

    // A report with its workbook, in the heads' chat.
    const heads = h.org.chats.heads;
    before = h.telegram.messages(heads).length;
    const today = DateTime.now().setZone(h.org.timezone).toFormat('dd.MM.yyyy');
    h.telegram.injectMessage({ chatId: heads, from: HEAD, text: `/report week ${today}` });
    await until(() => h.telegram.messages(heads).slice(before).find((m) => m.document), 'the workbook');

    // An admin's /privacy export: the file is the citizen's data itself, so here only the CLI gives it.
    const ADMIN = 102;
    before = h.telegram.messages(ADMIN).length;
    h.telegram.injectMessage({ chatId: ADMIN, from: ADMIN, text: `/privacy export vk ${CITIZEN}` });
    const refused = await until(() => h.telegram.messages(ADMIN).slice(before).find((m) => m.fromBot), 'the /privacy answer');
    expect(refused.text).toContain('otklik privacy export');
    expect(h.telegram.messages(ADMIN).slice(before).some((m) => m.document)).toBe(false);

    const sent = await everythingSent();
    expect(sent.some((s) => s.includes('xlsx Топ сообщений'))).toBe(true); // the workbook was read, not skipped
    expect(sent.some((s) => s.includes('Яма на дороге'))).toBe(true); // the citizen's text did go
    for (const word of [FIRST, LAST, SCREEN, `id${CITIZEN}`, `sel=${CITIZEN}`, stored!.authorLink ?? SCREEN]) {
      const found = sent.find((s) => s.includes(word));
      expect(found, `"${word}" sent to Telegram`).toBeUndefined();
    }
  });
});
