// "Changes between versions" in words (issue 18, plain language): the server's diff is a list of
// JSON pointers with the values before and after (domain::JsonDiff); a reader wants
// `Scenario “Carjacking”: residual impact Severe → Moderate`. Pure: the change and the two
// versions' documents in, a sentence in the user's language out (tests/e2e/plain-language.test.mjs).
import { fmtDate, t, tx } from './i18n';

export interface DiffChangeLike { path: string; before?: unknown; after?: unknown }
type Named = { id?: string; title?: string; activity?: string; category?: string; description?: string };
/** The parts of an SRA document the sentences name things from (either version may lack any). */
export interface DiffDoc {
  scenarios?: (Named & { measures?: Named[] })[];
  programmes?: Named[];
  threats?: Named[];
}

// Scores derived from the level beside them (likelihood_score from likelihood...): the level's
// change is the one a reader follows, so the score's own line would only repeat it.
// A record's own id changes only with the record, whose other fields say what changed.
const DERIVED = /(_score|likelihood_difference|^id)$/;

/** The catalog prefix of a field's values, when they are words of the method. */
const VALUE_WORDS: Record<string, string> = {
  likelihood: 'lik', residual_likelihood: 'lik', likelihood_suggested: 'lik',
  impact: 'imp', residual_impact: 'imp',
  current_risk: 'level', residual_risk: 'level', overall_current_risk: 'level', overall_residual_risk: 'level',
  threat_category: 'cat', category: 'cat', trigger: 'trigger', type: 'mtype', status: 'mstatus', moss_category: 'moss',
};

/** The field's name in words; a field this catalog does not know is spelt without underscores. */
function field(name: string): string {
  const w = tx('dif.f', name);
  return w === name ? name.replace(/_/g, ' ') : w;
}

function quote(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return '“' + (one.length > 80 ? one.slice(0, 77) + '…' : one) + '”';
}

/** Names for ids a document holds: organizations (the app's list) and its own scenarios. */
export interface DiffNames { org?: (id: string) => string; scenario?: (id: string) => string }

/** A value in words: a level by its name, a date in the user's locale, a text quoted, an id by its name. */
export function valueText(name: string, v: unknown, names: DiffNames = {}): string {
  if (v === null || v === undefined || v === '') return t('dif.empty');
  if (name === 'organization_id' && typeof v === 'string' && names.org) return names.org(v);
  if (name === 'scenario_ids' && typeof v === 'string' && names.scenario) return quote(names.scenario(v));
  // Another record's id (a registered programme...): its change is said, the id not shown.
  if (/_id$/.test(name) && typeof v === 'string') return t('dif.changed_value');
  if (name === 'scenario_ids' && Array.isArray(v) && names.scenario)
    return v.length ? v.map((x) => quote(names.scenario!(String(x)))).join(', ') : t('dif.empty');
  if (typeof v === 'boolean') return t(v ? 'common.yes' : 'common.no');
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') {
    if (VALUE_WORDS[name]) return tx(VALUE_WORDS[name], v);
    if (/^\d{4}-\d{2}-\d{2}(T|$)/.test(v)) return fmtDate(v);
    return quote(v);
  }
  if (Array.isArray(v)) return v.every((x) => typeof x === 'string') ? (v.length ? v.map((x) => quote(String(x))).join(', ') : t('dif.empty')) : t('dif.items', { n: v.length });
  const o = v as Named;
  const label = o.title ?? o.activity ?? (o.category ? tx('cat', o.category) : undefined) ?? o.description;
  return label ? quote(label) : t('dif.changed_value');
}

/** "title: before → after", "title added", "title removed". */
function transition(what: string, name: string, c: DiffChangeLike, names: DiffNames): string {
  if (c.before === null || c.before === undefined) return t('dif.added', { what, value: valueText(name, c.after, names) });
  if (c.after === null || c.after === undefined) return t('dif.removed', { what, value: valueText(name, c.before, names) });
  const [b, a] = [valueText(name, c.before, names), valueText(name, c.after, names)];
  // Values that read the same (two ids, two long lists): the change is said without them.
  return b === a ? t('dif.changed', { what }) : t('dif.change', { what, before: b, after: a });
}

