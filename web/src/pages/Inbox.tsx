import { fmtDateTime, t, tx } from '../i18n';
import { href } from '../router';
import { areaName, useApp } from '../state';
import type { SraSummary } from '../types';
import { ErrorBox, Loading, RiskBadge, StatusChip } from '../components/ui';
import { LoadMore } from '../components/LoadMore';
import { useList } from '../useList';

export function Inbox() {
  const app = useApp();
  const list = useList<SraSummary>('/inbox');
  const { items, error } = list;
  return (
    <div>
      <div class="page-head">
        <h1>{t('inbox.title')}</h1>
        <p class="muted">{t('inbox.intro')}</p>
      </div>
      {error ? <ErrorBox error={error} onRetry={list.reload} /> : !items ? <Loading /> : items.length === 0 ? (
        <p class="empty">{t('inbox.empty')}</p>
      ) : (
        <>
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
                <span class="await">{t('inbox.action')}: {tx('action', s.next_action ?? '')}</span>
              </div>
            </li>
          ))}
        </ul>
        <LoadMore list={list} />
        </>
      )}
    </div>
  );
}
