// Services & prices (SRM-METHOD.md §8, issue 15): the results chain — the catalog of security
// services delivered by DSS, by agency security professionals or jointly — and the universal price
// list of each year, with its regional factors, its arrangements for entities outside the core
// framework, and the difference between two versions. The security governance group publishes a
// draft (never its own) or starts a new version of a published list; every table exports as CSV.
import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../api';
import { fmtDate, t, tx } from '../i18n';
import { useApp } from '../state';
import { countryName, personName } from '../names';
import { hasRole } from '../domain';
import { fmtMinor } from '../money';
import type { components } from '../generated/api';
import { ErrorBox, Loading } from '../components/ui';
import { ExportButtons } from '../components/ExportButtons';
import { LoadMore } from '../components/LoadMore';
import { useList } from '../useList';

type Service = components['schemas']['SecurityService'];
type PriceList = components['schemas']['PriceList'];
type PriceListSummary = components['schemas']['PriceListSummary'];
type PriceListDiff = components['schemas']['PriceListDiff'];

/** One CSV file from rows of cells (RFC 4180 quoting), downloaded under `name`. */
function downloadCsv(name: string, rows: (string | number)[][]) {
  const text = rows
    .map((r) => r.map((c) => { const s = String(c); return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; }).join(','))
    .join('\r\n');
  const url = URL.createObjectURL(new Blob([text + '\r\n'], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Minor units as a plain decimal for CSV (123456 -> 1234.56), without floating point. */
function minorCsv(n: number): string {
  const d = String(Math.abs(n)).padStart(3, '0');
  return (n < 0 ? '-' : '') + d.slice(0, -2) + '.' + d.slice(-2);
}

/** 1150 -> "1.150". */
function permille(n: number): string {
  return Math.trunc(n / 1000) + '.' + String(n % 1000).padStart(3, '0');
}

/** Whether the user drafted or edited the list: then another member of the group publishes it. */
function touched(l: PriceList, userId: string): boolean {
  return l.drafted_by.id === userId || l.editors.some((e) => e.id === userId);
}

function listLabel(l: PriceListSummary): string {
  return t('svc.list_label', { year: l.year, version: l.version, status: tx('svc.st', l.status) });
}

export function Services() {
  const app = useApp();
  const services = useList<Service>('/services', 200);
  const lists = useList<PriceListSummary>('/price-lists', 200);
  const [selected, setSelected] = useState('');
  const [against, setAgainst] = useState('');
  const [list, setList] = useState<PriceList | null>(null);
  const [diff, setDiff] = useState<PriceListDiff | null>(null);
  const [error, setError] = useState<unknown>(null);
  const governance = hasRole(app.user, 'governance');

  // The newest published list is shown first.
  useEffect(() => {
    if (!selected && lists.items && lists.items.length > 0)
      setSelected((lists.items.find((l) => l.status === 'published') ?? lists.items[0]).id);
  }, [lists.items]);
  useEffect(() => {
    if (!selected) return;
    setList(null);
    get<PriceList>('/price-lists/' + selected).then(setList, setError);
  }, [selected]);
  useEffect(() => {
    setDiff(null);
    if (!selected || !against) return;
    get<PriceListDiff>(`/price-lists/${selected}/diff?against=${encodeURIComponent(against)}`).then(setDiff, setError);
  }, [selected, against]);

  const names = new Map((services.items ?? []).map((s) => [s.code, s.name] as const));
  const catalog = [...(services.items ?? [])].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const act = async (fn: () => Promise<PriceList>) => {
    setError(null);
    try {
      const l = await fn();
      lists.reload();
      setSelected(l.id);
      setList(l);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div>
      <div class="page-head">
        <div>
          <h1>{t('svc.title')}</h1>
          <p class="muted">{t('svc.intro')}</p>
        </div>
      </div>
      <ErrorBox error={error} />

      <section class="card">
        <header class="card-head">
          <h2>{t('svc.catalog')}</h2>
          {services.items && <ExportButtons path="/services" testid="services-export" />}
        </header>
        <ErrorBox error={services.error} />
        {!services.items && !services.error && <Loading />}
        {services.items && (
          <div class="table-wrap">
            <table class="table" data-testid="services">
              <thead>
                <tr>
                  <th scope="col">{t('svc.code')}</th>
                  <th scope="col">{t('svc.name')}</th>
                  <th scope="col">{t('svc.provider')}</th>
                  <th scope="col">{t('svc.unit')}</th>
                  <th scope="col">{t('svc.funding')}</th>
                  <th scope="col" class="num">{t('svc.version')}</th>
                </tr>
              </thead>
              <tbody>
                {catalog.map((s) => (
                  <tr key={s.id}>
                    <th scope="row" style={{ whiteSpace: 'nowrap' }}><code>{s.code}</code></th>
                    <td>{s.name}<div class="muted small">{s.description}</div></td>
                    <td>{tx('svc.provider', s.provider)}</td>
                    <td>{s.unit}</td>
                    <td>{tx('svc.fund', s.funding_source)}</td>
                    <td class="num">{s.version}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <LoadMore list={services} />
      </section>

      <section class="card">
        <header class="card-head">
          <h2>{t('svc.prices')}</h2>
          {lists.items && lists.items.length > 0 && <ExportButtons path="/price-lists" testid="price-lists-export" />}
        </header>
        <ErrorBox error={lists.error} />
        {lists.items && lists.items.length === 0 && <p class="empty">{t('svc.no_lists')}</p>}
        {lists.items && lists.items.length > 0 && (
          <div class="row-2">
            <label style={{ minWidth: 0 }}>
              {t('svc.list')}
              <select data-testid="price-list-select" style={{ width: '100%' }} value={selected} onChange={(e) => { setSelected((e.target as HTMLSelectElement).value); setAgainst(''); }}>
                {lists.items.map((l) => <option key={l.id} value={l.id}>{listLabel(l)}</option>)}
              </select>
            </label>
            <label style={{ minWidth: 0 }}>
              {t('svc.compare')}
              <select data-testid="price-list-against" style={{ width: '100%' }} value={against} onChange={(e) => setAgainst((e.target as HTMLSelectElement).value)}>
                <option value="">{t('svc.compare_none')}</option>
                {lists.items.filter((l) => l.id !== selected).map((l) => <option key={l.id} value={l.id}>{listLabel(l)}</option>)}
              </select>
            </label>
          </div>
        )}
        {selected && !list && <Loading />}
        {list && (
          <div data-testid="price-list">
            <p class="muted">
              {t('svc.meta', { currency: list.currency, drafted: personName(list.drafted_by) })}
              {list.published_by && list.published_at && ' ' + t('svc.published_meta', { by: personName(list.published_by), on: fmtDate(list.published_at) })}
              {list.note && <> — {list.note}</>}
            </p>
            {governance && list.status === 'draft' && !touched(list, app.user.id) && (
              <button type="button" class="btn btn-primary" data-testid="price-list-publish"
                onClick={() => act(() => post<PriceList>(`/price-lists/${list.id}/publish`, { revision: list.revision }))}>
                {t('svc.publish')}
              </button>
            )}
            {governance && list.status === 'draft' && touched(list, app.user.id) && <p class="muted">{t('svc.own_draft')}</p>}
            {(governance || hasRole(app.user, 'admin')) && list.status === 'published' && (
              <button type="button" class="btn" data-testid="price-list-new-version"
                onClick={() => act(() => post<PriceList>('/price-lists', { from_id: list.id }))}>
                {t('svc.new_version')}
              </button>
            )}
            <header class="card-head">
              <h3>{t('svc.items')}</h3>
              <ExportButtons path={'/price-lists/' + list.id} testid="price-list-export" />
            </header>
            <div class="table-wrap">
              <table class="table" data-testid="price-items">
                <thead>
                  <tr>
                    <th scope="col">{t('svc.code')}</th>
                    <th scope="col">{t('svc.name')}</th>
                    <th scope="col" class="num">{t('svc.unit_price')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((i) => (
                    <tr key={i.service_code}>
                      <th scope="row" style={{ whiteSpace: 'nowrap' }}><code>{i.service_code}</code></th>
                      <td>{names.get(i.service_code) ?? ''}</td>
                      <td class="num">{fmtMinor(i.unit_price_minor, list.currency)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <header class="card-head">
              <h3>{t('svc.factors')}</h3>
              <button type="button" class="btn" onClick={() => downloadCsv(`price-list-${list.year}-v${list.version}-factors.csv`, [
                ['kind', 'key', 'factor', 'note'],
                ...list.regional_factors.map((f) => ['country', f.country_id, permille(f.factor_permille), '']),
                ...list.arrangements.map((a) => ['organization_class', a.organization_class, permille(a.factor_permille), a.note]),
              ])}>{t('svc.csv')}</button>
            </header>
            <div class="table-wrap">
              <table class="table" data-testid="price-factors">
                <thead>
                  <tr>
                    <th scope="col">{t('svc.applies_to')}</th>
                    <th scope="col" class="num">{t('svc.factor')}</th>
                    <th scope="col">{t('svc.note')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.regional_factors.map((f) => (
                    <tr key={'c' + f.country_id}>
                      <th scope="row">{t('svc.country', { id: countryName(f.country_name) })}</th>
                      <td class="num">× {permille(f.factor_permille)}</td>
                      <td />
                    </tr>
                  ))}
                  {list.arrangements.map((a) => (
                    <tr key={'a' + a.organization_class}>
                      <th scope="row">{tx('svc.class', a.organization_class)}</th>
                      <td class="num">× {permille(a.factor_permille)}</td>
                      <td>{a.note}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        )}
        {against && !diff && <Loading />}
        {diff && list && (
          <div data-testid="price-diff">
            <header class="card-head">
              <h3>{t('svc.diff')}</h3>
              <button type="button" class="btn" onClick={() => downloadCsv(`price-list-diff.csv`, [
                ['change', 'service_code', 'from', 'to'],
                ...diff.added.map((i) => ['added', i.service_code, '', minorCsv(i.unit_price_minor)]),
                ...diff.removed.map((i) => ['removed', i.service_code, minorCsv(i.unit_price_minor), '']),
                ...diff.changed.map((c) => ['changed', c.service_code, minorCsv(c.from_minor), minorCsv(c.to_minor)]),
              ])}>{t('svc.csv')}</button>
            </header>
            {diff.added.length + diff.removed.length + diff.changed.length === 0 && <p class="empty">{t('svc.diff_none')}</p>}
            <ul class="plain">
              {diff.added.map((i) => <li key={'a' + i.service_code}>{t('svc.diff_added', { code: i.service_code, price: fmtMinor(i.unit_price_minor, list.currency) })}</li>)}
              {diff.removed.map((i) => <li key={'r' + i.service_code}>{t('svc.diff_removed', { code: i.service_code, price: fmtMinor(i.unit_price_minor, list.currency) })}</li>)}
              {diff.changed.map((c) => <li key={'c' + c.service_code}>{t('svc.diff_changed', { code: c.service_code, from: fmtMinor(c.from_minor, list.currency), to: fmtMinor(c.to_minor, list.currency) })}</li>)}
              {diff.regional_factors.changed.map((f) => <li key={'f' + f.country_id}>{t('svc.diff_factor', { id: countryName(f.country_name), factor: permille(f.factor_permille) })}</li>)}
            </ul>
          </div>
        )}
      </section>
    </div>
  );
}
