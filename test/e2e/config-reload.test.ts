/**
 * The organisation file changed without a restart: SIGHUP re-reads it (the
 * harness listens as `otklik start` does). A good file is in force at once
 * (a person added can work, a renamed department shows on cards); a bad one
 * is refused with the field named and the old one kept; invited staff
 * survive; open incidents' timers are re-planned only when the file changes
 * what they are computed from.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ORG } from '../../shared/sandbox/demo/harness.js';
import { routeAsSuggested } from '../../shared/sandbox/demo/flow.js';
import { cardSays, citizenWrites, press, until } from '../../shared/sandbox/demo/staff.js';
import { loadState } from '../../shared/platform/db/events.js';
import { reloadOrg } from '../../shared/flows/reconcile/reload.js';
import { createLogger } from '../../shared/platform/log.js';
import { testHarness, type TestHarness } from '../kit/harness.js';
import { freshDatabase } from '../kit/db.js';
import { freshRedis } from '../kit/redis.js';

const CURATOR = 101;
const PETROV = 201; // roads' executor
const ADMIN = 501;
const NEW_CURATOR = 205; // added to the file below
const INVITED = 778001;

const BASE = readFileSync(EXAMPLE_ORG, 'utf8');
const ROADS = '{ id: roads, name: Отдел дорожного хозяйства, topics: [Дороги] }';
const RENAMED = BASE.replace(ROADS, '{ id: roads, name: Дорожный отдел, topics: [Дороги] }').replace(
  '  - { telegramId: 301,',
  `  - { telegramId: ${NEW_CURATOR}, name: Орлов Игорь, roles: [curator] }\n  - { telegramId: 301,`,
);

const LONGER_ROUTE = BASE.replace('profile: zavitinsk-2020\n', 'profile: zavitinsk-2020\nprofileOverrides: { timers: { route: { duration: "2h" } } }\n');

let h: TestHarness;
let path: string;
/** The system's log lines, parsed: a refused file must be visible at error level. */
const lines: { level: number; msg: string; [k: string]: unknown }[] = [];

const BAD = RENAMED.replace('department: roads }', 'department: road }');

const writeOrg = (text: string) => writeFileSync(path, text);

beforeAll(async () => {
  path = join(mkdtempSync(join(tmpdir(), 'otklik-reload-')), 'org.yaml');
  writeOrg(BASE);
  const log = createLogger({ level: 'info', destination: { write: (s: string) => void lines.push(JSON.parse(s)) } });
  h = await testHarness({ orgPath: path, log });
});
afterAll(async () => h?.dispose());

async function say(user: number, text: string, name?: { first_name: string; last_name?: string }): Promise<string> {
  const before = h.telegram.messages(user).length;
  h.telegram.injectMessage({ chatId: user, from: name ? { id: user, ...name } : user, text });
  const reply = await until(() => h.telegram.messages(user).slice(before).find((m) => m.from?.is_bot), `the reply to ${text}`);
  return reply.text ?? '';
}

