/**
 * The worker's health check and Prometheus metrics during an end-to-end run (issue 20, item 5):
 * queue depths by state, open and overdue incidents by the late stage, replies by publication
 * status, a reply refused because VK rejected the token, and the newest backup's age.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeAsSuggested, writeDraft } from '../../shared/sandbox/demo/flow.js';
import { cardSays, citizenWrites, press, until } from '../../shared/sandbox/demo/staff.js';
import { VK_ERRORS } from '../../shared/sandbox/fakes/vk-errors.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

const CURATOR = 101;
const ROADS = 201;
const backups = mkdtempSync(join(tmpdir(), 'otklik-backups-'));
let offset = 0;
const clock = { now: () => new Date(Date.now() + offset) };
let h: TestHarness;

beforeAll(async () => {
  writeFileSync(join(backups, 'otklik-2026-12-04.backup.gz'), 'x');
  writeFileSync(join(backups, 'otklik-2026-12-05.backup.gz.partial'), 'x'); // being written: not a backup yet
  h = await testHarness({ clock, env: { OTKLIK_BACKUP_DIR: backups } });
});
afterAll(() => h?.dispose());

const worker = (path: string) => fetch(`http://127.0.0.1:${h.system.worker!.port}${path}`);
/** The value of one series in the exposition text, or undefined. */
async function metric(series: string): Promise<number | undefined> {
  const text = await (await worker('/metrics')).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('the worker\'s /healthz and /metrics', () => {
  it('is healthy when PostgreSQL, Redis and its job workers are', async () => {
    const res = await worker('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', postgres: 'ok', redis: 'ok', jobs: 'ok' });
    expect((await worker('/nothing')).status).toBe(404);
  });

  it('shows queue depths, open and overdue incidents, refused replies and the last backup', async () => {
    const text = await (await worker('/metrics')).text();
    for (const queue of ['ingest', 'card', 'lane', 'publish', 'timer', 'reconcile']) {
      expect(text).toMatch(new RegExp(`^otklik_queue_jobs\\{queue="${queue}",state="delayed"\\} \\d+$`, 'm'));
    }
    expect(await metric('otklik_backup_last_success_timestamp_seconds')).toBeGreaterThan(Date.now() / 1000 - 60);

    await citizenWrites(h, 660001, 'Яма на дороге в с. Антоновка у моста, ночью не видно');
    const answered = await citizenWrites(h, 660002, 'Яма на дороге в с. Антоновка у вокзала, машины объезжают');
    await until(async () => (await metric('otklik_incidents_open')) === 2 || undefined, 'two open incidents', 20_000);
    expect(text).toContain('otklik_telegram_bot_authorized 1');

    // VK refuses the token when the reply goes out: the reply fails, and says why.
    await routeAsSuggested(h, answered, CURATOR);
    await writeDraft(h, answered, ROADS, ROADS, 'Здравствуйте! Яму у вокзала засыплют до пятницы.');
    await cardSays(h, h.org.chats.curators, answered, (t) => t.includes('на согласовании'), 'on approval');
    h.vk.failNext('messages.send', VK_ERRORS.authFailed);
    await press(h, h.org.chats.curators, answered, CURATOR, '✅ Утвердить');
    await until(async () => (await metric('otklik_publications{status="failed"}')) === 1 || undefined, 'the refused reply counted', 20_000);
    expect(await metric('otklik_publications_auth_failed_24h{network="vk"}')).toBe(1);
    expect(await metric('otklik_publications_auth_failed_24h{network="ok"}')).toBe(0);

    // Three days on, the new message's routing is long overdue.
    expect(await metric('otklik_incidents_overdue{stage="route"}')).toBeUndefined();
    offset = 3 * 24 * 3600 * 1000;
    await until(async () => (await metric('otklik_incidents_overdue{stage="route"}')) === 1 || undefined, 'the late routing counted', 20_000);
  }, 120_000);
});
