// Security clearance: the requests of my organization, filing a new one (with a preview of the
import { ExportButtons } from '../components/ExportButtons';
import { useConfirm } from '../components/Confirm';
import { goAnyway, useLeaveGuard, useTypedGuard } from '../leaveGuard';
// decision per leg), a request with its legs and reasons, the approver inbox, and notifications.
import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../api';
import { fmtDate, fmtDateTime, t, tx } from '../i18n';
import { href } from '../router';
import { areaName, orgName, useApp } from '../state';
import { hasRole } from '../domain';
import type { ClearanceRequest, Leg, Notification, Programme, Reason } from '../types';
import { ErrorBox, Field, FormError, Loading, fieldErrors, type Errors } from '../components/ui';
import { LoadMore } from '../components/LoadMore';
import { useList } from '../useList';
import { useListView, withView } from '../listView';
import { FilterDate, FilterSelect, ListFilters, SortHeader } from '../components/ListControls';
import { legReasonText } from '../reasons';
import { egsName } from '../names';
import { notificationCause, notificationLink, notificationRule, notificationText, useProgrammeNames } from '../notifications';

export type { ClearanceRequest, Leg, Reason } from '../types';

export function LegStatus({ status }: { status: string }) {
  return (
    <span class={'chip legst-' + status} data-leg-status={status}>
      {tx('legst', status)}
    </span>
  );
}

function today(offset = 0): string {
  return new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
}

