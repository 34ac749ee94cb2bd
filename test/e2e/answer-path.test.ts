/**
 * The zavitinsk-2020 path from the citizen's VK message to the published
 * reply: the curator routes, the executor drafts in the private chat, the
 * curator approves with a tap, the worker answers in VK once. Also: rework
 * rounds, two approvers at once, and a VK refusal that reaches the card.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { incidentEvents, incidents, publications } from '../../shared/platform/db/schema.js';
import { testHarness, type TestHarness } from '../kit/harness.js';
import { networks } from '../../shared/networks/registry.js';
import { publish as publishJob } from '../../worker/jobs/publish.js';
import { routeAsSuggested, writeDraft } from '../../shared/sandbox/demo/flow.js';
import { buttonsOf, cardIn, cardSays, citizenWrites, press, until } from '../../shared/sandbox/demo/staff.js';

let h: TestHarness;
const CURATOR = 101;
const CURATOR2 = 102;
const ROADS = 201; // no department chat: his cards and drafts are in his private chat

beforeAll(async () => {
  h = await testHarness();
});
afterAll(async () => h?.dispose());

/** The publish step alone, as the job does it, under the outbox row's idempotency key. */
async function publishAgain(incidentId: number, publicationId: number): Promise<string> {
  const [incident] = await h.system.ctx.database.db.select().from(incidents).where(eq(incidents.id, incidentId));
  const vk = networks.vk.connect({ client: h.system.ctx.vk!.client, groupId: h.system.ctx.vk!.groupId, userClient: null });
  const result = await vk.publish({ outboxId: publicationId, to: { kind: 'direct', thread: incident!.thread }, text: 'повтор' });
  if (!result.ok) throw new Error(`publish failed: ${result.error.code}`);
  return result.messageId;
}

const row = async (id: number) => (await h.system.ctx.database.db.select().from(incidents).where(eq(incidents.id, id)))[0]!;
const sentTo = (peer: number) => h.vk.sent.filter((s) => s.kind === 'message' && s.peerId === peer);

