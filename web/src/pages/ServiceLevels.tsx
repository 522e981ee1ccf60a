// Service levels (SRM-METHOD.md §8, issue 15): the agreements between DSS and an organization, each
// target measured by the server from the system's own events (GET /slas/{id}/report), with a
// monthly trend per metric and the events behind every figure, exported as CSV or Excel by the
// server (?format=csv|xlsx of the report and of the list). What is still open past its target
// counts as a breach (domain/sla.h) and is said so.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../api';
import { t, tx } from '../i18n';
import type { components } from '../generated/api';
import { ErrorBox, Loading } from '../components/ui';
import { ExportButtons } from '../components/ExportButtons';
import { ListFilters, SortSelect } from '../components/ListControls';
import { useListView, withView } from '../listView';

type Sla = components['schemas']['ServiceLevelAgreement'];
type SlaPage = components['schemas']['ServiceLevelAgreementPage'];
type Report = components['schemas']['SlaReport'];
type Metric = components['schemas']['SlaMetricReport'];

// The agreements list's view (kept in the address bar), also the query parameters of
// GET /api/v1/slas: search on the title and the organization's name, and the sort.
const VIEW_KEYS = ['q', 'sort'] as const;
const SORTS = ['title', '-title', 'from', '-from', 'updated'];

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Bars per month, the target as a dashed line; scales to its container (phone-size too). */
function Trend({ m }: { m: Metric }) {
  const W = 320, H = 90, pad = 4;
  const values = m.months.map((x) => x.measured ?? 0);
  const max = Math.max(m.threshold, ...values, 1);
  const bw = m.months.length ? (W - 2 * pad) / m.months.length : 0;
  const y = (v: number) => H - pad - (v / max) * (H - 2 * pad);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} width="100%" height={H} role="img" aria-label={t('sla.trend', { metric: tx('sla.metric', m.metric) })}>
      {m.months.map((x, i) => {
        const v = x.measured ?? 0;
        const ok = m.comparison === 'at_most' ? v <= m.threshold : v >= m.threshold;
        return (
          <rect x={pad + i * bw + 1} y={y(v)} width={Math.max(bw - 2, 1)} height={H - pad - y(v)} fill={ok ? '#2e7d32' : '#c62828'}>
            <title>{`${x.month}: ${x.measured ?? '-'} (${x.count})`}</title>
          </rect>
        );
      })}
      <line x1={pad} x2={W - pad} y1={y(m.threshold)} y2={y(m.threshold)} stroke="#333" stroke-dasharray="4 3" />
    </svg>
  );
}

export function ServiceLevels() {
  const [slas, setSlas] = useState<Sla[] | null>(null);
  const [id, setId] = useState('');
  const [to, setTo] = useState(iso(new Date()));
  const [from, setFrom] = useState(iso(new Date(Date.now() - 364 * 86400000)));
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<unknown>(null);
  const view = useListView('/slas', VIEW_KEYS);
  const listPath = withView('/slas', view.query);
  useEffect(() => {
    setSlas(null);
    get<SlaPage>(withView('/slas?limit=100', view.query))
      .then((p) => { setSlas(p.items); setId(p.items.length ? p.items[0].id : ''); setReport(null); })
      .catch(setError);
  }, [view.query]);
  useEffect(() => {
    if (!id) return;
    setReport(null);
    get<Report>(`/slas/${encodeURIComponent(id)}/report?from=${from}&to=${to}`).then(setReport).catch(setError);
  }, [id, from, to]);
  if (error) return <ErrorBox error={error} />;
  return (
    <section class="page">
      <h1>{t('nav.slas')}</h1>
      <ListFilters view={view} id="slas">
        <SortSelect view={view} id="slas" options={SORTS} />
      </ListFilters>
      {!slas ? <Loading /> : slas.length === 0 ? <p class="empty">{view.active ? t('lf.no_match') : t('sla.none')}</p> : (
        <div class="row-2">
          <label>{t('sla.agreement')}{' '}
            <select value={id} data-testid="sla-agreements" onChange={(e) => setId((e.target as HTMLSelectElement).value)}>
              {slas.map((s) => <option value={s.id}>{s.title}</option>)}
            </select>
          </label>{' '}
          <label>{t('sla.from')} <input type="date" value={from} onChange={(e) => setFrom((e.target as HTMLInputElement).value)} /></label>{' '}
          <label>{t('sla.to')} <input type="date" value={to} onChange={(e) => setTo((e.target as HTMLInputElement).value)} /></label>
        </div>
      )}
      {id && !report && <Loading />}
      {report && (
        <div data-testid="sla-report">
          <p>{t('sla.services', { n: report.sla.services.length })}</p>
          <ExportButtons path={`/slas/${encodeURIComponent(report.sla.id)}/report?from=${report.from}&to=${report.to}`} testid="sla-report-export" label={t('sla.export_report')} />
          <div class="grid-2">
            {report.metrics.map((m) => (
              <div class="card" data-testid="sla-metric" data-metric={m.metric}>
                <h2>{tx('sla.metric', m.metric)}</h2>
                <p>
                  {t(m.comparison === 'at_most' ? 'sla.target_at_most' : 'sla.target_at_least', { n: m.threshold, unit: tx('sla.unit', m.unit) })}
                  {' · '}
                  {m.measured === null ? t('sla.no_events') : t('sla.measured', { n: m.measured, unit: tx('sla.unit', m.unit) })}
                  {' · '}
                  <strong>{m.met === null ? '—' : m.met ? t('sla.met') : t('sla.not_met')}</strong>
                </p>
                <p>{t('sla.count', { n: m.count, pending: m.pending })}</p>
                {m.pending_breaches > 0 && <p class="notice" data-testid="sla-pending-breaches">{t('sla.pending_breaches', { n: m.pending_breaches })}</p>}
                <Trend m={m} />
              </div>
            ))}
          </div>
        </div>
      )}
      {slas && slas.length > 0 && <ExportButtons path={listPath} testid="slas-export" label={t('sla.export_list')} />}
    </section>
  );
}
