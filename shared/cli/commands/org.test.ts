import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from './org.js';

const examplePath = new URL('../../../examples/org.example.yaml', import.meta.url).pathname;
const example = readFileSync(examplePath, 'utf8');

let out: string[];
let err: string[];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => {
  vi.restoreAllMocks();
});

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('otklik org check', () => {
  it('accepts the example and summarises it', async () => {
    expect(await run(['check', examplePath])).toBe(0);
    expect(out).toEqual(['OK: Администрация Завитинского района — 2 departments, 8 staff, profile zavitinsk-2020']);
    expect(err).toEqual([]);
  });

  it('prints each problem as FILE:LINE:COL path: message and exits 1', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'otklik-org-cli-')), 'org.yaml');
    const text = example
      .replace('timezone: Asia/Yakutsk', 'timezone: Asia/Nowhere')
      .replace('department: roads }', 'department: road }')
      .replace('{ telegramId: 401,', '{ telegramId: 101,');
    writeFileSync(file, text);

    expect(await run(['check', file])).toBe(1);
    expect(out).toEqual([]);
    expect(err).toHaveLength(3);
    expect(err[0]).toBe(`${file}:${lineOf(text, 'Asia/Nowhere')}:11 timezone: expected an IANA time zone such as Asia/Yakutsk or Europe/Moscow, found "Asia/Nowhere"`);
    expect(err[1]).toMatch(new RegExp(`^${escape(file)}:${lineOf(text, 'department: road }')}:\\d+ staff\\[2\\]\\.department: "road" is not a department \\(known: housing, roads\\)$`));
    expect(err[2]).toMatch(new RegExp(`^${escape(file)}:${lineOf(text, 'Кузнецова')}:\\d+ staff\\[6\\]\\.telegramId: duplicate telegramId 101`));
  });

  it('reports an unreadable file with exit 1', async () => {
    expect(await run(['check', '/nonexistent/org.yaml'])).toBe(1);
    expect(err).toEqual(['/nonexistent/org.yaml: cannot read (ENOENT)']);
  });

  it('prints usage and exits 2 for an unknown subcommand or a missing file', async () => {
    expect(await run(['lint', examplePath])).toBe(2);
    expect(await run(['check'])).toBe(2);
    expect(await run([])).toBe(2);
    expect(err).toHaveLength(3);
    for (const message of err) expect(message).toMatch(/^Usage: otklik org check FILE/);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
