/** The staff's steps of the regulation, as people do them in Telegram: played by the demo and the end-to-end scenarios. */
import type { Harness } from './harness.js';
import { cardSays, press, until } from './staff.js';

export async function routeAsSuggested(h: Harness, id: number, curator: number) {
  await press(h, h.org.chats.curators, id, curator, '✅ Направить');
}

/** The executor takes the incident from his card, opens the draft by the deep link, writes and submits it. */
export async function writeDraft(
  h: Harness,
  id: number,
  executor: number,
  cardChat: number,
  text: string,
  opts: { take?: boolean; kind?: string; photo?: Buffer; video?: Buffer } = {},
) {
  if (opts.take !== false) {
    await cardSays(h, cardChat, id, (t) => t.includes('направлено исполнителю'), 'the executor\'s card');
    await press(h, cardChat, id, executor, '🙋 Взять');
    await cardSays(h, cardChat, id, (t) => t.includes('в работе'), 'taken');
  }
  const before = h.telegram.messages(executor).length;
  h.telegram.injectMessage({ chatId: executor, from: executor, text: `/start d${id}` });
  await until(() => h.telegram.messages(executor).slice(before).find((m) => m.text?.startsWith(`✍️ Сообщение №${id}`)), 'the draft prompt');
  // With a photo or a video the text goes as its caption, as an executor attaching one does.
  h.telegram.injectMessage(
    opts.photo
      ? { chatId: executor, from: executor, caption: text, photo: opts.photo }
      : opts.video
        ? { chatId: executor, from: executor, caption: text, video: opts.video }
        : { chatId: executor, from: executor, text },
  );
  let preview = await until(() => lastPreview(h, executor, id, before), 'the draft preview');
  while (opts.kind && !preview.buttons.some((b) => b.text === `Вид: ${opts.kind}`)) {
    const kind = preview.buttons.find((b) => b.text.startsWith('Вид:'))!;
    const count = h.telegram.messages(executor).length;
    await pressIn(h, executor, preview.id, executor, kind.callback_data!);
    preview = await until(() => lastPreview(h, executor, id, count), 'the preview of the new kind');
  }
  const submit = preview.buttons.find((b) => b.text.startsWith('📨 На согласование'))!;
  await pressIn(h, executor, preview.id, executor, submit.callback_data!);
  await until(() => h.telegram.messages(executor).find((m) => m.text?.startsWith(`📨 Проект по сообщению №${id} отправлен`)), 'submitted');
  return preview;
}

function lastPreview(h: Harness, chat: number, id: number, after: number) {
  const m = h.telegram.messages(chat).slice(after).reverse().find((x) => x.text?.includes(`по сообщению №${id}:`) && x.replyMarkup);
  if (!m) return undefined;
  const buttons = ((m.replyMarkup as { inline_keyboard: Array<Array<{ text: string; callback_data?: string }>> }).inline_keyboard ?? []).flat();
  return { id: m.id, text: m.text!, buttons };
}

async function pressIn(h: Harness, chatId: number, messageId: number, userId: number, data: string) {
  const q = h.telegram.injectCallbackQuery({ chatId, messageId, from: userId, data });
  return until(() => h.telegram.callbackAnswer(q), 'the answer to a preview button');
}
