// Step 4: the threat per category, rated by intent, capability and inhibiting factors. The level
// shown is the server's (threats[].level and overall_threat, computed with the SRA's methodology
// pack at the last save); an edit not saved yet is shown with the pack's own formula, or, for a
// formula this UI does not know, with the saved level and a note that it updates on save.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../../api';
import { t, tx } from '../../i18n';
import { useApp } from '../../state';
import { packThreatLevel } from '../../domain';
import type { Method, Sra, Threat } from '../../types';
import { Field, describedBy } from '../../components/ui';
import { val, type StepProps } from './step';

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

const sameFactors = (a: Threat, b: Threat) =>
  a.intent === b.intent && a.capability === b.capability && a.inhibiting === b.inhibiting;

function shownLevel(doc: Sra, pack: Method | null, th: Threat): Shown {
  const saved = doc.threats.find((x) => x.category === th.category);
  if (saved?.level !== undefined && sameFactors(saved, th)) return { level: saved.level, pending: false };
  const live = pack ? packThreatLevel(pack, th.intent, th.capability, th.inhibiting) : null;
  if (live !== null) return { level: live, pending: false };
  return { level: saved?.level ?? 0, pending: true };
}

/** The overall threat: the server's while the threats are as saved; else the highest level shown
 * (the pack's overall rule, the only one domain/method.cpp accepts), or the saved one if some
 * level can only be known on save. */
function shownOverall(doc: Sra, threats: Threat[], shown: Shown[]): Shown {
  const asSaved = threats.length === doc.threats.length &&
    threats.every((th) => doc.threats.some((x) => x.category === th.category && sameFactors(x, th)));
  if (asSaved) return { level: doc.overall_threat ?? 0, pending: false };
  if (shown.some((s) => s.pending)) return { level: doc.overall_threat ?? 0, pending: true };
  return { level: shown.length ? Math.max(...shown.map((s) => s.level)) : 0, pending: false };
}

export function StepThreats({ doc, hdr, setH, err, app }: StepProps) {
  const cats = app.method.threat_categories;
  const pack = useSraPack(doc.method_version);
  const order = (ts: Threat[]) => [...ts].sort((a, b) => cats.findIndex((c) => c.key === a.category) - cats.findIndex((c) => c.key === b.category));
  const shown = hdr.threats.map((x) => shownLevel(doc, pack, x));
  const overall = shownOverall(doc, hdr.threats, shown);
  return (
    <>
      {cats.map((c) => {
        const i = hdr.threats.findIndex((x) => x.category === c.key);
        const th = i >= 0 ? hdr.threats[i] : null;
        const f = (k: string) => 'threats[' + i + '].' + k;
        const set = (patch: Partial<Threat>) => setH((h) => ({ ...h, threats: h.threats.map((x) => (x.category === c.key ? { ...x, ...patch } : x)) }));
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
                    threats: on ? order([...h.threats, { category: c.key, intent: 3, capability: 3, inhibiting: 3, evidence: '' }]) : h.threats.filter((x) => x.category !== c.key),
                  }));
                }} /> {t('thr.rated')}
              </label>
              <span class={'threat-level tl-' + lvl} data-threat-level={lvl} data-pending={sh.pending ? '' : undefined}>
                {!th ? t('thr.not_rated') : lvl ? t('thr.level', { n: lvl }) : t('thr.level_on_save')}
                {th && sh.pending && lvl ? ' ' + t('thr.updates_on_save') : ''}
              </span>
            </div>
            {th && (
              <>
                <div class="row-3">
                  <FactorSelect id={'thr-' + c.key + '-intent'} label={t('thr.intent')} value={th.intent} onChange={(n) => set({ intent: n })} error={err(f('intent'))} />
                  <FactorSelect id={'thr-' + c.key + '-capability'} label={t('thr.capability')} value={th.capability} onChange={(n) => set({ capability: n })} error={err(f('capability'))} />
                  <FactorSelect id={'thr-' + c.key + '-inhibiting'} label={t('thr.inhibiting')} value={th.inhibiting} onChange={(n) => set({ inhibiting: n })} error={err(f('inhibiting'))} />
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
