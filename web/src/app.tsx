import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ComponentType } from 'preact';
import { ApiError, get, post, setCsrf, setUnauthorizedHandler } from './api';
import { LANGS, lang, setLang, t, tx, type Lang } from './i18n';
import { href, useRoute } from './router';
import { AppContext, type AppState } from './state';
import type { Area, Method, Organization, User } from './types';
import { ErrorBox, Loading } from './components/ui';
import { Login } from './pages/Login';
import { Dashboard } from './pages/Dashboard';
import { SraList } from './pages/SraList';
import { SraNew } from './pages/wizard/NewSra';
import { Inbox } from './pages/Inbox';
import { ClearanceInbox, ClearanceNew, ClearanceView, Clearances } from './pages/Clearances';
import { Compliance } from './pages/Compliance';
import { Activities } from './pages/Activities';
import { GoNoGo } from './pages/GoNoGo';
import { lazyPage } from './lazy';

// Role-specific pages, fetched when first opened (lazy.tsx).
const Avoidance = lazyPage(() => import('./pages/Avoidance').then((m) => m.Avoidance));
const BudgetView = lazyPage(() => import('./pages/Budgets').then((m) => m.BudgetView));
const Budgets = lazyPage(() => import('./pages/Budgets').then((m) => m.Budgets));
const Fund = lazyPage(() => import('./pages/Fund').then((m) => m.Fund));
const Governance = lazyPage(() => import('./pages/Governance').then((m) => m.Governance));
const ActionPlan = lazyPage(() => import('./pages/ActionPlan').then((m) => m.ActionPlan));
const Workforce = lazyPage(() => import('./pages/Workforce').then((m) => m.Workforce));
const ServiceLevels = lazyPage(() => import('./pages/ServiceLevels').then((m) => m.ServiceLevels));
const Services = lazyPage(() => import('./pages/Services').then((m) => m.Services));
const Admin = lazyPage(() => import('./pages/Admin').then((m) => m.Admin));
const Account = lazyPage(() => import('./pages/Admin').then((m) => m.Account));
const Help = lazyPage(() => import('./pages/Help').then((m) => m.Help));
// The SRA page and its wizard (on the lead's request: the entry stays within its budget).
const SraView = lazyPage(() => import('./pages/SraView').then((m) => m.SraView));
const Wizard = lazyPage(() => import('./pages/wizard/Wizard').then((m) => m.Wizard));
// Issue 18: the auditor's page across SRAs.
const AuditLog = lazyPage(() => import('./pages/AuditLog').then((m) => m.AuditLog));
import { hasRole } from './domain';
import { clearAllDrafts } from './drafts';
import { goAnyway } from './leaveGuard';
import { watchScrollRegions } from './scrollFocus';
import { MainNav, type NavEntry } from './components/MainNav';

type Session = { user: User; method: Method; areas: Area[]; orgs: Organization[] };

async function loadSession(user: User): Promise<Session> {
  const [method, areas, orgs] = await Promise.all([
    get<Method>('/method'),
    get<{ items: Area[] }>('/areas'),
    get<{ items: Organization[] }>('/organizations'),
  ]);
  return { user, method, areas: areas.items.sort((a, b) => a.name.localeCompare(b.name)), orgs: orgs.items };
}

export function App() {
  const [session, setSession] = useState<Session | null>(null);
  const [phase, setPhase] = useState<'boot' | 'login' | 'ready' | 'error'>('boot');
  const [loginNote, setLoginNote] = useState<'' | 'expired' | 'signed_out'>('');
  const [bootError, setBootError] = useState<unknown>(null);
  const [, setLangState] = useState<Lang>(lang());
  const [inboxCount, setInboxCount] = useState(0);

  const boot = useCallback(async () => {
    setPhase('boot');
    try {
      const me = await get<{ user: User; csrf_token?: string }>('/auth/me');
      setCsrf(me.csrf_token ?? '');
      setSession(await loadSession(me.user));
      setPhase('ready');
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setPhase('login');
      else {
        setBootError(e);
        setPhase('error');
      }
    }
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      // Stay on the same address: after signing in again the page comes back with its draft.
      setCsrf('');
      setLoginNote('expired');
      setPhase('login');
    });
    boot();
  }, [boot]);

  const refreshInbox = useCallback(() => {
    get<{ items: unknown[] }>('/inbox?limit=500')
      .then((r) => setInboxCount(r.items.length))
      .catch(() => undefined);
  }, []);
  useEffect(() => {
    if (phase === 'ready') refreshInbox();
  }, [phase, refreshInbox]);

  const onLogin = async (user: User, csrf: string) => {
    setCsrf(csrf);
    const s = await loadSession(user);
    setSession(s);
    setLoginNote('');
    setPhase('ready');
  };

  const onLogout = async () => {
    try {
      await post('/auth/logout');
    } catch {
      /* the session may already be gone */
    }
    // Signing out leaves nothing typed on this device (an expired session keeps its drafts).
    clearAllDrafts();
    setCsrf('');
    setSession(null);
    setLoginNote('signed_out');
    setPhase('login');
    // Signing out drops every draft on purpose: no "leave this page?" question.
    goAnyway('/');
  };

  const changeLang = (l: Lang) => {
    // The catalog may have to be fetched first (i18n/index.ts); offline, the language stays.
    setLang(l).then(() => setLangState(l), () => undefined);
  };

  const switcher = <LangSwitch onChange={changeLang} />;

  if (phase === 'boot') return <Loading />;
  if (phase === 'error')
    return (
      <main class="login-page" id="main">
        <ErrorBox error={bootError} onRetry={boot} />
      </main>
    );
  if (phase === 'login' || !session)
    return <Login note={loginNote} onLogin={onLogin} switcher={switcher} />;

  const state: AppState = { ...session, inboxCount, refreshInbox };
  return (
    <AppContext.Provider value={state}>
      <Shell key={lang()} state={state} onLogout={onLogout} switcher={switcher} />
    </AppContext.Provider>
  );
}

