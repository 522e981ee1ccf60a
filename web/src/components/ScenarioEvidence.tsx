// The evidence for one scenario in the wizard's likelihood step (issue 14 finding 6): the filter
// that narrows the incidents of its category (event types, actor types, keywords), and what the
// server computes on the kept incidents only; or "no evidence" with its reason when no imported
// source records the category (ACLED and UCDP GED do not record crime; none records hazards).
import { useEffect, useState } from 'preact/hooks';
import { post } from '../api';
import { t, tx } from '../i18n';
import type { EvidenceFilter, ScenarioEvidence } from '../types';

/** A filter list typed as comma-separated words; empty entries dropped. */
export const listOf = (text: string): string[] => text.split(',').map((x) => x.trim()).filter(Boolean);

/** The server's evidence for the scenario as edited: null while loading, 'none' when unavailable. */
export function useScenarioEvidence(areaId: string, category: string, filter: EvidenceFilter | undefined,
  periodDays: number): ScenarioEvidence | null | 'none' {
  const [data, setData] = useState<ScenarioEvidence | null | 'none'>(null);
  const key = JSON.stringify([areaId, category, filter ?? {}, periodDays]);
  useEffect(() => {
    if (!category) return setData('none');
    let live = true;
    // Typing in the filter asks once the typing pauses.
    const timer = setTimeout(() => {
      post<ScenarioEvidence>('/areas/' + encodeURIComponent(areaId) + '/scenario-evidence', {
        threat_category: category,
        evidence_filter: filter ?? null,
        period_days: periodDays > 0 ? periodDays : null,
      })
        .then((d) => live && setData(d))
        .catch(() => live && setData('none'));
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key]);
  return data;
}

/** The three lists of the filter, each typed as comma-separated words. */
export function EvidenceFilterFields({ id, value, onChange, disabled, error }: {
  id: string; value: EvidenceFilter | undefined; onChange: (f: EvidenceFilter) => void; disabled?: boolean; error?: string;
}) {
  const f = value ?? {};
  const [text, setText] = useState({
    event_types: (f.event_types ?? []).join(', '),
    actor_types: (f.actor_types ?? []).join(', '),
    keywords: (f.keywords ?? []).join(', '),
  });
  const field = (k: keyof typeof text, label: string) => (
    <div class="field">
      <label for={id + '-' + k}>{label}</label>
      <input id={id + '-' + k} type="text" value={text[k]} disabled={disabled} data-testid={'ev-filter-' + k}
        onInput={(e) => {
          const v = (e.target as HTMLInputElement).value;
          setText((x) => ({ ...x, [k]: v }));
          onChange({ ...f, [k]: listOf(v) });
        }} />
    </div>
  );
  return (
    <fieldset class="ev-filter" data-testid="ev-filter">
      <legend>{t('evf.title')}</legend>
      <p class="hint">{t('evf.hint')}</p>
      <div class="row-3">
        {field('event_types', t('evf.event_types'))}
        {field('actor_types', t('evf.actor_types'))}
        {field('keywords', t('evf.keywords'))}
      </div>
      {error && <p class="field-error" role="alert">{error}</p>}
    </fieldset>
  );
}

/** What the kept incidents say: the suggestion and how many incidents it rests on, or no evidence. */
export function ScenarioEvidenceNote({ data }: { data: ScenarioEvidence | null | 'none' }) {
  if (data === null) return <p class="hint" aria-live="polite">{t('ev.loading')}</p>;
  if (data === 'none') return null;
  if (data.state === 'no_evidence')
    return (
      <p class="notice notice-warn" role="status" data-testid="ev-no-evidence" data-reason={data.reason}>
        <strong>{t('evf.no_evidence')}</strong> {tx('evr', data.reason)}
      </p>
    );
  const s = data.suggestion;
  return (
    <p class="hint" aria-live="polite" data-testid="ev-scenario" data-selected={data.selected_events}
      data-likelihood={s?.likelihood ?? ''}>
      {t('evf.kept', { n: data.selected_events, total: data.category_events })}{' '}
      {s && t('ev.suggested', { level: tx('lik', s.likelihood), days: s.period_days })}
    </p>
  );
}
