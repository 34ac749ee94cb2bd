/**
 * What the sandbox page shows, read from the fake networks: the staff's
 * chats as their messenger's app would draw them (Telegram or MAX, through
 * staff-view.ts), and each citizen's threads on VK, OK and Telegram with the
 * administration's replies.
 */
import type { Session } from './session.js';
import type { MessageView } from './message-view.js';

export type { ButtonView, EntityView, MessageView } from './message-view.js';
export type ChatView = { id: number; title: string; kind: 'group' | 'private'; messages: MessageView[] };
export type CitizenMessageView = { from: 'citizen' | 'administration'; text: string; photo?: string; at: number };
export type ThreadView = { key: string; network: 'vk' | 'ok' | 'telegram'; title: string; messages: CitizenMessageView[] };
export type PersonView = { id: number; name: string; roles: string[] };

/** The staff chats a person sees: the groups they are in and their private chat with the bot. */
export function staffChats(s: Session, me: number): ChatView[] {
  const { org } = s;
  const person = org.staff.find((p) => p.telegramId === me);
  const roles = new Set(person?.roles ?? []);
  const groups: Array<{ id: number; title: string; show: boolean }> = [
    { id: org.chats.curators, title: 'Кураторы', show: roles.has('curator') || roles.has('admin') },
    ...org.departments.filter((d) => d.chat !== undefined).map((d) => ({ id: d.chat!, title: d.name, show: person?.department === d.id || roles.has('curator') })),
    { id: org.chats.duty, title: 'Дежурные', show: roles.has('duty') || roles.has('curator') },
    { id: org.chats.heads, title: 'Руководители', show: roles.has('head') },
  ];
  const chats: ChatView[] = [{ id: me, title: 'Личный чат с ботом', kind: 'private', messages: s.staffView.messages(me, me) }];
  for (const g of groups) {
    if (!g.show) continue;
    chats.push({ id: g.id, title: g.title, kind: 'group', messages: s.staffView.messages(g.id, me) });
  }
  return chats;
}

export function people(s: Session): PersonView[] {
  return s.org.staff.map((p) => ({ id: p.telegramId, name: p.name, roles: [...p.roles] }));
}

/** A citizen's threads: what they wrote (kept by the session) and what the administration sent back. */
export function citizenThreads(s: Session, citizen: number): ThreadView[] {
  const threads = new Map<string, ThreadView>();
  const thread = (key: string, network: ThreadView['network'], title: string) => {
    let t = threads.get(key);
    if (!t) threads.set(key, (t = { key, network, title, messages: [] }));
    return t;
  };
  const vkDm = `vk:dm:${citizen}`;
  const vkPost = `vk:post:`;
  for (const e of s.citizens) {
    if (e.author !== citizen && !e.thread.startsWith(vkPost)) continue;
    const title = e.thread.startsWith(vkPost) ? 'ВКонтакте: комментарии к посту администрации' : e.network === 'vk' ? 'ВКонтакте: личные сообщения сообществу' : 'Одноклассники: сообщения группе';
    thread(e.thread, e.network, title).messages.push({ from: 'citizen', text: e.author === citizen ? e.text : `(другой житель) ${e.text}`, at: e.at, ...(e.photo ? { photo: e.photo } : {}) });
  }
  for (const sent of s.vk.sent) {
    if (sent.kind === 'message' && sent.peerId === citizen) {
      thread(vkDm, 'vk', 'ВКонтакте: личные сообщения сообществу').messages.push({ from: 'administration', text: sent.text, at: sent.at });
    } else if (sent.kind === 'comment' && threads.has(`${vkPost}${sent.postId}`)) {
      thread(`${vkPost}${sent.postId}`, 'vk', 'ВКонтакте: комментарии к посту администрации').messages.push({ from: 'administration', text: sent.text, at: sent.at });
    }
  }
  const okChat = s.ok.chatOf(citizen);
  for (const sent of s.ok.sent) {
    if (sent.chatId !== okChat) continue;
    thread(`ok:${citizen}`, 'ok', 'Одноклассники: сообщения группе').messages.push({ from: 'administration', text: sent.text ?? '', at: sent.at });
  }
  const tg = s.telegram.messages(citizen);
  if (tg.length) {
    const t = thread(`tg:${citizen}`, 'telegram', 'Telegram: чат с ботом администрации');
    for (const m of tg) {
      const photo = m.photo?.length ? `/api/file?id=${encodeURIComponent(m.photo[m.photo.length - 1]!.file_id)}` : undefined;
      t.messages.push({ from: m.fromBot ? 'administration' : 'citizen', text: m.text ?? m.caption ?? '', at: m.date * 1000, ...(photo ? { photo } : {}) });
    }
  }
  for (const t of threads.values()) t.messages.sort((a, b) => a.at - b.at);
  return [...threads.values()];
}
