import en, { type Messages } from './en';
import { loadErrorTexts, loadErrorTextsWhenIdle } from './errors';

export type Key = keyof Messages;
export type Lang = 'en' | 'fr' | 'ar';
export const LANGS: { code: Lang; name: string; dir: 'ltr' | 'rtl' }[] = [
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'fr', name: 'Français', dir: 'ltr' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
];
// English ships in the entry bundle (it is the fallback of every key); French and Arabic are
// fetched when chosen, so a field modem downloads one language, not three.
const catalogs: Partial<Record<Lang, Messages>> = { en };
const loaders: Record<Exclude<Lang, 'en'>, () => Promise<{ default: Messages }>> = {
  fr: () => import('./fr'),
  ar: () => import('./ar'),
};
const locales: Record<Lang, string> = { en: 'en-GB', fr: 'fr-FR', ar: 'ar-u-nu-latn' };

let current: Lang = detect();
// The error sentences of the saved language, fetched once the first page is drawn.
if (typeof window !== 'undefined') loadErrorTextsWhenIdle(current);

function detect(): Lang {
  try {
    const saved = localStorage.getItem('srm.lang');
    if (saved === 'en' || saved === 'fr' || saved === 'ar') return saved;
  } catch {
    /* storage may be unavailable */
  }
  const nav = (navigator.language || 'en').slice(0, 2);
  return nav === 'fr' || nav === 'ar' ? nav : 'en';
}

export function lang(): Lang {
  return current;
}

/** Fetches a language's catalog (once); English is always there. */
export async function loadLang(l: Lang): Promise<void> {
  if (catalogs[l]) return;
  catalogs[l] = (await loaders[l as Exclude<Lang, 'en'>]()).default;
}

/** Switches the language once its catalog is here; a catalog that cannot be fetched (offline)
 * leaves the language as it was and rejects. */
export async function setLang(l: Lang): Promise<void> {
  await loadLang(l);
  void loadErrorTexts(l); // The error sentences of the new language
  current = l;
  try {
    localStorage.setItem('srm.lang', l);
  } catch {
    /* ignore */
  }
  applyDocumentLang();
}

export function applyDocumentLang() {
  const info = LANGS.find((x) => x.code === current)!;
  document.documentElement.lang = current;
  document.documentElement.dir = info.dir;
  document.title = t('app.name');
}

function fill(s: string, vars?: Record<string, string | number>): string {
  if (!vars) return s;
  return s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
}

export function t(key: Key, vars?: Record<string, string | number>): string {
  const s = catalogs[current]?.[key] ?? en[key] ?? key;
  return fill(s, vars);
}

/** Translates a domain word (risk level, category, trigger...) by prefix; falls back to the word
 * itself, since a methodology pack can define words the catalog does not know. */
export function tx(prefix: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const key = (prefix + '.' + value) as Key;
  const s = catalogs[current]?.[key] ?? (en as Record<string, string>)[key];
  return s ?? value;
}

export function fmtDate(iso: string): string {
  if (!iso) return '';
  const d = new Date(iso.length === 10 ? iso + 'T00:00:00Z' : iso);
  if (isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locales[current], { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(d);
}

export function fmtDateTime(iso: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locales[current], { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function fmtTime(d: Date): string {
  return new Intl.DateTimeFormat(locales[current], { timeStyle: 'short' }).format(d);
}

export function fmtNumber(n: number, currency?: string): string {
  try {
    if (currency)
      return new Intl.NumberFormat(locales[current], { style: 'currency', currency, maximumFractionDigits: 0 }).format(n);
  } catch {
    /* unknown currency code: plain number below */
  }
  return new Intl.NumberFormat(locales[current], { maximumFractionDigits: 2 }).format(n) + (currency ? ' ' + currency : '');
}

export function fmtList(items: string[]): string {
  try {
    return new Intl.ListFormat(locales[current], { style: 'long', type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}
