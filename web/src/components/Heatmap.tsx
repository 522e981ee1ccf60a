import { useState } from 'preact/hooks';
import { t, tx } from '../i18n';
import { levelClass, residualRating } from '../domain';
import type { Method, Scenario } from '../types';
import { MatrixTable } from './MatrixTable';

interface Props {
  method: Method;
  scenarios: Scenario[];
  mode: 'current' | 'residual';
  id: string;
}

/** 5x5 likelihood x impact matrix with the number of scenarios in each cell; a cell lists them. */
export function Heatmap({ method, scenarios, mode, id }: Props) {
  const [sel, setSel] = useState<{ l: string; i: string } | null>(null);
  const rating = (s: Scenario) => (mode === 'current' ? { l: s.likelihood, i: s.impact } : residualRating(s));
  const inCell = (l: string, i: string) => scenarios.filter((s) => {
    const r = rating(s);
    return r.l === l && r.i === i;
  });
  const title = mode === 'current' ? t('hm.current') : t('hm.residual');
  const listed = sel ? inCell(sel.l, sel.i) : [];
  return (
    <figure class="heatmap" data-heatmap={mode} id={id}>
      <figcaption>{title}</figcaption>
      <div class="hm-wrap">
        <div class="hm-ylabel" aria-hidden="true">{t('hm.likelihood')}</div>
        <MatrixTable
          method={method}
          caption={title}
          cell={(l, i, level) => {
            const n = inCell(l, i).length;
            const active = sel && sel.l === l && sel.i === i;
            return (
              <button
                type="button"
                class={'hm-cell ' + levelClass(method, level) + (n ? ' has' : '') + (active ? ' active' : '')}
                data-likelihood={l}
                data-impact={i}
                data-count={n}
                aria-pressed={active ? true : false}
                aria-label={t('hm.cell', { l: tx('lik', l), i: tx('imp', i), level: tx('level', level), n })}
                title={tx('level', level)}
                onClick={() => setSel(active ? null : { l, i })}
              >
                {/* The level in words, so the matrix reads without colour (issue 18, finding 6). */}
                <span class="hm-level">{tx('level', level)}</span>
                <span class="hm-n">{n || ''}</span>
              </button>
            );
          }}
        />
      </div>
      <div class="hm-xlabel" aria-hidden="true">{t('hm.impact')}</div>
      <div class="hm-list" aria-live="polite">
        {!sel ? (
          <p class="hint">{t('hm.pick')}</p>
        ) : (
          <>
            <h3>{t('hm.in_cell', { l: tx('lik', sel.l), i: tx('imp', sel.i) })}</h3>
            {listed.length ? (
              <ul data-testid={'hm-list-' + mode}>
                {listed.map((s) => (
                  <li key={s.id}>{s.title}</li>
                ))}
              </ul>
            ) : (
              <p class="hint">{t('hm.empty_cell')}</p>
            )}
          </>
        )}
      </div>
    </figure>
  );
}