describe('zavitinsk-2020: from the citizen to the published reply', () => {
  it('publishes the approved answer in VK, in reply to the citizen, once', async () => {
    const id = await citizenWrites(h, 640001, 'Когда засыплют яму на дороге в с. Антоновка?');
    await routeAsSuggested(h, id, CURATOR);
    const preview = await writeDraft(h, id, ROADS, ROADS, 'Здравствуйте! Яму засыплют до пятницы, бригада уже выехала.');
    expect(preview.text).toContain('Замечаний нет');

    const curators = h.org.chats.curators;
    const card = await cardSays(h, curators, id, (t) => t.includes('на согласовании'), 'the card on approval');
    expect(card.text).toContain('Проект ответа, версия 1');
    expect(card.text).toContain('Яму засыплют до пятницы');
    expect(buttonsOf(h, curators, id).map((b) => b.text)).toEqual(['✅ Утвердить', '✏️ На доработку', '📝 Исправить и утвердить', '🗂 Ход работы']);

    expect(await press(h, curators, id, ROADS, '✅ Утвердить')).toBe('Это действие не для вашей роли.');
    expect(await press(h, curators, id, CURATOR, '✅ Утвердить')).toBe('Утверждено — ответ публикуется');

    const [reply] = await until(() => (sentTo(640001).length ? sentTo(640001) : undefined), 'the reply in VK');
    expect(reply).toMatchObject({ text: 'Здравствуйте! Яму засыплют до пятницы, бригада уже выехала.' });
    const published = await cardSays(h, curators, id, (t) => t.includes('ответ опубликован'), 'the published card');
    expect(published.text).toContain('Ответ опубликован');
    expect(await row(id)).toMatchObject({ status: 'answered' });
    const [pub] = await h.system.ctx.database.db.select().from(publications).where(eq(publications.incidentId, id));
    expect(pub).toMatchObject({ status: 'sent', networkMessageId: String(reply!.id) });

    // A replayed job after the reply went out finds the incident answered and does nothing.
    await h.system.ctx.database.db.update(publications).set({ status: 'pending' }).where(eq(publications.id, pub!.id));
    expect(await publishJob.handle({ publicationId: pub!.id }, h.system.ctx)).toBe('moved on');
    // A crash between VK accepting the reply and the row recording it re-sends under the same
    // random_id (the outbox id): VK answers with the same message and sends nothing new.
    const calls = h.vk.calls.filter((c) => c.method === 'messages.send').length;
    expect(await publishAgain(id, pub!.id)).toBe(String(reply!.id));
    expect(h.vk.calls.filter((c) => c.method === 'messages.send').length).toBe(calls + 1);
    expect(sentTo(640001)).toHaveLength(1);

    // Closing: the outcomes say what they mean; the tap is answered with a toast, its card already redrawn.
    expect(buttonsOf(h, curators, id).map((b) => b.text)).toEqual(
      expect.arrayContaining(['🟢 Закрыть: решено', '🔵 Закрыть: разъяснено', '🟡 Закрыть: решается', '🔴 Закрыть: не решено']),
    );
    expect(await press(h, curators, id, CURATOR, '🟢 Закрыть: решено')).toBe('Закрыто: решено');
    await cardSays(h, curators, id, (t) => t.includes('закрыто'), 'the closed card');
    expect(await row(id)).toMatchObject({ status: 'closed' });
  });

  it('keeps every version through two rework rounds; the comment reaches the executor', async () => {
    const id = await citizenWrites(h, 640002, 'На дороге в г. Завитинск нет разметки у школы');
    await routeAsSuggested(h, id, CURATOR);
    await writeDraft(h, id, ROADS, ROADS, 'Разметку нанесут.');
    const curators = h.org.chats.curators;
    for (const [round, comment, text] of [
      [1, 'Нет приветствия и сроков', 'Здравствуйте! Разметку нанесут весной.'],
      [2, 'Назовите месяц', 'Здравствуйте! Разметку у школы нанесут в апреле.'],
    ] as const) {
      await cardSays(h, curators, id, (t) => t.includes('на согласовании') && t.includes(`версия ${round}`), `version ${round} on approval`);
      await press(h, curators, id, CURATOR, '✏️ На доработку');
      await until(() => h.telegram.messages(CURATOR).find((m) => m.text?.includes(`№${id}: что доработать`)), 'the rework question');
      h.telegram.injectMessage({ chatId: CURATOR, from: CURATOR, text: comment });
      await cardSays(h, ROADS, id, (t) => t.includes('на доработке'), 'the executor sees the rework');
      await writeDraft(h, id, ROADS, ROADS, text, { take: false });
    }
    await cardSays(h, curators, id, (t) => t.includes('версия 3'), 'version 3 on approval');
    await press(h, curators, id, CURATOR, '✅ Утвердить');
    await until(() => (sentTo(640002).length ? sentTo(640002) : undefined), 'the reply in VK');
    expect(sentTo(640002).map((m) => m.text)).toEqual(['Здравствуйте! Разметку у школы нанесут в апреле.']);
    const audit = await h.system.ctx.database.db.select().from(incidentEvents).where(eq(incidentEvents.incidentId, id));
    expect(audit.filter((e) => e.type === 'draft_submitted')).toHaveLength(3);
    expect(audit.filter((e) => e.type === 'draft_sent_to_rework').map((e) => (e.data as { comment: string }).comment)).toEqual([
      'Нет приветствия и сроков',
      'Назовите месяц',
    ]);
  });

  it('lets the approver correct the text and approve; the corrected text is what the citizen gets', async () => {
    const id = await citizenWrites(h, 640005, 'Дорога в г. Завитинск: ямы у рынка');
    await routeAsSuggested(h, id, CURATOR);
    await writeDraft(h, id, ROADS, ROADS, 'Здравствуйте! Ямы засыпят.');
    const curators = h.org.chats.curators;
    await cardSays(h, curators, id, (t) => t.includes('на согласовании'), 'on approval');
    await press(h, curators, id, CURATOR, '📝 Исправить и утвердить');
    await until(() => h.telegram.messages(CURATOR).find((m) => m.text?.includes(`№${id}: пришлите исправленный текст`)), 'the question');
    h.telegram.injectMessage({ chatId: CURATOR, from: CURATOR, text: 'Здравствуйте! Ямы у рынка засыплют до 1 декабря.' });
    const [reply] = await until(() => (sentTo(640005).length ? sentTo(640005) : undefined), 'the reply');
    expect(reply!.text).toBe('Здравствуйте! Ямы у рынка засыплют до 1 декабря.');
    const audit = await h.system.ctx.database.db.select().from(incidentEvents).where(eq(incidentEvents.incidentId, id));
    expect(audit.find((e) => e.type === 'draft_approved')?.data).toMatchObject({ editedText: 'Здравствуйте! Ямы у рынка засыплют до 1 декабря.' });
  });

  it('publishes once when two curators approve at the same moment', async () => {
    const id = await citizenWrites(h, 640003, 'Дорога в с. Антоновка размыта после дождя');
    await routeAsSuggested(h, id, CURATOR);
    await writeDraft(h, id, ROADS, ROADS, 'Здравствуйте! Подсыпку дороги выполнят завтра.');
    const curators = h.org.chats.curators;
    await cardSays(h, curators, id, (t) => t.includes('на согласовании'), 'on approval');
    const approve = buttonsOf(h, curators, id).find((b) => b.text === '✅ Утвердить')!.callback_data!;
    const messageId = Number(cardIn(h, curators, id)!.id);
    const q1 = h.telegram.injectCallbackQuery({ chatId: curators, messageId, from: CURATOR, data: approve });
    const q2 = h.telegram.injectCallbackQuery({ chatId: curators, messageId, from: CURATOR2, data: approve });
    const answers = await until(() => {
      const a = [h.telegram.callbackAnswer(q1), h.telegram.callbackAnswer(q2)];
      return a.every(Boolean) ? a.map((x) => String(x!.text ?? '')) : undefined;
    }, 'both answers');
    expect(answers.filter((a) => a === 'Утверждено — ответ публикуется')).toHaveLength(1);
    expect(answers.filter((a) => a.includes('устарела'))).toHaveLength(1);
    await until(() => (sentTo(640003).length ? sentTo(640003) : undefined), 'the reply');
    await new Promise((r) => setTimeout(r, 300));
    expect(sentTo(640003)).toHaveLength(1);
  });

  it('shows VK\'s refusal on the card in plain Russian and lets the curator mark it published by hand', async () => {
    h.vk.denyMessages(640004);
    const id = await citizenWrites(h, 640004, 'Почему не чистят дорогу в г. Завитинск?');
    await routeAsSuggested(h, id, CURATOR);
    await writeDraft(h, id, ROADS, ROADS, 'Здравствуйте! Дорогу расчистят сегодня.');
    const curators = h.org.chats.curators;
    await cardSays(h, curators, id, (t) => t.includes('на согласовании'), 'on approval');
    await press(h, curators, id, CURATOR, '✅ Утвердить');
    const failed = await cardSays(h, curators, id, (t) => t.includes('Опубликовать не удалось'), 'the refusal on the card');
    expect(failed.text).toContain('запретил сообщения от сообщества');
    expect(await row(id)).toMatchObject({ status: 'approved' });
    expect(await press(h, curators, id, CURATOR, '✅ Опубликовано вручную')).toBe('Отмечено: опубликовано вручную');
    const marked = await cardSays(h, curators, id, (t) => t.includes('ответ опубликован'), 'marked by hand');
    // The refusal is history once the reply is out by hand.
    expect(marked.text).not.toContain('Опубликовать не удалось');
    expect(await row(id)).toMatchObject({ status: 'answered' });
  });
});
