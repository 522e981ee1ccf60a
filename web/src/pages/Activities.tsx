// Acceptable risk per programme activity in an area: the decision resting on the published SRA
import { ExportButtons } from '../components/ExportButtons';
// (proceed, proceed with measures, not acceptable, pending), why (the residual against the limit of
// the activity's PC), the options when it is not acceptable, and the PC assessment and executive
// approval it needs, with the forms to record them. The server decides who may record them.
import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../api';
import { fmtDate, fmtDateTime, t, tx } from '../i18n';
import { href } from '../router';
import { orgName, useApp } from '../state';
import { hasRole } from '../domain';
import { ErrorBox, Loading, RiskBadge } from '../components/ui';
import { LoadMore } from '../components/LoadMore';
import { useList } from '../useList';
import { useTypedGuard } from '../leaveGuard';
import { activityReasonText } from '../reasons';
import { egsName } from '../names';
import { AcceptancePanel } from '../components/Acceptance';
import { mayRegisterProgrammes, ProgrammeForm } from '../components/ProgrammeForm';
import type { ActivityDecision, ActivityPage, PcAssessment, Programme } from '../types';
import { useListView } from '../listView';
import { FilterDate, FilterSelect, ListFilters, SortSelect } from '../components/ListControls';

export type { ActivityDecision } from '../types';

export function ActivityStatus({ status }: { status: string }) {
  return (
    <span class={'chip actst-' + status} data-activity-status={status}>
      {tx('actst', status)}
    </span>
  );
}

// The view's keys (kept in the address bar), also the query parameters of GET /api/v1/activities.
const ACTIVITY_VIEW = ['area_id', 'q', 'status', 'organization_id', 'decided_from', 'decided_to', 'sort'] as const;
const ACTIVITY_STATUSES = ['proceed', 'proceed_with_measures', 'not_acceptable', 'pending'];
const ACTIVITY_SORTS = ['programme', '-programme', 'area', '-risk', 'risk', 'pc', '-pc'];

export function Activities({ focus }: { focus?: string }) {
  const app = useApp();
  const view = useListView('/activities', ACTIVITY_VIEW);
  // The area shown: the one in the address, else the page's default (see below).
  const [defaultArea, setArea] = useState('');
  const area = view.get('area_id') || defaultArea;

  // Open on the area of the activity asked for, else on an area with a published SRA — unless the
  // user has chosen one while that was still loading (a slow link must not undo their choice).
  useEffect(() => {
    const byDefault = (id: string) => setArea((chosen) => chosen || id);
    const fallback = () =>
      get<{ items: { id: string; published_sra_id?: string | null }[] }>('/areas?with=risk')
        .then((r) => byDefault(r.items.find((a) => a.published_sra_id)?.id ?? app.areas[0]?.id ?? ''))
        .catch(() => byDefault(app.areas[0]?.id ?? ''));
    if (focus)
      get<ActivityDecision>('/activities/' + encodeURIComponent(focus))
        .then((a) => setArea(a.area_id))
        .catch(fallback);
    else fallback();
  }, [focus]);

  const params = new URLSearchParams(view.query);
  if (area) params.set('area_id', area);
  const path = area ? '/activities?' + params.toString() : '';
  const list = useList<ActivityDecision>(path);
  const narrowed = ACTIVITY_VIEW.some((k) => k !== 'area_id' && k !== 'sort' && !!view.get(k));
  const { items, error } = list;
  const load = list.reload;
  // The programmes in this scope without a decision yet (first page): listed so the gap shows.
  const undecided = ((list.firstPage as unknown as ActivityPage | null)?.undecided ?? []) as Programme[];

  useEffect(() => {
    if (focus && items) document.querySelector('[data-activity="' + focus + '"]')?.scrollIntoView({ block: 'center' });
  }, [focus, items]);

  return (
    <div>
      <div class="page-head">
        <div>
          <h1>{t('act.title')}</h1>
          <p class="muted">{t('act.intro')}</p>
        </div>
        <div class="field-inline">
          <label for="act-area">{t('clr.area')}</label>
          <select id="act-area" value={area} onChange={(e) => view.set({ area_id: (e.target as HTMLSelectElement).value })} data-testid="activities-area">
            {!area && <option value="">{t('app.loading')}</option>}
            {app.areas.map((a) => <option value={a.id} key={a.id}>{a.name}</option>)}
          </select>
        </div>
        {area && <ExportButtons path={path} />}
      </div>
      <ListFilters view={view} id="activities">
        <FilterSelect view={view} id="activities" name="status" label={t('lf.status')}
          options={ACTIVITY_STATUSES.map((s) => ({ value: s, label: tx('actst', s) }))} />
        <FilterSelect view={view} id="activities" name="organization_id" label={t('lf.organization')}
          options={app.orgs.map((o) => ({ value: o.id, label: o.code }))} />
        <FilterDate view={view} id="activities" name="decided_from" label={t('lf.decided_from')} />
        <FilterDate view={view} id="activities" name="decided_to" label={t('lf.decided_to')} />
        <SortSelect view={view} id="activities" options={ACTIVITY_SORTS} />
      </ListFilters>
      {mayRegisterProgrammes(app) && (
        <ProgrammeForm area={area} onDone={(r) => (r.programme.area_id === area ? load() : view.set({ area_id: r.programme.area_id }))} />
      )}
      {error ? <ErrorBox error={error} onRetry={load} /> : !items ? <Loading /> : items.length === 0 && undecided.length === 0 ? (
        <p class="empty" data-testid="activities-empty">{narrowed ? t('lf.no_match') : t('act.empty')}</p>
      ) : (
        <div class="stack" data-testid="activities">
          {undecided.map((p) => <UndecidedCard key={p.id} p={p} focused={p.id === focus} onChange={load} />)}
          {items.map((a) => <ActivityCard key={a.id} a={a} focused={a.programme_id === focus} onChange={load} />)}
          <LoadMore list={list} />
        </div>
      )}
    </div>
  );
}

