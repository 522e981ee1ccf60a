import { fmtDate, fmtDateTime, t, tx } from '../i18n';
import { ExportButtons } from '../components/ExportButtons';
import { href } from '../router';
import { areaName, useApp } from '../state';
import type { SraSummary } from '../types';
import { ErrorBox, Loading, RiskBadge, StatusChip } from '../components/ui';
import { LoadMore } from '../components/LoadMore';
import { useList } from '../useList';
import { useListView, withView } from '../listView';
import { FilterDate, FilterSelect, ListFilters, SortHeader } from '../components/ListControls';

const STATUSES = ['draft', 'returned', 'in_review', 'reviewed', 'endorsed', 'published', 'superseded'];

// The view's keys, also the query parameters of GET /api/v1/sras.
const VIEW_KEYS = ['q', 'status', 'area_id', 'risk', 'due_from', 'due_to', 'sort'] as const;

export function SraList() {
  const app = useApp();
  // Search, filters and sort are kept in the address bar and applied by the server to every page.
  const view = useListView('/sras', VIEW_KEYS);
  const path = withView('/sras', view.query);
  const list = useList<SraSummary>(path, 500);
  const { error, items } = list;
  return (
    <div>
      <div class="page-head">
        <h1>{t('list.title')}</h1>
        <ExportButtons path={path} />
      </div>
      <ListFilters view={view} id="sras">
        <FilterSelect view={view} id="sras" name="status" label={t('list.status_filter')}
          options={STATUSES.map((s) => ({ value: s, label: tx('status', s) }))} />
        <FilterSelect view={view} id="sras" name="area_id" label={t('lf.area')}
          options={app.areas.map((a) => ({ value: a.id, label: areaName(app, a.id) }))} />
        <FilterSelect view={view} id="sras" name="risk" label={t('lf.risk')}
          options={(app.method?.risk_levels ?? []).map((l) => ({ value: l, label: tx('level', l) }))} />
        <FilterDate view={view} id="sras" name="due_from" label={t('lf.due_from')} />
        <FilterDate view={view} id="sras" name="due_to" label={t('lf.due_to')} />
      </ListFilters>
      {error ? <ErrorBox error={error} onRetry={list.reload} /> : !items ? <Loading /> : items.length === 0 ? (
        <p class="empty">{t('list.empty')}</p>
      ) : (
        <div class="card table-wrap">
          <table class="table" data-testid="sra-list">
            <thead>
              <tr>
                <SortHeader view={view} sortKey="title" label={t('list.title_col')} />
                <th scope="col">{t('list.area_col')}</th>
                <th scope="col">{t('list.version_col')}</th>
                <th scope="col">{t('list.status_col')}</th>
                <SortHeader view={view} sortKey="risk" label={t('list.residual_col')} />
                <SortHeader view={view} sortKey="due" label={t('lf.review_due_col')} />
                <SortHeader view={view} sortKey="updated" label={t('list.updated_col')} />
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id} data-sra={s.id}>
                  <th scope="row"><a href={href('/sras/' + s.id)}>{s.title}</a></th>
                  <td>{areaName(app, s.area_id)}</td>
                  <td>{s.version}</td>
                  <td><StatusChip status={s.status} /></td>
                  <td><RiskBadge method={app.method} level={s.overall_residual_risk} /></td>
                  <td>{s.review_due ? fmtDate(s.review_due) : '—'}</td>
                  <td>{fmtDateTime(s.updated_at)}</td>
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
