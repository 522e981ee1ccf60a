import { useState } from 'preact/hooks';
import { ApiError, get } from '../api';
import { lang, t } from '../i18n';
import type { ExportJob } from '../types';
import { ErrorBox } from './ui';

/** Saves what `url` answers (an /api/v1 file route) under the name its Content-Disposition gives. */
async function saveFrom(url: string): Promise<Response> {
  const res = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
  if (res.status === 202) return res;
  if (!res.ok) {
    const data = await res.json().catch(() => null);
    const e = data?.error ?? { code: 'http_' + res.status, message: res.statusText, field: null };
    throw new ApiError(res.status, e.code, e.message, e.field ?? null);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? 'export';
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await res.blob());
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  return res;
}

/**
 * Downloads a file route; a list the server exports as a job (202: above its configured size)
 * is followed until its file is ready (progress shown through `onProgress`), then saved.
 */
export async function downloadExport(path: string, onProgress: (p: number | null) => void): Promise<void> {
  const res = await saveFrom('/api/v1' + path);
  if (res.status !== 202) return;
  let job = (await res.json()) as ExportJob;
  while (job.status === 'running') {
    onProgress(job.progress);
    await new Promise((r) => setTimeout(r, 500));
    job = await get<ExportJob>('/exports/' + job.id);
  }
  onProgress(null);
  if (job.status !== 'done') throw new ApiError(500, job.error?.code ?? 'export_failed', job.error?.message ?? '');
  await saveFrom('/api/v1/exports/' + job.id + '/file');
}

/** "CSV" and "Excel" buttons for a list route: the whole list with the page's filters, as a file. */
export function ExportButtons({ path, testid, label }: { path: string; testid?: string; label?: string }) {
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(true);
    setError(null);
    try {
      await downloadExport(path + (path.includes('?') ? '&' : '?') + 'format=' + format, setProgress);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };
  return (
    <div class="export-buttons" data-testid={testid ?? 'export-buttons'}>
      <span class="muted">{label ?? t('export.label')}</span>
      <button type="button" class="btn btn-small" disabled={busy} data-format="csv" onClick={() => run('csv')}>
        {t('export.csv')}
      </button>
      <button type="button" class="btn btn-small" disabled={busy} data-format="xlsx" onClick={() => run('xlsx')}>
        {t('export.xlsx')}
      </button>
      {progress !== null && (
        <span role="status" class="muted">{t('export.progress', { n: Math.round(progress * 100) })}</span>
      )}
      <ErrorBox error={error} />
    </div>
  );
}

/** "Download Excel" for one SRA: its risk register in the UI's language. */
export function RegisterButton({ sraId }: { sraId: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <>
      <button type="button" class="btn" data-testid="download-xlsx" disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            await downloadExport('/sras/' + sraId + '/register.xlsx?lang=' + lang(), () => {});
          } catch (e) {
            setError(e);
          } finally {
            setBusy(false);
          }
        }}>
        {t('export.register')}
      </button>
      {!!error && <ErrorBox error={error} />}
    </>
  );
}

/** Links to a drawing as an image for slides (issue 17): `base` + ".svg" and ".png", in the UI's
 *  language, as downloads (the session cookie goes with the link). Hidden when printing. */
export function ImageLinks({ base, query, label, testid }: { base: string; query?: string; label: string; testid: string }) {
  const q = '?' + (query ? query + '&' : '') + 'lang=' + lang();
  return (
    <p class="export-buttons image-links" data-testid={testid}>
      <span class="muted">{label}</span>{' '}
      <a class="btn btn-small" data-format="svg" download href={'/api/v1' + base + '.svg' + q}>{t('export.svg')}</a>{' '}
      <a class="btn btn-small" data-format="png" download href={'/api/v1' + base + '.png' + q}>{t('export.png')}</a>
    </p>
  );
}