function ActivityCard({ a, focused, onChange }: { a: ActivityDecision; focused: boolean; onChange: () => void }) {
  const app = useApp();
  const m = app.method;
  const pc = 'PC' + a.pc;
  const limit = m.pc_max_acceptable?.[pc] ?? '';
  // SRM-METHOD.md 7a: the PC lead (RC/HC/SRSG office) records PC assessments (issue 14; was the SMT).
  const pcLead = hasRole(app.user, 'pc_lead');
  const exec = hasRole(app.user, 'executive_office') && a.needs_exec_approval && !a.exec_approval && !a.never_acceptable;
  // From the pack's acceptance level (High by default) a signed acceptance is asked for.
  const acceptFrom = m.risk_levels.indexOf(m.acceptance_from ?? 'High');
  const atAcceptance = !!a.residual_risk && acceptFrom >= 0 && m.risk_levels.indexOf(a.residual_risk) >= acceptFrom;
  return (
    <section class={'card activity' + (focused ? ' focused' : '')} data-activity={a.programme_id} aria-labelledby={'act-h-' + a.programme_id}>
      <header class="card-head">
        <h2 id={'act-h-' + a.programme_id}>
          {a.programme_name} <span class="muted">· {a.activity}</span>
        </h2>
        <ActivityStatus status={a.status} />
      </header>
      <dl class="facts">
        <div><dt>{t('clr.organization')}</dt><dd>{orgName(app, a.organization_id)}</dd></div>
        <div><dt>{t('act.pc')}</dt><dd>{pc} · {t('act.limit', { level: tx('level', limit) })}</dd></div>
        <div><dt>{t('act.residual')}</dt><dd><RiskBadge method={m} level={a.residual_risk} empty={t('dash.not_assessed')} /></dd></div>
        <div><dt>{t('act.current')}</dt><dd><RiskBadge method={m} level={a.current_risk} empty={t('dash.not_assessed')} /></dd></div>
      </dl>
      <h3>{t('clr.why')}</h3>
      <ul class="reasons" data-testid="activity-reasons">
        {a.reasons.map((r, i) => <li key={i} data-reason={r.code}>{activityReasonText(m, a, r)}</li>)}
      </ul>
      {a.egs_decision_id && <p><a href={href('/egs')}>{t('clr.egs_link', { id: egsName(a.egs_decision_name) })}</a></p>}
      {a.status === 'not_acceptable' && a.options.length > 0 && (
        <>
          <h3>{t('act.options')}</h3>
          <ul class="reasons" data-testid="activity-options">
            {a.options.map((o) => <li key={o.option} data-option={o.option}>{tx('actopt', o.option)}</li>)}
          </ul>
        </>
      )}
      <ul class="rowlist compact">
        <li data-pc-assessment={a.pc_assessed ? 'recorded' : a.needs_pc_assessment ? 'needed' : 'not_needed'}>
          <span>{t('act.pc_assessment')}</span>
          <span class={'chip ' + (a.pc_assessed ? 'chip-ok' : a.needs_pc_assessment ? 'chip-warn' : '')}>
            {a.pc_assessed ? t('act.recorded') : a.needs_pc_assessment ? t('act.needed') : t('act.not_needed')}
          </span>
        </li>
        {/* At the acceptance level the signed acceptance (by the executive office at Very High) is the approval. */}
        {!atAcceptance && <li data-exec-approval={a.exec_approval ? 'recorded' : a.needs_exec_approval ? 'needed' : 'not_needed'}>
          <span>
            {t('act.exec_approval')}
            {a.exec_approval && (
              <span class="rowmeta"> · {a.exec_approval.by_name || a.exec_approval.by}, {fmtDateTime(a.exec_approval.at)}: {a.exec_approval.comment}</span>
            )}
          </span>
          <span class={'chip ' + (a.exec_approval ? 'chip-ok' : a.needs_exec_approval ? 'chip-warn' : '')}>
            {a.exec_approval ? t('act.recorded') : a.needs_exec_approval ? t('act.needed') : t('act.not_needed')}
          </span>
        </li>}
      </ul>
      <PcAssessmentInfo a={a} onChange={onChange} />
      {atAcceptance && <AcceptancePanel a={a} onChange={onChange} />}
      {pcLead && <RecordForm a={a} kind="pc" onDone={onChange} />}
      {exec && !atAcceptance && <RecordForm a={a} kind="exec" onDone={onChange} />}
    </section>
  );
}

