import { IANAZone } from 'luxon';
import { z } from 'zod';
import {
  calendarAdjustmentsSchema,
  isPresetId,
  parseDuration,
  presetIds,
  profileOverridesSchema,
  ProfileOverrideError,
  profileSchema,
  resolveProfile,
  scheduleSchema,
  type Profile,
} from '../../core/sla/index.js';
import { roles } from '../../core/incident/roles.js';

/**
 * What an organisation file must hold, and the human-worded checks behind it.
 * Field-level rules live in the zod schema; rules that relate fields to one
 * another (an executor's department must exist…) live in `crossCheck`, which
 * reads the raw data defensively so that it reports even when other parts of
 * the file are broken — the admin sees every problem in one run.
 */

// The staff roles have one home, the incident core; the file's `roles:` lists them.
export { roles, type Role } from '../../core/incident/roles.js';

/** `atKey`: the problem is the key itself (an unknown field), not its value. */
export type OrgIssue = { path: Array<string | number>; message: string; atKey?: boolean };

/** How a found value reads in a message: short, and never a whole subtree. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping (key: value)';
  return String(value);
}

const typeNames: Record<string, string> = {
  string: 'text',
  // Every number in the file is an integer, and zod's int reports a non-number as expecting "number".
  number: 'an integer',
  int: 'an integer',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value)',
};

/** Wording for zod's generic issues; schema-level `error`s below take precedence. */
const humanError: z.core.$ZodErrorMap = (issue) => {
  const found = describeValue(issue.input);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = typeNames[issue.expected] ?? issue.expected;
      return issue.input === undefined ? `missing: expected ${expected}` : `expected ${expected}, found ${found}`;
    }
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty';
      if (issue.origin === 'array') return `must list at least ${String(issue.minimum)}`;
      return `must be ${issue.inclusive ? 'at least' : 'greater than'} ${String(issue.minimum)}, found ${found}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}, found ${found}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map(String).join(', ')}, found ${found}`;
    default:
      return undefined;
  }
};

