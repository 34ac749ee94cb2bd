/**
 * The card's parts for importance levels and the message's own terms: the
 * importance picker's labels, the curator's term picker, the executor's
 * extension request and the coordinator's decision on it, and the card lines
 * that show them. Pure; labels come from the locale (terms.ftl).
 */
import { extendedDays, importances, type IncidentState, type TermUnit, type WorkflowRules } from '../../core/incident/index.js';
import { i18n, LOCALE, t } from '../../platform/i18n.js';
import type { ButtonSpec } from './button-actions.js';
import { escapeHtml } from './html.js';
import type { Selection } from './selection.js';

/** A level's Russian name; an organisation's own level without one is shown as it is named in its file. */
export function importanceLabel(level: string): string {
  const key = `importance-${level}`;
  const text = i18n.t(LOCALE, key);
  return text === key || text.startsWith('{') ? level : text;
}

/** The levels a triage may set under these rules. */
export function importanceLevels(rules: WorkflowRules): readonly string[] {
  return rules.importanceLevels ?? importances;
}

export function termText(amount: number, unit: TermUnit): string {
  return t(unit === 'days' ? 'term-days' : 'term-hours', { amount });
}

/** Whether the profile lets this role set a term on a message of this level. */
export function termSettable(rules: WorkflowRules, role: 'curator' | 'head', level: string): boolean {
  const term = rules.agreedTerm;
  return term !== undefined && term.setBy === role && (term.levels === undefined || term.levels.includes(level));
}

/** The amounts the profile allows, each a button; the chosen one ticked. */
export function termAmountButtons(rules: WorkflowRules, chosen: number | null, button: (amount: number, text: string) => ButtonSpec): ButtonSpec[][] {
  const term = rules.agreedTerm;
  if (!term) return [];
  const buttons: ButtonSpec[] = [];
  for (let amount = term.min; amount <= term.max; amount++) {
    const text = t('btn-term-amount', { term: termText(amount, term.unit) });
    buttons.push(button(amount, chosen === amount ? `✓ ${text}` : text));
  }
  return chunk(buttons, 4);
}

/** The curator's term picker on a fresh card: the chosen term and a way back to the profile's own. */
export function termView(rules: WorkflowRules, s: Selection): ButtonSpec[][] {
  return [
    ...termAmountButtons(rules, s.term ?? null, (amount, text) => ({ text, action: 'term_pick', args: { amount } })),
    [{ text: (s.term ?? null) === null ? `✓ ${t('btn-term-clear')}` : t('btn-term-clear'), action: 'term_pick', args: { amount: 0 } }],
    [{ text: t('btn-back'), action: 'view', args: { view: 'main' } }],
  ];
}

/** The button that opens the term picker, naming the chosen term. */
export function termOpenButton(rules: WorkflowRules, s: Selection): ButtonSpec {
  const chosen = s.term ?? null;
  const term = chosen !== null && rules.agreedTerm ? termText(chosen, rules.agreedTerm.unit) : t('btn-term-default');
  return { text: t('btn-term-open', { term }), action: 'view', args: { view: 'term' } };
}

/** The coordinator's decision on a waiting request: days up to what is left, or a refusal. */
export function extensionDecision(state: IncidentState, rules: WorkflowRules): ButtonSpec[][] {
  if (!state.extensionRequest || !rules.extension) return [];
  const left = rules.extension.maxDays - extendedDays(state);
  const grants: ButtonSpec[] = [];
  for (let days = 1; days <= left; days++) grants.push({ text: t('btn-extension-grant', { days }), action: 'extension_grant', args: { days } });
  return [...chunk(grants, 4), [{ text: t('btn-extension-refuse'), action: 'extension_refuse' }]];
}

/** Card lines: the agreed term, the request waiting for the coordinator, the extension granted. */
export function termLines(state: IncidentState, rules: WorkflowRules | undefined): string[] {
  const lines: string[] = [];
  const agreed = state.agreedTerm;
  if (agreed) lines.push(t('card-term', { term: termText(agreed.amount, agreed.unit), role: t(`role-${agreed.by.role}`) }));
  const days = extendedDays(state);
  if (days > 0) lines.push(t('card-extension-granted', { days, max: rules?.extension?.maxDays ?? days }));
  if (state.extensionRequest) lines.push(t('card-extension-requested', { reason: escapeHtml(state.extensionRequest.reason) }));
  return lines;
}

function chunk<T>(list: readonly T[], size: number): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < list.length; i += size) rows.push(list.slice(i, i + size));
  return rows;
}
