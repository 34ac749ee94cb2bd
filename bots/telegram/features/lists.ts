/**
 * /my — what waits for me, most urgent first; /overdue — what is late, the
 * oldest deadline first; /find — by number or words, closed incidents too.
 * Each is complete: a page of short lines that fit a phone screen, ◀/▶ to
 * turn, and every number a link to the card (the card message in the
 * person's chat, or the deep link that shows it in the private chat).
 */
import { staffLinks } from '../../../shared/staffchat/cards/links.js';
import { randomBytes } from 'node:crypto';
import { Composer } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import { deadlineLine } from '../../../shared/staffchat/cards/deadline.js';
import { foldText } from '../../../shared/staffchat/cards/render.js';
import { escapeHtml } from '../../../shared/staffchat/cards/html.js';
import { t } from '../../../shared/platform/i18n.js';
import type { AppContext } from '../../../shared/networks/context.js';
import { cardLinks, listPage, type ListItem, type ListKind, type ListPage } from '../../../shared/flows/lists/query.js';
import type { StaffMember } from '../../../shared/platform/config/org.js';
import type { BotContext } from '../context.js';

const titles: Record<ListKind, { title: string; empty: string }> = {
  my: { title: 'list-my', empty: 'list-my-empty' },
  overdue: { title: 'list-overdue', empty: 'list-overdue-empty' },
  find: { title: 'find-found', empty: 'find-empty' },
};

/**
 * A page turn's callback_data: `ls:<m|o|f>:<page>[:<query>]`. /find's words ride along when they fit
 * Telegram's 64 bytes; longer ones are kept in Redis for a week under a short key (`ls:F:<page>:<key>`).
 */
const CALLBACK = /^ls:([mofF]):(\d{1,6})(?::(.*))?$/s;
const QUERY_TTL_S = 7 * 24 * 3600;
const kindCode: Record<ListKind, string> = { my: 'm', overdue: 'o', find: 'f' };

function line(app: AppContext, item: ListItem, link: string | undefined): string {
  const now = app.clock.now();
  const when = item.nextDue && item.nextTimer ? deadlineLine({ timer: item.nextTimer, due: item.nextDue }, now, app.org.timezone) : t(`status-${item.status}`);
  const number = link ? `<a href="${escapeHtml(link)}">№${item.id}</a>` : `№${item.id}`;
  return t('list-line-linked', { number, text: escapeHtml(foldText(item.text.replace(/\s+/g, ' '), 60)), when });
}

async function render(app: AppContext, tg: BotContext, member: StaffMember, kind: ListKind, page: ListPage, queryData: string | null) {
  if (!page.total) return { text: t(titles[kind].empty), markup: undefined };
  const links = await cardLinks(app.database.db, member, app.org, page.items.map((i) => i.id), staffLinks(app.staffMessenger, tg.me.username ?? null));
  const lines = page.items.map((i) => line(app, i, links.get(i.id)));
  const text = [t(titles[kind].title, { count: page.total }), ...lines, ...(page.pages > 1 ? ['', t('list-page', { page: page.page, pages: page.pages })] : [])].join('\n');
  return { text, markup: keyboard(kind, page, queryData) };
}

function keyboard(kind: ListKind, page: ListPage, queryData: string | null): InlineKeyboardMarkup | undefined {
  if (page.pages <= 1) return undefined;
  const data = (to: number) => `ls:${queryData ? queryData.split(':')[0] : kindCode[kind]}:${to}${queryData ? `:${queryData.split(':').slice(1).join(':')}` : ''}`;
  // Wraps around, so the row keeps its shape on the first and last page.
  return {
    inline_keyboard: [
      [
        { text: t('list-previous'), callback_data: data(page.page === 1 ? page.pages : page.page - 1) },
        { text: t('list-position', { page: page.page, pages: page.pages }), callback_data: data(page.page) },
        { text: t('list-next'), callback_data: data(page.page === page.pages ? 1 : page.page + 1) },
      ],
    ],
  };
}

/** `f:<query>` when the words fit in callback_data, else `F:<redis key>`. */
async function queryData(app: AppContext, query: string): Promise<string> {
  // ls:f:999999: is 12 bytes at most; the rest of Telegram's 64 bytes may carry the words.
  if (Buffer.byteLength(query) <= 52) return `f:${query}`;
  const key = randomBytes(9).toString('base64url');
  await app.redis.set(`${app.queuePrefix}:find:${key}`, query, 'EX', QUERY_TTL_S);
  return `F:${key}`;
}

export function listsFeature(app: AppContext) {
  const feature = new Composer<BotContext>();
  feature.command(['my', 'overdue', 'find'], async (tg, next) => {
    const member = tg.staff;
    if (!member) return void (await tg.reply(t('start-unknown')));
    const command = tg.message?.text?.split(/[\s@]/)[0]?.slice(1);
    if (command !== 'my' && command !== 'overdue' && command !== 'find') return next();
    // Lists name citizens' posts: only in a private chat, never in a group others read.
    if (tg.chat?.type !== 'private') return void (await tg.reply(t('list-private-only', { command: `/${command}` })));
    const query = command === 'find' ? String(tg.match ?? '').trim() : '';
    if (command === 'find' && !query) return void (await tg.reply(t('find-usage')));
    const page = await listPage(app.database.db, member, { kind: command, page: 1, now: app.clock.now(), query });
    const shown = await render(app, tg, member, command, page, command === 'find' ? await queryData(app, query) : null);
    await tg.reply(shown.text, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...(shown.markup ? { reply_markup: shown.markup } : {}) });
  });

  // ◀/▶ under a list: the same list for the presser, at that page, edited in place.
  feature.callbackQuery(CALLBACK, async (tg) => {
    const member = tg.staff;
    if (!member) return void (await tg.answerCallbackQuery({ text: t('button-not-staff'), show_alert: true }));
    const [, code, pageText, rest = ''] = tg.match as RegExpMatchArray;
    const kind: ListKind = code === 'm' ? 'my' : code === 'o' ? 'overdue' : 'find';
    let query = rest;
    if (code === 'F') {
      const kept = await app.redis.get(`${app.queuePrefix}:find:${rest}`);
      if (kept === null) return void (await tg.answerCallbackQuery({ text: t('button-gone') }));
      query = kept;
    }
    const page = await listPage(app.database.db, member, { kind, page: Number(pageText), now: app.clock.now(), query });
    const shown = await render(app, tg, member, kind, page, kind === 'find' ? `${code}:${rest}` : null);
    await tg.answerCallbackQuery();
    await tg
      .editMessageText(shown.text, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...(shown.markup ? { reply_markup: shown.markup } : {}) })
      .catch((err: unknown) => app.log.info({ err: (err as Error).message }, 'list page not edited (unchanged or gone)'));
  });
  return feature;
}
