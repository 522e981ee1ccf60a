// Issue 18: the auditor's page across SRAs (#/audit). The chain's status (GET /audit/verify: the
// tamper-evident log checked against its signed checkpoints) above the audit entries of every SRA
// (GET /audit/sras), newest first, paged by the server, filtered by SRA, person, action and dates.
// The filters live in the address bar, so a view can be shared. Auditors and administrators only;
// fetched when first opened (lazy.tsx).
import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, getAll } from '../api';
import { fmtDateTime, t, tx } from '../i18n';
import { go, href, useRoute } from '../router';
import { areaName, useApp } from '../state';
import { hasRole } from '../domain';
import type { components } from '../generated/api';
import type { SraSummary } from '../types';
import { Card, ErrorBox, Loading } from '../components/ui';
import { LoadMore } from '../components/LoadMore';
import { ExportButtons } from '../components/ExportButtons';
import { useList } from '../useList';

type Entry = components['schemas']['CrossSraAuditEntry'];
type Verification = components['schemas']['AuditVerification'];

const FILTERS = ['sra', 'actor', 'action', 'from', 'to'] as const;
const ACTIONS = ['sra.create', 'sra.update', 'sra.scenario.', 'sra.transition.', 'sra.comment.', 'sra.revise', 'sra.supersede'];

/** "sra.transition.approve" in words: the workflow's own names where it has them. */
function actionText(action: string): string {
  const step = action.match(/^sra\.transition\.(\w+)$/);
  if (step) return tx('action', step[1]);
  return tx('audit.act', action);
}

function ChainStatus() {
  const [v, setV] = useState<Verification | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => {
    setError(null);
    get<Verification>('/audit/verify').then(setV).catch(setError);
  };
  useEffect(load, []);
  if (error) return <ErrorBox error={error} onRetry={load} />;
  if (!v) return <Loading />;
  // A checkpoint line (service/audit.h): its seq and time are what a person reads.
  const newest = v.checkpoints.newest as { seq?: number; at?: string } | null;
  return (
    <div data-testid="audit-chain" data-ok={String(v.ok)}>
      <p class={v.ok ? 'notice notice-ok' : 'notice notice-error'} role="status">
        <strong>{v.ok ? t('audit.verified', { n: v.entries }) : t('audit.broken', { seq: v.first_bad ?? '?', reason: tx('audit.reason', v.reason) })}</strong>
      </p>
      <p class="rowmeta">
        {newest && newest.seq ? t('audit.last_anchor', { seq: newest.seq, when: fmtDateTime(newest.at ?? '') }) : t('audit.no_anchor')}
        {' · '}{t('audit.checked', { n: v.checkpoints.checked })}
      </p>
    </div>
  );
}

export function AuditLog() {
  const app = useApp();
  const route = useRoute();
  const q = route.query;
  const [sras, setSras] = useState<SraSummary[]>([]);
  const allowed = hasRole(app.user, 'auditor') || hasRole(app.user, 'admin');
  useEffect(() => {
    if (allowed) getAll<SraSummary>('/sras').then(setSras).catch(() => undefined);
  }, [allowed]);

  const api = new URLSearchParams();
  if (q.get('sra')) api.set('sra_id', q.get('sra')!);
  for (const k of ['actor', 'action', 'from', 'to'] as const) if (q.get(k)) api.set(k, q.get(k)!);
  const path = '/audit/sras' + (api.toString() ? '?' + api.toString() : '');
  const list = useList<Entry>(allowed ? path : '', 50);

  if (!allowed) return <ErrorBox error={new ApiError(403, 'forbidden', t('audit.not_allowed'))} />;

  const setFilter = (k: (typeof FILTERS)[number], v: string) => {
    const next = new URLSearchParams(q);
    if (v) next.set(k, v);
    else next.delete(k);
    const s = next.toString();
    go('/audit' + (s ? '?' + s : ''));
  };
  const sraTitle = (id: string) => sras.find((s) => s.id === id);

  return (
    <div class="audit-page">
      <div class="page-head">
        <div>
          <h1>{t('audit.title')}</h1>
          <p class="muted">{t('audit.intro')}</p>
        </div>
        <div class="actions"><ExportButtons path={path} testid="audit-export" /></div>
      </div>
      <Card title={t('audit.chain')}>
        <ChainStatus />
      </Card>
      <form class="filters access-filters" data-testid="audit-filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('audit.sra')}
          <select value={q.get('sra') ?? ''} data-testid="audit-sra" onChange={(e) => setFilter('sra', (e.target as HTMLSelectElement).value)}>
            <option value="">{t('audit.all_sras')}</option>
            {sras.map((s) => (
              <option key={s.id} value={s.id}>{s.title} · {t('common.version', { n: s.version })}</option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.actor')}
          <input type="search" value={q.get('actor') ?? ''} data-testid="audit-actor" autoComplete="off"
            onChange={(e) => setFilter('actor', (e.target as HTMLInputElement).value.trim())} />
        </label>
        <label>
          {t('audit.action')}
          <select value={q.get('action') ?? ''} data-testid="audit-action" onChange={(e) => setFilter('action', (e.target as HTMLSelectElement).value)}>
            <option value="">{t('audit.all_actions')}</option>
            {ACTIONS.map((a) => <option key={a} value={a}>{tx('audit.act', a)}</option>)}
          </select>
        </label>
        <label>
          {t('access.from')}
          <input type="date" value={q.get('from') ?? ''} data-testid="audit-from" onChange={(e) => setFilter('from', (e.target as HTMLInputElement).value)} />
        </label>
        <label>
          {t('access.to')}
          <input type="date" value={q.get('to') ?? ''} data-testid="audit-to" onChange={(e) => setFilter('to', (e.target as HTMLInputElement).value)} />
        </label>
      </form>
      {list.error ? <ErrorBox error={list.error} onRetry={list.reload} /> : !list.items ? <Loading /> : list.items.length === 0 ? (
        <p class="empty">{t('audit.empty')}</p>
      ) : (
        <>
          <ul class="rowlist audit-list" data-testid="audit-entries">
            {list.items.map((e) => {
              const s = sraTitle(e.sra_id);
              return (
                <li key={e.seq} data-seq={e.seq} data-sra={e.sra_id} data-action={e.action}>
                  <span>
                    <strong>{actionText(e.action)}</strong> ·{' '}
                    <a href={href('/sras/' + e.sra_id + '/audit')}>{e.sra_title || s?.title || e.sra_id}</a>{' '}
                    <span class="muted">{t('common.version', { n: e.sra_version })}</span>
                    <span class="rowmeta">
                      {' '}{areaName(app, e.area_id)} · {t('audit.by', { who: e.actor_name || e.actor, role: tx('role', e.role) })}
                    </span>
                  </span>
                  <span class="rowmeta">
                    <time dateTime={e.at}>{fmtDateTime(e.at)}</time> · #{e.seq}
                  </span>
                </li>
              );
            })}
          </ul>
          <LoadMore list={list} />
        </>
      )}
    </div>
  );
}
