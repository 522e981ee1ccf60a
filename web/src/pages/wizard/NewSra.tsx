// Step 1 before the SRA exists: the form that creates it (kept on this device while typed), then
// the wizard continues on the created SRA at step 2.
import { useState } from 'preact/hooks';
import { ApiError, post } from '../../api';
import { t, tx } from '../../i18n';
import { goAnyway, useLeaveGuard } from '../../leaveGuard';
import { useApp } from '../../state';
import { clearDraft, loadDraft, saveDraft } from '../../drafts';
import type { Sra } from '../../types';
import { ErrorBox, Field, FormError, describedBy, fieldErrors, type Errors } from '../../components/ui';
import { STEPS } from './model';
import { Stepper } from './Stepper';

interface NewForm {
  area_id: string;
  kind: string;
  mission_ref: string;
  title: string;
  from_date: string;
  to_date: string;
  trigger: string;
}

export function SraNew() {
  const app = useApp();
  const user = app.user.username;
  const [form, setForm] = useState<NewForm>(() => {
    const d = loadDraft<NewForm>(user, 'new');
    return d ?? { area_id: '', kind: 'area', mission_ref: '', title: '', from_date: '', to_date: '', trigger: '' };
  });
  const [restored] = useState(() => !!loadDraft(user, 'new'));
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  // Something typed (the default kind aside) is asked about before the page is left.
  useLeaveGuard(!!(form.area_id || form.mission_ref.trim() || form.title.trim() || form.from_date || form.to_date || form.trigger), '/sras/new');

  const set = (k: keyof NewForm, v: string) => {
    const f = { ...form, [k]: v };
    setForm(f);
    saveDraft(user, 'new', f);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const errs: Errors = {};
    if (!form.area_id) errs.area_id = t('err.required');
    if (!form.title.trim()) errs.title = t('err.required');
    setErrors(errs);
    setError(null);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      const body: Record<string, unknown> = {
        area_id: form.area_id,
        kind: form.kind,
        title: form.title.trim(),
        scope: { from_date: form.from_date, to_date: form.to_date, trigger: form.trigger },
      };
      if (form.kind === 'specific') body.mission_ref = form.mission_ref;
      const doc = await post<Sra>('/sras', body);
      clearDraft(user, 'new');
      app.refreshInbox();
      goAnyway('/sras/' + doc.id + '/edit/2');
    } catch (err) {
      if (err instanceof ApiError && err.status === 403) setError(err);
      else setErrors(fieldErrors(err));
      setBusy(false);
    }
  };

  return (
    <div class="wizard">
      <div class="page-head">
        <h1>{t('wiz.title_new')}</h1>
        <p class="muted">{t('wiz.step_of', { n: 1, total: STEPS })} — {t('wiz.s1')}</p>
      </div>
      <div class="wiz-layout">
        <Stepper current={1} onStep={() => undefined} disabledAfter={1} />
        <form class="card wiz-body" onSubmit={submit} noValidate data-testid="new-sra">
          <h2>{t('wiz.s1')}</h2>
          <p class="hint">{t('wiz.s1_help')}</p>
          {restored && <div class="notice notice-info" role="status">{t('common.restored')}</div>}
          <ErrorBox error={error} />
          <FormError errors={errors._ ? errors : {}} />
          <Field id="area_id" label={t('f.area')} error={errors.area_id}>
            <select id="area_id" value={form.area_id} onChange={(e) => set('area_id', (e.target as HTMLSelectElement).value)} {...describedBy('area_id', errors.area_id)}>
              <option value="">{t('f.choose')}</option>
              {app.areas.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
            </select>
          </Field>
          <fieldset class="field">
            <legend>{t('f.kind')}</legend>
            {['area', 'specific'].map((k) => (
              <label class="radio" key={k}>
                <input type="radio" name="kind" value={k} checked={form.kind === k} onChange={() => set('kind', k)} /> {tx('kind', k)}
              </label>
            ))}
          </fieldset>
          {form.kind === 'specific' && (
            <Field id="mission_ref" label={t('f.mission_ref')} error={errors.mission_ref}>
              <input id="mission_ref" value={form.mission_ref} onInput={(e) => set('mission_ref', (e.target as HTMLInputElement).value)} {...describedBy('mission_ref', errors.mission_ref)} />
            </Field>
          )}
          <Field id="title" label={t('f.title')} error={errors.title}>
            <input id="title" value={form.title} maxLength={300} onInput={(e) => set('title', (e.target as HTMLInputElement).value)} {...describedBy('title', errors.title)} />
          </Field>
          <div class="row-2">
            <Field id="from_date" label={t('f.from_date')} error={errors['scope.from_date']}>
              <input id="from_date" type="date" value={form.from_date} onInput={(e) => set('from_date', (e.target as HTMLInputElement).value)} {...describedBy('from_date', errors['scope.from_date'])} />
            </Field>
            <Field id="to_date" label={t('f.to_date')} error={errors['scope.to_date']}>
              <input id="to_date" type="date" value={form.to_date} onInput={(e) => set('to_date', (e.target as HTMLInputElement).value)} {...describedBy('to_date', errors['scope.to_date'])} />
            </Field>
          </div>
          <Field id="trigger" label={t('f.trigger')} error={errors['scope.trigger']}>
            <select id="trigger" value={form.trigger} onChange={(e) => set('trigger', (e.target as HTMLSelectElement).value)} {...describedBy('trigger', errors['scope.trigger'])}>
              <option value="">{t('f.choose')}</option>
              {app.method.triggers.map((x) => <option key={x} value={x}>{tx('trigger', x)}</option>)}
            </select>
          </Field>
          <div class="wiz-actions">
            <button class="btn btn-primary" type="submit" disabled={busy}>{busy ? t('wiz.creating') : t('wiz.create')}</button>
          </div>
        </form>
      </div>
    </div>
  );
}
