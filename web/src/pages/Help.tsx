// Help on the method (issue 18, finding 6): what each likelihood and impact level means, what
// PC1–PC4 allow, the matrix with its level written in every cell, and a short glossary. Loaded
// lazily (app.tsx); its text lives in help/text.ts so the entry bundle does not carry it.
import { useEffect } from 'preact/hooks';
import { lang, t, tx } from '../i18n';
import { levelClass } from '../domain';
import { MatrixTable } from '../components/MatrixTable';
import { useApp } from '../state';
import { ar, en, fr, type HelpText } from './help/text';

const texts: Record<string, HelpText> = { en, fr, ar };

/** Sections a field can link to (`/help?s=<id>`): the wizard's "What do the levels mean?" links. */
export const HELP_SECTIONS = ['likelihood', 'impact', 'pc', 'matrix', 'glossary'] as const;

export function Help({ section }: { section?: string }) {
  const { method: m } = useApp();
  const h = texts[lang()] ?? en;
  useEffect(() => {
    // After the shell focuses the heading (app.tsx), bring the section asked for into view.
    if (!section) return;
    const id = setTimeout(() => {
      const el = document.getElementById('help-' + section);
      if (el) {
        el.scrollIntoView();
        el.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true });
      }
    }, 0);
    return () => clearTimeout(id);
  }, [section]);
  const pcKeys = Object.keys(m.pc_max_acceptable).sort();
  return (
    <div class="help-page" data-testid="help-page">
      <div class="page-head">
        <div>
          <h1>{h.title}</h1>
          <p class="muted">{h.intro}</p>
        </div>
      </div>
      <nav class="help-toc" aria-label={h.title}>
        <ul>
          <li><a href="#/help?s=likelihood">{h.likelihood_h}</a></li>
          <li><a href="#/help?s=impact">{h.impact_h}</a></li>
          <li><a href="#/help?s=pc">{h.pc_h}</a></li>
          <li><a href="#/help?s=matrix">{h.matrix_h}</a></li>
          <li><a href="#/help?s=glossary">{h.glossary_h}</a></li>
        </ul>
      </nav>

      <section class="card help-section" id="help-likelihood" data-help="likelihood">
        <h2 tabIndex={-1}>{h.likelihood_h}</h2>
        <p>{h.likelihood_intro}</p>
        <dl class="help-defs">
          {m.likelihoods.map((l, n) => (
            <div key={l} data-level={l}>
              <dt>{n + 1} — {tx('lik', l)}</dt>
              <dd>{(h.likelihood as Record<string, string>)[l] ?? ''}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section class="card help-section" id="help-impact" data-help="impact">
        <h2 tabIndex={-1}>{h.impact_h}</h2>
        <p>{h.impact_intro}</p>
        {m.impacts.map((i, n) => {
          const d = (h.impact as Record<string, string[]>)[i] ?? [];
          return (
            <div class="help-impact" key={i} data-level={i}>
              <h3>{n + 1} — {tx('imp', i)}</h3>
              <dl class="help-defs help-defs-3">
                <div><dt>{h.col_personnel}</dt><dd>{d[0] ?? ''}</dd></div>
                <div><dt>{h.col_assets}</dt><dd>{d[1] ?? ''}</dd></div>
                <div><dt>{h.col_operations}</dt><dd>{d[2] ?? ''}</dd></div>
              </dl>
            </div>
          );
        })}
      </section>

      <section class="card help-section" id="help-pc" data-help="pc">
        <h2 tabIndex={-1}>{h.pc_h}</h2>
        <p>{h.pc_intro}</p>
        <dl class="help-defs">
          {pcKeys.map((k) => {
            const pc = k.startsWith('PC') ? k : 'PC' + k;
            const max = m.pc_max_acceptable[k];
            return (
              <div key={k} data-pc={pc}>
                <dt>
                  {pc}{' '}
                  <span class={'badge ' + levelClass(m, max)}>{h.acceptable_up_to.replace('{level}', tx('level', max))}</span>
                </dt>
                <dd>{(h.pc as Record<string, string>)[pc] ?? ''}</dd>
              </div>
            );
          })}
        </dl>
        <ul class="help-notes">
          {h.pc_notes.map((x) => <li key={x}>{x}</li>)}
        </ul>
      </section>

      <section class="card help-section" id="help-matrix" data-help="matrix">
        <h2 tabIndex={-1}>{h.matrix_h}</h2>
        <p>{h.matrix_intro}</p>
        <div class="hm-wrap">
          <MatrixTable
            method={m}
            caption={h.matrix_caption}
            testid="help-matrix"
            corner={<>{t('hm.likelihood')} \ {t('hm.impact')}</>}
            cell={(l, i, level) => (
              <div class={'hm-cell hm-static ' + levelClass(m, level)} data-likelihood={l} data-impact={i}>
                <span class="hm-level">{tx('level', level)}</span>
              </div>
            )}
          />
        </div>
      </section>

      <section class="card help-section" id="help-glossary" data-help="glossary">
        <h2 tabIndex={-1}>{h.glossary_h}</h2>
        <dl class="help-defs">
          {h.glossary.map(([term, def]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{def}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