export function Notifications() {
  const app = useApp();
  const [items, setItems] = useState<Notification[] | null>(null);
  const programmes = useProgrammeNames(items);
  const load = () => {
    get<{ items: Notification[] }>('/notifications?unread=true&limit=20')
      .then((r) => setItems(r.items))
      .catch(() => setItems([]));
  };
  useEffect(load, []);
  if (!items || items.length === 0 || !programmes) return null;
  return (
    <section class="card" data-testid="notifications" aria-labelledby="ntf-h">
      <h2 id="ntf-h">{t('clr.notifications')}</h2>
      <ul class="rowlist compact">
        {items.map((n) => {
          const text = notificationText(app, n, programmes);
          const rule = notificationRule(n);
          const cause = notificationCause(n);
          return (
            <li key={n.id} data-notification={n.id} data-type={n.type}>
              <span>
                <a href={href(notificationLink(n))}>{text}</a>
                <span class="rowmeta">{rule ? ' · ' + rule : ''}{cause ? ' · ' + cause : ''} · {fmtDateTime(n.created_at)}</span>
              </span>
              <button type="button" class="btn btn-small" onClick={() => post('/notifications/' + n.id + '/read').then(load)}>
                {t('clr.mark_read')}
                <span class="visually-hidden">: {text}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

// The view's keys, also the query parameters of GET /api/v1/clearances.
const CLEARANCE_VIEW = ['q', 'status', 'area_id', 'travel_from', 'travel_to', 'sort'] as const;
const REQUEST_STATUSES = ['pending', 'cleared', 'blocked', 'refused'];

export function Clearances() {
  const app = useApp();
  const view = useListView('/clearances', CLEARANCE_VIEW);
  const path = withView('/clearances', view.query);
  const list = useList<ClearanceRequest>(path);
  const { items, error } = list;
  // The DSS security adviser decides referred legs; the security cell advises on them.
  const approver = hasRole(app.user, 'security_cell') || hasRole(app.user, 'security_professional') ||
    hasRole(app.user, 'sra_designate') || hasRole(app.user, 'dss_desk') || hasRole(app.user, 'executive_office');
  return (
    <div>
      <div class="page-head">
        <div>
          <h1>{t('clr.title')}</h1>
          <p class="muted">{t('clr.intro')}</p>
        </div>
        <div class="actions">
          <ExportButtons path={path} />
          {approver && <a class="btn" href={href('/clearances/inbox')}>{t('clr.inbox')}</a>}
          <a class="btn btn-primary" href={href('/clearances/new')} data-testid="new-clearance">+ {t('clr.new')}</a>
        </div>
      </div>
      <Notifications />
      <ListFilters view={view} id="clearances">
        <FilterSelect view={view} id="clearances" name="status" label={t('clr.status')}
          options={REQUEST_STATUSES.map((s) => ({ value: s, label: tx('legst', s) }))} />
        <FilterSelect view={view} id="clearances" name="area_id" label={t('lf.area')}
          options={app.areas.map((a) => ({ value: a.id, label: areaName(app, a.id) }))} />
        <FilterDate view={view} id="clearances" name="travel_from" label={t('lf.travel_from')} />
        <FilterDate view={view} id="clearances" name="travel_to" label={t('lf.travel_to')} />
      </ListFilters>
      {error ? <ErrorBox error={error} onRetry={list.reload} /> : !items ? <Loading /> : items.length === 0 ? (
        <p class="empty">{view.active ? t('lf.no_match') : t('clr.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table" data-testid="clearances">
            <thead>
              <tr>
                <SortHeader view={view} sortKey="traveller" label={t('clr.traveller')} />
                <th scope="col">{t('clr.activity')}</th>
                <SortHeader view={view} sortKey="from" label={t('clr.dates')} />
                <th scope="col">{t('clr.organization')}</th>
                <th scope="col">{t('clr.status')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id} data-clearance={c.id}>
                  <th scope="row"><a href={href('/clearances/' + c.id)}>{c.traveller.name}</a></th>
                  <td>{c.activity} (PC{c.pc})</td>
                  <td>{fmtDate(c.from)} – {fmtDate(c.to)}</td>
                  <td>{orgName(app, c.organization_id)}</td>
                  <td><LegStatus status={c.status} /></td>
                </tr>
              ))}
            </tbody>
          </table>
          <LoadMore list={list} />
        </div>
      )}
    </div>
  );
}

interface LegInput { area_id: string; from: string; to: string }

export function ClearanceNew() {
  const app = useApp();
  const [activity, setActivity] = useState('');
  // SRM-METHOD.md 7a: the traveller names the programme the travel serves (or none: PC4); the PC
  // comes from that programme's current PC assessment, never from the form.
  const [programmeId, setProgrammeId] = useState('');
  const [programmes, setProgrammes] = useState<Programme[]>([]);
  useEffect(() => {
    get<{ items: Programme[] }>('/programmes')
      .then((r) => setProgrammes(r.items.filter((p) => p.organization_id === app.user?.organization_id)))
      .catch(() => setProgrammes([]));
  }, []);
  const [mission, setMission] = useState('');
  const [purpose, setPurpose] = useState('');
  const [legs, setLegs] = useState<LegInput[]>([{ area_id: app.areas[0]?.id ?? '', from: today(7), to: today(9) }]);
  const [preview, setPreview] = useState<ClearanceRequest | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  // A request typed and not sent is asked about before the page is left (the legs' default dates aside).
  useLeaveGuard(!!(activity.trim() || mission.trim() || purpose.trim()), '/clearances/new');
  const body = () => ({
    activity: activity || undefined,
    programme_id: programmeId || undefined,
    mission_ref: mission || undefined,
    purpose: purpose || undefined,
    legs,
  });
  const setLeg = (i: number, patch: Partial<LegInput>) => {
    setLegs(legs.map((l, k) => (k === i ? { ...l, ...patch } : l)));
    setPreview(null);
  };
  const run = async (mode: 'preview' | 'submit') => {
    setBusy(true);
    setErrors({});
    try {
      if (mode === 'preview') setPreview(await post<ClearanceRequest>('/clearances/preview', body()));
      else {
        const r = await post<ClearanceRequest>('/clearances', body());
        goAnyway('/clearances/' + r.id);
      }
    } catch (e) {
      setErrors(fieldErrors(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <div class="page-head">
        <h1>{t('clr.new_title')}</h1>
        <p class="muted">{t('clr.new_intro')}</p>
      </div>
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault();
          run('submit');
        }}
      >
        <FormError errors={errors} />
        <div class="row-2">
          <Field id="clr-activity" label={t('clr.activity')} error={errors.activity}>
            <input id="clr-activity" value={activity} onInput={(e) => setActivity((e.target as HTMLInputElement).value)} required={!programmeId} />
          </Field>
          <Field id="clr-programme" label={t('clr.programme')} error={errors.programme_id ?? errors.pc} hint={t('clr.programme_hint')}>
            <select id="clr-programme" value={programmeId} onChange={(e) => { setProgrammeId((e.target as HTMLSelectElement).value); setPreview(null); }}>
              <option value="">{t('clr.programme_none')}</option>
              {programmes.map((p) => <option value={p.id} key={p.id}>{p.name} · {p.activity}</option>)}
            </select>
          </Field>
          <Field id="clr-mission" label={t('clr.mission')} hint={t('clr.mission_hint')} error={errors.mission_ref}>
            <input id="clr-mission" value={mission} onInput={(e) => setMission((e.target as HTMLInputElement).value)} />
          </Field>
          <Field id="clr-purpose" label={t('clr.purpose')} error={errors.purpose}>
            <input id="clr-purpose" value={purpose} onInput={(e) => setPurpose((e.target as HTMLInputElement).value)} />
          </Field>
        </div>
        <fieldset>
          <legend>{t('clr.itinerary')}</legend>
          {legs.map((l, i) => (
            <div class="row-4" key={i} data-leg-row={i}>
              <Field id={'leg-area-' + i} label={t('clr.area')} error={errors['legs[' + i + '].area_id']}>
                <select id={'leg-area-' + i} value={l.area_id} onChange={(e) => setLeg(i, { area_id: (e.target as HTMLSelectElement).value })}>
                  {app.areas.map((a) => <option value={a.id} key={a.id}>{a.name}</option>)}
                </select>
              </Field>
              <Field id={'leg-from-' + i} label={t('clr.from')} error={errors['legs[' + i + '].from']}>
                <input id={'leg-from-' + i} type="date" value={l.from} onInput={(e) => setLeg(i, { from: (e.target as HTMLInputElement).value })} />
              </Field>
              <Field id={'leg-to-' + i} label={t('clr.to')} error={errors['legs[' + i + '].to']}>
                <input id={'leg-to-' + i} type="date" value={l.to} onInput={(e) => setLeg(i, { to: (e.target as HTMLInputElement).value })} />
              </Field>
              <div class="field">
                {legs.length > 1 && (
                  <button type="button" class="btn btn-small" onClick={() => setLegs(legs.filter((_, k) => k !== i))}>
                    {t('common.remove')}
                  </button>
                )}
              </div>
            </div>
          ))}
          <button
            type="button"
            class="btn btn-small"
            onClick={() => {
              const last = legs[legs.length - 1];
              setLegs([...legs, { area_id: last?.area_id ?? '', from: last?.to ?? today(7), to: last?.to ?? today(9) }]);
            }}
          >
            + {t('clr.add_leg')}
          </button>
        </fieldset>
        {preview && (
          <div class="notice notice-info" data-testid="clearance-preview">
            <strong>{t('clr.preview_title')}</strong>
            <LegTable legs={preview.legs ?? []} />
          </div>
        )}
        <div class="actions">
          <button type="button" class="btn" disabled={busy} onClick={() => run('preview')}>{t('clr.preview')}</button>
          <button type="submit" class="btn btn-primary" disabled={busy}>{t('clr.submit')}</button>
        </div>
      </form>
    </div>
  );
}

/** A leg's reasons in the user's language, from their codes and the leg's own fields. */
function Reasons({ leg }: { leg: Leg }) {
  const app = useApp();
  return (
    <ul class="reasons">
      {leg.reasons.map((r: Reason, i) => <li key={i} data-reason={r.code}>{legReasonText(app.method, leg, r)}</li>)}
    </ul>
  );
}

function LegTable({ legs, actions }: { legs: Leg[]; actions?: (l: Leg) => preact.JSX.Element | null }) {
  const app = useApp();
  return (
    <div class="table-wrap">
      <table class="table" data-testid="legs">
        <thead>
          <tr>
            <th scope="col">{t('clr.area')}</th>
            <th scope="col">{t('clr.dates')}</th>
            <th scope="col">{t('clr.status')}</th>
            <th scope="col">{t('clr.why')}</th>
            {actions && <th scope="col">{t('clr.decide')}</th>}
          </tr>
        </thead>
        <tbody>
          {legs.map((l) => (
            <tr key={l.id || l.seq} data-leg={l.id}>
              <th scope="row">{l.area_name || areaName(app, l.area_id)}</th>
              <td>{fmtDate(l.from)} – {fmtDate(l.to)}</td>
              <td>
                <LegStatus status={l.status} />
                {l.residual_risk ? <span class="rowmeta"> {tx('level', l.residual_risk)}</span> : null}
              </td>
              <td>
                <strong>{tx('rule', l.rule)}</strong>
                <Reasons leg={l} />
                {l.egs_decision_id && <a href={href('/egs')}>{t('clr.egs_link', { id: egsName(l.egs_decision_name) })}</a>}
                {l.comment ? <p class="rowmeta">{l.decided_by_name || l.decided_by}: {l.comment}</p> : null}
              </td>
              {actions && <td>{actions(l)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ClearanceView({ id }: { id: string }) {
  const app = useApp();
  const [c, setC] = useState<ClearanceRequest | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => {
    setError(null);
    get<ClearanceRequest>('/clearances/' + encodeURIComponent(id)).then(setC).catch(setError);
  };
  useEffect(load, [id]);
  if (error) return <ErrorBox error={error} onRetry={load} />;
  if (!c) return <Loading />;
  return (
    <div>
      <div class="page-head">
        <div>
          <h1>{t('clr.request_title', { name: c.traveller.name })}</h1>
          <p class="muted">
            {orgName(app, c.organization_id)} · {c.activity} (PC{c.pc}){c.mission_ref ? ' · ' + c.mission_ref : ''}
          </p>
        </div>
        <span data-testid="clearance-status"><LegStatus status={c.status} /></span>
      </div>
      {c.purpose && <p>{c.purpose}</p>}
      <LegTable legs={c.legs ?? []} />
      <p><a href={href('/clearances')}>{t('common.back')}</a></p>
    </div>
  );
}

export function ClearanceInbox() {
  const app = useApp();
  const executive = hasRole(app.user, 'executive_office') && !hasRole(app.user, 'security_cell') && !hasRole(app.user, 'dss_desk');
  const [queue, setQueue] = useState(executive ? 'executive' : 'security');
  const list = useList<Leg>('/clearances/inbox?queue=' + queue);
  const { items, error } = list;
  const [comments, setComments] = useState<Record<string, string>>({});
  // A comment typed on a leg still waiting is asked about before the page is left.
  useTypedGuard(() => !!items?.some((l) => !!comments[l.id]?.trim()));
  const [actionError, setActionError] = useState<unknown>(null);
  // The security cell records advice only; the server refuses its approvals (cell_advises_only).
  const adviser = hasRole(app.user, 'security_professional') || hasRole(app.user, 'sra_designate') || executive;
  const cellOnly = hasRole(app.user, 'security_cell') && !adviser;
  const confirmDialog = useConfirm();
  const decide = async (l: Leg, action: 'approve' | 'refuse' | 'advise') => {
    setActionError(null);
    // A decision reaches the traveller at once: asked first, naming who, where and when.
    if (action !== 'advise') {
      const vars = { traveller: l.traveller.name, org: orgName(app, l.organization_id), area: l.area_name || areaName(app, l.area_id), from: fmtDate(l.from), to: fmtDate(l.to) };
      const ok = await confirmDialog.ask(action === 'approve'
        ? { title: t('confirm.approve_leg_title'), body: t('confirm.approve_leg_body', vars), confirm: t('clr.approve') }
        : { title: t('confirm.refuse_leg_title'), body: t('confirm.refuse_leg_body', vars), confirm: t('clr.refuse'), danger: true });
      if (!ok) return;
    }
    try {
      await post('/clearances/' + l.request_id + '/legs/' + l.id + '/decision', { action, comment: comments[l.id] ?? '' });
      // Sent: the comment is no longer unsaved input.
      setComments(({ [l.id]: _sent, ...rest }) => rest);
      list.reload();
    } catch (e) {
      setActionError(e);
    }
  };
  return (
    <div>
      <div class="page-head">
        <div>
          <h1>{t('clr.inbox_title')}</h1>
          <p class="muted">{t('clr.inbox_intro')}</p>
        </div>
        <label>
          {t('clr.queue')}{' '}
          <select value={queue} onChange={(e) => setQueue((e.target as HTMLSelectElement).value)} data-testid="queue">
            <option value="security">{t('clr.queue_security')}</option>
            <option value="executive">{t('clr.queue_executive')}</option>
          </select>
        </label>
      </div>
      {confirmDialog.dialog}
      {actionError ? <ErrorBox error={actionError} /> : null}
      {error ? <ErrorBox error={error} onRetry={list.reload} /> : !items ? <Loading /> : items.length === 0 ? (
        <p class="empty">{t('clr.inbox_empty')}</p>
      ) : (
        <div data-testid="clearance-inbox">
          <LegTable
            legs={items}
            actions={(l) => (
              <div class="decide">
                <p class="rowmeta requester" data-testid="requester">{l.traveller.name} · {orgName(app, l.organization_id)} · PC{l.pc}</p>
                <label for={'cmt-' + l.id}>{t('clr.comment')}</label>
                <textarea id={'cmt-' + l.id} rows={2} value={comments[l.id] ?? ''}
                  onInput={(e) => setComments({ ...comments, [l.id]: (e.target as HTMLTextAreaElement).value })} />
                {cellOnly ? (
                  <div class="actions">
                    <p class="hint">{t('clr.advice_hint')}</p>
                    <button type="button" class="btn btn-small" onClick={() => decide(l, 'advise')} data-testid="advise">{t('clr.advise')}</button>
                  </div>
                ) : (
                  <div class="actions">
                    <button type="button" class="btn btn-primary btn-small" onClick={() => decide(l, 'approve')}>{t('clr.approve')}</button>
                    <button type="button" class="btn btn-small" onClick={() => decide(l, 'refuse')}>{t('clr.refuse')}</button>
                  </div>
                )}
              </div>
            )}
          />
          <LoadMore list={list} />
        </div>
      )}
    </div>
  );
}
