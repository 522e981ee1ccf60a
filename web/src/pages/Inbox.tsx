import { useEffect, useState } from 'preact/hooks';
import { get } from '../api';
import { fmtDateTime, t, tx } from '../i18n';
import { href } from '../router';
import { areaName, useApp } from '../state';
import { expectedAction } from '../domain';
import type { SraSummary } from '../types';
import { ErrorBox, Loading, RiskBadge, StatusChip } from '../components/ui';

export function Inbox() {
  const app = useApp();
  const [items, setItems] = useState<SraSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => {
    setError(null);
    get<{ items: SraSummary[] }>('/inbox?limit=500').then((r) => setItems(r.items)).catch(setError);
  };
  useEffect(load, []);
  return (
    <div>
      <div class="page-head">
        <h1>{t('inbox.title')}</h1>
        <p class="muted">{t('inbox.intro')}</p>
      </div>
      {error ? <ErrorBox error={error} onRetry={load} /> : !items ? <Loading /> : items.length === 0 ? (
        <p class="empty">{t('inbox.empty')}</p>
      ) : (
        <ul class="inbox" data-testid="inbox">
          {items.map((s) => (
            <li key={s.id} class="card inbox-item" data-sra={s.id}>
              <div>
                <a class="inbox-title" href={href('/sras/' + s.id + '/approvals')}>{s.title}</a>
                <p class="rowmeta">
                  {areaName(app, s.area_id)} · {t('common.version', { n: s.version })} · {fmtDateTime(s.updated_at)}
                </p>
              </div>
              <div class="inbox-side">
                <StatusChip status={s.status} />
                <RiskBadge method={app.method} level={s.overall_residual_risk} />
                <span class="await">{t('inbox.action')}: {tx('action', expectedAction(s.status))}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
