// Step 1 on an existing SRA: its title, mission and the period and trigger of the assessment.
import { t, tx } from '../../i18n';
import { areaName } from '../../state';
import { Field, describedBy } from '../../components/ui';
import type { Header } from './model';
import { val, type StepProps } from './step';

export function StepScope({ doc, hdr, setH, err, app }: StepProps) {
  const sc = (k: keyof Header['scope'], v: string) => setH((h) => ({ ...h, scope: { ...h.scope, [k]: v } }));
  return (
    <>
      <dl class="facts">
        <div><dt>{t('f.area')}</dt><dd>{areaName(app, doc.area_id)}</dd></div>
        <div><dt>{t('f.kind')}</dt><dd>{tx('kind', doc.kind)}</dd></div>
      </dl>
      <Field id="title" label={t('f.title')} error={err('title')}>
        <input id="title" value={hdr.title} maxLength={300} onInput={(e) => setH((h) => ({ ...h, title: val(e) }))} {...describedBy('title', err('title'))} />
      </Field>
      {doc.kind === 'specific' && (
        <Field id="mission_ref" label={t('f.mission_ref')} error={err('mission_ref')}>
          <input id="mission_ref" value={hdr.mission_ref} onInput={(e) => setH((h) => ({ ...h, mission_ref: val(e) }))} />
        </Field>
      )}
      <div class="row-2">
        <Field id="from_date" label={t('f.from_date')} error={err('scope.from_date')}>
          <input id="from_date" type="date" value={hdr.scope.from_date} onInput={(e) => sc('from_date', val(e))} {...describedBy('from_date', err('scope.from_date'))} />
        </Field>
        <Field id="to_date" label={t('f.to_date')} error={err('scope.to_date')}>
          <input id="to_date" type="date" value={hdr.scope.to_date} onInput={(e) => sc('to_date', val(e))} {...describedBy('to_date', err('scope.to_date'))} />
        </Field>
      </div>
      <Field id="trigger" label={t('f.trigger')} error={err('scope.trigger')}>
        <select id="trigger" value={hdr.scope.trigger} onChange={(e) => sc('trigger', val(e))} {...describedBy('trigger', err('scope.trigger'))}>
          <option value="">{t('f.choose')}</option>
          {app.method.triggers.map((x) => <option key={x} value={x}>{tx('trigger', x)}</option>)}
        </select>
      </Field>
    </>
  );
}