function LangSwitch({ onChange }: { onChange: (l: Lang) => void }) {
  return (
    <div class="lang-switch">
      <label for="lang-select" class="visually-hidden">
        {t('app.language')}
      </label>
      <select id="lang-select" value={lang()} onChange={(e) => onChange((e.target as HTMLSelectElement).value as Lang)}>
        {LANGS.map((l) => (
          <option value={l.code} lang={l.code} key={l.code}>
            {l.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function Shell({ state, onLogout, switcher }: { state: AppState; onLogout: () => void; switcher: preact.JSX.Element }) {
  const route = useRoute();
  const [MapPage, setMapPage] = useState<ComponentType | null>(null);
  const top = route.parts[0] ?? '';

  useEffect(() => {
    // The map and its world boundaries load only when the map is opened.
    if (top === 'map' && !MapPage) import('./pages/MapPage').then((m) => setMapPage(() => m.MapPage));
  }, [top, MapPage]);

  // The window title follows the page heading, so tabs and history entries are told apart.
  useEffect(() => {
    const main = document.getElementById('main');
    if (!main) return;
    const update = () => {
      const h = main.querySelector('h1')?.textContent?.trim();
      const title = h ? h + ' · ' + t('app.name') : t('app.name');
      if (document.title !== title) document.title = title;
    };
    update();
    const mo = new MutationObserver(update);
    mo.observe(main, { childList: true, subtree: true, characterData: true });
    return () => mo.disconnect();
  }, []);

  // Tables scrolling sideways (on a phone) take the keyboard focus, so they can be scrolled.
  useEffect(() => {
    const main = document.getElementById('main');
    return main ? watchScrollRegions(main) : undefined;
  }, []);

  // Focus moves to the page heading on navigation, for keyboard and screen reader users.
  useEffect(() => {
    const h = document.querySelector<HTMLElement>('main h1');
    if (h) {
      h.setAttribute('tabindex', '-1');
      h.focus({ preventScroll: true });
    }
    scrollTo(0, 0);
  }, [route.path.split('?')[0].split('/').slice(0, 3).join('/')]);

  let page;
  const p = route.parts;
  if (top === '' || top === 'dashboard') page = <Dashboard />;
  else if (top === 'map') page = MapPage ? <MapPage /> : <Loading />;
  else if (top === 'inbox') page = <Inbox />;
  else if (top === 'clearances' && !p[1]) page = <Clearances />;
  else if (top === 'clearances' && p[1] === 'new') page = <ClearanceNew />;
  else if (top === 'clearances' && p[1] === 'inbox') page = <ClearanceInbox />;
  else if (top === 'clearances') page = <ClearanceView key={p[1]} id={p[1]} />;
  else if (top === 'compliance') page = <Compliance />;
  else if (top === 'activities') page = <Activities key={p[1] ?? ''} focus={p[1]} />;
  else if (top === 'egs') page = <GoNoGo />;
  else if (top === 'avoidance') page = <Avoidance />;
  else if (top === 'services') page = <Services />;
  else if (top === 'budgets' && !p[1]) page = <Budgets />;
  else if (top === 'budgets') page = <BudgetView key={p[1]} id={p[1]} />;
  else if (top === 'slas') page = <ServiceLevels />;
  else if (top === 'fund') page = <Fund />;
  else if (top === 'governance') page = <Governance />;
  else if (top === 'action-plan') page = <ActionPlan />;
  else if (top === 'workforce') page = <Workforce />;
  else if (top === 'admin') page = <Admin userId={p[1] === 'users' ? p[2] : undefined} />;
  else if (top === 'account') page = <Account />;
  else if (top === 'audit') page = <AuditLog />;
  else if (top === 'help') page = <Help section={route.query.get('s') ?? undefined} />;
  else if (top === 'sras' && p.length === 1) page = <SraList />;
  else if (top === 'sras' && p[1] === 'new') page = <SraNew />;
  else if (top === 'sras' && p[2] === 'edit') page = <Wizard key={p[1]} id={p[1]} step={Number(p[3] ?? 1) || 1} />;
  else if (top === 'sras' && p[1]) page = <SraView key={p[1]} id={p[1]} tab={p[2] ?? 'overview'} />;
  else page = <ErrorBox error={new ApiError(404, 'not_found', '')} />;

  const u = state.user;
  const roles = Array.from(new Set(u.grants.map((g) => g.role)));
  // An entry with a group sits in that group's menu (components/MainNav.tsx); without one, at the top.
  const nav: NavEntry[] = [
    { to: '/', key: '', label: t('nav.dashboard') },
    { to: '/map', key: 'map', label: t('nav.map') },
    { to: '/sras', key: 'sras', label: t('nav.sras') },
    { to: '/inbox', key: 'inbox', label: t('nav.inbox'), badge: state.inboxCount },
    { to: '/clearances', key: 'clearances', label: t('nav.clearances'), group: 'ops' },
    { to: '/activities', key: 'activities', label: t('nav.activities'), group: 'ops' },
    { to: '/compliance', key: 'compliance', label: t('nav.compliance'), group: 'ops' },
    { to: '/egs', key: 'egs', label: t('nav.egs'), group: 'ops' },
    // The Designated Official records avoidance; others reach the list by its address if the API lets them.
    ...(hasRole(u, 'designated_official') ? [{ to: '/avoidance', key: 'avoidance', label: t('nav.avoidance'), group: 'ops' as const }] : []),
    // The cost-shared budget: its drafters, endorsers, approvers and the organizations' finance officers.
    ...(['security_professional', 'security_cell', 'smt', 'dss_desk', 'finance', 'admin', 'auditor', 'designated_official'].some((r) => hasRole(u, r))
      ? [{ to: '/budgets', key: 'budgets', label: t('nav.budgets'), group: 'money' as const }] : []),
    // The results chain and the price list: read by everyone; the governance group publishes.
    ...(['governance', 'finance', 'admin', 'auditor', 'dss_desk', 'security_professional'].some((r) => hasRole(u, r))
      ? [{ to: '/services', key: 'services', label: t('nav.services'), group: 'money' as const }] : []),
    // Service levels: the DSS desk (provider), the organization's HQ security, finance and SMT, auditors.
    ...(['dss_desk', 'hq_security', 'finance', 'smt', 'admin', 'auditor'].some((r) => hasRole(u, r))
      ? [{ to: '/slas', key: 'slas', label: t('nav.slas'), group: 'money' as const }] : []),
    // The emergency fund (issue 16): its officials, the security professionals who request, and
    // the contributors' finance officers, who read its transparency report.
    ...(['fund_manager', 'fund_board', 'security_professional', 'finance', 'admin', 'auditor'].some((r) => hasRole(u, r))
      ? [{ to: '/fund', key: 'fund', label: t('nav.fund'), group: 'money' as const }] : []),
    // Issue 16: governance and the action plan are read by everybody; the workforce page's coverage
    // too (its personal data only by those the server lets read it).
    { to: '/governance', key: 'governance', label: t('nav.governance'), group: 'gov' },
    { to: '/action-plan', key: 'action-plan', label: t('nav.action_plan'), group: 'gov' },
    { to: '/workforce', key: 'workforce', label: t('nav.workforce'), group: 'gov' },
    ...(hasRole(u, 'admin') || hasRole(u, 'auditor')
      ? [{ to: '/admin', key: 'admin', label: t('nav.admin'), group: 'gov' as const },
         { to: '/audit', key: 'audit', label: t('nav.audit'), group: 'gov' as const }] : []),
  ];
  return (
    <>
      <a class="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        {t('app.skip')}
      </a>
      <header class="topbar">
        <div class="topbar-inner">
          <a class="brand" href={href('/')}>
            <span class="brand-mark" aria-hidden="true">◆</span> {t('app.name')}
          </a>
          <MainNav entries={nav} top={top} path={route.path} />
          <div class="topbar-tools">
            {hasRole(u, 'security_professional') && (
              <a class="btn btn-primary btn-small" href={href('/sras/new')}>
                + {t('nav.new_sra')}
              </a>
            )}
            {switcher}
            <div class="who" title={roles.map((r) => tx('role', r)).join(', ')}>
              <a class="who-name" data-testid="user-name" href={href('/account')} title={t('nav.account')}>{u.display_name}</a>
              <span class="who-role">{roles.map((r) => tx('role', r)).join(', ')}</span>
            </div>
            <button type="button" class="btn btn-ghost btn-small" onClick={onLogout}>
              {t('app.sign_out')}
            </button>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} class="page">
        {page}
      </main>
      <footer class="footer">
        <p>{t('app.tagline')}</p>
        <p><a href={href('/help')} data-testid="help-link">{t('nav.help')}</a></p>
      </footer>
    </>
  );
}
