import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { ApiError, del, get, post, put } from '../api';
import { fmtTime, t, tx, type Key } from '../i18n';
import { go, href } from '../router';
import { areaName, orgName, useApp } from '../state';
import { clearDraft, loadDraft, saveDraft } from '../drafts';
import { editable, hasVulnerability, holdsFor, riskOf, threatLevel } from '../domain';
import type { Measure, Programme, ProgrammeRow, Scenario, Sra, Threat } from '../types';
import { ErrorBox, Field, FormError, Loading, RiskBadge, StatusChip, describedBy, errorMessage, fieldErrors, type Errors } from '../components/ui';
import { Heatmap } from '../components/Heatmap';
import { MeasuresTable } from '../components/Measures';
import { AcceptabilityTable } from '../components/Acceptability';
import { IndicatorPanel, likelihoodDiff, liveSuggestion, periodOf, useAreaIndicators } from '../components/Evidence';

const STEPS = 11;

// ---------- the editable shapes ----------

interface Header {
  title: string;
  mission_ref: string;
  scope: { from_date: string; to_date: string; trigger: string };
  situation: Record<string, string>;
  programmes: ProgrammeRow[];
  threats: Threat[];
}
type HeaderKey = keyof Header;
const HEADER_STEP_KEYS: Record<number, HeaderKey[]> = {
  1: ['title', 'mission_ref', 'scope'],
  2: ['situation'],
  3: ['programmes'],
  4: ['threats'],
};

interface ScenEdit {
  title: string;
  threat_category: string;
  description: string;
  vulnerability: { exposed: string; weaknesses: string; existing_measures: string };
  likelihood: string | null;
  likelihood_reason: string;
  impact: string | null;
  residual_likelihood: string | null;
  residual_impact: string | null;
  measures: Measure[];
}
type ScenKey = keyof ScenEdit;
const SCEN_STEP_KEYS: Record<number, ScenKey[]> = {
  5: ['title', 'threat_category', 'description'],
  6: ['vulnerability'],
  7: ['likelihood', 'impact', 'likelihood_reason'],
  8: ['measures'],
  9: ['residual_likelihood', 'residual_impact'],
};

function headerOf(d: Sra, fields: string[]): Header {
  const situation: Record<string, string> = {};
  for (const f of fields) situation[f] = d.situation[f] ?? '';
  for (const [k, v] of Object.entries(d.situation)) situation[k] = v;
  return {
    title: d.title,
    mission_ref: d.mission_ref ?? '',
    scope: { from_date: d.scope.from_date, to_date: d.scope.to_date, trigger: d.scope.trigger },
    situation,
    programmes: d.programmes.map((p) => ({ ...p })),
    threats: d.threats.map((x) => ({ category: x.category, intent: x.intent, capability: x.capability, inhibiting: x.inhibiting, evidence: x.evidence ?? '' })),
  };
}

