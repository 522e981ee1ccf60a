// The action plan (issue 16; 002 § 49 b-d, g): model 1 and the category 1 ("no-regret")
// recommendations, the items already under way and those needing further study, each with its lead,
// milestones, status and evidence links to things in the product (a published price list, a fund
// request, an SLA, a governance decision). The progress view sums them by category; CSV/Excel from
// the server's list export. The governance secretariat keeps it; everybody signed in reads it.
import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../api';
import { fmtDate, t, tx } from '../i18n';
import { href } from '../router';
import { useApp } from '../state';
import { hasRole } from '../domain';
import type { components } from '../generated/api';
import { Card, ErrorBox, FormError, Loading, fieldErrors, type Errors } from '../components/ui';
import { ExportButtons } from '../components/ExportButtons';
import { LoadMore } from '../components/LoadMore';
import { FilterDate, FilterSelect, ListFilters, SortHeader } from '../components/ListControls';
import { useList } from '../useList';
import { useListView, withView } from '../listView';
import { EvidenceForm, MilestoneForm } from './ActionPlanForms';

type Item = components['schemas']['ActionPlanItem'];
type Progress = components['schemas']['ActionPlanProgress'];
type Evidence = components['schemas']['ActionEvidence'];

const STATUSES = ['not_started', 'in_progress', 'blocked', 'done'] as const;
const CATEGORIES = ['no_regret', 'under_way', 'further_study'] as const;
// The items table's view (kept in the address bar), also the query parameters of
// GET /api/v1/action-plan/items: the server searches (code, title, lead), filters and sorts.
const ITEM_VIEW = ['q', 'category', 'status', 'due_from', 'due_to', 'sort'] as const;

function evidenceHref(e: Evidence): string {
  if (e.kind === 'price_list') return href('/services');
  if (e.kind === 'fund_request') return href('/fund');
  if (e.kind === 'sla') return href('/slas');
  return href('/governance');
}

function Bar({ percent, label }: { percent: number; label: string }) {
  return (
    <span class="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-label={label}>
      <span class="progress-fill" style={{ width: percent + '%' }} />
      <span class="progress-text">{percent}%</span>
    </span>
  );
}

function ItemDetail({ id, secretariat, onChange }: { id: string; secretariat: boolean; onChange: (i: Item) => void }) {
  const [item, setItem] = useState<Item | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [errors, setErrors] = useState<Errors>({});
  useEffect(() => { get<Item>('/action-plan/items/' + id).then(setItem, setError); }, [id]);
  const act = async (path: string, payload?: unknown) => {
    setErrors({});
    try {
      const changed = await post<Item>(path, payload);
      setItem(changed);
      onChange(changed);
    } catch (e) {
      setErrors(fieldErrors(e));
    }
  };
  const saved = (i: Item) => { setItem(i); onChange(i); };
  if (error) return <ErrorBox error={error} />;
  if (!item) return <Loading />;
  return (
    <div class="ap-detail" data-testid="ap-detail">
      <FormError errors={errors} />
      <p class="muted">{item.source} · {t('ap.lead')}: {item.lead}</p>
      {secretariat && (
        <label>
          {t('ap.status')}{' '}
          <select data-testid="ap-status" value={item.status}
            onChange={(e) => act('/action-plan/items/' + item.id + '/status', { status: (e.target as HTMLSelectElement).value })}>
            {STATUSES.map((s) => <option key={s} value={s}>{tx('ap.st', s)}</option>)}
          </select>
        </label>
      )}
      <h3>{t('ap.milestones')}</h3>
      {item.milestones.length === 0 && <p class="empty">{t('ap.no_milestones')}</p>}
      <ul class="rowlist" data-testid="ap-milestones">
        {item.milestones.map((m) => (
          <li key={m.id}>
            {m.done_on ? '✓ ' : ''}{m.title}
            <span class="rowmeta">
              {fmtDate(m.due_on)}{m.done_on ? ' · ' + t('gv.done_on', { date: fmtDate(m.done_on) }) : ''}
              {!m.done_on && secretariat && item.status !== 'done' && (
                <button class="btn btn-small" onClick={() => act('/action-plan/items/' + item.id + '/milestones/' + m.id + '/complete')}>
                  {t('gv.mark_done')}
                </button>
              )}
            </span>
          </li>
        ))}
      </ul>
      {secretariat && item.status !== 'done' && <MilestoneForm item={item} onSaved={saved} />}
      <h3>{t('ap.evidence')}</h3>
      {item.evidence.length === 0 && <p class="empty">{t('ap.no_evidence')}</p>}
      <ul class="rowlist" data-testid="ap-evidence">
        {item.evidence.map((e) => (
          <li key={e.kind + e.target_id}>
            <a href={evidenceHref(e)}>{tx('ap.ev', e.kind)}</a> <code>{e.target_id}</code>
            <span class="rowmeta">{e.note}</span>
          </li>
        ))}
      </ul>
      {secretariat && <EvidenceForm item={item} onSaved={saved} />}
    </div>
  );
}

