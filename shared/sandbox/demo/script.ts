/**
 * The demo that `otklik demo` (npm run demo) plays: the whole system on a throw-away embedded
 * PostgreSQL and private Redis, against the built-in fake Telegram and VK,
 * playing citizens' messages through the zavitinsk-2020 path and printing
 * what each person sees.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../platform/log.js';
import { ensureServices } from '../../platform/services/index.js';
import { confirmation, messageNew, postVkCallback, wallReplyNew } from '../fakes/vk-callback.js';
import { routeAsSuggested, saveTemplate, writeDraftFromTemplate } from './flow.js';
import { startHarness } from './harness.js';
import { showWeeklyReport } from './report.js';
import { cardIn, cardSays, press, until } from './staff.js';
import { scene, say, screen } from './transcript.js';

/** A card as text plus its buttons, one row a line: [Направить…] [Тема]. */
function withButtons(text: string, markup: unknown): string {
  const rows = (markup as { inline_keyboard?: Array<Array<{ text: string }>> } | undefined)?.inline_keyboard ?? [];
  return [text, ...(rows.length ? [''] : []), ...rows.map((row) => row.map((b) => `[${b.text}]`).join(' '))].join('\n');
}

export async function run(): Promise<number> {
  // The transcript is the demo's output; logs go to stderr and only when something is wrong.
  const log = createLogger({ level: process.env.LOG_LEVEL ?? 'warn' });
  const dataDir = await mkdtemp(join(tmpdir(), 'otklik-demo-'));
  // mkdtemp makes it 0700; as root, the embedded PostgreSQL (run as "postgres") then keeps the cluster here, removed with it.
  await chmod(dataDir, 0o755);
  scene('Starting Otklik: embedded PostgreSQL, private Redis, bots and worker, fake Telegram and VK');
  const services = await ensureServices({ env: { OTKLIK_DATA_DIR: dataDir }, log });
  try {
    const h = await startHarness({ databaseUrl: services.databaseUrl, redisUrl: services.redisUrl, log });
    try {
      const { org, telegram } = h;
      const curators = org.staff.filter((s) => s.roles.includes('curator')).map((s) => s.name);
      say(`Organisation: ${org.name} (${org.timezone}); regulation: ${h.system.ctx.profile.id}, ${h.system.ctx.profile.title}`);
      say(`Curators' chat ${org.chats.curators}: ${curators.join(', ')}`);

      const confirm = await postVkCallback(h.vkWebhookUrl, confirmation({ groupId: h.vk.group.id }));
      say(`VK checks the callback server: Otklik answers the confirmation code "${confirm.body}"`);

      const secret = h.env.VK_CALLBACK_SECRET!;
      const dm = messageNew({
        groupId: h.vk.group.id,
        secret,
        fromId: 555001,
        text: 'Здравствуйте! Во дворе дома 5 по ул. Мира третий день не горят фонари, дети ходят в темноте.',
      });
      scene('A citizen writes a private message to the administration\'s VK community');
      screen('VK, private message', dm.object.message.text);
      const first = await postVkCallback(h.vkWebhookUrl, dm);
      say(`VK delivers it to Otklik → HTTP ${first.status} "${first.body}" (stored before answering)`);
      const again = await postVkCallback(h.vkWebhookUrl, dm);
      say(`VK re-sends the same event, as it does when an answer is slow → HTTP ${again.status} "${again.body}", nothing new stored`);

      const comment = wallReplyNew({
        groupId: h.vk.group.id,
        secret,
        fromId: 555002,
        postId: 10,
        text: 'Когда отремонтируют дорогу на с. Антоновка? Ямы такие, что машины ломаются.',
        // The citizen attaches a photo: staff see it under the card.
        attachments: [{ type: 'photo', photo: { id: 457239017, owner_id: 555002, sizes: [{ type: 'x', url: 'https://sun9-1.userapi.com/antonovka-yama.jpg', width: 604, height: 453 }] } }],
      });
      scene('Another citizen comments under the administration\'s post');
      screen('VK, comment under post #10', comment.object.text);
      const third = await postVkCallback(h.vkWebhookUrl, comment);
      say(`VK delivers it → HTTP ${third.status} "${third.body}"`);

      scene(`What the curators (${curators.join(', ')}) see in their Telegram chat`);
      const dmCard = await until(() => telegram.messages(org.chats.curators).find((m) => m.text?.includes('фонари')), 'the first card');
      const id = await until(() => {
        const card = telegram.messages(org.chats.curators).find((m) => m.text?.includes('Антоновка?') && m.replyMarkup);
        return card ? Number(/№(\d+)/.exec(card.text!)![1]) : undefined;
      }, 'the second card');
      screen(`Telegram, curators' chat, card #${dmCard.id}`, withButtons(dmCard.text ?? '', dmCard.replyMarkup));
      const commentCard = cardIn(h, org.chats.curators, id)!;
      screen(`Telegram, curators' chat, card #${commentCard.id}`, withButtons(commentCard.text ?? '', commentCard.replyMarkup));
      const photo = await until(() => telegram.messages(org.chats.curators).find((m) => m.photo && m.replyTo === commentCard.id), 'the citizen\'s photo under the card');
      const photoUrl = String(telegram.calls.find((c) => c.method === 'sendPhoto' && String(c.params.chat_id) === String(org.chats.curators))?.params.photo ?? '');
      screen(`Telegram, curators' chat, message #${photo.id}: the citizen's photo, replying to card #${commentCard.id} (sent by VK's URL ${photoUrl})`, `[фото] ${photo.caption ?? ''}`);

      const curator = org.staff.find((s) => s.roles.includes('curator'))!;
      const executor = org.staff.find((s) => s.department === 'roads' && s.roles.includes('executor'))!;
      const template = 'Здравствуйте, {имя}! Ваше сообщение №{номер} от {дата} о дороге рассмотрено: ямочный ремонт включён в план.';
      scene(`${curator.name} keeps an answer template for the topic "Дороги": /templates → ➕ Новый шаблон, in the private chat with the bot`);
      await saveTemplate(h, curator.telegramId, 'Дороги', 'Ремонт дороги', template);
      screen(`Telegram, ${curator.name}'s private chat: the template "Ремонт дороги" (variables filled from each message)`, template);
      scene(`${curator.name} (curator) taps "✅ Направить" on message №${id}: the suggestion was right`);
      await routeAsSuggested(h, id, curator.telegramId);
      const routed = await cardSays(h, executor.telegramId, id, (t) => t.includes('направлено исполнителю'), 'the executor\'s card');
      screen(`Telegram, ${executor.name}'s private chat with the bot (the roads department has no chat of its own)`, withButtons(routed.text ?? '', routed.replyMarkup));

      scene(`${executor.name} (executor) takes it, opens "✍️ Подготовить ответ", picks the curator's template under "📋 Шаблоны" and adds the dates`);
      const { filled, preview } = await writeDraftFromTemplate(h, id, executor.telegramId, executor.telegramId, 'Ремонт дороги', 'Бригада выйдет в понедельник, работы займут три дня.');
      screen(`Telegram, ${executor.name}'s private chat: the template filled from message №${id}`, filled);
      screen(`Telegram, ${executor.name}'s private chat: the preview with the draft checks`, preview.text);

      scene(`${curator.name} sees the draft on the card and approves it with one tap`);
      const onApproval = await cardSays(h, org.chats.curators, id, (t) => t.includes('на согласовании'), 'the card on approval');
      screen(`Telegram, curators' chat, card #${onApproval.id}`, withButtons(onApproval.text ?? '', onApproval.replyMarkup));
      await press(h, org.chats.curators, id, curator.telegramId, '✅ Утвердить');

      scene('The worker publishes the answer in VK, under the citizen\'s comment, from the community');
      const reply = await until(() => h.vk.sent.find((s) => s.kind === 'comment'), 'the reply in VK');
      screen('VK, reply under the comment (wall.createComment, from_group, guid = the outbox id)', reply.text);
      const done = await cardSays(h, org.chats.curators, id, (t) => t.includes('ответ опубликован'), 'the published card');
      screen(`Telegram, curators' chat, card #${done.id}`, done.text ?? '');

      await showWeeklyReport(h);

      scene('Done');
      say(`3 deliveries, 2 incidents, 1 answered along the zavitinsk-2020 path; the other waits for the curator; the week's report is with the head. Data was in ${dataDir} and is removed now.`);
      return 0;
    } finally {
      await h.stop();
    }
  } finally {
    await services.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
