import { describe, expect, it } from 'vitest';
import { presetIds, presets } from '../../core/sla/index.js';
import { startHttpServer } from '../../platform/http/server.js';
import { silentLogger } from '../../platform/log.js';
import { sandboxRoutes } from './routes.js';
import { authorised, exampleOrgPath, sandboxOrg, sandboxSettingsSchema } from './sandbox.js';
import { STAFF_MESSENGERS } from './staff-view.js';
import type { Sandbox } from './types.js';

describe('sandbox settings', () => {
  it('listens on loopback by default, with no password', () => {
    expect(sandboxSettingsSchema.parse({})).toMatchObject({ OTKLIK_SANDBOX_HOST: '127.0.0.1', OTKLIK_SANDBOX_PORT: 8090, OTKLIK_SANDBOX_PROFILE: 'zavitinsk-2020' });
  });

  it('refuses the local network without a password, naming the field', () => {
    const r = sandboxSettingsSchema.safeParse({ OTKLIK_SANDBOX_HOST: '0.0.0.0' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['OTKLIK_SANDBOX_PASSWORD']);
    expect(sandboxSettingsSchema.safeParse({ OTKLIK_SANDBOX_HOST: '0.0.0.0', OTKLIK_SANDBOX_PASSWORD: 'short' }).success).toBe(false);
    expect(sandboxSettingsSchema.parse({ OTKLIK_SANDBOX_HOST: '0.0.0.0', OTKLIK_SANDBOX_PASSWORD: 'учебный-класс' }).OTKLIK_SANDBOX_HOST).toBe('0.0.0.0');
  });

  it('refuses an unknown preset', () => {
    expect(sandboxSettingsSchema.safeParse({ OTKLIK_SANDBOX_PROFILE: 'moscow-2030' }).success).toBe(false);
  });

  it('has staff in Telegram by default, in MAX with OTKLIK_SANDBOX_MESSENGER=max, and names the setting when it is neither', () => {
    expect(sandboxSettingsSchema.parse({}).OTKLIK_SANDBOX_MESSENGER).toBe('telegram');
    expect(sandboxSettingsSchema.parse({ OTKLIK_SANDBOX_MESSENGER: 'max' }).OTKLIK_SANDBOX_MESSENGER).toBe('max');
    const r = sandboxSettingsSchema.safeParse({ OTKLIK_SANDBOX_MESSENGER: 'whatsapp' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['OTKLIK_SANDBOX_MESSENGER']);
    expect(r.error!.issues[0]!.message).toMatch(/telegram or max/);
  });
});

describe('the password', () => {
  const basic = (user: string, password: string) => ({ headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` } });
  it('lets in any user name with the password, and nobody without it', () => {
    expect(authorised(basic('слушатель', 'учебный-класс'), 'учебный-класс')).toBe(true);
    expect(authorised(basic('слушатель', 'учебный-клас'), 'учебный-класс')).toBe(false);
    expect(authorised({ headers: {} }, 'учебный-класс')).toBe(false);
  });
});

describe('an example organisation for every preset', () => {
  it.each(presetIds)('%s', (id) => {
    const org = sandboxOrg(id);
    expect(org.profile).toBe(id);
    expect(exampleOrgPath(id)).toMatch(id === 'zavitinsk-2020' ? /org\.example\.yaml$/ : new RegExp(`presets/${id}\\.yaml$`));
    // Written for the administration the preset comes from.
    expect(org.timezone).toBe(presets[id].example!.timezone);
    expect(org.name).toBe(presets[id].example!.organisation);
    expect(org.staff.some((p) => p.roles.includes('curator'))).toBe(true);
  });

  it.each(presetIds)('%s with staff in MAX: the same organisation, people and chats, messenger max', (id) => {
    const telegram = sandboxOrg(id);
    const max = sandboxOrg(id, 'max');
    expect(telegram.messenger ?? 'telegram').toBe('telegram');
    expect(max.messenger).toBe('max');
    expect({ ...max, messenger: undefined }).toEqual({ ...telegram, messenger: undefined });
  });
});

describe('the reset choice on the page', () => {
  /** The page's routes over a sandbox that only records what it was asked to reset to. */
  async function page() {
    const resets: Array<Parameters<Sandbox['reset']>[0]> = [];
    const sandbox: Sandbox = {
      url: '',
      presets: presetIds.map((id) => ({ id, title: presets[id].title })),
      messengers: STAFF_MESSENGERS,
      citizens: [],
      session: () => {
        throw new Error('no session in this test');
      },
      reset: async (next) => void resets.push(next),
      stop: async () => undefined,
    };
    const server = await startHttpServer({ routes: sandboxRoutes(sandbox), port: 0, host: '127.0.0.1', log: silentLogger });
    const reset = async (body: unknown) => {
      const res = await fetch(`http://127.0.0.1:${server.port}/api/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as { error?: string } };
    };
    return { resets, reset, close: () => server.close() };
  }

  it('offers Telegram and MAX, and resets to the preset and messenger chosen', async () => {
    expect(STAFF_MESSENGERS.map((m) => m.title)).toEqual(['Telegram', 'MAX']);
    const p = await page();
    try {
      expect((await p.reset({ preset: 'sobolevo-2021', messenger: 'max' })).status).toBe(200);
      expect((await p.reset({ messenger: 'telegram' })).status).toBe(200);
      // A reset without a choice keeps the session's own.
      expect((await p.reset({})).status).toBe(200);
      expect(p.resets).toEqual([{ preset: 'sobolevo-2021', messenger: 'max' }, { messenger: 'telegram' }, {}]);
    } finally {
      await p.close();
    }
  });

  it('refuses a messenger it does not know, naming the field, and resets nothing', async () => {
    const p = await page();
    try {
      const r = await p.reset({ messenger: 'whatsapp' });
      expect(r.status).toBe(400);
      expect(r.body.error).toMatch(/^messenger:/);
      expect(p.resets).toEqual([]);
    } finally {
      await p.close();
    }
  });
});
