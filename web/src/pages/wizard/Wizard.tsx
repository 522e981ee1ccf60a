// The wizard over an existing SRA: the stepper, the current step's form, and moving between steps,
// which saves the step first (and stays when the server refuses, showing why).
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import { fmtTime, t, tx, type Key } from '../../i18n';
import { go, href } from '../../router';
import { areaName, useApp } from '../../state';
import { ErrorBox, FormError, Loading, StatusChip } from '../../components/ui';
import { AcceptabilityTable } from '../../components/Acceptability';
import { HEADER_STEP_KEYS, SCEN_STEP_KEYS, STEPS, stepMarks } from './model';
import { useSraEditor } from './useSraEditor';
import { goAnyway, useLeaveGuard } from '../../leaveGuard';
import { Stepper } from './Stepper';
import type { StepProps } from './step';
import { StepScope } from './StepScope';
import { StepSituation } from './StepSituation';
import { StepProgrammes } from './StepProgrammes';
import { StepThreats } from './StepThreats';
import { StepScenarios, type PendingScenario } from './StepScenarios';
import { StepVulnerability } from './StepVulnerability';
import { StepRating } from './StepRating';
import { StepMeasures } from './StepMeasures';
import { StepResidual } from './StepResidual';
import { StepSubmit } from './StepSubmit';
import { ReturnReason, WizardCommentsProvider, WizardReviewNotes, useReviewComments } from '../../components/ReviewComments';

export function Wizard({ id, step }: { id: string; step: number }) {
  const app = useApp();
  const { loadError, reload, editor: ed } = useSraEditor(id);
  // A scenario typed in step 5's "Add a scenario" box and not yet added: saved by every way out of
  // the step (Save, Save and continue, Back, the stepper), never dropped.
  const pending = useRef<PendingScenario | null>(null);
  // Review comments (issue 18): shown where the assessor edits what they concern, resolved here.
  const comments = useReviewComments(id);
  useLeaveGuard(() => !!ed?.dirty || !!pending.current?.typed(), '/sras/' + id + '/edit');
  if (loadError) return <ErrorBox error={loadError} onRetry={reload} />;
  if (!ed) return <Loading />;
  const { doc, errors, canEdit, saving, dirty } = ed;

  const savePending = async () => !pending.current || (await pending.current.save());
  const goStep = async (n: number) => {
    if (n === step) return;
    if (!(await savePending())) return;
    if (await ed.saveStep(step)) go('/sras/' + id + '/edit/' + n);
  };

  const stepProps: StepProps = { doc, hdr: ed.hdr, setH: ed.setH, scn: ed.scn, setS: ed.setS, err: (k) => errors[k], errors, canEdit, id, app };
  let body: ComponentChildren;
  switch (step) {
    case 1: body = <StepScope {...stepProps} />; break;
    case 2: body = <StepSituation {...stepProps} />; break;
    case 3: body = <StepProgrammes {...stepProps} />; break;
    case 4: body = <StepThreats {...stepProps} />; break;
    case 5: body = <StepScenarios {...stepProps} onDoc={ed.takeDoc} setActionError={ed.setActionError} pending={pending} />; break;
    case 6: body = <StepVulnerability {...stepProps} />; break;
    case 7: body = <StepRating {...stepProps} />; break;
    case 8: body = <StepMeasures {...stepProps} />; break;
    case 9: body = <StepResidual {...stepProps} />; break;
    case 10: body = <AcceptabilityTable sra={doc} />; break;
    default: body = <StepSubmit doc={doc} canEdit={canEdit} onDone={() => { ed.forgetDraft(); app.refreshInbox(); goAnyway('/sras/' + id + '/approvals'); }} />;
  }

  const hasFieldErrors = Object.keys(errors).length > 0;
  const resolveComment = canEdit ? comments.resolve : undefined;
  return (
    <div class="wizard">
      <div class="page-head">
        <div>
          <h1>{t('wiz.title_edit', { title: doc.title })}</h1>
          <p class="muted">
            {areaName(app, doc.area_id)} · {t('common.version', { n: doc.version })} · <StatusChip status={doc.status} />
          </p>
        </div>
        <a class="btn btn-ghost" href={href('/sras/' + id)}>{t('wiz.view')}</a>
      </div>
      <ReturnReason doc={doc} comments={comments.items} />
      <div class="wiz-layout">
        <Stepper current={step} onStep={goStep} marks={stepMarks(doc)} />
        <form class="card wiz-body" data-step={step} noValidate onSubmit={(e) => { e.preventDefault(); if (step < STEPS) goStep(step + 1); }}>
          <p class="step-count">{t('wiz.step_of', { n: step, total: STEPS })}</p>
          <h2>{t(('wiz.s' + step) as Key)}</h2>
          <p class="hint">{t(('wiz.s' + step + '_help') as Key)}</p>
          {!canEdit && <div class="notice notice-info" role="status">{t('wiz.readonly', { status: tx('status', doc.status) })}</div>}
          {ed.restored && dirty && (
            <div class="notice notice-info" role="status" data-testid="draft-restored">
              {t('common.restored')}{' '}
              <button type="button" class="btn btn-small btn-ghost" onClick={ed.discard}>{t('common.discard')}</button>
            </div>
          )}
          <WizardReviewNotes doc={doc} step={step} state={comments} onResolve={resolveComment} onGo={goStep} />
          <ErrorBox error={ed.actionError} />
          {hasFieldErrors && <FormError errors={errors._ ? { _: errors._ } : errors} />}
          <fieldset class="plain" disabled={!canEdit}>
            <WizardCommentsProvider value={{ doc, step, comments: comments.items ?? [], onResolve: resolveComment }}>{body}</WizardCommentsProvider>
          </fieldset>
          <div class="wiz-actions">
            <span class="save-state" aria-live="polite" data-testid="save-state">
              {saving ? t('common.saving') : dirty ? t('common.unsaved') : ed.savedAt ? t('common.saved_at', { time: fmtTime(ed.savedAt) }) : ''}
            </span>
            <span class="spacer" />
            {step > 1 && <button type="button" class="btn btn-ghost" onClick={() => goStep(step - 1)}>{t('common.back')}</button>}
            {canEdit && (HEADER_STEP_KEYS[step] || SCEN_STEP_KEYS[step]) && (
              <button type="button" class="btn" disabled={saving} onClick={async () => { if (await savePending()) await ed.saveStep(step); }} data-testid="save">{t('common.save')}</button>
            )}
            {step < STEPS && <button type="submit" class="btn btn-primary" disabled={saving} data-testid="next">{t('common.next')}</button>}
          </div>
        </form>
      </div>
    </div>
  );
}
