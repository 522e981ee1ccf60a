import { useEffect, useState } from 'preact/hooks';
import { get } from '../api';
import { fmtList, t, tx } from '../i18n';
import { orgName, useApp } from '../state';
import { acceptabilityReasonText } from '../reasons';
import type { Sra, SraAcceptability } from '../types';
import { ErrorBox, Loading, RiskBadge } from './ui';

/** Each assessed activity's residual risk weighed against its programme criticality, with the
 * reasons, all as the server decided them (GET /sras/{id} "acceptability", domain::AcceptableFor). */
export function AcceptabilityTable({ sra }: { sra: Sra }) {
  const app = useApp();
  const m = app.method;
  const residual = sra.overall_residual_risk;
  // Only GET /sras/{id} carries it: a document from an edit's answer is read again for it.
  const [fetched, setFetched] = useState<{ rev: number; list: (SraAcceptability | null)[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (sra.acceptability) return;
    setError(null);
    get<Sra>('/sras/' + sra.id)
      .then((d) => setFetched({ rev: d.revision, list: d.acceptability ?? [] }))
      .catch(setError);
  }, [sra.id, sra.revision, !!sra.acceptability]);
  if (error) return <ErrorBox error={error} />;
  const judged = sra.acceptability ?? (fetched && fetched.rev >= sra.revision ? fetched.list : null);
  if (!judged) return <Loading />;
  if (!sra.programmes.length) return <p class="empty">{t('acc.no_programmes')}</p>;
  if (!residual || !judged.some((a) => a)) return <p class="empty">{t('acc.no_rating')}</p>;
  return (
    <>
      <p class="hint">{t('acc.basis', { level: tx('level', residual) })}</p>
      <div class="table-wrap">
        <table class="table" data-testid="acceptability">
          <thead>
            <tr>
              <th scope="col">{t('acc.activity')}</th>
              <th scope="col">{t('acc.pc')}</th>
              <th scope="col">{t('acc.limit')}</th>
              <th scope="col">{t('acc.residual')}</th>
              <th scope="col">{t('acc.decision')}</th>
              <th scope="col">{t('acc.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {sra.programmes.map((p, i) => {
              const a = judged[i];
              return (
                <tr key={i} data-acceptable={a ? (a.acceptable ? 'yes' : 'no') : undefined}>
                  <th scope="row">
                    {p.activity || '—'} <span class="muted">({orgName(app, p.organization_id)})</span>
                  </th>
                  <td>PC{p.pc}</td>
                  {a ? (
                    <>
                      <td><RiskBadge method={m} level={a.limit} /></td>
                      <td><RiskBadge method={m} level={a.residual_risk} /></td>
                      <td>
                        <span class={'verdict ' + (a.acceptable ? 'ok' : 'ko')}>
                          <span aria-hidden="true">{a.acceptable ? '✓ ' : '✗ '}</span>
                          {a.acceptable ? (a.decision === 'proceed_with_measures' ? t('acc.proceed_with_measures') : t('acc.proceed')) : t('acc.not_acceptable')}
                        </span>
                      </td>
                      <td>
                        {a.reasons.map((r, k) => <div key={k} data-reason={r.code}>{acceptabilityReasonText(m, a, p.pc, r)}</div>)}
                        {a.needs_exec_approval && <div class="flag">{t('acc.needs_exec')}</div>}
                        {a.needs_pc_assessment && <div class="flag">{t('acc.needs_pc')}</div>}
                        {a.options.length > 0 && (
                          <div class="flag">{t('acc.options', { list: fmtList(a.options.map((o) => tx('acc.opt', o))) })}</div>
                        )}
                      </td>
                    </>
                  ) : (
                    <td colSpan={4} class="muted">{t('acc.no_rating')}</td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
