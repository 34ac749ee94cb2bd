/**
 * Answer templates: a text with variables in braces («Здравствуйте, {имя}!
 * Ваше сообщение №{номер} от {дата} …»), filled from the incident. Pure: the
 * values come in already known; the staff bot and the acknowledgement flow
 * read them from the database. A template is checked when it is saved, so a
 * variable nobody can fill is refused then, not discovered by a citizen.
 */
import { DateTime } from 'luxon';

/** Every variable a template may use, by its Russian name as staff type it. */
export const templateVariables = ['имя', 'номер', 'дата', 'срок', 'тема', 'место'] as const;
export type TemplateVariable = (typeof templateVariables)[number];

/** What the citizens' acknowledgement may say: no name (it may be unknown), nothing the curator has yet to set. */
export const acknowledgementVariables = ['номер', 'срок', 'дата'] as const satisfies readonly TemplateVariable[];
/** An acknowledgement without these says nothing the citizen needs. */
export const acknowledgementRequired = ['номер', 'срок'] as const satisfies readonly TemplateVariable[];

/** Longest template body: a reply on VK or Telegram is read on a phone. */
export const TEMPLATE_MAX_LENGTH = 3000;

export type TemplateProblem =
  | { problem: 'empty' }
  | { problem: 'too_long'; max: number }
  /** A brace that opens or closes nothing: «{имя» or «имя}». */
  | { problem: 'unbalanced' }
  | { problem: 'unknown'; names: string[] }
  | { problem: 'missing'; names: string[] };

const PLACEHOLDER = /\{([^{}]*)\}/g;

const normalise = (name: string) => name.trim().toLowerCase().replace(/ё/g, 'е');
const known = (allowed: readonly string[], name: string): string | undefined => allowed.find((v) => normalise(v) === normalise(name));

/** The variables a text uses, in order of first use, as written («{ Имя }» counts as {имя}). */
export function usedVariables(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    const name = known(templateVariables, m[1]!) ?? m[1]!.trim();
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/**
 * Checks a template before it is saved: not empty, not too long, braces in pairs, only the allowed
 * variables and (for the acknowledgement) the required ones present. Null when it may be saved.
 */
export function checkTemplate(
  text: string,
  opts: { allowed?: readonly string[]; required?: readonly string[]; maxLength?: number } = {},
): TemplateProblem | null {
  const allowed = opts.allowed ?? templateVariables;
  const max = opts.maxLength ?? TEMPLATE_MAX_LENGTH;
  if (!text.trim()) return { problem: 'empty' };
  if (text.length > max) return { problem: 'too_long', max };
  if (/[{}]/.test(text.replace(PLACEHOLDER, ''))) return { problem: 'unbalanced' };
  const used = usedVariables(text);
  const unknown = used.filter((name) => !known(allowed, name));
  if (unknown.length) return { problem: 'unknown', names: unknown };
  const missing = (opts.required ?? []).filter((name) => !used.some((u) => normalise(u) === normalise(name)));
  if (missing.length) return { problem: 'missing', names: missing };
  return null;
}

export type TemplateValues = Partial<Record<TemplateVariable, string>>;

/**
 * Fills a template. A variable without a value (an author whose name the network did not give) stays as
 * written, «{имя}», and is listed in `missing`: the executor sees it in the draft and writes it in.
 */
export function fillTemplate(text: string, values: TemplateValues): { text: string; missing: TemplateVariable[] } {
  const missing: TemplateVariable[] = [];
  const filled = text.replace(PLACEHOLDER, (whole, name: string) => {
    const variable = known(templateVariables, name) as TemplateVariable | undefined;
    if (!variable) return whole;
    const value = values[variable];
    if (value !== undefined && value.trim() !== '') return value;
    if (!missing.includes(variable)) missing.push(variable);
    return `{${variable}}`;
  });
  return { text: filled, missing };
}

/** What an incident tells a template: everything optional, as not every incident knows everything yet. */
export type IncidentFacts = {
  incidentId: number;
  authorName?: string | null;
  /** When the citizen wrote. */
  postedAt?: Date | null;
  /** The answer's due, if it runs. */
  answerDue?: Date | null;
  topics?: readonly string[];
  location?: string | null;
  /** The organisation's IANA zone: dates are the organisation's, written out in full. */
  timezone: string;
};

/** The day («7 декабря 2026») and the moment («7 декабря 2026, 15:30») in the organisation's zone. */
export const formatDay = (at: Date, timezone: string) => DateTime.fromJSDate(at, { zone: timezone }).setLocale('ru').toFormat('d MMMM yyyy');
export const formatMoment = (at: Date, timezone: string) => DateTime.fromJSDate(at, { zone: timezone }).setLocale('ru').toFormat('d MMMM yyyy, HH:mm');

export function templateValues(facts: IncidentFacts): TemplateValues {
  const values: TemplateValues = { номер: String(facts.incidentId) };
  const name = facts.authorName?.trim();
  if (name) values.имя = name;
  if (facts.postedAt) values.дата = formatDay(facts.postedAt, facts.timezone);
  if (facts.answerDue) values.срок = formatMoment(facts.answerDue, facts.timezone);
  if (facts.topics?.length) values.тема = facts.topics.join(', ');
  if (facts.location) values.место = facts.location;
  return values;
}