/** A programme with no decision yet (registered where no SRA is published, or before one was): it
 * is listed so people see what is missing; the PC lead may record its PC assessment here. */
function UndecidedCard({ p, focused, onChange }: { p: Programme; focused: boolean; onChange: () => void }) {
  const app = useApp();
  // The record form and the assessment panel read these fields of an activity.
  const a = { programme_id: p.id, pc: p.pc, pc_assessed: !!p.pc_assessment, organization_id: p.organization_id,
    decided_at: '', revision: 0, pc_assessment: p.pc_assessment ?? null } as unknown as ActivityDecision;
  return (
    <section class={'card activity' + (focused ? ' focused' : '')} data-activity={p.id} data-undecided="true"
      aria-labelledby={'act-h-' + p.id}>
      <header class="card-head">
        <h2 id={'act-h-' + p.id}>
          {p.name} <span class="muted">· {p.activity}</span>
        </h2>
        <ActivityStatus status="not_decided" />
      </header>
      <dl class="facts">
        <div><dt>{t('clr.organization')}</dt><dd>{orgName(app, p.organization_id)}</dd></div>
        <div><dt>{t('act.pc')}</dt><dd>PC{p.pc}</dd></div>
      </dl>
      <p class="rowmeta" data-testid="activity-undecided">{t('act.not_decided_why')}</p>
      <PcAssessmentInfo a={a} onChange={onChange} />
      {hasRole(app.user, 'pc_lead') && <RecordForm a={a} kind="pc" onDone={onChange} />}
    </section>
  );
}

