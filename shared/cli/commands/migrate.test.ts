/** `otklik migrate --check` says what an upgrade would apply, and changes nothing; `otklik migrate` applies it. */
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freshDatabase } from '../../../test/kit/db.js';
import { run } from './migrate.js';

let db: Awaited<ReturnType<typeof freshDatabase>>;
const saved = { ...process.env };
const files = readdirSync(new URL('../../../migrations/', import.meta.url)).filter((f) => f.endsWith('.sql'));

beforeAll(async () => {
  db = await freshDatabase();
  process.env = { ...saved, DATABASE_URL: db.url, LOG_LEVEL: 'warn' };
});
afterAll(async () => {
  process.env = saved;
  await db?.drop();
});

async function said(args: string[]) {
  const out = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    const code = await run(args);
    return { code, text: out.mock.calls.flat().join('\n') };
  } finally {
    out.mockRestore();
  }
}

describe('otklik migrate', () => {
  it('--check lists every migration a new database would get, with its statements, and applies none', async () => {
    const first = await said(['--check']);
    expect(first.code).toBe(0);
    expect(first.text).toContain(`Будет применено миграций: ${files.length}`);
    expect(first.text).toContain('0000_foundation:');
    expect(first.text).toMatch(/^ {2}CREATE TABLE "incidents"/m);
    expect(first.text).toContain(`${files.at(-1)!.replace(/\.sql$/, '')}:`);
    expect((await said(['--check'])).text).toContain(`Будет применено миграций: ${files.length}`); // still nothing applied
  });

  it('applies them, after which --check has nothing to say', async () => {
    expect((await said([])).text).toContain('Миграции применены');
    expect((await said(['--check'])).text).toContain('новых миграций нет');
  });
});
