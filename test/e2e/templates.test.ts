/**
 * Answer templates and the citizens' acknowledgement, end to end over the
 * fake Telegram and VK: a curator saves a template with variables in
 * /templates; the executor picks it while drafting, changes it and submits;
 * the approved reply in VK has the variables filled. The acknowledgement goes
 * out only when the organisation has it on and its text is approved, once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { acknowledgements, answerTemplates, incidents, templateAudit } from '../../shared/platform/db/schema.js';
import { orgSettings } from '../../shared/networks/context.js';
import { loadEvents, loadState } from '../../shared/platform/db/events.js';
import { answerDue, formatDay, formatMoment } from '../../shared/core/templates/index.js';
import { queueAcknowledgement, sendAcknowledgement } from '../../shared/flows/acknowledge/acknowledge.js';
import { silentLogger } from '../../shared/platform/log.js';
import { routeAsSuggested } from '../../shared/sandbox/demo/flow.js';
import { cardSays, citizenWrites, press, pressData, until } from '../../shared/sandbox/demo/staff.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

let h: TestHarness;
const CURATOR = 101;
const CURATOR2 = 102;
const ROADS = 201;

beforeAll(async () => {
  h = await testHarness();
});
afterAll(async () => h?.dispose());

type Button = { text: string; callback_data?: string };
const buttonsOfMessage = (m: { replyMarkup?: unknown }): Button[] =>
  ((m.replyMarkup as { inline_keyboard?: Button[][] } | undefined)?.inline_keyboard ?? []).flat();

/** The first message in a private chat after `after` that passes `check`. */
const said = (chat: number, after: number, check: (text: string) => boolean, what: string) =>
  until(() => h.telegram.messages(chat).slice(after).find((m) => m.text !== undefined && check(m.text)), what);

/** Sends a text (optionally as a reply) and waits for the bot's message that passes `check`. */
async function send(chat: number, text: string, check: (text: string) => boolean, what: string, replyTo?: number) {
  const before = h.telegram.messages(chat).length;
  h.telegram.injectMessage({ chatId: chat, from: chat, text, ...(replyTo !== undefined ? { replyTo } : {}) });
  return said(chat, before, check, what);
}

/** Taps a button of a message by its label, in the presser's private chat. */
async function tap(chat: number, message: { id: number; replyMarkup?: unknown }, label: (text: string) => boolean, from = chat) {
  const button = buttonsOfMessage(message).find((b) => label(b.text));
  if (!button?.callback_data) throw new Error(`no such button; have ${buttonsOfMessage(message).map((b) => b.text).join(' | ')}`);
  return pressData(h, chat, message.id, from, button.callback_data);
}

const sentTo = (peer: number) => h.vk.sent.filter((s) => s.kind === 'message' && s.peerId === peer);

