// MOSS and RSM: the approved measures of the published SRA by category, compliance items per
import { ExportButtons } from '../components/ExportButtons';
// office and residence (evidence, status, due date, owner), rates per area and organization, and
// the overdue items.
import { useEffect, useState } from 'preact/hooks';
import { get, put } from '../api';
import { fmtDate, t, tx } from '../i18n';
import { areaName, orgName, useApp } from '../state';
import { ErrorBox, Loading } from '../components/ui';
import type { ComplianceItem, ComplianceRate, Moss } from '../types';
import { LoadMore } from '../components/LoadMore';
import { useList } from '../useList';
import { useTypedGuard } from '../leaveGuard';
import { useListView, withView } from '../listView';
import { FilterDate, FilterSelect, ListFilters, SortHeader } from '../components/ListControls';

type Item = ComplianceItem;
type Rate = ComplianceRate;

const STATUSES = ['open', 'in_progress', 'compliant', 'non_compliant', 'not_applicable'];

function pct(r: number | null): string {
  return r === null ? '—' : Math.round(r * 100) + ' %';
}

export function Compliance() {
  const app = useApp();
  // #/compliance?tab=overdue (the dashboard's link) opens on that tab.
  const asked = new URLSearchParams(location.hash.split('?')[1] ?? '').get('tab');
  const [tab, setTab] = useState<'items' | 'overdue' | 'rates' | 'moss'>(
    asked === 'overdue' || asked === 'rates' || asked === 'moss' ? asked : 'items',
  );
  const itemsView = useListView('/compliance', ITEMS_VIEW);  // The export takes the view's filters
  return (
    <div>
      <div class="page-head">
        <div>
          <h1>{t('cmp.title')}</h1>
          <p class="muted">{t('cmp.intro')}</p>
        </div>
        {(tab === 'items' || tab === 'overdue') && (
          <ExportButtons path={withView('/compliance/items' + (tab === 'overdue' ? '?overdue=true' : ''), itemsView.query)} />
        )}
      </div>
      <div class="tabs" role="tablist">
        {(['items', 'overdue', 'rates', 'moss'] as const).map((k) => (
          <button type="button" role="tab" key={k} aria-selected={tab === k} class={'btn btn-small' + (tab === k ? ' btn-primary' : '')}
            data-tab={k} onClick={() => setTab(k)}>
            {t(('cmp.tab_' + k) as 'cmp.tab_items')}
          </button>
        ))}
      </div>
      {tab === 'items' && <Items overdue={false} />}
      {tab === 'overdue' && <Items overdue={true} />}
      {tab === 'rates' && <Rates />}
      {tab === 'moss' && <MossView areaId={app.areas[0]?.id ?? ''} />}
    </div>
  );
}

// The view's keys, also the query parameters of GET /api/v1/compliance/items.
const ITEMS_VIEW = ['q', 'status', 'area_id', 'due_from', 'due_to', 'sort'] as const;

