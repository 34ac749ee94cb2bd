/**
 * What each person sees in Telegram's command menu ("/"), and in /help: the
 * commands by role. Published at start per scope: everyone's private chat
 * (start, help), each staff member's private chat (by their roles from the
 * organisation file), and each of the organisation's work chats.
 */
import type { Api } from 'grammy';
import type { BotCommand, BotCommandScope } from 'grammy/types';
import type { Role } from '../../shared/platform/config/org-schema.js';
import type { Org } from '../../shared/platform/config/org.js';
import { t } from '../../shared/platform/i18n.js';
import type { AppContext } from '../../shared/networks/context.js';

type Command = 'start' | 'help' | 'my' | 'find' | 'card' | 'cancel' | 'away' | 'overdue' | 'report' | 'templates' | 'receipt' | 'dismiss' | 'invite' | 'staff' | 'revoke' | 'privacy';

const common: readonly Command[] = ['my', 'find', 'card', 'away', 'cancel'];
const byRole: Record<Role, readonly Command[]> = {
  curator: ['overdue', 'report', 'templates', 'receipt', 'dismiss'],
  executor: [],
  // The head approves drafts and the citizens' acknowledgement where the profile says so (sobolevo-2021).
  head: ['overdue', 'report', 'receipt', 'dismiss'],
  duty: ['overdue'],
  admin: ['invite', 'staff', 'revoke', 'privacy'],
};

/** The commands of someone with these roles, in the menu's order. */
export function commandsFor(roles: readonly Role[]): Command[] {
  const wanted = new Set<Command>([...common, ...roles.flatMap((r) => byRole[r]), 'help', 'start']);
  const order: readonly Command[] = ['my', 'overdue', 'find', 'card', 'report', 'templates', 'receipt', 'away', 'dismiss', 'cancel', 'invite', 'staff', 'revoke', 'privacy', 'help', 'start'];
  return order.filter((c) => wanted.has(c));
}

const menu = (commands: readonly Command[]): BotCommand[] => commands.map((command) => ({ command, description: t(`cmd-${command}`) }));

/** Every scope's menu for this organisation. */
export function commandMenus(org: Org): { scope: BotCommandScope; commands: BotCommand[] }[] {
  const menus: { scope: BotCommandScope; commands: BotCommand[] }[] = [
    // Anyone not on staff may only check who the bot is.
    { scope: { type: 'all_private_chats' }, commands: menu(['start', 'help']) },
  ];
  // A work chat's menu: what its members use there (the report comes to the chat where it is asked for).
  const chat = (chatId: number, commands: readonly Command[]) => menus.push({ scope: { type: 'chat', chat_id: chatId }, commands: menu(commands) });
  chat(org.chats.curators, ['my', 'overdue', 'find', 'report', 'help']);
  chat(org.chats.heads, ['overdue', 'find', 'report', 'help']);
  chat(org.chats.duty, ['overdue', 'find', 'help']);
  for (const d of org.departments) if (d.chat !== undefined) chat(d.chat, ['my', 'find', 'help']);
  for (const member of org.staff) chat(member.telegramId, commandsFor(member.roles));
  return menus;
}

/**
 * Publishes the menus. A menu is a convenience: a scope Telegram refuses (a person who has not
 * opened the private chat yet, a chat the bot has left) is logged and skipped, never fatal.
 */
export async function publishCommandMenus(app: AppContext, api: Api): Promise<void> {
  // MAX keeps one menu for everyone, citizens included: only «start» and «help», and /help lists each role's commands.
  const menus = app.staffMessenger?.kind === 'max' ? commandMenus(app.org).slice(0, 1) : commandMenus(app.org);
  for (const { scope, commands } of menus) {
    try {
      await api.setMyCommands(commands, { scope });
    } catch (err) {
      app.log.warn({ scope: scope.type, chatId: 'chat_id' in scope ? scope.chat_id : undefined, err: (err as Error).message }, 'command menu not set for a scope');
    }
  }
}