describe('answer templates', () => {
  it('a curator saves a template with variables; the executor picks, edits and submits it; VK gets it filled', async () => {
    // The curator opens /templates and adds one for «Дороги»; an unknown variable is refused and asked again.
    const empty = await send(CURATOR, '/templates', (t) => t.includes('Шаблонов ответов пока нет'), 'the empty list');
    let count = h.telegram.messages(CURATOR).length;
    await tap(CURATOR, empty, (t) => t === '➕ Новый шаблон');
    const topics = await said(CURATOR, count, (t) => t.startsWith('Для какой темы'), 'the topic picker');
    count = h.telegram.messages(CURATOR).length;
    await tap(CURATOR, topics, (t) => t === 'Дороги');
    const question = await said(CURATOR, count, (t) => t.startsWith('Новый шаблон (Дороги)'), 'the question');
    const refused = await send(CURATOR, 'Ремонт дороги\nЗдравствуйте, {имя}! {фамилия}', (t) => t.includes('Неизвестные переменные'), 'the refusal', question.id);
    expect(refused.text).toContain('{фамилия}');
    expect(refused.text).toContain('ещё раз');
    const body = 'Здравствуйте, {имя}! Ваше сообщение №{номер} от {дата} о дороге получено: ремонт включён в план.';
    await send(CURATOR, `Ремонт дороги\n${body}`, (t) => t.includes('Шаблон «Ремонт дороги» сохранён'), 'saved', refused.id);
    const list = await until(() => h.telegram.messages(CURATOR).findLast((m) => m.text?.startsWith('📋 Шаблоны ответов: 1')), 'the list');
    expect(list.text).toContain('«Ремонт дороги» — Дороги');
    const [stored] = await h.system.ctx.database.db.select().from(answerTemplates);
    expect(stored).toMatchObject({ topic: 'Дороги', title: 'Ремонт дороги', body, createdBy: CURATOR, revision: 1 });

    // A citizen writes; the curator routes; the executor opens the draft and picks the template.
    const id = await citizenWrites(h, 650001, 'Когда отремонтируют дорогу в с. Антоновка? Сплошные ямы.');
    await routeAsSuggested(h, id, CURATOR);
    await cardSays(h, ROADS, id, (t) => t.includes('направлено исполнителю'), 'the executor\'s card');
    await press(h, ROADS, id, ROADS, '🙋 Взять');
    await cardSays(h, ROADS, id, (t) => t.includes('в работе'), 'taken');
    const prompt = await send(ROADS, `/start d${id}`, (t) => t.startsWith(`✍️ Сообщение №${id}`), 'the prompt');
    count = h.telegram.messages(ROADS).length;
    await tap(ROADS, prompt, (t) => t === '📋 Шаблоны');
    const offered = await said(ROADS, count, (t) => t.startsWith(`📋 Шаблоны для ответа на сообщение №${id}`), 'the templates');
    count = h.telegram.messages(ROADS).length;
    await tap(ROADS, offered, (t) => t === 'Ремонт дороги · Дороги');
    await said(ROADS, count, (t) => t.includes('Текст из шаблона «Ремонт дороги»'), 'the note');
    const [incident] = await h.system.ctx.database.db.select().from(incidents).where(eq(incidents.id, id));
    expect(incident!.authorName).toBeTruthy();
    const filled = await said(ROADS, count, (t) => t.startsWith('Здравствуйте,'), 'the filled text');
    expect(filled.text).toBe(
      `Здравствуйте, ${incident!.authorName}! Ваше сообщение №${id} от ${formatDay(incident!.postedAt, h.org.timezone)} о дороге получено: ремонт включён в план.`,
    );
    const preview = await said(ROADS, count, (t) => t.includes(`по сообщению №${id}:`), 'the preview');
    expect(preview.text).toContain('ремонт включён в план');

    // The executor changes it (adds the date of the works) and submits.
    const edited = `${filled.text} Бригада выйдет в понедельник.`;
    count = h.telegram.messages(ROADS).length;
    h.telegram.injectMessage({ chatId: ROADS, from: ROADS, text: edited });
    const changed = await said(ROADS, count, (t) => t.includes(`по сообщению №${id}:`) && t.includes('в понедельник'), 'the changed preview');
    await tap(ROADS, changed, (t) => t.startsWith('📨 На согласование'));
    await cardSays(h, h.org.chats.curators, id, (t) => t.includes('на согласовании'), 'on approval');
    expect(await press(h, h.org.chats.curators, id, CURATOR, '✅ Утвердить')).toBe('Утверждено — ответ публикуется');
    const [reply] = await until(() => (sentTo(650001).length ? sentTo(650001) : undefined), 'the reply in VK');
    expect(reply!.text).toBe(edited);
    expect(reply!.text).toContain(`№${id}`);
    expect(reply!.text).not.toMatch(/[{}]/);
  });

  it('keeps edits and deletions audited; a button of an older revision does nothing', async () => {
    const { db } = h.system.ctx.database;
    const [tpl] = await db.select().from(answerTemplates);
    const list = await send(CURATOR, '/templates', (t) => t.startsWith('📋 Шаблоны ответов: 1'), 'the list');
    const count = h.telegram.messages(CURATOR).length;
    await tap(CURATOR, list, (t) => t === '✏️ Ремонт дороги');
    await said(CURATOR, count, (t) => t === tpl!.body, 'the current text to copy');
    const question = await said(CURATOR, count, (t) => t.startsWith('Новый текст шаблона «Ремонт дороги»'), 'the question');
    await send(CURATOR, 'Здравствуйте, {имя}! По сообщению №{номер}: ремонт в плане на {месяц}.', (t) => t.includes('Неизвестные переменные: {месяц}'), 'refused', question.id);
    const again = h.telegram.messages(CURATOR).findLast((m) => m.text?.includes('ещё раз'))!;
    await send(CURATOR, 'Здравствуйте, {имя}! По сообщению №{номер}: ремонт в плане.', (t) => t.includes('Шаблон «Ремонт дороги» изменён'), 'edited', again.id);

    // The list shown before the change acts on nothing; the current one deletes.
    expect(await tap(CURATOR, list, (t) => t === '🗑')).toContain('изменили или удалили');
    const current = await until(() => h.telegram.messages(CURATOR).findLast((m) => m.text?.startsWith('📋 Шаблоны ответов: 1')), 'the new list');
    expect(await tap(CURATOR, current, (t) => t === '🗑')).toBe('Шаблон «Ремонт дороги» удалён');
    expect(await db.select().from(answerTemplates).where(eq(answerTemplates.id, tpl!.id))).toMatchObject([{ revision: 2, deletedBy: CURATOR }]);
    const audit = await db.select().from(templateAudit).where(and(eq(templateAudit.kind, 'answer'), eq(templateAudit.templateId, tpl!.id)));
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ['added', CURATOR],
      ['edited', CURATOR],
      ['deleted', CURATOR],
    ]);
    // An executor is not shown templates to manage.
    await send(ROADS, '/templates', (t) => t === 'Шаблоны ведут кураторы.', 'refused to the executor');
  });
});

