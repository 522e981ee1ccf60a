// The list of the wizard's steps: a link per step, ticked when the saved SRA covers it; on a phone
// a compact bar ("3 of 11", previous, next) instead.
import { t, type Key } from '../../i18n';
import { STEPS } from './model';

export function Stepper({ current, onStep, disabledAfter, marks }: { current: number; onStep: (n: number) => void; disabledAfter?: number; marks?: Record<number, boolean> }) {
  return (
    <nav class="stepper" aria-label={t('wiz.steps')}>
      {/* On a phone: where one is and the way to the next or previous step, not eleven boxes. */}
      <div class="stepper-compact" data-testid="stepper-compact">
        <button type="button" class="btn btn-small" disabled={current <= 1} onClick={() => onStep(current - 1)} aria-label={t('wiz.prev_step')} title={t('wiz.prev_step')}>
          <span class="arrow" aria-hidden="true">‹</span>
        </button>
        <p class="stepper-now" aria-current="step">
          <strong>{t('wiz.step_short', { n: current, total: STEPS })}</strong> · {t(('wiz.s' + current) as Key)}
        </p>
        <button type="button" class="btn btn-small" disabled={current >= STEPS || (disabledAfter !== undefined && current + 1 > disabledAfter)}
          onClick={() => onStep(current + 1)} aria-label={t('wiz.next_step')} title={t('wiz.next_step')}>
          <span class="arrow" aria-hidden="true">›</span>
        </button>
      </div>
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
