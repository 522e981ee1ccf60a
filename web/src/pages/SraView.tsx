import { useEffect, useState } from 'preact/hooks';
import { useConfirm } from '../components/Confirm';
import { ImageLinks, RegisterButton } from '../components/ExportButtons';
import { ApiError, get, getAll, post } from '../api';
import { fmtDate, fmtDateTime, fmtList, lang, t, tx } from '../i18n';
import { go, href } from '../router';
import { areaName, orgName, useApp } from '../state';
import { hasVulnerability } from '../domain';
import { clearDraft, loadDraft, saveDraft } from '../drafts';
import type { AuditRow, Diff, Sra, SraAction, SraSummary } from '../types';
import { ErrorBox, Field, Loading, RiskBadge, StatusChip, describedBy, errorMessage } from '../components/ui';
import { Heatmap } from '../components/Heatmap';
import { MeasuresTable } from '../components/Measures';
import { AcceptabilityTable } from '../components/Acceptability';
import { AccessLog, mayReadAccessLog } from '../components/AccessLog';
import { CommentList, ReturnReason, ReviewCommentForm, ScenarioCommentPanel, anchorOptions, useReviewComments } from '../components/ReviewComments';

const TABS = ['overview', 'approvals', 'changes', 'audit', 'access'] as const;
/** The workflow steps among the actions: the approvals tab offers these (edit and revise are the page's). */
const WORKFLOW: readonly SraAction[] = ['submit', 'review', 'endorse', 'approve', 'return'];

export function SraView({ id, tab }: { id: string; tab: string }) {
  const app = useApp();
  const [doc, setDoc] = useState<Sra | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);

  const load = () => {
    setError(null);
    get<Sra>('/sras/' + id).then(setDoc).catch(setError);
  };
  useEffect(load, [id]);

  if (error) return <ErrorBox error={error} onRetry={load} />;
  if (!doc) return <Loading />;

  // The access log tab only for those who may read it (owners, DSS desk, auditors; issue 17).
  const tabs = TABS.filter((x) => x !== 'access' || mayReadAccessLog(app.user, doc));
  const current = (tabs as readonly string[]).includes(tab) ? tab : 'overview';
  // Edit and Revise as the server's own routes decide them (who conducts, status): GET "actions".
  const canEdit = (doc.actions ?? []).includes('edit');
  const canRevise = (doc.actions ?? []).includes('revise');

  const revise = async () => {
    setBusy(true);
    setActionError(null);
    try {
      const d = await post<Sra>('/sras/' + id + '/revise');
      go('/sras/' + d.id + '/edit/1');
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="sra-view">
      {/* Printed only (styles.css @media print): the marking the PDF carries on every page. */}
      <p class="print-marking" aria-hidden="true">
        UN Restricted{doc.status === 'published' || doc.status === 'superseded' ? '' : ' · ' + t('view.print_draft')}
      </p>
      <div class="page-head">
        <div>
          <h1>{doc.title}</h1>
          <p class="muted">
            {areaName(app, doc.area_id)} · {tx('kind', doc.kind)} · {t('common.version', { n: doc.version })} · <StatusChip status={doc.status} />
          </p>
        </div>
        <div class="head-actions">
          {canEdit && <a class="btn btn-primary" data-testid="edit-sra" href={href('/sras/' + id + '/edit/1')}>{t('view.edit')}</a>}
          {canRevise && <button type="button" class="btn" data-testid="revise-sra" disabled={busy} onClick={revise}>{t('view.revise')}</button>}
          {/* The server renders the document (GET /sras/{id}/document.pdf) in the UI's language; the
              session cookie goes with the link and Content-Disposition makes it a download. */}
          <a class="btn" data-testid="download-pdf" download href={'/api/v1/sras/' + id + '/document.pdf?lang=' + lang()}>{t('view.download_pdf')}</a>
          <RegisterButton sraId={id} />
          <button type="button" class="btn" onClick={() => window.print()}>{t('view.print')}</button>
        </div>
      </div>
      <ErrorBox error={actionError} />
      <ReturnReason doc={doc} />
      <dl class="facts facts-wide">
        <div><dt>{t('view.period')}</dt><dd>{doc.scope.from_date ? fmtDate(doc.scope.from_date) : '—'} – {doc.scope.to_date ? fmtDate(doc.scope.to_date) : '—'}</dd></div>
        <div><dt>{t('view.trigger')}</dt><dd>{doc.scope.trigger ? tx('trigger', doc.scope.trigger) : '—'}</dd></div>
        <div><dt>{t('view.threat')}</dt><dd>{doc.overall_threat ? doc.overall_threat + ' / 5' : '—'}</dd></div>
        <div><dt>{t('view.current')}</dt><dd><RiskBadge method={app.method} level={doc.overall_current_risk} /></dd></div>
        <div><dt>{t('view.residual')}</dt><dd data-testid="overall-residual"><RiskBadge method={app.method} level={doc.overall_residual_risk} /></dd></div>
        {doc.review_due && <div><dt>{t('view.review_due')}</dt><dd>{fmtDate(doc.review_due)}</dd></div>}
        {doc.validity && doc.status === 'published' || doc.validity?.reason === 'superseded' ? (
          <div data-testid="validity" data-current={doc.validity!.current ? 'true' : 'false'} data-reason={doc.validity!.reason}>
            <dt>{t('view.validity')}</dt>
            <dd>
              {tx('val', doc.validity!.reason)}
              {doc.validity!.in_force && doc.validity!.valid_until ? ' — ' + t('view.valid_until', { date: fmtDate(doc.validity!.valid_until) }) : ''}
            </dd>
          </div>
        ) : null}
      </dl>
      <nav class="tabs" aria-label={t('view.tabs')}>
        {tabs.map((x) => (
          <a key={x} href={href('/sras/' + id + (x === 'overview' ? '' : '/' + x))} aria-current={current === x ? 'page' : undefined} data-tab={x}>
            {t(('view.' + x) as 'view.overview')}
          </a>
        ))}
      </nav>
      {current === 'overview' && <Overview doc={doc} />}
      {current === 'approvals' && <Approvals doc={doc} onDoc={(d) => { setDoc(d); app.refreshInbox(); }} />}
      {current === 'changes' && <Changes doc={doc} />}
      {current === 'audit' && <Audit id={id} />}
      {current === 'access' && <AccessLog id={id} />}
    </div>
  );
}

