// Step 8: for each scenario, the measures that bring its risk down, with cost, owner and status.
import { t, tx } from '../../i18n';
import type { Measure } from '../../types';
import { Field, RiskBadge, describedBy } from '../../components/ui';
import { MeasuresTable } from '../../components/Measures';
import { blankMeasure } from './model';
import { minorToText, textToMinor } from '../../money';
import { PerScenario } from './PerScenario';
import { val, type StepProps } from './step';

export function StepMeasures({ doc, scn, setS, errors, app, canEdit }: StepProps) {
  const m = app.method;
  return (
    <PerScenario doc={doc} scn={scn} errors={errors}
      head={({ s }) => <span>{t('rate.current')}: <RiskBadge method={m} level={s.current_risk} /></span>}
      body={({ s, e, k }) => {
        const setM = (j: number, patch: Partial<Measure>) => setS(s.id, (x) => ({ ...x, measures: x.measures.map((me, q) => (q === j ? { ...me, ...patch } : me)) }));
        return (
          <>
            {e.measures.length === 0 && <p class="hint">{t('msr.none')}</p>}
            {e.measures.map((me, j) => {
              const f = (x: string) => k('measures[' + j + '].' + x);
              const mid = (x: string) => s.id + '-m' + j + '-' + x;
              return (
                <fieldset class="measure" key={j} data-measure={j}>
                  <legend>{t('msr.item', { n: j + 1 })}</legend>
                  <div class="row-3">
                    <Field id={mid('type')} label={t('msr.type')} error={f('type')}>
                      <select id={mid('type')} value={me.type} onChange={(ev) => setM(j, { type: val(ev) })}>
                        {['prevention', 'mitigation'].map((x) => <option key={x} value={x}>{tx('mtype', x)}</option>)}
                      </select>
                    </Field>
                    <Field id={mid('desc')} label={t('msr.description')} error={f('description')} class="span-2">
                      <input id={mid('desc')} value={me.description} onInput={(ev) => setM(j, { description: val(ev) })} {...describedBy(mid('desc'), f('description'))} />
                    </Field>
                  </div>
                  <div class="row-4">
                    <Field id={mid('cat')} label={t('msr.category')} error={f('moss_category')}>
                      <select id={mid('cat')} value={me.moss_category} onChange={(ev) => setM(j, { moss_category: val(ev) })}>
                        <option value="">{t('common.none')}</option>
                        {m.moss_categories.map((c) => <option key={c} value={c}>{tx('moss', c)}</option>)}
                      </select>
                    </Field>
                    <Field id={mid('cost')} label={t('msr.cost')} error={f('cost_minor')}>
                      {/* Typed in major units ("1234.50"), kept as integer minor units; read on change, so a
                          half-typed amount is not rewritten under the cursor. */}
                      <input id={mid('cost')} inputMode="decimal" pattern="[0-9]{1,12}([.][0-9]{0,2})?" value={minorToText(me.cost_minor)}
                        onChange={(ev) => { const n = textToMinor(val(ev)); if (n !== null) setM(j, { cost_minor: n }); else (ev.currentTarget as HTMLInputElement).value = minorToText(me.cost_minor); }}
                        {...describedBy(mid('cost'), f('cost_minor'))} />
                    </Field>
                    <Field id={mid('cur')} label={t('msr.currency')} error={f('currency')}>
                      <input id={mid('cur')} value={me.currency} maxLength={3} size={4} onInput={(ev) => setM(j, { currency: val(ev).toUpperCase() })} />
                    </Field>
                    <Field id={mid('status')} label={t('msr.status')} error={f('status')}>
                      <select id={mid('status')} value={me.status} onChange={(ev) => setM(j, { status: val(ev) })}>
                        {['planned', 'in_progress', 'implemented'].map((x) => <option key={x} value={x}>{tx('mstatus', x)}</option>)}
                      </select>
                    </Field>
                  </div>
                  <div class="row-2">
                    <Field id={mid('owner')} label={t('msr.owner')} error={f('owner')}>
                      <input id={mid('owner')} value={me.owner} onInput={(ev) => setM(j, { owner: val(ev) })} />
                    </Field>
                    <div class="field field-end">
                      {canEdit && (
                        <button type="button" class="btn btn-small btn-ghost" onClick={() => setS(s.id, (x) => ({ ...x, measures: x.measures.filter((_, q) => q !== j) }))}>
                          {t('common.remove')}
                        </button>
                      )}
                    </div>
                  </div>
                </fieldset>
              );
            })}
            {k('measures') && <p class="field-error" role="alert">{k('measures')}</p>}
            {k('_') && <p class="field-error" role="alert">{k('_')}</p>}
            {canEdit && (
              <button type="button" class="btn btn-small" data-add-measure={s.id} onClick={() => setS(s.id, (x) => ({ ...x, measures: [...x.measures, blankMeasure()] }))}>
                + {t('msr.add')}
              </button>
            )}
          </>
        );
      }}
    >
      <h3>{t('view.measures')}</h3>
      <MeasuresTable scenarios={doc.scenarios} />
    </PerScenario>
  );
}
