// The one way the UI talks to the server: same-origin fetch with the session cookie, the CSRF
// token on every write, and errors turned into ApiError with the server's code and field.
import { lang } from './i18n';
import { loadErrorTexts } from './i18n/errors';

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public field: string | null = null,
  ) {
    super(message);
  }
}

let csrfToken = '';
let onUnauthorized: (() => void) | null = null;

export function setCsrf(token: string) {
  csrfToken = token;
}
export function setUnauthorizedHandler(fn: () => void) {
  onUnauthorized = fn;
}

// A server that is busy for a moment (503 server_busy, a request that waited too long for a worker,
// the database briefly unreachable) says so with Retry-After. A read is asked again, at most twice,
// after the wait it names (0.2 to 5 s; 1 s when it names none), so a moment of overload is not an
// error on the page; a write is never repeated behind the user's back.
const READ_RETRIES_WHEN_BUSY = 2;
function busyWaitMs(res: Response): number {
  const seconds = Number(res.headers.get('Retry-After'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(Math.max(seconds * 1000, 200), 5000) : 1000;
}

export async function api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  for (let attempt = 0; ; attempt++) {
    try {
      res = await fetch('/api/v1' + path, {
        method,
        headers,
        credentials: 'same-origin',
        cache: 'no-store',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'network', 'network');
    }
    if (res.status !== 503 || method !== 'GET' || attempt >= READ_RETRIES_WHEN_BUSY) break;
    await new Promise((resume) => setTimeout(resume, busyWaitMs(res)));
  }
  if (res.status === 204) return undefined as T;
  let data: any = null;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  if (!res.ok) {
    const e = data && data.error ? data.error : { code: 'http_' + res.status, message: res.statusText, field: null };
    const err = new ApiError(res.status, e.code || 'error', e.message || '', e.field ?? null);
    // A lost session (expired, signed out elsewhere) sends the user to sign in again; the page
    // being edited keeps its draft on this device and is restored afterwards.
    if (res.status === 401 && !path.startsWith('/auth/') && onUnauthorized) onUnauthorized();
    // The sentences for error codes are fetched apart (i18n/errors); have them here
    // before anyone shows this error (immediate once loaded; a failed fetch shows the generic one).
    await loadErrorTexts(lang());
    throw err;
  }
  return data as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const del = <T>(path: string) => api<T>('DELETE', path);

/** Reads every page of a paged list (bounded, so a huge list cannot hang the page). */
export async function getAll<T>(path: string, maxPages = 10): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < maxPages; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const page: { items: T[]; next_cursor: string | null } = await get(
      path + sep + 'limit=500' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''),
    );
    out.push(...page.items);
    cursor = page.next_cursor;
    if (!cursor) break;
  }
  return out;
}