function Overview({ doc }: { doc: Sra }) {
  const app = useApp();
  const m = app.method;
  const situation = Object.entries(doc.situation).filter(([, v]) => v.trim());
  // A reviewer at the current step comments on a scenario where they read it.
  const mayComment = (doc.actions ?? []).includes('return');
  const [commenting, setCommenting] = useState('');
  const openComment = (sid: string) => {
    setCommenting(sid);
    setTimeout(() => {
      const el = document.getElementById('rcs-text');
      el?.focus();
      el?.scrollIntoView({ block: 'center' });
    }, 0);
  };
  return (
    <div class="stack">
      <div class="grid-2">
        <section class="card">
          <Heatmap method={m} scenarios={doc.scenarios} mode="current" id="hm-current" />
          <ImageLinks base={'/sras/' + doc.id + '/heatmap'} query="kind=current" label={t('export.image')} testid="heatmap-image-current" />
        </section>
        <section class="card">
          <Heatmap method={m} scenarios={doc.scenarios} mode="residual" id="hm-residual" />
          <ImageLinks base={'/sras/' + doc.id + '/heatmap'} query="kind=residual" label={t('export.image')} testid="heatmap-image-residual" />
        </section>
      </div>
      <section class="card">
        <h2>{t('view.scenarios')}</h2>
        {doc.scenarios.length === 0 ? <p class="empty">{t('scn.none')}</p> : (
          <div class="table-wrap">
            <table class="table" data-testid="scenarios">
              <thead>
                <tr>
                  <th scope="col">{t('scn.title')}</th>
                  <th scope="col">{t('scn.category')}</th>
                  <th scope="col">{t('vul.exposed')}</th>
                  <th scope="col">{t('rate.likelihood')} × {t('rate.impact')}</th>
                  <th scope="col">{t('rate.current')}</th>
                  <th scope="col">{t('rate.residual')}</th>
                </tr>
              </thead>
              <tbody>
                {doc.scenarios.map((s) => (
                  <tr key={s.id} data-scenario={s.id}>
                    <th scope="row">
                      {s.title}
                      {mayComment && (
                        <>
                          <br />
                          <button type="button" class="btn btn-small btn-ghost" data-testid="comment-scenario" aria-expanded={commenting === s.id}
                            aria-label={t('rc.comment_on', { title: s.title })} onClick={() => openComment(s.id)}>{t('rc.comment')}</button>
                        </>
                      )}
                    </th>
                    <td>{tx('cat', s.threat_category)}</td>
                    <td>{hasVulnerability(s) ? s.vulnerability!.exposed : <span class="chip chip-warn">{t('vul.missing')}</span>}</td>
                    <td>
                      {s.likelihood ? tx('lik', s.likelihood) + ' × ' + tx('imp', s.impact) : '—'}
                      {s.likelihood && s.likelihood_suggested && (
                        <span class="hint ev-view" data-testid="view-suggested" data-diff={s.likelihood_difference ?? 0}>
                          <br />{t('ev.suggested_short', { level: tx('lik', s.likelihood_suggested) })}
                          {s.likelihood_reason ? ' — ' + s.likelihood_reason : ''}
                        </span>
                      )}
                      {s.likelihood && s.likelihood_suggestion?.no_evidence_reason && (
                        <span class="hint ev-view" data-testid="view-no-evidence" data-reason={s.likelihood_suggestion.no_evidence_reason}>
                          <br />{t('evf.no_evidence')} {tx('evr', s.likelihood_suggestion.no_evidence_reason)}
                        </span>
                      )}
                    </td>
                    <td><RiskBadge method={m} level={s.current_risk} /></td>
                    <td><RiskBadge method={m} level={s.residual_risk} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {mayComment && commenting && <ScenarioCommentPanel doc={doc} sid={commenting} onClose={() => setCommenting('')} />}
      </section>
      <section class="card">
        <h2>{t('view.measures')}</h2>
        <MeasuresTable scenarios={doc.scenarios} />
      </section>
      <section class="card">
        <h2>{t('view.acceptability')}</h2>
        <AcceptabilityTable sra={doc} />
      </section>
      <div class="grid-2">
        <section class="card">
          <h2>{t('view.threats')}</h2>
          {doc.threats.length === 0 ? <p class="empty">{t('thr.not_rated')}</p> : (
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t('scn.category')}</th>
                  <th scope="col">{t('view.factors')}</th>
                  <th scope="col">{t('view.threat')}</th>
                </tr>
              </thead>
              <tbody>
                {doc.threats.map((x) => (
                  <tr key={x.category}>
                    <th scope="row">{tx('cat', x.category)}</th>
                    {x.not_applicable ? (
                      <td colSpan={2} data-not-applicable="">{t('thr.not_applicable')}: {x.not_applicable_reason}</td>
                    ) : (
                      <>
                        {/* Each factor under the category's own name: hazards have frequency, magnitude, preparedness. */}
                        <td>{(x.factors ?? ['intent', 'capability', 'inhibiting']).map((f) => tx('thr', f) + ' ' + String((x as Record<string, unknown>)[f] ?? '—')).join(' · ')}</td>
                        <td><strong>{x.level}</strong> / 5</td>
                      </>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section class="card">
          <h2>{t('view.situation')}</h2>
          {situation.length === 0 ? <p class="empty">—</p> : (
            <dl class="situation">
              {situation.map(([k, v]) => (
                <div key={k}><dt>{tx('sit', k)}</dt><dd>{v}</dd></div>
              ))}
            </dl>
          )}
        </section>
      </div>
    </div>
  );
}

const STAGES = [
  { status: 'draft', role: 'security_professional' },
  { status: 'in_review', role: 'security_cell' },
  { status: 'reviewed', role: 'smt' },
  { status: 'endorsed', role: 'dss_desk' },
  { status: 'published', role: '' },
];

function Approvals({ doc, onDoc }: { doc: Sra; onDoc: (d: Sra) => void }) {
  const app = useApp();
  const draftKey = 'comment.' + doc.id;
  // The comment is kept on this device while it is written, so an expired session loses nothing.
  const [comment, setCommentState] = useState(() => loadDraft<string>(app.user.username, draftKey) ?? '');
  const setComment = (v: string) => {
    setCommentState(v);
    if (v) saveDraft(app.user.username, draftKey, v);
    else clearDraft(app.user.username, draftKey);
  };
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [commentError, setCommentError] = useState('');
  const [done, setDone] = useState('');
  const confirmDialog = useConfirm();
  // Review comments (issue 18): a return's reason may concern a scenario or a field, and a reviewer
  // at the current step comments on any of them.
  const comments = useReviewComments(doc.id);
  const [returnAnchor, setReturnAnchor] = useState('sra');

  // The steps this user may take now, as the server decides them (role, who conducts, separation
  // of duties): GET /sras/{id} "actions".
  const mine = (doc.actions ?? []).filter((a) => WORKFLOW.includes(a));
  const stageIdx = STAGES.findIndex((s) => s.status === (doc.status === 'returned' ? 'draft' : doc.status));
  const waitingRole = stageIdx >= 0 ? STAGES[stageIdx].role : '';

  const act = async (action: string) => {
    setError(null);
    setCommentError('');
    setDone('');
    if (action === 'return' && !comment.trim()) {
      setCommentError(t('err.comment_required'));
      document.getElementById('transition-comment')?.focus();
      return;
    }
    // Publishing makes this version the one every organization in the area works under: asked first,
    // naming the version, the area and what follows.
    if (action === 'approve' && !(await confirmDialog.ask({
      title: t('confirm.publish_title'),
      body: t('confirm.publish_body', { n: doc.version, title: doc.title, area: areaName(app, doc.area_id) }),
      confirm: tx('action', 'approve'),
    }))) return;
    setBusy(true);
    try {
      // The reason of a return that concerns one scenario or field is also a comment on it, shown there.
      if (action === 'return' && returnAnchor !== 'sra') await comments.add(returnAnchor, comment.trim());
      const d = await post<Sra>('/sras/' + doc.id + '/transitions', { action, comment: comment.trim(), revision: doc.revision });
      setComment('');
      setDone(t('view.done', { status: tx('status', d.status) }));
      // The read model says what this user may do next (the transition's answer does not); the
      // answer names who acted as the read does, so it stands in when the read fails.
      onDoc(await get<Sra>('/sras/' + doc.id).catch(() => ({ ...d, actions: [] })));
    } catch (e) {
      if (e instanceof ApiError && e.field === 'comment') setCommentError(errorMessage(e));
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="stack">
      <section class="card">
        <h2>{t('view.workflow')}</h2>
        <ol class="workflow" data-testid="workflow">
          {STAGES.map((s, i) => (
            <li key={s.status} class={i < stageIdx || doc.status === 'published' ? 'past' : i === stageIdx ? 'now' : ''}>
              <span class="wf-dot" aria-hidden="true">{i < stageIdx || doc.status === 'published' ? '✓' : i + 1}</span>
              <span class="wf-label">{tx('status', s.status)}</span>
              {s.role && <span class="wf-role">{tx('role', s.role)}</span>}
            </li>
          ))}
        </ol>
        {doc.status === 'returned' && <p class="notice notice-warn">{tx('status', 'returned')}</p>}
        <h3>{t('view.next_action')}</h3>
        {confirmDialog.dialog}
        {done && <div class="notice notice-ok" role="status" data-testid="transition-done">{done}</div>}
        <ErrorBox error={error} />
        {mine.length === 0 ? (
          <p class="hint" data-testid="no-action">
            {t('view.no_action')} {waitingRole ? t('view.waiting_for', { role: tx('role', waitingRole) }) : ''}
          </p>
        ) : (
          <div class="transition-box">
            <Field id="transition-comment" label={t('view.comment')} hint={t('view.comment_help')} error={commentError}>
              <textarea id="transition-comment" rows={3} value={comment} onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)}
                {...describedBy('transition-comment', commentError, t('view.comment_help'))} />
            </Field>
            {mine.includes('return') && (
              <Field id="return-anchor" label={t('rc.return_concerns')}>
                <select id="return-anchor" value={returnAnchor} onChange={(e) => setReturnAnchor((e.target as HTMLSelectElement).value)}>
                  {anchorOptions(doc).map(([v, l]) => <option key={v} value={v}>{l}</option>)}
                </select>
              </Field>
            )}
            <div class="btn-row">
              {mine.map((action) => (
                <button key={action} type="button" class={'btn ' + (action === 'return' ? 'btn-danger' : 'btn-primary')} disabled={busy}
                  data-action={action} onClick={() => act(action)}>
                  {tx('action', action)}
                </button>
              ))}
            </div>
          </div>
        )}
      </section>
      <section class="card" data-testid="review-comments">
        <h2>{t('rc.title')}</h2>
        <ErrorBox error={comments.error} onRetry={comments.reload} />
        {comments.items && comments.items.length === 0 && <p class="empty">{t('rc.none')}</p>}
        <CommentList comments={comments.items ?? []} doc={doc} />
        {mine.includes('return') && <ReviewCommentForm doc={doc} state={comments} />}
      </section>
      <section class="card">
        <h2>{t('view.history')}</h2>
        {doc.history.length === 0 ? <p class="empty">{t('view.history_empty')}</p> : (
          <ol class="timeline" data-testid="history">
            {[...doc.history].reverse().map((h, i) => (
              <li key={i} data-action={h.action}>
                <div class="tl-head">
                  <strong>{tx('action', h.action)}</strong> · {h.by_name || h.by} ({tx('role', h.role)}) · <time dateTime={h.at}>{fmtDateTime(h.at)}</time>
                </div>
                <div class="tl-status"><StatusChip status={h.from} /> → <StatusChip status={h.to} /></div>
                {h.comment && <blockquote>{h.comment}</blockquote>}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

function Changes({ doc }: { doc: Sra }) {
  const [versions, setVersions] = useState<SraSummary[] | null>(null);
  const [from, setFrom] = useState(doc.version - 1);
  const [diff, setDiff] = useState<Diff | null>(null);
  // The older version's document names what was removed or renamed (the diff in words).
  const [older, setOlder] = useState<Sra | null>(null);
  // The sentences' code is fetched with the tab (the entry bundle keeps its budget).
  const [words, setWords] = useState<typeof import('../diffText') | null>(null);
  useEffect(() => { import('../diffText').then(setWords).catch(setError); }, []);
  const [error, setError] = useState<unknown>(null);
  const app = useApp();
  useEffect(() => {
    get<{ items: SraSummary[] }>('/sras/' + doc.id + '/versions').then((r) => setVersions(r.items)).catch(setError);
  }, [doc.id]);
  useEffect(() => {
    if (from < 1) return;
    setDiff(null);
    setOlder(null);
    get<Diff>('/sras/' + doc.id + '/diff?from=' + from)
      .then((d) => get<Sra>('/sras/' + encodeURIComponent(d.from_id)).then((o) => { setOlder(o); setDiff(d); }))
      .catch(setError);
  }, [doc.id, from]);
  return (
    <section class="card">
      <h2>{t('view.changes')}</h2>
      {versions && (
        <ul class="versions">
          {versions.map((v) => (
            <li key={v.id}>
              <a href={href('/sras/' + v.id)} aria-current={v.id === doc.id ? 'page' : undefined}>{t('common.version', { n: v.version })}</a>{' '}
              <StatusChip status={v.status} />
            </li>
          ))}
        </ul>
      )}
      {doc.version < 2 ? <p class="empty" data-testid="diff-none">{t('view.diff_none')}</p> : (
        <>
          <div class="field field-inline">
            <label for="diff-from">{t('view.compare_from')}</label>
            <select id="diff-from" value={String(from)} onChange={(e) => setFrom(Number((e.target as HTMLSelectElement).value))}>
              {Array.from({ length: doc.version - 1 }, (_, i) => i + 1).map((n) => <option key={n} value={String(n)}>{t('common.version', { n })}</option>)}
            </select>
          </div>
          <ErrorBox error={error} />
          {!diff || !words ? <Loading /> : diff.changes.length === 0 ? <p class="empty">{t('view.diff_empty')}</p> : (
            <ul class="diff-words" data-testid="diff" aria-label={t('dif.list_label', { from: diff.from_version, to: diff.to_version })}>
              {words.describeChanges(diff.changes, older, doc, (o) => orgName(app, o)).map((line, i) => <li key={i}>{line}</li>)}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

/** An audit entry's action in words: a workflow step by its name, an edit by what it did. */
function auditAction(action: string): string {
  if (action.startsWith('sra.transition.')) return tx('action', action.slice('sra.transition.'.length));
  const w = tx('aud', action);
  return w === action ? action.replace(/^sra\./, '').replace(/[._]/g, ' ') : w;
}

/** Top-level keys whose values differ between two JSON documents (for a one-line audit summary). */
function changedKeys(before: string, after: string): string[] {
  try {
    const a = before ? JSON.parse(before) : {};
    const b = after ? JSON.parse(after) : {};
    if (typeof a !== 'object' || typeof b !== 'object' || !a || !b) return [];
    const skip = new Set(['revision', 'updated_at', 'history']);
    return Array.from(new Set([...Object.keys(a), ...Object.keys(b)])).filter((k) => !skip.has(k) && JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  } catch {
    return [];
  }
}

function Audit({ id }: { id: string }) {
  const [rows, setRows] = useState<AuditRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    getAll<AuditRow>('/sras/' + id + '/audit').then(setRows).catch(setError);
  }, [id]);
  if (error) return <ErrorBox error={error} />;
  if (!rows) return <Loading />;
  return (
    <section class="card">
      <h2>{t('view.audit')}</h2>
      {rows.length === 0 ? <p class="empty">{t('view.audit_empty')}</p> : (
        <div class="table-wrap">
          <table class="table" data-testid="audit">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('view.audit_when')}</th>
                <th scope="col">{t('view.audit_who')}</th>
                <th scope="col">{t('view.audit_role')}</th>
                <th scope="col">{t('view.audit_action')}</th>
                <th scope="col">{t('view.audit_detail')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                let detail = '';
                if (r.action.startsWith('sra.transition.')) {
                  try {
                    const a = JSON.parse(r.after);
                    const b = JSON.parse(r.before);
                    detail = tx('status', b.status) + ' → ' + tx('status', a.status) + (a.comment ? ' — “' + a.comment + '”' : '');
                  } catch {
                    detail = '';
                  }
                } else {
                  const keys = changedKeys(r.before, r.after);
                  // The record's field names in words, as in the version diff.
                  if (keys.length && r.before) detail = t('view.changed_fields', { list: fmtList(keys.map((k) => { const w = tx('dif.f', k); return w === k ? k.replace(/_/g, ' ') : w; })) });
                }
                return (
                  <tr key={r.seq}>
                    <td>{r.seq}</td>
                    <td><time dateTime={r.at}>{fmtDateTime(r.at)}</time></td>
                    <td>{r.actor_name || r.actor}</td>
                    <td>{tx('role', r.role)}</td>
                    <td data-action={r.action}>{auditAction(r.action)}</td>
                    <td>{detail}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
