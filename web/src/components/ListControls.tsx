// The search box, filter selects and sortable column headers of a list, bound to its
// view in the address bar (listView.ts).
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t, tx } from '../i18n';
import type { ListView } from '../listView';

/** The bar above a list: a search box (applied on Enter or the button) and the filters. `label`
 *  names the bar for screen readers where one page holds several lists. */
export function ListFilters({ view, id, label, children }: { view: ListView; id: string; label?: string; children?: ComponentChildren }) {
  const [text, setText] = useState(view.get('q'));
  useEffect(() => setText(view.get('q')), [view.get('q')]);
  return (
    <form class="list-filters" role="search" aria-label={label} data-testid={id + '-filters'}
      onSubmit={(e) => { e.preventDefault(); view.set({ q: text.trim() }); }}>
      <div class="field">
        <label for={id + '-q'}>{t('lf.search')}</label>
        <div class="list-search">
          <input id={id + '-q'} type="search" value={text} maxLength={200} data-testid={id + '-search'}
            onInput={(e) => setText((e.target as HTMLInputElement).value)} />
          <button type="submit" class="btn btn-small">{t('lf.search_button')}</button>
        </div>
      </div>
      {children}
      {view.active && (
        <a href="#" class="list-clear" data-testid={id + '-clear'}
          onClick={(e) => { e.preventDefault(); view.clear(); }}>{t('lf.clear')}</a>
      )}
    </form>
  );
}

/** One filter: a select whose value is the view's key. */
export function FilterSelect({ view, id, name, label, options }: {
  view: ListView; id: string; name: string; label: string; options: { value: string; label: string }[];
}) {
  return (
    <div class="field">
      <label for={id + '-' + name}>{label}</label>
      <select id={id + '-' + name} data-filter={name} value={view.get(name)}
        onChange={(e) => view.set({ [name]: (e.target as HTMLSelectElement).value })}>
        <option value="">{t('common.all')}</option>
        {options.map((o) => <option value={o.value} key={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
}

/** One date bound: the view's key as YYYY-MM-DD. */
export function FilterDate({ view, id, name, label }: { view: ListView; id: string; name: string; label: string }) {
  return (
    <div class="field">
      <label for={id + '-' + name}>{label}</label>
      <input id={id + '-' + name} type="date" data-filter={name} value={view.get(name)}
        onChange={(e) => view.set({ [name]: (e.target as HTMLInputElement).value })} />
    </div>
  );
}

/** A column header that sorts the list (aria-sort says how it is sorted now). */
export function SortHeader({ view, sortKey, label }: { view: ListView; sortKey: string; label: string }) {
  const on = view.sort.key === sortKey;
  const dir = on ? (view.sort.descending ? 'descending' : 'ascending') : 'none';
  return (
    <th scope="col" aria-sort={dir} data-sort={sortKey}>
      <button type="button" class="sort-button" onClick={() => view.toggleSort(sortKey)}>
        {label}
        <span aria-hidden="true" class="sort-mark">{on ? (view.sort.descending ? ' ▼' : ' ▲') : ' ↕'}</span>
        <span class="visually-hidden">{' (' + t('lf.sort_hint') + ')'}</span>
      </button>
    </th>
  );
}

/** The sort of a list shown as cards (no column headers): a select of the view's
 * "sort" key; options are sort keys ("-" for descending), labelled by `lf.s.<key>`. */
export function SortSelect({ view, id, options }: { view: ListView; id: string; options: string[] }) {
  const value = (view.sort.descending ? '-' : '') + view.sort.key;
  return (
    <div class="field">
      <label for={id + '-sort'}>{t('lf.sort_by')}</label>
      <select id={id + '-sort'} data-filter="sort" value={view.sort.key ? value : ''}
        onChange={(e) => view.set({ sort: (e.target as HTMLSelectElement).value })}>
        <option value="">{t('lf.sort_newest')}</option>
        {options.map((o) => <option value={o} key={o}>{tx('lf.s', o)}</option>)}
      </select>
    </div>
  );
}
