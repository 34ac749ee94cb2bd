import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { formatOrgError, loadOrg, orgProfile, parseOrg, type OrgError } from './org.js';

const examplePath = new URL('../../../examples/org.example.yaml', import.meta.url).pathname;
const example = readFileSync(examplePath, 'utf8');

/** The example with one exact piece replaced; fails loudly if the example changed under the test. */
function broken(...edits: Array<[from: string, to: string]>): string {
  let text = example;
  for (const [from, to] of edits) {
    expect(text.split(from).length - 1, `"${from}" occurs once in the example`).toBe(1);
    text = text.replace(from, to);
  }
  return text;
}

/** 1-based line of the only line containing `needle`. */
function lineOf(text: string, needle: string): number {
  const lines = text.split('\n').flatMap((l, i) => (l.includes(needle) ? [i + 1] : []));
  expect(lines, `"${needle}" is on exactly one line`).toHaveLength(1);
  return lines[0]!;
}

function errorsOf(text: string): OrgError[] {
  const result = parseOrg(text, 'org.yaml');
  if (result.ok) throw new Error('expected the file to be rejected');
  return result.errors;
}

/** The file is rejected with exactly one error, at `path`, on the line holding `lineNeedle`. */
function expectOneError(text: string, path: string, lineNeedle: string, message: RegExp): OrgError {
  const errors = errorsOf(text);
  expect(errors.map(formatOrgError)).toHaveLength(1);
  const [error] = errors;
  expect(error).toMatchObject({ path, line: lineOf(text, lineNeedle) });
  expect(error!.message).toMatch(message);
  return error!;
}

describe('the example organisation file', () => {
  it('parses into the organisation it describes', () => {
    const result = parseOrg(example, 'org.example.yaml');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { org } = result;
    expect(org.name).toBe('Администрация Завитинского района');
    expect(org.timezone).toBe('Asia/Yakutsk');
    expect(org.profile).toBe('zavitinsk-2020');
    expect(org.chats).toEqual({ curators: -1001000000001, duty: -1001000000002, heads: -1001000000003 });
    expect(org.departments.map((d) => [d.id, d.chat])).toEqual([
      ['housing', -1001000000010],
      ['roads', undefined],
    ]);
    expect(org.staff.filter((s) => s.roles.includes('curator'))).toHaveLength(2);
    expect(new Set(org.staff.filter((s) => s.roles.includes('executor')).map((s) => s.department))).toEqual(
      new Set(['housing', 'roads']),
    );
    expect(org.staff.some((s) => s.roles.includes('admin'))).toBe(true);
    expect(org.topics).toEqual(['ЖКХ', 'Дороги', 'Благоустройство']);
    expect(org.locations).toEqual(['г. Завитинск', 'с. Антоновка']);
    expect(org.networks).toEqual({ vk: { groupId: 123456 } });
  });

  it('accepts the minimal shape with no networks', () => {
    const result = parseOrg(broken(['networks:\n  vk: { groupId: 123456 }\n', '']), 'org.yaml');
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.org.networks).toBeUndefined();
  });

  it('accepts a schedule, calendar changes and profile overrides, and applies the overrides', () => {
    const text = broken([
      'profile: zavitinsk-2020\n',
      'profile: zavitinsk-2020\n' +
        'profileOverrides: { timers: { route: { duration: "1h" } } }\n' +
        'schedule: { mon: ["08:00-12:00", "13:00-17:00"] }\n' +
        'calendar: { holidays: [{ date: "2026-06-23", note: "День района" }] }\n',
    ]);
    const result = parseOrg(text, 'org.yaml');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(orgProfile(result.org).id).toBe('zavitinsk-2020');
    expect(orgProfile(result.org).timers.route?.duration).toBe('1h');
  });

  it('lets an organisation count the ПОС days as working days, and wants its reason', () => {
    const withOverrides = (timer: string) =>
      broken(['profile: zavitinsk-2020\n', `profile: severny-pos-2022\nprofileOverrides: { timers: { answer: { clock: working${timer} } } }\n`]);
    const result = parseOrg(withOverrides(', clockNote: "решение главы: рабочие дни"'), 'org.yaml');
    expect(result.ok).toBe(true);
    if (result.ok) expect(orgProfile(result.org).timers.answer).toMatchObject({ clock: 'working', clockNote: 'решение главы: рабочие дни' });
    const errors = errorsOf(withOverrides(''));
    expect(errors.map((e) => e.message).join('\n')).toMatch(/timers\.answer: the clock changes from calendar to working; say why in clockNote/);
  });

  it('accepts every network', () => {
    const text = broken([
      'networks:\n  vk: { groupId: 123456 }\n',
      'networks:\n  vk: { groupId: 1 }\n  ok: { groupId: "70000001234567" }\n  telegram: { publicBot: true, channelId: -1001, discussionChatId: -1002 }\n',
    ]);
    const result = parseOrg(text, 'org.yaml');
    expect(result.ok && result.org.networks).toEqual({
      vk: { groupId: 1 },
      ok: { groupId: '70000001234567' },
      telegram: { publicBot: true, channelId: -1001, discussionChatId: -1002 },
    });
  });
});

