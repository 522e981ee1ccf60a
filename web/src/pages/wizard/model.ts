// The wizard's editable shapes: what the form holds for the SRA's header and for each scenario,
// built from the server's document, compared with it, and which fields each step saves.
import { hasVulnerability } from '../../domain';
import type { Measure, Method, Scenario, Sra, Threat, ThreatEdit, Vulnerability } from '../../types';

export const STEPS = 11;

/** The SRA's own fields as the form edits them (the server's types, so a change there shows here). */
export type Header = Pick<Sra, 'title' | 'mission_ref' | 'scope' | 'situation' | 'programmes'> & { threats: ThreatEdit[] };
export type HeaderKey = keyof Header;

/** The header fields each step edits, saved with PUT /sras/{id}. */
export const HEADER_STEP_KEYS: Record<number, HeaderKey[]> = {
  1: ['title', 'mission_ref', 'scope'],
  2: ['situation'],
  3: ['programmes'],
  4: ['threats'],
};

/** A scenario's fields as the form edits them: the server's, with the vulnerability always there. */
export type ScenEdit = Pick<Scenario, 'title' | 'threat_category' | 'description' | 'likelihood' | 'likelihood_reason' | 'evidence_filter' | 'impact' | 'residual_likelihood' | 'residual_impact' | 'measures'> & {
  vulnerability: Vulnerability;
};
export type ScenKey = keyof ScenEdit;

/** The scenario fields each step edits, saved per scenario with PUT /sras/{id}/scenarios/{sid}. */
export const SCEN_STEP_KEYS: Record<number, ScenKey[]> = {
  5: ['title', 'threat_category', 'description'],
  6: ['vulnerability'],
  7: ['likelihood', 'impact', 'likelihood_reason', 'evidence_filter'],
  8: ['measures'],
  9: ['residual_likelihood', 'residual_impact'],
};

/** The saved scenarios with the form's unsaved ratings and measures over them, so the heat maps and
 * lists beside the fields show what is typed, not what was last saved. */
export function withEdits(doc: Sra, scn: Record<string, ScenEdit>): Scenario[] {
  return doc.scenarios.map((s) => {
    const e = scn[s.id];
    if (!e) return s;
    return { ...s, likelihood: e.likelihood, impact: e.impact, residual_likelihood: e.residual_likelihood, residual_impact: e.residual_impact, measures: e.measures };
  });
}

/** What is kept on the device while the server does not have it: the edits made over `rev`. */
export interface Draft {
  rev: number;
  hdr: Header;
  scn: Record<string, ScenEdit>;
  at: string;
}

export function headerOf(d: Sra, fields: string[]): Header {
  const situation: Record<string, string> = {};
  for (const f of fields) situation[f] = d.situation[f] ?? '';
  for (const [k, v] of Object.entries(d.situation)) situation[k] = v;
  return {
    title: d.title,
    mission_ref: d.mission_ref ?? '',
    scope: { from_date: d.scope.from_date, to_date: d.scope.to_date, trigger: d.scope.trigger },
    situation,
    programmes: d.programmes.map((p) => ({ ...p })),
    threats: d.threats.map(threatEditOf),
  };
}

const DELIBERATE_FACTORS = ['intent', 'capability', 'inhibiting'];

/** The names a category's three factors go by (the pack's; hazards: frequency, magnitude, preparedness). */
export function factorsOf(m: Method, category: string): string[] {
  const c = m.threat_categories.find((x) => x.key === category) as { factors?: string[] } | undefined;
  return c?.factors && c.factors.length === 3 ? c.factors : DELIBERATE_FACTORS;
}

/** A saved threat in the form's three slots. */
export function threatEditOf(x: Threat): ThreatEdit {
  const names = x.factors && x.factors.length === 3 ? x.factors : DELIBERATE_FACTORS;
  const v = x as unknown as Record<string, unknown>;
  const num = (k: string) => (typeof v[k] === 'number' ? (v[k] as number) : 3);
  return {
    category: x.category,
    intent: num(names[0]),
    capability: num(names[1]),
    inhibiting: num(names[2]),
    evidence: x.evidence ?? '',
    not_applicable: !!x.not_applicable,
    not_applicable_reason: x.not_applicable_reason ?? '',
  };
}

/** The threats as the server reads them: each factor under the category's own name. */
export function threatsWire(m: Method, ts: ThreatEdit[]): Record<string, unknown>[] {
  return ts.map((x) => {
    const [a, b, c] = factorsOf(m, x.category);
    const out: Record<string, unknown> = { category: x.category, evidence: x.evidence };
    if (x.not_applicable) {
      out.not_applicable = true;
      out.not_applicable_reason = x.not_applicable_reason;
    } else {
      out[a] = x.intent;
      out[b] = x.capability;
      out[c] = x.inhibiting;
    }
    return out;
  });
}

export function editOf(s: Scenario): ScenEdit {
  return {
    title: s.title,
    threat_category: s.threat_category,
    description: s.description ?? '',
    vulnerability: {
      exposed: s.vulnerability?.exposed ?? '',
      weaknesses: s.vulnerability?.weaknesses ?? '',
      existing_measures: s.vulnerability?.existing_measures ?? '',
    },
    likelihood: s.likelihood,
    likelihood_reason: s.likelihood_reason ?? '',
    evidence_filter: s.evidence_filter ?? {},
    impact: s.impact,
    residual_likelihood: s.residual_likelihood,
    residual_impact: s.residual_impact,
    measures: s.measures.map((m) => ({ ...m })),
  };
}

/** Every scenario of the document as the form edits it, by scenario id. */
export function editsOf(d: Sra): Record<string, ScenEdit> {
  const out: Record<string, ScenEdit> = {};
  for (const s of d.scenarios) out[s.id] = editOf(s);
  return out;
}

export const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields among `keys` where the form differs from the server: the body of a save. */
export function changed<T extends object>(local: T, server: T, keys: (keyof T)[]): Partial<T> {
  const out: Partial<T> = {};
  for (const k of keys) if (!same(local[k], server[k])) out[k] = local[k];
  return out;
}

/** The stepper's ticks: which steps the saved document already covers. */
export function stepMarks(doc: Sra): Record<number, boolean> {
  return {
    1: !!doc.scope.trigger,
    2: Object.values(doc.situation).some((v) => v.trim()),
    3: doc.programmes.length > 0,
    4: doc.threats.length > 0,
    5: doc.scenarios.length > 0,
    6: doc.scenarios.length > 0 && doc.scenarios.every(hasVulnerability),
    7: doc.scenarios.length > 0 && doc.scenarios.every((s) => !!s.likelihood),
    8: doc.scenarios.some((s) => s.measures.length > 0),
    9: doc.scenarios.length > 0 && doc.scenarios.every((s) => !!s.residual_likelihood),
  };
}

export const blankMeasure = (): Measure => ({ type: 'prevention', description: '', moss_category: '', cost_minor: 0, currency: 'USD', owner: '', status: 'planned' });
