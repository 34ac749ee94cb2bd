/**
 * Evidence in answers (issue #19), on OK: the executor attaches a video or a
 * document to the draft in Telegram; the approved answer carries it into the
 * citizen's OK chat the documented way — fileUploadUrl?type=VIDEO|FILE gives
 * the upload URL and the attachment's token, the file goes to that URL, the
 * message names the token under its type — exactly once. A file OK refuses
 * (over its size limit) stops the answer before anything reaches the
 * citizen, and the card says why and what to do.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publications } from '../../shared/platform/db/schema.js';
import { routeAsSuggested, writeDraft } from '../../shared/sandbox/demo/flow.js';
import { buttonsOf, cardSays, press, until } from '../../shared/sandbox/demo/staff.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

const CURATOR = 101;
const ROADS = 201;

let h: TestHarness;
beforeAll(async () => {
  h = await testHarness();
});
afterAll(async () => h?.dispose());

const sentTo = (userId: number) => h.ok.sent.filter((s) => s.chatId === h.ok.chatOf(userId));
const uploadUrlCalls = (type: string) => h.ok.calls.filter((c) => c.method === 'fileUploadUrl' && c.params.type === type);

async function citizenWrites(userId: number, text: string): Promise<number> {
  expect((await h.ok.citizenWrites({ userId, name: 'Галина Петрова', text })).statuses).toEqual([200]);
  const card = await until(() => h.telegram.messages(h.org.chats.curators).find((m) => m.text?.includes(text) && m.replyMarkup), "the curators' card");
  return Number(/№(\d+)/.exec(card.text!)![1]);
}

async function publication(id: number) {
  const [pub] = await h.system.ctx.database.db.select().from(publications).where(eq(publications.incidentId, id));
  return pub;
}

describe('OK replies with videos and documents', () => {
  it("carries the draft's video into the OK reply: the VIDEO upload, its token, the attachment, once", async () => {
    const citizen = 575493469001;
    const id = await citizenWrites(citizen, 'Когда засыплют ямы на дороге по ул. Мира в с. Антоновка?');
    await routeAsSuggested(h, id, CURATOR);
    const clip = Buffer.from('fake-mp4: ямы на ул. Мира засыпаны, съёмка днём');
    const answer = 'Здравствуйте! Ямы на ул. Мира засыпали, видео прилагаем.';
    const videoUploads = uploadUrlCalls('VIDEO').length;
    await writeDraft(h, id, ROADS, ROADS, answer, { video: clip });
    const onApproval = await cardSays(h, h.org.chats.curators, id, (t) => t.includes('на согласовании'), 'on approval');
    // OK takes the video: the card warns of nothing.
    expect(onApproval.text).not.toContain('Видео не уйдёт');
    await press(h, h.org.chats.curators, id, CURATOR, '✅ Утвердить');

    const [reply] = await until(() => (sentTo(citizen).length ? sentTo(citizen) : undefined), 'the reply in OK');
    await cardSays(h, h.org.chats.curators, id, (t) => t.includes('ответ опубликован'), 'the published card');

    // One VIDEO upload URL, its promised token on the message, the bytes as the executor sent them.
    const asked = uploadUrlCalls('VIDEO').slice(videoUploads);
    expect(asked).toHaveLength(1);
    expect(reply!.text).toBe(answer);
    expect(reply!.attachments.map((a) => [a.type, a.token, a.bytes?.equals(clip)])).toEqual([['VIDEO', asked[0]!.response.token, true]]);
    expect(h.ok.uploads.find((u) => u.token === asked[0]!.response.token)).toMatchObject({ type: 'VIDEO', contentType: 'video/mp4' });
    expect(sentTo(citizen)).toHaveLength(1);
    expect(await publication(id)).toMatchObject({ status: 'sent', networkMessageId: reply!.mid, reasonKey: null });
  }, 90_000);

  it("carries the draft's document as an OK FILE under its own name", async () => {
    const citizen = 575493469002;
    const id = await citizenWrites(citizen, 'Когда примут работы по ремонту дороги на ул. Полевой в с. Антоновка?');
    await routeAsSuggested(h, id, CURATOR);
    const act = { bytes: Buffer.from('%PDF-1.7 fake: акт приёмки работ'), fileName: 'akt-priemki.pdf' };
    await writeDraft(h, id, ROADS, ROADS, 'Здравствуйте! Работы приняты, акт приёмки прилагаем.', { document: act });
    const onApproval = await cardSays(h, h.org.chats.curators, id, (t) => t.includes('на согласовании'), 'on approval');
    expect(onApproval.text).not.toContain('Документ не уйдёт');
    await press(h, h.org.chats.curators, id, CURATOR, '✅ Утвердить');

    const [reply] = await until(() => (sentTo(citizen).length ? sentTo(citizen) : undefined), 'the reply in OK');
    expect(reply!.text).toBe('Здравствуйте! Работы приняты, акт приёмки прилагаем.');
    expect(reply!.attachments.map((a) => [a.type, a.filename, a.bytes?.equals(act.bytes)])).toEqual([['FILE', 'akt-priemki.pdf', true]]);
    await cardSays(h, h.org.chats.curators, id, (t) => t.includes('ответ опубликован'), 'the published card');
    expect(sentTo(citizen)).toHaveLength(1);
    expect(await publication(id)).toMatchObject({ status: 'sent', networkMessageId: reply!.mid });
  }, 90_000);

  it('stops at a file OK refuses as too large: nothing reaches the citizen, the card says why and offers the manual way', async () => {
    const citizen = 575493469003;
    const id = await citizenWrites(citizen, 'Когда отремонтируют дорогу на ул. Садовой в с. Антоновка?');
    await routeAsSuggested(h, id, CURATOR);
    await writeDraft(h, id, ROADS, ROADS, 'Здравствуйте! Дорогу на ул. Садовой отремонтировали, видео прилагаем.', { video: Buffer.from('fake-mp4: длинное видео ремонта дороги') });
    await cardSays(h, h.org.chats.curators, id, (t) => t.includes('на согласовании'), 'on approval');
    h.ok.setUploadMaxBytes(8);
    try {
      await press(h, h.org.chats.curators, id, CURATOR, '✅ Утвердить');
      const refused = await cardSays(h, h.org.chats.curators, id, (t) => t.includes('файл слишком большой'), 'the refusal on the card');
      expect(refused.text).toContain('Дорогу на ул. Садовой отремонтировали, видео прилагаем.');
    } finally {
      h.ok.setUploadMaxBytes(undefined);
    }
    expect(buttonsOf(h, h.org.chats.curators, id).map((b) => b.text)).toContain('✅ Опубликовано вручную');
    expect(sentTo(citizen)).toEqual([]);
    expect(await publication(id)).toMatchObject({ status: 'failed', reasonKey: 'publish-ok-file-too-large' });
  }, 90_000);
});
