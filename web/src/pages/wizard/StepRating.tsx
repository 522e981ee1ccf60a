// Step 7: for each scenario, its likelihood and impact, beside what the area's incidents suggest;
// a likelihood away from the suggestion asks for a reason. Rule zero: no rating without the
// vulnerability of step 6.
import { t, tx } from '../../i18n';
import { href } from '../../router';
import { hasVulnerability, riskOf } from '../../domain';
import { Field, RiskBadge, describedBy } from '../../components/ui';
import { Heatmap } from '../../components/Heatmap';
import { IndicatorPanel, likelihoodDiff, liveSuggestion, periodOf, useAreaIndicators } from '../../components/Evidence';
import { EvidenceFilterFields, ScenarioEvidenceNote, useScenarioEvidence } from '../../components/ScenarioEvidence';
import type { EvidenceFilter } from '../../types';
import { PerScenario } from './PerScenario';
import { withEdits } from './model';
import { RatingSelect } from './RatingSelect';
import { val, type StepProps } from './step';

export function StepRating({ doc, scn, setS, errors, app, id }: StepProps) {
  const m = app.method;
  const evidence = useAreaIndicators(doc.area_id, periodOf(doc.scope.from_date, doc.scope.to_date));
  return (
    <PerScenario doc={doc} scn={scn} errors={errors}
      head={({ e }) => <span>{t('rate.current')}: <RiskBadge method={m} level={riskOf(m, e.likelihood, e.impact)} /></span>}
      body={({ s, e, k }) => {
        // Rule zero: the lists stay closed until the vulnerability is saved (the server refuses a
        // rating without it), rather than showing a risk that the save then loses.
        const vulnOk = hasVulnerability(s);
        const ruleZero = k('vulnerability');
        // A scenario that narrows its incidents is judged against its own recorded suggestion.
        const f = e.evidence_filter;
        const narrows = !!f && ((f.event_types?.length ?? 0) + (f.actor_types?.length ?? 0) + (f.keywords?.length ?? 0)) > 0;
        const sugg = narrows ? s.likelihood_suggested : liveSuggestion(evidence, s.threat_category) ?? s.likelihood_suggested;
        const d = likelihoodDiff(m.likelihoods, e.likelihood, sugg);
        const askReason = (d !== null && d !== 0) || !!e.likelihood_reason;
        return (
          <>
            {(!vulnOk || ruleZero) && (
              <div class={'notice ' + (ruleZero ? 'notice-error' : 'notice-warn') + ' rule-zero'} role={ruleZero ? 'alert' : undefined} data-testid="rule-zero">
                <strong>{t('rate.rule_zero')}</strong>
                <p>{ruleZero ?? t('rate.rule_zero_text')}</p>
                <a href={href('/sras/' + id + '/edit/6')}>{t('rate.go_vulnerability')} →</a>
              </div>
            )}
            <div class="row-2">
              <RatingSelect id={s.id + '-lik'} label={t('rate.likelihood')} options={m.likelihoods} prefix="lik" value={e.likelihood}
                onChange={(v) => setS(s.id, (x) => ({ ...x, likelihood: v }))} error={k('likelihood')} emptyLabel={t('rate.not_rated')} disabled={!vulnOk} />
              <RatingSelect id={s.id + '-imp'} label={t('rate.impact')} options={m.impacts} prefix="imp" value={e.impact}
                onChange={(v) => setS(s.id, (x) => ({ ...x, impact: v }))} error={k('impact')} emptyLabel={t('rate.not_rated')} disabled={!vulnOk} />
            </div>
            <IndicatorPanel id={s.id + '-ev'} data={evidence} category={s.threat_category} scale={m.likelihoods} chosen={e.likelihood} />
            <ScenarioEvidenceBlock id={s.id + '-evf'} areaId={doc.area_id} category={s.threat_category} filter={e.evidence_filter}
              period={periodOf(doc.scope.from_date, doc.scope.to_date)} error={k('evidence_filter')}
              onChange={(f) => setS(s.id, (x) => ({ ...x, evidence_filter: f }))} />
            {askReason && (
              <Field id={s.id + '-lreason'} label={t('ev.reason')} error={k('likelihood_reason')} hint={t('ev.reason_hint')}>
                <textarea id={s.id + '-lreason'} rows={2} value={e.likelihood_reason} maxLength={2000}
                  onInput={(ev) => setS(s.id, (x) => ({ ...x, likelihood_reason: val(ev) }))} {...describedBy(s.id + '-lreason', k('likelihood_reason'), 'hint')} />
              </Field>
            )}
            {s.likelihood && s.likelihood_suggestion?.no_evidence_reason && (
              <p class="hint" data-testid="ev-recorded-none">{t('evf.recorded_none', { reason: tx('evr', s.likelihood_suggestion.no_evidence_reason) })}</p>
            )}
            {s.likelihood && s.likelihood_suggested && (
              <p class="hint" data-testid="ev-recorded">
                {t('ev.recorded', { chosen: tx('lik', s.likelihood), level: tx('lik', s.likelihood_suggested), date: s.likelihood_suggestion?.as_of ?? '' })}
              </p>
            )}
            {k('_') && <p class="field-error" role="alert">{k('_')}</p>}
          </>
        );
      }}
    >
      <Heatmap method={m} scenarios={withEdits(doc, scn)} mode="current" id="hm-current" />
    </PerScenario>
  );
}

/** The scenario's own evidence: its filter and what the incidents it keeps suggest (issue 14). */
function ScenarioEvidenceBlock({ id, areaId, category, filter, period, error, onChange }: {
  id: string; areaId: string; category: string; filter: EvidenceFilter | undefined; period: number; error?: string;
  onChange: (f: EvidenceFilter) => void;
}) {
  const data = useScenarioEvidence(areaId, category, filter, period);
  return (
    <>
      <EvidenceFilterFields id={id} value={filter} onChange={onChange} error={error} />
      <ScenarioEvidenceNote data={data} />
    </>
  );
}
