// Step 2: the situation, one text per field the method names (and any the SRA already has).
import { tx } from '../../i18n';
import { Field, describedBy } from '../../components/ui';
import { val, type StepProps } from './step';

export function StepSituation({ hdr, setH, err, app }: StepProps) {
  const fields = Array.from(new Set([...app.method.situation_fields, ...Object.keys(hdr.situation)]));
  return (
    <>
      {fields.map((f) => (
        <Field key={f} id={'sit-' + f} label={tx('sit', f)} error={err('situation.' + f)}>
          <textarea id={'sit-' + f} rows={3} value={hdr.situation[f] ?? ''}
            onInput={(e) => setH((h) => ({ ...h, situation: { ...h.situation, [f]: val(e) } }))}
            {...describedBy('sit-' + f, err('situation.' + f))} />
        </Field>
      ))}
    </>
  );
}
