// Step 9: for each rated scenario, the likelihood and impact left once its measures are in place.
import { t, tx } from '../../i18n';
import { riskOf } from '../../domain';
import { RiskBadge } from '../../components/ui';
import { Heatmap } from '../../components/Heatmap';
import { PerScenario } from './PerScenario';
import { withEdits } from './model';
import { RatingSelect } from './RatingSelect';
import type { StepProps } from './step';

export function StepResidual({ doc, scn, setS, errors, app }: StepProps) {
  const m = app.method;
  return (
    <PerScenario doc={doc} scn={scn} errors={errors}
      head={({ e }) => (
        <span>
          <RiskBadge method={m} level={riskOf(m, e.likelihood, e.impact)} /> → <RiskBadge method={m} level={riskOf(m, e.residual_likelihood ?? e.likelihood, e.residual_impact ?? e.impact)} />
        </span>
      )}
      body={({ s, e, k }) => (
        <>
          {!s.likelihood ? (
            <p class="notice notice-warn">{t('rate.rate_first')}</p>
          ) : (
            <>
              <p class="hint">{t('view.measures')}: {e.measures.map((x) => x.description.trim()).filter(Boolean).join('; ') || t('msr.none')}</p>
              <div class="row-2">
                <RatingSelect id={s.id + '-rlik'} label={t('rate.residual_likelihood')} options={m.likelihoods} prefix="lik" value={e.residual_likelihood}
                  onChange={(v) => setS(s.id, (x) => ({ ...x, residual_likelihood: v }))} error={k('residual_likelihood')} emptyLabel={t('rate.residual_same') + ' (' + tx('lik', s.likelihood) + ')'} />
                <RatingSelect id={s.id + '-rimp'} label={t('rate.residual_impact')} options={m.impacts} prefix="imp" value={e.residual_impact}
                  onChange={(v) => setS(s.id, (x) => ({ ...x, residual_impact: v }))} error={k('residual_impact')} emptyLabel={t('rate.residual_same') + ' (' + tx('imp', s.impact) + ')'} />
              </div>
            </>
          )}
          {k('_') && <p class="field-error" role="alert">{k('_')}</p>}
          {k('likelihood') && <p class="field-error" role="alert">{k('likelihood')}</p>}
        </>
      )}
    >
      <div class="grid-2">
        <Heatmap method={m} scenarios={withEdits(doc, scn)} mode="current" id="hm-current" />
        <Heatmap method={m} scenarios={withEdits(doc, scn)} mode="residual" id="hm-residual" />
      </div>
    </PerScenario>
  );
}
