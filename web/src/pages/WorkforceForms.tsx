// The forms of the security workforce (issue 16; 002 §§ 25, 27): a security person or a vacant post
// (organization, post, area, category, skills, languages) and a surge deployment of a serving person
// (where, from when to when, the approved fund request paying for it). Shown to those the server
// lets record them (service/governance/workforce.h): an organization's security managers (a
// security professional or HQ security grant; their own organization) and DSS (any organization).
// The server decides; errors come back as reason codes shown at their field.
import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../api';
import { useTypedGuard } from '../leaveGuard';
import { fmtDate, t, tx } from '../i18n';
import { areaName, useApp } from '../state';
import { hasRole } from '../domain';
import type { components } from '../generated/api';
import { Field, FormError, fieldErrors, type Errors } from '../components/ui';

type Person = components['schemas']['SecurityPersonnel'];
type FundRequest = components['schemas']['FundRequest'];

export const CATEGORIES = ['international', 'national', 'mission'] as const;

const value = (e: Event) => (e.target as HTMLInputElement).value;
const today = () => new Date().toISOString().slice(0, 10);
/** "a, b ,c" → ["a", "b", "c"]: skills and languages are typed as one comma-separated line. */
export const splitList = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

/** Whether the user may record any organization's personnel (DSS) or only their own (a manager). */
export function workforceRecorder(u: ReturnType<typeof useApp>['user']): 'dss' | 'own' | null {
  if (hasRole(u, 'dss_desk')) return 'dss';
  if (hasRole(u, 'hq_security') || hasRole(u, 'security_professional')) return 'own';
  return null;
}

