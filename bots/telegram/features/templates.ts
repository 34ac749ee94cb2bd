/**
 * /templates: curators keep answer templates per topic in the private chat
 * with the bot — list, add, change, delete. /receipt: the text of the
 * citizens' acknowledgement, proposed by a curator and approved by the
 * profile's approver. Texts are asked with a force-reply question and checked
 * by the core (shared/core/templates/) before they are stored; a refused text
 * is explained and asked again, nothing is lost.
 *
 * These buttons are about no incident, so they carry their own short data
 * (`tpl:…`, `ack:…`) rather than a stored button: every tap is checked
 * against the presser's role, and a change or deletion names the template's
 * revision, so a list that is out of date acts on nothing.
 */
import { Composer, type Context } from 'grammy';
import type { InlineKeyboardButton, InlineKeyboardMarkup, Message } from 'grammy/types';
import {
  acknowledgementRequired,
  acknowledgementVariables,
  checkTemplate,
  templateVariables,
  type TemplateProblem,
} from '../../../shared/core/templates/index.js';
import { t } from '../../../shared/platform/i18n.js';
import type { AppContext } from '../../../shared/networks/context.js';
import type { StaffMember } from '../../../shared/platform/config/org.js';
import { peekInput } from '../../../shared/flows/command/pending.js';
import {
  addTemplate,
  approveAcknowledgement,
  approvedAcknowledgement,
  awaitTemplateInput,
  deleteTemplate,
  editTemplate,
  findTemplate,
  listTemplates,
  peekTemplateInput,
  proposeAcknowledgement,
  proposedAcknowledgement,
  takeTemplateInput,
  type TemplateInput,
} from '../../../shared/flows/templates/store.js';
import { escapeHtml } from '../../../shared/staffchat/cards/html.js';
import type { BotContext } from '../context.js';

/** Templates a page: a picker longer than this pages (Telegram caps a keyboard at 100 buttons). */
export const PAGE = 8;
const TITLE_MAX = 60;

const isCurator = (m: StaffMember) => m.roles.includes('curator');
const mayApprove = (app: AppContext, m: StaffMember) => m.roles.includes(app.rules.approver);
const mayPropose = (app: AppContext, m: StaffMember) => isCurator(m) || mayApprove(app, m);
const approverName = (app: AppContext) => t(`role-${app.rules.approver}`);
const staffName = (app: AppContext, id: number | null) => app.org.staff.find((s) => s.telegramId === id)?.name ?? String(id ?? '');
const variablesList = (names: readonly string[]) => names.map((n) => `{${n}}`).join(', ');

