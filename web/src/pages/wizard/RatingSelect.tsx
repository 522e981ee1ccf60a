// A likelihood or impact chosen from the method's scale, or none (its meaning given by emptyLabel).
import { tx } from '../../i18n';
import { Field, describedBy } from '../../components/ui';
import { HelpLink } from '../../components/HelpLink';
import { val } from './step';

export function RatingSelect({ id, label, options, prefix, value, onChange, error, emptyLabel, disabled }: {
  id: string; label: string; options: string[]; prefix: string; value: string | null; onChange: (v: string | null) => void; error?: string; emptyLabel: string;
  /** Not ratable now (rule zero: no vulnerability recorded). */
  disabled?: boolean;
}) {
  return (
    <Field id={id} label={label} error={error}>
      <select id={id} value={value ?? ''} disabled={disabled} onChange={(e) => onChange(val(e) || null)} {...describedBy(id, error)}>
        <option value="">{emptyLabel}</option>
        {options.map((o, n) => <option key={o} value={o}>{n + 1} — {tx(prefix, o)}</option>)}
      </select>
      {/* The level definitions (issue 18, finding 6), for the scales the help page explains. */}
      {(prefix === 'lik' || prefix === 'imp') && <HelpLink section={prefix === 'lik' ? 'likelihood' : 'impact'} />}
    </Field>
  );
}
