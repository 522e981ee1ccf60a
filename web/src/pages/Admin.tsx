// Administration (issue 18): the users, their grants (role × organization × country × area),
// disabling an account, setting a password and the API tokens — until now only the API did it.
// Administrators change; auditors read. The server decides every step (service/admin.cpp,
// service/auth.cpp): this page hides what it would refuse and shows its reasons from their codes.
import { useEffect, useState } from 'preact/hooks';
import { get, post, put } from '../api';
import { fmtDateTime, t, tx } from '../i18n';
import { href } from '../router';
import { goAnyway, useTypedGuard } from '../leaveGuard';
import { orgName, useApp } from '../state';
import { hasRole } from '../domain';
import type { components } from '../generated/api';
import { Card, ErrorBox, Field, FormError, Loading, fieldErrors, type Errors } from '../components/ui';
import { LoadMore } from '../components/LoadMore';
import { useConfirm } from '../components/Confirm';
import { useList } from '../useList';
import { useListView, withView } from '../listView';
import { FilterSelect, ListFilters, SortHeader } from '../components/ListControls';
import { TokenList } from './Tokens';

type User = components['schemas']['User'];
type Grant = components['schemas']['Grant'];
type Role = components['schemas']['Role'];
interface Country { id: string; name: string }

// Every role the server knows (the Role schema), in the order people meet them.
export const ROLES: Role[] = [
  'security_professional', 'sra_designate', 'security_cell', 'smt', 'designated_official', 'pc_lead', 'dss_desk',
  'hq_security', 'executive_office', 'finance', 'governance', 'fund_manager', 'fund_board', 'auditor', 'admin',
];

const value = (e: Event) => (e.target as HTMLInputElement).value;

/** /admin, /admin/users/new, /admin/users/{id}. */
export function Admin({ userId }: { userId?: string }) {
  const { user } = useApp();
  const mayChange = hasRole(user, 'admin');
  if (!mayChange && !hasRole(user, 'auditor'))
    return (
      <>
        <h1>{t('adm.title')}</h1>
        <div class="notice notice-forbidden" role="alert" data-testid="forbidden"><p>{t('adm.not_allowed')}</p></div>
      </>
    );
  if (userId === 'new' && mayChange) return <UserForm />;
  if (userId) return <UserEdit key={userId} id={userId} mayChange={mayChange} />;
  return <UserList mayChange={mayChange} />;
}

function grantLine(g: Grant, countries: Country[], areaName: (id: string) => string, org: (id: string) => string): string {
  const where = [g.org_id && org(g.org_id), g.country_id && (countries.find((c) => c.id === g.country_id)?.name ?? g.country_id),
    g.area_id && areaName(g.area_id)].filter(Boolean).join(' · ');
  return tx('role', g.role) + (where ? ' — ' + where : ' — ' + t('adm.everywhere'));
}

function useCountries(): Country[] {
  const [countries, setCountries] = useState<Country[]>([]);
  useEffect(() => { get<{ items: Country[] }>('/countries').then((c) => setCountries(c.items), () => setCountries([])); }, []);
  return countries;
}

// The users list's view (kept in the address bar), also the query parameters of GET /api/v1/users:
// the server searches (username, display name), filters and sorts every page.
const USERS_VIEW = ['q', 'organization_id', 'role', 'disabled', 'sort'] as const;

