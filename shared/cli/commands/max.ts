/**
 * `otklik max chats` — the MAX group chats the administration's bot is in, with their ids: what the
 * organisation file's `chats`, `departments[].chat` and `networks.max.chats` take when staff or
 * citizens are on MAX. MAX shows a chat's id nowhere in its app; the bot's own list is the way to
 * learn it. Needs MAX_BOT_TOKEN (and MAX_API_ROOT for a server other than MAX's).
 */
import { loadEnv } from '../../platform/config/env.js';
import { ConfigError } from '../../platform/config/config-error.js';
import { createMaxApi } from '../../networks/max/client.js';
import { failOnConfig } from '../fail.js';

const usage = `Usage: otklik max chats [--json]

  The MAX group chats the bot (MAX_BOT_TOKEN) is a member of: chat_id, type and title,
  for the organisation file's chats. A person's id is shown to them by the bot on /start.`;

export async function run(args: string[]): Promise<number> {
  if (args[0] !== 'chats' || args.includes('--help') || args.includes('-h')) {
    console[args.includes('--help') || args.includes('-h') ? 'log' : 'error'](usage);
    return args[0] === 'chats' ? 0 : 2;
  }
  return failOnConfig(async () => {
    const env = loadEnv();
    if (!env.MAX_BOT_TOKEN) throw new ConfigError('otklik max chats', ['MAX_BOT_TOKEN: required (the token of the administration\'s MAX bot)']);
    const api = createMaxApi({ token: env.MAX_BOT_TOKEN, apiRoot: env.MAX_API_ROOT });
    const chats: Array<{ chat_id: number; type: string; title: string | null }> = [];
    let marker: number | undefined;
    do {
      const page = await api.getAllChats({ count: 100, ...(marker !== undefined ? { marker } : {}) });
      chats.push(...page.chats.map((c) => ({ chat_id: c.chat_id, type: c.type, title: c.title ?? null })));
      marker = page.marker ?? undefined;
    } while (marker !== undefined);
    if (args.includes('--json')) console.log(JSON.stringify(chats));
    else if (!chats.length) console.log('The bot is in no group chat yet: add it to the chat as an administrator.');
    else for (const c of chats) console.log(`${String(c.chat_id).padStart(16)}  ${c.type.padEnd(7)}  ${c.title ?? ''}`);
    return 0;
  });
}