/** A mapping that rejects unknown keys (a typo in a key would otherwise be silently ignored). */
function record<S extends z.core.$ZodLooseShape>(shape: S) {
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown field (known fields here: ${known})` : undefined),
  });
}

const text = z.string().trim().min(1);
const slug = z.string().regex(/^[a-z][a-z0-9_-]*$/, {
  error: (issue) =>
    `expected a short id of lowercase Latin letters, digits, "-" or "_", starting with a letter, found ${describeValue(issue.input)}`,
});
// Telegram group and channel ids are negative, user ids positive; never 0.
const chatId = z.int().refine((n) => n !== 0, { error: 'expected a Telegram chat id such as -1001234567890, found 0' });
const telegramId = z.int().positive();
// OK group ids can outgrow what a YAML number holds exactly, so they are kept as text; a safe number is accepted too.
const okGroupId = z.preprocess(
  (v) => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? String(v) : v),
  z.string().regex(/^\d+$/, { error: 'expected the group id as digits in quotes, e.g. "70000001234567"' }),
);
// Uniqueness is checked in crossCheck, which can name the first occurrence.
const textList = z.array(text).min(1);

const timezone = z.string().refine((s) => IANAZone.isValidZone(s), {
  error: (issue) => `expected an IANA time zone such as Asia/Yakutsk or Europe/Moscow, found ${describeValue(issue.input)}`,
});

const department = record({
  id: slug,
  name: text,
  // Without a chat, the department's executors get their cards in private chats with the bot.
  chat: chatId.optional(),
  // The department's head (a staff telegramId): escalations about this department go to them.
  head: telegramId.optional(),
  // Topics this department usually answers: the curator's card suggests routing there.
  topics: z.array(text).optional(),
});

const staffMember = record({
  telegramId,
  name: text,
  roles: z.array(z.enum(roles)).min(1),
  department: slug.optional(),
});

const networks = record({
  vk: record({ groupId: z.int().positive() }).optional(),
  ok: record({ groupId: okGroupId }).optional(),
  telegram: record({
    publicBot: z.boolean().optional(),
    channelId: chatId.optional(),
    discussionChatId: chatId.optional(),
  }).optional(),
  max: record({
    // The group chats whose messages become incidents (the channel's comments chat): their chat_id as MAX gives it.
    // Unset: every group chat where the bot is an admin.
    chats: z.array(z.int()).optional(),
    // false: private messages to the bot are not taken (the bot only reads the channel's chat).
    dialogs: z.boolean().optional(),
  }).optional(),
});

/** A window for counting activity: a duration of at most a day ("2h", "90m"). */
const spikeWindow = z.string().refine(
  (s) => {
    try {
      const d = parseDuration(s);
      const minutes = d.days * 1440 + d.minutes;
      return minutes > 0 && minutes <= 1440;
    } catch {
      return false;
    }
  },
  { error: (issue) => `expected a duration of at most a day such as "2h" or "90m", found ${describeValue(issue.input)}` },
);

// The heads' immediate alerts (shared/flows/alerts/): thresholds of the activity spike.
const alerts = record({
  spike: record({
    window: spikeWindow.optional(),
    weeks: z.int().min(1).max(12).optional(),
    minimum: z.int().min(1).optional(),
    multiple: z
      .number({ error: (issue) => `expected a number such as 3 or 2.5, found ${describeValue(issue.input)}` })
      .positive({ error: (issue) => `must be greater than 0, found ${describeValue(issue.input)}` })
      .optional(),
  }).optional(),
});

// How ingest groups citizens' messages (shared/flows/intake/): repeats suggested within a period, bursts joined within minutes;
// and how long the worker leaves a flood's events to the webhooks' answers (flood.ts).
const ingest = record({
  repeatDays: z.int().min(1).max(365).optional(),
  repeatSimilarity: z.number().gt(0).max(1).optional(),
  burstMinutes: z.int().min(0).max(120).optional(),
  floodWaitSeconds: z.int().min(0).max(300).optional(),
  // One author's flood: at most this many new incidents (cards) within authorFloodMinutes; their further
  // messages are stored and joined to their newest open incident (shared/flows/intake/author-flood.ts). 0: no limit.
  authorFloodIncidents: z.int().min(0).max(1000).optional(),
  authorFloodMinutes: z.int().min(1).max(1440).optional(),
});

// "30m", "1h", "1h30m": minutes on a clock (days make no sense for a reminder's lead or a grace).
const minutes = z.string().regex(/^(?:(\d+)h)?(?:(\d+)m)?$/, {
  error: (issue) => `expected minutes or hours such as "10m", "1h" or "1h30m", found ${describeValue(issue.input)}`,
}).refine((s) => s !== '' && !/^(0h)?(0m)?$/.test(s), { error: 'must be longer than zero, e.g. "10m"' });

// When reminders and escalations of missed deadlines go out (shared/flows/deadlines/); each field optional.
const escalation = record({
  reminder: record({
    // The reminder's lead before a due, as a share of the timer's length: 0.25 = a quarter.
    share: z.number().gt(0, { error: 'must be more than 0, e.g. 0.25' }).lt(1, { error: 'must be less than 1, e.g. 0.25' }).optional(),
    // …but at least this long before the due.
    atLeast: minutes.optional(),
  }).optional(),
  // Working time after a missed due before the duty officers' chat is told.
  grace: minutes.optional(),
});

// Who receives which report (Ivanovo п.20–21: the weekly report to the deputy chairman of the government, immediate
// reports to the Governor, deficiencies to the deputy chairmen by the areas they supervise). Every kind left out goes
// to the heads' chat, as before; a supervisor's chat gets the deficiencies of their departments instead of it.
const chatList = z.array(chatId).min(1);
const reportRecipients = record({
  week: chatList.optional(),
  month: chatList.optional(),
  quarter: chatList.optional(),
  // Socially significant messages and activity spikes.
  immediate: chatList.optional(),
  deficiencies: chatList.optional(),
  supervisors: z.array(record({ name: text, chat: chatId, departments: z.array(slug).min(1) })).optional(),
});

/**
 * How long a closed incident keeps the citizen's personal data before it is anonymised (shared/flows/privacy/).
 * The default, five years, is the term the archival list (Приказ Росархива № 236, ст. 154) sets for citizens'
 * обращения, the closest line of a usual номенклатура дел; an administration sets its own from its номенклатура
 * (docs/ru/privacy.md). At least 30 days, so a month's report is sent before its excerpts are gone.
 */
export const DEFAULT_RETENTION_DAYS = 1826;
const privacy = record({
  retentionDays: z.int().min(30).max(36_500).optional(),
  // false: the staff messenger never gets the author's name, id or dialog link, only «Житель (сеть)» and the text
  // (shared/staffchat/cards/author.ts; 149-ФЗ art. 10 p. 8, docs/ru/messenger-law.md). Default true.
  staffSeesAuthor: z.boolean().optional(),
});

/**
 * The citizens' acknowledgement (shared/flows/acknowledge/acknowledge.ts): once the curator has routed a message, its
 * author gets a short receipt with the incident's number and the expected answer time, in the same thread. Off by
 * default; even when on, nothing is sent until the profile's approver has approved its text in Telegram (/receipt).
 */
const acknowledgement = record({
  enabled: z.boolean().optional(),
});

const orgShape = record({
  name: text,
  timezone,
  // A preset's id, or a whole profile written out (see shared/core/sla/profile/schema.ts).
  profile: z.union([
    z.string().refine(isPresetId, { error: `unknown profile (presets: ${presetIds.join(', ')})` }),
    profileSchema,
  ], {
    error: (issue) =>
      issue.input === undefined ? `missing: expected text, a preset id (${presetIds.join(', ')}) or a whole profile` : undefined,
  }),
  profileOverrides: profileOverridesSchema.optional(),
  schedule: scheduleSchema.optional(),
  calendar: calendarAdjustmentsSchema.optional(),
  // Where staff work: Telegram (the default) or MAX. Chats and staff ids are that messenger's own.
  messenger: z.enum(['telegram', 'max']).optional(),
  chats: record({ curators: chatId, duty: chatId, heads: chatId }),
  departments: z.array(department).min(1),
  staff: z.array(staffMember).min(1),
  topics: textList,
  locations: textList,
  // The place a message is taken to be about when its text names none of the locations: one of them.
  defaultLocation: text.optional(),
  // The organisation's own words per topic, on top of the built-in lexicon the card suggests topics from.
  topicKeywords: z.record(text, textList).optional(),
  networks: networks.optional(),
  alerts: alerts.optional(),
  ingest: ingest.optional(),
  escalation: escalation.optional(),
  privacy: privacy.optional(),
  reports: reportRecipients.optional(),
  acknowledgement: acknowledgement.optional(),
});

export type Org = z.output<typeof orgShape>;
export type Department = Org['departments'][number];
export type StaffMember = Org['staff'][number];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const listAt = (v: unknown, key: string): unknown[] => {
  const list = isRecord(v) ? v[key] : undefined;
  return Array.isArray(list) ? list : [];
};

/** Reports the second and later occurrences of each value. */
function duplicates(
  values: Array<{ value: unknown; path: Array<string | number> }>,
  what: string,
): OrgIssue[] {
  const first = new Map<unknown, Array<string | number>>();
  const issues: OrgIssue[] = [];
  for (const { value, path } of values) {
    const seen = first.get(value);
    if (seen) issues.push({ path, message: `duplicate ${what} ${describeValue(value)} (first at ${formatPath(seen)})` });
    else first.set(value, path);
  }
  return issues;
}

/** Rules between fields. Reads raw data and skips what is malformed: the schema already reports that. */
function crossCheck(raw: unknown): OrgIssue[] {
  const issues: OrgIssue[] = [];
  const departments = listAt(raw, 'departments');
  const staff = listAt(raw, 'staff');

  const departmentIds = departments.map((d, i) => ({ value: isRecord(d) ? d.id : undefined, path: ['departments', i, 'id'] }));
  issues.push(...duplicates(departmentIds.filter((d) => typeof d.value === 'string'), 'department id'));
  const known = new Set(departmentIds.map((d) => d.value).filter((v): v is string => typeof v === 'string'));
  const knownList = known.size > 0 ? [...known].join(', ') : 'none';

  const staffIds = staff.map((s, i) => ({ value: isRecord(s) ? s.telegramId : undefined, path: ['staff', i, 'telegramId'] }));
  issues.push(...duplicates(staffIds.filter((s) => typeof s.value === 'number'), 'telegramId'));
  const staffSet = new Set(staffIds.map((s) => s.value));

  let curators = 0;
  staff.forEach((member, i) => {
    if (!isRecord(member)) return;
    const memberRoles = Array.isArray(member.roles) ? member.roles : [];
    issues.push(...duplicates(memberRoles.map((value, j) => ({ value, path: ['staff', i, 'roles', j] })), 'role'));
    if (memberRoles.includes('curator')) curators++;
    const dept = member.department;
    if (typeof dept === 'string' && !known.has(dept)) {
      issues.push({ path: ['staff', i, 'department'], message: `${describeValue(dept)} is not a department (known: ${knownList})` });
    } else if (dept === undefined && memberRoles.includes('executor')) {
      issues.push({ path: ['staff', i, 'department'], message: `missing: an executor must name a department (known: ${knownList})` });
    }
  });
  const topics = new Set(listAt(raw, 'topics').filter((t) => typeof t === 'string').map((t) => (t as string).trim()));
  departments.forEach((d, i) => {
    if (!isRecord(d) || !Array.isArray(d.topics)) return;
    d.topics.forEach((topic, j) => {
      if (typeof topic === 'string' && !topics.has(topic.trim())) {
        issues.push({ path: ['departments', i, 'topics', j], message: `${describeValue(topic)} is not one of the topics (known: ${[...topics].join(', ') || 'none'})` });
      }
    });
  });
  const locations = new Set(listAt(raw, 'locations').filter((l) => typeof l === 'string').map((l) => (l as string).trim()));
  const defaultLocation = isRecord(raw) ? raw.defaultLocation : undefined;
  if (typeof defaultLocation === 'string' && defaultLocation.trim() !== '' && !locations.has(defaultLocation.trim())) {
    issues.push({ path: ['defaultLocation'], message: `${describeValue(defaultLocation)} is not one of the locations (known: ${[...locations].join(', ') || 'none'})` });
  }
  const keywords = isRecord(raw) ? raw.topicKeywords : undefined;
  if (isRecord(keywords)) {
    for (const topic of Object.keys(keywords)) {
      if (!topics.has(topic.trim())) {
        issues.push({ path: ['topicKeywords', topic], message: `${describeValue(topic)} is not one of the topics (known: ${[...topics].join(', ') || 'none'})`, atKey: true });
      }
    }
  }
  if (Array.isArray(isRecord(raw) ? raw.staff : undefined) && curators === 0) {
    issues.push({ path: ['staff'], message: 'at least one staff member must have the role curator' });
  }

  departments.forEach((d, i) => {
    if (isRecord(d) && typeof d.head === 'number' && !staffSet.has(d.head)) {
      issues.push({ path: ['departments', i, 'head'], message: `${d.head} is not the telegramId of anyone in staff` });
    }
  });

  const reports = isRecord(raw) && isRecord(raw.reports) ? raw.reports : undefined;
  listAt(reports, 'supervisors').forEach((sup, i) => {
    listAt(sup, 'departments').forEach((d, j) => {
      if (typeof d === 'string' && !known.has(d)) {
        issues.push({ path: ['reports', 'supervisors', i, 'departments', j], message: `${describeValue(d)} is not a department (known: ${knownList})` });
      }
    });
  });

  for (const [key, what] of [['topics', 'topic'], ['locations', 'location']] as const) {
    const values = listAt(raw, key).map((value, i) => ({ value: typeof value === 'string' ? value.trim() : value, path: [key, i] }));
    issues.push(...duplicates(values.filter((v) => typeof v.value === 'string' && v.value !== ''), what));
  }
  return issues;
}

/**
 * Staff on MAX are written with `maxId`, on Telegram with `telegramId`; inside, both are the member's id in the
 * staff messenger (kept under `telegramId`, the older name, so the rest of the code has one field).
 */
function messengerIds(raw: unknown): { raw: unknown; issues: OrgIssue[] } {
  if (!isRecord(raw) || !Array.isArray(raw.staff)) return { raw, issues: [] };
  const onMax = raw.messenger === 'max';
  const [wanted, other] = onMax ? ['maxId', 'telegramId'] : ['telegramId', 'maxId'];
  const issues: OrgIssue[] = [];
  const staff = raw.staff.map((s: unknown, i) => {
    if (!isRecord(s)) return s;
    if (other in s) {
      issues.push({ path: ['staff', i, other], message: `staff work in ${onMax ? 'MAX' : 'Telegram'} (messenger: ${onMax ? 'max' : 'telegram'}): write ${wanted}, the person's id there`, atKey: true });
      // Reported here only, not again by the schema as an unknown key.
      const { [other]: _dropped, ...rest } = s;
      return onMax ? s : rest;
    }
    if (!onMax) return s;
    const { maxId, ...rest } = s;
    return maxId === undefined ? s : { ...rest, telegramId: maxId };
  });
  return { raw: { ...raw, staff }, issues };
}

