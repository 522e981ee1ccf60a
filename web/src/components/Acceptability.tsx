import { fmtList, t, tx } from '../i18n';
import { acceptability } from '../domain';
import { orgName, useApp } from '../state';
import type { Sra } from '../types';
import { RiskBadge } from './ui';

/** Residual risk weighed against each activity's programme criticality, with the reason. */
export function AcceptabilityTable({ sra }: { sra: Sra }) {
  const app = useApp();
  const m = app.method;
  const residual = sra.overall_residual_risk;
  if (!sra.programmes.length) return <p class="empty">{t('acc.no_programmes')}</p>;
  if (!residual) return <p class="empty">{t('acc.no_rating')}</p>;
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
              const a = acceptability(m, p.pc, residual, sra.overall_current_risk);
              const vars = { level: tx('level', residual), pc: 'PC' + p.pc, limit: tx('level', a.limit) };
              const reason = a.neverAcceptable ? t('acc.reason_never', vars) : a.acceptable ? t('acc.reason_within', vars) : t('acc.reason_above', vars);
              return (
                <tr key={i} data-acceptable={a.acceptable ? 'yes' : 'no'}>
                  <th scope="row">
                    {p.activity || '—'} <span class="muted">({orgName(app, p.organization_id)})</span>
                  </th>
                  <td>PC{p.pc}</td>
                  <td><RiskBadge method={m} level={a.limit} /></td>
                  <td><RiskBadge method={m} level={residual} /></td>
                  <td>
                    <span class={'verdict ' + (a.acceptable ? 'ok' : 'ko')}>
                      <span aria-hidden="true">{a.acceptable ? '✓ ' : '✗ '}</span>
                      {a.acceptable ? (a.decision === 'proceed_with_measures' ? t('acc.proceed_with_measures') : t('acc.proceed')) : t('acc.not_acceptable')}
                    </span>
                  </td>
                  <td>
                    {reason}
                    {a.needsExec && <div class="flag">{t('acc.needs_exec')}</div>}
                    {a.needsPc && <div class="flag">{t('acc.needs_pc')}</div>}
                    {a.options.length > 0 && (
                      <div class="flag">{t('acc.options', { list: fmtList(a.options.map((o) => tx('acc.opt', o))) })}</div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
