/**
 * Writing a draft in the private chat with the bot: the card's "Подготовить
 * ответ" deep link (/start d<number>) opens it; the executor's texts and
 * photos build the draft; the preview's buttons switch its kind, promise a
 * photo and submit it. A co-executor's part is written the same way
 * (/start p<number>) and sent with its own button.
 */
import { Composer } from 'grammy';
import { eq } from 'drizzle-orm';
import { incidents } from '../../../shared/platform/db/schema.js';
import { checkAssignment, checkRole, checkStatus, draftKinds, type CommandInput, type IncidentState } from '../../../shared/core/incident/index.js';
import { t } from '../../../shared/platform/i18n.js';
import type { AppContext } from '../../../shared/networks/context.js';
import { awaitInput, peekInput, setPrompt, takeInput, updateInput } from '../../../shared/flows/command/pending.js';
import { explainUnresolved, resolvePending } from './pending-input.js';
import { runCommand } from '../../../shared/flows/command/run.js';
import { loadState } from '../../../shared/platform/db/events.js';
import { onButton, type ButtonContext } from '../buttons.js';
import { actorAs, type BotContext } from '../context.js';
import { authorName, draftOf, sendPartPreview, sendPreview } from '../draft-preview.js';
import { popup } from '../outcome.js';
import { drawKeyboard } from '../../../shared/staffchat/cards/buttons.js';
import type { ButtonSpec } from '../../../shared/staffchat/cards/button-actions.js';
import { fillTemplate } from '../../../shared/core/templates/index.js';
import { findTemplate, listTemplates } from '../../../shared/flows/templates/store.js';
import { incidentTemplateValues } from '../../../shared/flows/templates/facts.js';
import { staffSeesAuthor } from '../../../shared/staffchat/cards/author.js';
import { PAGE } from './templates.js';

/** The executor opening a draft or a part, and the incident; null (after saying why) if either is missing. */
async function executorAndState(tg: BotContext, app: AppContext, incidentId: number) {
  const member = tg.staff;
  const actor = member ? actorAs(member, 'executor') : null;
  if (!member || !actor) {
    await tg.reply(t(member ? 'refusal-role_not_allowed' : 'start-unknown'));
    return null;
  }
  const state = await loadState(app.database.db, incidentId);
  if (!state) {
    await tg.reply(t('refusal-not_found'));
    return null;
  }
  return { member, actor, state };
}

/** The prompt that opens the writing: what to do, and the citizen's words to answer; a draft's offers the templates. */
async function prompt(tg: BotContext, app: AppContext, key: string, state: IncidentState, extra = '', templates = false): Promise<void> {
  const { incidentId } = state;
  const [incident] = await app.database.db.select({ text: incidents.text }).from(incidents).where(eq(incidents.id, incidentId));
  const keyboard = templates
    ? await drawKeyboard(app.database.db, { incidentId, version: state.version, chatId: tg.chat!.id }, [[{ text: t('btn-draft-templates'), action: 'draft_templates', args: { page: 0 } }]], 'draft')
    : undefined;
  const sent = await tg.reply(`${t(key, { id: incidentId })}\n\n${t('draft-citizen')}\n«${incident?.text ?? ''}»${extra}`, keyboard ? { reply_markup: keyboard } : {});
  // A reply to this prompt belongs to this incident's draft, whatever else is being written meanwhile.
  if (tg.from) await setPrompt(app.database.db, tg.from.id, incidentId, sent.message_id);
}

/** A co-executor opens its part: nothing changes in the incident until the part is sent. */
async function beginPart(tg: BotContext, app: AppContext, incidentId: number): Promise<void> {
  const found = await executorAndState(tg, app, incidentId);
  if (!found) return;
  const { member, actor, state } = found;
  const refusal = checkStatus('submit_part', state) ?? checkAssignment('submit_part', state, actor);
  if (refusal) return void (await tg.reply(t(`refusal-${refusal.message}`)));
  await awaitInput(app.database.db, { userId: member.telegramId, incidentId, version: state.version, action: 'part', args: { text: '', attachments: [] } });
  // Where the parts go to the curator (ivanovo п.15, zavitinsk п.16, severny п.12), the prompt says so.
  await prompt(tg, app, app.rules.partsTo === 'curator' ? 'part-begin-curator' : 'part-begin', state);
}

/** The parts co-executors sent, for the responsible executor writing the joint answer. */
function partsText(app: AppContext, state: IncidentState): string {
  const lines = Object.entries(state.parts).flatMap(([department, parts]) => {
    const name = app.org.departments.find((d) => d.id === department)?.name ?? department;
    return parts.map((p) => `🧩 ${name}: «${p.text}»`);
  });
  return lines.length ? `\n\n${t('draft-parts')}\n${lines.join('\n')}` : '';
}

