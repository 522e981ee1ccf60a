// Executive Group on Security: go/no-go decisions for an area and a window. They override every
// clearance below them; the DSS desk (the EGS secretariat) records them.
import { useState } from 'preact/hooks';
import { post } from '../api';
import { fmtDate, fmtDateTime, t, tx } from '../i18n';
import { areaName, useApp } from '../state';
import { hasRole } from '../domain';
import { personName } from '../names';
import type { EgsDecision } from '../types';
import { ErrorBox, Field, FormError, Loading, fieldErrors, type Errors } from '../components/ui';
import { LoadMore } from '../components/LoadMore';
import { useList } from '../useList';
import { useConfirm } from '../components/Confirm';
import { useLeaveGuard } from '../leaveGuard';
import { useListView, withView } from '../listView';
import { FilterDate, FilterSelect, ListFilters, SortHeader } from '../components/ListControls';

type Egs = EgsDecision;

// The view's keys (kept in the address bar), also the query parameters of GET /api/v1/egs-decisions.
const EGS_VIEW = ['q', 'decision', 'area_id', 'window_from', 'window_to', 'sort'] as const;

export function GoNoGo() {
  const app = useApp();
  const view = useListView('/egs', EGS_VIEW);
  const list = useList<Egs>(withView('/egs-decisions', view.query));
  const { items, error } = list;
  const [area, setArea] = useState(app.areas[0]?.id ?? '');
  // No default: a go/no-go is a choice the EGS made, never what the form happened to show.
  const [decision, setDecision] = useState('');
  const [from, setFrom] = useState(new Date().toISOString().slice(0, 10));
  const [to, setTo] = useState(new Date(Date.now() + 30 * 86400000).toISOString().slice(0, 10));
  const [reason, setReason] = useState('');
  const [meeting, setMeeting] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState<Egs | null>(null);
  const confirmDialog = useConfirm();
  // A decision being written (its reason or meeting) is asked about before the page is left.
  useLeaveGuard(!!(reason.trim() || meeting.trim()), '/egs');
  const record = async () => {
    setErrors({});
    setDone(null);
    if (!decision) return;
    const ok = await confirmDialog.ask({
      title: t('confirm.egs_title'),
      body: t('confirm.egs_body', { decision: tx('egsd', decision), area: areaName(app, area), from: fmtDate(from), to: fmtDate(to) }),
      confirm: t('egs.submit'),
      danger: decision === 'no_go',
    });
    if (!ok) return;
    try {
      const r = await post<Egs>('/egs-decisions', { area_id: area, decision, from, to, reason, meeting_ref: meeting || undefined });
      setDone(r);
      setReason('');
      setMeeting('');
      list.reload();
    } catch (e) {
      setErrors(fieldErrors(e));
    }
  };
  return (
    <div>
      <div class="page-head">
        <div>
          <h1>{t('egs.title')}</h1>
          <p class="muted">{t('egs.intro')}</p>
        </div>
      </div>
      {hasRole(app.user, 'dss_desk') && (
        <form class="card" data-testid="egs-form" onSubmit={(e) => { e.preventDefault(); record(); }}>
          <h2>{t('egs.record')}</h2>
          <FormError errors={errors} />
          {done && (
            <div class="notice notice-ok" role="status" data-testid="egs-done">
              {t('egs.recorded', { n: done.redecided_legs ?? 0 })}
            </div>
          )}
          <div class="row-2">
            <Field id="egs-area" label={t('clr.area')} error={errors.area_id}>
              <select id="egs-area" value={area} onChange={(e) => setArea((e.target as HTMLSelectElement).value)}>
                {app.areas.map((a) => <option value={a.id} key={a.id}>{a.name}</option>)}
              </select>
            </Field>
            <Field id="egs-decision" label={t('egs.decision')} error={errors.decision}>
              <select id="egs-decision" value={decision} onChange={(e) => setDecision((e.target as HTMLSelectElement).value)} required>
                <option value="" disabled>{t('egs.choose')}</option>
                <option value="no_go">{tx('egsd', 'no_go')}</option>
                <option value="go">{tx('egsd', 'go')}</option>
              </select>
            </Field>
            <Field id="egs-from" label={t('clr.from')} error={errors.from}>
              <input id="egs-from" type="date" value={from} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} />
            </Field>
            <Field id="egs-to" label={t('clr.to')} error={errors.to}>
              <input id="egs-to" type="date" value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} />
            </Field>
            <Field id="egs-reason" label={t('egs.reason')} error={errors.reason}>
              <input id="egs-reason" value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
            </Field>
            <Field id="egs-meeting" label={t('egs.meeting')} error={errors.meeting_ref}>
              <input id="egs-meeting" value={meeting} onInput={(e) => setMeeting((e.target as HTMLInputElement).value)} />
            </Field>
          </div>
          <button type="submit" class="btn btn-primary" disabled={!decision}>{t('egs.submit')}</button>
          {confirmDialog.dialog}
        </form>
      )}
      <ListFilters view={view} id="egs-list">
        <FilterSelect view={view} id="egs-list" name="decision" label={t('lf.decision')}
          options={['go', 'no_go'].map((d) => ({ value: d, label: tx('egsd', d) }))} />
        <FilterSelect view={view} id="egs-list" name="area_id" label={t('lf.area')}
          options={app.areas.map((a) => ({ value: a.id, label: areaName(app, a.id) }))} />
        <FilterDate view={view} id="egs-list" name="window_from" label={t('lf.window_from')} />
        <FilterDate view={view} id="egs-list" name="window_to" label={t('lf.window_to')} />
      </ListFilters>
      {error ? <ErrorBox error={error} onRetry={list.reload} /> : !items ? <Loading /> : items.length === 0 ? (
        <p class="empty">{view.active ? t('lf.no_match') : t('egs.empty')}</p>
      ) : (
        <div class="table-wrap">
        <table class="table" data-testid="egs-list">
          <thead>
            <tr>
              <SortHeader view={view} sortKey="area" label={t('clr.area')} />
              <th scope="col">{t('egs.decision')}</th>
              <SortHeader view={view} sortKey="from" label={t('clr.dates')} />
              <th scope="col">{t('egs.reason')}</th>
              <SortHeader view={view} sortKey="decided" label={t('egs.recorded_at')} />
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id} data-egs={d.id}>
                <th scope="row">{areaName(app, d.area_id)}</th>
                <td><span class={'chip egsd-' + d.decision}>{tx('egsd', d.decision)}</span></td>
                <td>{fmtDate(d.from)} – {fmtDate(d.to)}</td>
                <td>{d.reason}{d.meeting_ref ? ' (' + d.meeting_ref + ')' : ''}</td>
                <td>{fmtDateTime(d.decided_at)} · {personName(d.recorded_by)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <LoadMore list={list} />
        </div>
      )}
    </div>
  );
}
