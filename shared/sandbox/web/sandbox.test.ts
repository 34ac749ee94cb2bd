import { describe, expect, it } from 'vitest';
import { presetIds, presets } from '../../core/sla/index.js';
import { authorised, exampleOrgPath, sandboxOrg, sandboxSettingsSchema } from './sandbox.js';

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
});
