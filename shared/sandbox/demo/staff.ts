/**
 * Staff in the fake staff messenger (Telegram or MAX, through h.staff): find a card, press its buttons,
 * answer the bot. Everything goes through the fake's HTTP API as a real client would; the demo and the
 * end-to-end tests share these steps, so each runs in either messenger.
 */
import type { Harness } from './harness.js';
import type { StaffButton, StaffMessage } from './staff-side.js';
import { messageNew, postVkCallback } from '../fakes/vk-callback.js';
import { until } from './until.js';

export { until } from './until.js';

/** A button as the scenarios read it: `data` is what a tap sends; `callback_data` the same, by Telegram's name. */
export type Button = StaffButton & { callback_data?: string };

/** A message in a staff chat as a scenario reads it; `replyMarkup` keeps the buttons in Telegram's shape. */
export type SeenMessage = StaffMessage & { buttons: Button[]; replyMarkup?: { inline_keyboard: Button[][] } };

const withAlias = (b: StaffButton): Button => (b.data !== undefined ? { ...b, callback_data: b.data } : b);

/** What a person sees in a staff chat (a work chat by its id, a private chat by the person's id), in either messenger. */
export function seen(h: Harness, chatId: number): SeenMessage[] {
  return h.staff.messages(chatId).map((m) => {
    const rows = m.rows.map((row) => row.map(withAlias));
    return { ...m, rows, buttons: rows.flat(), ...(rows.length ? { replyMarkup: { inline_keyboard: rows } } : {}) };
  });
}

export function cardIn(h: Harness, chatId: number, incidentId: number): SeenMessage | undefined {
  return seen(h, chatId).find((m) => m.text?.startsWith(`Сообщение №${incidentId} `));
}

export function buttonsOf(h: Harness, chatId: number, incidentId: number): Button[] {
  return cardIn(h, chatId, incidentId)?.buttons ?? [];
}

/** Waits for a card whose text satisfies `check`, e.g. a new status line. */
export function cardSays(h: Harness, chatId: number, incidentId: number, check: (text: string) => boolean, what: string): Promise<SeenMessage> {
  return until(() => {
    const card = cardIn(h, chatId, incidentId);
    return card?.text && check(card.text) ? card : undefined;
  }, what);
}

/**
 * Presses the card button whose label starts with `label`; returns the popup the messenger shows.
 * Like a person, it taps again when told the card was outdated (a colleague acted first, or the card
 * was being redrawn as it was tapped) and the refreshed card still offers the button.
 */
export async function press(h: Harness, chatId: number, incidentId: number, userId: number, label: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const card = await until(() => cardIn(h, chatId, incidentId), `card №${incidentId} in chat ${chatId}`);
    const button = card.buttons.find((b) => b.text.startsWith(label) && b.data);
    if (!button) throw new Error(`no button "${label}" on card №${incidentId} in ${chatId}: ${card.buttons.map((b) => b.text).join(' | ')}`);
    const popup = await pressData(h, chatId, card.id, userId, button.data!);
    // Outdated either way: the version moved on ("устарела"), or the card's buttons were redrawn between
    // reading the card and tapping ("больше не действует").
    if (!(popup.includes('устарела') || popup.includes('больше не действует')) || attempt === 4) return popup;
    await until(() => buttonsOf(h, chatId, incidentId).every((b) => b.data !== button.data), 'the refreshed card');
  }
}

/** Presses a button by what it sends (e.g. one kept from an older card); resolves with the popup ('' for none). */
export function pressData(h: Harness, chatId: number, messageId: number | string, userId: number, data: string): Promise<string> {
  return h.staff.tap(chatId, messageId, userId, data);
}

/** Waits for a message in a staff chat after the first `after` ones whose text satisfies `check`. */
export function newMessage(h: Harness, chatId: number, after: number, check: (text: string) => boolean, what: string): Promise<SeenMessage> {
  return until(() => seen(h, chatId).slice(after).find((m) => m.text !== undefined && check(m.text)), what);
}

/** A citizen writes to the community; resolves with the new incident's number once its curators' card is up. */
export async function citizenWrites(h: Harness, fromId: number, text: string): Promise<number> {
  const event = messageNew({ groupId: h.vk.group.id, secret: h.env.VK_CALLBACK_SECRET!, fromId, text });
  await postVkCallback(h.vkWebhookUrl, event);
  const card = await until(
    () => h.staff.messages(h.org.chats.curators).find((m) => m.text?.includes(text.slice(0, 40)) && m.buttons.length > 0),
    'the curators\' card',
  );
  return Number(/№(\d+)/.exec(card.text!)![1]);
}
