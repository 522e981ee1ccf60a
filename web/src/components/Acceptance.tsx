// Risk acceptance on an activity (SRM-METHOD.md 7a): who may sign the residual risk, the latest
// acceptance (signatory, SRA version, conditions, expiry) and whether it still stands, and the form
// for the entitled signer. The server decides who may sign (acceptance.may_sign) and refuses
// anyone else; this panel only shows its answer.
import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../api';
import { fmtDate, fmtDateTime, t, tx } from '../i18n';
import { ErrorBox } from './ui';
import { useApp } from '../state';
import { useTypedGuard } from '../leaveGuard';
import { personName, sraName } from '../names';
import type { AcceptanceState, ActivityDecision } from '../types';

type Detail = ActivityDecision & { acceptance?: AcceptanceState };

/** Loads the activity's acceptance state when its residual is at or above the acceptance level. */
export function AcceptancePanel({ a, onChange }: { a: ActivityDecision; onChange: () => void }) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () =>
    get<Detail>('/activities/' + encodeURIComponent(a.programme_id))
      .then((d) => setDetail(d))
      .catch(setError);
  useEffect(() => {
    load();
  }, [a.programme_id, a.revision, a.status]);
  if (error) return <ErrorBox error={error} onRetry={load} />;
  const st = detail?.acceptance;
  if (!detail || !st || st.need === 'none') return null;
  return <Panel a={detail} st={st} onDone={() => { load(); onChange(); }} />;
}

function Panel({ a, st, onDone }: { a: Detail; st: AcceptanceState; onDone: () => void }) {
  const latest = st.latest;
  const stateVars = { date: latest ? fmtDate(latest.expires_on) : '' };
  return (
    <div class="subcard" data-testid="acceptance" data-acceptance-need={st.need} data-acceptance-state={st.state.code}>
      <h3>{t('acc.title')}</h3>
      <p data-testid="acceptance-need">
        {t(('acc.need.' + st.need) as 'acc.need.none', { pc: 'PC' + a.pc, level: '' })}
      </p>
      {latest && (
        <dl class="facts" data-testid="acceptance-latest" data-acceptance-status={latest.status}>
          <div>
            <dt>{t('acc.title')}</dt>
            <dd>
              {t('acc.signed_by', {
                who: personName(latest.signatory),
                role: tx('acc.role', latest.signatory_role),
                date: fmtDateTime(latest.signed_at),
                residual: tx('level', latest.residual_risk),
                sra: sraName(latest.sra_title),
              })}
            </dd>
          </div>
          <div>
            <dt>{t('acc.expiry')}</dt>
            <dd data-testid="acceptance-expiry">{fmtDate(latest.expires_on)}</dd>
          </div>
          {latest.conditions && (
            <div><dt>{t('acc.conditions')}</dt><dd>{latest.conditions}</dd></div>
          )}
        </dl>
      )}
      <p class={'chip ' + (st.in_force ? 'chip-ok' : 'chip-warn')} data-testid="acceptance-state">
        {t(('acc.state.' + st.state.code) as 'acc.state.no_acceptance', stateVars)}
      </p>
      {st.may_sign && <SignForm a={a} onDone={onDone} />}
    </div>
  );
}

function SignForm({ a, onDone }: { a: Detail; onDone: () => void }) {
  const [reasons, setReasons] = useState('');
  const [conditions, setConditions] = useState('');
  const [expires, setExpires] = useState('');
  // Reasons or conditions typed and not signed are asked about before the page is left.
  useTypedGuard(!!(reasons.trim() || conditions.trim()));
  const [missing, setMissing] = useState<'' | 'reasons' | 'expiry'>('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const id = 'acc-' + a.programme_id;
  const maxDays = useApp().method.acceptance_max_days ?? 180;
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    if (!reasons.trim()) return setMissing('reasons');
    if (!expires) return setMissing('expiry');
    setMissing('');
    setBusy(true);
    try {
      await post('/activities/' + encodeURIComponent(a.programme_id) + '/acceptance', {
        reasons,
        conditions,
        expires_on: expires,
      });
      setReasons('');
      setConditions('');
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="decide" onSubmit={submit} data-record="acceptance" noValidate>
      {error ? <ErrorBox error={error} /> : null}
      <div class={'field' + (missing === 'reasons' ? ' has-error' : '')}>
        <label for={id + '-reasons'}>{t('acc.reasons')}</label>
        <textarea id={id + '-reasons'} rows={2} value={reasons} required
          aria-invalid={missing === 'reasons' ? true : undefined}
          onInput={(e) => setReasons((e.target as HTMLTextAreaElement).value)} />
        {missing === 'reasons' && <p class="field-error" role="alert">{t('acc.reasons_required')}</p>}
      </div>
      <div class="field">
        <label for={id + '-conditions'}>{t('acc.conditions_label')}</label>
        <textarea id={id + '-conditions'} rows={2} value={conditions}
          onInput={(e) => setConditions((e.target as HTMLTextAreaElement).value)} />
      </div>
      <div class={'field' + (missing === 'expiry' ? ' has-error' : '')}>
        <label for={id + '-expires'}>{t('acc.expires_on', { days: maxDays })}</label>
        <input id={id + '-expires'} type="date" value={expires} required
          aria-invalid={missing === 'expiry' ? true : undefined}
          onInput={(e) => setExpires((e.target as HTMLInputElement).value)} />
        {missing === 'expiry' && <p class="field-error" role="alert">{t('acc.expiry_required')}</p>}
      </div>
      <div class="actions">
        <button type="submit" class="btn btn-primary btn-small" disabled={busy}>{t('acc.sign')}</button>
      </div>
    </form>
  );
}
