// The method's rules the UI needs to show results before the server recomputes them. The server
// stays the authority: everything saved is recomputed there and shown from its answer.
import type { Method, Scenario, User } from './types';

/** Index 0..5 of a risk level name in the pack, or -1. */
export function levelIndex(m: Method, level: string | null | undefined): number {
  return level ? m.risk_levels.indexOf(level) : -1;
}

/** CSS class for a level, by its position in the pack (6 levels: very low .. unacceptable). */
export function levelClass(m: Method | null, level: string | null | undefined): string {
  if (!m || !level) return 'lvl-none';
  const i = levelIndex(m, level);
  return i < 0 ? 'lvl-none' : 'lvl-' + i;
}

export function riskOf(m: Method, likelihood: string | null, impact: string | null): string | null {
  if (!likelihood || !impact) return null;
  const row = m.matrix[likelihood];
  const col = m.impacts.indexOf(impact);
  return row && col >= 0 ? row[col] : null;
}

export function residualRating(s: Scenario): { l: string | null; i: string | null } {
  if (!s.likelihood || !s.impact) return { l: null, i: null };
  return { l: s.residual_likelihood ?? s.likelihood, i: s.residual_impact ?? s.impact };
}

/** The threat level of the pack's own formula (domain::ThreatLevel in src/domain/method.cpp), to show
 * an edit before the server recomputes it on save; null for a formula this UI does not know. */
export function packThreatLevel(m: Method, intent: number, capability: number, inhibiting: number): number | null {
  switch (m.threat_formula) {
    case 'max_factor':
      return Math.max(intent, capability, 6 - inhibiting);
    case 'mean_inverted_inhibitor': {
      // round((intent + capability + (6 - inhibiting)) / 3), halves rounding up, within 1..5.
      const v = Math.floor((intent + capability + (6 - inhibiting)) / 3 + 0.5);
      return Math.min(5, Math.max(1, v));
    }
    default:
      return null;
  }
}

export function hasVulnerability(s: { vulnerability: { exposed: string; weaknesses: string } | null }): boolean {
  return !!s.vulnerability && !!s.vulnerability.exposed.trim() && !!s.vulnerability.weaknesses.trim();
}

export function hasRole(u: User | null, role: string): boolean {
  return !!u && u.grants.some((g) => g.role === role);
}

export function daysUntil(ymd: string, now = new Date()): number {
  const d = Date.parse(ymd + 'T00:00:00Z');
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((d - today) / 86400000);
}
