/**
 * The staff's steps of the regulation, as people do them in their messenger (Telegram or MAX, through
 * h.staff): played by the demo and the end-to-end scenarios.
 */
import type { Harness } from './harness.js';
import { cardSays, newMessage, press, seen, until, type Button } from './staff.js';

/** The curator's one tap on «✅ Направить»; returns the toast the messenger shows them. */
export async function routeAsSuggested(h: Harness, id: number, curator: number): Promise<string> {
  return press(h, h.org.chats.curators, id, curator, '✅ Направить');
}

/** The executor takes the incident from his card (in `cardChat`), waiting for the card to say so. */
export async function take(h: Harness, id: number, executor: number, cardChat: number): Promise<void> {
  await cardSays(h, cardChat, id, (t) => t.includes('направлено исполнителю'), 'the executor\'s card');
  await press(h, cardChat, id, executor, '🙋 Взять');
  await cardSays(h, cardChat, id, (t) => t.includes('в работе'), 'taken');
}

export type DraftPreview = { id: number | string; text: string; buttons: Button[] };

/** The executor takes the incident from his card, opens the draft by the deep link, writes and submits it. */
export async function writeDraft(
  h: Harness,
  id: number,
  executor: number,
  cardChat: number,
  text: string,
  opts: { take?: boolean; kind?: string; photo?: Buffer; video?: Buffer; document?: { bytes: Buffer; fileName: string } } = {},
): Promise<DraftPreview> {
  if (opts.take !== false) await take(h, id, executor, cardChat);
  const before = seen(h, executor).length;
  h.staff.start(executor, `d${id}`);
  const prompt = await newMessage(h, executor, before, (t) => t.startsWith(`✍️ Сообщение №${id}`), 'the draft prompt');
  // With a photo, a video or a document the text goes as its caption, as an executor attaching one does. The prompt asks
  // for a reply (Telegram forces one; on MAX the person taps «Ответить»): that ties the draft to this incident when
  // several are open.
  h.staff.write({
    chatId: executor,
    from: executor,
    text,
    ...(opts.photo ? { photo: opts.photo } : opts.video ? { video: opts.video } : opts.document ? { document: opts.document } : {}),
    replyTo: prompt.id,
  });
  let preview = await until(() => lastPreview(h, executor, id, before), 'the draft preview');
  while (opts.kind && !preview.buttons.some((b) => b.text === `Вид: ${opts.kind}`)) {
    const kind = preview.buttons.find((b) => b.text.startsWith('Вид:'))!;
    const count = seen(h, executor).length;
    await h.staff.tap(executor, preview.id, executor, kind.data!);
    preview = await until(() => lastPreview(h, executor, id, count), 'the preview of the new kind');
  }
  await submit(h, id, executor, preview);
  return preview;
}

async function submit(h: Harness, id: number, executor: number, preview: DraftPreview): Promise<void> {
  const button = preview.buttons.find((b) => b.text.startsWith('📨 На согласование'))!;
  await h.staff.tap(executor, preview.id, executor, button.data!);
  await until(() => seen(h, executor).find((m) => m.text?.startsWith(`📨 Проект по сообщению №${id} отправлен`)), 'submitted');
}

function lastPreview(h: Harness, chat: number, id: number, after: number): DraftPreview | undefined {
  const m = seen(h, chat).slice(after).reverse().find((x) => x.text?.includes(`по сообщению №${id}:`) && x.buttons.length > 0);
  return m ? { id: m.id, text: m.text!, buttons: m.buttons } : undefined;
}

/** Taps the button labelled `label` under a message in a private chat; resolves with the popup. */
async function tapLabel(h: Harness, chat: number, message: { id: number | string; buttons: Button[] }, from: number, label: (text: string) => boolean): Promise<string> {
  const button = message.buttons.find((b) => label(b.text));
  if (!button?.data) throw new Error(`no such button; have ${message.buttons.map((b) => b.text).join(' | ')}`);
  return h.staff.tap(chat, message.id, from, button.data);
}

/** A curator keeps an answer template for a topic: /templates → ➕ Новый шаблон → the topic → title and text as the answer. */
export async function saveTemplate(h: Harness, curator: number, topic: string, title: string, body: string): Promise<void> {
  let before = seen(h, curator).length;
  h.staff.write({ chatId: curator, from: curator, text: '/templates' });
  const list = await newMessage(h, curator, before, (t) => t.startsWith('📋 Шаблон'), 'the templates list');
  before = seen(h, curator).length;
  await tapLabel(h, curator, list, curator, (t) => t === '➕ Новый шаблон');
  const topics = await newMessage(h, curator, before, (t) => t.startsWith('Для какой темы'), 'the topic picker');
  before = seen(h, curator).length;
  await tapLabel(h, curator, topics, curator, (t) => t === topic);
  const question = await newMessage(h, curator, before, (t) => t.startsWith('Новый шаблон'), 'the question');
  before = seen(h, curator).length;
  h.staff.write({ chatId: curator, from: curator, text: `${title}\n${body}`, replyTo: question.id });
  await newMessage(h, curator, before, (t) => t.includes(`Шаблон «${title}» сохранён`), 'the template saved');
}

/**
 * The executor takes the incident, opens the draft, picks the template under «📋 Шаблоны», adds a sentence
 * to the filled text and submits it. Returns the filled text and the preview submitted.
 */
export async function writeDraftFromTemplate(h: Harness, id: number, executor: number, cardChat: number, title: string, addition: string) {
  await take(h, id, executor, cardChat);
  let before = seen(h, executor).length;
  h.staff.start(executor, `d${id}`);
  const prompt = await newMessage(h, executor, before, (t) => t.startsWith(`✍️ Сообщение №${id}`), 'the draft prompt');
  before = seen(h, executor).length;
  await tapLabel(h, executor, prompt, executor, (t) => t === '📋 Шаблоны');
  const offered = await newMessage(h, executor, before, (t) => t.startsWith('📋 Шаблоны для ответа'), 'the templates offered');
  before = seen(h, executor).length;
  await tapLabel(h, executor, offered, executor, (t) => t.startsWith(title));
  // The note, then the filled text on its own (to copy and change), then the preview.
  const filled = await until(() => {
    const since = seen(h, executor).slice(before);
    const note = since.findIndex((m) => m.text?.startsWith('Текст из шаблона'));
    return note >= 0 ? since[note + 1] : undefined;
  }, 'the filled text');
  before = seen(h, executor).length;
  h.staff.write({ chatId: executor, from: executor, text: `${filled.text} ${addition}` });
  const preview = await until(() => lastPreview(h, executor, id, before), 'the changed preview');
  await submit(h, id, executor, preview);
  return { filled: filled.text!, preview };
}
