// Step 3: the programmes exposed, added from the area's known programmes or typed in.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../../api';
import { t } from '../../i18n';
import { orgName } from '../../state';
import type { Programme, ProgrammeRow } from '../../types';
import { Field, Loading } from '../../components/ui';
import { HelpLink } from '../../components/HelpLink';
import { num, val, type StepProps } from './step';

export function StepProgrammes({ doc, hdr, setH, err, app, canEdit }: StepProps) {
  const [known, setKnown] = useState<Programme[] | null>(null);
  useEffect(() => {
    get<{ items: Programme[] }>('/programmes?area_id=' + encodeURIComponent(doc.area_id)).then((r) => setKnown(r.items)).catch(() => setKnown([]));
  }, [doc.area_id]);
  const setP = (i: number, patch: Partial<ProgrammeRow>) =>
    setH((h) => ({ ...h, programmes: h.programmes.map((p, j) => (j === i ? { ...p, ...patch } : p)) }));
  const add = (p: Partial<ProgrammeRow>) =>
    setH((h) => ({
      ...h,
      programmes: [...h.programmes, { programme_id: '', organization_id: app.user.organization_id, activity: '', pc: 4, international: 0, national: 0, on_mission: 0, frequency: '', partners: '', ...p }],
    }));
  const notIncluded = (known ?? []).filter((k) => !hdr.programmes.some((p) => p.programme_id === k.id));
  return (
    <>
      {hdr.programmes.length === 0 && <p class="empty">{t('prog.none')}</p>}
      {hdr.programmes.map((p, i) => {
        const f = (k: string) => 'programmes[' + i + '].' + k;
        const pid = (k: string) => 'prog-' + i + '-' + k;
        return (
          <fieldset class="subcard" key={i} data-programme={i}>
            <legend>{t('prog.item', { n: i + 1 })}: {p.activity || '…'}</legend>
            <div class="row-3">
              <Field id={pid('org')} label={t('prog.org')} error={err(f('organization_id'))}>
                <select id={pid('org')} value={p.organization_id} onChange={(e) => setP(i, { organization_id: val(e) })}>
                  <option value="">{t('f.choose')}</option>
                  {app.orgs.map((o) => <option key={o.id} value={o.id}>{o.code} — {o.name}</option>)}
                </select>
              </Field>
              <Field id={pid('activity')} label={t('prog.activity')} error={err(f('activity'))} class="span-2">
                <input id={pid('activity')} value={p.activity} onInput={(e) => setP(i, { activity: val(e) })} />
              </Field>
            </div>
            <div class="row-4">
              <Field id={pid('pc')} label={t('prog.pc')} error={err(f('pc'))}>
                <select id={pid('pc')} value={String(p.pc)} onChange={(e) => setP(i, { pc: Number(val(e)) })}>
                  {[1, 2, 3, 4].map((n) => <option key={n} value={String(n)}>PC{n}</option>)}
                </select>
                <HelpLink section="pc" label={t('help.pc_link')} />
              </Field>
              <Field id={pid('int')} label={t('prog.international')} error={err(f('international'))}>
                <input id={pid('int')} type="number" min={0} inputMode="numeric" value={p.international} onInput={(e) => setP(i, { international: num(e) })} />
              </Field>
              <Field id={pid('nat')} label={t('prog.national')} error={err(f('national'))}>
                <input id={pid('nat')} type="number" min={0} inputMode="numeric" value={p.national} onInput={(e) => setP(i, { national: num(e) })} />
              </Field>
              <Field id={pid('mis')} label={t('prog.on_mission')} error={err(f('on_mission'))}>
                <input id={pid('mis')} type="number" min={0} inputMode="numeric" value={p.on_mission} onInput={(e) => setP(i, { on_mission: num(e) })} />
              </Field>
            </div>
            <div class="row-2">
              <Field id={pid('freq')} label={t('prog.frequency')} error={err(f('frequency'))}>
                <input id={pid('freq')} value={p.frequency} onInput={(e) => setP(i, { frequency: val(e) })} />
              </Field>
              <Field id={pid('partners')} label={t('prog.partners')} error={err(f('partners'))}>
                <input id={pid('partners')} value={p.partners} onInput={(e) => setP(i, { partners: val(e) })} />
              </Field>
            </div>
            <div class="subcard-foot">
              <span class="muted">{t('prog.exposed', { n: p.international + p.national + p.on_mission })}</span>
              {canEdit && (
                <button type="button" class="btn btn-small btn-ghost" onClick={() => setH((h) => ({ ...h, programmes: h.programmes.filter((_, j) => j !== i) }))}>
                  {t('common.remove')}
                </button>
              )}
            </div>
          </fieldset>
        );
      })}
      {canEdit && (
        <div class="subcard add-box">
          <h3>{t('prog.add_known')}</h3>
          {/* "All included" only when there is something to include (issue 18): none registered says so. */}
          {known === null ? <Loading /> : known.length === 0 ? <p class="hint" data-testid="prog-none-registered">{t('prog.none_registered')}</p>
            : notIncluded.length === 0 ? <p class="hint" data-testid="prog-all-added">{t('prog.all_added')}</p> : (
            <ul class="rowlist">
              {notIncluded.map((k) => (
                <li key={k.id}>
                  <span>{orgName(app, k.organization_id)} — {k.name}: {k.activity} (PC{k.pc})</span>
                  <button type="button" class="btn btn-small" data-add-programme={k.id}
                    onClick={() => add({ programme_id: k.id, organization_id: k.organization_id, activity: k.activity, pc: k.pc, international: k.international, national: k.national, on_mission: k.on_mission })}>
                    {t('common.add')}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <button type="button" class="btn btn-small" onClick={() => add({})}>+ {t('prog.add_blank')}</button>
        </div>
      )}
    </>
  );
}
