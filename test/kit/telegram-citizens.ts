/**
 * Citizens writing to the administration's bot in private, for the Telegram
 * publishing tests: an organisation file whose staff bot is also the public
 * bot, a message taken to the curator's approval, and what the citizen got.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLE_ORG, type Harness } from '../../shared/sandbox/demo/harness.js';
import { routeAsSuggested, writeDraft } from '../../shared/sandbox/demo/flow.js';
import { cardSays, until } from '../../shared/sandbox/demo/staff.js';

const CURATOR = 101;
const ROADS = 201;

/** The example organisation, its staff bot also the public bot (citizens write to it in private). */
export function publicBotOrgPath(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'otklik-org-')), 'org.yaml');
  writeFileSync(path, readFileSync(EXAMPLE_ORG, 'utf8').replace('  vk: { groupId: 123456 }', '  vk: { groupId: 123456 }\n  telegram: { publicBot: true }'));
  return path;
}

/** A citizen's private message about a road, routed and drafted by the roads department, waiting for the curator's approval. */
export async function roadMessageOnApproval(h: Harness, citizen: number, text: string, answer: string): Promise<number> {
  h.telegram.injectMessage({ chatId: citizen, from: { id: citizen, first_name: 'Ирина' }, text });
  const curators = h.org.chats.curators;
  const card = await until(() => h.telegram.messages(curators).find((m) => m.text?.includes(text.slice(0, 30)) && m.replyMarkup), 'the curators\' card', 30_000);
  const id = Number(/№(\d+)/.exec(card.text!)![1]);
  await routeAsSuggested(h, id, CURATOR);
  await writeDraft(h, id, ROADS, ROADS, answer);
  await cardSays(h, curators, id, (t) => t.includes('на согласовании'), 'on approval');
  return id;
}

/** The bot's replies in a citizen's private chat. */
export const repliesTo = (h: Harness, citizen: number) => h.telegram.messages(citizen).filter((m) => m.fromBot && m.replyTo !== undefined);

/** Matches Bot API calls to one chat (for the fake's holdNext and failNext). */
export const toChat = (chatId: number) => (params: Record<string, unknown>) => Number(params.chat_id) === chatId;
