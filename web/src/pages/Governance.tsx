// Security governance (issue 16; 002 §§ 40-41, 49): the bodies with their members, versioned terms
// of reference, reporting lines and dated obligations; meetings and the decisions taken there with
// who is tasked by when (CSV/Excel from the server's list export). Everybody signed in reads it;
// the governance secretariat records it. GovernanceDueCard is the dashboard's view of what is due.
import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../api';
import { fmtDate, t, tx } from '../i18n';
import { href } from '../router';
import { orgName, useApp } from '../state';
import { useTypedGuard } from '../leaveGuard';
import { hasRole } from '../domain';
import type { components } from '../generated/api';
import { Card, ErrorBox, Field, FormError, Loading, fieldErrors, type Errors } from '../components/ui';
import { ExportButtons } from '../components/ExportButtons';
import { LoadMore } from '../components/LoadMore';
import { useList } from '../useList';
import { BodyForm } from './GovernanceForms';
import { useListView, withView } from '../listView';
import { FilterDate, FilterSelect, ListFilters, SortHeader, SortSelect } from '../components/ListControls';

// The decisions table's view (kept in the address bar), also the query parameters of
// GET /api/v1/governance/decisions.
const DECISION_VIEW = ['q', 'status', 'body_id', 'due_from', 'due_to', 'sort'] as const;
// The bodies' and the meetings' views, prefixed in the address bar (b_q, m_body_id, ...)
// beside the decisions'; each is the query of GET /api/v1/governance/bodies and .../meetings.
const BODY_VIEW = ['q', 'kind', 'sort'] as const;
const MEETING_VIEW = ['q', 'body_id', 'held_from', 'held_to', 'sort'] as const;
const BODY_KINDS = ['security_governance_group', 'iasmn', 'egs', 'smt', 'finance_budget_network'] as const;

type Body = components['schemas']['GovernanceBody'];
type Meeting = components['schemas']['GovernanceMeeting'];
type Decision = components['schemas']['GovernanceDecision'];
type Due = components['schemas']['GovernanceDue'];

const today = () => new Date().toISOString().slice(0, 10);

/** The obligation in the reader's language where the catalog knows its kind; else the server's title. */
function obligationTitle(o: Body['obligations'][number]): string {
  const s = tx('gv.obl', o.kind);
  return s === o.kind ? o.title : s;
}

