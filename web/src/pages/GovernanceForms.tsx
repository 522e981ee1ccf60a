// The governance secretariat's form to create a body (issue 16; 002 §§ 40-41): its kind, name,
// country (a security management team is a country's), reporting line, the day it was established
// (the security governance group's 12-month effectiveness review is dated from it by the server),
// its members, and the first version of its terms of reference, drafted and optionally published
// in the same step. The server decides; errors come back as reason codes shown at their field.
import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../api';
import { t, tx } from '../i18n';
import { useApp } from '../state';
import { useTypedGuard } from '../leaveGuard';
import type { components } from '../generated/api';
import type { Country } from '../types';
import { Field, FormError, fieldErrors, type Errors } from '../components/ui';

type Body = components['schemas']['GovernanceBody'];

export const BODY_KINDS = ['security_governance_group', 'iasmn', 'egs', 'smt', 'finance_budget_network'] as const;
export const MEMBER_ROLES = ['chair', 'member', 'secretariat', 'observer'] as const;

interface MemberRow { name: string; organization_id: string; member_role: string }

const today = () => new Date().toISOString().slice(0, 10);
const blankMember = (): MemberRow => ({ name: '', organization_id: '', member_role: 'member' });
const value = (e: Event) => (e.target as HTMLInputElement).value;

