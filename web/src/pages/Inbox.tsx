import { fmtDateTime, t, tx } from '../i18n';
import { href } from '../router';
import { areaName, useApp } from '../state';
import type { SraSummary } from '../types';
import { ErrorBox, Loading, RiskBadge, StatusChip } from '../components/ui';
import { LoadMore } from '../components/LoadMore';
import { useList } from '../useList';
import { useListView, withView } from '../listView';
import { FilterSelect, ListFilters, SortSelect } from '../components/ListControls';

// The inbox's view (kept in the address bar), also the query parameters of GET /api/v1/inbox.
const VIEW_KEYS = ['q', 'area_id', 'status', 'sort'] as const;
// The statuses an SRA waits in for a decision step (review, endorse, approve).
const STATUSES = ['in_review', 'reviewed', 'endorsed'];
const SORTS = ['updated', 'title', '-title', 'due', '-due'];

export function Inbox() {
  const app = useApp();
  const view = useListView('/inbox', VIEW_KEYS);
  const list = useList<SraSummary>(withView('/inbox', view.query));
  const { items, error } = list;
  return (
    <div>
      <div class="page-head">
        <h1>{t('inbox.title')}</h1>
        <p class="muted">{t('inbox.intro')}</p>
      </div>
      <ListFilters view={view} id="inbox">
        <FilterSelect view={view} id="inbox" name="status" label={t('lf.status')}
          options={STATUSES.map((st) => ({ value: st, label: tx('status', st) }))} />
        <FilterSelect view={view} id="inbox" name="area_id" label={t('lf.area')}
          options={app.areas.map((a) => ({ value: a.id, label: areaName(app, a.id) }))} />
        <SortSelect view={view} id="inbox" options={SORTS} />
      </ListFilters>
      {error ? <ErrorBox error={error} onRetry={list.reload} /> : !items ? <Loading /> : items.length === 0 ? (
        <p class="empty">{view.active ? t('lf.no_match') : t('inbox.empty')}</p>
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