/** `staff[1].department`; the whole document is `(file)`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
  return out === '' ? '(file)' : out;
}

/**
 * Checks plain data (as read from YAML) against every rule. One issue per
 * offending field, an unknown key reported at the key itself.
 */
export function validateOrg(given: unknown): { ok: true; org: Org } | { ok: false; issues: OrgIssue[] } {
  const { raw, issues: idIssues } = messengerIds(given);
  const parsed = orgShape.safeParse(raw, { error: humanError });
  const issues: OrgIssue[] = [...idIssues];
  for (const issue of parsed.error?.issues ?? []) {
    const path = issue.path.map((k) => (typeof k === 'number' ? k : String(k)));
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) issues.push({ path: [...path, key], message: issue.message, atKey: true });
    } else {
      issues.push({ path, message: issue.message });
    }
  }
  // A field the schema already rejected is not reported twice.
  const reported = new Set(issues.map((i) => formatPath(i.path)));
  issues.push(...crossCheck(raw).filter((i) => !reported.has(formatPath(i.path))));

  if (issues.length > 0 || !parsed.success) return { ok: false, issues };
  // Each part may be valid and their merge not (an override of a timer the profile lacks).
  try {
    orgProfile(parsed.data);
  } catch (e) {
    // An extension or agreed term the profile cannot take is named at its own field in the file.
    if (e instanceof ProfileOverrideError) return { ok: false, issues: e.issues.map((i) => ({ path: ['profileOverrides', ...i.path], message: i.message })) };
    return { ok: false, issues: [{ path: [parsed.data.profileOverrides ? 'profileOverrides' : 'profile'], message: (e as Error).message }] };
  }
  return { ok: true, org: parsed.data };
}

/** The regulation profile the organisation works by: its preset or own profile, with its overrides applied. */
export function orgProfile(org: Org): Profile {
  return resolveProfile({ profile: org.profile, ...(org.profileOverrides ? { overrides: org.profileOverrides } : {}) });
}