describe('organisation file rules, each named with its line', () => {
  it('profile must be a known preset', () => {
    const text = broken(['profile: zavitinsk-2020', 'profile: zavitinsk-2021']);
    expectOneError(text, 'profile', 'profile: zavitinsk-2021', /unknown profile \(presets: .*zavitinsk-2020/);
  });

  it('a schedule interval must be well-formed', () => {
    const text = broken(['profile: zavitinsk-2020\n', 'profile: zavitinsk-2020\nschedule: { mon: ["9-18"] }\n']);
    const [error] = errorsOf(text);
    expect(error?.path).toMatch(/^schedule\.mon/);
    expect(error?.line).toBe(lineOf(text, 'schedule:'));
  });

  it("an organisation's extension limit and agreed-term bounds are taken, and a bad one is named at its field and line", () => {
    const kamchatka = (overrides: string) => broken(['profile: zavitinsk-2020\n', `profile: kamchatka-ias-2021\nprofileOverrides:\n${overrides}`]);
    const ok = parseOrg(kamchatka('  extension: { max: "10d", grantedBy: head }\n  agreedTerm: { max: 5 }\n'), 'org.yaml');
    expect(ok.ok).toBe(true);
    if (ok.ok) {
      expect(orgProfile(ok.org).extension).toMatchObject({ max: '10d', grantedBy: 'head', clock: 'calendar' });
      expect(orgProfile(ok.org).agreedTerm).toMatchObject({ min: 1, max: 5, unit: 'days' });
    }

    const halfDay = kamchatka('  extension:\n    max: "8d4h"      # half a day more\n');
    expectOneError(halfDay, 'profileOverrides.extension.max', 'half a day more', /whole days/);

    const longer = broken(['profile: zavitinsk-2020\n', 'profile: zavitinsk-2020\nprofileOverrides:\n  agreedTerm:\n    max: 8      # as long as the answer\n']);
    expectOneError(longer, 'profileOverrides.agreedTerm.max', 'as long as the answer', /8 hours is not shorter than the "answer" timer's own 8h/);

    const upsideDown = kamchatka('  agreedTerm:\n    min: 4      # more than the max\n');
    expectOneError(upsideDown, 'profileOverrides.agreedTerm.min', 'more than the max', /min is above max/);
  });

  it('an override of a timer the profile does not have is named', () => {
    const text = broken(['profile: zavitinsk-2020\n', 'profile: zavitinsk-2020\nprofileOverrides: { timers: { nosuch: { duration: "1h" } } }\n']);
    const [error] = errorsOf(text);
    expect(error?.path).toBe('profileOverrides');
    expect(error?.message).toMatch(/nosuch/);
  });

  it('name must not be empty', () => {
    expectOneError(broken(['name: Администрация Завитинского района', 'name: ""']), 'name', 'name: ""', /must not be empty/);
  });

  it('timezone must be an IANA zone', () => {
    const text = broken(['timezone: Asia/Yakutsk', 'timezone: Yakutsk']);
    expectOneError(text, 'timezone', 'timezone: Yakutsk', /IANA time zone.*found "Yakutsk"/);
  });

  it('a missing field points at its parent', () => {
    const text = broken(['profile: zavitinsk-2020\n', '']);
    // The document's first key is where its top-level mapping starts.
    expectOneError(text, 'profile', 'name: Администрация', /missing: expected text/);
  });

  it('a missing chat points at the chats key', () => {
    const text = broken(['  duty: -1001000000002       # escalations of missed deadlines\n', '']);
    expectOneError(text, 'chats.duty', 'chats:', /missing: expected an integer/);
  });

  it('floodWaitSeconds is a whole number of seconds, 0 to 300', () => {
    const text = broken(['# ingest: { repeatDays: 30, repeatSimilarity: 0.3, burstMinutes: 5, floodWaitSeconds: 10, authorFloodIncidents: 10, authorFloodMinutes: 10 }', 'ingest: { floodWaitSeconds: -5 }']);
    expectOneError(text, 'ingest.floodWaitSeconds', 'ingest: { floodWaitSeconds: -5 }', /must be at least 0, found -5/);
    expect(parseOrg(broken(['# ingest: { repeatDays: 30, repeatSimilarity: 0.3, burstMinutes: 5, floodWaitSeconds: 10, authorFloodIncidents: 10, authorFloodMinutes: 10 }', 'ingest: { floodWaitSeconds: 0 }']), 'org.yaml').ok).toBe(true);
  });

  it('the author flood limit is a whole number of incidents (0 to 1000) within 1 to 1440 minutes', () => {
    const line = '# ingest: { repeatDays: 30, repeatSimilarity: 0.3, burstMinutes: 5, floodWaitSeconds: 10, authorFloodIncidents: 10, authorFloodMinutes: 10 }';
    expectOneError(broken([line, 'ingest: { authorFloodIncidents: 2.5 }']), 'ingest.authorFloodIncidents', 'ingest: { authorFloodIncidents: 2.5 }', /integer/);
    expectOneError(broken([line, 'ingest: { authorFloodMinutes: 0 }']), 'ingest.authorFloodMinutes', 'ingest: { authorFloodMinutes: 0 }', /must be at least 1, found 0/);
    expect(parseOrg(broken([line, 'ingest: { authorFloodIncidents: 0, authorFloodMinutes: 60 }']), 'org.yaml').ok).toBe(true);
  });

  it('privacy.staffSeesAuthor is true or false, and absent means true', () => {
    const line = '# privacy: { retentionDays: 1826, staffSeesAuthor: false }';
    const off = parseOrg(broken([line, 'privacy: { retentionDays: 1826, staffSeesAuthor: false }']), 'org.yaml');
    expect(off.ok && off.org.privacy).toEqual({ retentionDays: 1826, staffSeesAuthor: false });
    const absent = parseOrg(example, 'org.yaml');
    expect(absent.ok && absent.org.privacy?.staffSeesAuthor).toBeUndefined();
    expectOneError(broken([line, 'privacy: { staffSeesAuthor: "нет" }']), 'privacy.staffSeesAuthor', 'privacy: { staffSeesAuthor: "нет" }', /expected true or false, found "нет"/);
  });

  it('chat ids are integers', () => {
    const text = broken(['curators: -1001000000001', 'curators: "@curators"']);
    expectOneError(text, 'chats.curators', 'curators: "@curators"', /expected an integer, found "@curators"/);
  });

  it('department ids are slug-like', () => {
    const text = broken(
      ['{ id: roads, name: Отдел дорожного хозяйства, topics: [Дороги] }', '{ id: Дороги, name: Отдел дорожного хозяйства, topics: [Дороги] }'],
      ['department: roads }', 'department: housing }'],
    );
    const error = expectOneError(text, 'departments[1].id', 'id: Дороги', /lowercase Latin.*found "Дороги"/);
    expect(error.column).toBe(lineOfColumn(text, 'Дороги, name'));
  });

  it('department ids are unique', () => {
    const text = broken(
      ['{ id: roads, name: Отдел дорожного хозяйства, topics: [Дороги] }', '{ id: housing, name: Отдел дорожного хозяйства, topics: [Дороги] }'],
      ['department: roads }', 'department: housing }'],
    );
    expectOneError(text, 'departments[1].id', 'id: housing, name: Отдел дорожного', /duplicate department id "housing" \(first at departments\[0\]\.id\)/);
  });

  it('a department head must be in staff', () => {
    const text = broken(['head: 202,', 'head: 999,']);
    expectOneError(text, 'departments[0].head', 'head: 999', /999 is not the telegramId of anyone in staff/);
  });

  it('unknown fields are named at the key, with the known ones', () => {
    const text = broken(['{ id: roads, name: Отдел дорожного хозяйства, topics: [Дороги] }', '{ id: roads, name: Отдел дорожного хозяйства, topics: [Дороги], chta: -5 }']);
    const error = expectOneError(text, 'departments[1].chta', 'chta: -5', /unknown field \(known fields here: id, name, chat, head, topics\)/);
    expect(error.column).toBe(lineOfColumn(text, 'chta'));
  });

  it('unknown top-level fields are named too', () => {
    const text = broken(['\ntopics: [', '\ntopcs: [Свет]\ntopics: [']);
    expectOneError(text, 'topcs', 'topcs:', /unknown field/);
  });

  it('staff telegramIds are positive integers', () => {
    const text = broken(['{ telegramId: 401,', '{ telegramId: -401,']);
    expectOneError(text, 'staff[6].telegramId', 'telegramId: -401', /greater than 0, found -401/);
  });

  it('staff telegramIds are unique', () => {
    const text = broken(['{ telegramId: 401,', '{ telegramId: 101,']);
    expectOneError(text, 'staff[6].telegramId', 'Кузнецова', /duplicate telegramId 101 \(first at staff\[0\]\.telegramId\)/);
  });

  it('roles come from the known list', () => {
    const text = broken(['roles: [head]', 'roles: [boss]']);
    expectOneError(text, 'staff[5].roles[0]', 'roles: [boss]', /expected one of curator, executor, head, duty, admin, found "boss"/);
  });

  it('a role is listed once', () => {
    const text = broken(['roles: [duty]', 'roles: [duty, duty]']);
    expectOneError(text, 'staff[6].roles[1]', 'roles: [duty, duty]', /duplicate role "duty"/);
  });

  it('a person has at least one role', () => {
    const text = broken(['roles: [duty]', 'roles: []']);
    expectOneError(text, 'staff[6].roles', 'roles: []', /must list at least 1/);
  });

  it('takes report recipients per kind, and names a supervisor\'s unknown department (issue 19)', () => {
    const reports = '\nreports:\n  week: [-1001000000101]\n  supervisors:\n    - { name: Заместитель, chat: -1001000000103, departments: [parks] }\n';
    expectOneError(example + reports, 'reports.supervisors[0].departments[0]', 'departments: [parks]', /"parks" is not a department \(known: housing, roads\)/);
    const result = parseOrg(example + reports.replace('[parks]', '[roads]'), 'org.yaml');
    expect(result.ok && result.org.reports).toEqual({
      week: [-1001000000101],
      supervisors: [{ name: 'Заместитель', chat: -1001000000103, departments: ['roads'] }],
    });
  });

  it("an executor's department must exist", () => {
    const text = broken(['department: roads }', 'department: road }']);
    const error = expectOneError(text, 'staff[2].department', 'department: road }', /"road" is not a department \(known: housing, roads\)/);
    expect(formatOrgError(error)).toBe(
      `org.yaml:${error.line}:${lineOfColumn(text, 'road }')} staff[2].department: "road" is not a department (known: housing, roads)`,
    );
  });

  it('an executor must name a department', () => {
    const text = broken([', department: roads }', ' }']);
    expectOneError(text, 'staff[2].department', 'Петров', /missing: an executor must name a department \(known: housing, roads\)/);
  });

  it('there is at least one curator', () => {
    const text = broken(['roles: [curator] }', 'roles: [head] }'], ['roles: [curator, admin]', 'roles: [admin]']);
    expectOneError(text, 'staff', 'staff:', /at least one staff member must have the role curator/);
  });

  it('topics are non-empty and unique', () => {
    const text = broken(['topics: [ЖКХ, Дороги, Благоустройство]', 'topics: [ЖКХ, Дороги, Благоустройство, Дороги]']);
    expectOneError(text, 'topics[3]', 'topics: [ЖКХ, Дороги, Благоустройство, Дороги]', /duplicate topic "Дороги" \(first at topics\[1\]\)/);
    const empty = broken(['topics: [ЖКХ, Дороги, Благоустройство]', 'topics: []']);
    const errors = errorsOf(empty);
    expect(errors.map((e) => e.path)).toContain('topics');
    expect(errors.find((e) => e.path === 'topics')?.message).toMatch(/must list at least 1/);
  });

  it("a department's topics must be among the topics", () => {
    const text = broken(['topics: [Дороги] }', 'topics: [Дорога] }']);
    expectOneError(text, 'departments[1].topics[0]', 'topics: [Дорога] }', /"Дорога" is not one of the topics/);
  });

  it('the default place is one of the locations, and keywords are given to topics the file has', () => {
    const good = parseOrg(`${example}\ndefaultLocation: г. Завитинск\ntopicKeywords:\n  ЖКХ: [баня, водокачка]\n`, 'org.yaml');
    expect(good.ok && good.org.defaultLocation).toBe('г. Завитинск');
    expect(good.ok && good.org.topicKeywords).toEqual({ ЖКХ: ['баня', 'водокачка'] });
    const place = `${example}\ndefaultLocation: с. Ивановка\n`;
    expectOneError(place, 'defaultLocation', 'defaultLocation: с. Ивановка', /"с. Ивановка" is not one of the locations \(known: г. Завитинск, с. Антоновка\)/);
    const topic = `${example}\ntopicKeywords:\n  Транспорт: [автобус]\n`;
    expectOneError(topic, 'topicKeywords.Транспорт', 'Транспорт: [автобус]', /"Транспорт" is not one of the topics/);
    const empty = `${example}\ntopicKeywords:\n  ЖКХ: []\n`;
    expectOneError(empty, 'topicKeywords.ЖКХ', 'ЖКХ: []', /must list at least 1/);
  });

  it('locations are non-empty strings', () => {
    const text = broken(['locations: [г. Завитинск, с. Антоновка]', 'locations: [г. Завитинск, ""]']);
    expectOneError(text, 'locations[1]', 'locations:', /must not be empty/);
  });

  it('network ids are checked', () => {
    const vk = broken(['vk: { groupId: 123456 }', 'vk: { groupId: -123456 }']);
    expectOneError(vk, 'networks.vk.groupId', 'vk: { groupId', /greater than 0, found -123456/);
    const ok = broken(['vk: { groupId: 123456 }', 'ok: { groupId: club123 }']);
    expectOneError(ok, 'networks.ok.groupId', 'ok: { groupId', /group id as digits in quotes/);
    const tg = broken(['vk: { groupId: 123456 }', 'telegram: { publicBot: yes }']);
    expectOneError(tg, 'networks.telegram.publicBot', 'publicBot: yes', /expected true or false, found "yes"/);
    const unknown = broken(['vk: { groupId: 123456 }', 'facebook: { page: 1 }']);
    expectOneError(unknown, 'networks.facebook', 'facebook', /unknown field \(known fields here: vk, ok, telegram, max\)/);
  });

  it('reports every problem at once, top to bottom', () => {
    const text = broken(['timezone: Asia/Yakutsk', 'timezone: Mars/Olympus'], ['department: roads }', 'department: road }'], ['roles: [head]', 'roles: [boss]']);
    const errors = errorsOf(text);
    expect(errors.map((e) => [e.path, e.line])).toEqual([
      ['timezone', lineOf(text, 'Mars/Olympus')],
      ['staff[2].department', lineOf(text, 'department: road }')],
      ['staff[5].roles[0]', lineOf(text, 'roles: [boss]')],
    ]);
  });

  it('reports cross-field problems even when other fields have the wrong type', () => {
    const text = broken(['timezone: Asia/Yakutsk', 'timezone: [Asia/Yakutsk]'], ['department: roads }', 'department: road }']);
    expect(errorsOf(text).map((e) => e.path)).toEqual(['timezone', 'staff[2].department']);
  });

  it('reports YAML syntax errors with their line', () => {
    const text = broken(['topics: [ЖКХ, Дороги, Благоустройство]', 'topics: [ЖКХ, Дороги']);
    const errors = errorsOf(text);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]!.message).toMatch(/^YAML syntax: /);
    expect(errors[0]!.line).toBe(lineOf(text, 'locations:'));
  });

  it('reports a duplicated key as a YAML error on its line', () => {
    const text = broken(['profile: zavitinsk-2020', 'profile: zavitinsk-2020\nprofile: sobolevo']);
    const errors = errorsOf(text);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: lineOf(text, 'sobolevo'), column: 1 });
    expect(errors[0]!.message).toMatch(/unique/);
  });

  it('reports an empty file and a file that is not a mapping', () => {
    expect(errorsOf('# nothing yet\n')[0]!.message).toMatch(/the file is empty/);
    expect(errorsOf('- name: x\n')[0]).toMatchObject({ path: '(file)', line: 1, message: 'expected a mapping (key: value), found a list' });
  });
});

