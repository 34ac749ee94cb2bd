import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeMax, type FakeMax } from '../../sandbox/fakes/max.js';
import { run } from './max.js';

let max: FakeMax;
beforeAll(async () => {
  max = await startFakeMax();
});
afterAll(async () => max?.close());
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('otklik max chats', () => {
  it('lists the group chats the bot is in, with the ids the organisation file takes', async () => {
    max.addGroupChat(-70_000_000_101, 'Кураторы');
    max.addGroupChat(-70_000_000_102, 'Дежурные');
    // A dialog is no group chat and is not listed.
    max.citizenWrites({ userId: 4_000_001, text: 'Здравствуйте' });
    vi.stubEnv('MAX_BOT_TOKEN', max.token);
    vi.stubEnv('MAX_API_ROOT', max.apiRoot);
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
    expect(await run(['chats', '--json'])).toBe(0);
    expect(JSON.parse(out[0]!)).toEqual([
      { chat_id: -70_000_000_101, type: 'chat', title: 'Кураторы' },
      { chat_id: -70_000_000_102, type: 'chat', title: 'Дежурные' },
    ]);
  });

  it('names the missing token', async () => {
    vi.stubEnv('MAX_BOT_TOKEN', '');
    const err: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
    expect(await run(['chats'])).toBe(1);
    expect(err.join('\n')).toMatch(/MAX_BOT_TOKEN: required/);
  });
});
