// Dashboard cards for the decisions that rest on the SRA: the first page of overdue compliance
// items, and the unread changes that concern the user (a clearance leg decided again, an activity's
// acceptable-risk decision changed), each with a link to the object and "mark as read".
import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../api';
import { fmtDate, fmtDateTime, t } from '../i18n';
import { href } from '../router';
import { areaName, useApp } from '../state';
import { daysUntil } from '../domain';
import { Card, ErrorBox, Loading } from '../components/ui';
import type { ComplianceItem, Notification } from '../types';
import type { Page } from '../useList';
import { notificationCause, notificationLink, notificationRule, notificationText, useProgrammeNames } from '../notifications';

const OVERDUE_LIMIT = 5;
const CHANGES_LIMIT = 8;

type OverdueItem = ComplianceItem;

export function OverdueCard() {
  const app = useApp();
  const [page, setPage] = useState<Page<OverdueItem> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => {
    setError(null);
    get<Page<OverdueItem>>('/compliance/items?overdue=true&limit=' + OVERDUE_LIMIT).then(setPage).catch(setError);
  };
  useEffect(load, []);
  const more = page && (page.total ?? 0) > page.items.length;
  return (
    <Card title={t('dash.overdue_items')}
      actions={<a href={href('/compliance?tab=overdue')} class="link-small">{t('nav.compliance')} →</a>}>
      {error ? <ErrorBox error={error} onRetry={load} /> : !page ? <Loading /> : page.items.length === 0 ? (
        <p class="empty">{t('cmp.overdue_empty')}</p>
      ) : (
        <>
          <ul class="rowlist" data-testid="dash-overdue">
            {page.items.map((it) => (
              <li key={it.id} class="overdue" data-item={it.id}>
                <a href={href('/compliance?tab=overdue')}>{it.requirement}</a>
                <span class="rowmeta">
                  {it.location_name} · {areaName(app, it.area_id)} · {fmtDate(it.due_date)} ·{' '}
                  <strong>{t('dash.overdue_by', { n: Math.max(1, -daysUntil(it.due_date)) })}</strong>
                </span>
              </li>
            ))}
          </ul>
          {more && <p class="muted">{t('list.count', { shown: page.items.length, total: page.total ?? 0 })}</p>}
        </>
      )}
    </Card>
  );
}

type Ntf = Notification;

export function ChangesCard() {
  const app = useApp();
  const [page, setPage] = useState<Page<Ntf> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [markError, setMarkError] = useState<unknown>(null);
  const load = () => {
    setError(null);
    get<Page<Ntf>>('/notifications?unread=true&limit=' + CHANGES_LIMIT).then(setPage).catch(setError);
  };
  useEffect(load, []);
  const programmes = useProgrammeNames(page?.items);
  const markRead = async (n: Ntf) => {
    setMarkError(null);
    try {
      await post('/notifications/' + encodeURIComponent(n.id) + '/read');
      const left = page ? page.items.filter((x) => x.id !== n.id) : [];
      const total = Math.max(0, (page?.total ?? 1) - 1);
      // The last one shown was read and more are waiting: fetch the next ones.
      if (left.length === 0 && total > 0) load();
      else setPage(page ? { ...page, items: left, total } : page);
    } catch (e) {
      setMarkError(e);
    }
  };
  const more = page && (page.total ?? 0) > page.items.length;
  return (
    <Card title={t('dash.changes')} class="card-changes">
      {markError ? <ErrorBox error={markError} /> : null}
      {error ? <ErrorBox error={error} onRetry={load} /> : !page || !programmes ? <Loading /> : page.items.length === 0 ? (
        <p class="empty">{t('dash.changes_empty')}</p>
      ) : (
        <>
          <ul class="rowlist" data-testid="dash-changes">
            {page.items.map((n) => {
              const text = notificationText(app, n, programmes);
              const rule = notificationRule(n);
              const cause = notificationCause(n);
              return (
                <li key={n.id} data-notification={n.id} data-type={n.type} data-after={n.detail?.after ?? ''}>
                  <span>
                    <a href={href(notificationLink(n))}>{text}</a>
                    <span class="rowmeta">
                      {rule ? ' ' + rule + ' ·' : ''}
                      {cause ? ' ' + cause + ' ·' : ''} {fmtDateTime(n.created_at)}
                    </span>
                  </span>
                  <button type="button" class="btn btn-small" onClick={() => markRead(n)} data-mark-read={n.id}>
                    {t('clr.mark_read')}
                    <span class="visually-hidden">: {text}</span>
                  </button>
                </li>
              );
            })}
          </ul>
          {more && <p class="muted">{t('list.count', { shown: page.items.length, total: page.total ?? 0 })}</p>}
        </>
      )}
    </Card>
  );
}
