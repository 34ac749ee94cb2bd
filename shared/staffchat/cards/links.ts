/**
 * Links that open a card: the card's message in a group chat (where the messenger has such links), or the
 * bot's deep link that shows it in the private chat. The messenger decides their shape (staff-messenger.ts).
 */
import type { StaffMessenger } from '../../networks/staff-messenger.js';

export type StaffLinks = {
  /** The bot's private chat opened with a start payload; null when the bot's username is not known. */
  deepLink: ((payload: string) => string) | null;
  messageLink(chatId: number, messageId: number): string | null;
};

export const NO_LINKS: StaffLinks = { deepLink: null, messageLink: () => null };

export function staffLinks(messenger: StaffMessenger | null, botUsername: string | null): StaffLinks {
  if (!messenger) return NO_LINKS;
  return {
    deepLink: botUsername ? (payload) => messenger.deepLink(botUsername, payload) : null,
    messageLink: (chatId, messageId) => messenger.messageLink(chatId, messageId),
  };
}

/** `?start=c<N>`: the staff bot shows incident N's card in the private chat (to whoever may see it). */
export const cardStartPayload = (incidentId: number) => `c${incidentId}`;
