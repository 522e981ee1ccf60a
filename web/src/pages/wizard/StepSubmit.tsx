// Step 11: the checklist before submitting, and the submission for approval.
import { useState } from 'preact/hooks';
import { post } from '../../api';
import { t, type Key } from '../../i18n';
import { href } from '../../router';
import { useApp } from '../../state';
import { hasVulnerability } from '../../domain';
import type { Sra } from '../../types';
import { Field, errorMessage } from '../../components/ui';
import { Heatmap } from '../../components/Heatmap';
import { val } from './step';

export function StepSubmit({ doc, canEdit, onDone }: { doc: Sra; canEdit: boolean; onDone: () => void }) {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const checks: { ok: boolean; label: string; step: number }[] = [
    { ok: doc.scenarios.length > 0, label: t('sub.has_scenarios'), step: 5 },
    ...doc.scenarios.map((s) => ({ ok: hasVulnerability(s), label: t('sub.vulnerability', { title: s.title }), step: 6 })),
    ...doc.scenarios.map((s) => ({ ok: !!s.likelihood && !!s.impact, label: t('sub.rated', { title: s.title }), step: 7 })),
    { ok: !!doc.scope.trigger, label: t('sub.trigger'), step: 1 },
  ];
  const ready = checks.every((c) => c.ok);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await post<Sra>('/sras/' + doc.id + '/transitions', { action: 'submit', comment, revision: doc.revision });
      onDone();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <>
      <h3>{t('sub.checklist')}</h3>
      <ul class="checklist" data-testid="checklist">
        {checks.map((c, i) => (
          <li key={i} class={c.ok ? 'ok' : 'ko'}>
            <span class="mark" aria-hidden="true">{c.ok ? t('ok') : t('ko')}</span>{' '}
            <span class="visually-hidden">{c.ok ? t('common.yes') : t('common.no')}: </span>
            {c.label}
            {!c.ok && <> — <a href={href('/sras/' + doc.id + '/edit/' + c.step)}>{t('wiz.s' + c.step as Key)}</a></>}
          </li>
        ))}
      </ul>
      <div class="grid-2">
        <Heatmap method={useApp().method} scenarios={doc.scenarios} mode="current" id="hm-current" />
        <Heatmap method={useApp().method} scenarios={doc.scenarios} mode="residual" id="hm-residual" />
      </div>
      {canEdit && (
        <div class="submit-box">
          {error ? <div class="notice notice-error" role="alert" data-testid="submit-error">{errorMessage(error)}</div> : null}
          {!ready && <p class="notice notice-warn">{t('sub.not_ready')}</p>}
          <Field id="submit-comment" label={t('sub.comment') + ' (' + t('common.optional') + ')'}>
            <textarea id="submit-comment" rows={3} value={comment} onInput={(e) => setComment(val(e))} />
          </Field>
          <button type="button" class="btn btn-primary" disabled={busy} onClick={submit} data-testid="submit-sra">{t('sub.submit')}</button>
        </div>
      )}
    </>
  );
}
