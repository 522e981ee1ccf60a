// Issue 18, finding 8: a list's search, filters and sort live in the address bar
// (`#/sras?status=draft&sort=-due`), so reloading or sharing the link shows the same view and the
// back button steps through the views. The same keys are the list route's query parameters
// (src/api/list_query.h), so the server filters and sorts every page.
import { go, useRoute } from './router';

export interface ListView {
  /** The value of one key in the address bar ("" when absent). */
  get: (key: string) => string;
  /** Sets keys ("" removes one) and moves to the new address: a new history entry. */
  set: (changes: Record<string, string>) => void;
  /** Removes every key of the view. */
  clear: () => void;
  /** Whether any key of the view is set. */
  active: boolean;
  /** The view's keys as the list route's query ("" when none), for useList and the exports. */
  query: string;
  /** The current sort: key and direction ("" = the list's default). */
  sort: { key: string; descending: boolean };
  /** Sorts by key: ascending first, then descending, then the default. */
  toggleSort: (key: string) => void;
}

/** page: the page's path ("/sras"); keys: the view's keys, in the order they appear in addresses.
 * prefix: when a page shows several lists, each view's keys are prefixed in the address
 * ("m_q" for the meetings' "q") and stay the list route's own keys in `query`, get and set. */
export function useListView(page: string, keys: readonly string[], prefix = ''): ListView {
  const route = useRoute();
  const q = route.query;
  const addressKeys = keys.map((k) => prefix + k);
  const values: Record<string, string> = {};
  for (const k of keys) values[k] = (q.get(prefix + k) ?? '').trim() === '' ? '' : (q.get(prefix + k) ?? '');
  const build = (v: Record<string, string>, all: URLSearchParams) => {
    // Keys that are not the view's (e.g. a page's tab, another list's view) stay in the address.
    const out = new URLSearchParams();
    all.forEach((val, k) => { if (!addressKeys.includes(k)) out.set(k, val); });
    for (const k of keys) if (v[k]) out.set(prefix + k, v[k]);
    return out.toString();
  };
  const move = (v: Record<string, string>) => {
    const s = build(v, q);
    go(page + (s ? '?' + s : ''));
  };
  const api = new URLSearchParams();
  for (const k of keys) if (values[k]) api.set(k, values[k]);
  const sortValue = values['sort'] ?? '';
  const sort = { key: sortValue.replace(/^-/, ''), descending: sortValue.startsWith('-') };
  return {
    get: (k) => values[k] ?? '',
    set: (changes) => move({ ...values, ...changes }),
    clear: () => move({}),
    active: keys.some((k) => !!values[k]),
    query: api.toString(),
    sort,
    toggleSort: (k) => {
      const next = sort.key !== k ? k : !sort.descending ? '-' + k : '';
      move({ ...values, sort: next });
    },
  };
}

/** path + "?" + query, or path alone. */
export function withView(path: string, query: string): string {
  return query ? path + (path.includes('?') ? '&' : '?') + query : path;
}
