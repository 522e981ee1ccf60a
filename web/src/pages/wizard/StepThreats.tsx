// Step 4: the threat per category, rated on the category's three factors (intent, capability and
// inhibiting context; hazards, which have no actor: frequency, magnitude and preparedness), or
// marked not applicable with a reason (SRM-METHOD.md §3, §7a). The level
// shown is the server's (threats[].level and overall_threat, computed with the SRA's methodology
// pack at the last save); an edit not saved yet is shown with the pack's own formula, or, for a
// formula this UI does not know, with the saved level and a note that it updates on save.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../../api';
import { t, tx } from '../../i18n';
import { useApp } from '../../state';
import { packThreatLevel } from '../../domain';
import type { Method, Sra, ThreatEdit } from '../../types';
import { Field, describedBy } from '../../components/ui';
import { val, type StepProps } from './step';
import { factorsOf, threatEditOf } from './model';

function FactorSelect({ id, label, value, onChange, error }: { id: string; label: string; value: number; onChange: (n: number) => void; error?: string }) {
  const app = useApp();
  return (
    <Field id={id} label={label} error={error}>
      <select id={id} value={String(value)} onChange={(e) => onChange(Number(val(e)))} {...describedBy(id, error)}>
        {[1, 2, 3, 4, 5].map((n) => (
          <option key={n} value={String(n)}>{n} — {tx('factor', app.method.factor_descriptors[n - 1])}</option>
        ))}
      </select>
    </Field>
  );
}

/** The pack the SRA was rated with: the active one, or its own version read from the server. */
function useSraPack(version: string): Method | null {
  const app = useApp();
  const [pack, setPack] = useState<Method | null>(null);
  const same = version === app.method.version;
  useEffect(() => {
    if (!same) get<Method>('/methods/' + encodeURIComponent(version)).then(setPack).catch(() => setPack(null));
  }, [version, same]);
  return same ? app.method : pack;
}

interface Shown {
  level: number; // 0: none to show yet
  pending: boolean; // an unsaved edit the UI cannot compute: the saved level, updated on save
}

const sameFactors = (a: ThreatEdit, b: ThreatEdit) =>
  a.intent === b.intent && a.capability === b.capability && a.inhibiting === b.inhibiting && a.not_applicable === b.not_applicable;

function shownLevel(doc: Sra, pack: Method | null, th: ThreatEdit): Shown {
  if (th.not_applicable) return { level: 0, pending: false };
  const saved = doc.threats.find((x) => x.category === th.category);
  if (saved?.level !== undefined && sameFactors(threatEditOf(saved), th)) return { level: saved.level, pending: false };
  const live = pack ? packThreatLevel(pack, th.intent, th.capability, th.inhibiting) : null;
  if (live !== null) return { level: live, pending: false };
  return { level: saved?.level ?? 0, pending: true };
}

/** The overall threat: the server's while the threats are as saved; else the highest level shown
 * (the pack's overall rule, the only one domain/method.cpp accepts), or the saved one if some
 * level can only be known on save. */
function shownOverall(doc: Sra, threats: ThreatEdit[], shown: Shown[]): Shown {
  const asSaved = threats.length === doc.threats.length &&
    threats.every((th) => doc.threats.some((x) => x.category === th.category && sameFactors(threatEditOf(x), th)));
  if (asSaved) return { level: doc.overall_threat ?? 0, pending: false };
  if (shown.some((s) => s.pending)) return { level: doc.overall_threat ?? 0, pending: true };
  return { level: shown.length ? Math.max(...shown.map((s) => s.level)) : 0, pending: false };
}

