// Issue 18, role dashboards: what the reader must do today, first, from GET /dashboard (one
// request: pages stay light for field modems). The assessor sees the SRAs returned to them, the
// reviews due in their areas and their drafts; the security cell, SMT and DSS desk what waits for
// their step with its age, oldest first; every traveller their clearance requests; the auditor the
// audit chain's status and the latest SRA accesses, with the way to the audit page.
import { fmtDate, fmtDateTime, t, tx } from '../i18n';
import { href } from '../router';
import { areaName, useApp } from '../state';
import { hasRole } from '../domain';
import type { components } from '../generated/api';
import { Card, StatusChip } from '../components/ui';

export type Board = components['schemas']['Dashboard'];
type BoardSra = components['schemas']['DashboardSra'];

const CONDUCTS = ['security_professional', 'sra_designate'];
const DECIDES = ['security_cell', 'smt', 'dss_desk'];

/** "waiting 3 days", "since today". */
export function waitingFor(days: number): string {
  return days <= 0 ? t('dash.waiting_today') : days === 1 ? t('dash.waiting_one') : t('dash.waiting_days', { n: days });
}

function dueText(days: number): string {
  return days < 0 ? t('dash.overdue_by', { n: -days }) : days === 0 ? t('dash.due_today') : t('dash.due_in', { n: days });
}

