// Warns before a page with unsaved input is left: closing or reloading the tab (beforeunload, the
// browser's own question) and moving elsewhere in the app (a hash change, undone when the user
// chooses to stay). A page says what "unsaved" means and which addresses still count as the same
// page (the wizard's steps are one page: moving between them saves first).
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from './i18n';
import { currentPath } from './router';

interface Guard {
  active: () => boolean;
  scope: string;
  // Only the address itself (with any query) is the same page, not the addresses under it.
  exact: boolean;
}

const guards = new Set<Guard>();
// The address goAnyway is going to: its hashchange passes without a question (only that one).
let passTo: string | null = null;

const within = (path: string, scope: string, exact = false) =>
  path === scope || path.startsWith(scope + '?') || (!exact && path.startsWith(scope + '/'));

const pathOf = (url: string) => {
  const h = new URL(url).hash.replace(/^#/, '');
  return h.startsWith('/') ? h : '/';
};

/** Whether going from `from` to `next` (undefined: out of the app) would drop unsaved input. A
 * guard speaks only for its own scope: once its page has been left, it no longer holds, even while
 * its component is still being taken down (Preact runs an unmounted component's effect cleanups
 * only after the next frame: a guard left registered until then refused the next navigation). */
function blocking(from: string, next?: string): boolean {
  for (const g of guards)
    if (within(from, g.scope, g.exact) && (next === undefined || !within(next, g.scope, g.exact)) && g.active()) return true;
  return false;
}

// Registered when the module loads, before any page's own hashchange listener, so a refused
// navigation never reaches the router.
addEventListener('hashchange', (e) => {
  const next = currentPath();
  const passed = passTo === next;
  passTo = null;
  if (passed) return;
  if (blocking(pathOf(e.oldURL), next) && !confirm(t('leave.confirm'))) {
    e.stopImmediatePropagation();
    // Back to the address left (without a new hashchange): the page and its input stay as they were.
    history.replaceState(history.state, '', e.oldURL);
  }
});

addEventListener('beforeunload', (e) => {
  if (!blocking(currentPath())) return;
  e.preventDefault();
  // Older Chromium asks only when returnValue is set.
  e.returnValue = '';
});

/** Keeps the user from leaving `scope` (an address prefix) without a question while `active` says
 * something typed is not saved. `active` is read when the user leaves, so it may be a function over
 * refs. */
export function useLeaveGuard(active: boolean | (() => boolean), scope: string, exact = false) {
  const ref = useRef(active);
  ref.current = active;
  // A layout effect: registered before the form is shown and removed as it unmounts (a passive
  // effect's cleanup waits for the next frame).
  useLayoutEffect(() => {
    const g: Guard = { active: () => (typeof ref.current === 'function' ? ref.current() : ref.current), scope, exact };
    guards.add(g);
    return () => {
      guards.delete(g);
    };
  }, [scope, exact]);
}

/** A form's guard on the page it is drawn on: the address at the time it appeared (its query
 * aside), exactly — a page under it is another page (e.g. /activities/<id> redraws the list). For
 * the comment and free-text fields of list and detail pages; pass whether something typed is not
 * yet saved (a form clearing its fields once saved releases the guard by itself). */
export function useTypedGuard(active: boolean | (() => boolean)) {
  const [scope] = useState(() => currentPath().split('?')[0]);
  useLeaveGuard(active, scope, true);
}

/** Navigates without asking: the page has just saved or deliberately dropped what was typed. */
export function goAnyway(path: string) {
  if (currentPath() === path) return;
  location.hash = '#' + path;
  // Read back as the browser wrote it (it may escape characters), before its hashchange arrives.
  passTo = currentPath();
}
