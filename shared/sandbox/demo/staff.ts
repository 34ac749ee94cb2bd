/**
 * Staff in the fake Telegram: find a card, press its buttons, answer the
 * bot. Everything goes through the fake's HTTP API as a real client would;
 * the demo and the end-to-end tests share these steps.
 */
import type { Harness } from './harness.js';
import { messageNew, postVkCallback } from '../fakes/vk-callback.js';

export async function until<T>(probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

type Button = { text: string; callback_data?: string; url?: string };

export function cardIn(h: Harness, chatId: number, incidentId: number) {
  return h.telegram.messages(chatId).find((m) => m.text?.startsWith(`Сообщение №${incidentId} `));
}

export function buttonsOf(h: Harness, chatId: number, incidentId: number): Button[] {
  const markup = cardIn(h, chatId, incidentId)?.replyMarkup as { inline_keyboard?: Button[][] } | undefined;
  return markup?.inline_keyboard?.flat() ?? [];
}

/** Waits for a card whose text satisfies `check`, e.g. a new status line. */
export function cardSays(h: Harness, chatId: number, incidentId: number, check: (text: string) => boolean, what: string) {
  return until(() => {
    const card = cardIn(h, chatId, incidentId);
    return card?.text && check(card.text) ? card : undefined;
  }, what);
}

/**
 * Presses the card button whose label starts with `label`; returns the popup Telegram would show.
 * Like a person, it taps again when told the card was outdated (a colleague acted first, or the card
 * was being redrawn as it was tapped) and the refreshed card still offers the button.
 */
export async function press(h: Harness, chatId: number, incidentId: number, userId: number, label: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const card = await until(() => cardIn(h, chatId, incidentId), `card №${incidentId} in chat ${chatId}`);
    const button = buttonsOf(h, chatId, incidentId).find((b) => b.text.startsWith(label) && b.callback_data);
    if (!button) throw new Error(`no button "${label}" on card №${incidentId} in ${chatId}: ${buttonsOf(h, chatId, incidentId).map((b) => b.text).join(' | ')}`);
    const popup = await pressData(h, chatId, card.id, userId, button.callback_data!);
    // Outdated either way: the version moved on ("устарела"), or the card's buttons were redrawn between
    // reading the card and tapping ("больше не действует").
    if (!(popup.includes('устарела') || popup.includes('больше не действует')) || attempt === 4) return popup;
    await until(() => buttonsOf(h, chatId, incidentId).every((b) => b.callback_data !== button.callback_data), 'the refreshed card');
  }
}

/** Presses a button by its callback_data (e.g. one kept from an older card). */
export async function pressData(h: Harness, chatId: number, messageId: number, userId: number, data: string): Promise<string> {
  const id = h.telegram.injectCallbackQuery({ chatId, messageId, from: userId, data });
  const answer = await until(() => h.telegram.callbackAnswer(id), `answer to callback ${id}`);
  return String(answer.text ?? '');
}

/** A citizen writes to the community; resolves with the new incident's number once its curators' card is up. */
export async function citizenWrites(h: Harness, fromId: number, text: string): Promise<number> {
  const event = messageNew({ groupId: h.vk.group.id, secret: h.env.VK_CALLBACK_SECRET!, fromId, text });
  await postVkCallback(h.vkWebhookUrl, event);
  const card = await until(
    () => h.telegram.messages(h.org.chats.curators).find((m) => m.text?.includes(text.slice(0, 40)) && m.replyMarkup),
    'the curators\' card',
  );
  return Number(/№(\d+)/.exec(card.text!)![1]);
}
