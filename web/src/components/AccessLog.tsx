// The access log of an SRA (issue 17): who read it, downloaded its document or register, or
// exported it, when and from where; newest first, paged by the server, filtered by kind, person
// and dates. Shown to those the server lets read it (its owners, the DSS desk, auditors); the tab
// is offered by mayReadAccessLog, and the server's 403 is shown as such should the two disagree.
import { useState } from 'preact/hooks';
import { fmtDateTime, t, tx } from '../i18n';
import { useList } from '../useList';
import type { AccessLogEntry, Sra, User } from '../types';
import { ErrorBox, Loading } from './ui';
import { LoadMore } from './LoadMore';

const KINDS = ['read', 'document', 'register', 'export'] as const;

/** Mirrors domain/access_log_rule.h for the tab: auditors, the DSS desk, and the security
 * professionals (or designates) of the SRA's organization. The server decides. */
export function mayReadAccessLog(user: User, sra: Pick<Sra, 'organization_id'>): boolean {
  return user.grants.some(
    (g) =>
      g.role === 'auditor' ||
      g.role === 'dss_desk' ||
      ((g.role === 'security_professional' || g.role === 'sra_designate') && !!sra.organization_id && user.organization_id === sra.organization_id),
  );
}

export function AccessLog({ id }: { id: string }) {
  const [kind, setKind] = useState('');
  const [userId, setUserId] = useState('');
  const [userName, setUserName] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const q = new URLSearchParams();
  if (kind) q.set('kind', kind);
  if (userId) q.set('user_id', userId);
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  const query = q.toString();
  const list = useList<AccessLogEntry>('/sras/' + id + '/access-log' + (query ? '?' + query : ''), 50);

  return (
    <section class="card access-log" data-testid="access-log">
      <h2>{t('access.title')}</h2>
      <p class="muted">{t('access.intro')}</p>
      <div class="filters access-filters">
        <label>
          {t('access.kind')}
          <select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value)} data-testid="access-kind">
            <option value="">{t('access.all_kinds')}</option>
            {KINDS.map((k) => <option key={k} value={k}>{tx('access_kind', k)}</option>)}
          </select>
        </label>
        <label>
          {t('access.from')}
          <input type="date" value={from} onChange={(e) => setFrom((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          {t('access.to')}
          <input type="date" value={to} onChange={(e) => setTo((e.target as HTMLInputElement).value)} />
        </label>
        {userId && (
          <button type="button" class="btn btn-small" onClick={() => { setUserId(''); setUserName(''); }} data-testid="access-clear-user">
            {t('access.clear_user', { name: userName })}
          </button>
        )}
      </div>
      {list.error ? <ErrorBox error={list.error} onRetry={list.reload} /> : !list.items ? <Loading /> : list.items.length === 0 ? (
        <p class="empty">{t('access.empty')}</p>
      ) : (
        <ul class="access-rows" data-testid="access-rows">
          {list.items.map((e) => (
            <li key={e.batch_id + '/' + e.request_id + '/' + e.at} class="access-row" data-kind={e.kind}>
              <time dateTime={e.at}>{fmtDateTime(e.at)}</time>
              <button type="button" class="linkish" title={t('access.only_user')} onClick={() => { setUserId(e.user_id); setUserName(e.user_name); }}>
                {e.user_name}
              </button>
              <span class="chip">{tx('access_kind', e.kind)}</span>
              <span class="access-what">
                {t('access.what', { version: e.version, format: e.format.toUpperCase() })}
                {e.resource ? ' · ' + tx('access_resource', e.resource) : ''}
              </span>
              <span class="muted access-from">{e.client_addr ? t('access.from_addr', { addr: e.client_addr }) : t('access.console')}</span>
            </li>
          ))}
        </ul>
      )}
      <LoadMore list={list} />
    </section>
  );
}
