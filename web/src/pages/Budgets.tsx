// The local cost-shared security budget (SRM-METHOD.md §7): the list of a country's budgets, and
// one budget's editor — lines traced to the measures of the SRA in force, priced by the server from
// the published price list —, its endorsement and approval, and the apportionment among the
// organizations present (table, bar chart, CSV and Excel from the server's exports). The DSS desk
// may return an endorsed budget to draft with its reason; the drafter refreshes the headcount basis
// while it is a draft. A finance officer sees the totals and its own organization's share only:
// the server leaves the rest out (its files too).
import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../api';
import { fmtDate, t, tx } from '../i18n';
import { href } from '../router';
import { useTypedGuard } from '../leaveGuard';
import { orgName, useApp } from '../state';
import { hasRole } from '../domain';
import { fmtMinor } from '../money';
import type { components } from '../generated/api';
import { ErrorBox, Field, FormError, Loading, fieldErrors, type Errors } from '../components/ui';
import { ExportButtons } from '../components/ExportButtons';
import { LoadMore } from '../components/LoadMore';
import { useListView, withView } from '../listView';
import { FilterDate, FilterSelect, ListFilters, SortHeader } from '../components/ListControls';
import { useList } from '../useList';
import { countryName, measureName } from '../names';

type Budget = components['schemas']['Budget'];
type BudgetSummary = components['schemas']['BudgetSummary'];
type Apportionment = components['schemas']['BudgetApportionment'];
type SraSummary = components['schemas']['SraSummary'];

const FUNDING = ['jointly_financed', 'programme_budget', 'extrabudgetary', 'price_list'] as const;

// The view's keys (kept in the address bar), also the query parameters of GET /api/v1/budgets.
const BUDGET_VIEW = ['q', 'status', 'country_id', 'reference_from', 'reference_to', 'sort'] as const;