describe('loadOrg', () => {
  const dir = mkdtempSync(join(tmpdir(), 'otklik-org-'));

  it('returns the organisation from a good file', () => {
    expect(loadOrg(examplePath).staff.length).toBeGreaterThan(0);
  });

  it('throws a ConfigError listing every problem as FILE:LINE:COL path: message', () => {
    const file = join(dir, 'org.yaml');
    const text = broken(['timezone: Asia/Yakutsk', 'timezone: Mars/Olympus'], ['department: roads }', 'department: road }']);
    writeFileSync(file, text);
    let caught: unknown;
    try {
      loadOrg(file);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const lines = (caught as ConfigError).message.split('\n');
    expect(lines[0]).toBe(`The organisation file ${file} is not valid (2 problems):`);
    expect(lines[1]).toMatch(new RegExp(`^${escape(file)}:${lineOf(text, 'Mars')}:11 timezone: expected an IANA time zone`));
    expect(lines[2]).toMatch(new RegExp(`^${escape(file)}:${lineOf(text, 'road }')}:\\d+ staff\\[2\\]\\.department: "road" is not a department`));
  });

  it('throws a ConfigError for a missing file', () => {
    expect(() => loadOrg(join(dir, 'absent.yaml'))).toThrow(/Cannot read the organisation file .*absent\.yaml \(ENOENT\)/);
  });
});

/** 1-based column where `needle` starts on its line. */
function lineOfColumn(text: string, needle: string): number {
  const line = text.split('\n')[lineOf(text, needle) - 1]!;
  return line.indexOf(needle) + 1;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('the staff messenger', () => {
  const example = readFileSync(new URL('../../../examples/org.example.yaml', import.meta.url), 'utf8');
  it('is Telegram unless the file says MAX; on MAX staff are written with maxId', () => {
    const onTelegram = parseOrg(example, 'org.yaml');
    expect(onTelegram.ok && onTelegram.org.messenger).toBeUndefined();
    const onMax = parseOrg(`messenger: max\n${example.replaceAll('telegramId:', 'maxId:')}`, 'org.yaml');
    if (!onMax.ok) throw new Error(onMax.errors.map(formatOrgError).join("\n"));
    expect(onMax.org.messenger).toBe('max');
    expect(onMax.org.staff.map((s) => s.telegramId)).toEqual(onTelegram.ok ? onTelegram.org.staff.map((s) => s.telegramId) : []);
  });
  it('names the field when a person is written with the other messenger’s id', () => {
    const wrong = parseOrg(`messenger: max\n${example}`, 'org.yaml');
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.errors.map(formatOrgError).join("\n")).toMatch(/staff\[0\]\.telegramId.*write maxId/s);
    const back = parseOrg(example.replace('telegramId:', 'maxId:'), 'org.yaml');
    expect(back.ok).toBe(false);
    if (!back.ok) expect(back.errors.map(formatOrgError).join("\n")).toMatch(/staff\[0\]\.maxId.*write telegramId/s);
  });
});
