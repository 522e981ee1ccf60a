// The emergency security fund (issue 16): its balance, the requests with the actions the reader
// may take (a security professional requests; the authority the request is routed to approves or
// refuses with a reason; the fund manager disburses and records contributions), the append-only
// ledger (the fund's officials) and the transparency report (every contributor; another donor's
// conditions are left out by the server).
import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../api';
import { fmtDate, fmtDateTime, t, tx } from '../i18n';
import { areaName, orgName, useApp } from '../state';
import { useTypedGuard } from '../leaveGuard';
import { hasRole } from '../domain';
import { fmtMinor, textToMinor } from '../money';
import type { components } from '../generated/api';
import { ErrorBox, Field, FormError, Loading, fieldErrors, type Errors } from '../components/ui';
import { useConfirm } from '../components/Confirm';
import { LoadMore } from '../components/LoadMore';
import { useList } from '../useList';
import { useListView, withView } from '../listView';
import { FilterDate, FilterSelect, ListFilters, SortHeader } from '../components/ListControls';

// The view's keys (kept in the address bar), also the query parameters of GET /api/v1/fund/requests.
const FUND_VIEW = ['q', 'status', 'area_id', 'organization_id', 'submitted_from', 'submitted_to', 'sort'] as const;
const FUND_STATUSES = ['submitted', 'approved', 'refused', 'disbursed'];

type Balance = components['schemas']['FundBalance'];
type FundRequest = components['schemas']['FundRequest'];
type LedgerEntry = components['schemas']['FundLedgerEntry'];
type Report = components['schemas']['FundReport'];
type Correction = components['schemas']['FundCorrection'];
type Incident = components['schemas']['Incident'];

const USD = 'USD';

function BalanceCard({ balance }: { balance: Balance }) {
  return (
    <div class="card" data-testid="fund-balance">
      <h2>{t('fund.balance')}</h2>
      <dl class="kv">
        <dt>{t('fund.available')}</dt><dd data-testid="fund-available">{fmtMinor(balance.available_minor, USD)}</dd>
        <dt>{t('fund.committed')}</dt><dd>{fmtMinor(balance.committed_minor, USD)}</dd>
        <dt>{t('fund.disbursed')}</dt><dd>{fmtMinor(balance.disbursed_minor, USD)}</dd>
        <dt>{t('fund.contributions')}</dt><dd>{fmtMinor(balance.contributions_minor, USD)}</dd>
      </dl>
    </div>
  );
}

