// API tokens for integrations (issue 18): a user's tokens listed with their expiry, revoked after
// a confirmation naming the token; the user's own tokens made here, the secret shown once (the
// server keeps only its hash). An administrator revokes anyone's; nobody makes a token for
// someone else (service/auth.cpp).
import { useEffect, useState } from 'preact/hooks';
import { del, get, post } from '../api';
import { useTypedGuard } from '../leaveGuard';
import { fmtDateTime, t } from '../i18n';
import type { components } from '../generated/api';
import { Card, ErrorBox, Field, FormError, Loading, fieldErrors, type Errors } from '../components/ui';
import { useConfirm } from '../components/Confirm';

type Token = components['schemas']['ApiToken'];

const value = (e: Event) => (e.target as HTMLInputElement).value;

export function TokenList({ userId, who, mayRevoke, self }: { userId: string; who: string; mayRevoke: boolean; self?: boolean }) {
  const confirm = useConfirm();
  const [tokens, setTokens] = useState<Token[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [made, setMade] = useState<Token | null>(null);
  const path = self ? '/auth/tokens' : '/users/' + encodeURIComponent(userId) + '/tokens';
  const reload = () => { setError(null); get<{ items: Token[] }>(path).then((l) => setTokens(l.items), setError); };
  useEffect(reload, [path]);
  const revoke = async (tok: Token) => {
    const ok = await confirm.ask({
      title: t('tok.revoke_title', { name: tok.name }),
      body: t('tok.revoke_body', { name: tok.name, who }),
      confirm: t('tok.revoke'),
      danger: true,
    });
    if (!ok) return;
    try {
      await del(self ? '/auth/tokens/' + encodeURIComponent(tok.id) : path + '/' + encodeURIComponent(tok.id));
      reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Card title={t('tok.title')}>
      {confirm.dialog}
      <p class="muted">{t('tok.intro')}</p>
      <ErrorBox error={error} onRetry={reload} />
      {!tokens && !error && <Loading />}
      {tokens && tokens.length === 0 && <p data-testid="tok-none">{t('tok.none')}</p>}
      {tokens && tokens.length > 0 && (
        <div class="table-wrap">
          <table class="table" data-testid="tok-list">
            <thead><tr><th>{t('tok.name')}</th><th>{t('tok.created')}</th><th>{t('tok.expires')}</th><th></th></tr></thead>
            <tbody>
              {tokens.map((k) => (
                <tr key={k.id} data-token={k.name}>
                  <td>{k.name}</td>
                  <td>{fmtDateTime(k.created_at)}</td>
                  <td>{k.expired ? t('tok.expired') : fmtDateTime(k.expires_at)}</td>
                  <td>{mayRevoke && <button type="button" class="btn btn-small btn-danger" onClick={() => revoke(k)}>{t('tok.revoke')}</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {self && <NewToken onMade={(k) => { setMade(k); reload(); }} />}
      {made?.token && (
        <div class="notice notice-ok" role="status" data-testid="tok-secret">
          <p>{t('tok.secret_once', { name: made.name })}</p>
          <p><code>{made.token}</code></p>
        </div>
      )}
    </Card>
  );
}

function NewToken({ onMade }: { onMade: (t: Token) => void }) {
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  // A token named and not made is asked about before the page is left.
  useTypedGuard(!!name.trim());
  const [errors, setErrors] = useState<Errors>({});
  const submit = async (e: Event) => {
    e.preventDefault();
    setErrors({});
    try {
      const k = await post<Token>('/auth/tokens', { name, expires_in_days: Number(days) });
      setName('');
      onMade(k);
    } catch (err) {
      setErrors(fieldErrors(err));
    }
  };
  return (
    <form onSubmit={submit} data-testid="tok-form">
      <h3>{t('tok.new')}</h3>
      <FormError errors={errors} />
      <Field id="tok-name" label={t('tok.name')} hint={t('tok.name_hint')} error={errors.name}>
        <input id="tok-name" required maxLength={100} value={name} onInput={(e) => setName(value(e))} />
      </Field>
      <Field id="tok-days" label={t('tok.days')} error={errors.expires_in_days}>
        <input id="tok-days" type="number" min={1} max={366} required value={days} onInput={(e) => setDays(value(e))} />
      </Field>
      <div class="btn-row"><button class="btn btn-primary" type="submit" data-testid="tok-make">{t('tok.make')}</button></div>
    </form>
  );
}
