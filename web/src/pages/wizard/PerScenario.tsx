// The frame the per-scenario steps (6 to 9) share: one card per scenario with its heading, the
// step's fields for it, and what the step shows under all of them (heat maps, the measures table).
import type { ComponentChildren } from 'preact';
import { t, tx } from '../../i18n';
import type { Scenario, Sra } from '../../types';
import type { Errors } from '../../components/ui';
import type { ScenEdit } from './model';
import { ScenarioComments } from '../../components/ReviewComments';

/** One scenario as a step renders it: the saved one, the form's edit, its place, its errors. */
export interface ScenRow {
  s: Scenario;
  e: ScenEdit;
  i: number;
  k: (field: string) => string | undefined;
}

export function PerScenario({ doc, scn, errors, head, body, children }: {
  doc: Sra;
  scn: Record<string, ScenEdit>;
  errors: Errors;
  /** Shown beside the scenario's title (its risk, whether the step is done for it). */
  head: (r: ScenRow) => ComponentChildren;
  body: (r: ScenRow) => ComponentChildren;
  /** Shown after the scenarios. */
  children?: ComponentChildren;
}) {
  if (!doc.scenarios.length) return <p class="empty">{t('scn.none')}</p>;
  return (
    <>
      {doc.scenarios.map((s, i) => {
        const e = scn[s.id];
        if (!e) return null;
        const r: ScenRow = { s, e, i, k: (f) => errors[s.id + ':' + f] };
        return (
          <section class="subcard" key={s.id} data-scenario={s.id}>
            <div class="scn-head">
              <h3>{i + 1}. {s.title} <span class="muted">· {tx('cat', s.threat_category)}</span></h3>
              {head(r)}
            </div>
            <ScenarioComments sid={s.id} />
            {body(r)}
          </section>
        );
      })}
      {children}
    </>
  );
}