/** A page of items as keyboard rows, with « Назад / Дальше » where there is more. */
export function paged<T>(items: readonly T[], page: number, row: (item: T, index: number) => InlineKeyboardButton[], pageData: (page: number) => string) {
  const pages = Math.max(1, Math.ceil(items.length / PAGE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const rows = items.slice(current * PAGE, current * PAGE + PAGE).map((item, i) => row(item, current * PAGE + i));
  const nav: InlineKeyboardButton[] = [];
  if (current > 0) nav.push({ text: t('btn-page-back'), callback_data: pageData(current - 1) });
  if (current < pages - 1) nav.push({ text: t('btn-page-next'), callback_data: pageData(current + 1) });
  return { rows: nav.length ? [...rows, nav] : rows, current };
}

export function problemText(problem: TemplateProblem, allowed: readonly string[]): string {
  switch (problem.problem) {
    case 'empty':
    case 'unbalanced':
      return t(`template-problem-${problem.problem}`);
    case 'too_long':
      return t('template-problem-too_long', { max: problem.max });
    case 'unknown':
      return t('template-problem-unknown', { names: variablesList(problem.names), allowed: variablesList(allowed) });
    case 'missing':
      return t('template-problem-missing', { names: variablesList(problem.names) });
  }
}

// ---- /templates

async function listView(app: AppContext, page: number): Promise<{ text: string; markup: InlineKeyboardMarkup }> {
  const all = await listTemplates(app.database.db);
  const { rows, current } = paged(
    all,
    page,
    (tpl) => [
      { text: t('btn-template-edit', { title: tpl.title }), callback_data: `tpl:e:${tpl.id}:${tpl.revision}` },
      { text: t('btn-template-delete'), callback_data: `tpl:d:${tpl.id}:${tpl.revision}` },
    ],
    (p) => `tpl:p:${p}`,
  );
  const lines = all
    .slice(current * PAGE, current * PAGE + PAGE)
    .map((tpl, i) => t('templates-line', { n: String(current * PAGE + i + 1), title: escapeHtml(tpl.title), topic: escapeHtml(tpl.topic ?? t('templates-any-topic')) }));
  const text = [all.length ? t('templates-title', { count: all.length }) : t('templates-empty'), ...lines, '', escapeHtml(t('templates-variables'))].join('\n');
  return { text, markup: { inline_keyboard: [...rows, [{ text: t('btn-template-new'), callback_data: 'tpl:n' }]] } };
}

function topicPicker(app: AppContext, page: number): InlineKeyboardMarkup {
  const { rows } = paged(app.org.topics, page, (topic, i) => [{ text: topic, callback_data: `tpl:t:${i}` }], (p) => `tpl:np:${p}`);
  return { inline_keyboard: [...rows, [{ text: t('btn-template-any-topic'), callback_data: 'tpl:t:x' }]] };
}

/** Asks for a text with a force-reply question; the question's message id ties the answer to it. */
async function ask(app: AppContext, tg: Context, userId: number, input: Omit<TemplateInput, 'userId'>, question: string): Promise<void> {
  const sent = await tg.api.sendMessage(userId, question, { reply_markup: { force_reply: true } });
  await awaitTemplateInput(app.database.db, { userId, action: input.action, args: { ...input.args, question: sent.message_id } });
}

async function showList(app: AppContext, tg: Context, page = 0): Promise<void> {
  const view = await listView(app, page);
  await tg.reply(view.text, { parse_mode: 'HTML', reply_markup: view.markup });
}

// ---- /receipt

async function receiptView(app: AppContext, member: StaffMember): Promise<{ text: string; markup: InlineKeyboardMarkup }> {
  const { db } = app.database;
  const approved = await approvedAcknowledgement(db);
  const proposed = await proposedAcknowledgement(db);
  const lines = [
    `<b>${t('receipt-title')}</b>`,
    escapeHtml(t('receipt-explain', { approver: approverName(app) })),
    escapeHtml(t(app.org.acknowledgement?.enabled ? 'receipt-enabled' : 'receipt-disabled')),
    '',
  ];
  if (approved) {
    const when = approved.approvedAt!.toLocaleDateString('ru-RU', { timeZone: app.org.timezone });
    lines.push(escapeHtml(t('receipt-approved', { who: staffName(app, approved.approvedBy), when })), `<blockquote>${escapeHtml(approved.body)}</blockquote>`);
  } else lines.push(escapeHtml(t('receipt-none-approved')));
  if (proposed) lines.push('', escapeHtml(t('receipt-proposed', { who: staffName(app, proposed.proposedBy) })), `<blockquote>${escapeHtml(proposed.body)}</blockquote>`);
  lines.push('', escapeHtml(t('receipt-variables')));
  const buttons: InlineKeyboardButton[][] = [];
  if (proposed && mayApprove(app, member)) buttons.push([{ text: t('btn-receipt-approve'), callback_data: `ack:a:${proposed.id}` }]);
  if (mayPropose(app, member)) buttons.push([{ text: t('btn-receipt-propose'), callback_data: 'ack:p' }]);
  return { text: lines.join('\n'), markup: { inline_keyboard: buttons } };
}

// ---- the texts asked for

/** «Название\nТекст…» → title and body; null when either is missing. */
function titleAndBody(text: string): { title: string; body: string } | null {
  const [first, ...rest] = text.split('\n');
  const title = first?.trim() ?? '';
  const body = rest.join('\n').trim();
  return title && body ? { title, body } : null;
}

/** Handles the answer to a template question; returns what to reply, and whether to ask again. */
async function answer(app: AppContext, member: StaffMember, input: TemplateInput, text: string): Promise<{ reply: string; again: boolean; list?: boolean }> {
  const { db } = app.database;
  const now = app.clock.now();
  const by = member.telegramId;
  const refused = (problem: TemplateProblem, allowed: readonly string[]) => ({ reply: `${problemText(problem, allowed)}\n${t('template-ask-again')}`, again: true });
  switch (input.action) {
    case 'template_add': {
      const parts = titleAndBody(text);
      if (!parts) return { reply: `${t('template-no-title')}\n${t('template-ask-again')}`, again: true };
      if (parts.title.length > TITLE_MAX) return { reply: `${t('template-title-too-long', { max: TITLE_MAX })}\n${t('template-ask-again')}`, again: true };
      const problem = checkTemplate(parts.body);
      if (problem) return refused(problem, templateVariables);
      const topic = typeof input.args.topic === 'string' ? input.args.topic : null;
      const saved = await addTemplate(db, { topic, title: parts.title, body: parts.body, by, at: now });
      return { reply: t('template-saved', { title: saved.title }), again: false, list: true };
    }
    case 'template_edit': {
      const problem = checkTemplate(text.trim());
      if (problem) return refused(problem, templateVariables);
      const edited = await editTemplate(db, { id: Number(input.args.id), revision: Number(input.args.revision), body: text.trim(), by, at: now });
      return edited ? { reply: t('template-edited', { title: edited.title }), again: false, list: true } : { reply: t('template-stale'), again: false };
    }
    case 'ack_propose': {
      const problem = checkTemplate(text.trim(), { allowed: acknowledgementVariables, required: acknowledgementRequired });
      if (problem) return refused(problem, acknowledgementVariables);
      await proposeAcknowledgement(db, { body: text.trim(), by, at: now });
      return { reply: t('receipt-proposed-done', { approver: approverName(app) }), again: false };
    }
  }
}

/** Whether this message answers the waiting question: a reply to it, or plain text when nothing else waits. */
async function answersQuestion(app: AppContext, message: Message, input: TemplateInput): Promise<boolean> {
  if (message.forward_origin) return false;
  const replyTo = message.reply_to_message?.message_id;
  if (replyTo !== undefined) return replyTo === input.args.question;
  // Not a reply (a client that dropped the force-reply): taken only when no incident's text is awaited.
  return (await peekInput(app.database.db, message.chat.id)) === null;
}

export function templatesFeature(app: AppContext) {
  const feature = new Composer<BotContext>();
  const { db } = app.database;

  feature.command('templates', async (tg) => {
    const member = tg.staff;
    if (!member) return void (await tg.reply(t('start-unknown')));
    if (tg.chat.type !== 'private') return void (await tg.reply(t('templates-private-only')));
    if (!isCurator(member)) return void (await tg.reply(t('template-curators-only')));
    await showList(app, tg);
  });

  feature.command('receipt', async (tg) => {
    const member = tg.staff;
    if (!member) return void (await tg.reply(t('start-unknown')));
    if (tg.chat.type !== 'private') return void (await tg.reply(t('templates-private-only')));
    const view = await receiptView(app, member);
    await tg.reply(view.text, { parse_mode: 'HTML', reply_markup: view.markup });
  });

  // The answer to a question this feature asked.
  feature.chatType('private').on('message:text', async (tg, next) => {
    const member = tg.staff;
    if (!member || tg.message.text.startsWith('/')) return next();
    const input = await peekTemplateInput(db, tg.from.id);
    if (!input || !(await answersQuestion(app, tg.message, input))) return next();
    const taken = await takeTemplateInput(db, tg.from.id);
    if (!taken) return next();
    const result = await answer(app, member, taken, tg.message.text);
    if (result.again) return ask(app, tg, tg.from.id, taken, result.reply);
    await tg.reply(result.reply);
    if (result.list) await showList(app, tg);
  });

  feature.on('callback_query:data', async (tg, next) => {
    const data = tg.callbackQuery.data;
    const match = /^(tpl|ack):([a-z]+)(?::([0-9x]+))?(?::(\d+))?$/.exec(data);
    if (!match) return next();
    const member = tg.staff;
    if (!member) return void (await tg.answerCallbackQuery({ text: t('button-not-staff'), show_alert: true }));
    const [, area, op, arg, revision] = match;
    const userId = member.telegramId;
    const popup = (text = '') => tg.answerCallbackQuery(text ? { text, show_alert: text.length > 60 } : {});

    if (area === 'ack') {
      if (op === 'p') {
        if (!mayPropose(app, member)) return void (await popup(t('receipt-not-allowed', { approver: approverName(app) })));
        await popup();
        return ask(app, tg, userId, { action: 'ack_propose', args: {} }, t('receipt-ask'));
      }
      if (op === 'a') {
        if (!mayApprove(app, member)) return void (await popup(t('receipt-not-allowed', { approver: approverName(app) })));
        const approved = await approveAcknowledgement(db, { id: Number(arg), by: userId, at: app.clock.now() });
        await popup(approved ? t('receipt-approved-done') : t('receipt-stale'));
        const view = await receiptView(app, member);
        await tg.editMessageText(view.text, { parse_mode: 'HTML', reply_markup: view.markup }).catch(() => undefined);
        return;
      }
      return void (await popup(t('button-gone')));
    }

    if (!isCurator(member)) return void (await popup(t('template-curators-only')));
    switch (op) {
      case 'p': {
        await popup();
        const view = await listView(app, Number(arg ?? 0));
        await tg.editMessageText(view.text, { parse_mode: 'HTML', reply_markup: view.markup }).catch(() => undefined);
        return;
      }
      case 'n':
      case 'np':
        await popup();
        if (op === 'n') await tg.reply(t('template-choose-topic'), { reply_markup: topicPicker(app, 0) });
        else await tg.editMessageReplyMarkup({ reply_markup: topicPicker(app, Number(arg ?? 0)) }).catch(() => undefined);
        return;
      case 't': {
        const topic = arg === 'x' ? null : (app.org.topics[Number(arg)] ?? undefined);
        if (topic === undefined) return void (await popup(t('button-gone')));
        await popup();
        return ask(app, tg, userId, { action: 'template_add', args: { topic } }, t('template-ask-new', { topic: topic ?? t('templates-any-topic') }));
      }
      case 'e':
      case 'd': {
        const tpl = await findTemplate(db, Number(arg));
        if (!tpl || tpl.revision !== Number(revision)) return void (await popup(t('template-stale')));
        if (op === 'd') {
          const deleted = await deleteTemplate(db, { id: tpl.id, revision: tpl.revision, by: userId, at: app.clock.now() });
          await popup(deleted ? t('template-deleted', { title: tpl.title }) : t('template-stale'));
          const view = await listView(app, 0);
          await tg.editMessageText(view.text, { parse_mode: 'HTML', reply_markup: view.markup }).catch(() => undefined);
          return;
        }
        await popup();
        // The current text on its own, to copy and change.
        await tg.reply(tpl.body);
        return ask(app, tg, userId, { action: 'template_edit', args: { id: tpl.id, revision: tpl.revision } }, t('template-ask-edit', { title: tpl.title }));
      }
      default:
        return void (await popup(t('button-gone')));
    }
  });
  return feature;
}
