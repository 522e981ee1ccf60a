// The plain sentences for the server's error codes, one module per language fetched on
// demand: they are many and only needed when something goes wrong, so they stay out of the entry
// bundle. They are fetched when the app is idle after start and when the language changes
// (i18n/index.ts); until they are here, errorMessage (components/ui.tsx) shows the catalog's
// generic sentence in French and Arabic, never the server's English text.
type Lang = 'en' | 'fr' | 'ar';
type Texts = Record<string, string>;

const loaded: Partial<Record<Lang, Texts>> = {};
const pending: Partial<Record<Lang, Promise<void>>> = {};
const loaders: Record<Lang, () => Promise<{ default: Texts }>> = {
  en: () => import('./en'),
  fr: () => import('./fr'),
  ar: () => import('./ar'),
};

/** Fetches a language's error sentences once; a failed fetch (offline) may be retried later. */
export function loadErrorTexts(l: Lang): Promise<void> {
  if (loaded[l]) return Promise.resolve();
  return (pending[l] ??= loaders[l]()
    .then((m) => {
      loaded[l] = m.default;
    })
    .catch(() => {
      delete pending[l];
    }));
}

/** The sentence for an error code in a language, once its module is here. */
export function errorText(l: Lang, code: string): string | undefined {
  const s = loaded[l];
  if (!s) {
    void loadErrorTexts(l);
    return undefined;
  }
  return Object.prototype.hasOwnProperty.call(s, code) ? s[code] : undefined;
}

/** Starts the fetch once the browser is idle, so the first page draws first. */
export function loadErrorTextsWhenIdle(l: Lang): void {
  const w = window as Window & { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => void };
  if (w.requestIdleCallback) w.requestIdleCallback(() => void loadErrorTexts(l), { timeout: 3000 });
  else setTimeout(() => void loadErrorTexts(l), 500);
}