/** Obligations and tasks due within 30 days or overdue (the dashboard shows it when there are any). */
export function GovernanceDueCard({ version = 0 }: { version?: number }) {
  const [due, setDue] = useState<Due['items'] | null>(null);
  // An obligation's kind (for its title in the reader's language) is on its body, not on the due item.
  const [kinds, setKinds] = useState<Map<string, Body['obligations'][number]>>(new Map());
  useEffect(() => {
    get<Due>('/governance/due').then((d) => {
      setDue(d.items);
      if (d.items.some((i) => i.kind === 'obligation'))
        get<{ items: Body[] }>('/governance/bodies?limit=500')
          .then((b) => setKinds(new Map(b.items.flatMap((x) => x.obligations.map((o) => [o.id, o] as const)))))
          .catch(() => undefined);
    }).catch(() => setDue([]));
  }, [version]);
  if (!due || due.length === 0) return null;
  return (
    <Card title={t('gv.due')}>
      <ul class="rowlist" data-testid="gov-due">
        {due.map((d) => (
          <li key={d.id} class={d.state === 'overdue' ? 'overdue' : ''}>
            <a href={href('/governance')}>{d.kind === 'obligation' && kinds.has(d.id) ? obligationTitle(kinds.get(d.id)!) : d.title}</a>
            <span class="rowmeta">{d.body_name} · {fmtDate(d.due_on)} · <strong>{tx('gv.state', d.state)}</strong></span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function BodyCard({ body, secretariat, onChange }: { body: Body; secretariat: boolean; onChange: (b: Body) => void }) {
  const app = useApp();
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  // Terms of reference typed and not saved are asked about before the page is left.
  useTypedGuard(!!text.trim());
  const inForce = [...body.tor].reverse().find((v) => v.status === 'published');
  const act = async (path: string, payload?: unknown) => {
    setErrors({});
    try {
      onChange(await post<Body>(path, payload));
      setText('');
    } catch (e) {
      setErrors(fieldErrors(e));
    }
  };
  return (
    <Card title={body.name}>
      <p class="muted">
        {tx('gv.kind', body.kind)}
        {body.reports_to ? ' · ' + t('gv.reports_to', { to: body.reports_to }) : ''}
        {' · '}{t('gv.established', { date: fmtDate(body.established_on) })}
      </p>
      <FormError errors={errors} />
      {body.members.length > 0 && (
        <ul class="plain" data-testid="gov-members">
          {body.members.map((m, i) => (
            <li key={i}>{m.name} ({tx('gv.role', m.member_role)}{m.organization_id ? ', ' + orgName(app, m.organization_id) : ''})</li>
          ))}
        </ul>
      )}
      {body.obligations.map((o) => (
        <p key={o.id} data-testid="gov-obligation">
          <strong>{obligationTitle(o)}</strong> — {fmtDate(o.due_on)}{' '}
          {o.done_on ? t('gv.done_on', { date: fmtDate(o.done_on) }) : secretariat && (
            <button class="btn btn-small" onClick={() => act('/governance/bodies/' + body.id + '/obligations/' + o.id + '/complete')}>
              {t('gv.mark_done')}
            </button>
          )}
        </p>
      ))}
      <details>
        <summary>{inForce ? t('gv.tor_in_force', { v: inForce.version }) : t('gv.tor_none')}</summary>
        {inForce && <pre class="tor" data-testid="gov-tor">{inForce.text}</pre>}
        <ul class="rowlist">
          {body.tor.map((v) => (
            <li key={v.version}>
              {t('gv.tor_version', { v: v.version })} · {tx('gv.tor_status', v.status)}
              {v.published_at ? ' · ' + fmtDate(v.published_at) : ''}
              {secretariat && v.status === 'draft' && (
                <button class="btn btn-small" onClick={() => act('/governance/bodies/' + body.id + '/tor/' + v.version + '/publish')}>
                  {t('gv.publish')}
                </button>
              )}
            </li>
          ))}
        </ul>
        {secretariat && (
          <form onSubmit={(e) => { e.preventDefault(); act('/governance/bodies/' + body.id + '/tor', { text }); }}>
            <Field id={'tor-' + body.id} label={t('gv.tor_new')} error={errors.text}>
              <textarea id={'tor-' + body.id} rows={4} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
            </Field>
            <button type="submit" class="btn">{t('gv.tor_draft')}</button>
          </form>
        )}
      </details>
    </Card>
  );
}

export function Governance() {
  const app = useApp();
  const secretariat = hasRole(app.user, 'governance') || hasRole(app.user, 'admin');
  const bodyView = useListView('/governance', BODY_VIEW, 'b_');
  const meetingView = useListView('/governance', MEETING_VIEW, 'm_');
  const bodies = useList<Body>(withView('/governance/bodies', bodyView.query));
  const meetings = useList<Meeting>(withView('/governance/meetings', meetingView.query));
  // Every body, whatever the bodies' filters: the names the meetings and decisions show, the forms' choices.
  const allBodies = useList<Body>('/governance/bodies', 500);
  const view = useListView('/governance', DECISION_VIEW);
  const decisionsPath = withView('/governance/decisions', view.query);
  const decisions = useList<Decision>(decisionsPath);
  const [overrides, setOverrides] = useState<Record<string, Body>>({});
  // Bumped when a body or an obligation changes, so the due card asks the server again.
  const [dueVersion, setDueVersion] = useState(0);
  const [meeting, setMeeting] = useState({ body_id: '', held_on: today(), title: '', summary: '' });
  const [decision, setDecision] = useState({ meeting_id: '', text: '', tasked_to: '', due_on: '' });
  // Each form shows its own errors; marking a decision done shows them above the table.
  const [errors, setErrors] = useState<Errors>({});
  const [dErrors, setDErrors] = useState<Errors>({});
  const [listError, setListError] = useState<unknown>(null);
  // A meeting or decision typed and not recorded is asked about before the page is left.
  useTypedGuard(!!(meeting.title.trim() || meeting.summary.trim() || decision.text.trim()));
  const bodyName = (id: string) => (allBodies.items ?? []).find((b) => b.id === id)?.name ?? id;
  const bodyOptions = (allBodies.items ?? []).map((b) => ({ value: b.id, label: b.name }));
  const submit = async (path: string, payload: unknown, after: () => void, setErr: (e: Errors) => void = setErrors) => {
    setErr({});
    try {
      await post(path, payload);
      after();
    } catch (e) {
      setErr(fieldErrors(e));
    }
  };
  const complete = async (id: string) => {
    setListError(null);
    try {
      await post('/governance/decisions/' + id + '/complete', {});
      decisions.reload();
      setDueVersion(dueVersion + 1);
    } catch (e) {
      setListError(e);
    }
  };
  return (
    <div>
      <div class="page-head">
        <div>
          <h1>{t('gv.title')}</h1>
          <p class="muted">{t('gv.intro')}</p>
        </div>
      </div>
      <GovernanceDueCard version={dueVersion} />
      <h2>{t('gv.bodies')}</h2>
      <ListFilters view={bodyView} id="gov-bodies" label={t('gv.bodies')}>
        <FilterSelect view={bodyView} id="gov-bodies" name="kind" label={t('gv.kind_label')}
          options={BODY_KINDS.map((k) => ({ value: k, label: tx('gv.kind', k) }))} />
        <SortSelect view={bodyView} id="gov-bodies" options={['name', '-name']} />
      </ListFilters>
      <ErrorBox error={bodies.error} />
      {!bodies.items && !bodies.error && <Loading />}
      {bodies.items && bodies.items.length === 0 && bodyView.active && <p class="empty">{t('lf.no_match')}</p>}
      <div class="stack" data-testid="gov-bodies">
        {(bodies.items ?? []).map((b) => (
          <BodyCard key={b.id} body={overrides[b.id] ?? b} secretariat={secretariat}
            onChange={(nb) => { setOverrides({ ...overrides, [nb.id]: nb }); setDueVersion(dueVersion + 1); }} />
        ))}
      </div>
      <LoadMore list={bodies} />
      <h2>{t('gv.meetings')}</h2>
      <ListFilters view={meetingView} id="gov-meetings" label={t('gv.meetings')}>
        <FilterSelect view={meetingView} id="gov-meetings" name="body_id" label={t('gv.body')} options={bodyOptions} />
        <FilterDate view={meetingView} id="gov-meetings" name="held_from" label={t('lf.held_from')} />
        <FilterDate view={meetingView} id="gov-meetings" name="held_to" label={t('lf.held_to')} />
        <SortSelect view={meetingView} id="gov-meetings" options={['-held', 'held', 'title']} />
      </ListFilters>
      <ErrorBox error={meetings.error} />
      {meetings.items && meetings.items.length === 0 && meetingView.active && <p class="empty">{t('lf.no_match')}</p>}
      <ul class="rowlist" data-testid="gov-meetings">
        {(meetings.items ?? []).map((m) => (
          <li key={m.id} data-meeting={m.id}><strong>{m.title}</strong><span class="rowmeta">{bodyName(m.body_id)} · {fmtDate(m.held_on)} · {m.summary}</span></li>
        ))}
      </ul>
      <LoadMore list={meetings} />
      <h2>{t('gv.decisions')}</h2>
      <ErrorBox error={decisions.error} />
      <ErrorBox error={listError} />
      <ListFilters view={view} id="gov-decisions" label={t('gv.decisions')}>
        <FilterSelect view={view} id="gov-decisions" name="status" label={t('gv.status')}
          options={['open', 'done'].map((s) => ({ value: s, label: tx('gv.dstatus', s) }))} />
        <FilterSelect view={view} id="gov-decisions" name="body_id" label={t('gv.body')} options={bodyOptions} />
        <FilterDate view={view} id="gov-decisions" name="due_from" label={t('lf.due_from')} />
        <FilterDate view={view} id="gov-decisions" name="due_to" label={t('lf.due_to')} />
      </ListFilters>
      {decisions.items && decisions.items.length > 0 && <ExportButtons path={decisionsPath} testid="gov-decisions-export" />}
      {decisions.items && decisions.items.length === 0 && <p class="empty">{view.active ? t('lf.no_match') : t('gv.no_decisions')}</p>}
      {decisions.items && decisions.items.length > 0 && (
        <div class="table-wrap">
          <table class="table" data-testid="gov-decisions">
            <thead>
              <tr><th>{t('gv.decision')}</th><th>{t('gv.tasked')}</th><SortHeader view={view} sortKey="due" label={t('gv.due_on')} /><th>{t('gv.status')}</th><th /></tr>
            </thead>
            <tbody>
              {decisions.items.map((d) => (
                <tr key={d.id}>
                  <td>{d.text}<div class="muted">{bodyName(d.body_id)}</div></td>
                  <td>{d.tasked_to}</td>
                  <td>{d.due_on ? fmtDate(d.due_on) : ''}</td>
                  <td>{tx('gv.dstatus', d.status)}{d.done_on ? ' · ' + fmtDate(d.done_on) : ''}</td>
                  <td>
                    {d.status === 'open' && (secretariat || d.tasked_user_id === app.user.id) && (
                      <button class="btn btn-small" onClick={() => complete(d.id)}>{t('gv.mark_done')}</button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={decisions} />
      {secretariat && (
        <div class="stack gov-forms">
        <BodyForm bodies={allBodies.items ?? []} onCreated={() => { bodies.reload(); allBodies.reload(); setDueVersion(dueVersion + 1); }} />
        <div class="row-2">
          <form class="card" data-testid="gov-meeting-new" onSubmit={(e) => {
            e.preventDefault();
            submit('/governance/meetings', meeting, () => { meetings.reload(); setMeeting({ ...meeting, title: '', summary: '' }); });
          }}>
            <h2>{t('gv.meeting_new')}</h2>
            <FormError errors={errors} />
            <Field id="gm-body" label={t('gv.body')} error={errors.body_id}>
              <select id="gm-body" value={meeting.body_id} onChange={(e) => setMeeting({ ...meeting, body_id: (e.target as HTMLSelectElement).value })}>
                <option value="" />
                {(allBodies.items ?? []).map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
              </select>
            </Field>
            <Field id="gm-date" label={t('gv.held_on')} error={errors.held_on}>
              <input id="gm-date" type="date" value={meeting.held_on} onInput={(e) => setMeeting({ ...meeting, held_on: (e.target as HTMLInputElement).value })} />
            </Field>
            <Field id="gm-title" label={t('gv.meeting_title')} error={errors.title}>
              <input id="gm-title" value={meeting.title} onInput={(e) => setMeeting({ ...meeting, title: (e.target as HTMLInputElement).value })} />
            </Field>
            <Field id="gm-summary" label={t('gv.summary')} error={errors.summary}>
              <textarea id="gm-summary" rows={2} value={meeting.summary} onInput={(e) => setMeeting({ ...meeting, summary: (e.target as HTMLTextAreaElement).value })} />
            </Field>
            <button type="submit" class="btn btn-primary">{t('gv.record')}</button>
          </form>
          <form class="card" data-testid="gov-decision-new" onSubmit={(e) => {
            e.preventDefault();
            submit('/governance/decisions', { ...decision, due_on: decision.due_on || null },
              () => { decisions.reload(); setDecision({ ...decision, text: '' }); setDueVersion(dueVersion + 1); }, setDErrors);
          }}>
            <h2>{t('gv.decision_new')}</h2>
            <FormError errors={dErrors} />
            <Field id="gd-meeting" label={t('gv.meeting')} error={dErrors.meeting_id}>
              <select id="gd-meeting" value={decision.meeting_id} onChange={(e) => setDecision({ ...decision, meeting_id: (e.target as HTMLSelectElement).value })}>
                <option value="" />
                {(meetings.items ?? []).map((m) => <option key={m.id} value={m.id}>{m.title} ({fmtDate(m.held_on)})</option>)}
              </select>
            </Field>
            <Field id="gd-text" label={t('gv.decision')} error={dErrors.text}>
              <textarea id="gd-text" rows={2} value={decision.text} onInput={(e) => setDecision({ ...decision, text: (e.target as HTMLTextAreaElement).value })} />
            </Field>
            <Field id="gd-tasked" label={t('gv.tasked')} error={dErrors.tasked_to}>
              <input id="gd-tasked" value={decision.tasked_to} onInput={(e) => setDecision({ ...decision, tasked_to: (e.target as HTMLInputElement).value })} />
            </Field>
            <Field id="gd-due" label={t('gv.due_on')} error={dErrors.due_on}>
              <input id="gd-due" type="date" value={decision.due_on} onInput={(e) => setDecision({ ...decision, due_on: (e.target as HTMLInputElement).value })} />
            </Field>
            <button type="submit" class="btn btn-primary">{t('gv.record')}</button>
          </form>
        </div>
        </div>
      )}
    </div>
  );
}
