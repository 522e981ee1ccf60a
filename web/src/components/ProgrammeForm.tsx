// Registering a programme and its activity (issue 14): the organization's head in the country
// registers its own organization's programmes, the PC lead any organization's in its country; the
// manager, who runs the activity, is chosen among the organization's users (separation of duties
// later refuses them the acceptance of its risk). The server decides who may; this form only
// offers the organizations the person could register for.
import { useEffect, useState } from 'preact/hooks';
import { useTypedGuard } from '../leaveGuard';
import { get, post } from '../api';
import { t } from '../i18n';
import { useApp } from '../state';
import { hasRole } from '../domain';
import { ErrorBox } from './ui';
import type { ManagerCandidate as Candidate, ProgrammeRegistered as Registered } from '../types';

export function mayRegisterProgrammes(app: ReturnType<typeof useApp>): boolean {
  return hasRole(app.user, 'smt') || hasRole(app.user, 'pc_lead');
}

export function ProgrammeForm({ area, onDone }: { area: string; onDone: (r: Registered) => void }) {
  const app = useApp();
  const lead = hasRole(app.user, 'pc_lead');
  // The PC lead registers for any organization; an SMT member for their own.
  const orgs = lead ? app.orgs : app.orgs.filter((o) => o.id === app.user.organization_id);
  const [open, setOpen] = useState(false);
  const [org, setOrg] = useState(app.user.organization_id);
  const [areaId, setAreaId] = useState(area);
  const [name, setName] = useState('');
  const [activity, setActivity] = useState('');
  const [pc, setPc] = useState('4');
  const [counts, setCounts] = useState({ international: '0', national: '0', on_mission: '0' });
  const [manager, setManager] = useState('');
  const [candidates, setCandidates] = useState<Candidate[] | null>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  // A programme typed and not registered is asked about before the page is left.
  useTypedGuard(open && !!(name.trim() || activity.trim()));

  useEffect(() => setAreaId(area), [area]);
  useEffect(() => {
    if (!open || !org) return;
    let live = true;
    setCandidates(null);
    setManager('');
    get<{ items: Candidate[] }>('/programmes/managers?organization_id=' + encodeURIComponent(org))
      .then((r) => live && setCandidates(r.items))
      .catch(() => live && setCandidates([]));
    return () => { live = false; };
  }, [open, org]);

  if (!open)
    return (
      <p class="actions">
        <button type="button" class="btn btn-small" onClick={() => { setOpen(true); setDone(''); }} data-testid="programme-open">
          {t('prg.open')}
        </button>
        {done && <span class="rowmeta" role="status" data-testid="programme-registered"> {t('prg.registered', { name: done })}</span>}
      </p>
    );

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const gaps = [['prg-name', name], ['prg-activity', activity]].filter(([, v]) => !v.trim()).map(([k]) => k);
    setMissing(gaps);
    if (gaps.length) {
      document.getElementById(gaps[0])?.focus();
      return;
    }
    setBusy(true);
    try {
      const body: Record<string, unknown> = {
        organization_id: org, area_id: areaId, name: name.trim(), activity: activity.trim(), pc: Number(pc),
        international: Number(counts.international) || 0, national: Number(counts.national) || 0,
        on_mission: Number(counts.on_mission) || 0,
      };
      if (manager) body.manager_id = manager;
      const r = await post<Registered>('/programmes', body);
      setName('');
      setActivity('');
      setManager('');
      setOpen(false);
      setDone(r.programme.name);
      onDone(r);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const field = (id: string, label: string, value: string, set: (v: string) => void) => (
    <div class={'field' + (missing.includes(id) ? ' has-error' : '')}>
      <label for={id}>{label}</label>
      <input id={id} type="text" value={value} required maxLength={200} aria-invalid={missing.includes(id) ? true : undefined}
        aria-describedby={missing.includes(id) ? id + '-error' : undefined}
        onInput={(e) => set((e.target as HTMLInputElement).value)} />
      {missing.includes(id) && <p class="field-error" id={id + '-error'} role="alert">{t('prg.required')}</p>}
    </div>
  );
  const count = (key: 'international' | 'national' | 'on_mission') => (
    <div class="field">
      <label for={'prg-' + key}>{t(`prg.${key}` as const)}</label>
      <input id={'prg-' + key} type="number" min={0} inputMode="numeric" value={counts[key]}
        onInput={(e) => setCounts({ ...counts, [key]: (e.target as HTMLInputElement).value })} />
    </div>
  );
  return (
    <form class="decide subcard" onSubmit={submit} noValidate data-testid="programme-form" aria-labelledby="prg-h">
      <h2 id="prg-h">{t('prg.title')}</h2>
      <p class="muted">{t('prg.intro')}</p>
      {error ? <ErrorBox error={error} /> : null}
      <div class="grid-2">
        <div class="field">
          <label for="prg-org">{t('clr.organization')}</label>
          <select id="prg-org" value={org} onChange={(e) => setOrg((e.target as HTMLSelectElement).value)}>
            {orgs.map((o) => <option value={o.id} key={o.id}>{o.code} · {o.name}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="prg-area">{t('clr.area')}</label>
          <select id="prg-area" value={areaId} onChange={(e) => setAreaId((e.target as HTMLSelectElement).value)}>
            {app.areas.map((a) => <option value={a.id} key={a.id}>{a.name}</option>)}
          </select>
        </div>
        {field('prg-name', t('prg.name'), name, setName)}
        {field('prg-activity', t('prg.activity'), activity, setActivity)}
        <div class="field">
          <label for="prg-pc">{t('act.pc')}</label>
          <select id="prg-pc" value={pc} aria-describedby="prg-pc-hint" onChange={(e) => setPc((e.target as HTMLSelectElement).value)}>
            {[1, 2, 3, 4].map((n) => <option value={String(n)} key={n}>PC{n}</option>)}
          </select>
          <p class="rowmeta" id="prg-pc-hint">{t('prg.pc_hint')}</p>
        </div>
        <div class="field">
          <label for="prg-manager">{t('prg.manager')}</label>
          <select id="prg-manager" value={manager} aria-describedby="prg-manager-hint" disabled={candidates === null}
            onChange={(e) => setManager((e.target as HTMLSelectElement).value)}>
            <option value="">{candidates === null ? t('app.loading') : t('prg.manager_none')}</option>
            {(candidates ?? []).map((c) => <option value={c.id} key={c.id}>{c.display_name || c.username}</option>)}
          </select>
          <p class="rowmeta" id="prg-manager-hint">{t('prg.manager_hint')}</p>
        </div>
        {count('international')}
        {count('national')}
        {count('on_mission')}
      </div>
      <div class="actions">
        <button type="submit" class="btn btn-primary btn-small" disabled={busy} data-testid="programme-submit">{t('prg.submit')}</button>
        <button type="button" class="btn btn-small" onClick={() => setOpen(false)}>{t('prg.cancel')}</button>
      </div>
    </form>
  );
}
