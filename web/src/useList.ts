// The one way a page shows a paged list: it reads the first page, says how many of the total it
// shows, and reads the next page from the server's next_cursor when asked (<LoadMore>). A list is
// never cut silently.
import { useEffect, useRef, useState } from 'preact/hooks';
import { get } from './api';

/** A page of any list the API answers (every paged schema in src/api/openapi.json has this shape). */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
  total: number;
}

export interface List<T> {
  items: T[] | null; // null until the first page arrives
  total: number;
  error: unknown;
  more: boolean; // the server has another page
  loadingMore: boolean;
  loadMore: () => void;
  reload: () => void;
  /** Replaces an item in place (after an action on it), keeping the pages read so far. */
  update: (fn: (items: T[]) => T[]) => void;
  /** The first page as the server answered it: what a list says besides its items (e.g. the
   * activities' `undecided` programmes). null until it arrives. */
  firstPage: (Page<T> & Record<string, unknown>) | null;
}

function withQuery(path: string, q: string): string {
  return path + (path.includes('?') ? '&' : '?') + q;
}

/** path: the list's URL under /api/v1 with its filters ("" = nothing to read yet). */
export function useList<T>(path: string, pageSize = 100): List<T> {
  const [items, setItems] = useState<T[] | null>(null);
  const [firstPage, setFirstPage] = useState<(Page<T> & Record<string, unknown>) | null>(null);
  const [total, setTotal] = useState(0);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const generation = useRef(0); // answers for an older path or reload are dropped

  const reload = () => {
    const g = ++generation.current;
    setError(null);
    setItems(null);
    setFirstPage(null);
    setCursor(null);
    if (!path) return;
    get<Page<T> & Record<string, unknown>>(withQuery(path, 'limit=' + pageSize))
      .then((p) => {
        if (g !== generation.current) return;
        setFirstPage(p);
        setItems(p.items);
        setTotal(p.total);
        setCursor(p.next_cursor);
      })
      .catch((e) => g === generation.current && setError(e));
  };
  useEffect(reload, [path, pageSize]);

  const loadMore = () => {
    if (!cursor || loadingMore) return;
    const g = generation.current;
    setLoadingMore(true);
    get<Page<T>>(withQuery(path, 'limit=' + pageSize + '&cursor=' + encodeURIComponent(cursor)))
      .then((p) => {
        if (g !== generation.current) return;
        setItems((prev) => [...(prev ?? []), ...p.items]);
        setTotal(p.total);
        setCursor(p.next_cursor);
      })
      .catch((e) => g === generation.current && setError(e))
      .finally(() => setLoadingMore(false));
  };

  const update = (fn: (items: T[]) => T[]) => setItems((prev) => (prev ? fn(prev) : prev));
  return { items, total, error, more: !!cursor, loadingMore, loadMore, reload, update, firstPage };
}