describe('the citizens\' acknowledgement', () => {
  const receiptOf = async (id: number) => (await h.system.ctx.database.db.select().from(acknowledgements).where(eq(acknowledgements.incidentId, id)))[0];
  const setEnabled = (enabled: boolean) => {
    h.system.ctx.settings = orgSettings({ ...h.system.ctx.org, acknowledgement: { enabled } }, silentLogger);
  };

  it('is not sent while off, nor while on with no approved text; once approved, the citizen gets it once', async () => {
    // Off (the default): routing sends nothing.
    const off = await citizenWrites(h, 650101, 'Не горит фонарь на дороге в г. Завитинск у школы');
    await routeAsSuggested(h, off, CURATOR);
    await cardSays(h, h.org.chats.curators, off, (t) => t.includes('направлено'), 'routed');
    expect(await receiptOf(off)).toBeUndefined();
    expect(sentTo(650101)).toEqual([]);

    // On, but no text approved yet: nothing either. A proposed text without the term is refused.
    setEnabled(true);
    const view = await send(CURATOR, '/receipt', (t) => t.includes('Уведомление гражданину о регистрации'), 'the receipt view');
    expect(view.text).toContain('Утверждённого текста нет');
    const count = h.telegram.messages(CURATOR).length;
    await tap(CURATOR, view, (t) => t === '✏️ Предложить текст');
    const question = await said(CURATOR, count, (t) => t.startsWith('Текст уведомления гражданину'), 'the question');
    const refused = await send(CURATOR, 'Ваше сообщение №{номер} зарегистрировано.', (t) => t.includes('обязательно нужны: {срок}'), 'refused', question.id);
    const body = 'Ваше сообщение зарегистрировано под №{номер}. Ответ будет дан до {срок} (по местному времени).';
    await send(CURATOR, body, (t) => t.includes('Текст предложен'), 'proposed', refused.id);

    const unapproved = await citizenWrites(h, 650102, 'Яма на дороге в с. Антоновка у магазина');
    await routeAsSuggested(h, unapproved, CURATOR);
    await cardSays(h, h.org.chats.curators, unapproved, (t) => t.includes('направлено'), 'routed');
    expect(await receiptOf(unapproved)).toBeUndefined();
    expect(sentTo(650102)).toEqual([]);

    // The executor may not approve; the profile's approver (here the curator) does.
    const shown = await send(ROADS, '/receipt', (t) => t.includes('На утверждении'), 'the executor\'s view');
    expect(buttonsOfMessage(shown)).toEqual([]);
    const pending = await send(CURATOR2, '/receipt', (t) => t.includes('На утверждении'), 'the approver\'s view');
    expect(await tap(CURATOR2, pending, (t) => t.startsWith('✅ Утвердить'))).toBe('Текст уведомления утверждён');
    // The same button again: already approved, nothing changes.
    expect(await tap(CURATOR2, pending, (t) => t.startsWith('✅ Утвердить'))).toContain('уже утверждено');
    const audit = await h.system.ctx.database.db.select().from(templateAudit).where(eq(templateAudit.kind, 'acknowledgement'));
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ['proposed', CURATOR],
      ['approved', CURATOR2],
    ]);

    // Approved: the next routed message's author gets the receipt in VK, with the number and the term.
    const id = await citizenWrites(h, 650103, 'Когда починят светофор на дороге в г. Завитинск?');
    expect(sentTo(650103)).toEqual([]);
    await routeAsSuggested(h, id, CURATOR);
    const [receipt] = await until(() => (sentTo(650103).length ? sentTo(650103) : undefined), 'the receipt in VK');
    const events = await loadEvents(h.system.ctx.database.db, id);
    const due = answerDue(events, h.system.ctx.profile, h.system.ctx.workTime)!;
    expect(receipt!.text).toBe(`Ваше сообщение зарегистрировано под №${id}. Ответ будет дан до ${formatMoment(due, h.org.timezone)} (по местному времени).`);
    await until(async () => (await receiptOf(id))?.status === 'sent', 'recorded as sent');

    // At most once: routed again or replayed, nothing new goes out.
    const state = (await loadState(h.system.ctx.database.db, id))!;
    expect(await queueAcknowledgement(h.system.ctx, state, events)).toBe('already');
    expect(await sendAcknowledgement(h.system.ctx, id)).toBe('nothing to send');
    expect(sentTo(650103)).toHaveLength(1);

    // An abusive message routed all the same gets no automatic receipt.
    const abusive = await citizenWrites(h, 650104, 'Дорога в г. Завитинск разбита, ну сука же');
    await routeAsSuggested(h, abusive, CURATOR);
    await cardSays(h, h.org.chats.curators, abusive, (t) => t.includes('направлено'), 'routed');
    expect(await receiptOf(abusive)).toBeUndefined();
    expect(sentTo(650104)).toEqual([]);
    setEnabled(false);
  });
});
