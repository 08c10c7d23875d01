/**
 * Which language the app speaks, decided without touching the browser (so a node test can check the order):
 * the user's own choice on this device, then their profile's language, then the browser's languages, then English.
 */
export const LOCALES = ['en', 'de'] as const;
export type Locale = (typeof LOCALES)[number];

/** "de-AT" -> "de"; null for a language the app does not speak. */
export function supported(tag: string | null | undefined): Locale | null {
  const base = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(base) ? (base as Locale) : null;
}

export function chooseLocale(saved: string | null, profile: string | null | undefined, browser: readonly string[]): Locale {
  return supported(saved) ?? supported(profile) ?? browser.map(supported).find((l): l is Locale => l !== null) ?? 'en';
}