function SraRows({ items, testid, link, meta }: {
  items: BoardSra[]; testid: string; link: (s: BoardSra) => string; meta: (s: BoardSra) => preact.ComponentChildren;
}) {
  const app = useApp();
  return (
    <ul class="rowlist" data-testid={testid}>
      {items.map((s) => (
        <li key={s.id} data-sra={s.id} data-days={s.days} class={testid === 'dash-review-due' && s.days < 0 ? 'overdue' : ''}>
          <a href={href(link(s))}>{s.title}</a>
          <span class="rowmeta">
            {areaName(app, s.area_id)} · <StatusChip status={s.status} /> · {meta(s)}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function TodayCards({ board }: { board: Board }) {
  const app = useApp();
  const u = app.user;
  const conducts = CONDUCTS.some((r) => hasRole(u, r));
  const decides = DECIDES.some((r) => hasRole(u, r));
  const cards: preact.JSX.Element[] = [];

  if (conducts) {
    cards.push(
      <Card key="returned" title={t('dash.returned')} class={board.returned.length ? 'card-hot' : ''}>
        {board.returned.length === 0 ? <p class="empty">{t('dash.returned_empty')}</p> : (
          <SraRows items={board.returned} testid="dash-returned" link={(s) => '/sras/' + s.id + '/edit/11'}
            meta={(s) => (
              <>
                <strong>{waitingFor(s.days)}</strong>
                {s.comment ? <span class="why"> · {t('dash.returned_why', { who: s.by_name || s.by, why: s.comment })}</span> : null}
              </>
            )} />
        )}
      </Card>,
      <Card key="review-due" title={t('dash.review_due', { days: board.review_due_window_days })}>
        {board.review_due.length === 0 ? <p class="empty">{t('dash.due_empty', { days: board.review_due_window_days })}</p> : (
          <SraRows items={board.review_due} testid="dash-review-due" link={(s) => '/sras/' + s.id}
            meta={(s) => <>{fmtDate(s.review_due)} · <strong>{dueText(s.days)}</strong></>} />
        )}
      </Card>,
      <Card key="drafts" title={t('dash.my_drafts')} actions={<a href={href('/sras/new')} class="link-small">+ {t('nav.new_sra')}</a>}>
        {board.drafts.length === 0 ? <p class="empty">{t('dash.my_drafts_empty')}</p> : (
          <SraRows items={board.drafts} testid="dash-drafts" link={(s) => '/sras/' + s.id + '/edit/1'}
            meta={(s) => <>{t('dash.updated', { when: fmtDateTime(s.updated_at) })}</>} />
        )}
      </Card>,
    );
  }

  if (decides || board.waiting.length > 0) {
    cards.push(
      <Card key="waiting" title={t('dash.inbox')} class="card-inbox"
        actions={<a href={href('/inbox')} class="link-small">{t('nav.inbox')} →</a>}>
        {board.waiting.length === 0 ? <p class="empty">{t('dash.inbox_empty')}</p> : (
          <>
            <SraRows items={board.waiting} testid="dash-inbox" link={(s) => '/sras/' + s.id + '/approvals'}
              meta={(s) => (
                <>
                  <span class="await">{tx('action.await', s.next_action ?? '')}</span> ·{' '}
                  <strong class="age">{waitingFor(s.days)}</strong>
                  {s.by ? ' · ' + t('dash.sent_by', { who: s.by_name || s.by }) : ''}
                </>
              )} />
            {board.waiting_total > board.waiting.length && (
              <p class="muted">{t('list.count', { shown: board.waiting.length, total: board.waiting_total })}</p>
            )}
          </>
        )}
      </Card>,
    );
  }

  if (board.legs_total > 0 || hasRole(u, 'dss_desk') || hasRole(u, 'executive_office')) {
    cards.push(
      <Card key="legs" title={t('dash.legs')} actions={<a href={href('/clearances/inbox')} class="link-small">{t('clr.inbox')} →</a>}>
        {board.legs.length === 0 ? <p class="empty">{t('clr.inbox_empty')}</p> : (
          <ul class="rowlist" data-testid="dash-legs">
            {board.legs.map((l) => (
              <li key={l.leg_id} data-leg={l.leg_id} data-days={l.days}>
                <a href={href('/clearances/' + l.request_id)}>{l.traveller} · {l.area_name || areaName(app, l.area_id)}</a>
                <span class="rowmeta">
                  {fmtDate(l.from)} – {fmtDate(l.to)} · <strong class="age">{waitingFor(l.days)}</strong>
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>,
    );
  }

  const traveller = !conducts && !decides && !hasRole(u, 'auditor') && !hasRole(u, 'admin');
  if (board.my_requests.length > 0 || traveller) {
    cards.push(
      <Card key="requests" title={t('dash.my_requests')}
        actions={<a href={href('/clearances/new')} class="link-small">+ {t('clr.new')}</a>}>
        {board.my_requests.length === 0 ? <p class="empty">{t('dash.my_requests_empty')}</p> : (
          <ul class="rowlist" data-testid="dash-requests">
            {board.my_requests.map((r) => (
              <li key={r.id} data-request={r.id} data-status={r.status}>
                <a href={href('/clearances/' + r.id)}>{r.activity}</a>
                <span class="rowmeta">
                  {r.traveller} · {fmtDate(r.from)} – {fmtDate(r.to)} ·{' '}
                  <span class={'chip chip-' + r.status}>{tx('legst', r.status)}</span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>,
    );
  }

  if (board.audit) {
    const a = board.audit;
    cards.push(
      <Card key="audit" title={t('dash.audit')} class={a.ok ? '' : 'card-hot'}
        actions={<a href={href('/audit')} class="link-small" data-testid="dash-audit-link">{t('nav.audit')} →</a>}>
        <div data-testid="dash-audit" data-ok={String(a.ok)}>
          <p class={a.ok ? 'notice notice-ok' : 'notice notice-error'} role="status">
            <strong>{a.ok ? t('audit.verified', { n: a.entries }) : t('audit.broken', { seq: a.first_bad ?? '?', reason: tx('audit.reason', a.reason) })}</strong>
          </p>
          <p class="rowmeta">
            {a.last_anchor
              ? t('audit.last_anchor', { seq: a.last_anchor.seq, when: fmtDateTime(a.last_anchor.at) })
              : t('audit.no_anchor')}
          </p>
          <h3 class="h-small">{t('dash.recent_access')}</h3>
          {a.recent_access.length === 0 ? <p class="empty">{t('access.empty')}</p> : (
            <ul class="rowlist compact" data-testid="dash-access">
              {a.recent_access.map((x, i) => (
                <li key={i}>
                  <a href={href('/sras/' + x.sra_id + '/access')}>{t('dash.access_row', { who: x.user_name, kind: tx('access_kind', x.kind) })}</a>
                  <span class="rowmeta">{fmtDateTime(x.at)}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </Card>,
    );
  }

  if (cards.length === 0) return null;
  return (
    <section class="today" aria-label={t('dash.today')} data-testid="dash-today">
      <h2 class="visually-hidden">{t('dash.today')}</h2>
      <div class="today-grid">{cards}</div>
    </section>
  );
}
