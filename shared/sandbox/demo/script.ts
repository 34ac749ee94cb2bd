/**
 * The demo that `otklik demo` (npm run demo) plays: the whole system on a throw-away embedded
 * PostgreSQL and private Redis, against the built-in fake VK and the staff's fake messenger
 * (Telegram, or MAX with `--messenger max`), playing citizens' messages through the
 * zavitinsk-2020 path and printing what each person sees. The staff act through h.staff,
 * so the story is the same in either messenger.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../platform/log.js';
import { ensureServices } from '../../platform/services/index.js';
import { confirmation, messageNew, postVkCallback, wallReplyNew } from '../fakes/vk-callback.js';
import { routeAsSuggested, saveTemplate, writeDraftFromTemplate } from './flow.js';
import { startHarness, type Harness } from './harness.js';
import { showWeeklyReport } from './report.js';
import { cardIn, cardSays, press, seen, until } from './staff.js';
import type { StaffButton } from './staff-side.js';
import { messengerName, scene, say, screen } from './transcript.js';

/** A message as its messenger names it: Telegram's #number, MAX's mid. */
const ref = (id: number | string): string => (typeof id === 'number' ? `#${id}` : id);

/** A card as text plus its buttons, one row a line: [Направить…] [Тема]. */
function withButtons(m: { text?: string | undefined; rows: StaffButton[][] }): string {
  const { rows } = m;
  return [m.text ?? '', ...(rows.length ? [''] : []), ...rows.map((row) => row.map((b) => `[${b.text}]`).join(' '))].join('\n');
}

