// The governance secretariat's forms on an action plan item (issue 16; 002 § 49): a new milestone
// (title, date) and an evidence link to a thing in the product that shows progress (a published
// price list, a fund request, a service-level agreement, a governance decision; the server checks
// that it exists and, for a price list, that it is published). Errors come back as reason codes.
import { useState } from 'preact/hooks';
import { post } from '../api';
import { useTypedGuard } from '../leaveGuard';
import { t, tx } from '../i18n';
import type { components } from '../generated/api';
import { Field, FormError, fieldErrors, type Errors } from '../components/ui';

type Item = components['schemas']['ActionPlanItem'];

export const EVIDENCE_KINDS = ['price_list', 'fund_request', 'sla', 'governance_decision'] as const;

const value = (e: Event) => (e.target as HTMLInputElement).value;

export function MilestoneForm({ item, onSaved }: { item: Item; onSaved: (i: Item) => void }) {
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  // A milestone typed and not added is asked about before the page is left.
  useTypedGuard(!!title.trim());
  const submit = async () => {
    setErrors({});
    try {
      onSaved(await post<Item>('/action-plan/items/' + item.id + '/milestones', { title, due_on: due }));
      setTitle('');
      setDue('');
    } catch (e) {
      setErrors(fieldErrors(e));
    }
  };
  return (
    <form class="ap-form" data-testid="ap-milestone-new" onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <FormError errors={errors} />
      <div class="row-2">
        <Field id={'apm-title-' + item.id} label={t('ap.milestone_title')} error={errors.title}>
          <input id={'apm-title-' + item.id} value={title} onInput={(e) => setTitle(value(e))} />
        </Field>
        <Field id={'apm-due-' + item.id} label={t('ap.due')} error={errors.due_on}>
          <input id={'apm-due-' + item.id} type="date" value={due} onInput={(e) => setDue(value(e))} />
        </Field>
      </div>
      <button type="submit" class="btn btn-small">{t('ap.milestone_add')}</button>
    </form>
  );
}

export function EvidenceForm({ item, onSaved }: { item: Item; onSaved: (i: Item) => void }) {
  const [kind, setKind] = useState<string>('price_list');
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  useTypedGuard(!!(target.trim() || note.trim()));
  const submit = async () => {
    setErrors({});
    try {
      onSaved(await post<Item>('/action-plan/items/' + item.id + '/evidence', { kind, target_id: target.trim(), note: note || null }));
      setTarget('');
      setNote('');
    } catch (e) {
      setErrors(fieldErrors(e));
    }
  };
  return (
    <form class="ap-form" data-testid="ap-evidence-new" onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <FormError errors={errors} />
      <div class="row-2">
        <Field id={'ape-kind-' + item.id} label={t('ap.evidence_kind')} error={errors.kind}>
          <select id={'ape-kind-' + item.id} value={kind} onChange={(e) => setKind(value(e))}>
            {EVIDENCE_KINDS.map((k) => <option key={k} value={k}>{tx('ap.ev', k)}</option>)}
          </select>
        </Field>
        <Field id={'ape-target-' + item.id} label={t('ap.evidence_target')} error={errors.target_id} hint={t('ap.evidence_target_hint')}>
          <input id={'ape-target-' + item.id} value={target} onInput={(e) => setTarget(value(e))} />
        </Field>
      </div>
      <Field id={'ape-note-' + item.id} label={t('ap.evidence_note')} error={errors.note}>
        <input id={'ape-note-' + item.id} value={note} onInput={(e) => setNote(value(e))} />
      </Field>
      <button type="submit" class="btn btn-small">{t('ap.evidence_add')}</button>
    </form>
  );
}
