import { useEffect, useState } from 'preact/hooks';
import { get, getAll } from '../api';
import { fmtDate, fmtDateTime, t } from '../i18n';
import { href } from '../router';
import { areaName, useApp } from '../state';
import { daysUntil, hasRole, levelIndex } from '../domain';
import type { AreaNoGo, SraSummary } from '../types';
import { Card, ErrorBox, Loading, RiskBadge, StatusChip } from '../components/ui';
import { ChangesCard, OverdueCard } from './DashboardDecisions';
import { TodayCards, type Board } from './DashboardToday';
import { ReviewProposalsCard } from '../components/ReviewProposals';
import { lazyPage } from '../lazy';

// The coordination cards come with their pages' code, fetched after the dashboard is drawn.
const GovernanceDueCard = lazyPage(() => import('./Governance').then((m) => m.GovernanceDueCard));
const CoverageCard = lazyPage(() => import('./Workforce').then((m) => m.CoverageCard));

const DUE_WINDOW_DAYS = 90;

/** The current published SRA of each area (the newest version if, briefly, there are several). */
export function publishedByArea(list: SraSummary[]): Map<string, SraSummary> {
  const out = new Map<string, SraSummary>();
  for (const s of list) {
    if (s.status !== 'published') continue;
    const prev = out.get(s.area_id);
    if (!prev || s.version > prev.version || (s.version === prev.version && s.updated_at > prev.updated_at))
      out.set(s.area_id, s);
  }
  return out;
}

export function Dashboard() {
  const app = useApp();
  const [sras, setSras] = useState<SraSummary[] | null>(null);
  // What the reader must do today, by role (issue 18): one request, GET /dashboard.
  const [board, setBoard] = useState<Board | null>(null);
  const [noGo, setNoGo] = useState<AreaNoGo[]>([]);
  const [error, setError] = useState<unknown>(null);

  const load = () => {
    setError(null);
    Promise.all([getAll<SraSummary>('/sras'), get<Board>('/dashboard'),
      get<{ items: AreaNoGo[] }>('/no-go-areas')])
      .then(([list, b, ng]) => {
        setSras(list);
        setBoard(b);
        setNoGo(ng.items);
      })
      .catch(setError);
  };
  useEffect(load, []);

  if (error) return <ErrorBox error={error} onRetry={load} />;
  if (!sras || !board) return <Loading />;

  const m = app.method;
  const pub = publishedByArea(sras);
  const areaRows = app.areas
    .map((a) => ({ area: a, sra: pub.get(a.id) ?? null }))
    .sort((x, y) => {
      const d = levelIndex(m, y.sra?.overall_residual_risk) - levelIndex(m, x.sra?.overall_residual_risk);
      return d || x.area.name.localeCompare(y.area.name);
    });
  const due = [...pub.values()]
    .filter((s) => s.review_due && daysUntil(s.review_due) <= DUE_WINDOW_DAYS)
    .sort((a, b) => a.review_due.localeCompare(b.review_due));
  const recent = [...sras].sort((a, b) => b.updated_at.localeCompare(a.updated_at)).slice(0, 8);
  const count = (pred: (s: SraSummary) => boolean) => sras.filter(pred).length;
  const conducts = hasRole(app.user, 'security_professional') || hasRole(app.user, 'sra_designate');

  return (
    <div class="dashboard">
      <div class="page-head">
        <h1>{t('dash.title')}</h1>
        <p class="muted">{t('dash.hello', { name: app.user.display_name })}</p>
      </div>
      <TodayCards board={board} />
      <ul class="stats" aria-label={t('dash.title')}>
        <li><span class="stat-n">{count((s) => s.status === 'published')}</span> {t('dash.stat_published')}</li>
        <li><span class="stat-n">{count((s) => ['in_review', 'reviewed', 'endorsed'].includes(s.status))}</span> {t('dash.stat_in_approval')}</li>
        <li><span class="stat-n">{count((s) => s.status === 'draft' || s.status === 'returned')}</span> {t('dash.stat_drafts')}</li>
        <li class={board.waiting_total ? 'stat-hot' : ''} data-testid="dash-stat-waiting"><span class="stat-n">{board.waiting_total}</span> {t('dash.stat_mine')}</li>
      </ul>
      {noGo.length > 0 && (
        <Card title={t('dash.no_go')} class="no-go-card">
          <ul class="rowlist" data-testid="dash-no-go">
            {noGo.map((n) => (
              <li key={n.egs_decision_id} data-area={n.area_id}>
                <strong>{t('dash.no_go_area', { area: n.area_name })}</strong>
                <span class="rowmeta">
                  {t('dash.no_go_window', { from: fmtDate(n.from), to: fmtDate(n.to) })} · {n.reason}
                  {n.meeting_ref ? ' · ' + n.meeting_ref : ''}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      )}
      <div class="dash-cols">
        <div class="stack">
        <ChangesCard />
        <GovernanceDueCard />
        <ReviewProposalsCard />
        {/* An assessor's reviews due (their areas) are among today's cards above. */}
        {!conducts && <Card title={t('dash.due')}>
          {due.length === 0 ? (
            <p class="empty">{t('dash.due_empty', { days: DUE_WINDOW_DAYS })}</p>
          ) : (
            <ul class="rowlist">
              {due.map((s) => {
                const d = daysUntil(s.review_due);
                return (
                  <li key={s.id} class={d < 0 ? 'overdue' : ''}>
                    <a href={href('/sras/' + s.id)}>{s.title}</a>
                    <span class="rowmeta">
                      {fmtDate(s.review_due)} ·{' '}
                      <strong>{d < 0 ? t('dash.overdue_by', { n: -d }) : d === 0 ? t('dash.due_today') : t('dash.due_in', { n: d })}</strong>
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </Card>}
        <Card title={t('dash.recent')} actions={<a href={href('/sras')} class="link-small">{t('nav.sras')} →</a>}>
          {recent.length === 0 ? (
            <p class="empty">{t('dash.recent_empty')}</p>
          ) : (
            <ul class="rowlist" data-testid="dash-recent">
              {recent.map((s) => (
                <li key={s.id}>
                  <a href={href('/sras/' + s.id)}>{s.title}</a>
                  <span class="rowmeta">
                    {areaName(app, s.area_id)} · <StatusChip status={s.status} /> · {fmtDateTime(s.updated_at)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        </div>
        <div class="stack">
        <Card title={t('dash.areas')} actions={<a href={href('/map')} class="link-small">{t('nav.map')} →</a>}>
          <table class="table" data-testid="dash-areas">
            <thead>
              <tr>
                <th scope="col">{t('dash.area')}</th>
                <th scope="col">{t('dash.residual')}</th>
                <th scope="col">{t('dash.sra')}</th>
              </tr>
            </thead>
            <tbody>
              {areaRows.map(({ area, sra }) => (
                <tr key={area.id} data-area={area.id}>
                  <th scope="row">
                    {area.name}
                    {noGo.some((n) => n.area_id === area.id) && <span class="chip chip-no-go">{t('map.no_go_short')}</span>}
                  </th>
                  <td><RiskBadge method={m} level={sra?.overall_residual_risk} empty={t('dash.not_assessed')} /></td>
                  <td>{sra ? <a href={href('/sras/' + sra.id)}>{sra.title}</a> : <span class="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <OverdueCard />
        <CoverageCard />
        </div>
      </div>
    </div>
  );
}
