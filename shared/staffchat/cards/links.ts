/** Links that open a card: the message in a supergroup, or the bot's deep link that shows it in the private chat. */

/** A message in a supergroup (t.me/c/<id>/<message>); null for a chat without such links (a basic group, a private chat). */
export function messageLink(chatId: number, messageId: number): string | null {
  const id = String(chatId);
  return id.startsWith('-100') ? `https://t.me/c/${id.slice(4)}/${messageId}` : null;
}

/** `?start=c<N>`: the staff bot shows incident N's card in the private chat (to whoever may see it). */
export const cardDeepLink = (botUsername: string, incidentId: number) => `https://t.me/${botUsername}?start=c${incidentId}`;
