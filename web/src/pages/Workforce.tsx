// The security workforce (issue 16; 002 §§ 25, 27): the coverage of each area (security
// professionals and surge capacity per programme personnel, vacant posts) for everybody; the
// personnel records (personal data: the person, their organization's security managers, DSS and
// auditors only — the server answers nobody else's) and the surge deployments paid by the fund,
// with CSV/Excel from the server's list export.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../api';
import { fmtDate, t, tx } from '../i18n';
import { areaName, orgName, useApp } from '../state';
import type { components } from '../generated/api';
import { Card, ErrorBox, Loading } from '../components/ui';
import { ExportButtons } from '../components/ExportButtons';
import { LoadMore } from '../components/LoadMore';
import { useList } from '../useList';

type Coverage = components['schemas']['WorkforceCoverage'];
type Person = components['schemas']['SecurityPersonnel'];
type Surge = components['schemas']['SurgeDeployment'];

export function CoverageTable() {
  const [rows, setRows] = useState<Coverage['items'] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => { get<Coverage>('/workforce/coverage').then((c) => setRows(c.items), setError); }, []);
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
            <tr key={r.area_id} class={'cov-' + r.state}>
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

export function Workforce() {
  const app = useApp();
  const people = useList<Person>('/workforce');
  const surges = useList<Surge>('/surge-deployments');
  return (
    <div>
      <div class="page-head">
        <div>
          <h1>{t('wf.title')}</h1>
          <p class="muted">{t('wf.intro')}</p>
        </div>
      </div>
      <Card title={t('wf.coverage')}>
        <CoverageTable />
      </Card>
      <h2>{t('wf.people')}</h2>
      <p class="muted">{t('wf.privacy')}</p>
      <ErrorBox error={people.error} />
      {people.items && people.items.length === 0 && <p class="empty">{t('wf.none')}</p>}
      {people.items && people.items.length > 0 && <ExportButtons path="/workforce" testid="wf-export" />}
      {people.items && people.items.length > 0 && (
        <div class="table-wrap">
          <table class="table" data-testid="wf-people">
            <thead>
              <tr>
                <th>{t('wf.name')}</th><th>{t('wf.post')}</th><th>{t('wf.org')}</th><th>{t('wf.area')}</th>
                <th>{t('wf.category')}</th><th>{t('wf.skills')}</th><th>{t('wf.status')}</th>
              </tr>
            </thead>
            <tbody>
              {people.items.map((p) => (
                <tr key={p.id}>
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
                      <td>{s.fund_request_id ?? '—'}</td>
                      <td>{tx('wf.sst', s.status)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}
