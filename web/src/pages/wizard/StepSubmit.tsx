// Step 11: the checklist before submitting, and the submission for approval. The checklist is the
// server's (GET /sras/{id}/completeness, SRM-METHOD.md §7a): every piece the SRA lacks to leave
// draft, each with a link to the step where it is filled in.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, post } from '../../api';
import { t, tx, type Key } from '../../i18n';
import { href } from '../../router';
import { useApp } from '../../state';
import type { MissingPiece, Sra, SraCompleteness } from '../../types';
import { Field, errorMessage } from '../../components/ui';
import { Heatmap } from '../../components/Heatmap';
import { val } from './step';

export function StepSubmit({ doc, canEdit, onDone }: { doc: Sra; canEdit: boolean; onDone: () => void }) {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<MissingPiece[] | null>(null);
  useEffect(() => {
    get<SraCompleteness>('/sras/' + doc.id + '/completeness').then((c) => setMissing(c.missing)).catch(() => setMissing(null));
  }, [doc.id, doc.revision]);
  const checks = (missing ?? []).map((p) => ({ ok: false, label: missingLabel(doc, p), step: stepOf(p.code), code: p.code }));
  const ready = missing !== null && missing.length === 0;
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await post<Sra>('/sras/' + doc.id + '/transitions', { action: 'submit', comment, revision: doc.revision });
      onDone();
    } catch (e) {
      // Refused as incomplete (422): the checklist shows every missing piece again.
      if (e instanceof ApiError && e.status === 422)
        get<SraCompleteness>('/sras/' + doc.id + '/completeness').then((c) => setMissing(c.missing)).catch(() => undefined);
      setError(e);
      setBusy(false);
    }
  };
  return (
    <>
      <h3>{t('sub.checklist')}</h3>
      <ul class="checklist" data-testid="checklist">
        {ready && <li class="ok"><span class="mark" aria-hidden="true">{t('ok')}</span> {t('sub.complete')}</li>}
        {checks.map((c, i) => (
          <li key={i} class={c.ok ? 'ok' : 'ko'} data-missing={c.code}>
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

/** The step of the wizard where a missing piece is filled in. */
function stepOf(code: string): number {
  switch (code) {
    case 'trigger_required':
    case 'period_required': return 1;
    case 'situation_required': return 2;
    case 'threat_assessment_required':
    case 'not_applicable_reason_required': return 4;
    case 'scenarios_required': return 5;
    case 'vulnerability_required': return 6;
    case 'rating_required': return 7;
    case 'residual_above_current': return 9;
    default: return 8;  // measures_required, prevention/mitigation_measure_required, residual_unjustified
  }
}

/** A missing piece in words: the code's text with the scenario or category it concerns. */
function missingLabel(doc: Sra, p: MissingPiece): string {
  const sc = /^scenarios\[(\d+)\]/.exec(p.field);
  const cat = /^threats\.(\w+)/.exec(p.field) ?? null;
  const ti = /^threats\[(\d+)\]/.exec(p.field);
  const what = sc ? doc.scenarios[Number(sc[1])]?.title ?? p.field
    : cat ? tx('cat', cat[1])
    : ti ? tx('cat', doc.threats[Number(ti[1])]?.category ?? '')
    : '';
  return t(('miss.' + p.code) as Key, { what });
}
