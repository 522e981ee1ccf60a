// Dashboard card "Review proposed — change in the area": the areas whose indicators moved beyond the
// pack's thresholds since their SRA was published (GET /review-proposals), each once, with the
// evidence (the categories that moved and why) and a link to the SRA to revise.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, get } from '../api';
import { fmtDate, fmtNumber, t, tx } from '../i18n';
import { href } from '../router';
import { areaName, useApp } from '../state';
import type { ReviewProposal } from '../types';
import { Card, ErrorBox, Loading } from './ui';

const LIMIT = 10;

type Change = ReviewProposal['changes'][number];

/** Why a category moved, in the user's language, from its indicators then and now (the server's
 * `reasons` are English sentences without codes: shown only if neither indicator moved up). */
function changeText(c: Change): string {
  const then = c.at_publication, now = c.now;
  const lines: string[] = [];
  if (now.suggestion && then.suggestion && now.suggestion.likelihood_score > then.suggestion.likelihood_score)
    lines.push(t('rp.likelihood_rose', { from: tx('lik', then.suggestion.likelihood), to: tx('lik', now.suggestion.likelihood) }));
  if (now.rate_per_day > then.rate_per_day)
    lines.push(t('rp.rate_rose', { now: fmtNumber(now.rate_per_day), then: fmtNumber(then.rate_per_day) }));
  return lines.length ? lines.join('; ') : c.reasons.join('; ');
}

export function ReviewProposalsCard() {
  const app = useApp();
  const [page, setPage] = useState<{ items: ReviewProposal[]; total?: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [off, setOff] = useState(false);
  const load = () => {
    setError(null);
    get<{ items: ReviewProposal[]; total?: number }>('/review-proposals?limit=' + LIMIT)
      .then(setPage)
      .catch((e) => {
        // A server without the evidence engine (503) has nothing to propose: no card.
        if (e instanceof ApiError && e.status === 503) setOff(true);
        else setError(e);
      });
  };
  useEffect(load, []);
  if (off) return null;
  const total = page?.total ?? 0;
  return (
    <Card title={t('rp.title')} class="card-proposals">
      {error ? <ErrorBox error={error} onRetry={load} /> : !page ? <Loading /> : page.items.length === 0 ? (
        <p class="empty" data-testid="dash-proposals-empty">{t('rp.empty')}</p>
      ) : (
        <>
          <ul class="rowlist" data-testid="dash-proposals">
            {page.items.map((p) => (
              <li key={p.id} data-proposal={p.id} data-area={p.area_id}>
                <a href={href('/sras/' + p.sra_id)}>{areaName(app, p.area_id)} — {p.sra_title}</a>
                <span class="rowmeta">{t('rp.since', { date: fmtDate(p.published_on), as_of: fmtDate(p.as_of) })}</span>
                <ul class="rp-changes">
                  {p.changes.map((c) => (
                    <li key={c.category} data-category={c.category}>
                      <strong>{tx('cat', c.category)}</strong>: {changeText(c)}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          {total > page.items.length && <p class="muted">{t('rp.more', { n: page.items.length, total })}</p>}
        </>
      )}
    </Card>
  );
}