export function BodyForm({ bodies, onCreated }: { bodies: Body[]; onCreated: (b: Body) => void }) {
  const app = useApp();
  const [countries, setCountries] = useState<Country[]>([]);
  const [kind, setKind] = useState<string>('security_governance_group');
  const [name, setName] = useState('');
  const [country, setCountry] = useState('');
  const [reportsTo, setReportsTo] = useState('');
  const [reportsToBody, setReportsToBody] = useState('');
  const [established, setEstablished] = useState(today());
  const [members, setMembers] = useState<MemberRow[]>([blankMember()]);
  const [tor, setTor] = useState('');
  const [publish, setPublish] = useState(true);
  const [errors, setErrors] = useState<Errors>({});
  // A body typed and not created is asked about before the page is left.
  useTypedGuard(!!(name.trim() || tor.trim()));
  const [busy, setBusy] = useState(false);
  useEffect(() => { get<{ items: Country[] }>('/countries').then((c) => setCountries(c.items)).catch(() => setCountries([])); }, []);

  const setMember = (i: number, patch: Partial<MemberRow>) => setMembers(members.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  const submit = async () => {
    setErrors({});
    setBusy(true);
    try {
      const rows = members.filter((m) => m.name.trim() !== '');
      let body = await post<Body>('/governance/bodies', {
        kind, name, established_on: established,
        country_id: country || null, reports_to: reportsTo || null, reports_to_body_id: reportsToBody || null,
        members: rows.map((m) => ({ name: m.name, member_role: m.member_role, organization_id: m.organization_id || null })),
      });
      // The first version of the terms of reference: drafted, then published if asked. A failure
      // here leaves the body created; the card's own ToR form takes it from there.
      try {
        if (tor.trim()) {
          body = await post<Body>('/governance/bodies/' + body.id + '/tor', { text: tor });
          if (publish) body = await post<Body>('/governance/bodies/' + body.id + '/tor/1/publish');
        }
      } catch (e) {
        setErrors({ tor: fieldErrors(e)._ ?? Object.values(fieldErrors(e))[0] });
      }
      setName('');
      setReportsTo('');
      setReportsToBody('');
      setMembers([blankMember()]);
      setTor('');
      onCreated(body);
    } catch (e) {
      setErrors(fieldErrors(e));
    } finally {
      setBusy(false);
    }
  };
  // A member's field error comes back as members[i].field.
  const memberError = (i: number, f: string) => errors['members[' + i + '].' + f];
  return (
    <form class="card" data-testid="gov-body-new" onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <h2>{t('gv.body_new')}</h2>
      <FormError errors={errors} />
      <div class="row-2">
        <Field id="gb-kind" label={t('gv.kind_label')} error={errors.kind}>
          <select id="gb-kind" value={kind} onChange={(e) => setKind(value(e))}>
            {BODY_KINDS.map((k) => <option key={k} value={k}>{tx('gv.kind', k)}</option>)}
          </select>
        </Field>
        <Field id="gb-name" label={t('gv.name')} error={errors.name}>
          <input id="gb-name" value={name} onInput={(e) => setName(value(e))} />
        </Field>
        <Field id="gb-country" label={t('gv.country')} error={errors.country_id} hint={kind === 'smt' ? t('gv.country_hint') : undefined}>
          <select id="gb-country" value={country} onChange={(e) => setCountry(value(e))}>
            <option value="">{t('gv.no_country')}</option>
            {countries.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </Field>
        <Field id="gb-established" label={t('gv.established_on')} error={errors.established_on}
          hint={kind === 'security_governance_group' ? t('gv.review_hint') : undefined}>
          <input id="gb-established" type="date" value={established} onInput={(e) => setEstablished(value(e))} />
        </Field>
        <Field id="gb-reports" label={t('gv.reports_to_label')} error={errors.reports_to} hint={t('gv.reports_to_hint')}>
          <input id="gb-reports" value={reportsTo} onInput={(e) => setReportsTo(value(e))} />
        </Field>
        <Field id="gb-reports-body" label={t('gv.reports_to_body')} error={errors.reports_to_body_id}>
          <select id="gb-reports-body" value={reportsToBody} onChange={(e) => setReportsToBody(value(e))}>
            <option value="">{t('gv.no_body')}</option>
            {bodies.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
          </select>
        </Field>
      </div>
      <fieldset class="gov-members-edit">
        <legend>{t('gv.members')}</legend>
        {members.map((m, i) => (
          <div class="row-2 gb-member" key={i} data-testid="gb-member">
            <Field id={'gbm-name-' + i} label={t('gv.member_name')} error={memberError(i, 'name')}>
              <input id={'gbm-name-' + i} value={m.name} onInput={(e) => setMember(i, { name: value(e) })} />
            </Field>
            <Field id={'gbm-org-' + i} label={t('gv.member_org')} error={memberError(i, 'organization_id')}>
              <select id={'gbm-org-' + i} value={m.organization_id} onChange={(e) => setMember(i, { organization_id: value(e) })}>
                <option value="">{t('gv.no_org')}</option>
                {app.orgs.map((o) => <option key={o.id} value={o.id}>{o.code}</option>)}
              </select>
            </Field>
            <Field id={'gbm-role-' + i} label={t('gv.member_role')} error={memberError(i, 'member_role')}>
              <select id={'gbm-role-' + i} value={m.member_role} onChange={(e) => setMember(i, { member_role: value(e) })}>
                {MEMBER_ROLES.map((r) => <option key={r} value={r}>{tx('gv.role', r)}</option>)}
              </select>
            </Field>
            {members.length > 1 && (
              <button type="button" class="btn btn-small" onClick={() => setMembers(members.filter((_, j) => j !== i))}>
                {t('gv.member_remove')}
              </button>
            )}
          </div>
        ))}
        <button type="button" class="btn btn-small" data-testid="gb-member-add" onClick={() => setMembers([...members, blankMember()])}>
          {t('gv.member_add')}
        </button>
      </fieldset>
      <Field id="gb-tor" label={t('gv.tor_first')} error={errors.tor ?? errors.text}>
        <textarea id="gb-tor" rows={4} value={tor} onInput={(e) => setTor((e.target as HTMLTextAreaElement).value)} />
      </Field>
      <label class="check">
        <input type="checkbox" id="gb-publish" checked={publish} onChange={(e) => setPublish((e.target as HTMLInputElement).checked)} />{' '}
        {t('gv.tor_publish_now')}
      </label>
      <p><button type="submit" class="btn btn-primary" disabled={busy}>{t('gv.create')}</button></p>
    </form>
  );
}
