// The evidence beside a likelihood: the area's indicators for one threat category (counts over
// 30/90/365 days, rate, trend), the suggested likelihood with its arithmetic, and a 12-month trend
// chart drawn as inline SVG (classes and SVG attributes only: the CSP forbids inline styles).
import { useEffect, useState } from 'preact/hooks';
import { get } from '../api';
import { t, tx } from '../i18n';
import type { AreaIndicators, CategoryIndicators } from '../types';

/** The area's indicators for an SRA period (0 = the pack's default); null while loading, and
 * 'none' when the server has no evidence engine or the request failed (the field still works). */
export function useAreaIndicators(areaId: string, periodDays: number): AreaIndicators | null | 'none' {
  const [data, setData] = useState<AreaIndicators | null | 'none'>(null);
  useEffect(() => {
    let live = true;
    setData(null);
    const q = periodDays > 0 ? '?period_days=' + periodDays : '';
    get<AreaIndicators>('/areas/' + encodeURIComponent(areaId) + '/indicators' + q)
      .then((d) => live && setData(d))
      .catch(() => live && setData('none'));
    return () => {
      live = false;
    };
  }, [areaId, periodDays]);
  return data;
}

/** Days in the SRA's scope (inclusive), 0 when its dates are not both set (the server does the same). */
export function periodOf(from: string, to: string): number {
  if (!from || !to) return 0;
  const a = Date.parse(from + 'T00:00:00Z');
  const b = Date.parse(to + 'T00:00:00Z');
  if (isNaN(a) || isNaN(b) || b < a) return 0;
  return Math.min(3650, Math.round((b - a) / 86400000) + 1);
}

const W = 240, H = 64, PAD = 12;

/** 12 monthly bars, the latest on the right (mirrored under right-to-left by the page, not here). */
export function TrendChart({ id, months, counts, label }: { id: string; months: string[]; counts: number[]; label: string }) {
  const max = Math.max(1, ...counts);
  const bw = W / counts.length;
  const summary = months.map((mo, i) => mo + ': ' + counts[i]).join(', ');
  return (
    <figure class="trend" data-testid="trend-chart">
      <svg class="trend-svg" viewBox={`0 0 ${W} ${H + PAD}`} role="img" aria-labelledby={id + '-t'} data-max={max}>
        <title id={id + '-t'}>{label + ' — ' + summary}</title>
        <line class="trend-axis" x1={0} y1={H} x2={W} y2={H} />
        {counts.map((n, i) => {
          const h = n ? Math.max(2, (n / max) * (H - 4)) : 0;
          return (
            <rect key={months[i]} class={'trend-bar' + (i === counts.length - 1 ? ' trend-now' : '')}
              x={+(i * bw + 2).toFixed(2)} y={+(H - h).toFixed(2)} width={+(bw - 4).toFixed(2)} height={+h.toFixed(2)}
              data-month={months[i]} data-count={n}>
              <title>{months[i] + ': ' + n}</title>
            </rect>
          );
        })}
        <text class="trend-lbl" x={2} y={H + PAD - 2}>{months[0]}</text>
        <text class="trend-lbl" x={W - 2} y={H + PAD - 2} text-anchor="end">{months[months.length - 1]}</text>
      </svg>
      <figcaption class="hint">{t('ev.chart_caption', { max })}</figcaption>
    </figure>
  );
}

/** Difference in steps between the chosen and the suggested likelihood (by their place in the scale). */
export function likelihoodDiff(scale: string[], chosen: string | null, suggested: string | null | undefined): number | null {
  if (!chosen || !suggested) return null;
  const a = scale.indexOf(chosen), b = scale.indexOf(suggested);
  return a < 0 || b < 0 ? null : a - b;
}

/** The suggestion for a category, as the server records it: none when the area has no incident at all. */
export function liveSuggestion(data: AreaIndicators | null | 'none', category: string): string | null {
  if (!data || data === 'none' || !data.categories.some((c) => c.events_in_lookback > 0)) return null;
  return data.categories.find((c) => c.category === category)?.suggestion?.likelihood ?? null;
}

export function IndicatorPanel({ id, data, category, scale, chosen }: {
  id: string; data: AreaIndicators | null | 'none'; category: string; scale: string[]; chosen: string | null;
}) {
  if (data === null) return <p class="hint evidence" aria-live="polite">{t('ev.loading')}</p>;
  if (data === 'none') return null;
  const c: CategoryIndicators | undefined = data.categories.find((x) => x.category === category);
  if (!c) return null;
  if (!data.categories.some((x) => x.events_in_lookback > 0))
    return <p class="hint evidence" data-testid="evidence" data-category={category} data-empty="">{t('ev.no_area_incidents')}</p>;
  // No imported source records the category: no suggestion, and the reason instead.
  if (!c.suggestion || c.evidence?.state === 'no_evidence')
    return (
      <p class="hint evidence" data-testid="evidence" data-category={category} data-no-evidence={c.evidence?.reason ?? ''}>
        {t('ev.title', { category: tx('cat', category) })}: {tx('evr', c.evidence?.reason ?? 'no_source_covers_category')}
      </p>
    );
  const s = c.suggestion;
  const none = c.events_in_lookback === 0;
  const diff = likelihoodDiff(scale, chosen, s.likelihood);
  const w = Object.keys(c.counts).sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
  return (
    <section class="evidence" data-testid="evidence" data-category={category} aria-labelledby={id + '-h'}>
      <h4 id={id + '-h'}>{t('ev.title', { category: tx('cat', category) })}</h4>
      {none ? (
        <p class="hint" data-testid="ev-none">{t('ev.no_incidents')}</p>
      ) : (
        <>
          <dl class="ev-stats">
            {w.map((k) => (
              <div key={k} data-window={k}><dt>{t('ev.window', { days: k.replace(/d$/, '') })}</dt><dd>{c.counts[k]}</dd></div>
            ))}
            <div><dt>{t('ev.rate')}</dt><dd data-testid="ev-rate">{c.rate_per_year.toFixed(1)}</dd></div>
            <div><dt>{t('ev.trend')}</dt><dd data-trend={c.trend.label}>{tx('trend', c.trend.label)}</dd></div>
          </dl>
          <TrendChart id={id + '-chart'} months={data.months} counts={c.monthly ?? []} label={t('ev.chart', { category: tx('cat', category) })} />
        </>
      )}
      <p class="ev-suggest" data-testid="ev-suggestion" data-likelihood={s.likelihood}>
        {t('ev.suggested', { level: tx('lik', s.likelihood), days: s.period_days })}
      </p>
      <details class="ev-why">
        <summary>{t('ev.why')}</summary>
        <p class="hint">{s.explanation}</p>
      </details>
      {diff !== null && diff !== 0 && (
        <p class="notice notice-warn ev-differs" role="status" data-testid="ev-differs" data-diff={diff}>
          {t(diff > 0 ? 'ev.differs_higher' : 'ev.differs_lower', { n: Math.abs(diff), level: tx('lik', s.likelihood) })}
        </p>
      )}
    </section>
  );
}