export async function run(opts: { messenger?: 'telegram' | 'max' } = {}): Promise<number> {
  const messenger = opts.messenger ?? 'telegram';
  const M = messengerName(messenger);
  // The transcript is the demo's output; logs go to stderr and only when something is wrong.
  const log = createLogger({ level: process.env.LOG_LEVEL ?? 'warn' });
  const dataDir = await mkdtemp(join(tmpdir(), 'otklik-demo-'));
  // mkdtemp makes it 0700; as root, the embedded PostgreSQL (run as "postgres") then keeps the cluster here, removed with it.
  await chmod(dataDir, 0o755);
  scene(`Starting Otklik: embedded PostgreSQL, private Redis, bots and worker, fake ${M} (the staff's messenger) and VK`);
  const services = await ensureServices({ env: { OTKLIK_DATA_DIR: dataDir }, log });
  try {
    const h = await startHarness({ databaseUrl: services.databaseUrl, redisUrl: services.redisUrl, log, messenger });
    try {
      const { org } = h;
      const curators = org.staff.filter((s) => s.roles.includes('curator')).map((s) => s.name);
      say(`Organisation: ${org.name} (${org.timezone}); regulation: ${h.system.ctx.profile.id}, ${h.system.ctx.profile.title}`);
      say(`Staff work in ${M} (messenger: ${messenger} in the organisation file); curators' chat ${org.chats.curators}: ${curators.join(', ')}`);

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
        text: 'Когда засыплют ямы на въезде в с. Антоновка? Машины ломаются.',
        // The citizen attaches a photo: staff see it under the card.
        attachments: [{ type: 'photo', photo: { id: 457239017, owner_id: 555002, sizes: [{ type: 'x', url: 'https://sun9-1.userapi.com/antonovka-yama.jpg', width: 604, height: 453 }] } }],
      });
      scene('Another citizen comments under the administration\'s post');
      screen('VK, comment under post #10', comment.object.text);
      const third = await postVkCallback(h.vkWebhookUrl, comment);
      say(`VK delivers it → HTTP ${third.status} "${third.body}"`);

      scene(`What the curators (${curators.join(', ')}) see in their ${M} chat`);
      const dmCard = await until(() => seen(h, org.chats.curators).find((m) => m.text?.includes('фонари')), 'the first card');
      const id = await until(() => {
        const card = seen(h, org.chats.curators).find((m) => m.text?.includes('Антоновка?') && m.buttons.length > 0);
        return card ? Number(/№(\d+)/.exec(card.text!)![1]) : undefined;
      }, 'the second card');
      screen(`${M}, curators' chat, card ${ref(dmCard.id)}`, withButtons(dmCard));
      const commentCard = cardIn(h, org.chats.curators, id)!;
      screen(`${M}, curators' chat, card ${ref(commentCard.id)}`, withButtons(commentCard));
      const photo = await until(
        () => seen(h, org.chats.curators).find((m) => m.files.some((f) => f.kind === 'photo') && m.replyTo === commentCard.id),
        'the citizen\'s photo under the card',
      );
      screen(`${M}, curators' chat, message ${ref(photo.id)}: the citizen's photo, replying to card ${ref(commentCard.id)} (sent by VK's URL ${photoUrl(h, photo)})`, `[фото] ${photo.text ?? ''}`);

      const curator = org.staff.find((s) => s.roles.includes('curator'))!;
      const executor = org.staff.find((s) => s.department === 'roads' && s.roles.includes('executor'))!;
      const template = 'Здравствуйте, {имя}! Ваше сообщение №{номер} от {дата} о дороге рассмотрено: ямочный ремонт включён в план.';
      scene(`${curator.name} keeps an answer template for the topic "Дороги": /templates → ➕ Новый шаблон, in the private chat with the bot`);
      await saveTemplate(h, curator.telegramId, 'Дороги', 'Ремонт дороги', template);
      screen(`${M}, ${curator.name}'s private chat: the template "Ремонт дороги" (variables filled from each message)`, template);
      scene(
        `${curator.name} (curator) taps "✅ Направить" on message №${id}: one tap routes it, as the card came filled in — ` +
          'the topic from the word «ямы» (a built-in lexicon, matched by word stems), the place from «с. Антоновка», the department that answers the topic',
      );
      say(`${M} answers the tap at once: «${await routeAsSuggested(h, id, curator.telegramId)}»`);
      const routed = await cardSays(h, executor.telegramId, id, (t) => t.includes('направлено исполнителю'), 'the executor\'s card');
      screen(`${M}, ${executor.name}'s private chat with the bot (the roads department has no chat of its own)`, withButtons(routed));

      scene(`${executor.name} (executor) takes it, opens "✍️ Подготовить ответ", picks the curator's template under "📋 Шаблоны" and adds the dates`);
      const { filled, preview } = await writeDraftFromTemplate(h, id, executor.telegramId, executor.telegramId, 'Ремонт дороги', 'Бригада выйдет в понедельник, работы займут три дня.');
      screen(`${M}, ${executor.name}'s private chat: the template filled from message №${id}`, filled);
      screen(`${M}, ${executor.name}'s private chat: the preview with the draft checks`, preview.text);

      scene(`${curator.name} sees the draft on the card and approves it with one tap`);
      const onApproval = await cardSays(h, org.chats.curators, id, (t) => t.includes('на согласовании'), 'the card on approval');
      screen(`${M}, curators' chat, card ${ref(onApproval.id)}`, withButtons(onApproval));
      await press(h, org.chats.curators, id, curator.telegramId, '✅ Утвердить');

      scene('The worker publishes the answer in VK, under the citizen\'s comment, from the community');
      const reply = await until(() => h.vk.sent.find((s) => s.kind === 'comment'), 'the reply in VK');
      screen('VK, reply under the comment (wall.createComment, from_group, guid = the outbox id)', reply.text);
      const done = await cardSays(h, org.chats.curators, id, (t) => t.includes('ответ опубликован'), 'the published card');
      screen(`${M}, curators' chat, card ${ref(done.id)} (edited in place)`, done.text ?? '');

      await showWeeklyReport(h, M);

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

/** The URL the staff messenger was given the citizen's photo by: VK's own, not a copy. */
function photoUrl(h: Harness, photo: { raw: Record<string, unknown> }): string {
  if (h.staff.kind === 'telegram') {
    return String(h.telegram.calls.find((c) => c.method === 'sendPhoto' && String(c.params.chat_id) === String(h.org.chats.curators))?.params.photo ?? '');
  }
  // MAX takes an image by its URL and keeps it on the attachment.
  const attachments = (photo.raw as { body?: { attachments?: Array<{ type: string; payload?: { url?: string } }> } }).body?.attachments ?? [];
  return attachments.find((a) => a.type === 'image')?.payload?.url ?? '';
}
