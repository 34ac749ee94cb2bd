/** Escaping for Telegram's HTML parse mode: the only three entities it requires, plus quotes inside attributes. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
