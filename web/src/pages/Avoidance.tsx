// Avoidance decisions of the Designated Official (SRM-METHOD.md §5, §7a): relocation, evacuation or
// an alternative modality for an area, with the personnel concerned. The DO records them; everyone
// with a grant in the area reads them (the server decides both).
import { useState } from 'preact/hooks';
import { post } from '../api';
import { fmtDate, fmtDateTime, t, tx } from '../i18n';
import { areaName, useApp } from '../state';
import { useTypedGuard } from '../leaveGuard';
import { hasRole } from '../domain';
import { personName } from '../names';
import type { AvoidanceDecision } from '../types';
import { ErrorBox, Field, FormError, Loading, describedBy, fieldErrors, type Errors } from '../components/ui';
import { LoadMore } from '../components/LoadMore';
import { useList } from '../useList';
import { useListView, withView } from '../listView';
import { FilterSelect, ListFilters, SortSelect } from '../components/ListControls';

const KINDS = ['evacuation', 'relocation', 'alternative_modality'] as const;
type Kind = (typeof KINDS)[number];

// the list's view (kept in the address bar), also the query parameters of GET /api/v1/avoidance:
// search (area, reason, destination, personnel, who decided), the kind and area filters, and the sort.
const VIEW_KEYS = ['q', 'kind', 'area_id', 'sort'] as const;
const SORTS = ['-decided', 'decided', 'from', '-from', 'area', '-area'];

export function Avoidance() {
  const app = useApp();
  const view = useListView('/avoidance', VIEW_KEYS);
  const list = useList<AvoidanceDecision>(withView('/avoidance', view.query));
  const { items, error } = list;
  return (
    <div>
      <div class="page-head">
        <div>
          <h1>{t('avd.title')}</h1>
          <p class="muted">{t('avd.intro')}</p>
        </div>
      </div>
      {hasRole(app.user, 'designated_official') && <AvoidanceForm onDone={list.reload} />}
      <h2>{t('avd.list')}</h2>
      <ListFilters view={view} id="avoidance">
        <FilterSelect view={view} id="avoidance" name="kind" label={t('avd.kind')}
          options={KINDS.map((k) => ({ value: k, label: tx('avdk', k) }))} />
        <FilterSelect view={view} id="avoidance" name="area_id" label={t('lf.area')}
          options={app.areas.map((a) => ({ value: a.id, label: areaName(app, a.id) }))} />
        <SortSelect view={view} id="avoidance" options={SORTS} />
      </ListFilters>
      {error ? <ErrorBox error={error} onRetry={list.reload} /> : !items ? <Loading /> : items.length === 0 ? (
        <p class="empty" data-testid="avoidance-empty">{view.active ? t('lf.no_match') : t('avd.empty')}</p>
      ) : (
        <div class="stack" data-testid="avoidance-list">
          {items.map((d) => (
            <section class="card" key={d.id} data-avoidance={d.id} data-kind={d.kind} aria-labelledby={'avd-h-' + d.id}>
              <header class="card-head">
                <h3 id={'avd-h-' + d.id}>{d.area_name}</h3>
                <span class={'chip avd-' + d.kind}>{tx('avdk', d.kind)}</span>
              </header>
              <dl class="facts">
                <div><dt>{t('clr.dates')}</dt><dd>{fmtDate(d.from)}{d.to ? ' – ' + fmtDate(d.to) : ''}</dd></div>
                {d.destination && <div><dt>{t('avd.destination')}</dt><dd>{d.destination}</dd></div>}
                <div><dt>{t('avd.personnel_count')}</dt><dd data-testid="avoidance-count">{d.personnel_count}</dd></div>
                <div><dt>{t('avd.personnel')}</dt><dd data-testid="avoidance-personnel">{d.personnel}</dd></div>
                <div><dt>{t('avd.reason')}</dt><dd>{d.reason}</dd></div>
                <div><dt>{t('avd.decided')}</dt><dd>{personName(d.decided_by)} · {fmtDateTime(d.decided_at)}</dd></div>
              </dl>
            </section>
          ))}
          <LoadMore list={list} />
        </div>
      )}
    </div>
  );
}