export function Budgets() {
  const app = useApp();
  const view = useListView('/budgets', BUDGET_VIEW);
  const listPath = withView('/budgets', view.query);
  const list = useList<BudgetSummary>(listPath);
  const countries = Array.from(new Set(app.areas.map((a) => a.country_id)));
  const [country, setCountry] = useState(countries[0] ?? '');
  const [year, setYear] = useState(new Date().getUTCFullYear() + 1);
  const [currency, setCurrency] = useState('USD');
  const [errors, setErrors] = useState<Errors>({});
  const create = async () => {
    setErrors({});
    try {
      const b = await post<Budget>('/budgets', { country_id: country, year, currency });
      location.hash = '#/budgets/' + b.id;
    } catch (e) {
      setErrors(fieldErrors(e));
    }
  };
  return (
    <div>
      <div class="page-head">
        <div>
          <h1>{t('bud.title')}</h1>
          <p class="muted">{t('bud.intro')}</p>
        </div>
      </div>
      {hasRole(app.user, 'security_professional') && (
        <form class="card" data-testid="budget-new" onSubmit={(e) => { e.preventDefault(); create(); }}>
          <h2>{t('bud.new')}</h2>
          <FormError errors={errors} />
          <div class="row-4">
            <Field id="bud-country" label={t('bud.country')} error={errors.country_id}>
              <select id="bud-country" value={country} onChange={(e) => setCountry((e.target as HTMLSelectElement).value)}>
                {countries.map((c) => <option key={c} value={c}>{countryName(app.areas.find((a) => a.country_id === c)?.country_name)}</option>)}
              </select>
            </Field>
            <Field id="bud-year" label={t('bud.year')} error={errors.year}>
              <input id="bud-year" type="number" min={2000} max={2100} value={year} onInput={(e) => setYear(Number((e.target as HTMLInputElement).value))} />
            </Field>
            <Field id="bud-currency" label={t('msr.currency')} error={errors.currency}>
              <input id="bud-currency" value={currency} maxLength={3} size={4} onInput={(e) => setCurrency((e.target as HTMLInputElement).value.toUpperCase())} />
            </Field>
          </div>
          <button type="submit" class="btn btn-primary">{t('bud.create')}</button>
        </form>
      )}
      <ListFilters view={view} id="budgets">
        <FilterSelect view={view} id="budgets" name="status" label={t('lf.status')}
          options={['draft', 'endorsed', 'approved'].map((s) => ({ value: s, label: tx('bst', s) }))} />
        <FilterSelect view={view} id="budgets" name="country_id" label={t('bud.country')}
          options={countries.map((c) => ({ value: c, label: countryName(app.areas.find((a) => a.country_id === c)?.country_name) }))} />
        <FilterDate view={view} id="budgets" name="reference_from" label={t('lf.reference_from')} />
        <FilterDate view={view} id="budgets" name="reference_to" label={t('lf.reference_to')} />
      </ListFilters>
      <ErrorBox error={list.error} />
      {!list.items && !list.error && <Loading />}
      {list.items && list.items.length === 0 && <p class="empty">{view.active ? t('lf.no_match') : t('bud.empty')}</p>}
      {list.items && list.items.length > 0 && <ExportButtons path={listPath} testid="budgets-export" />}
      {list.items && list.items.length > 0 && (
        <div class="table-wrap">
          <table class="table" data-testid="budgets">
            <thead>
              <tr>
                <SortHeader view={view} sortKey="year" label={t('bud.year')} />
                <SortHeader view={view} sortKey="country" label={t('bud.country')} />
                <th scope="col">{t('bud.status')}</th>
                <SortHeader view={view} sortKey="total" label={t('bud.total')} />
                <th scope="col" class="num">{t('bud.lines')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((b) => (
                <tr key={b.id}>
                  <th scope="row"><a href={href('/budgets/' + b.id)}>{b.year}</a></th>
                  <td>{countryName(b.country_name)}</td>
                  <td><span class={'chip bst-' + b.status}>{tx('bst', b.status)}</span></td>
                  <td class="num">{fmtMinor(b.total_minor, b.currency)}</td>
                  <td class="num">{b.line_count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} />
    </div>
  );
}

export function BudgetView({ id }: { id: string }) {
  const app = useApp();
  const [b, setB] = useState<Budget | null>(null);
  const [a, setA] = useState<Apportionment | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [actionErr, setActionErr] = useState<Errors>({});
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  // A return reason typed and not sent is asked about before the page is left.
  useTypedGuard(returning && !!reason.trim());
  const load = () => {
    setError(null);
    Promise.all([get<Budget>('/budgets/' + id), get<Apportionment>('/budgets/' + id + '/apportionment').catch(() => null)])
      .then(([budget, app]) => { setB(budget); setA(app); })
      .catch(setError);
  };
  useEffect(load, [id]);
  if (error) return <ErrorBox error={error} onRetry={load} />;
  if (!b) return <Loading />;
  const act = async (action: 'endorse' | 'approve' | 'return', comment?: string) => {
    setActionErr({});
    try {
      await post('/budgets/' + id + '/transitions', comment === undefined ? { action } : { action, comment });
      setReturning(false);
      setReason('');
      load();
    } catch (e) {
      setActionErr(fieldErrors(e));
    }
  };
  const refresh = async () => {
    setActionErr({});
    try {
      await post('/budgets/' + id + '/headcount', {});
      load();
    } catch (e) {
      setActionErr(fieldErrors(e));
    }
  };
  const canDraft = b.status === 'draft' && b.view === 'full' && hasRole(app.user, 'security_professional');
  return (
    <div data-testid="budget-view">
      <div class="page-head">
        <div>
          <p class="muted"><a href={href('/budgets')}>{t('bud.title')}</a></p>
          <h1>{t('bud.heading', { year: b.year, country: countryName(b.country_name) })}</h1>
          <p class="muted">
            <span class={'chip bst-' + b.status} data-testid="budget-status">{tx('bst', b.status)}</span>{' '}
            {t('bud.reference', { date: fmtDate(b.reference_date) })}
          </p>
        </div>
        <div class="page-actions">
          {b.status === 'draft' && hasRole(app.user, 'smt') && <button type="button" class="btn" onClick={() => act('endorse')}>{t('bud.endorse')}</button>}
          {b.status === 'endorsed' && hasRole(app.user, 'dss_desk') && <button type="button" class="btn btn-primary" onClick={() => act('approve')}>{t('bud.approve')}</button>}
          {b.status === 'endorsed' && hasRole(app.user, 'dss_desk') && <button type="button" class="btn" data-testid="budget-return" onClick={() => setReturning(!returning)}>{t('bud.return')}</button>}
          {canDraft && <button type="button" class="btn" data-testid="budget-refresh" onClick={refresh}>{t('bud.refresh_headcount')}</button>}
        </div>
      </div>
      {returning && (
        <form class="card" data-testid="budget-return-form" onSubmit={(e) => { e.preventDefault(); act('return', reason); }}>
          <Field id="bud-reason" label={t('bud.return_reason')} error={actionErr.comment}>
            <textarea id="bud-reason" rows={3} value={reason} onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)} />
          </Field>
          <button type="submit" class="btn btn-primary">{t('bud.return_send')}</button>
        </form>
      )}
      <FormError errors={actionErr} />
      <dl class="facts">
        <div><dt>{t('bud.total')}</dt><dd data-testid="budget-total">{fmtMinor(b.total_minor, b.currency)}</dd></div>
        <div><dt>{t('bud.lines')}</dt><dd>{b.line_count}</dd></div>
        <div><dt>{t('bud.rules')}</dt><dd>{t('bud.rules_text', { m: b.rules.minimum_share, c: b.rules.max_decrease })}</dd></div>
      </dl>
      {b.view === 'organization' && <p class="notice" data-testid="budget-org-view">{t('bud.org_view', { org: orgName(app, b.organization_id ?? '') })}</p>}
      <Totals b={b} />
      {b.view === 'full' && <Lines b={b} />}
      {canDraft && <AddLine b={b} onAdded={load} />}
      {a && <ApportionmentTable b={b} a={a} />}
    </div>
  );
}

function Totals({ b }: { b: Budget }) {
  if (!b.totals_by_service.length) return null;
  return (
    <section class="card">
      <h2>{t('bud.by_service')}</h2>
      <ul class="plain">
        {b.totals_by_service.map((s) => <li key={s.service_code}><code>{s.service_code}</code> {fmtMinor(s.amount_minor, b.currency)}</li>)}
      </ul>
      <ul class="plain">
        {b.totals_by_funding_source.map((s) => <li key={s.funding_source}>{tx('fund', s.funding_source)}: {fmtMinor(s.amount_minor, b.currency)}</li>)}
      </ul>
    </section>
  );
}

function Lines({ b }: { b: Budget }) {
  const lines = b.lines ?? [];
  return (
    <section class="card">
      <header class="card-head">
        <h2>{t('bud.lines')}</h2>
        {lines.length > 0 && <ExportButtons path={'/budgets/' + b.id} testid="lines-export" label={t('bud.export_lines')} />}
      </header>
      {lines.length === 0 ? <p class="empty">{t('bud.no_lines')}</p> : (
        <div class="table-wrap">
          <table class="table" data-testid="budget-lines">
            <thead>
              <tr>
                <th scope="col">{t('bud.line')}</th>
                <th scope="col">{t('bud.trace')}</th>
                <th scope="col">{t('bud.service')}</th>
                <th scope="col" class="num">{t('bud.quantity')}</th>
                <th scope="col" class="num">{t('bud.unit_price')}</th>
                <th scope="col" class="num">{t('bud.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.id}>
                  <th scope="row">{l.description || '—'}<br /><span class="muted">{tx('fund', l.funding_source)}</span></th>
                  <td><a href={href('/sras/' + l.sra_id + '/measures')}>{measureName(l.measure_description)}</a></td>
                  <td><code>{l.service_code}</code></td>
                  <td class="num">{l.quantity}</td>
                  <td class="num">{fmtMinor(l.unit_price_minor, b.currency)}{l.regional_factor_permille !== 1000 ? ` ×${l.regional_factor_permille / 1000}` : ''}</td>
                  <td class="num">{fmtMinor(l.amount_minor, b.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function AddLine({ b, onAdded }: { b: Budget; onAdded: () => void }) {
  const [sras, setSras] = useState<SraSummary[]>([]);
  const [sraId, setSraId] = useState('');
  const [measures, setMeasures] = useState<{ id: string; description: string }[]>([]);
  const [measureId, setMeasureId] = useState('');
  const [code, setCode] = useState('');
  const [qty, setQty] = useState(1);
  const [source, setSource] = useState<string>('jointly_financed');
  const [desc, setDesc] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  // A line typed and not added (its code or description) is asked about before the page is left.
  const [typed, setTyped] = useState(false);
  useTypedGuard(typed && !!(desc.trim() || code));
  useEffect(() => {
    get<{ items: SraSummary[] }>('/sras?status=published&limit=200')
      .then((p) => setSras(p.items.filter((s) => s.kind === 'area' && s.country_id === b.country_id)))
      .catch(() => setSras([]));
  }, [b.country_id]);
  useEffect(() => {
    setMeasures([]);
    setMeasureId('');
    if (!sraId) return;
    get<{ scenarios: { measures: { id: string; description: string }[] }[] }>('/sras/' + sraId)
      .then((s) => setMeasures(s.scenarios.flatMap((sc) => sc.measures)))
      .catch(() => setMeasures([]));
  }, [sraId]);
  const add = async () => {
    setErrors({});
    try {
      await post('/budgets/' + b.id + '/lines', { sra_id: sraId, measure_id: measureId, service_code: code, quantity: qty, funding_source: source, description: desc });
      setDesc('');
      setTyped(false);
      onAdded();
    } catch (e) {
      setErrors(fieldErrors(e));
    }
  };
  return (
    <form class="card" data-testid="budget-add-line" onSubmit={(e) => { e.preventDefault(); add(); }}>
      <h2>{t('bud.add_line')}</h2>
      <p class="muted">{t('bud.trace_help')}</p>
      <FormError errors={errors} />
      <div class="row-2">
        <Field id="bl-sra" label={t('bud.sra')} error={errors.sra_id}>
          <select id="bl-sra" value={sraId} onChange={(e) => setSraId((e.target as HTMLSelectElement).value)}>
            <option value="">{t('common.none')}</option>
            {sras.map((s) => <option key={s.id} value={s.id}>{s.title} (v{s.version})</option>)}
          </select>
        </Field>
        <Field id="bl-measure" label={t('bud.measure')} error={errors.measure_id}>
          <select id="bl-measure" value={measureId} onChange={(e) => setMeasureId((e.target as HTMLSelectElement).value)}>
            <option value="">{t('common.none')}</option>
            {measures.map((m) => <option key={m.id} value={m.id}>{m.description}</option>)}
          </select>
        </Field>
        <Field id="bl-code" label={t('bud.service')} error={errors.service_code}>
          <input id="bl-code" value={code} onInput={(e) => { setTyped(true); setCode((e.target as HTMLInputElement).value.trim()); }} />
        </Field>
        <Field id="bl-qty" label={t('bud.quantity')} error={errors.quantity}>
          <input id="bl-qty" type="number" min={1} step={1} value={qty} onInput={(e) => setQty(Math.trunc(Number((e.target as HTMLInputElement).value)))} />
        </Field>
        <Field id="bl-source" label={t('bud.funding')} error={errors.funding_source}>
          <select id="bl-source" value={source} onChange={(e) => setSource((e.target as HTMLSelectElement).value)}>
            {FUNDING.map((f) => <option key={f} value={f}>{tx('fund', f)}</option>)}
          </select>
        </Field>
        <Field id="bl-desc" label={t('bud.line_description')} error={errors.description}>
          <input id="bl-desc" value={desc} onInput={(e) => { setTyped(true); setDesc((e.target as HTMLInputElement).value); }} />
        </Field>
      </div>
      <button type="submit" class="btn btn-primary">{t('bud.add')}</button>
    </form>
  );
}

function ApportionmentTable({ b, a }: { b: Budget; a: Apportionment }) {
  const app = useApp();
  const max = Math.max(1, ...a.shares.map((s) => s.amount_minor));
  return (
    <section class="card" data-testid="apportionment">
      <header class="card-head">
        <h2>{t('bud.apportionment')}</h2>
        {a.shares.length > 0 && <ExportButtons path={'/budgets/' + b.id + '/apportionment'} testid="apportionment-export" label={t('bud.export_shares')} />}
      </header>
      <p class="muted">{a.frozen ? t('bud.frozen') : t('bud.live')}</p>
      <div class="table-wrap">
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('bud.organization')}</th>
              <th scope="col" class="num">{t('bud.headcount')}</th>
              <th scope="col">{t('bud.basis')}</th>
              <th scope="col" class="num">{t('bud.share')}</th>
              <th scope="col" class="bar-col" aria-hidden="true" />
            </tr>
          </thead>
          <tbody>
            {a.shares.map((s) => (
              <tr key={s.organization_id} data-org={s.organization_id}>
                <th scope="row">{orgName(app, s.organization_id)}</th>
                <td class="num">{s.headcount}</td>
                <td>{tx('basis', s.basis)}{s.leftover_unit ? ' ' + t('bud.plus_unit') : ''}</td>
                <td class="num" data-amount={s.amount_minor}>{fmtMinor(s.amount_minor, a.currency)}</td>
                <td class="bar-col" aria-hidden="true">
                  <span class="bar" style={{ width: Math.max(1, Math.round((s.amount_minor / max) * 100)) + '%' }} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>{t('bud.total')}</th>
              <td class="num">{fmtMinor(a.total_minor, a.currency)}</td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
      {a.units.length > 0 && (
        <p class="muted" data-testid="apportionment-units">
          {t('bud.units', { n: a.units.length, orgs: a.units.map((u) => orgName(app, u.organization_id) + (u.tie_to_lower_id ? '*' : '')).join(', ') })}
        </p>
      )}
      {a.excluded.length > 0 && <p class="muted">{t('bud.excluded', { orgs: a.excluded.map((e) => orgName(app, e.organization_id)).join(', ') })}</p>}
    </section>
  );
}
