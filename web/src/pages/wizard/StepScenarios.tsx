// Step 5: the scenarios, added and removed at once on the server, their texts saved with the step.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, del, post } from '../../api';
import { t, tx } from '../../i18n';
import type { Scenario, Sra } from '../../types';
import { Field, describedBy, fieldErrors, type Errors } from '../../components/ui';
import { val, type StepProps } from './step';

/** What the wizard asks of the "Add a scenario" box before leaving the step. */
export interface PendingScenario {
  /** Something is typed in the box. */
  typed: () => boolean;
  /** Adds what is typed (true when nothing was typed or it was added; false, errors shown, if not). */
  save: () => Promise<boolean>;
}

export function StepScenarios({ doc, scn, setS, errors, app, canEdit, id, onDoc, setActionError, pending }: StepProps & { onDoc: (d: Sra) => void; setActionError: (e: unknown) => void; pending?: { current: PendingScenario | null } }) {
  const [nw, setNw] = useState({ title: '', threat_category: '', description: '' });
  const [nwErr, setNwErr] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const cats = app.method.threat_categories;
  const typed = () => !!(nw.title.trim() || nw.threat_category || nw.description.trim());
  const add = async (): Promise<boolean> => {
    const errs: Errors = {};
    if (!nw.title.trim()) errs.title = t('err.required');
    if (!nw.threat_category) errs.threat_category = t('err.required');
    setNwErr(errs);
    if (Object.keys(errs).length) {
      document.getElementById(errs.title ? 'new-scn-title' : 'new-scn-cat')?.focus();
      return false;
    }
    setBusy(true);
    try {
      const d = await post<Sra>('/sras/' + id + '/scenarios', { ...nw, title: nw.title.trim() });
      onDoc(d);
      setNw({ title: '', threat_category: '', description: '' });
      return true;
    } catch (e) {
      if (e instanceof ApiError && (e.status === 403 || e.status === 0 || e.status === 409)) setActionError(e);
      else setNwErr(fieldErrors(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  // Pressing "Save and continue" with a scenario typed here adds it: what was typed is what the
  // user means to keep (an incomplete one stops the step with the missing field named).
  if (pending) pending.current = canEdit ? { typed, save: () => (typed() ? add() : Promise.resolve(true)) } : null;
  useEffect(() => () => {
    if (pending) pending.current = null;
  }, []);
  const remove = async (s: Scenario) => {
    if (!confirm(t('scn.delete_confirm', { title: s.title }))) return;
    try {
      onDoc(await del<Sra>('/sras/' + id + '/scenarios/' + s.id));
    } catch (e) {
      setActionError(e);
    }
  };
  return (
    <>
      {doc.scenarios.length === 0 && <p class="empty">{t('scn.none')}</p>}
      {doc.scenarios.map((s, i) => {
        const e = scn[s.id];
        if (!e) return null;
        const k = (f: string) => errors[s.id + ':' + f];
        return (
          <fieldset class="subcard" key={s.id} data-scenario={s.id}>
            <legend>{t('scn.title')} {i + 1}</legend>
            <div class="row-3">
              <Field id={s.id + '-title'} label={t('scn.title')} error={k('title')} class="span-2">
                <input id={s.id + '-title'} value={e.title} onInput={(ev) => setS(s.id, (x) => ({ ...x, title: val(ev) }))} />
              </Field>
              <Field id={s.id + '-cat'} label={t('scn.category')} error={k('threat_category')}>
                <select id={s.id + '-cat'} value={e.threat_category} onChange={(ev) => setS(s.id, (x) => ({ ...x, threat_category: val(ev) }))}>
                  {cats.map((c) => <option key={c.key} value={c.key}>{tx('cat', c.key)}</option>)}
                </select>
              </Field>
            </div>
            <Field id={s.id + '-desc'} label={t('scn.description')} error={k('description')}>
              <textarea id={s.id + '-desc'} rows={2} value={e.description} onInput={(ev) => setS(s.id, (x) => ({ ...x, description: val(ev) }))} />
            </Field>
            {canEdit && (
              <div class="subcard-foot">
                <span />
                <button type="button" class="btn btn-small btn-ghost" onClick={() => remove(s)}>{t('common.remove')}</button>
              </div>
            )}
          </fieldset>
        );
      })}
      {canEdit && (
        <div class="subcard add-box" data-testid="add-scenario">
          <h3>{t('scn.add')}</h3>
          <div class="row-3">
            <Field id="new-scn-title" label={t('scn.title')} error={nwErr.title} class="span-2">
              <input id="new-scn-title" value={nw.title} onInput={(e) => setNw({ ...nw, title: val(e) })} {...describedBy('new-scn-title', nwErr.title)} />
            </Field>
            <Field id="new-scn-cat" label={t('scn.category')} error={nwErr.threat_category}>
              <select id="new-scn-cat" value={nw.threat_category} onChange={(e) => setNw({ ...nw, threat_category: val(e) })} {...describedBy('new-scn-cat', nwErr.threat_category)}>
                <option value="">{t('f.choose')}</option>
                {cats.map((c) => <option key={c.key} value={c.key}>{tx('cat', c.key)}</option>)}
              </select>
            </Field>
          </div>
          <Field id="new-scn-desc" label={t('scn.description')} error={nwErr.description}>
            <textarea id="new-scn-desc" rows={2} value={nw.description} onInput={(e) => setNw({ ...nw, description: val(e) })} />
          </Field>
          {nwErr._ && <p class="field-error" role="alert">{nwErr._}</p>}
          <button type="button" class="btn" disabled={busy} onClick={() => add()} data-testid="add-scenario-btn">+ {t('scn.add')}</button>
        </div>
      )}
    </>
  );
}