async function begin(tg: BotContext, app: AppContext, incidentId: number): Promise<void> {
  const found = await executorAndState(tg, app, incidentId);
  if (!found) return;
  const { member, actor } = found;
  let state = found.state;
  const refusal = checkRole('submit_draft', actor, app.rules) ?? checkAssignment('start_draft', state, actor);
  if (refusal) return void (await tg.reply(t(`refusal-${refusal.message}`)));
  if (state.status !== 'drafting' && state.status !== 'rework') {
    const started = await runCommand(app, incidentId, actor, { type: 'start_draft', expectedVersion: state.version });
    if (!started.ok) return void (await tg.reply(popup(started)));
    state = started.state;
  }
  const draft = { kind: 'answer' as const, text: '', attachments: [] };
  await awaitInput(app.database.db, { userId: member.telegramId, incidentId, version: state.version, action: 'draft', args: draft });
  await prompt(tg, app, 'draft-begin', state, partsText(app, state), true);
}

type DraftButton = ButtonContext<'draft_kind' | 'draft_photo' | 'draft_submit' | 'draft_part_submit' | 'draft_templates' | 'draft_template'>;

/** The presser's open draft (or part) of this incident, if the writing is still going on. */
async function openDraft(app: AppContext, ctx: DraftButton, action: 'draft' | 'part' = 'draft') {
  const pending = await peekInput(app.database.db, ctx.staff.telegramId, ctx.button.state.incidentId);
  return pending && pending.action === action ? pending : null;
}

/**
 * Sends what the executor wrote (a draft or a part) as one command; on success the writing ends.
 * An empty text is refused before the core is asked.
 */
async function submitWritten(
  app: AppContext,
  ctx: DraftButton,
  action: 'draft' | 'part',
  command: (written: ReturnType<typeof draftOf>) => CommandInput,
  doneKey: string,
): Promise<string> {
  const actor = actorAs(ctx.staff, 'executor');
  const pending = await openDraft(app, ctx, action);
  if (!actor || !pending) return t('button-gone');
  const written = draftOf(pending.args);
  if (!written.text.trim()) return t('draft-empty');
  const { state } = ctx.button;
  const outcome = await runCommand(app, state.incidentId, actor, command(written));
  if (!outcome.ok) return popup(outcome);
  await takeInput(app.database.db, ctx.staff.telegramId, state.incidentId);
  await ctx.reply(t(doneKey, { id: state.incidentId }));
  return '';
}