function Items({ overdue }: { overdue: boolean }) {
  const app = useApp();
  const view = useListView('/compliance', ITEMS_VIEW);
  const list = useList<Item>(withView('/compliance/items' + (overdue ? '?overdue=true' : ''), view.query), 200);
  const { items, error } = list;
  const [editing, setEditing] = useState<string>('');
  const [status, setStatus] = useState('open');
  const [evidence, setEvidence] = useState('');
  const [comment, setComment] = useState('');
  const [saveError, setSaveError] = useState<unknown>(null);
  // Evidence or a comment typed on the item being updated is asked about before the page is left.
  useTypedGuard(!!editing && !!(evidence.trim() || comment.trim()));
  const save = async (it: Item) => {
    setSaveError(null);
    try {
      const saved = await put<Item>('/compliance/items/' + it.id, {
        status,
        evidence: evidence || undefined,
        comment: comment || undefined,
        revision: it.revision,
      });
      setEditing('');
      // The overdue view is a filter the change may leave: read it again. The full list keeps
      // its pages and shows the saved item in place.
      if (overdue) list.reload();
      else list.update((xs) => xs.map((x) => (x.id === saved.id ? saved : x)));
    } catch (e) {
      setSaveError(e);
    }
  };
  const filters = (
    <ListFilters view={view} id="compliance">
      <FilterSelect view={view} id="compliance" name="status" label={t('cmp.status')}
        options={STATUSES.map((s) => ({ value: s, label: tx('cst', s) }))} />
      <FilterSelect view={view} id="compliance" name="area_id" label={t('lf.area')}
        options={app.areas.map((a) => ({ value: a.id, label: areaName(app, a.id) }))} />
      <FilterDate view={view} id="compliance" name="due_from" label={t('lf.due_from')} />
      <FilterDate view={view} id="compliance" name="due_to" label={t('lf.due_to')} />
    </ListFilters>
  );
  // The filter bar stays at one place in the tree whatever the list shows, so what is typed in it
  // before the list arrives is kept (it was drawn again, empty, when the rows came).
  const today = new Date().toISOString().slice(0, 10);
  return (
    <>
      {filters}
      {error ? <ErrorBox error={error} onRetry={list.reload} /> : !items ? <Loading /> : items.length === 0 ? (
        <p class="empty">{view.active ? t('lf.no_match') : overdue ? t('cmp.overdue_empty') : t('cmp.empty')}</p>
      ) : (
    <div class="table-wrap">
      <table class="table" data-testid={overdue ? 'compliance-overdue' : 'compliance-items'}>
        <thead>
          <tr>
            <SortHeader view={view} sortKey="location" label={t('cmp.location')} />
            <th scope="col">{t('cmp.requirement')}</th>
            <th scope="col">{t('cmp.category')}</th>
            <SortHeader view={view} sortKey="due" label={t('cmp.due')} />
            <th scope="col">{t('cmp.owner')}</th>
            <th scope="col">{t('cmp.status')}</th>
            <th scope="col"><span class="visually-hidden">{t('common.edit')}</span></th>
          </tr>
        </thead>
        <tbody>
          {items.map((it) => (
            <tr key={it.id} data-item={it.id}>
              <th scope="row">
                {it.location_name}
                <span class="rowmeta"> · {tx('lockind', it.location_kind)} · {areaName(app, it.area_id)} · {orgName(app, it.organization_id)}</span>
              </th>
              <td>
                {it.requirement}
                {it.evidence.length > 0 && <p class="rowmeta">{t('cmp.evidence')}: {it.evidence[it.evidence.length - 1].text}</p>}
              </td>
              <td>{tx('moss', it.moss_category)}</td>
              <td class={it.due_date < today && it.status !== 'compliant' && it.status !== 'not_applicable' ? 'overdue' : ''}>
                {fmtDate(it.due_date)}
              </td>
              <td>{it.owner}</td>
              <td><span class={'chip cst-' + it.status} data-item-status={it.status}>{tx('cst', it.status)}</span></td>
              <td>
                {editing === it.id ? (
                  <div class="decide">
                    {saveError ? <ErrorBox error={saveError} /> : null}
                    <label for={'st-' + it.id}>{t('cmp.status')}</label>
                    <select id={'st-' + it.id} value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value)}>
                      {STATUSES.map((s) => <option value={s} key={s}>{tx('cst', s)}</option>)}
                    </select>
                    <label for={'ev-' + it.id}>{t('cmp.evidence')}</label>
                    <input id={'ev-' + it.id} value={evidence} onInput={(e) => setEvidence((e.target as HTMLInputElement).value)} />
                    <label for={'cm-' + it.id}>{t('clr.comment')}</label>
                    <input id={'cm-' + it.id} value={comment} onInput={(e) => setComment((e.target as HTMLInputElement).value)} />
                    <div class="actions">
                      <button type="button" class="btn btn-primary btn-small" onClick={() => save(it)}>{t('common.save')}</button>
                      <button type="button" class="btn btn-small" onClick={() => setEditing('')}>{t('common.cancel')}</button>
                    </div>
                  </div>
                ) : (
                  <button type="button" class="btn btn-small" data-edit-item={it.id}
                    onClick={() => { setEditing(it.id); setStatus(it.status); setEvidence(''); setComment(''); setSaveError(null); }}>
                    {t('cmp.update')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <LoadMore list={list} />
    </div>
      )}
    </>
  );
}

function Rates() {
  const [by, setBy] = useState<'area' | 'organization'>('area');
  const list = useList<Rate>('/compliance/rates?group_by=' + by);
  const { items, error } = list;
  return (
    <div>
      <label>
        {t('cmp.group_by')}{' '}
        <select value={by} onChange={(e) => setBy((e.target as HTMLSelectElement).value as 'area')} data-testid="rates-by">
          <option value="area">{t('cmp.by_area')}</option>
          <option value="organization">{t('cmp.by_org')}</option>
        </select>
      </label>
      {error ? <ErrorBox error={error} onRetry={list.reload} /> : !items ? <Loading /> : items.length === 0 ? (
        <p class="empty">{t('cmp.empty')}</p>
      ) : (
        <>
        <table class="table" data-testid="compliance-rates">
          <thead>
            <tr>
              <th scope="col">{by === 'area' ? t('clr.area') : t('clr.organization')}</th>
              <th scope="col" class="num">{t('cmp.rate')}</th>
              <th scope="col" class="num">{t('cmp.compliant')}</th>
              <th scope="col" class="num">{t('cmp.applicable')}</th>
              <th scope="col" class="num">{t('cmp.overdue')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.area_id ?? r.organization_id}>
                <th scope="row">{r.name}</th>
                <td class="num">{pct(r.rate)}</td>
                <td class="num">{r.compliant}</td>
                <td class="num">{r.applicable}</td>
                <td class="num">{r.overdue}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <LoadMore list={list} />
        </>
      )}
    </div>
  );
}

function MossView({ areaId }: { areaId: string }) {
  const app = useApp();
  const [area, setArea] = useState(areaId);
  const [m, setM] = useState<Moss | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => {
    setError(null);
    setM(null);
    get<Moss>('/moss?area_id=' + encodeURIComponent(area)).then(setM).catch(setError);
  };
  useEffect(load, [area]);
  // Open on an area that has a published SRA (the first one otherwise): an empty MOSS page helps nobody.
  useEffect(() => {
    get<{ items: { id: string; published_sra_id?: string | null }[] }>('/areas?with=risk')
      .then((r) => {
        const withSra = r.items.find((a) => a.published_sra_id);
        if (withSra && withSra.id !== area) setArea(withSra.id);
      })
      .catch(() => undefined);
  }, []);
  const groups = m ? [...m.moss, m.rsm] : [];
  return (
    <div>
      <label>
        {t('clr.area')}{' '}
        <select value={area} onChange={(e) => setArea((e.target as HTMLSelectElement).value)} data-testid="moss-area">
          {app.areas.map((a) => <option value={a.id} key={a.id}>{a.name}</option>)}
        </select>
      </label>
      {error ? <ErrorBox error={error} onRetry={load} /> : !m ? <Loading /> : m.sources.length === 0 ? (
        <p class="empty">{t('cmp.no_sra')}</p>
      ) : (
        <div class="grid-2" data-testid="moss">
          {groups.filter((g) => g.measures.length > 0).map((g) => (
            <section class="card" key={g.category} data-moss-category={g.category}>
              <h2>{tx('moss', g.category)}{g.category === 'residential' ? ' (RSM)' : ''}</h2>
              <ul class="rowlist compact">
                {g.measures.map((x) => (
                  <li key={x.measure_id}>
                    <span>{x.description}</span>
                    <span class="chip">{tx('mstatus', x.status)}</span>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </div>
  );
}
