/** The staff's steps of the regulation, as people do them in Telegram: played by the demo and the end-to-end scenarios. */
import type { Harness } from './harness.js';
import { cardSays, press, until } from './staff.js';

/** The curator's one tap on «✅ Направить»; returns the toast Telegram shows them. */
export async function routeAsSuggested(h: Harness, id: number, curator: number): Promise<string> {
  return press(h, h.org.chats.curators, id, curator, '✅ Направить');
}

/** The executor takes the incident from his card, opens the draft by the deep link, writes and submits it. */
export async function writeDraft(
  h: Harness,
  id: number,
  executor: number,
  cardChat: number,
  text: string,
  opts: { take?: boolean; kind?: string; photo?: Buffer; video?: Buffer; document?: { bytes: Buffer; fileName: string } } = {},
) {
  if (opts.take !== false) {
    await cardSays(h, cardChat, id, (t) => t.includes('направлено исполнителю'), 'the executor\'s card');
    await press(h, cardChat, id, executor, '🙋 Взять');
    await cardSays(h, cardChat, id, (t) => t.includes('в работе'), 'taken');
  }
  const before = h.telegram.messages(executor).length;
  h.telegram.injectMessage({ chatId: executor, from: executor, text: `/start d${id}` });
  const prompt = await until(() => h.telegram.messages(executor).slice(before).find((m) => m.text?.startsWith(`✍️ Сообщение №${id}`)), 'the draft prompt');
  // With a photo, a video or a document the text goes as its caption, as an executor attaching one does. The prompt forces a reply,
  // so a Telegram client sends the draft as a reply to it: that ties it to this incident when several are open.
  const replyTo = prompt.id;
  h.telegram.injectMessage(
    opts.photo
      ? { chatId: executor, from: executor, caption: text, photo: opts.photo, replyTo }
      : opts.video
        ? { chatId: executor, from: executor, caption: text, video: opts.video, replyTo }
        : opts.document
          ? { chatId: executor, from: executor, caption: text, document: opts.document, replyTo }
          : { chatId: executor, from: executor, text, replyTo },
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

type Message = { id: number; text?: string; replyMarkup?: unknown };
const buttonsIn = (m: Message) => ((m.replyMarkup as { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> } | undefined)?.inline_keyboard ?? []).flat();
const newMessage = (h: Harness, chat: number, after: number, check: (text: string) => boolean, what: string) =>
  until(() => h.telegram.messages(chat).slice(after).find((m) => m.text !== undefined && check(m.text)), what);

/** A curator keeps an answer template for a topic: /templates → ➕ Новый шаблон → the topic → title and text as the answer. */
export async function saveTemplate(h: Harness, curator: number, topic: string, title: string, body: string): Promise<void> {
  let before = h.telegram.messages(curator).length;
  h.telegram.injectMessage({ chatId: curator, from: curator, text: '/templates' });
  const list = await newMessage(h, curator, before, (t) => t.startsWith('📋 Шаблон'), 'the templates list');
  before = h.telegram.messages(curator).length;
  await pressIn(h, curator, list.id, curator, buttonsIn(list).find((b) => b.text === '➕ Новый шаблон')!.callback_data!);
  const topics = await newMessage(h, curator, before, (t) => t.startsWith('Для какой темы'), 'the topic picker');
  before = h.telegram.messages(curator).length;
  await pressIn(h, curator, topics.id, curator, buttonsIn(topics).find((b) => b.text === topic)!.callback_data!);
  const question = await newMessage(h, curator, before, (t) => t.startsWith('Новый шаблон'), 'the question');
  before = h.telegram.messages(curator).length;
  h.telegram.injectMessage({ chatId: curator, from: curator, text: `${title}\n${body}`, replyTo: question.id });
  await newMessage(h, curator, before, (t) => t.includes(`Шаблон «${title}» сохранён`), 'the template saved');
}

/**
 * The executor takes the incident, opens the draft, picks the template under «📋 Шаблоны», adds a sentence
 * to the filled text and submits it. Returns the filled text and the preview submitted.
 */
export async function writeDraftFromTemplate(h: Harness, id: number, executor: number, cardChat: number, title: string, addition: string) {
  await cardSays(h, cardChat, id, (t) => t.includes('направлено исполнителю'), 'the executor\'s card');
  await press(h, cardChat, id, executor, '🙋 Взять');
  await cardSays(h, cardChat, id, (t) => t.includes('в работе'), 'taken');
  let before = h.telegram.messages(executor).length;
  h.telegram.injectMessage({ chatId: executor, from: executor, text: `/start d${id}` });
  const prompt = await newMessage(h, executor, before, (t) => t.startsWith(`✍️ Сообщение №${id}`), 'the draft prompt');
  before = h.telegram.messages(executor).length;
  await pressIn(h, executor, prompt.id, executor, buttonsIn(prompt).find((b) => b.text === '📋 Шаблоны')!.callback_data!);
  const offered = await newMessage(h, executor, before, (t) => t.startsWith('📋 Шаблоны для ответа'), 'the templates offered');
  before = h.telegram.messages(executor).length;
  await pressIn(h, executor, offered.id, executor, buttonsIn(offered).find((b) => b.text.startsWith(title))!.callback_data!);
  // The note, then the filled text on its own (to copy and change), then the preview.
  const filled = await until(() => {
    const since = h.telegram.messages(executor).slice(before);
    const note = since.findIndex((m) => m.text?.startsWith('Текст из шаблона'));
    return note >= 0 ? since[note + 1] : undefined;
  }, 'the filled text');
  before = h.telegram.messages(executor).length;
  h.telegram.injectMessage({ chatId: executor, from: executor, text: `${filled.text} ${addition}` });
  const preview = await until(() => lastPreview(h, executor, id, before), 'the changed preview');
  await pressIn(h, executor, preview.id, executor, preview.buttons.find((b) => b.text.startsWith('📨 На согласование'))!.callback_data!);
  await until(() => h.telegram.messages(executor).find((m) => m.text?.startsWith(`📨 Проект по сообщению №${id} отправлен`)), 'submitted');
  return { filled: filled.text!, preview };
}