async function reloadFailedMetric(): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${h.system.worker!.port}/metrics`)).text();
  return Number(/^otklik_config_reload_failed (\d+)$/m.exec(text)![1]);
}

const timerJobs = async (incidentId: number) => (await h.system.ctx.redis.smembers(`${h.system.ctx.queuePrefix}:timers:${incidentId}`)).sort();

describe('the organisation file re-read on SIGHUP', () => {
  it('a good file is in force at once: a person added can work, a renamed department shows on cards', async () => {
    expect(await say(NEW_CURATOR, '/start')).toContain('попросите администратора');
    writeOrg(RENAMED);
    process.emit('SIGHUP');
    await until(() => h.system.ctx.org.staff.some((s) => s.telegramId === NEW_CURATOR), 'the file re-read');
    expect(h.system.ctx.org.departments.find((d) => d.id === 'roads')?.name).toBe('Дорожный отдел');
    expect(lines.some((l) => l.msg === 'organisation file reloaded' && JSON.stringify(l.changed) === '["departments","staff"]')).toBe(true);

    expect(await say(NEW_CURATOR, '/start')).toContain('Здравствуйте, Орлов Игорь! Вы подключены к «Отклику» как куратор');
    const id = await citizenWrites(h, 695001, 'Яма на дороге в с. Антоновка возле почты');
    await routeAsSuggested(h, id, NEW_CURATOR);
    await cardSays(h, h.org.chats.curators, id, (t) => t.includes('Дорожный отдел'), 'the new name on the card');
  });

  it('a bad file is refused with the field named, and the old one stays in force', async () => {
    const before = h.system.ctx.settings;
    writeOrg(BAD);
    const result = await reloadOrg(h.system.ctx, path, { replan: true });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems.join('\n');
    expect(problems).toContain('staff[2].department');
    expect(problems).toContain('"road"');
    expect(h.system.ctx.settings).toBe(before);
    const refused = lines.filter((l) => l.msg === 'organisation file refused; the previous one stays in force');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.level).toBe(50);
    expect(JSON.stringify(refused[0]!.problems)).toContain('staff[2].department');
    // The people of the old file still work.
    expect(await say(NEW_CURATOR, '/start')).toContain('Вы подключены к «Отклику» как куратор');

    // The same through the signal: refused again, nothing changes.
    process.emit('SIGHUP');
    await until(() => lines.filter((l) => l.msg === 'organisation file refused; the previous one stays in force').length === 2, 'the second refusal');
    expect(h.system.ctx.settings).toBe(before);
    expect(await reloadFailedMetric()).toBe(1);

    // Fixed: in force, and the metric clears.
    writeOrg(RENAMED);
    expect(await reloadOrg(h.system.ctx, path, { replan: true })).toMatchObject({ ok: true, changed: [] });
    expect(await reloadFailedMetric()).toBe(0);
  });

  it('staff who joined by invite survive a reload', async () => {
    const reply = await say(ADMIN, '/invite executor roads');
    const payload = /start=(inv-[A-Za-z0-9_-]+)/.exec(reply)![1]!;
    expect(await say(INVITED, `/start ${payload}`, { first_name: 'Егор', last_name: 'Белов' })).toContain('Вы подключены к «Отклику»');

    // A file without Орлов and with the old department name: invitees are not in files, so they stay.
    writeOrg(BASE);
    const result = await reloadOrg(h.system.ctx, path, { replan: true });
    expect(result).toMatchObject({ ok: true, changed: ['departments', 'staff'] });
    expect(await say(INVITED, '/start')).toContain('Вы подключены к «Отклику» как исполнитель');
    expect(await say(NEW_CURATOR, '/start')).toContain('попросите администратора');
  });

  it('re-plans running deadlines only when the file changes them', async () => {
    const id = await citizenWrites(h, 695002, 'Не горят фонари на ул. Ленина в г. Завитинск');
    const planned = await until(async () => ((await timerJobs(id)).length ? timerJobs(id) : null), 'the route timer planned');
    // Nothing the reconcile job left behind: the one at start has run (and removed itself).
    await until(async () => !(await h.system.ctx.queues.queue('reconcile').getJob('reconcile')), 'the first reconcile done');

    // A name changed: deadlines are not touched and no re-plan is asked for.
    writeOrg(BASE.replace(ROADS, '{ id: roads, name: Дорожный отдел, topics: [Дороги] }'));
    const renamed = await reloadOrg(h.system.ctx, path, { replan: true });
    expect(renamed).toMatchObject({ ok: true, changed: ['departments'], replanned: false });
    expect(await h.system.ctx.queues.queue('reconcile').getJob('reconcile')).toBeUndefined();
    expect(await timerJobs(id)).toEqual(planned);

    // The curators' deadline lengthened by the file's profile overrides: the reconciler re-plans at once.
    writeOrg(LONGER_ROUTE);
    const longer = await reloadOrg(h.system.ctx, path, { replan: true });
    expect(longer).toMatchObject({ ok: true, changed: ['departments', 'profileOverrides'], replanned: true });
    // The route timer's jobs moved to a later due; the others (the answer's own deadline) stay as they were.
    const route = (ids: string[]) => ids.filter((j) => j.startsWith(`timer-${id}-route-`));
    const dueOf = (j: string) => Number(j.split('-').at(-1));
    // Waited for whole: the reconciler takes the old route jobs out before it puts the new ones in.
    const replanned = await until(async () => {
      const now = await timerJobs(id);
      return now.join() !== planned.join() && route(now).length === route(planned).length ? now : null;
    }, 'the timers re-planned');
    expect(route(planned).length).toBeGreaterThan(0);
    expect(route(replanned)).toHaveLength(route(planned).length);
    expect(Math.min(...route(replanned).map(dueOf))).toBeGreaterThan(Math.max(...route(planned).map(dueOf)));
    expect(replanned.filter((j) => !j.includes('-route-'))).toEqual(planned.filter((j) => !j.includes('-route-')));
    // The set and the queue agree: the old route jobs are gone, the new ones wait.
    const timers = h.system.ctx.queues.queue('timer');
    for (const jobId of route(planned)) expect(await timers.getJob(jobId)).toBeUndefined();
    for (const jobId of route(replanned)) expect(await timers.getJob(jobId)).toBeDefined();
  });

  it('a changed networks block is logged as needing a restart', async () => {
    writeOrg(LONGER_ROUTE.replace('  vk: { groupId: 123456 }', '  vk: { groupId: 123457 }'));
    const result = await reloadOrg(h.system.ctx, path, { replan: true });
    expect(result).toMatchObject({ ok: true, changed: ['networks'], replanned: false, restartNeeded: ['networks'] });
    expect(lines.some((l) => l.level === 40 && l.msg.includes('only after a restart'))).toBe(true);
  });

  it('a file naming another staff messenger is refused until a restart: its ids are that messenger\'s', async () => {
    writeOrg(`messenger: max\n${LONGER_ROUTE.replaceAll('telegramId:', 'maxId:')}`);
    const result = await reloadOrg(h.system.ctx, path, { replan: true });
    expect(result).toEqual({ ok: false, problems: ['messenger: changed from telegram to max; the staff messenger changes only with a restart of bots and worker'] });
    expect(h.system.ctx.org.messenger).toBeUndefined();
  });
});

describe('someone taken out of the file by a reload', () => {
  it('has their work given back to the curators, as at a worker\'s start', async () => {
    const id = await citizenWrites(h, 695003, 'Яма на дороге в с. Антоновка у клуба');
    await routeAsSuggested(h, id, CURATOR);
    await cardSays(h, PETROV, id, (t) => t.includes('направлено исполнителю'), 'the executor\'s card');
    expect(await press(h, PETROV, id, PETROV, '🙋 Взять')).toBe('Взято в работу');
    await cardSays(h, h.org.chats.curators, id, (t) => t.includes('в работе'), 'taken');

    writeOrg(LONGER_ROUTE.replace(`  - { telegramId: ${PETROV}, name: Петров Пётр, roles: [executor], department: roads }\n`, ''));
    expect(await reloadOrg(h.system.ctx, path, { replan: true })).toMatchObject({ ok: true, changed: expect.arrayContaining(['staff']) });
    expect((await loadState(h.system.ctx.database.db, id))!.status).toBe('returned');
    await cardSays(h, h.org.chats.curators, id, (t) => t.includes('вернулось куратору'), 'the notice');
  });
});

describe('a worker process as docker compose runs it (node bin/otklik.js worker)', () => {
  it('re-reads the file on a real SIGHUP, refuses a bad one and keeps running', { timeout: 90_000 }, async () => {
    const db = await freshDatabase();
    const redis = await freshRedis();
    const file = join(mkdtempSync(join(tmpdir(), 'otklik-reload-worker-')), 'org.yaml');
    writeFileSync(file, BASE);
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const child = spawn(process.execPath, [join(root, 'bin/otklik.js'), 'worker'], {
      cwd: root,
      env: { ...process.env, ...h.envVars, DATABASE_URL: db.url, REDIS_URL: redis.url, OTKLIK_ORG: file, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const out: { level: number; msg: string; [k: string]: unknown }[] = [];
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('{')) out.push(JSON.parse(line));
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const logged = (msg: string) => until(() => out.find((l) => l.msg === msg), msg, 60_000);
    try {
      await logged('worker started');
      writeFileSync(file, RENAMED);
      child.kill('SIGHUP');
      expect((await logged('organisation file reloaded')).changed).toEqual(['departments', 'staff']);

      writeFileSync(file, BAD);
      child.kill('SIGHUP');
      const refused = await logged('organisation file refused; the previous one stays in force');
      expect(refused.level).toBe(50);
      expect(JSON.stringify(refused.problems)).toContain('staff[2].department');
      expect(child.exitCode).toBeNull();
      expect(child.signalCode).toBeNull();
    } finally {
      child.kill('SIGTERM');
      await exited;
      await db.drop();
    }
    // SIGTERM still stops it the ordinary way.
    expect(child.exitCode).toBe(0);
  });
});