function AvoidanceForm({ onDone }: { onDone: () => void }) {
  const app = useApp();
  const [area, setArea] = useState(app.areas[0]?.id ?? '');
  const [kind, setKind] = useState<Kind>('evacuation');
  const [from, setFrom] = useState(new Date().toISOString().slice(0, 10));
  const [to, setTo] = useState('');
  const [destination, setDestination] = useState('');
  const [reason, setReason] = useState('');
  const [personnel, setPersonnel] = useState('');
  const [count, setCount] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  // A decision typed and not recorded is asked about before the page is left.
  useTypedGuard(!!(reason.trim() || personnel.trim() || destination.trim() || count));

  const submit = async (e: Event) => {
    e.preventDefault();
    setDone(false);
    const errs: Errors = {};
    if (!reason.trim()) errs.reason = t('avd.reason_required');
    if (!personnel.trim()) errs.personnel = t('avd.personnel_required');
    if (!(Number(count) >= 1)) errs.personnel_count = t('avd.count_required');
    if (kind !== 'alternative_modality' && !destination.trim()) errs.destination = t('avd.destination_required');
    if (!from) errs.from = t('avd.from_required');
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      await post<AvoidanceDecision>('/avoidance', {
        area_id: area, kind, from, to: to || undefined, destination: destination.trim() || undefined,
        reason, personnel, personnel_count: Number(count),
      });
      setReason('');
      setPersonnel('');
      setCount('');
      setDestination('');
      setTo('');
      setDone(true);
      onDone();
    } catch (err) {
      setErrors(fieldErrors(err));
    } finally {
      setBusy(false);
    }
  };
  const val = (f: (v: string) => void) => (e: Event) => f((e.target as HTMLInputElement).value);
  return (
    <form class="card" data-testid="avoidance-form" onSubmit={submit} noValidate>
      <h2>{t('avd.record')}</h2>
      <FormError errors={errors} />
      {done && <div class="notice notice-ok" role="status" data-testid="avoidance-done">{t('avd.recorded')}</div>}
      <div class="row-2">
        <Field id="avd-area" label={t('clr.area')} error={errors.area_id}>
          <select id="avd-area" value={area} onChange={val(setArea)}>
            {app.areas.map((a) => <option value={a.id} key={a.id}>{a.name}</option>)}
          </select>
        </Field>
        <Field id="avd-kind" label={t('avd.kind')} error={errors.kind}>
          <select id="avd-kind" value={kind} onChange={val((v) => setKind(v as Kind))}>
            {KINDS.map((k) => <option value={k} key={k}>{tx('avdk', k)}</option>)}
          </select>
        </Field>
        <Field id="avd-from" label={t('clr.from')} error={errors.from}>
          <input id="avd-from" type="date" value={from} onInput={val(setFrom)} {...describedBy('avd-from', errors.from)} />
        </Field>
        <Field id="avd-to" label={t('avd.to')} error={errors.to}>
          <input id="avd-to" type="date" value={to} onInput={val(setTo)} {...describedBy('avd-to', errors.to)} />
        </Field>
        <Field id="avd-destination" label={kind === 'alternative_modality' ? t('avd.destination_optional') : t('avd.destination')} error={errors.destination}>
          <input id="avd-destination" value={destination} onInput={val(setDestination)} {...describedBy('avd-destination', errors.destination)} />
        </Field>
        <Field id="avd-count" label={t('avd.personnel_count')} error={errors.personnel_count}>
          <input id="avd-count" type="number" min={1} inputMode="numeric" value={count} onInput={val(setCount)} {...describedBy('avd-count', errors.personnel_count)} />
        </Field>
      </div>
      <Field id="avd-personnel" label={t('avd.personnel')} hint={t('avd.personnel_hint')} error={errors.personnel}>
        <textarea id="avd-personnel" rows={3} value={personnel} onInput={val(setPersonnel)} {...describedBy('avd-personnel', errors.personnel, 'hint')} />
      </Field>
      <Field id="avd-reason" label={t('avd.reason')} error={errors.reason}>
        <textarea id="avd-reason" rows={2} value={reason} onInput={val(setReason)} {...describedBy('avd-reason', errors.reason)} />
      </Field>
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={busy}>{t('avd.submit')}</button>
      </div>
    </form>
  );
}
