// Review comments (issue 18, finding 4): reviewers attach a comment to the whole SRA, a wizard step,
// a scenario or one of its fields (GET/POST /sras/{id}/comments); the assessor sees the unresolved
// ones in the wizard where the scenario or field is edited, with the reason of a return at the top,
// and resolves them (POST /sras/{id}/comments/{cid}/resolve). Resolved comments fold away.
import type { ComponentChildren } from 'preact';
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { getAll, post } from '../api';
import { fmtDateTime, t, tx, type Key } from '../i18n';
import { useApp } from '../state';
import { personName } from '../names';
import type { ReviewComment, Sra } from '../types';
import { ErrorBox, Field, describedBy, errorMessage } from './ui';

/** The scenario fields a comment may concern (domain/review_comments.h kScenarioFields). */
export const SCENARIO_FIELDS = ['title', 'description', 'vulnerability', 'likelihood', 'impact', 'measures', 'residual'] as const;
/** The wizard steps a comment may concern, by the step number they are on. */
export const ANCHOR_STEPS: Record<string, number> = { scope: 1, situation: 2, programmes: 3, threats: 4, scenarios: 5, acceptability: 10 };
const FIELD_STEP: Record<string, number> = { title: 5, description: 5, vulnerability: 6, likelihood: 7, impact: 7, measures: 8, residual: 9 };
/** The steps that show each scenario in a card of its own (PerScenario): a scenario's comments are shown there. */
const PER_SCENARIO_STEPS = [6, 7, 8, 9];

export interface Anchor {
  /** '' for the whole SRA or a step. */
  scenario: string;
  /** The scenario field, or '' for the whole scenario. */
  field: string;
  /** The step name for steps/<step>. */
  step: string;
}

export function parseAnchor(a: string): Anchor {
  if (a.startsWith('steps/')) return { scenario: '', field: '', step: a.slice(6) };
  if (a.startsWith('scenarios/')) {
    const [sid, field = ''] = a.slice(10).split('/');
    return { scenario: sid, field, step: '' };
  }
  return { scenario: '', field: '', step: '' };
}

/** The wizard step where the anchor's subject is edited; 0 for the whole SRA (every step shows it). */
export function anchorStep(a: string): number {
  const p = parseAnchor(a);
  if (p.step) return ANCHOR_STEPS[p.step] ?? 0;
  if (p.scenario) return p.field ? FIELD_STEP[p.field] ?? 5 : 6;
  return 0;
}

/** What a comment concerns, in words: "Scenario “Carjacking” — Vulnerability". */
export function anchorLabel(a: string, doc: Sra): string {
  const p = parseAnchor(a);
  if (p.step) return t('rc.on_step', { step: t(('wiz.s' + (ANCHOR_STEPS[p.step] ?? 1)) as Key) });
  if (p.scenario) {
    const s = doc.scenarios.find((x) => x.id === p.scenario);
    const name = t('rc.on_scenario', { title: s ? s.title : '—' });
    return p.field ? name + ' — ' + tx('rc.field', p.field) : name;
  }
  return t('rc.on_sra');
}

/** Every anchor a reviewer may pick for this SRA, with its label. */
export function anchorOptions(doc: Sra): [string, string][] {
  const out: [string, string][] = [['sra', anchorLabel('sra', doc)]];
  for (const step of Object.keys(ANCHOR_STEPS)) out.push(['steps/' + step, anchorLabel('steps/' + step, doc)]);
  for (const s of doc.scenarios) {
    out.push(['scenarios/' + s.id, anchorLabel('scenarios/' + s.id, doc)]);
    for (const f of SCENARIO_FIELDS) out.push(['scenarios/' + s.id + '/' + f, anchorLabel('scenarios/' + s.id + '/' + f, doc)]);
  }
  return out;
}