export function ActionPlan() {
  const app = useApp();
  const secretariat = hasRole(app.user, 'governance') || hasRole(app.user, 'admin');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<string | null>(null);
  const view = useListView('/action-plan', ITEM_VIEW);
  const itemsPath = withView('/action-plan/items', view.query);
  const items = useList<Item>(itemsPath);
  const load = () => get<Progress>('/action-plan/progress').then(setProgress, setError);
  useEffect(() => { load(); }, []);
  // An item changed in its detail: the row shows it in place, the progress by category is read again.
  const changed = (i: Item) => { items.update((all) => all.map((x) => (x.id === i.id ? i : x))); load(); };
  return (
    <div>
      <div class="page-head">
        <div>
          <h1>{t('ap.title')}</h1>
          <p class="muted">{t('ap.intro')}</p>
        </div>
      </div>
      <ErrorBox error={error} onRetry={load} />
      {!progress && !error && <Loading />}
      {progress && (
        <>
          <Card title={t('ap.progress')}>
            <p data-testid="ap-overall">{t('ap.overall')} <Bar percent={progress.percent} label={t('ap.overall')} /></p>
            <ul class="rowlist" data-testid="ap-categories">
              {progress.categories.map((c) => (
                <li key={c.category} data-category={c.category}>
                  <strong>{tx('ap.cat', c.category)}</strong> <Bar percent={c.percent} label={tx('ap.cat', c.category)} />
                  <span class="rowmeta">
                    {t('ap.counts', { items: c.items, done: c.done, overdue: c.overdue, blocked: c.blocked })}
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        </>
      )}
      <ListFilters view={view} id="ap">
        <FilterSelect view={view} id="ap" name="category" label={t('ap.category')}
          options={CATEGORIES.map((c) => ({ value: c, label: tx('ap.cat', c) }))} />
        <FilterSelect view={view} id="ap" name="status" label={t('ap.status')}
          options={STATUSES.map((s) => ({ value: s, label: tx('ap.st', s) }))} />
        <FilterDate view={view} id="ap" name="due_from" label={t('lf.due_from')} />
        <FilterDate view={view} id="ap" name="due_to" label={t('lf.due_to')} />
      </ListFilters>
      <ErrorBox error={items.error} onRetry={items.reload} />
      {!items.items && !items.error && <Loading />}
      {items.items && items.items.length === 0 && <p class="empty" data-testid="ap-none">{t('lf.no_match')}</p>}
      {items.items && items.items.length > 0 && <ExportButtons path={itemsPath} testid="ap-export" />}
      {items.items && items.items.length > 0 && (
        <div class="table-wrap">
          <table class="table" data-testid="ap-items">
            <thead>
              <tr>
                <SortHeader view={view} sortKey="code" label={t('ap.item')} /><th>{t('ap.category')}</th><th>{t('ap.lead')}</th>
                <th>{t('ap.status')}</th><SortHeader view={view} sortKey="due" label={t('ap.due')} />
                <th class="bar-col">{t('ap.progress')}</th>
              </tr>
            </thead>
            <tbody>
              {items.items.map((i) => [
                <tr key={i.id} data-code={i.code} class={'ap-' + i.progress.state}>
                  <td>
                    <button class="linklike" aria-expanded={open === i.id} onClick={() => setOpen(open === i.id ? null : i.id)}>
                      {i.title}
                    </button>
                    <div class="muted">{i.code} · {t('ap.evidence_n', { n: i.evidence.length })}</div>
                  </td>
                  <td>{tx('ap.cat', i.category)}</td>
                  <td>{i.lead}</td>
                  <td>{tx('ap.st', i.status)}{i.progress.state === 'overdue' ? ' · ' + t('ap.overdue') : ''}</td>
                  <td>{i.due_on ? fmtDate(i.due_on) : ''}</td>
                  <td class="bar-col"><Bar percent={i.progress.percent} label={i.title} /></td>
                </tr>,
                open === i.id && (
                  <tr key={i.id + '-detail'}>
                    <td colSpan={6}><ItemDetail id={i.id} secretariat={secretariat} onChange={changed} /></td>
                  </tr>
                ),
              ])}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={items} />
    </div>
  );
}
