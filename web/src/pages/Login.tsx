import { useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { post } from '../api';
import { t } from '../i18n';
import type { User } from '../types';
import { Field, describedBy, fieldErrors, type Errors } from '../components/ui';

interface Props {
  note: '' | 'expired' | 'signed_out';
  onLogin: (user: User, csrf: string) => Promise<void>;
  switcher: JSX.Element;
}

export function Login({ note, onLogin, switcher }: Props) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Errors>({});

  const submit = async (e: Event) => {
    e.preventDefault();
    const errs: Errors = {};
    if (!username.trim()) errs.username = t('err.required');
    if (!password) errs.password = t('err.required');
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      // The token in the answer is for scripts (the same session as the cookie); the page never
      // keeps it and relies on the HttpOnly cookie only.
      const r = await post<{ user: User; csrf_token: string }>('/auth/login', { username: username.trim(), password });
      await onLogin(r.user, r.csrf_token);
    } catch (err) {
      setErrors(fieldErrors(err));
      setBusy(false);
    }
  };

  return (
    <div class="login-page">
      <div class="login-lang">{switcher}</div>
      <main class="login-card" id="main">
        <p class="brand brand-big">
          <span class="brand-mark" aria-hidden="true">◆</span> {t('app.name')}
        </p>
        <p class="muted">{t('app.tagline')}</p>
        <h1>{t('login.title')}</h1>
        {note === 'expired' && (
          <div class="notice notice-warn" role="status" data-testid="session-expired">
            {t('login.expired')}
          </div>
        )}
        {note === 'signed_out' && (
          <div class="notice notice-info" role="status">
            {t('login.signed_out')}
          </div>
        )}
        {errors._ && (
          <div class="notice notice-error" role="alert">
            {errors._}
          </div>
        )}
        <form onSubmit={submit} noValidate>
          <Field id="username" label={t('login.username')} error={errors.username}>
            <input
              id="username"
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              value={username}
              onInput={(e) => setUsername((e.target as HTMLInputElement).value)}
              {...describedBy('username', errors.username)}
            />
          </Field>
          <Field id="password" label={t('login.password')} error={errors.password}>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
              {...describedBy('password', errors.password)}
            />
          </Field>
          <button class="btn btn-primary btn-block" type="submit" disabled={busy}>
            {busy ? t('login.busy') : t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