export function PersonForm({ onCreated }: { onCreated: (p: Person) => void }) {
  const app = useApp();
  const scope = workforceRecorder(app.user);
  const [org, setOrg] = useState(app.user.organization_id ?? '');
  const [status, setStatus] = useState<'serving' | 'vacant'>('serving');
  const [name, setName] = useState('');
  const [post_, setPost] = useState('');
  const [area, setArea] = useState('');
  const [category, setCategory] = useState<string>('national');
  const [skills, setSkills] = useState('');
  const [languages, setLanguages] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  // A person typed and not recorded is asked about before the page is left.
  useTypedGuard(!!(name.trim() || post_.trim() || skills.trim() || languages.trim()));
  const submit = async () => {
    setErrors({});
    try {
      const p = await post<Person>('/workforce', {
        organization_id: org, status, full_name: status === 'serving' ? name : null, post: post_,
        area_id: area || null, category, skills: splitList(skills), languages: splitList(languages),
      });
      setName('');
      setPost('');
      setSkills('');
      setLanguages('');
      onCreated(p);
    } catch (e) {
      setErrors(fieldErrors(e));
    }
  };
  // skills[2] / languages[0]: a list item's error is shown at the list's field.
  const listError = (key: string) => Object.entries(errors).find(([k]) => k === key || k.startsWith(key + '['))?.[1];
  return (
    <form class="card" data-testid="wf-person-new" onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <h2>{t('wf.person_new')}</h2>
      <FormError errors={errors} />
      <div class="row-2">
        <Field id="wp-org" label={t('wf.org')} error={errors.organization_id} hint={scope === 'own' ? t('wf.own_org_hint') : undefined}>
          <select id="wp-org" value={org} disabled={scope !== 'dss'} onChange={(e) => setOrg(value(e))}>
            {app.orgs.map((o) => <option key={o.id} value={o.id}>{o.code}</option>)}
          </select>
        </Field>
        <Field id="wp-status" label={t('wf.status')} error={errors.status}>
          <select id="wp-status" value={status} onChange={(e) => setStatus(value(e) as 'serving' | 'vacant')}>
            <option value="serving">{tx('wf.st', 'serving')}</option>
            <option value="vacant">{tx('wf.st', 'vacant')}</option>
          </select>
        </Field>
        {status === 'serving' && (
          <Field id="wp-name" label={t('wf.name')} error={errors.full_name}>
            <input id="wp-name" value={name} autocomplete="off" onInput={(e) => setName(value(e))} />
          </Field>
        )}
        <Field id="wp-post" label={t('wf.post')} error={errors.post}>
          <input id="wp-post" value={post_} onInput={(e) => setPost(value(e))} />
        </Field>
        <Field id="wp-area" label={t('wf.area')} error={errors.area_id}>
          <select id="wp-area" value={area} onChange={(e) => setArea(value(e))}>
            <option value="">{t('wf.no_area')}</option>
            {[...app.areas].sort((a, b) => a.name.localeCompare(b.name)).map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </select>
        </Field>
        <Field id="wp-category" label={t('wf.category')} error={errors.category}>
          <select id="wp-category" value={category} onChange={(e) => setCategory(value(e))}>
            {CATEGORIES.map((c) => <option key={c} value={c}>{tx('wf.cat', c)}</option>)}
          </select>
        </Field>
        <Field id="wp-skills" label={t('wf.skills_only')} error={listError('skills')} hint={t('wf.list_hint')}>
          <input id="wp-skills" value={skills} onInput={(e) => setSkills(value(e))} />
        </Field>
        <Field id="wp-languages" label={t('wf.languages')} error={listError('languages')} hint={t('wf.list_hint')}>
          <input id="wp-languages" value={languages} onInput={(e) => setLanguages(value(e))} />
        </Field>
      </div>
      <button type="submit" class="btn btn-primary">{t('wf.add')}</button>
    </form>
  );
}

/** The approved (or disbursed) fund requests the reader may see; undefined while they are read,
 * null when the fund answers them nothing (the id is then typed in). */
function usePayingRequests(): FundRequest[] | null | undefined {
  const [rows, setRows] = useState<FundRequest[] | null | undefined>(undefined);
  useEffect(() => {
    Promise.all(['approved', 'disbursed'].map((s) => get<{ items: FundRequest[] }>('/fund/requests?limit=100&status=' + s)))
      .then(([a, d]) => setRows([...a.items, ...d.items]))
      .catch(() => setRows(null));
  }, []);
  return rows;
}

export function SurgeForm({ people, onCreated }: { people: Person[]; onCreated: () => void }) {
  const app = useApp();
  const requests = usePayingRequests();
  const serving = people.filter((p) => p.status === 'serving');
  const [person, setPerson] = useState('');
  const [area, setArea] = useState('');
  const [from, setFrom] = useState(today());
  const [to, setTo] = useState('');
  const [request, setRequest] = useState('');
  const [purpose, setPurpose] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  useTypedGuard(!!purpose.trim());
  const submit = async () => {
    setErrors({});
    try {
      await post('/surge-deployments', {
        personnel_id: person, area_id: area, from, to, fund_request_id: request.trim() || null, purpose,
      });
      setPurpose('');
      onCreated();
    } catch (e) {
      setErrors(fieldErrors(e));
    }
  };
  return (
    <form class="card" data-testid="wf-surge-new" onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <h2>{t('wf.surge_new')}</h2>
      <FormError errors={errors} />
      <div class="row-2">
        <Field id="ws-person" label={t('wf.person')} error={errors.personnel_id}>
          <select id="ws-person" value={person} onChange={(e) => setPerson(value(e))}>
            <option value="" />
            {serving.map((p) => <option key={p.id} value={p.id}>{p.full_name} · {p.post}</option>)}
          </select>
        </Field>
        <Field id="ws-area" label={t('wf.area')} error={errors.area_id}>
          <select id="ws-area" value={area} onChange={(e) => setArea(value(e))}>
            <option value="" />
            {[...app.areas].sort((a, b) => a.name.localeCompare(b.name)).map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </select>
        </Field>
        <Field id="ws-from" label={t('wf.from')} error={errors.from}>
          <input id="ws-from" type="date" value={from} onInput={(e) => setFrom(value(e))} />
        </Field>
        <Field id="ws-to" label={t('wf.to')} error={errors.to}>
          <input id="ws-to" type="date" value={to} onInput={(e) => setTo(value(e))} />
        </Field>
        <Field id="ws-request" label={t('wf.fund_request')} error={errors.fund_request_id} hint={t('wf.fund_request_hint')}>
          {requests === undefined ? (
            // Read first: a typed-id field would flash, then turn into the list under the user's hand.
            <select id="ws-request" disabled><option>{t('app.loading')}</option></select>
          ) : requests ? (
            <select id="ws-request" value={request} onChange={(e) => setRequest(value(e))}>
              <option value="">{t('wf.no_fund_request')}</option>
              {requests.map((r) => (
                <option key={r.id} value={r.id}>{areaName(app, r.area_id)} · {r.purpose} · {fmtDate(r.submitted_at)}</option>
              ))}
            </select>
          ) : (
            <input id="ws-request" value={request} placeholder="fnr_…" onInput={(e) => setRequest(value(e))} />
          )}
        </Field>
      </div>
      <Field id="ws-purpose" label={t('wf.purpose')} error={errors.purpose}>
        <input id="ws-purpose" value={purpose} onInput={(e) => setPurpose(value(e))} />
      </Field>
      <button type="submit" class="btn btn-primary">{t('wf.deploy')}</button>
    </form>
  );
}
