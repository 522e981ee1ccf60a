// The main navigation: the daily pages at the top level, the rest in three menus (operations,
// money, coordination), so the bar stays one row wide on a laptop. On a phone one "Menu" button
// opens the whole list under the bar. Menus are disclosure buttons (aria-expanded), closed by
// choosing a page, Escape, or a click elsewhere.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, type Key } from '../i18n';
import { href } from '../router';

export type NavGroup = 'ops' | 'money' | 'gov';
export interface NavEntry {
  to: string;
  key: string;
  label: string;
  badge?: number;
  group?: NavGroup;
}

const GROUPS: NavGroup[] = ['ops', 'money', 'gov'];

export function MainNav({ entries, top, path }: { entries: NavEntry[]; top: string; path: string }) {
  const [menu, setMenu] = useState(false);
  const [open, setOpen] = useState<NavGroup | null>(null);
  const ref = useRef<HTMLElement>(null);

  // Choosing a page closes every menu.
  useEffect(() => {
    setMenu(false);
    setOpen(null);
  }, [path]);

  useEffect(() => {
    if (!menu && !open) return;
    const outside = (e: Event) => {
      if (ref.current && !ref.current.contains(e.target as Node)) {
        setMenu(false);
        setOpen(null);
      }
    };
    const esc = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      const btn = open ? ref.current?.querySelector<HTMLElement>(`[data-nav-group=${open}] > button`) : ref.current?.querySelector<HTMLElement>('.nav-toggle');
      if (open) setOpen(null);
      else setMenu(false);
      btn?.focus();
    };
    document.addEventListener('click', outside);
    document.addEventListener('keydown', esc);
    return () => {
      document.removeEventListener('click', outside);
      document.removeEventListener('keydown', esc);
    };
  }, [menu, open]);

  const isCurrent = (n: NavEntry) => top === n.key || (n.key === '' && top === 'dashboard');
  const link = (n: NavEntry) => (
    <li key={n.key}>
      <a href={href(n.to)} aria-current={isCurrent(n) ? 'page' : undefined} data-nav={n.key || 'dashboard'}>
        {n.label}
        {n.badge ? <span class="count" aria-label={`(${n.badge})`}>{n.badge}</span> : null}
      </a>
    </li>
  );

  return (
    <nav aria-label={t('nav.main')} class={'mainnav' + (menu ? ' open' : '')} ref={ref}>
      <button type="button" class="nav-toggle btn btn-ghost btn-small" aria-expanded={menu} aria-controls="mainnav-list"
        data-testid="nav-toggle" onClick={() => setMenu(!menu)}>
        <span aria-hidden="true">☰</span> {t('nav.menu')}
      </button>
      <ul id="mainnav-list">
        {entries.filter((n) => !n.group).map(link)}
        {GROUPS.map((g) => {
          const items = entries.filter((n) => n.group === g);
          if (!items.length) return null;
          const here = items.some(isCurrent);
          return (
            <li key={g} class={'nav-group' + (open === g ? ' open' : '') + (here ? ' here' : '')} data-nav-group={g}>
              <button type="button" aria-expanded={open === g} aria-controls={'navg-' + g} onClick={() => setOpen(open === g ? null : g)}>
                {t(('nav.g_' + g) as Key)} <span class="caret" aria-hidden="true">▾</span>
              </button>
              <ul id={'navg-' + g}>{items.map(link)}</ul>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
