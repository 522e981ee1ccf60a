import { fmtDateTime, t, tx } from '../i18n';
import { ExportButtons } from '../components/ExportButtons';
import { go, href } from '../router';
import { areaName, useApp } from '../state';
import type { SraSummary } from '../types';
import { ErrorBox, Loading, RiskBadge, StatusChip } from '../components/ui';
import { LoadMore } from '../components/LoadMore';
import { useList } from '../useList';

const STATUSES = ['draft', 'returned', 'in_review', 'reviewed', 'endorsed', 'published', 'superseded'];

export function SraList({ status }: { status: string }) {
  const app = useApp();
  const list = useList<SraSummary>('/sras' + (status ? '?status=' + encodeURIComponent(status) : ''), 500);
  const { error } = list;
  // Most recently changed first, among the pages read so far.
  const items = list.items && [...list.items].sort((a, b) => b.updated_at.localeCompare(a.updated_at));
  return (
    <div>
      <div class="page-head">
        <h1>{t('list.title')}</h1>
        <div class="field field-inline">
          <label for="status-filter">{t('list.status_filter')}</label>
          <select id="status-filter" value={status} onChange={(e) => {
            const v = (e.target as HTMLSelectElement).value;
            go('/sras' + (v ? '?status=' + v : ''));
          }}>
            <option value="">{t('common.all')}</option>
            {STATUSES.map((s) => <option value={s} key={s}>{tx('status', s)}</option>)}
          </select>
        </div>
        <ExportButtons path={'/sras' + (status ? '?status=' + encodeURIComponent(status) : '')} />
      </div>
      {error ? <ErrorBox error={error} onRetry={list.reload} /> : !items ? <Loading /> : items.length === 0 ? (
        <p class="empty">{t('list.empty')}</p>
      ) : (
        <div class="card table-wrap">
          <table class="table" data-testid="sra-list">
            <thead>
              <tr>
                <th scope="col">{t('list.title_col')}</th>
                <th scope="col">{t('list.area_col')}</th>
                <th scope="col">{t('list.version_col')}</th>
                <th scope="col">{t('list.status_col')}</th>
                <th scope="col">{t('list.residual_col')}</th>
                <th scope="col">{t('list.updated_col')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id}>
                  <th scope="row"><a href={href('/sras/' + s.id)}>{s.title}</a></th>
                  <td>{areaName(app, s.area_id)}</td>
                  <td>{s.version}</td>
                  <td><StatusChip status={s.status} /></td>
                  <td><RiskBadge method={app.method} level={s.overall_residual_risk} /></td>
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
