/**
 * `otklik demo` (npm run demo): the whole system on a throw-away embedded
 * PostgreSQL and private Redis, against the built-in fake Telegram and VK,
 * playing citizens' messages through it and printing what each person sees.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../log.js';
import { startHarness } from '../../demo/harness.js';
import { scene, say, screen } from '../../demo/transcript.js';
import { confirmation, messageNew, postVkCallback, wallReplyNew } from '../../fakes/vk-callback.js';
import { ensureServices } from '../../services/index.js';

/** A card as text plus its buttons, one row a line: [Направить…] [Тема]. */
function withButtons(text: string, markup: unknown): string {
  const rows = (markup as { inline_keyboard?: Array<Array<{ text: string }>> } | undefined)?.inline_keyboard ?? [];
  return [text, ...(rows.length ? [''] : []), ...rows.map((row) => row.map((b) => `[${b.text}]`).join(' '))].join('\n');
}

export async function run(): Promise<number> {
  // The transcript is the demo's output; logs go to stderr and only when something is wrong.
  const log = createLogger({ level: process.env.LOG_LEVEL ?? 'warn' });
  const dataDir = await mkdtemp(join(tmpdir(), 'otklik-demo-'));
  // mkdtemp makes it 0700; as root, the embedded PostgreSQL runs as "postgres" and must be able to enter it.
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
      });
      scene('Another citizen comments under the administration\'s post');
      screen('VK, comment under post #10', comment.object.text);
      const third = await postVkCallback(h.vkWebhookUrl, comment);
      say(`VK delivers it → HTTP ${third.status} "${third.body}"`);

      scene(`What the curators (${curators.join(', ')}) see in their Telegram chat`);
      const deadline = Date.now() + 15_000;
      while (telegram.messages(org.chats.curators).length < 2 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      const cards = telegram.messages(org.chats.curators);
      for (const card of cards) screen(`Telegram, curators' chat, card #${card.id}`, withButtons(card.text ?? '', card.replyMarkup));
      if (cards.length < 2) {
        console.error(`demo: expected 2 cards in the curators' chat, saw ${cards.length}`);
        return 1;
      }
      scene('Done');
      say(`${cards.length} incidents from 3 deliveries; each card appeared once. Data was in ${dataDir} and is removed now.`);
      say('Next: the curator routes, the executor drafts, the curator approves — see the README\'s roadmap.');
      return 0;
    } finally {
      await h.stop();
    }
  } finally {
    await services.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