function editOf(s: Scenario): ScenEdit {
  return {
    title: s.title,
    threat_category: s.threat_category,
    description: s.description ?? '',
    vulnerability: {
      exposed: s.vulnerability?.exposed ?? '',
      weaknesses: s.vulnerability?.weaknesses ?? '',
      existing_measures: s.vulnerability?.existing_measures ?? '',
    },
    likelihood: s.likelihood,
    likelihood_reason: s.likelihood_reason ?? '',
    impact: s.impact,
    residual_likelihood: s.residual_likelihood,
    residual_impact: s.residual_impact,
    measures: s.measures.map((m) => ({ ...m })),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function changed<T extends object>(local: T, server: T, keys: (keyof T)[]): Partial<T> {
  const out: Partial<T> = {};
  for (const k of keys) if (!same(local[k], server[k])) out[k] = local[k];
  return out;
}

interface Draft {
  rev: number;
  hdr: Header;
  scn: Record<string, ScenEdit>;
  at: string;
}

// ---------- creating an SRA (step 1 before it exists) ----------

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
      go('/sras/' + doc.id + '/edit/2');
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

// ---------- the stepper ----------

function Stepper({ current, onStep, disabledAfter, marks }: { current: number; onStep: (n: number) => void; disabledAfter?: number; marks?: Record<number, boolean> }) {
  return (
    <nav class="stepper" aria-label={t('wiz.steps')}>
      <ol>
        {Array.from({ length: STEPS }, (_, i) => i + 1).map((n) => {
          const label = t(('wiz.s' + n) as Key);
          const off = disabledAfter !== undefined && n > disabledAfter;
          return (
            <li key={n} class={(n === current ? 'current' : '') + (marks?.[n] ? ' done' : '')}>
              {off ? (
                <span class="step-link disabled" aria-disabled="true"><span class="step-n">{n}</span> {label}</span>
              ) : (
                <a class="step-link" href={'#'} aria-current={n === current ? 'step' : undefined} data-step={n}
                  onClick={(e) => { e.preventDefault(); onStep(n); }}>
                  <span class="step-n">{marks?.[n] ? '✓' : n}</span> {label}
                </a>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

// ---------- the wizard over an existing SRA ----------

export function Wizard({ id, step }: { id: string; step: number }) {
  const app = useApp();
  const m = app.method;
  const user = app.user.username;
  const draftKey = 'sra.' + id;
  const [doc, setDoc] = useState<Sra | null>(null);
  const [hdr, setHdr] = useState<Header | null>(null);
  const [scn, setScn] = useState<Record<string, ScenEdit>>({});
  const [errors, setErrors] = useState<Errors>({});
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [restored, setRestored] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const docRef = useRef<Sra | null>(null);
  docRef.current = doc;

  const load = async () => {
    setLoadError(null);
    try {
      const d = await get<Sra>('/sras/' + id);
      let h = headerOf(d, m.situation_fields);
      let sc: Record<string, ScenEdit> = {};
      for (const s of d.scenarios) sc[s.id] = editOf(s);
      const dr = loadDraft<Draft>(user, draftKey);
      if (dr && dr.rev === d.revision && editable(d) && holdsFor(app.user, 'security_professional', d)) {
        h = dr.hdr;
        for (const [sid, e] of Object.entries(dr.scn)) if (sc[sid]) sc[sid] = e;
        setRestored(true);
      } else if (dr) {
        clearDraft(user, draftKey);
      }
      setDoc(d);
      setHdr(h);
      setScn(sc);
    } catch (e) {
      setLoadError(e);
    }
  };
  useEffect(() => {
    load();
  }, [id]);

  const server = useMemo(() => {
    if (!doc) return null;
    const sc: Record<string, ScenEdit> = {};
    for (const s of doc.scenarios) sc[s.id] = editOf(s);
    return { hdr: headerOf(doc, m.situation_fields), scn: sc };
  }, [doc]);

  const dirtyScn = useMemo(() => {
    const out: Record<string, ScenEdit> = {};
    if (!server) return out;
    for (const [sid, e] of Object.entries(scn)) if (server.scn[sid] && !same(e, server.scn[sid])) out[sid] = e;
    return out;
  }, [scn, server]);
  const dirty = !!server && !!hdr && (!same(hdr, server.hdr) || Object.keys(dirtyScn).length > 0);

  // Every change is kept on this device until the server has it. A layout effect, so the draft is
  // stored before the "Unsaved changes (kept on this device)" label is painted, never after.
  useLayoutEffect(() => {
    if (!doc || !hdr) return;
    if (dirty) saveDraft(user, draftKey, { rev: doc.revision, hdr, scn: dirtyScn, at: new Date().toISOString() } as Draft);
    else clearDraft(user, draftKey);
  }, [hdr, scn, doc, dirty]);

  if (loadError) return <ErrorBox error={loadError} onRetry={load} />;
  if (!doc || !hdr || !server) return <Loading />;

  // Only a security professional for the area edits, and only a draft or a returned SRA.
  const canEdit = editable(doc) && holdsFor(app.user, 'security_professional', doc);

  const applyDoc = (d: Sra, hdrKeys: HeaderKey[], sid?: string, scnKeys?: ScenKey[]) => {
    setDoc(d);
    const fresh = headerOf(d, m.situation_fields);
    setHdr((h) => {
      const next = { ...(h as Header) };
      for (const k of hdrKeys) (next as any)[k] = fresh[k];
      return next;
    });
    setScn((cur) => {
      const next: Record<string, ScenEdit> = {};
      for (const s of d.scenarios) {
        const e = editOf(s);
        if (!cur[s.id]) next[s.id] = e;
        else if (s.id === sid && scnKeys) {
          const merged = { ...cur[s.id] };
          for (const k of scnKeys) (merged as any)[k] = e[k];
          next[s.id] = merged;
        } else next[s.id] = cur[s.id];
      }
      return next;
    });
    setSavedAt(new Date());
  };

  /** Saves what this step edits; returns false (and shows why at the fields) when refused. */
  const saveStep = async (n: number): Promise<boolean> => {
    if (!canEdit) return true;
    const cur = docRef.current!;
    setErrors({});
    setActionError(null);
    if (HEADER_STEP_KEYS[n]) {
      const body = changed(hdr, server.hdr, HEADER_STEP_KEYS[n]);
      if (!Object.keys(body).length) return true;
      setSaving(true);
      try {
        const d = await put<Sra>('/sras/' + id, { ...body, revision: cur.revision });
        applyDoc(d, Object.keys(body) as HeaderKey[]);
        return true;
      } catch (e) {
        if (e instanceof ApiError && (e.status === 403 || e.status === 409 || e.status === 0)) setActionError(e);
        else setErrors(fieldErrors(e));
        return false;
      } finally {
        setSaving(false);
      }
    }
    if (SCEN_STEP_KEYS[n]) {
      const keys = SCEN_STEP_KEYS[n];
      let ok = true;
      const errs: Errors = {};
      setSaving(true);
      for (const s of cur.scenarios) {
        const local = scn[s.id];
        if (!local) continue;
        const body = changed(local, editOf(s), keys);
        if (!Object.keys(body).length) continue;
        try {
          const d = await put<Sra>('/sras/' + id + '/scenarios/' + s.id, body);
          applyDoc(d, [], s.id, keys);
        } catch (e) {
          ok = false;
          if (e instanceof ApiError && (e.status === 403 || e.status === 0 || e.status === 401)) {
            setActionError(e);
            break;
          }
          const fe = fieldErrors(e);
          for (const [k, v] of Object.entries(fe)) errs[s.id + ':' + k] = v;
        }
      }
      setSaving(false);
      setErrors(errs);
      return ok;
    }
    return true;
  };

  const goStep = async (n: number) => {
    if (n === step) return;
    if (await saveStep(step)) go('/sras/' + id + '/edit/' + n);
  };

  const discard = () => {
    clearDraft(user, draftKey);
    setHdr(server.hdr);
    setScn(server.scn);
    setRestored(false);
  };

  const setH = (f: (h: Header) => Header) => setHdr((h) => f(h as Header));
  const setS = (sid: string, f: (e: ScenEdit) => ScenEdit) => setScn((c) => ({ ...c, [sid]: f(c[sid]) }));
  const err = (k: string) => errors[k];

  const marks: Record<number, boolean> = {
    1: !!doc.scope.trigger,
    2: Object.values(doc.situation).some((v) => v.trim()),
    3: doc.programmes.length > 0,
    4: doc.threats.length > 0,
    5: doc.scenarios.length > 0,
    6: doc.scenarios.length > 0 && doc.scenarios.every(hasVulnerability),
    7: doc.scenarios.length > 0 && doc.scenarios.every((s) => !!s.likelihood),
    8: doc.scenarios.some((s) => s.measures.length > 0),
    9: doc.scenarios.length > 0 && doc.scenarios.every((s) => !!s.residual_likelihood),
  };

  const stepProps = { doc, hdr, setH, scn, setS, err, errors, canEdit, id, app };
  let body: ComponentChildren;
  switch (step) {
    case 1: body = <StepScope {...stepProps} />; break;
    case 2: body = <StepSituation {...stepProps} />; break;
    case 3: body = <StepProgrammes {...stepProps} />; break;
    case 4: body = <StepThreats {...stepProps} />; break;
    case 5: body = <StepScenarios {...stepProps} onDoc={(d) => applyDoc(d, [])} setActionError={setActionError} />; break;
    case 6: body = <StepVulnerability {...stepProps} />; break;
    case 7: body = <StepRating {...stepProps} />; break;
    case 8: body = <StepMeasures {...stepProps} />; break;
    case 9: body = <StepResidual {...stepProps} />; break;
    case 10: body = <AcceptabilityTable sra={doc} />; break;
    default: body = <StepSubmit doc={doc} canEdit={canEdit} onDone={() => { clearDraft(user, draftKey); app.refreshInbox(); go('/sras/' + id + '/approvals'); }} />;
  }

  const hasFieldErrors = Object.keys(errors).length > 0;
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
      <div class="wiz-layout">
        <Stepper current={step} onStep={goStep} marks={marks} />
        <form class="card wiz-body" data-step={step} noValidate onSubmit={(e) => { e.preventDefault(); if (step < STEPS) goStep(step + 1); }}>
          <p class="step-count">{t('wiz.step_of', { n: step, total: STEPS })}</p>
          <h2>{t(('wiz.s' + step) as Key)}</h2>
          <p class="hint">{t(('wiz.s' + step + '_help') as Key)}</p>
          {!canEdit && <div class="notice notice-info" role="status">{t('wiz.readonly', { status: tx('status', doc.status) })}</div>}
          {restored && dirty && (
            <div class="notice notice-info" role="status" data-testid="draft-restored">
              {t('common.restored')}{' '}
              <button type="button" class="btn btn-small btn-ghost" onClick={discard}>{t('common.discard')}</button>
            </div>
          )}
          <ErrorBox error={actionError} />
          {hasFieldErrors && <FormError errors={errors._ ? { _: errors._ } : errors} />}
          <fieldset class="plain" disabled={!canEdit}>
            {body}
          </fieldset>
          <div class="wiz-actions">
            <span class="save-state" aria-live="polite" data-testid="save-state">
              {saving ? t('common.saving') : dirty ? t('common.unsaved') : savedAt ? t('common.saved_at', { time: fmtTime(savedAt) }) : ''}
            </span>
            <span class="spacer" />
            {step > 1 && <button type="button" class="btn btn-ghost" onClick={() => goStep(step - 1)}>{t('common.back')}</button>}
            {canEdit && (HEADER_STEP_KEYS[step] || SCEN_STEP_KEYS[step]) && (
              <button type="button" class="btn" disabled={saving} onClick={() => saveStep(step)} data-testid="save">{t('common.save')}</button>
            )}
            {step < STEPS && <button type="submit" class="btn btn-primary" disabled={saving} data-testid="next">{t('common.next')}</button>}
          </div>
        </form>
      </div>
    </div>
  );
}

interface StepProps {
  doc: Sra;
  hdr: Header;
  setH: (f: (h: Header) => Header) => void;
  scn: Record<string, ScenEdit>;
  setS: (sid: string, f: (e: ScenEdit) => ScenEdit) => void;
  err: (k: string) => string | undefined;
  errors: Errors;
  canEdit: boolean;
  id: string;
  app: ReturnType<typeof useApp>;
}

const val = (e: Event) => (e.target as HTMLInputElement).value;
const num = (e: Event) => {
  const n = parseInt(val(e), 10);
  return isNaN(n) || n < 0 ? 0 : n;
};

function StepScope({ doc, hdr, setH, err, app }: StepProps) {
  const sc = (k: keyof Header['scope'], v: string) => setH((h) => ({ ...h, scope: { ...h.scope, [k]: v } }));
  return (
    <>
      <dl class="facts">
        <div><dt>{t('f.area')}</dt><dd>{areaName(app, doc.area_id)}</dd></div>
        <div><dt>{t('f.kind')}</dt><dd>{tx('kind', doc.kind)}</dd></div>
      </dl>
      <Field id="title" label={t('f.title')} error={err('title')}>
        <input id="title" value={hdr.title} maxLength={300} onInput={(e) => setH((h) => ({ ...h, title: val(e) }))} {...describedBy('title', err('title'))} />
      </Field>
      {doc.kind === 'specific' && (
        <Field id="mission_ref" label={t('f.mission_ref')} error={err('mission_ref')}>
          <input id="mission_ref" value={hdr.mission_ref} onInput={(e) => setH((h) => ({ ...h, mission_ref: val(e) }))} />
        </Field>
      )}
      <div class="row-2">
        <Field id="from_date" label={t('f.from_date')} error={err('scope.from_date')}>
          <input id="from_date" type="date" value={hdr.scope.from_date} onInput={(e) => sc('from_date', val(e))} {...describedBy('from_date', err('scope.from_date'))} />
        </Field>
        <Field id="to_date" label={t('f.to_date')} error={err('scope.to_date')}>
          <input id="to_date" type="date" value={hdr.scope.to_date} onInput={(e) => sc('to_date', val(e))} {...describedBy('to_date', err('scope.to_date'))} />
        </Field>
      </div>
      <Field id="trigger" label={t('f.trigger')} error={err('scope.trigger')}>
        <select id="trigger" value={hdr.scope.trigger} onChange={(e) => sc('trigger', val(e))} {...describedBy('trigger', err('scope.trigger'))}>
          <option value="">{t('f.choose')}</option>
          {app.method.triggers.map((x) => <option key={x} value={x}>{tx('trigger', x)}</option>)}
        </select>
      </Field>
    </>
  );
}

function StepSituation({ hdr, setH, err, app }: StepProps) {
  const fields = Array.from(new Set([...app.method.situation_fields, ...Object.keys(hdr.situation)]));
  return (
    <>
      {fields.map((f) => (
        <Field key={f} id={'sit-' + f} label={tx('sit', f)} error={err('situation.' + f)}>
          <textarea id={'sit-' + f} rows={3} value={hdr.situation[f] ?? ''}
            onInput={(e) => setH((h) => ({ ...h, situation: { ...h.situation, [f]: val(e) } }))}
            {...describedBy('sit-' + f, err('situation.' + f))} />
        </Field>
      ))}
    </>
  );
}

function StepProgrammes({ doc, hdr, setH, err, app, canEdit }: StepProps) {
  const [known, setKnown] = useState<Programme[] | null>(null);
  useEffect(() => {
    get<{ items: Programme[] }>('/programmes?area_id=' + encodeURIComponent(doc.area_id)).then((r) => setKnown(r.items)).catch(() => setKnown([]));
  }, [doc.area_id]);
  const setP = (i: number, patch: Partial<ProgrammeRow>) =>
    setH((h) => ({ ...h, programmes: h.programmes.map((p, j) => (j === i ? { ...p, ...patch } : p)) }));
  const add = (p: Partial<ProgrammeRow>) =>
    setH((h) => ({
      ...h,
      programmes: [...h.programmes, { programme_id: '', organization_id: app.user.organization_id, activity: '', pc: 4, international: 0, national: 0, on_mission: 0, frequency: '', partners: '', ...p }],
    }));
  const notIncluded = (known ?? []).filter((k) => !hdr.programmes.some((p) => p.programme_id === k.id));
  return (
    <>
      {hdr.programmes.length === 0 && <p class="empty">{t('prog.none')}</p>}
      {hdr.programmes.map((p, i) => {
        const f = (k: string) => 'programmes[' + i + '].' + k;
        const pid = (k: string) => 'prog-' + i + '-' + k;
        return (
          <fieldset class="subcard" key={i} data-programme={i}>
            <legend>{t('prog.item', { n: i + 1 })}: {p.activity || '…'}</legend>
            <div class="row-3">
              <Field id={pid('org')} label={t('prog.org')} error={err(f('organization_id'))}>
                <select id={pid('org')} value={p.organization_id} onChange={(e) => setP(i, { organization_id: val(e) })}>
                  <option value="">{t('f.choose')}</option>
                  {app.orgs.map((o) => <option key={o.id} value={o.id}>{o.code} — {o.name}</option>)}
                </select>
              </Field>
              <Field id={pid('activity')} label={t('prog.activity')} error={err(f('activity'))} class="span-2">
                <input id={pid('activity')} value={p.activity} onInput={(e) => setP(i, { activity: val(e) })} />
              </Field>
            </div>
            <div class="row-4">
              <Field id={pid('pc')} label={t('prog.pc')} error={err(f('pc'))}>
                <select id={pid('pc')} value={String(p.pc)} onChange={(e) => setP(i, { pc: Number(val(e)) })}>
                  {[1, 2, 3, 4].map((n) => <option key={n} value={String(n)}>PC{n}</option>)}
                </select>
              </Field>
              <Field id={pid('int')} label={t('prog.international')} error={err(f('international'))}>
                <input id={pid('int')} type="number" min={0} inputMode="numeric" value={p.international} onInput={(e) => setP(i, { international: num(e) })} />
              </Field>
              <Field id={pid('nat')} label={t('prog.national')} error={err(f('national'))}>
                <input id={pid('nat')} type="number" min={0} inputMode="numeric" value={p.national} onInput={(e) => setP(i, { national: num(e) })} />
              </Field>
              <Field id={pid('mis')} label={t('prog.on_mission')} error={err(f('on_mission'))}>
                <input id={pid('mis')} type="number" min={0} inputMode="numeric" value={p.on_mission} onInput={(e) => setP(i, { on_mission: num(e) })} />
              </Field>
            </div>
            <div class="row-2">
              <Field id={pid('freq')} label={t('prog.frequency')} error={err(f('frequency'))}>
                <input id={pid('freq')} value={p.frequency} onInput={(e) => setP(i, { frequency: val(e) })} />
              </Field>
              <Field id={pid('partners')} label={t('prog.partners')} error={err(f('partners'))}>
                <input id={pid('partners')} value={p.partners} onInput={(e) => setP(i, { partners: val(e) })} />
              </Field>
            </div>
            <div class="subcard-foot">
              <span class="muted">{t('prog.exposed', { n: p.international + p.national + p.on_mission })}</span>
              {canEdit && (
                <button type="button" class="btn btn-small btn-ghost" onClick={() => setH((h) => ({ ...h, programmes: h.programmes.filter((_, j) => j !== i) }))}>
                  {t('common.remove')}
                </button>
              )}
            </div>
          </fieldset>
        );
      })}
      {canEdit && (
        <div class="subcard add-box">
          <h3>{t('prog.add_known')}</h3>
          {known === null ? <Loading /> : notIncluded.length === 0 ? <p class="hint">{t('prog.all_added')}</p> : (
            <ul class="rowlist">
              {notIncluded.map((k) => (
                <li key={k.id}>
                  <span>{orgName(app, k.organization_id)} — {k.name}: {k.activity} (PC{k.pc})</span>
                  <button type="button" class="btn btn-small" data-add-programme={k.id}
                    onClick={() => add({ programme_id: k.id, organization_id: k.organization_id, activity: k.activity, pc: k.pc, international: k.international, national: k.national, on_mission: k.on_mission })}>
                    {t('common.add')}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <button type="button" class="btn btn-small" onClick={() => add({})}>+ {t('prog.add_blank')}</button>
        </div>
      )}
    </>
  );
}

function FactorSelect({ id, label, value, onChange, error }: { id: string; label: string; value: number; onChange: (n: number) => void; error?: string }) {
  const app = useApp();
  return (
    <Field id={id} label={label} error={error}>
      <select id={id} value={String(value)} onChange={(e) => onChange(Number(val(e)))} {...describedBy(id, error)}>
        {[1, 2, 3, 4, 5].map((n) => (
          <option key={n} value={String(n)}>{n} — {tx('factor', app.method.factor_descriptors[n - 1])}</option>
        ))}
      </select>
    </Field>
  );
}

function StepThreats({ hdr, setH, err, app }: StepProps) {
  const cats = app.method.threat_categories;
  const order = (ts: Threat[]) => [...ts].sort((a, b) => cats.findIndex((c) => c.key === a.category) - cats.findIndex((c) => c.key === b.category));
  const levels = hdr.threats.map((x) => threatLevel(x.intent, x.capability, x.inhibiting));
  const overall = levels.length ? Math.max(...levels) : 0;
  return (
    <>
      {cats.map((c) => {
        const i = hdr.threats.findIndex((x) => x.category === c.key);
        const th = i >= 0 ? hdr.threats[i] : null;
        const f = (k: string) => 'threats[' + i + '].' + k;
        const set = (patch: Partial<Threat>) => setH((h) => ({ ...h, threats: h.threats.map((x) => (x.category === c.key ? { ...x, ...patch } : x)) }));
        const lvl = th ? threatLevel(th.intent, th.capability, th.inhibiting) : 0;
        return (
          <fieldset class={'subcard threat' + (th ? '' : ' off')} key={c.key} data-threat={c.key}>
            <legend>{tx('cat', c.key)}</legend>
            <div class="threat-head">
              <label class="check">
                <input type="checkbox" checked={!!th} onChange={(e) => {
                  const on = (e.target as HTMLInputElement).checked;
                  setH((h) => ({
                    ...h,
                    threats: on ? order([...h.threats, { category: c.key, intent: 3, capability: 3, inhibiting: 3, evidence: '' }]) : h.threats.filter((x) => x.category !== c.key),
                  }));
                }} /> {t('thr.rated')}
              </label>
              <span class={'threat-level tl-' + lvl} data-threat-level={lvl}>{th ? t('thr.level', { n: lvl }) : t('thr.not_rated')}</span>
            </div>
            {th && (
              <>
                <div class="row-3">
                  <FactorSelect id={'thr-' + c.key + '-intent'} label={t('thr.intent')} value={th.intent} onChange={(n) => set({ intent: n })} error={err(f('intent'))} />
                  <FactorSelect id={'thr-' + c.key + '-capability'} label={t('thr.capability')} value={th.capability} onChange={(n) => set({ capability: n })} error={err(f('capability'))} />
                  <FactorSelect id={'thr-' + c.key + '-inhibiting'} label={t('thr.inhibiting')} value={th.inhibiting} onChange={(n) => set({ inhibiting: n })} error={err(f('inhibiting'))} />
                </div>
                <Field id={'thr-' + c.key + '-evidence'} label={t('thr.evidence')} error={err(f('evidence'))}>
                  <textarea id={'thr-' + c.key + '-evidence'} rows={2} value={th.evidence} onInput={(e) => set({ evidence: val(e) })} />
                </Field>
              </>
            )}
          </fieldset>
        );
      })}
      <p class="overall" data-testid="overall-threat">{overall ? t('thr.overall', { n: overall }) : t('thr.not_rated')}</p>
    </>
  );
}

function StepScenarios({ doc, scn, setS, errors, app, canEdit, id, onDoc, setActionError }: StepProps & { onDoc: (d: Sra) => void; setActionError: (e: unknown) => void }) {
  const [nw, setNw] = useState({ title: '', threat_category: '', description: '' });
  const [nwErr, setNwErr] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const cats = app.method.threat_categories;
  const add = async () => {
    const errs: Errors = {};
    if (!nw.title.trim()) errs.title = t('err.required');
    if (!nw.threat_category) errs.threat_category = t('err.required');
    setNwErr(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      const d = await post<Sra>('/sras/' + id + '/scenarios', { ...nw, title: nw.title.trim() });
      onDoc(d);
      setNw({ title: '', threat_category: '', description: '' });
    } catch (e) {
      if (e instanceof ApiError && (e.status === 403 || e.status === 0 || e.status === 409)) setActionError(e);
      else setNwErr(fieldErrors(e));
    } finally {
      setBusy(false);
    }
  };
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
          <button type="button" class="btn" disabled={busy} onClick={add} data-testid="add-scenario-btn">+ {t('scn.add')}</button>
        </div>
      )}
    </>
  );
}

function ScenHead({ s, i, children }: { s: Scenario; i: number; children?: ComponentChildren }) {
  return (
    <div class="scn-head">
      <h3>{i + 1}. {s.title} <span class="muted">· {tx('cat', s.threat_category)}</span></h3>
      {children}
    </div>
  );
}

function StepVulnerability({ doc, scn, setS, errors }: StepProps) {
  if (!doc.scenarios.length) return <p class="empty">{t('scn.none')}</p>;
  return (
    <>
      {doc.scenarios.map((s, i) => {
        const e = scn[s.id];
        if (!e) return null;
        const k = (f: string) => errors[s.id + ':' + f];
        const setV = (f: keyof ScenEdit['vulnerability'], v: string) => setS(s.id, (x) => ({ ...x, vulnerability: { ...x.vulnerability, [f]: v } }));
        const done = hasVulnerability(s);
        return (
          <section class="subcard" key={s.id} data-scenario={s.id}>
            <ScenHead s={s} i={i}>
              <span class={'chip ' + (done ? 'chip-ok' : 'chip-warn')}>{done ? t('vul.done') : t('vul.missing')}</span>
            </ScenHead>
            {k('vulnerability') && <p class="field-error" role="alert">{k('vulnerability')}</p>}
            <Field id={s.id + '-exposed'} label={t('vul.exposed')} error={k('vulnerability.exposed')}>
              <textarea id={s.id + '-exposed'} rows={2} value={e.vulnerability.exposed} onInput={(ev) => setV('exposed', val(ev))} />
            </Field>
            <Field id={s.id + '-weak'} label={t('vul.weaknesses')} error={k('vulnerability.weaknesses')}>
              <textarea id={s.id + '-weak'} rows={2} value={e.vulnerability.weaknesses} onInput={(ev) => setV('weaknesses', val(ev))} />
            </Field>
            <Field id={s.id + '-existing'} label={t('vul.existing')} error={k('vulnerability.existing_measures')}>
              <textarea id={s.id + '-existing'} rows={2} value={e.vulnerability.existing_measures} onInput={(ev) => setV('existing_measures', val(ev))} />
            </Field>
          </section>
        );
      })}
    </>
  );
}

function RatingSelect({ id, label, options, prefix, value, onChange, error, emptyLabel }: {
  id: string; label: string; options: string[]; prefix: string; value: string | null; onChange: (v: string | null) => void; error?: string; emptyLabel: string;
}) {
  return (
    <Field id={id} label={label} error={error}>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(val(e) || null)} {...describedBy(id, error)}>
        <option value="">{emptyLabel}</option>
        {options.map((o, n) => <option key={o} value={o}>{n + 1} — {tx(prefix, o)}</option>)}
      </select>
    </Field>
  );
}

function StepRating({ doc, scn, setS, errors, app, id }: StepProps) {
  const m = app.method;
  const evidence = useAreaIndicators(doc.area_id, periodOf(doc.scope.from_date, doc.scope.to_date));
  if (!doc.scenarios.length) return <p class="empty">{t('scn.none')}</p>;
  return (
    <>
      {doc.scenarios.map((s, i) => {
        const e = scn[s.id];
        if (!e) return null;
        const k = (f: string) => errors[s.id + ':' + f];
        const vulnOk = hasVulnerability(s);
        const ruleZero = k('vulnerability');
        return (
          <section class="subcard" key={s.id} data-scenario={s.id}>
            <ScenHead s={s} i={i}>
              <span>{t('rate.current')}: <RiskBadge method={m} level={riskOf(m, e.likelihood, e.impact)} /></span>
            </ScenHead>
            {(!vulnOk || ruleZero) && (
              <div class={'notice ' + (ruleZero ? 'notice-error' : 'notice-warn') + ' rule-zero'} role={ruleZero ? 'alert' : undefined} data-testid="rule-zero">
                <strong>{t('rate.rule_zero')}</strong>
                <p>{ruleZero ?? t('rate.rule_zero_text')}</p>
                <a href={href('/sras/' + id + '/edit/6')}>{t('rate.go_vulnerability')} →</a>
              </div>
            )}
            <div class="row-2">
              <RatingSelect id={s.id + '-lik'} label={t('rate.likelihood')} options={m.likelihoods} prefix="lik" value={e.likelihood}
                onChange={(v) => setS(s.id, (x) => ({ ...x, likelihood: v }))} error={k('likelihood')} emptyLabel={t('rate.not_rated')} />
              <RatingSelect id={s.id + '-imp'} label={t('rate.impact')} options={m.impacts} prefix="imp" value={e.impact}
                onChange={(v) => setS(s.id, (x) => ({ ...x, impact: v }))} error={k('impact')} emptyLabel={t('rate.not_rated')} />
            </div>
            <IndicatorPanel id={s.id + '-ev'} data={evidence} category={s.threat_category} scale={m.likelihoods} chosen={e.likelihood} />
            {(() => {
              const sugg = liveSuggestion(evidence, s.threat_category) ?? s.likelihood_suggested;
              const d = likelihoodDiff(m.likelihoods, e.likelihood, sugg);
              if (!(d !== null && d !== 0) && !e.likelihood_reason) return null;
              return (
                <Field id={s.id + '-lreason'} label={t('ev.reason')} error={k('likelihood_reason')} hint={t('ev.reason_hint')}>
                  <textarea id={s.id + '-lreason'} rows={2} value={e.likelihood_reason} maxLength={2000}
                    onInput={(ev) => setS(s.id, (x) => ({ ...x, likelihood_reason: val(ev) }))} {...describedBy(s.id + '-lreason', k('likelihood_reason'), 'hint')} />
                </Field>
              );
            })()}
            {s.likelihood && s.likelihood_suggested && (
              <p class="hint" data-testid="ev-recorded">
                {t('ev.recorded', { chosen: tx('lik', s.likelihood), level: tx('lik', s.likelihood_suggested), date: s.likelihood_suggestion?.as_of ?? '' })}
              </p>
            )}
            {k('_') && <p class="field-error" role="alert">{k('_')}</p>}
          </section>
        );
      })}
      <Heatmap method={m} scenarios={doc.scenarios} mode="current" id="hm-current" />
    </>
  );
}

const blankMeasure = (): Measure => ({ type: 'prevention', description: '', moss_category: '', cost: 0, currency: 'USD', owner: '', status: 'planned' });

function StepMeasures({ doc, scn, setS, errors, app, canEdit }: StepProps) {
  const m = app.method;
  if (!doc.scenarios.length) return <p class="empty">{t('scn.none')}</p>;
  return (
    <>
      {doc.scenarios.map((s, i) => {
        const e = scn[s.id];
        if (!e) return null;
        const k = (f: string) => errors[s.id + ':' + f];
        const setM = (j: number, patch: Partial<Measure>) => setS(s.id, (x) => ({ ...x, measures: x.measures.map((me, q) => (q === j ? { ...me, ...patch } : me)) }));
        return (
          <section class="subcard" key={s.id} data-scenario={s.id}>
            <ScenHead s={s} i={i}>
              <span>{t('rate.current')}: <RiskBadge method={m} level={s.current_risk} /></span>
            </ScenHead>
            {e.measures.length === 0 && <p class="hint">{t('msr.none')}</p>}
            {e.measures.map((me, j) => {
              const f = (x: string) => k('measures[' + j + '].' + x);
              const mid = (x: string) => s.id + '-m' + j + '-' + x;
              return (
                <fieldset class="measure" key={j} data-measure={j}>
                  <legend>{t('msr.item', { n: j + 1 })}</legend>
                  <div class="row-3">
                    <Field id={mid('type')} label={t('msr.type')} error={f('type')}>
                      <select id={mid('type')} value={me.type} onChange={(ev) => setM(j, { type: val(ev) })}>
                        {['prevention', 'mitigation'].map((x) => <option key={x} value={x}>{tx('mtype', x)}</option>)}
                      </select>
                    </Field>
                    <Field id={mid('desc')} label={t('msr.description')} error={f('description')} class="span-2">
                      <input id={mid('desc')} value={me.description} onInput={(ev) => setM(j, { description: val(ev) })} {...describedBy(mid('desc'), f('description'))} />
                    </Field>
                  </div>
                  <div class="row-4">
                    <Field id={mid('cat')} label={t('msr.category')} error={f('moss_category')}>
                      <select id={mid('cat')} value={me.moss_category} onChange={(ev) => setM(j, { moss_category: val(ev) })}>
                        <option value="">{t('common.none')}</option>
                        {m.moss_categories.map((c) => <option key={c} value={c}>{tx('moss', c)}</option>)}
                      </select>
                    </Field>
                    <Field id={mid('cost')} label={t('msr.cost')} error={f('cost')}>
                      <input id={mid('cost')} type="number" min={0} step="any" inputMode="decimal" value={me.cost}
                        onInput={(ev) => { const n = parseFloat(val(ev)); setM(j, { cost: isNaN(n) ? 0 : n }); }} {...describedBy(mid('cost'), f('cost'))} />
                    </Field>
                    <Field id={mid('cur')} label={t('msr.currency')} error={f('currency')}>
                      <input id={mid('cur')} value={me.currency} maxLength={3} size={4} onInput={(ev) => setM(j, { currency: val(ev).toUpperCase() })} />
                    </Field>
                    <Field id={mid('status')} label={t('msr.status')} error={f('status')}>
                      <select id={mid('status')} value={me.status} onChange={(ev) => setM(j, { status: val(ev) })}>
                        {['planned', 'in_progress', 'implemented'].map((x) => <option key={x} value={x}>{tx('mstatus', x)}</option>)}
                      </select>
                    </Field>
                  </div>
                  <div class="row-2">
                    <Field id={mid('owner')} label={t('msr.owner')} error={f('owner')}>
                      <input id={mid('owner')} value={me.owner} onInput={(ev) => setM(j, { owner: val(ev) })} />
                    </Field>
                    <div class="field field-end">
                      {canEdit && (
                        <button type="button" class="btn btn-small btn-ghost" onClick={() => setS(s.id, (x) => ({ ...x, measures: x.measures.filter((_, q) => q !== j) }))}>
                          {t('common.remove')}
                        </button>
                      )}
                    </div>
                  </div>
                </fieldset>
              );
            })}
            {k('measures') && <p class="field-error" role="alert">{k('measures')}</p>}
            {k('_') && <p class="field-error" role="alert">{k('_')}</p>}
            {canEdit && (
              <button type="button" class="btn btn-small" data-add-measure={s.id} onClick={() => setS(s.id, (x) => ({ ...x, measures: [...x.measures, blankMeasure()] }))}>
                + {t('msr.add')}
              </button>
            )}
          </section>
        );
      })}
      <h3>{t('view.measures')}</h3>
      <MeasuresTable scenarios={doc.scenarios} />
    </>
  );
}

function StepResidual({ doc, scn, setS, errors, app }: StepProps) {
  const m = app.method;
  if (!doc.scenarios.length) return <p class="empty">{t('scn.none')}</p>;
  return (
    <>
      {doc.scenarios.map((s, i) => {
        const e = scn[s.id];
        if (!e) return null;
        const k = (f: string) => errors[s.id + ':' + f];
        const rl = e.residual_likelihood ?? s.likelihood;
        const ri = e.residual_impact ?? s.impact;
        return (
          <section class="subcard" key={s.id} data-scenario={s.id}>
            <ScenHead s={s} i={i}>
              <span>
                <RiskBadge method={m} level={s.current_risk} /> → <RiskBadge method={m} level={riskOf(m, rl, ri)} />
              </span>
            </ScenHead>
            {!s.likelihood ? (
              <p class="notice notice-warn">{t('rate.rate_first')}</p>
            ) : (
              <>
                <p class="hint">{t('view.measures')}: {s.measures.map((x) => x.description).join('; ') || t('msr.none')}</p>
                <div class="row-2">
                  <RatingSelect id={s.id + '-rlik'} label={t('rate.residual_likelihood')} options={m.likelihoods} prefix="lik" value={e.residual_likelihood}
                    onChange={(v) => setS(s.id, (x) => ({ ...x, residual_likelihood: v }))} error={k('residual_likelihood')} emptyLabel={t('rate.residual_same') + ' (' + tx('lik', s.likelihood) + ')'} />
                  <RatingSelect id={s.id + '-rimp'} label={t('rate.residual_impact')} options={m.impacts} prefix="imp" value={e.residual_impact}
                    onChange={(v) => setS(s.id, (x) => ({ ...x, residual_impact: v }))} error={k('residual_impact')} emptyLabel={t('rate.residual_same') + ' (' + tx('imp', s.impact) + ')'} />
                </div>
              </>
            )}
            {k('_') && <p class="field-error" role="alert">{k('_')}</p>}
            {k('likelihood') && <p class="field-error" role="alert">{k('likelihood')}</p>}
          </section>
        );
      })}
      <div class="grid-2">
        <Heatmap method={m} scenarios={doc.scenarios} mode="current" id="hm-current" />
        <Heatmap method={m} scenarios={doc.scenarios} mode="residual" id="hm-residual" />
      </div>
    </>
  );
}

function StepSubmit({ doc, canEdit, onDone }: { doc: Sra; canEdit: boolean; onDone: () => void }) {
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
