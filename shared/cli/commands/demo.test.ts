import { describe, expect, it } from 'vitest';
import { demoMessenger } from './demo.js';

describe('otklik demo --messenger', () => {
  it('plays with staff in Telegram unless MAX is asked for, by the flag or the environment', () => {
    expect(demoMessenger([], {})).toBe('telegram');
    expect(demoMessenger(['--messenger', 'max'], {})).toBe('max');
    expect(demoMessenger(['--messenger=MAX'], {})).toBe('max');
    expect(demoMessenger([], { OTKLIK_DEMO_MESSENGER: 'max' })).toBe('max');
    // The flag wins over the environment.
    expect(demoMessenger(['--messenger', 'telegram'], { OTKLIK_DEMO_MESSENGER: 'max' })).toBe('telegram');
  });

  it('refuses a messenger it does not know', () => {
    expect(demoMessenger(['--messenger', 'whatsapp'], {})).toBeNull();
    expect(demoMessenger(['--messenger'], {})).toBeNull();
  });
});
