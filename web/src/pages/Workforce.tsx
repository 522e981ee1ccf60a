// The security workforce (issue 16; 002 §§ 25, 27): the coverage of each area (security
// professionals and surge capacity per programme personnel, vacant posts) for everybody; the
// personnel records (personal data: the person, their organization's security managers, DSS and
// auditors only — the server answers nobody else's) and the surge deployments paid by the fund,
// with CSV/Excel from the server's list export.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../api';
import { fmtDate, t, tx } from '../i18n';
import { href } from '../router';
import { areaName, orgName, useApp } from '../state';
import type { components } from '../generated/api';
import { Card, ErrorBox, Loading } from '../components/ui';
import { ExportButtons } from '../components/ExportButtons';
import { LoadMore } from '../components/LoadMore';
import { useList } from '../useList';
import { useListView, withView } from '../listView';
import { FilterSelect, ListFilters, SortHeader } from '../components/ListControls';
import { PersonForm, SurgeForm, workforceRecorder } from './WorkforceForms';

type Coverage = components['schemas']['WorkforceCoverage'];
type Person = components['schemas']['SecurityPersonnel'];
type Surge = components['schemas']['SurgeDeployment'];

export function CoverageTable({ version = 0 }: { version?: number }) {
  const [rows, setRows] = useState<Coverage['items'] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => { get<Coverage>('/workforce/coverage').then((c) => setRows(c.items), setError); }, [version]);
  if (error) return <ErrorBox error={error} />;
  if (!rows) return <Loading />;
  return (
    <div class="table-wrap">
      <table class="table" data-testid="wf-coverage">
        <thead>
          <tr>
            <th>{t('wf.area')}</th><th>{t('wf.professionals')}</th><th>{t('wf.surge')}</th>
            <th>{t('wf.personnel')}</th><th>{t('wf.ratio')}</th><th>{t('wf.vacancies')}</th><th>{t('wf.state')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.area_id} class={'cov-' + r.state} data-area-id={r.area_id} data-state={r.state}>
              <td>{r.area_name}</td>
              <td>{r.security_professionals}</td>
              <td>{r.surge}</td>
              <td>{r.personnel}</td>
              <td>{r.personnel_per_professional ?? '—'}</td>
              <td>{r.vacancies}</td>
              <td>{tx('wf.cov', r.state)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const SEVERITY: Record<string, number> = { uncovered: 0, stretched: 1, covered: 2, no_personnel: 3 };

/** One area's coverage in a line: "2 security professionals (+1 surge) · 85 personnel · 1 vacancy". */
export function coverageLine(c: Coverage['items'][number]): string {
  return [
    (c.security_professionals === 1 ? t('wf.cov_professional_one') : t('wf.cov_professionals', { n: c.security_professionals })) +
      (c.surge ? ' ' + t('wf.cov_surge', { n: c.surge }) : ''),
    t('wf.cov_personnel', { n: c.personnel }),
    c.personnel_per_professional !== null && c.personnel_per_professional !== undefined
      ? t('wf.cov_ratio', { n: c.personnel_per_professional }) : '',
    c.vacancies === 1 ? t('wf.cov_vacancy_one') : c.vacancies ? t('wf.cov_vacancies', { n: c.vacancies }) : '',
  ].filter(Boolean).join(' · ');
}

/** Coverage by area for the map and the dashboard (aggregates: readable by everybody with a role). */
export function useCoverage(): Map<string, Coverage['items'][number]> | null {
  const [rows, setRows] = useState<Map<string, Coverage['items'][number]> | null>(null);
  useEffect(() => {
    get<Coverage>('/workforce/coverage').then((c) => setRows(new Map(c.items.map((r) => [r.area_id, r]))), () => setRows(null));
  }, []);
  return rows;
}

/** The dashboard's card: the areas whose coverage needs attention first (uncovered, stretched). */
export function CoverageCard() {
  const cov = useCoverage();
  if (!cov) return null;
  const rows = [...cov.values()]
    .filter((r) => r.state !== 'no_personnel' || r.security_professionals > 0 || r.vacancies > 0)
    .sort((a, b) => (SEVERITY[a.state] ?? 9) - (SEVERITY[b.state] ?? 9) || a.area_name.localeCompare(b.area_name));
  return (
    <Card title={t('wf.coverage')} actions={<a href={href('/workforce')} class="link-small">{t('nav.workforce')} →</a>}>
      {rows.length === 0 ? <p class="empty">{t('wf.cov_none')}</p> : (
        <ul class="rowlist" data-testid="dash-coverage">
          {rows.map((r) => (
            <li key={r.area_id} data-area-id={r.area_id} data-state={r.state}>
              <strong>{r.area_name}</strong> <span class={'chip cov-' + r.state}>{tx('wf.cov', r.state)}</span>
              <span class="rowmeta">{coverageLine(r)}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

// The people list's view (kept in the address bar), also the query parameters of GET /api/v1/workforce.
const PEOPLE_VIEW = ['q', 'status', 'organization_id', 'area_id', 'sort'] as const;

export function Workforce() {
  const app = useApp();
  const view = useListView('/workforce', PEOPLE_VIEW);
  const peoplePath = withView('/workforce', view.query);
  const people = useList<Person>(peoplePath);
  const surges = useList<Surge>('/surge-deployments');
  const recorder = workforceRecorder(app.user);
  // Bumped after a change so the coverage (aggregates the server computes) is read again.
  const [version, setVersion] = useState(0);
  return (
    <div>
      <div class="page-head">
        <div>
          <h1>{t('wf.title')}</h1>
          <p class="muted">{t('wf.intro')}</p>
        </div>
      </div>
      <Card title={t('wf.coverage')}>
        <CoverageTable version={version} />
      </Card>
      <h2>{t('wf.people')}</h2>
      <p class="muted">{t('wf.privacy')}</p>
      <ListFilters view={view} id="wf">
        <FilterSelect view={view} id="wf" name="status" label={t('lf.status')}
          options={['serving', 'vacant', 'left'].map((s) => ({ value: s, label: tx('wf.st', s) }))} />
        <FilterSelect view={view} id="wf" name="organization_id" label={t('lf.organization')}
          options={app.orgs.map((o) => ({ value: o.id, label: o.code }))} />
        <FilterSelect view={view} id="wf" name="area_id" label={t('lf.area')}
          options={app.areas.map((a) => ({ value: a.id, label: a.name }))} />
      </ListFilters>
      <ErrorBox error={people.error} />
      {people.items && people.items.length === 0 && <p class="empty">{view.active ? t('lf.no_match') : t('wf.none')}</p>}
      {people.items && people.items.length > 0 && <ExportButtons path={peoplePath} testid="wf-export" />}
      {people.items && people.items.length > 0 && (
        <div class="table-wrap">
          <table class="table" data-testid="wf-people">
            <thead>
              <tr>
                <SortHeader view={view} sortKey="name" label={t('wf.name')} /><th>{t('wf.post')}</th><th>{t('wf.org')}</th><th>{t('wf.area')}</th>
                <th>{t('wf.category')}</th><th>{t('wf.skills')}</th><th>{t('wf.status')}</th>
              </tr>
            </thead>
            <tbody>
              {people.items.map((p) => (
                <tr key={p.id} data-person={p.id}>
                  <td>{p.full_name || '—'}</td>
                  <td>{p.post}</td>
                  <td>{orgName(app, p.organization_id)}</td>
                  <td>{p.area_id ? areaName(app, p.area_id) : ''}</td>
                  <td>{tx('wf.cat', p.category)}</td>
                  <td>{[...(p.skills ?? []), ...(p.languages ?? [])].join(', ')}</td>
                  <td>{tx('wf.st', p.status)}{p.left_on ? ' · ' + fmtDate(p.left_on) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={people} />
      {recorder && <PersonForm onCreated={() => { people.reload(); setVersion(version + 1); }} />}
      {!surges.error && (
        <>
          <h2>{t('wf.surges')}</h2>
          {surges.items && surges.items.length === 0 && <p class="empty">{t('wf.no_surges')}</p>}
          {surges.items && surges.items.length > 0 && <ExportButtons path="/surge-deployments" testid="surge-export" />}
          {surges.items && surges.items.length > 0 && (
            <div class="table-wrap">
              <table class="table" data-testid="wf-surges">
                <thead>
                  <tr><th>{t('wf.area')}</th><th>{t('wf.from')}</th><th>{t('wf.to')}</th><th>{t('wf.purpose')}</th><th>{t('wf.fund_request')}</th><th>{t('wf.status')}</th></tr>
                </thead>
                <tbody>
                  {surges.items.map((s) => (
                    <tr key={s.id}>
                      <td>{areaName(app, s.area_id)}</td>
                      <td>{fmtDate(s.from)}</td>
                      <td>{fmtDate(s.to)}</td>
                      <td>{s.purpose}</td>
                      <td>{s.fund_request_id ? <span class="ref">{t('plain.ref', { id: s.fund_request_id })}</span> : '—'}</td>
                      <td>{tx('wf.sst', s.status)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <LoadMore list={surges} />
          {recorder && people.items && people.items.some((p) => p.status === 'serving') && (
            <SurgeForm people={people.items} onCreated={() => { surges.reload(); setVersion(version + 1); }} />
          )}
        </>
      )}
    </div>
  );
}
