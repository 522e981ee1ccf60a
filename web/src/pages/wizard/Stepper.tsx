// The list of the wizard's steps: a link per step, ticked when the saved SRA covers it.
import { t, type Key } from '../../i18n';
import { STEPS } from './model';

export function Stepper({ current, onStep, disabledAfter, marks }: { current: number; onStep: (n: number) => void; disabledAfter?: number; marks?: Record<number, boolean> }) {
  return (
    <nav class="stepper" aria-label={t('wiz.steps')}>
      <ol>
        {Array.from({ length: STEPS }, (_, i) => i + 1).map((n) => {
          const label = t(('wiz.s' + n) as Key);
          const off = disabledAfter !== undefined && n > disabledAfter;
          return (
            <li key={n} class={(n === current ? 'current' : '') + (marks?.[n] ? ' done' : '')}>
              {off ? (
                <span class="step-link disabled" aria-disabled="true"><span class="step-n">{n}</span> {label}</span>
              ) : (
                <a class="step-link" href={'#'} aria-current={n === current ? 'step' : undefined} data-step={n}
                  onClick={(e) => { e.preventDefault(); onStep(n); }}>
                  <span class="step-n">{marks?.[n] ? '✓' : n}</span> {label}
                </a>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
