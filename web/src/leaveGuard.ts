// Warns before a page with unsaved input is left: closing or reloading the tab (beforeunload, the
// browser's own question) and moving elsewhere in the app (a hash change, undone when the user
// chooses to stay). A page says what "unsaved" means and which addresses still count as the same
// page (the wizard's steps are one page: moving between them saves first).
import { useEffect, useRef } from 'preact/hooks';
import { t } from './i18n';
import { currentPath } from './router';

interface Guard {
  active: () => boolean;
  scope: string;
}

const guards = new Set<Guard>();
let passNext = false;

const within = (path: string, scope: string) =>
  path === scope || path.startsWith(scope + '/') || path.startsWith(scope + '?');

function blocking(next?: string): boolean {
  for (const g of guards) if (g.active() && (next === undefined || !within(next, g.scope))) return true;
  return false;
}

// Registered when the module loads, before any page's own hashchange listener, so a refused
// navigation never reaches the router.
addEventListener('hashchange', (e) => {
  if (passNext) {
    passNext = false;
    return;
  }
  if (blocking(currentPath()) && !confirm(t('leave.confirm'))) {
    e.stopImmediatePropagation();
    // Back to the address left (without a new hashchange): the page and its input stay as they were.
    history.replaceState(history.state, '', e.oldURL);
  }
});

addEventListener('beforeunload', (e) => {
  if (!blocking()) return;
  e.preventDefault();
  // Older Chromium asks only when returnValue is set.
  e.returnValue = '';
});

/** Keeps the user from leaving `scope` (an address prefix) without a question while `active` says
 * something typed is not saved. `active` is read when the user leaves, so it may be a function over
 * refs. */
export function useLeaveGuard(active: boolean | (() => boolean), scope: string) {
  const ref = useRef(active);
  ref.current = active;
  useEffect(() => {
    const g: Guard = { active: () => (typeof ref.current === 'function' ? ref.current() : ref.current), scope };
    guards.add(g);
    return () => {
      guards.delete(g);
    };
  }, [scope]);
}

/** Navigates without asking: the page has just saved or deliberately dropped what was typed. */
export function goAnyway(path: string) {
  if (currentPath() === path) return;
  passNext = true;
  location.hash = '#' + path;
}