function pick<T>(list: T[] | undefined, i: number): T | undefined {
  return Array.isArray(list) ? list[i] : undefined;
}

/** One change in words, or null for a derived score that only repeats its level's change. */
export function describeChange(c: DiffChangeLike, before: DiffDoc | null, after: DiffDoc, orgName?: (id: string) => string): string | null {
  const seg = c.path.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = seg[seg.length - 1] ?? '';
  if (DERIVED.test(last)) return null;
  const [top, idx, ...rest] = seg;
  const scenarioTitle = (id: string) =>
    [...(after.scenarios ?? []), ...(before?.scenarios ?? [])].find((x) => x.id === id)?.title ?? t('dif.a_scenario');
  const names: DiffNames = { org: orgName, scenario: scenarioTitle };
  const tr = (what: string, name: string) => transition(what, name, c, names);
  const i = Number(idx);
  // A thing in a list is named by its title in the newer version, else the older one (removed).
  const named = (list: 'scenarios' | 'programmes' | 'threats', key: keyof Named, word: string) => {
    const v = (pick(after[list] as Named[], i) ?? pick(before?.[list] as Named[], i))?.[key];
    return v ? (key === 'category' ? tx('cat', v) : quote(v)) : word;
  };
  const sub = (head: string, restSeg: string[]): string => {
    if (restSeg.length === 0) return tr(head, '');
    const [f, j, g] = restSeg;
    if (f === 'measures' && j !== undefined) {
      const m = (pick(pick(after.scenarios, i)?.measures, Number(j)) ?? pick(pick(before?.scenarios, i)?.measures, Number(j)));
      const mname = m?.description ? t('dif.measure', { name: quote(m.description) }) : t('dif.a_measure');
      if (g === undefined) return t('dif.in', { head, text: tr(t('dif.a_measure'), '') });
      return t('dif.in', { head, text: tr(mname + ' — ' + field(g), g) });
    }
    const name = f === 'scenario_ids' ? f : restSeg[restSeg.length - 1];
    const label = f === 'vulnerability' && restSeg.length > 1 ? field('vulnerability') + ' — ' + field(name) : field(f);
    return t('dif.in', { head, text: tr(label, name) });
  };
  if (top === 'scenarios' && idx !== undefined && !isNaN(i))
    return rest.length === 0 ? t('dif.in', { head: t('dif.sra'), text: tr(t('dif.a_scenario'), '') }) : sub(t('dif.scenario', { name: named('scenarios', 'title', String(i + 1)) }), rest);
  if (top === 'programmes' && idx !== undefined && !isNaN(i))
    return rest.length === 0 ? t('dif.in', { head: t('dif.sra'), text: tr(t('dif.a_programme'), '') }) : sub(t('dif.programme', { name: named('programmes', 'activity', String(i + 1)) }), rest);
  if (top === 'threats' && idx !== undefined && !isNaN(i))
    return rest.length === 0 ? t('dif.in', { head: t('dif.sra'), text: tr(t('dif.a_threat'), '') }) : sub(t('dif.threat', { name: named('threats', 'category', String(i + 1)) }), rest);
  if ((top === 'situation' || top === 'scope') && idx !== undefined) {
    const word = top === 'situation' ? tx('sit', idx) : field(idx);
    return t('dif.in', { head: field(top), text: tr(word, idx) });
  }
  return t('dif.in', { head: t('dif.sra'), text: tr(field(top || 'document'), top) });
}

/** Every change of a diff in words, derived scores left out. */
export function describeChanges(changes: DiffChangeLike[], before: DiffDoc | null, after: DiffDoc, orgName?: (id: string) => string): string[] {
  return changes.map((c) => describeChange(c, before, after, orgName)).filter((s): s is string => s !== null);
}
