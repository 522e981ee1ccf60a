export interface Grant { role: string; org_id: string; country_id: string; area_id: string }
export interface User {
  id: string; username: string; display_name: string; organization_id: string; grants: Grant[]; disabled: boolean;
}
export interface SraSummary {
  id: string; series_id: string; version: number; kind: string; title: string; area_id: string; country_id: string;
  organization_id: string; status: string; method_version: string; overall_residual_risk: string | null;
  review_due: string; created_at: string; updated_at: string; revision: number;
}
export interface Vulnerability { exposed: string; weaknesses: string; existing_measures: string }
export interface Measure {
  id?: string; type: string; description: string; moss_category: string; cost: number; currency: string;
  owner: string; status: string;
}
export interface Scenario {
  id: string; title: string; threat_category: string; description: string; vulnerability: Vulnerability | null;
  likelihood: string | null; impact: string | null; residual_likelihood: string | null; residual_impact: string | null;
  likelihood_score: number | null; impact_score: number | null;
  residual_likelihood_score: number | null; residual_impact_score: number | null;
  current_risk: string | null; residual_risk: string | null; measures: Measure[];
  // The evidence's suggestion recorded when the likelihood was set, and the assessor's reason.
  likelihood_suggested?: string | null; likelihood_suggested_score?: number | null;
  likelihood_suggestion?: { probability: number; period_days: number; as_of: string; events: number; explanation: string } | null;
  likelihood_difference?: number | null; likelihood_reason?: string;
}
export interface ProgrammeRow {
  programme_id: string; organization_id: string; activity: string; pc: number; international: number; national: number;
  on_mission: number; frequency: string; partners: string;
}
export interface Threat { category: string; intent: number; capability: number; inhibiting: number; level?: number; evidence: string }
export interface HistoryEntry { action: string; from: string; to: string; by: string; role: string; comment: string; at: string }
export interface Sra {
  id: string; series_id: string; version: number; kind: string; title: string; area_id: string; country_id: string;
  organization_id: string; mission_ref: string; status: string; method_version: string;
  scope: { from_date: string; to_date: string; trigger: string };
  situation: Record<string, string>; programmes: ProgrammeRow[]; threats: Threat[]; scenarios: Scenario[];
  history: HistoryEntry[]; overall_threat: number | null; overall_current_risk: string | null;
  overall_residual_risk: string | null; created_by: string; created_at: string; updated_at: string;
  published_at: string; review_due: string; revision: number;
}
export interface Method {
  version: string; name: string; likelihoods: string[]; impacts: string[]; risk_levels: string[];
  matrix: Record<string, string[]>;
  cells: { likelihood: string; impact: string; level: string; level_score: number }[];
  threat_categories: { key: string; name: string; deliberate: boolean }[];
  factor_descriptors: string[]; pc_max_acceptable: Record<string, string>; pc_assessment_from: string;
  exec_approval_from: string; never_acceptable_from: string; review_months: number; triggers: string[];
  moss_categories: string[]; situation_fields: string[];
}
export interface Area { id: string; country_id: string; name: string; geometry?: any }
export interface Organization { id: string; code: string; name: string }
export interface Country { id: string; region_id: string; iso2: string; name: string }
export interface Programme {
  id: string; organization_id: string; area_id: string; name: string; activity: string; pc: number;
  international: number; national: number; on_mission: number;
}
export interface AuditRow { seq: number; at: string; actor: string; role: string; action: string; before: string; after: string }
export interface DiffChange { path: string; before: unknown; after: unknown }
export interface Diff { from_version: number; to_version: number; from_id: string; to_id: string; changes: DiffChange[] }

// GET /areas/{id}/indicators
export interface CategoryIndicators {
  category: string; counts: Record<string, number>; events_in_lookback: number; rate_per_day: number; rate_per_year: number;
  trend: { label: string; recent_rate_per_day: number; baseline_rate_per_day: number; ratio: number | null };
  severity: { fatalities: number; fatal_events: number; aid_worker_victims: number; un_victims: number };
  last_event: string | null;
  suggestion: { likelihood: string; likelihood_score: number; probability: number; period_days: number; explanation: string };
  monthly?: number[];
}
export interface AreaIndicators { area: Area; as_of: string; period_days: number; method_version: string; months: string[]; categories: CategoryIndicators[] }
export interface Incident {
  id: string; source: string; source_id: string; date: string; lat: number | null; lon: number | null; category: string | null;
  event_type: string; sub_event_type: string; location: string; fatalities: number; placement: string;
}
export interface ReviewProposal {
  id: string; title: string; trigger: string; sra_id: string; sra_title: string; area_id: string; published_on: string;
  as_of: string; status: string; created_at: string;
  changes: { category: string; reasons: string[]; now?: CategoryIndicators; at_publication?: CategoryIndicators }[];
}
