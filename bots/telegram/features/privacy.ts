/**
 * /privacy export|erase NET ID [request] — a citizen's request about their
 * personal data (152-ФЗ art. 14, 21), as `otklik privacy` does it, for admins
 * in their private chat with the bot. The export comes back as a JSON file;
 * an erasure is shown first (how many messages, which numbers) and done when
 * the admin sends the same command again ending in «да»: it cannot be undone,
 * and a mistyped id would erase someone else. Both are audited as
 * `telegram:<admin's id>`.
 */
import { Composer, InputFile } from 'grammy';
import { t } from '../../../shared/platform/i18n.js';
import type { AppContext } from '../../../shared/networks/context.js';
import { networkIds } from '../../../shared/networks/types.js';
import { authorHoldings, eraseAuthor, exportAuthor, parseAuthorRef, type PrivacyActor } from '../../../shared/flows/privacy/index.js';
import type { BotContext } from '../context.js';
import { staffSeesAuthor } from '../../../shared/staffchat/cards/author.js';

const CONFIRM = 'да';
/** Incident numbers listed in the confirmation before "…". */
const LIST_MAX = 20;

export function privacyFeature(app: AppContext) {
  const feature = new Composer<BotContext>();
  feature.command('privacy', async (tg) => {
    const member = tg.staff;
    if (!member) return void (await tg.reply(t('start-unknown')));
    if (!member.roles.includes('admin')) return void (await tg.reply(t('privacy-cmd-admin-only')));
    if (tg.chat?.type !== 'private') return void (await tg.reply(t('privacy-cmd-private-only')));
    const words = String(tg.match ?? '').trim().split(/\s+/).filter(Boolean);
    const confirmed = words.at(-1)?.toLowerCase() === CONFIRM;
    if (confirmed) words.pop();
    const [verb, network, authorId, request, ...rest] = words;
    const author = parseAuthorRef(network, authorId);
    if ((verb !== 'export' && verb !== 'erase') || !author || rest.length) {
      return void (await tg.reply(t('privacy-cmd-usage', { networks: networkIds.join(', ') })));
    }
    const by: PrivacyActor = { actor: `telegram:${member.telegramId}`, request: request ?? null };
    const named = { network: t(`network-${author.network}`), id: author.authorId };
    if (verb === 'export') {
      // The export is the citizen's data itself: where it must stay out of the staff messenger, only the CLI gives it.
      if (!staffSeesAuthor(app.org)) return void (await tg.reply(t('privacy-export-cli-only')));
      const data = await exportAuthor(app, author, by);
      const file = new InputFile(Buffer.from(JSON.stringify(data, null, 2)), `privacy-${author.network}-${author.authorId}.json`);
      await tg.replyWithDocument(file, { caption: t('privacy-export-caption', { ...named, incidents: data.incidents.length, events: data.inboundEvents.length }) });
      return;
    }
    if (!confirmed) {
      const found = await authorHoldings(app, author);
      if (!found.incidentIds.length && !found.inboundEvents) return void (await tg.reply(t('privacy-erase-nothing', named)));
      const list = found.incidentIds.slice(0, LIST_MAX).map((id) => `№${id}`).join(', ') + (found.incidentIds.length > LIST_MAX ? ', …' : '');
      const command = ['/privacy', 'erase', author.network, author.authorId, ...(request ? [request] : []), CONFIRM].join(' ');
      await tg.reply(t('privacy-erase-confirm', { ...named, incidents: found.incidentIds.length, list: list || '—', events: found.inboundEvents, command }), { parse_mode: 'HTML' });
      return;
    }
    const done = await eraseAuthor(app, author, by);
    await tg.reply(t('privacy-erase-done', { ...named, incidents: done.incidents, events: done.inboundEvents }));
  });
  return feature;
}
