/**
 * How the citizen who wrote is shown to staff: the one place that decides.
 * By default staff see the author's name (or, without one, their network id).
 * With `privacy.staffSeesAuthor: false` in the organisation file the staff
 * messenger gets a neutral «Житель (ВКонтакте)» instead, and no link that
 * carries the author's id (a VK dialog link names the citizen's id), so an
 * administration that must not pass citizens' personal data through Telegram
 * (149-ФЗ art. 10 p. 8; docs/ru/messenger-law.md) still works there. The
 * citizen's text is shown as before. PostgreSQL keeps everything: publishing
 * and the 152-ФЗ export need it. No pseudonymous tag: a stable one is still
 * personal data to the operator, and the card's repeat suggestion already
 * links an author's incidents by number.
 */
import type { Org } from '../../platform/config/org.js';
import { t } from '../../platform/i18n.js';
import { escapeHtml } from './html.js';

export type AuthorOf = { network: string; authorId: string; authorName: string | null };

/** Whether the organisation lets its staff messenger carry the author's identity (default: yes, as before the option). */
export const staffSeesAuthor = (org: Pick<Org, 'privacy'>): boolean => org.privacy?.staffSeesAuthor ?? true;

/** The author as a few words of HTML-escaped text: the name, the network id, or the neutral label. */
export function authorLabel(incident: AuthorOf, seen: boolean): string {
  if (!seen) return escapeHtml(t('author-hidden', { network: t(`network-${incident.network}`) }));
  return escapeHtml(incident.authorName ?? t('digest-author-unknown', { id: incident.authorId }));
}

/** The card's and alert's author line. */
export function authorLine(incident: AuthorOf, seen: boolean): string {
  if (!seen) return t('card-author', { author: authorLabel(incident, false) });
  return incident.authorName
    ? t('card-author', { author: escapeHtml(incident.authorName) })
    : t('card-author-unknown', { id: escapeHtml(incident.authorId) });
}

/**
 * A link as staff may get it: a public post's or comment's link stays (anyone
 * can open it; staff need it to see the original), a private dialog's link
 * (vkLinks.dm: `vk.com/gim<group>?sel=<citizen's id>`) is dropped when the
 * author is hidden, since it is the citizen's id.
 */
export function staffLink(link: string | null, seen: boolean): string | null {
  if (link === null || seen) return link;
  return DIALOG_LINK.test(link) ? null : link;
}

const DIALOG_LINK = /\/gim\d+\?(?:[^#]*&)?sel=/;
