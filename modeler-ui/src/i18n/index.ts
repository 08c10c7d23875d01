import en from './en.json';
import de from './de.json';
import { chooseLocale, supported } from './choose';
import type { Locale } from './choose';

export type { Locale } from './choose';
export { LOCALES } from './choose';

/**
 * The app's own small i18n: two message catalogues (`en.json`, `de.json`, the same keys; `npm test` checks that
 * and that every key is used), `t(key, params)` with `{name}` placeholders, `tn` for counted texts (the `.one` /
 * `.other` forms chosen by `Intl.PluralRules`), and dates and numbers through `Intl` in the active language.
 * Server data (subjects, names, form content) is never looked up here; codes the server sends (statuses, levels)
 * are, through `label`, falling back to the code itself.
 */
export type MessageKey = keyof typeof en;
type PluralBase<K> = K extends `${infer B}.one` ? B : never;
export type PluralKey = PluralBase<MessageKey>;
export type Params = Record<string, string | number>;

const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { en, de };
const STORAGE_KEY = 'flowdesk.language';
/** Fired on `window` after the language changed; the shell re-renders the page. */
export const LOCALE_EVENT = 'flowdesk:locale';

let current: Locale = 'en';
let formats: { dateTime: Intl.DateTimeFormat; date: Intl.DateTimeFormat; plural: Intl.PluralRules } | null = null;

export function locale(): Locale {
  return current;
}

function browserLanguages(): readonly string[] {
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

/** The `Intl` tag: the browser's own variant of the language when it has one ("de-AT"), else the language. */
export function intlTag(): string {
  return browserLanguages().find((tag) => supported(tag) === current) ?? current;
}

function apply(next: Locale): void {
  current = next;
  formats = null;
  document.documentElement.lang = next;
}

/** The language at start: saved on this device, else the profile's (`GET /api/me`), else the browser's, else English. */
export function initLocale(profile?: string | null): Locale {
  let saved: string | null = null;
  try {
    saved = window.localStorage.getItem(STORAGE_KEY);
  } catch {
    // storage may be off (private mode); the choice then lasts for this page only
  }
  apply(chooseLocale(saved, profile, browserLanguages()));
  return current;
}

/** The user's choice: kept on this device, applied at once (listeners of LOCALE_EVENT re-render). */
export function setLocale(next: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // see initLocale
  }
  apply(next);
  window.dispatchEvent(new CustomEvent(LOCALE_EVENT, { detail: next }));
}

function fill(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value) : value;
  });
}

export function t(key: MessageKey, params?: Params): string {
  return fill(CATALOGUES[current][key] ?? CATALOGUES.en[key] ?? key, params);
}

/** A counted text: `key.one` or `key.other` by the language's plural rules; `{count}` is the formatted count. */
export function tn(key: PluralKey, count: number, params?: Params): string {
  const form = fmt().plural.select(count) === 'one' ? 'one' : 'other';
  return t(`${key}.${form}` as MessageKey, { ...params, count });
}

/** A code the server sends ("WAITING_APPROVAL") in words, or the code itself when the catalogue has none. */
export function label(prefix: 'status' | 'level' | 'ticketType' | 'event' | 'channel' | 'sla' | 'ruleStatus' | 'link' | 'assetStatus' | 'relation', code: string | null | undefined): string {
  if (!code) return '—';
  const key = `${prefix}.${code}` as MessageKey;
  return key in CATALOGUES[current] ? t(key) : code;
}

function fmt() {
  formats ??= {
    dateTime: new Intl.DateTimeFormat(intlTag(), { dateStyle: 'medium', timeStyle: 'short' }),
    date: new Intl.DateTimeFormat(intlTag(), { dateStyle: 'medium' }),
    plural: new Intl.PluralRules(intlTag()),
  };
  return formats;
}

export function formatDateTime(date: Date): string {
  return fmt().dateTime.format(date);
}

export function formatDate(date: Date): string {
  return fmt().date.format(date);
}

export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(intlTag(), options).format(value);
}
