/**
 * Every text a citizen or staff member reads lives in shared/platform/locales/<lang>/*.ftl
 * (Fluent), so wording changes without code changes. The same I18n instance
 * serves the bot's middleware and the worker, which renders cards outside any
 * update.
 */
import { fileURLToPath } from 'node:url';
import { I18n } from '@grammyjs/i18n';

export const LOCALE = 'ru';

export const i18n = new I18n({
  defaultLocale: LOCALE,
  directory: fileURLToPath(new URL('./locales', import.meta.url)),
  // Fluent wraps placeables in Unicode isolation marks by default; Telegram shows them as garbage.
  fluentBundleOptions: { useIsolating: false },
});

export type Vars = Record<string, string | number>;

/** Translates a key for staff and citizens (Russian). A missing key shows itself, loudly, in tests. */
export function t(key: string, vars?: Vars): string {
  return i18n.t(LOCALE, key, vars && identifiersAsText(vars));
}

// Fluent formats numbers for reading («12 345»); an incident number is an identifier, typed back in /find: «№12345».
const IDENTIFIERS = ['id', 'earlier'];

function identifiersAsText(vars: Vars): Vars {
  if (!IDENTIFIERS.some((k) => typeof vars[k] === 'number')) return vars;
  const out = { ...vars };
  for (const k of IDENTIFIERS) if (typeof out[k] === 'number') out[k] = String(out[k]);
  return out;
}
