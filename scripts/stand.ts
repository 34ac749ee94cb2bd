/**
 * A stand for checking an installation without the real networks (docs/ru/install.md, «Проверка без
 * соцсетей»): `npx tsx scripts/stand.ts org.yaml` starts the fake Telegram, VK and OK for the
 * organisation, prints the .env lines that point Otklik at them, then turns each line typed on stdin
 * into a citizen's private message to the VK community, posted to Otklik's /webhooks/vk, and prints
 * what the bot sends to and edits in the staff chats. Ctrl+D or Ctrl+C stops it.
 */
import { createInterface } from 'node:readline';
import { loadOrg } from '../shared/platform/config/org.js';
import { FAKE_SECRETS, startFakeNetworks, vkGroupId } from '../shared/sandbox/demo/harness.js';
import { messageNew, postVkCallback } from '../shared/sandbox/fakes/vk-callback.js';

const [orgPath, url = 'http://127.0.0.1:8080/webhooks/vk'] = process.argv.slice(2);
if (!orgPath) {
  console.error('usage: npx tsx scripts/stand.ts ORG.yaml [OTKLIK_VK_WEBHOOK_URL]');
  process.exit(2);
}
const org = loadOrg(orgPath);
const fakes = await startFakeNetworks(org);
const env = {
  TELEGRAM_BOT_TOKEN: FAKE_SECRETS.telegramToken,
  TELEGRAM_API_ROOT: fakes.urls.telegramApiRoot,
  VK_GROUP_ID: String(vkGroupId(org)),
  VK_TOKEN: FAKE_SECRETS.vkToken,
  VK_CALLBACK_SECRET: FAKE_SECRETS.vkCallbackSecret,
  VK_CONFIRMATION_CODE: FAKE_SECRETS.vkConfirmationCode,
  VK_API_BASE_URL: fakes.urls.vkApiBaseUrl,
  OTKLIK_ORG: orgPath,
};
console.log('# Стенд соцсетей запущен. Переменные для «Отклика» (в другом терминале, из папки «Отклика»):');
for (const [name, value] of Object.entries(env)) console.log(`export ${name}='${value}'`);
console.log(`# Затем: npm start. Каждая строка, набранная здесь, — сообщение гражданина сообществу ВКонтакте (→ ${url}).`);

const chatName = new Map<number, string>(Object.entries(org.chats).map(([role, id]) => [Number(id), role]));
let shown = 0;
const watch = setInterval(() => {
  const calls = fakes.telegram.calls;
  for (; shown < calls.length; shown++) {
    const { method, params } = calls[shown]!;
    if (!['sendMessage', 'editMessageText', 'sendPhoto'].includes(method)) continue;
    const chat = Number(params.chat_id);
    const text = String(params.text ?? params.caption ?? '');
    console.log(`\n[Telegram ${method === 'editMessageText' ? 'правка' : 'сообщение'} → ${chatName.get(chat) ?? chat}]\n${text}`);
  }
}, 500);

let citizen = 1001;
const input = createInterface({ input: process.stdin });
input.on('line', (line) => {
  const text = line.trim();
  if (!text) return;
  const event = messageNew({ groupId: vkGroupId(org), secret: FAKE_SECRETS.vkCallbackSecret, fromId: citizen++, text });
  postVkCallback(url, event).then(
    (res) => console.log(`# ВКонтакте → «Отклик»: ${res.status} ${res.body}`),
    (err: Error) => console.log(`# «Отклик» не ответил по ${url}: ${err.message}`),
  );
});
const stop = async () => {
  clearInterval(watch);
  input.close();
  await fakes.close();
  process.exit(0);
};
input.on('close', () => void stop());
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