export function StepThreats({ doc, hdr, setH, err, app }: StepProps) {
  const cats = app.method.threat_categories;
  const pack = useSraPack(doc.method_version);
  const order = (ts: ThreatEdit[]) => [...ts].sort((a, b) => cats.findIndex((c) => c.key === a.category) - cats.findIndex((c) => c.key === b.category));
  const shown = hdr.threats.map((x) => shownLevel(doc, pack, x));
  const overall = shownOverall(doc, hdr.threats, shown);
  return (
    <>
      {cats.map((c) => {
        const i = hdr.threats.findIndex((x) => x.category === c.key);
        const th = i >= 0 ? hdr.threats[i] : null;
        const f = (k: string) => 'threats[' + i + '].' + k;
        const names = factorsOf(app.method, c.key);
        const set = (patch: Partial<ThreatEdit>) => setH((h) => ({ ...h, threats: h.threats.map((x) => (x.category === c.key ? { ...x, ...patch } : x)) }));
        const sh = i >= 0 ? shown[i] : { level: 0, pending: false };
        const lvl = sh.level;
        return (
          <fieldset class={'subcard threat' + (th ? '' : ' off')} key={c.key} data-threat={c.key}>
            <legend>{tx('cat', c.key)}</legend>
            <div class="threat-head">
              <label class="check">
                <input type="checkbox" checked={!!th} onChange={(e) => {
                  const on = (e.target as HTMLInputElement).checked;
                  setH((h) => ({
                    ...h,
                    threats: on ? order([...h.threats, { category: c.key, intent: 3, capability: 3, inhibiting: 3, evidence: '', not_applicable: false, not_applicable_reason: '' }]) : h.threats.filter((x) => x.category !== c.key),
                  }));
                }} /> {t('thr.rated')}
              </label>
              <span class={'threat-level tl-' + lvl} data-threat-level={lvl} data-pending={sh.pending ? '' : undefined}>
                {!th ? t('thr.not_rated') : th.not_applicable ? t('thr.not_applicable') : lvl ? t('thr.level', { n: lvl }) : t('thr.level_on_save')}
                {th && sh.pending && lvl ? ' ' + t('thr.updates_on_save') : ''}
              </span>
            </div>
            {th && (
              <label class="check">
                <input type="checkbox" data-testid={'thr-' + c.key + '-na'} checked={th.not_applicable}
                  onChange={(e) => set({ not_applicable: (e.target as HTMLInputElement).checked })} /> {t('thr.na')}
              </label>
            )}
            {th && th.not_applicable && (
              <Field id={'thr-' + c.key + '-na-reason'} label={t('thr.na_reason')} error={err(f('not_applicable_reason'))}>
                <textarea id={'thr-' + c.key + '-na-reason'} rows={2} value={th.not_applicable_reason} onInput={(e) => set({ not_applicable_reason: val(e) })} />
              </Field>
            )}
            {th && !th.not_applicable && (
              <>
                <div class="row-3">
                  <FactorSelect id={'thr-' + c.key + '-' + names[0]} label={tx('thr', names[0])} value={th.intent} onChange={(n) => set({ intent: n })} error={err(f(names[0]))} />
                  <FactorSelect id={'thr-' + c.key + '-' + names[1]} label={tx('thr', names[1])} value={th.capability} onChange={(n) => set({ capability: n })} error={err(f(names[1]))} />
                  <FactorSelect id={'thr-' + c.key + '-' + names[2]} label={tx('thr', names[2])} value={th.inhibiting} onChange={(n) => set({ inhibiting: n })} error={err(f(names[2]))} />
                </div>
                <Field id={'thr-' + c.key + '-evidence'} label={t('thr.evidence')} error={err(f('evidence'))}>
                  <textarea id={'thr-' + c.key + '-evidence'} rows={2} value={th.evidence} onInput={(e) => set({ evidence: val(e) })} />
                </Field>
              </>
            )}
          </fieldset>
        );
      })}
      <p class="overall" data-testid="overall-threat" data-pending={overall.pending ? '' : undefined}>
        {overall.level ? t('thr.overall', { n: overall.level }) : t('thr.not_rated')}
        {overall.pending && overall.level ? ' ' + t('thr.updates_on_save') : ''}
      </p>
    </>
  );
}
