import type { ComponentChildren } from 'preact';
import { ApiError } from '../api';
import { lang, t, tx, type Key } from '../i18n';
import { errorText } from '../i18n/errors';
import { levelClass } from '../domain';
import type { Method } from '../types';

export type Errors = Record<string, string>;

/** Message for an API error, in the user's language where the code is known. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 0) return t('err.network');
    if (e.code === 'vulnerability_required') return t('err.vulnerability_required');
    if (e.code === 'stale_revision') return t('err.stale');
    if (e.code === 'comment_required') return t('err.comment_required');
    // Every language says it from the code (errors/<lang>.ts, English too), so the
    // three read the same; the server's English message is shown only for a code the UI has no
    // sentence for, and only in English (French and Arabic get a generic sentence, never English).
    // 'forbidden' names no specific refusal: its message (the role needed) is that fallback.
    const text = e.code === 'forbidden' ? undefined : codeText(e.code);
    const fallback = lang() === 'en' && e.message ? capital(e.message) : '';
    if (e.status === 403) {
      const detail = text ?? (fallback ? fallback + '.' : '');
      return t('err.forbidden', { detail }).trim();
    }
    if (text) return text;
    if (e.status === 404 && !e.message) return t('err.not_found');
    if (lang() !== 'en') return t('err.generic');
    return fallback || capital(e.code);
  }
  return e instanceof Error ? e.message : String(e);
}

// A code's sentence: the lazily loaded errors/<lang>.ts (fetched before api() throws);
// the main catalogs keep 'err.c.<code>' only for codes the UI names itself (err.c.text_required).
function codeText(code: string): string | undefined {
  const key = ('err.c.' + code) as Key;
  const s = t(key);
  return s !== key ? s : errorText(lang(), code);
}

function capital(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/** Turns an API error into messages per field, so they appear at the field. */
export function fieldErrors(e: unknown): Errors {
  if (e instanceof ApiError && e.field && e.status !== 403) return { [e.field]: errorMessage(e) };
  return { _: errorMessage(e) };
}

export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (!error) return null;
  const forbidden = error instanceof ApiError && error.status === 403;
  return (
    <div class={'notice ' + (forbidden ? 'notice-forbidden' : 'notice-error')} role="alert" data-testid={forbidden ? 'forbidden' : 'error'}>
      <strong>{forbidden ? t('err.forbidden_title') : t('err.title')}</strong>
      <p>{errorMessage(error)}</p>
      {onRetry && (
        <button type="button" class="btn btn-small" onClick={onRetry}>
          {t('err.retry')}
        </button>
      )}
    </div>
  );
}

export function FormError({ errors }: { errors: Errors }) {
  const keys = Object.keys(errors);
  if (!keys.length) return null;
  return (
    <div class="notice notice-error" role="alert">
      {errors._ ? <p>{errors._}</p> : <p>{t('err.fix_fields')}</p>}
    </div>
  );
}

interface FieldProps {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: ComponentChildren;
  class?: string;
}

/** A labelled control with its hint and its error right below it. */
export function Field({ id, label, error, hint, children, class: cls }: FieldProps) {
  return (
    <div class={'field' + (error ? ' has-error' : '') + (cls ? ' ' + cls : '')}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={id + '-hint'}>
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p class="field-error" id={id + '-error'} role="alert" data-field-error={id}>
          {error}
        </p>
      )}
    </div>
  );
}

export function describedBy(id: string, error?: string, hint?: string): Record<string, string | boolean | undefined> {
  const ids = [hint ? id + '-hint' : '', error ? id + '-error' : ''].filter(Boolean).join(' ');
  return ids ? { 'aria-describedby': ids, 'aria-invalid': error ? true : undefined } : {};
}

export function RiskBadge({ method, level, empty }: { method: Method | null; level: string | null | undefined; empty?: string }) {
  if (!level) return <span class="badge lvl-none">{empty ?? t('rate.not_rated')}</span>;
  return (
    <span class={'badge ' + levelClass(method, level)} data-level={level}>
      {tx('level', level)}
    </span>
  );
}

export function StatusChip({ status }: { status: string }) {
  return (
    <span class={'chip st-' + status} data-status={status}>
      {tx('status', status)}
    </span>
  );
}

export function Loading() {
  return (
    <p class="loading" aria-live="polite">
      {t('app.loading')}
    </p>
  );
}

export function Card({ title, children, class: cls, actions }: { title?: string; children: ComponentChildren; class?: string; actions?: ComponentChildren }) {
  return (
    <section class={'card' + (cls ? ' ' + cls : '')}>
      {(title || actions) && (
        <header class="card-head">
          {title && <h2>{title}</h2>}
          {actions}
        </header>
      )}
      {children}
    </section>
  );
}