function UserList({ mayChange }: { mayChange: boolean }) {
  const app = useApp();
  const view = useListView('/admin', USERS_VIEW);
  const list = useList<User>(withView('/users', view.query));
  return (
    <>
      <div class="page-head">
        <h1>{t('adm.title')}</h1>
        {mayChange && <a class="btn btn-primary" href={href('/admin/users/new')} data-testid="adm-new">+ {t('adm.new_user')}</a>}
      </div>
      <p class="muted">{mayChange ? t('adm.intro') : t('adm.intro_read')}</p>
      <Card title={t('adm.users')}>
        <ListFilters view={view} id="adm">
          <FilterSelect view={view} id="adm" name="organization_id" label={t('lf.organization')}
            options={app.orgs.map((o) => ({ value: o.id, label: o.code }))} />
          <FilterSelect view={view} id="adm" name="role" label={t('adm.role')}
            options={ROLES.map((r) => ({ value: r, label: tx('role', r) }))} />
          <FilterSelect view={view} id="adm" name="disabled" label={t('adm.state')}
            options={[{ value: 'false', label: t('adm.active') }, { value: 'true', label: t('adm.disabled') }]} />
        </ListFilters>
        <ErrorBox error={list.error} onRetry={list.reload} />
        {!list.items && !list.error && <Loading />}
        {list.items && list.items.length === 0 && <p class="empty" data-testid="adm-none">{t('lf.no_match')}</p>}
        {list.items && list.items.length > 0 && (
          <div class="table-wrap">
            <table class="table" data-testid="adm-users">
              <thead>
                <tr>
                  <SortHeader view={view} sortKey="name" label={t('adm.name')} />
                  <SortHeader view={view} sortKey="username" label={t('adm.username')} />
                  <th>{t('adm.organization')}</th><th>{t('adm.roles')}</th><th>{t('adm.state')}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((u) => (
                  <tr key={u.id} data-username={u.username}>
                    <td><a href={href('/admin/users/' + encodeURIComponent(u.id))}>{u.display_name || u.username}</a></td>
                    <td>{u.username}</td>
                    <td>{orgName(app, u.organization_id)}</td>
                    <td>{[...new Set(u.grants.map((g) => tx('role', g.role)))].join(', ')}</td>
                    <td>{u.disabled ? <span class="chip st-disabled">{t('adm.disabled')}</span> : t('adm.active')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <LoadMore list={list} />
      </Card>
    </>
  );
}

function GrantsEditor({ grants, onChange, countries, disabled }: {
  grants: Grant[]; onChange: (g: Grant[]) => void; countries: Country[]; disabled?: boolean;
}) {
  const app = useApp();
  const set = (i: number, patch: Partial<Grant>) => onChange(grants.map((g, j) => (j === i ? { ...g, ...patch } : g)));
  return (
    <fieldset class="grants" data-testid="adm-grants">
      <legend>{t('adm.grants')}</legend>
      <p class="hint">{t('adm.grants_hint')}</p>
      {grants.map((g, i) => (
        <div class="grant-row" key={i} data-grant={i}>
          <Field id={'g-role-' + i} label={t('adm.role')}>
            <select id={'g-role-' + i} value={g.role} disabled={disabled} onChange={(e) => set(i, { role: value(e) as Role })}>
              {ROLES.map((r) => <option key={r} value={r}>{tx('role', r)}</option>)}
            </select>
          </Field>
          <Field id={'g-org-' + i} label={t('adm.organization')}>
            <select id={'g-org-' + i} value={g.org_id} disabled={disabled} onChange={(e) => set(i, { org_id: value(e) })}>
              <option value="">{t('adm.any_org')}</option>
              {app.orgs.map((o) => <option key={o.id} value={o.id}>{o.code} — {o.name}</option>)}
            </select>
          </Field>
          <Field id={'g-country-' + i} label={t('adm.country')}>
            <select id={'g-country-' + i} value={g.country_id} disabled={disabled} onChange={(e) => set(i, { country_id: value(e), area_id: '' })}>
              <option value="">{t('adm.any_country')}</option>
              {countries.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
          </Field>
          <Field id={'g-area-' + i} label={t('adm.area')}>
            <select id={'g-area-' + i} value={g.area_id} disabled={disabled || !g.country_id} onChange={(e) => set(i, { area_id: value(e) })}>
              <option value="">{t('adm.whole_country')}</option>
              {app.areas.filter((a) => a.country_id === g.country_id).map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
            </select>
          </Field>
          {!disabled && (
            <button type="button" class="btn btn-small" onClick={() => onChange(grants.filter((_, j) => j !== i))}>
              {t('adm.remove_grant')}
            </button>
          )}
        </div>
      ))}
      {!disabled && (
        <button type="button" class="btn btn-small" data-testid="adm-add-grant"
          onClick={() => onChange([...grants, { role: 'security_professional', org_id: '', country_id: '', area_id: '' }])}>
          + {t('adm.add_grant')}
        </button>
      )}
    </fieldset>
  );
}

/** A new user: username, name, organization, a first password and the grants. */
function UserForm() {
  const app = useApp();
  const countries = useCountries();
  const [username, setUsername] = useState('');
  const [name, setName] = useState('');
  const [org, setOrg] = useState(app.user.organization_id);
  const [password, setPassword] = useState('');
  const [grants, setGrants] = useState<Grant[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  // An account typed and not created is asked about before the page is left.
  useTypedGuard(!!(username.trim() || name.trim() || password));
  const submit = async (e: Event) => {
    e.preventDefault();
    setErrors({});
    setBusy(true);
    try {
      const u = await post<User>('/users', { username, display_name: name, organization_id: org, password, grants });
      // Created: what was typed is saved, so the account's page opens without a question.
      goAnyway('/admin/users/' + encodeURIComponent(u.id));
    } catch (err) {
      setErrors(fieldErrors(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <p><a href={href('/admin')}>← {t('adm.users')}</a></p>
      <h1>{t('adm.new_user')}</h1>
      <form class="card" onSubmit={submit} data-testid="adm-user-form">
        <FormError errors={errors} />
        <Field id="u-username" label={t('adm.username')} error={errors.username}>
          <input id="u-username" required autocomplete="off" value={username} onInput={(e) => setUsername(value(e))} />
        </Field>
        <Field id="u-name" label={t('adm.name')} error={errors.display_name}>
          <input id="u-name" value={name} onInput={(e) => setName(value(e))} />
        </Field>
        <Field id="u-org" label={t('adm.organization')} error={errors.organization_id}>
          <select id="u-org" value={org} onChange={(e) => setOrg(value(e))}>
            {app.orgs.map((o) => <option key={o.id} value={o.id}>{o.code} — {o.name}</option>)}
          </select>
        </Field>
        <Field id="u-password" label={t('adm.first_password')} hint={t('adm.password_hint')} error={errors.password}>
          <input id="u-password" type="password" required autocomplete="new-password" value={password} onInput={(e) => setPassword(value(e))} />
        </Field>
        <GrantsEditor grants={grants} onChange={setGrants} countries={countries} />
        {errors.grants && <p class="field-error" role="alert">{errors.grants}</p>}
        <div class="btn-row">
          <button class="btn btn-primary" type="submit" disabled={busy} data-testid="adm-create">{t('adm.create')}</button>
        </div>
      </form>
    </>
  );
}

/** One user: name, organization, grants and the account's state; a new password; their API tokens. */
function UserEdit({ id, mayChange }: { id: string; mayChange: boolean }) {
  const app = useApp();
  const countries = useCountries();
  const confirm = useConfirm();
  const [user, setUser] = useState<User | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [name, setName] = useState('');
  const [org, setOrg] = useState('');
  const [grants, setGrants] = useState<Grant[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState('');
  const [password, setPassword] = useState('');
  const load = (u: User) => { setUser(u); setName(u.display_name); setOrg(u.organization_id); setGrants(u.grants); };
  useEffect(() => { get<User>('/users/' + encodeURIComponent(id)).then(load, setError); }, [id]);
  if (error) return <ErrorBox error={error} />;
  if (!user) return <Loading />;
  const who = user.display_name || user.username;
  const self = user.id === app.user.id;

  const save = async (patch: Record<string, unknown>, note: string) => {
    setErrors({});
    setSaved('');
    try {
      load(await put<User>('/users/' + encodeURIComponent(id), patch));
      setSaved(note);
    } catch (err) {
      setErrors(fieldErrors(err));
    }
  };
  const toggleDisabled = async () => {
    const disabling = !user.disabled;
    const ok = await confirm.ask({
      title: disabling ? t('adm.disable_title', { name: who }) : t('adm.enable_title', { name: who }),
      body: disabling ? t('adm.disable_body', { name: who }) : t('adm.enable_body', { name: who }),
      confirm: disabling ? t('adm.disable') : t('adm.enable'),
      danger: disabling,
    });
    if (ok) await save({ disabled: disabling }, disabling ? t('adm.saved_disabled') : t('adm.saved_enabled'));
  };
  const setNewPassword = async (e: Event) => {
    e.preventDefault();
    setErrors({});
    setSaved('');
    try {
      await post('/users/' + encodeURIComponent(id) + '/password', { password });
      setPassword('');
      setSaved(t('adm.saved_password'));
    } catch (err) {
      setErrors(fieldErrors(err));
    }
  };

  return (
    <>
      <p><a href={href('/admin')}>← {t('adm.users')}</a></p>
      <h1>{who}</h1>
      <p class="muted">
        {user.username} · {orgName(app, user.organization_id)} · {t('adm.since', { date: fmtDateTime(user.created_at) })} ·{' '}
        <strong data-testid="adm-state">{user.disabled ? t('adm.disabled') : t('adm.active')}</strong>
      </p>
      {confirm.dialog}
      {saved && <p class="notice notice-ok" role="status" data-testid="adm-saved">{saved}</p>}
      <FormError errors={errors} />
      <form class="card" onSubmit={(e) => { e.preventDefault(); save({ display_name: name, organization_id: org, grants }, t('adm.saved')); }}>
        <h2>{t('adm.account')}</h2>
        <Field id="e-name" label={t('adm.name')} error={errors.display_name}>
          <input id="e-name" value={name} disabled={!mayChange} onInput={(e) => setName(value(e))} />
        </Field>
        <Field id="e-org" label={t('adm.organization')} error={errors.organization_id}>
          <select id="e-org" value={org} disabled={!mayChange} onChange={(e) => setOrg(value(e))}>
            {app.orgs.map((o) => <option key={o.id} value={o.id}>{o.code} — {o.name}</option>)}
          </select>
        </Field>
        {mayChange ? (
          <GrantsEditor grants={grants} onChange={setGrants} countries={countries} />
        ) : (
          <ul data-testid="adm-grant-lines">
            {grants.map((g, i) => <li key={i}>{grantLine(g, countries, (a) => app.areas.find((x) => x.id === a)?.name ?? a, (o) => orgName(app, o))}</li>)}
          </ul>
        )}
        {mayChange && (
          <div class="btn-row">
            <button class="btn btn-primary" type="submit" data-testid="adm-save">{t('common.save')}</button>
            {!self && (
              <button type="button" class={'btn ' + (user.disabled ? '' : 'btn-danger')} onClick={toggleDisabled} data-testid="adm-toggle">
                {user.disabled ? t('adm.enable') : t('adm.disable')}
              </button>
            )}
          </div>
        )}
      </form>
      {mayChange && !self && (
        <form class="card" onSubmit={setNewPassword}>
          <h2>{t('adm.new_password')}</h2>
          <Field id="e-password" label={t('adm.new_password')} hint={t('adm.password_hint')} error={errors.password}>
            <input id="e-password" type="password" autocomplete="new-password" required value={password} onInput={(e) => setPassword(value(e))} />
          </Field>
          <div class="btn-row"><button class="btn" type="submit" data-testid="adm-password">{t('adm.set_password')}</button></div>
        </form>
      )}
      <TokenList userId={user.id} who={who} mayRevoke={mayChange || self} />
    </>
  );
}

/** /account: the signed-in user's own API tokens (integrations), made and revoked here. */
export function Account() {
  const app = useApp();
  const user = app.user;
  return (
    <>
      <h1>{t('adm.account_title')}</h1>
      <p class="muted">{user.display_name || user.username} · {orgName(app, user.organization_id)}</p>
      <TokenList userId={user.id} who={user.display_name || user.username} mayRevoke self />
    </>
  );
}