export function draftingFeature(app: AppContext) {
  const feature = new Composer<BotContext>();
  const privateChat = feature.chatType('private');

  privateChat.command('start', async (tg, next) => {
    const match = /^([dp])(\d+)$/.exec(tg.match);
    if (!match) return next();
    await (match[1] === 'p' ? beginPart : begin)(tg, app, Number(match[2]));
  });

  // Texts and photos build the draft while one is open; anything else passes on.
  privateChat.on(['message:text', 'message:photo', 'message:video', 'message:document'], async (tg, next) => {
    if (tg.message.text?.startsWith('/')) return next();
    if (!tg.staff) return next();
    const resolved = await resolvePending(app, tg.from.id, tg.message);
    // Several questions open and this message answers none of them: asked which, rather than guessed.
    if (resolved.type === 'ambiguous') return explainUnresolved(tg, resolved);
    // Forwarded (never part of a draft) or not a draft's: the pending-input and manual features decide.
    if (resolved.type !== 'pending') return next();
    const { pending } = resolved;
    if (pending.action !== 'draft' && pending.action !== 'part') return next();
    const state = await loadState(app.database.db, pending.incidentId);
    // Other departments may act meanwhile (a part arrives); what matters is that writing is still possible.
    const writable =
      state !== null &&
      (pending.action === 'part' ? checkStatus('submit_part', state) === null : state.status === 'drafting' || state.status === 'rework');
    if (!state || !writable) {
      await tg.reply(t('input-outdated', { id: pending.incidentId }));
      return;
    }
    const draft = draftOf(pending.args);
    if (tg.message.text) draft.text = tg.message.text;
    const photo = tg.message.photo?.at(-1);
    if (photo) {
      draft.attachments.push({ kind: 'photo', fileId: photo.file_id });
      if (!draft.text && tg.message.caption) draft.text = tg.message.caption;
    }
    const video = tg.message.video;
    if (video) {
      draft.attachments.push({ kind: 'video', fileId: video.file_id, ...(video.file_name ? { fileName: video.file_name.slice(0, 500) } : {}) });
      if (!draft.text && tg.message.caption) draft.text = tg.message.caption;
    }
    // A document (a scan, an act of works done) is evidence too (severny-pos п.16, kamchatka 2.5: «иных документов»).
    const document = tg.message.document;
    if (document) {
      draft.attachments.push({ kind: 'document', fileId: document.file_id, ...(document.file_name ? { fileName: document.file_name.slice(0, 500) } : {}) });
      if (!draft.text && tg.message.caption) draft.text = tg.message.caption;
    }
    await updateInput(app.database.db, tg.from.id, pending.incidentId, draft);
    if (pending.action === 'part') await sendPartPreview(tg, app, state, draft);
    else await sendPreview(tg, app, state, draft, await authorName(app, state.incidentId));
  });

  // The preview's buttons.
  feature.use(
    onButton('draft_kind', async (ctx) => {
      const pending = await openDraft(app, ctx);
      if (!pending) return t('button-gone');
      const { state, args } = ctx.button;
      const draft = { ...draftOf(pending.args), kind: draftKinds.includes(args.kind) ? args.kind : 'answer' };
      await updateInput(app.database.db, ctx.staff.telegramId, state.incidentId, draft);
      await sendPreview(ctx, app, state, draft, await authorName(app, state.incidentId));
      return '';
    }),
  );

  // "Будет фото/видео": the executor promises evidence; the preview's checks then warn until it is attached.
  feature.use(
    onButton('draft_photo', async (ctx) => {
      const pending = await openDraft(app, ctx);
      if (!pending) return t('button-gone');
      const { state } = ctx.button;
      const draft = draftOf(pending.args);
      const next = { ...draft, photoExpected: !draft.photoExpected };
      await updateInput(app.database.db, ctx.staff.telegramId, state.incidentId, next);
      await sendPreview(ctx, app, state, next, await authorName(app, state.incidentId));
      return '';
    }),
  );

  // «📋 Шаблоны»: the templates, the incident's topics first, a page at a time.
  feature.use(
    onButton('draft_templates', async (ctx) => {
      if (!(await openDraft(app, ctx))) return t('button-gone');
      const { state, args } = ctx.button;
      const all = await listTemplates(app.database.db, state.triage?.topics ?? []);
      if (!all.length) return t('draft-templates-none');
      const pages = Math.ceil(all.length / PAGE);
      const page = Math.min(Math.max(0, Number(args.page) || 0), pages - 1);
      const rows: ButtonSpec[][] = all
        .slice(page * PAGE, page * PAGE + PAGE)
        .map((tpl) => [{ text: tpl.topic ? `${tpl.title} · ${tpl.topic}` : tpl.title, action: 'draft_template', args: { template: tpl.id } }]);
      const nav: ButtonSpec[] = [];
      if (page > 0) nav.push({ text: t('btn-page-back'), action: 'draft_templates', args: { page: page - 1 } });
      if (page < pages - 1) nav.push({ text: t('btn-page-next'), action: 'draft_templates', args: { page: page + 1 } });
      if (nav.length) rows.push(nav);
      const keyboard = await drawKeyboard(app.database.db, { incidentId: state.incidentId, version: state.version, chatId: ctx.chat!.id }, rows, 'draft');
      await ctx.reply(t('draft-templates-title', { id: state.incidentId }), { reply_markup: keyboard });
      return '';
    }),
  );

  // A template picked: filled from the incident, it becomes the draft's text for the executor to change.
  feature.use(
    onButton('draft_template', async (ctx) => {
      const pending = await openDraft(app, ctx);
      if (!pending) return t('button-gone');
      const { state, args } = ctx.button;
      const template = await findTemplate(app.database.db, Number(args.template));
      if (!template) return t('draft-template-gone');
      const values = await incidentTemplateValues(app, state.incidentId, { forStaff: true });
      const filled = fillTemplate(template.body, values ?? { номер: String(state.incidentId) });
      const draft = { ...draftOf(pending.args), text: filled.text };
      await updateInput(app.database.db, ctx.staff.telegramId, state.incidentId, draft);
      // The filled text alone, to copy and change; then the preview with the checks.
      const note = filled.missing.length ? `\n${t('draft-template-missing', { names: filled.missing.map((n) => `{${n}}`).join(', ') })}` : '';
      // The name is not unknown but withheld from the staff messenger: say how to greet instead.
      const hidden = filled.missing.includes('имя') && !staffSeesAuthor(app.org) ? `\n${t('draft-template-name-hidden')}` : '';
      await ctx.reply(`${t('draft-template-filled', { title: template.title })}${note}${hidden}`);
      await ctx.reply(filled.text);
      await sendPreview(ctx, app, state, draft, await authorName(app, state.incidentId));
      return '';
    }),
  );

  feature.use(
    onButton('draft_submit', (ctx) =>
      submitWritten(
        app,
        ctx,
        'draft',
        (draft) => ({
          type: 'submit_draft',
          expectedVersion: ctx.button.state.version,
          kind: draft.kind,
          text: draft.text,
          attachments: draft.attachments,
          photoExpected: draft.photoExpected,
        }),
        'draft-submitted',
      ),
    ),
  );

  feature.use(
    onButton('draft_part_submit', (ctx) =>
      submitWritten(
        app,
        ctx,
        'part',
        (part) => ({ type: 'submit_part', expectedVersion: ctx.button.state.version, text: part.text, attachments: part.attachments }),
        'part-submitted',
      ),
    ),
  );
  return feature;
}