/** The comments of an SRA version, oldest first, reloaded after each change. */
export function useReviewComments(sraId: string) {
  const [items, setItems] = useState<ReviewComment[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => {
    setError(null);
    getAll<ReviewComment>('/sras/' + sraId + '/comments')
      .then((xs) => setItems([...xs].sort((a, b) => (a.made_at < b.made_at ? -1 : a.made_at > b.made_at ? 1 : a.id < b.id ? -1 : 1))))
      .catch(setError);
  };
  useEffect(load, [sraId]);
  const resolve = async (cid: string) => {
    const done = await post<ReviewComment>('/sras/' + sraId + '/comments/' + cid + '/resolve');
    setItems((xs) => (xs ?? []).map((c) => (c.id === cid ? done : c)));
  };
  const add = async (anchor: string, text: string) => {
    const made = await post<ReviewComment>('/sras/' + sraId + '/comments', { anchor, text });
    setItems((xs) => [...(xs ?? []), made]);
    return made;
  };
  return { items, error, reload: load, resolve, add };
}

export type ReviewCommentsState = ReturnType<typeof useReviewComments>;

/** The reason of the latest return, while the SRA is back with its assessor: at the top of the
 * wizard and of the SRA page, not only in the history of another tab. */
export function ReturnReason({ doc, comments }: { doc: Sra; comments?: ReviewComment[] | null }) {
  if (doc.status !== 'returned') return null;
  const last = [...doc.history].reverse().find((h) => h.action === 'return');
  if (!last) return null;
  const open = (comments ?? []).filter((c) => !c.resolved).length;
  return (
    <div class="notice notice-warn return-reason" role="status" data-testid="return-reason">
      <strong>{t('rc.returned_by', { who: last.by_name || last.by, role: tx('role', last.role), when: fmtDateTime(last.at) })}</strong>
      {last.comment && <p class="rc-text" dir="auto">{last.comment}</p>}
      {open > 0 && <p data-testid="open-comments">{t('rc.open_count', { n: open })}</p>}
    </div>
  );
}

/** Whether the reader is offered Resolve on `c`: who may resolve (onResolve given), and never its
 * author (separation of duties: the server refuses own_comment, domain::MayResolve). */
export function mayResolve(c: ReviewComment, reader: string, onResolve?: unknown): boolean {
  return !!onResolve && !c.resolved && c.author.username !== reader;
}

/** One comment: what it concerns, who wrote it and when, its text; a Resolve button for the assessor. */
function CommentItem({ c, doc, label, onResolve }: { c: ReviewComment; doc: Sra; label: boolean; onResolve?: (cid: string) => Promise<void> }) {
  const app = useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const resolve = async () => {
    if (!onResolve) return;
    setBusy(true);
    setError('');
    try {
      await onResolve(c.id);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const head = (
    <>
      {label && <span class="rc-anchor">{anchorLabel(c.anchor, doc)} · </span>}
      <span class="rc-by" title={c.author.username}>{personName(c.author)} ({tx('role', c.author_role)}) · <time dateTime={c.made_at}>{fmtDateTime(c.made_at)}</time></span>
      {c.sra_version !== doc.version && <span class="rc-version" data-testid="comment-version"> · {t('rc.made_on_version', { n: c.sra_version })}</span>}
    </>
  );
  if (c.resolved)
    return (
      <li class="rc-item rc-resolved" data-comment={c.id} data-anchor={c.anchor} data-resolved="true">
        <details>
          <summary>
            ✓ {t('rc.resolved_by', { who: personName(c.resolved_by), when: c.resolved_at ? fmtDateTime(c.resolved_at) : '' })} — {head}
          </summary>
          <p class="rc-text" dir="auto">{c.text}</p>
        </details>
      </li>
    );
  return (
    <li class="rc-item" data-comment={c.id} data-anchor={c.anchor} data-resolved="false">
      <div class="rc-head">{head}</div>
      <p class="rc-text" dir="auto">{c.text}</p>
      {mayResolve(c, app.user.username, onResolve) && (
        <button type="button" class="btn btn-small" disabled={busy} onClick={resolve} data-testid="resolve-comment">{t('rc.resolve')}</button>
      )}
      {error && <p class="field-error" role="alert">{error}</p>}
    </li>
  );
}

export function CommentList({ comments, doc, label = true, onResolve, testid }: {
  comments: ReviewComment[];
  doc: Sra;
  label?: boolean;
  onResolve?: (cid: string) => Promise<void>;
  testid?: string;
}) {
  if (!comments.length) return null;
  return (
    <ul class="rc-list" data-testid={testid}>
      {comments.map((c) => <CommentItem key={c.id} c={c} doc={doc} label={label} onResolve={onResolve} />)}
    </ul>
  );
}

/** Whether a comment is shown on a wizard step (at the top or in a scenario's card). */
function onStep(anchor: string, step: number): boolean {
  const p = parseAnchor(anchor);
  if (!p.scenario && !p.step) return true;
  if (p.step) return ANCHOR_STEPS[p.step] === step;
  if (!p.field) return step >= 5 && step <= 9;
  return FIELD_STEP[p.field] === step;
}

/** What the wizard shares with the steps that draw one card per scenario. */
interface WizardComments {
  doc: Sra;
  step: number;
  comments: ReviewComment[];
  onResolve?: (cid: string) => Promise<void>;
}
const WizardCommentsContext = createContext<WizardComments | null>(null);

export function WizardCommentsProvider({ value, children }: { value: WizardComments; children: ComponentChildren }) {
  return <WizardCommentsContext.Provider value={value}>{children}</WizardCommentsContext.Provider>;
}

/** In a scenario's card of steps 6–9: the comments on the whole scenario and on the fields this step edits. */
export function ScenarioComments({ sid }: { sid: string }) {
  const ctx = useContext(WizardCommentsContext);
  if (!ctx) return null;
  const here = ctx.comments.filter((c) => {
    const p = parseAnchor(c.anchor);
    return p.scenario === sid && (p.field === '' || FIELD_STEP[p.field] === ctx.step);
  });
  if (!here.length) return null;
  return (
    <div class="rc-box rc-scenario" data-testid="scenario-comments">
      <h4>{t('rc.title')}</h4>
      <CommentList comments={here} doc={ctx.doc} onResolve={ctx.onResolve} />
    </div>
  );
}

/** At the top of a wizard step: the return reason, the comments on the whole SRA and on what this
 * step edits (but not those shown in a scenario's card), and where the other open ones are. */
export function WizardReviewNotes({ doc, step, state, onResolve, onGo }: {
  doc: Sra;
  step: number;
  state: ReviewCommentsState;
  onResolve?: (cid: string) => Promise<void>;
  onGo: (n: number) => void;
}) {
  const all = state.items ?? [];
  // At the top of this step: the whole SRA's, this step's, and a scenario's where no card shows it.
  const here = all.filter((c) => {
    const p = parseAnchor(c.anchor);
    if (!p.scenario && !p.step) return true;
    if (p.step) return ANCHOR_STEPS[p.step] === step;
    if (PER_SCENARIO_STEPS.includes(step)) return false;  // in the scenario's card (ScenarioComments)
    return p.field ? FIELD_STEP[p.field] === step : step === 5;
  });
  // Open comments shown on other steps only, counted by the step they are edited on.
  const elsewhere = new Map<number, number>();
  for (const c of all) {
    if (c.resolved || onStep(c.anchor, step)) continue;
    const s = anchorStep(c.anchor);
    elsewhere.set(s, (elsewhere.get(s) ?? 0) + 1);
  }
  return (
    <>
      <ErrorBox error={state.error} onRetry={state.reload} />
      {here.length > 0 && (
        <div class="rc-box" data-testid="step-comments">
          <h3>{t('rc.title')}</h3>
          <CommentList comments={here} doc={doc} onResolve={onResolve} />
        </div>
      )}
      {elsewhere.size > 0 && (
        <p class="rc-elsewhere" data-testid="comments-elsewhere">
          {t('rc.elsewhere')}{' '}
          {[...elsewhere.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => (
            <button key={s} type="button" class="btn btn-small btn-ghost" onClick={() => onGo(s)} data-step={s}>
              {t('rc.step_count', { step: t(('wiz.s' + s) as Key), n })}
            </button>
          ))}
        </p>
      )}
    </>
  );
}

/** For a reviewer at the SRA's current step: a comment on the whole SRA, a step, a scenario or a field.
 * With `scenario` (the overview's scenario list): on that scenario or one of its fields only. */
export function ReviewCommentForm({ doc, state, scenario, idPrefix = 'rc' }: {
  doc: Sra;
  state: ReviewCommentsState;
  scenario?: string;
  idPrefix?: string;
}) {
  const options = scenario
    ? anchorOptions(doc).filter(([v]) => v === 'scenarios/' + scenario || v.startsWith('scenarios/' + scenario + '/'))
    : anchorOptions(doc);
  const [anchor, setAnchor] = useState(scenario ? 'scenarios/' + scenario : 'sra');
  const [added, setAdded] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setError('');
    setAdded(false);
    if (!text.trim()) {
      setError(t('err.c.text_required'));
      return;
    }
    setBusy(true);
    try {
      await state.add(anchor, text.trim());
      setText('');
      setAdded(true);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="rc-form" data-testid="review-comment-form">
      <Field id={idPrefix + '-anchor'} label={t('rc.concerns')}>
        <select id={idPrefix + '-anchor'} value={anchor} onChange={(e) => setAnchor((e.target as HTMLSelectElement).value)}>
          {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
        </select>
      </Field>
      <Field id={idPrefix + '-text'} label={t('rc.text')} hint={t('rc.text_help')} error={error}>
        <textarea id={idPrefix + '-text'} rows={3} maxLength={2000} value={text} dir="auto"
          onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} {...describedBy(idPrefix + '-text', error, t('rc.text_help'))} />
      </Field>
      <div class="btn-row">
        <button type="button" class="btn" disabled={busy} onClick={submit} data-testid="add-comment">{t('rc.add')}</button>
      </div>
      {added && <p class="notice notice-ok" role="status" data-testid="comment-added">{t('rc.added')}</p>}
    </div>
  );
}

/** The overview's scenario list, for a reviewer at the SRA's current step: under the
 * list, the comments already made on the scenario picked and a form to add one on it or a field. */
export function ScenarioCommentPanel({ doc, sid, onClose }: { doc: Sra; sid: string; onClose: () => void }) {
  const state = useReviewComments(doc.id);
  const s = doc.scenarios.find((x) => x.id === sid);
  if (!s) return null;
  const here = (state.items ?? []).filter((c) => parseAnchor(c.anchor).scenario === sid);
  return (
    <div class="rc-box rc-overview" data-testid="scenario-comment-panel" data-scenario={sid}>
      <h3>{t('rc.on_scenario', { title: s.title })}</h3>
      <ErrorBox error={state.error} onRetry={state.reload} />
      <CommentList comments={here} doc={doc} testid="scenario-comment-list" />
      <ReviewCommentForm key={sid} doc={doc} state={state} scenario={sid} idPrefix="rcs" />
      <div class="btn-row">
        <button type="button" class="btn btn-small btn-ghost" onClick={onClose} data-testid="close-comment-panel">{t('rc.close')}</button>
      </div>
    </div>
  );
}