function NewRequest({ onDone }: { onDone: () => void }) {
  const app = useApp();
  const [area, setArea] = useState(app.areas[0]?.id ?? '');
  const [purpose, setPurpose] = useState('');
  const [amount, setAmount] = useState('');
  const [days, setDays] = useState(30);
  // What the request rests on: the area's SRA in force (''), or one of its recent incidents.
  const [incident, setIncident] = useState('');
  const [incidents, setIncidents] = useState<Incident[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  // A request typed and not sent is asked about before the page is left.
  useTypedGuard(!!(purpose.trim() || amount.trim()));
  useEffect(() => {
    setIncident('');
    setIncidents([]);
    if (!area) return;
    // Not every reader may list an area's incidents: then the SRA in force is the only choice.
    get<{ items: Incident[] }>('/areas/' + encodeURIComponent(area) + '/incidents?limit=20')
      .then((p) => setIncidents(p.items.filter((i) => i.area_id === area)), () => setIncidents([]));
  }, [area]);
  const submit = async () => {
    setErrors({});
    const minor = textToMinor(amount);
    if (minor === null || minor <= 0) return setErrors({ amount_minor: t('fund.amount_invalid') });
    try {
      await post<FundRequest>('/fund/requests', {
        area_id: area, purpose, amount_minor: minor, currency: USD, days,
        ...(incident ? { incident_id: Number(incident) } : {}),
      });
      setPurpose('');
      setAmount('');
      setIncident('');
      onDone();
    } catch (e) {
      setErrors(fieldErrors(e));
    }
  };
  return (
    <form class="card" data-testid="fund-request-new" onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <h2>{t('fund.new_request')}</h2>
      <FormError errors={errors} />
      <div class="row-4">
        <Field id="fund-area" label={t('fund.area')} error={errors.area_id}>
          <select id="fund-area" value={area} onChange={(e) => setArea((e.target as HTMLSelectElement).value)}>
            {app.areas.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </select>
        </Field>
        <Field id="fund-amount" label={t('fund.amount_usd')} error={errors.amount_minor}>
          <input id="fund-amount" inputMode="decimal" value={amount} onInput={(e) => setAmount((e.target as HTMLInputElement).value)} />
        </Field>
        <Field id="fund-days" label={t('fund.days')} error={errors.days}>
          <input id="fund-days" type="number" min={1} max={365} value={days} onInput={(e) => setDays(Number((e.target as HTMLInputElement).value))} />
        </Field>
        <Field id="fund-basis" label={t('fund.basis')} error={errors.incident_id}>
          <select id="fund-basis" value={incident} onChange={(e) => setIncident((e.target as HTMLSelectElement).value)}>
            <option value="">{t('fund.basis_sra')}</option>
            {incidents.map((i) => (
              <option key={i.id} value={String(i.id)}>
                {t('fund.basis_incident', { date: i.date, what: i.sub_event_type || i.event_type || i.category || i.source, where: i.location || i.admin1 })}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field id="fund-purpose" label={t('fund.purpose')} error={errors.purpose}>
        <textarea id="fund-purpose" rows={2} value={purpose} onInput={(e) => setPurpose((e.target as HTMLTextAreaElement).value)} />
      </Field>
      <button type="submit" class="btn btn-primary">{t('fund.submit')}</button>
    </form>
  );
}

function NewContribution({ onDone }: { onDone: () => void }) {
  const app = useApp();
  const [donor, setDonor] = useState(app.orgs[0]?.id ?? '');
  const [amount, setAmount] = useState('');
  const [earmark, setEarmark] = useState('');
  const [conditions, setConditions] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  useTypedGuard(!!(amount.trim() || earmark.trim() || conditions.trim()));
  const submit = async () => {
    setErrors({});
    const minor = textToMinor(amount);
    if (minor === null || minor <= 0) return setErrors({ amount_minor: t('fund.amount_invalid') });
    try {
      await post('/fund/contributions', { donor, amount_minor: minor, currency: USD, earmark, conditions });
      setAmount('');
      setEarmark('');
      setConditions('');
      onDone();
    } catch (e) {
      setErrors(fieldErrors(e));
    }
  };
  return (
    <form class="card" data-testid="fund-contribution-new" onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <h2>{t('fund.new_contribution')}</h2>
      <FormError errors={errors} />
      <div class="row-4">
        <Field id="fund-donor" label={t('fund.donor')} error={errors.donor}>
          <select id="fund-donor" value={donor} onChange={(e) => setDonor((e.target as HTMLSelectElement).value)}>
            {app.orgs.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
        </Field>
        <Field id="fund-c-amount" label={t('fund.amount_usd')} error={errors.amount_minor}>
          <input id="fund-c-amount" inputMode="decimal" value={amount} onInput={(e) => setAmount((e.target as HTMLInputElement).value)} />
        </Field>
        <Field id="fund-earmark" label={t('fund.earmark')} error={errors.earmark}>
          <input id="fund-earmark" value={earmark} onInput={(e) => setEarmark((e.target as HTMLInputElement).value)} />
        </Field>
      </div>
      <Field id="fund-conditions" label={t('fund.conditions')} error={errors.conditions}>
        <textarea id="fund-conditions" rows={2} value={conditions} onInput={(e) => setConditions((e.target as HTMLTextAreaElement).value)} />
      </Field>
      <button type="submit" class="btn btn-primary">{t('fund.record')}</button>
    </form>
  );
}

/** The actions on one request the reader may take (the server decides; the UI offers). */
function RequestActions({ r, onDone }: { r: FundRequest; onDone: (r: FundRequest) => void }) {
  const app = useApp();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const canDecide = r.status === 'submitted' && hasRole(app.user, r.routed_to) && r.requested_by?.id !== app.user?.id;
  const canDisburse = r.status === 'approved' && hasRole(app.user, 'fund_manager');
  useTypedGuard(canDecide && !!reason.trim());
  if (!canDecide && !canDisburse) return null;
  const act = async (path: string, body: unknown) => {
    setError(null);
    try {
      const decided = await post<FundRequest>('/fund/requests/' + r.id + path, body);
      setReason('');
      onDone(decided);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div class="actions" data-testid={'fund-actions-' + r.id}>
      <ErrorBox error={error} />
      {canDecide && (
        <>
          <label class="sr-only" for={'reason-' + r.id}>{t('fund.reason')}</label>
          <input id={'reason-' + r.id} placeholder={t('fund.reason')} value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
          <button type="button" class="btn btn-small btn-primary" onClick={() => act('/decision', { decision: 'approve', reason })}>{t('fund.approve')}</button>
          <button type="button" class="btn btn-small" onClick={() => act('/decision', { decision: 'refuse', reason })}>{t('fund.refuse')}</button>
        </>
      )}
      {canDisburse && (
        <button type="button" class="btn btn-small btn-primary" onClick={() => act('/disbursements', {})}>
          {t('fund.disburse', { amount: fmtMinor(r.committed_remaining_minor, USD) })}
        </button>
      )}
    </div>
  );
}

const CORRECTABLE = ['contribution', 'disbursement', 'return'];

/** One movement of the ledger: what it reverses or what reversed it, and (the fund manager) the
 * correction of a movement recorded wrongly — a new reversing movement, asked first. */
function LedgerLink({ e, onDone }: { e: LedgerEntry; onDone: () => void }) {
  const app = useApp();
  const confirmDialog = useConfirm();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  useTypedGuard(open && !!reason.trim());
  const [error, setError] = useState<unknown>(null);
  const show = (movement: string) => document.getElementById('mv-' + movement)?.scrollIntoView({ block: 'center' });
  if (e.reverses) {
    return (
      <div class="muted" data-testid={'fund-reverses-' + e.movement_id + '-' + e.seq}>
        <button type="button" class="ledger-link" onClick={() => show(e.reverses!)}>{t('fund.reverses', { id: e.reverses })}</button>
        {e.reason && <div>{e.reason}</div>}
      </div>
    );
  }
  if (e.reversed_by) {
    return (
      <button type="button" class="ledger-link chip fst-refused" onClick={() => show(e.reversed_by!)} data-testid={'fund-reversed-' + e.movement_id + '-' + e.seq}>
        {t('fund.reversed_by', { id: e.reversed_by })}
      </button>
    );
  }
  // One offer per movement (on its first entry), for the kinds a correction may reverse.
  if (e.seq !== 1 || !CORRECTABLE.includes(e.kind) || !hasRole(app.user, 'fund_manager')) return null;
  const amount = fmtMinor(e.debit_minor || e.credit_minor, e.currency);
  const submit = async () => {
    setError(null);
    const ok = await confirmDialog.ask({
      title: t('fund.correct_title'),
      body: (
        <>
          <p>{t('fund.correct_body', { kind: tx('fund.kind', e.kind), amount, at: fmtDateTime(e.at) })}</p>
          <p>{t(e.kind === 'contribution' ? 'fund.correct_effect.contribution' : e.kind === 'disbursement' ? 'fund.correct_effect.disbursement' : 'fund.correct_effect.return', { amount })}</p>
          <p>{t('fund.correct_final')}</p>
        </>
      ),
      confirm: t('fund.correct_confirm'),
      danger: true,
    });
    if (!ok) return;
    try {
      await post<Correction>('/fund/ledger/' + encodeURIComponent(e.movement_id) + '/correction', { reason });
      setOpen(false);
      setReason('');
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  if (!open) {
    return <button type="button" class="btn btn-small" onClick={() => setOpen(true)}>{t('fund.correct')}</button>;
  }
  return (
    <div class="actions" data-testid={'fund-correct-' + e.movement_id}>
      <ErrorBox error={error} />
      <label class="sr-only" for={'correct-' + e.movement_id}>{t('fund.correct_reason')}</label>
      <input id={'correct-' + e.movement_id} placeholder={t('fund.correct_reason')} value={reason} onInput={(ev) => setReason((ev.target as HTMLInputElement).value)} />
      <button type="button" class="btn btn-small btn-danger" onClick={submit}>{t('fund.correct_confirm')}</button>
      <button type="button" class="btn btn-small" onClick={() => { setOpen(false); setError(null); }}>{t('common.cancel')}</button>
      {confirmDialog.dialog}
    </div>
  );
}

export function Fund() {
  const app = useApp();
  const official = ['fund_manager', 'fund_board', 'admin', 'auditor'].some((r) => hasRole(app.user, r));
  const [balance, setBalance] = useState<Balance | null>(null);
  const [balanceError, setBalanceError] = useState<unknown>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [tick, setTick] = useState(0);
  const readsRequests = official || hasRole(app.user, 'security_professional');
  const view = useListView('/fund', FUND_VIEW);
  const requestsPath = withView('/fund/requests', view.query);
  const requests = useList<FundRequest>(readsRequests ? requestsPath : '');
  const ledger = useList<LedgerEntry>(official ? '/fund/ledger' : '');
  useEffect(() => {
    get<Balance>('/fund/balance').then(setBalance, setBalanceError);
    get<Report>('/fund/report').then(setReport, () => setReport(null));  // not a contributor: no report
  }, [tick]);
  const refresh = () => {
    setTick((n) => n + 1);
    requests.reload();
    ledger.reload();
  };
  return (
    <div>
      <div class="page-head">
        <div>
          <h1>{t('fund.title')}</h1>
          <p class="muted">{t('fund.intro')}</p>
        </div>
      </div>
      <ErrorBox error={balanceError} />
      {balance ? <BalanceCard balance={balance} /> : !balanceError && <Loading />}
      {hasRole(app.user, 'security_professional') && <NewRequest onDone={refresh} />}
      {hasRole(app.user, 'fund_manager') && <NewContribution onDone={refresh} />}
      {readsRequests && (
        <div class="card">
          <h2>{t('fund.requests')}</h2>
          <ListFilters view={view} id="fund">
            <FilterSelect view={view} id="fund" name="status" label={t('lf.status')}
              options={FUND_STATUSES.map((s) => ({ value: s, label: tx('fund.st', s) }))} />
            <FilterSelect view={view} id="fund" name="area_id" label={t('lf.area')}
              options={app.areas.map((a) => ({ value: a.id, label: areaName(app, a.id) }))} />
            {official && <FilterSelect view={view} id="fund" name="organization_id" label={t('lf.organization')}
              options={app.orgs.map((o) => ({ value: o.id, label: o.code }))} />}
            <FilterDate view={view} id="fund" name="submitted_from" label={t('lf.submitted_from')} />
            <FilterDate view={view} id="fund" name="submitted_to" label={t('lf.submitted_to')} />
          </ListFilters>
          {requests.error ? <ErrorBox error={requests.error} onRetry={requests.reload} /> : !requests.items ? <Loading /> :
           requests.items.length === 0 ? <p class="empty">{view.active ? t('lf.no_match') : t('fund.no_requests')}</p> : (
            <div class="table-wrap">
              <table class="table" data-testid="fund-requests">
                <thead>
                  <tr>
                    <SortHeader view={view} sortKey="submitted" label={t('lf.submitted')} />
                    <th scope="col">{t('fund.area')}</th>
                    <th scope="col">{t('fund.purpose')}</th>
                    <SortHeader view={view} sortKey="amount" label={t('fund.amount')} />
                    <th scope="col">{t('fund.status')}</th>
                    <th scope="col">{t('fund.routed_to')}</th>
                    <th scope="col">{t('fund.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {requests.items.map((r) => (
                    <tr key={r.id} data-testid={'fund-request-' + r.id}>
                      <td>{fmtDate(r.submitted_at)}</td>
                      <td>{areaName(app, r.area_id)}</td>
                      <td>{r.purpose}{r.decision_reason && <div class="muted">{r.decision_reason}</div>}</td>
                      <td class="num">{fmtMinor(r.amount_minor, r.currency)}</td>
                      <td><span class={'chip fst-' + r.status}>{tx('fund.st', r.status)}</span></td>
                      <td>{tx('role', r.routed_to)}</td>
                      <td><RequestActions r={r} onDone={refresh} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <LoadMore list={requests} />
          <a class="btn btn-small" href={'/api/v1' + withView(requestsPath, 'format=csv')} download>{t('fund.export_csv')}</a>
        </div>
      )}
      {report && (
        <div class="card" data-testid="fund-report">
          <h2>{t('fund.report')}</h2>
          <div class="table-wrap">
            <table class="table">
              <thead><tr><th scope="col">{t('fund.donor')}</th><th scope="col" class="num">{t('fund.amount')}</th><th scope="col">{t('fund.conditions')}</th></tr></thead>
              <tbody>
                {report.donors.map((d) => (
                  <tr key={d.donor}>
                    <td>{d.donor_name || orgName(app, d.donor)}</td>
                    <td class="num">{fmtMinor(d.total_minor, USD)}</td>
                    <td>{d.conditions_visible ? d.contributions.map((c) => c.conditions).filter(Boolean).join('; ') : t('fund.conditions_hidden')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>{t('fund.decisions')}</h3>
          <ul class="plain">
            {report.decisions.map((d) => (
              <li key={d.request_id}>
                {fmtMinor(d.amount_minor, d.currency)} — {tx('fund.st', d.status)} ({d.decided_by_name || d.decided_by}, {d.decided_at ? fmtDateTime(d.decided_at) : ''}):{' '}
                {d.reason} · {t('fund.answer_hours', { n: Math.round((d.answer_hours ?? 0) * 10) / 10 })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {official && ledger.items && (
        <div class="card">
          <h2>{t('fund.ledger')}</h2>
          <div class="table-wrap">
            <table class="table" data-testid="fund-ledger">
              <thead>
                <tr>
                  <th scope="col">{t('fund.at')}</th>
                  <th scope="col">{t('fund.kind')}</th>
                  <th scope="col">{t('fund.account')}</th>
                  <th scope="col" class="num">{t('fund.debit')}</th>
                  <th scope="col" class="num">{t('fund.credit')}</th>
                  <th scope="col">{t('fund.correction')}</th>
                </tr>
              </thead>
              <tbody>
                {ledger.items.map((e) => (
                  <tr key={e.id} id={e.seq === 1 ? 'mv-' + e.movement_id : undefined} data-movement={e.movement_id}>
                    <td>{fmtDateTime(e.at)}</td>
                    <td>{tx('fund.kind', e.kind)}</td>
                    <td>{tx('fund.acct', e.account)}</td>
                    <td class="num">{e.debit_minor ? fmtMinor(e.debit_minor, e.currency) : ''}</td>
                    <td class="num">{e.credit_minor ? fmtMinor(e.credit_minor, e.currency) : ''}</td>
                    <td><LedgerLink e={e} onDone={refresh} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMore list={ledger} />
          <a class="btn btn-small" href="/api/v1/fund/ledger?format=csv" download>{t('fund.export_csv')}</a>
        </div>
      )}
    </div>
  );
}