function RecordForm({ a, kind, onDone }: { a: ActivityDecision; kind: 'pc' | 'exec'; onDone: () => void }) {
  const [comment, setComment] = useState('');
  const [pcLevel, setPcLevel] = useState(String(a.pc));
  useTypedGuard(!!comment.trim());
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const id = (kind === 'pc' ? 'pca-' : 'exa-') + a.programme_id;
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    if (!comment.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setBusy(true);
    try {
      await post('/activities/' + encodeURIComponent(a.programme_id) + (kind === 'pc' ? '/pc-assessment' : '/exec-approval'),
        kind === 'pc' ? { pc: Number(pcLevel), comment } : { comment });
      setComment('');
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="decide subcard" onSubmit={submit} data-record={kind} noValidate>
      {error ? <ErrorBox error={error} /> : null}
      {kind === 'pc' && (
        <div class="field">
          <label for={id + '-pc'}>{t('act.pc')}</label>
          <select id={id + '-pc'} value={pcLevel} onChange={(e) => setPcLevel((e.target as HTMLSelectElement).value)}>
            {[1, 2, 3, 4].map((n) => <option value={String(n)} key={n}>PC{n}</option>)}
          </select>
        </div>
      )}
      <div class={'field' + (missing ? ' has-error' : '')}>
        <label for={id}>{kind === 'pc' ? t('act.pc_comment') : t('act.exec_comment')}</label>
        <textarea id={id} rows={2} value={comment} required aria-invalid={missing ? true : undefined}
          aria-describedby={missing ? id + '-error' : undefined}
          onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)} />
        {missing && <p class="field-error" id={id + '-error'} role="alert">{t('act.comment_required')}</p>}
      </div>
      <div class="actions">
        <button type="submit" class="btn btn-primary btn-small" disabled={busy}>
          {kind === 'pc' ? (a.pc_assessed ? t('act.pc_record_again') : t('act.pc_record')) : t('act.exec_record')}
        </button>
      </div>
    </form>
  );
}

/** Who recorded the programme's PC assessment and who confirmed a PC1; the executive head's office
 * of the programme's organization confirms an unconfirmed PC1 here (the server checks who may). */
function PcAssessmentInfo({ a, onChange }: { a: ActivityDecision; onChange: () => void }) {
  const app = useApp();
  const [pca, setPca] = useState<PcAssessment | null>(null);
  const [comment, setComment] = useState('');
  useTypedGuard(!!comment.trim());
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // The list answers each activity's assessment with its page (no request per card).
  useEffect(() => setPca((a.pc_assessment as PcAssessment | null | undefined) ?? null), [a.pc_assessment]);
  if (!pca) return null;
  const awaiting = pca.status === 'awaiting_confirmation';
  const mayConfirm = awaiting && pca.pc === 1 &&
    app.user.grants.some((g) => g.role === 'executive_office' && (g.org_id || app.user.organization_id) === a.organization_id);
  const id = 'pcc-' + a.programme_id;
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    if (!comment.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setBusy(true);
    try {
      setPca(await post<PcAssessment>('/activities/' + encodeURIComponent(a.programme_id) + '/pc-assessment/confirm', { comment }));
      setComment('');
      onChange();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="subcard" data-testid="pc-assessment" data-pc-status={pca.status}>
      <p class="rowmeta" data-testid="pc-recorded">
        {t('act.pca_recorded_by', { pc: pca.pc, by: pca.recorded_by, at: fmtDateTime(pca.recorded_at), until: pca.valid_until ? fmtDate(pca.valid_until) : '—' })}
      </p>
      {pca.confirmed_by ? (
        <p class="rowmeta" data-testid="pc-confirmed">{t('act.pca_confirmed_by', { by: pca.confirmed_by_name || pca.confirmed_by, at: fmtDateTime(pca.confirmed_at) })}</p>
      ) : awaiting ? (
        <p class="rowmeta" data-testid="pc-awaiting"><strong>{t('act.pca_awaiting')}</strong></p>
      ) : null}
      {pca.comment && <p class="rowmeta">{pca.comment}</p>}
      {mayConfirm && (
        <form class="decide" onSubmit={submit} data-record="pc-confirm" noValidate>
          {error ? <ErrorBox error={error} /> : null}
          <div class={'field' + (missing ? ' has-error' : '')}>
            <label for={id}>{t('act.pc_confirm_comment')}</label>
            <textarea id={id} rows={2} value={comment} required aria-invalid={missing ? true : undefined}
              aria-describedby={missing ? id + '-error' : undefined}
              onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)} />
            {missing && <p class="field-error" id={id + '-error'} role="alert">{t('act.comment_required')}</p>}
          </div>
          <div class="actions">
            <button type="submit" class="btn btn-primary btn-small" disabled={busy}>{t('act.pc_confirm')}</button>
          </div>
        </form>
      )}
    </div>
  );
}
