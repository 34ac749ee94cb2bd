/**
 * Every reasonKey an adapter can hand to the card has Russian text in
 * shared/platform/locales/ru/networks.ftl, and every text there is used by some adapter.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { t } from '../platform/i18n.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const sources = (readdirSync(here, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => readFileSync(`${here}/${f}`, 'utf8'));
const used = new Set(sources.flatMap((s) => [...s.matchAll(/'(publish-[a-z-]+)'/g)].map((m) => m[1]!)));
const ftl = readFileSync(new URL('../platform/locales/ru/networks.ftl', import.meta.url), 'utf8');
const defined = new Set([...ftl.matchAll(/^(publish-[a-z-]+) =/gm)].map((m) => m[1]!));

describe('publish reason texts', () => {
  it('exist in Russian for every reasonKey the adapters use', () => {
    expect(used.size).toBeGreaterThan(20);
    for (const key of used) {
      expect(defined.has(key), key).toBe(true);
      // A missing key renders as "{key}".
      expect(t(key), key).toMatch(/^[^{]*[а-яё][^{]*$/i);
    }
  });

  it('are all used: no stale wording', () => {
    expect([...defined].filter((key) => !used.has(key))).toEqual([]);
  });

  it('name the user-token setting the administrator must add', () => {
    expect(t('publish-vk-manual-needs-user-token')).toContain('VK_USER_TOKEN');
    expect(t('publish-vk-messages-forbidden')).toBe('Пользователь запретил сообщения от сообщества: ответьте в комментарии или свяжитесь иначе.');
  });
});
