// The API's types, as the server's OpenAPI document (src/api/openapi.json) declares them: the
// generated file (src/generated/api.ts, `npm run gen:api`) under the names the UI uses. Edit the
// document, not these. Where the UI builds a value before the server has filled it in (a new
// measure has no id yet, a new threat no level), the alias says so.
import type { Geometry } from 'geojson';
import type { components } from './generated/api';

type Schemas = components['schemas'];

export type Grant = Schemas['Grant'];
export type User = Schemas['User'];
/** One read or export of an SRA (GET /sras/{id}/access-log; issue 17). */
export type AccessLogEntry = Schemas['AccessLogEntry'];
/** A reviewer's comment on an SRA version (GET /sras/{id}/comments; issue 18). */
export type ReviewComment = Schemas['ReviewComment'];
export type SraSummary = Schemas['SraSummary'];
export type ExportJob = Schemas['ExportJob'];
export type SraStatus = Schemas['SraStatus'];
export type Vulnerability = NonNullable<Schemas['Scenario']['vulnerability']>;
/** A measure; id is absent until the server has stored it. */
export type Measure = Omit<Schemas['Measure'], 'id'> & { id?: string };
export type Scenario = Omit<Schemas['Scenario'], 'measures'> & { measures: Measure[] };
export type ProgrammeRow = Schemas['SraProgramme'];
/** A threat; level is the server's (the pack's formula), absent until it has computed it. */
export type Threat = Omit<Schemas['Threat'], 'level'> & { level?: number };
/** A threat as the wizard edits it: the category's three factors in three slots (intent,
 * capability, inhibiting for deliberate threats; frequency, magnitude, preparedness for hazards:
 * Method threat_categories[].factors names them), or "not applicable" with a reason. */
export interface ThreatEdit {
  category: string;
  intent: number;
  capability: number;
  inhibiting: number;
  evidence: string;
  not_applicable: boolean;
  not_applicable_reason: string;
}
export type MissingPiece = Schemas['MissingPiece'];
export type SraCompleteness = Schemas['SraCompleteness'];
export type SraValidity = Schemas['SraValidity'];
/** What the caller may do with an SRA now, as the server's routes check it (GET /sras/{id} "actions"). */
export type SraAction = Schemas['SraAction'];
export type HistoryEntry = Schemas['SraHistoryEntry'];
export type Sra = Omit<Schemas['Sra'], 'scenarios' | 'threats'> & { scenarios: Scenario[]; threats: Threat[] };
export type Method = Schemas['Method'];
/** An area; geometry is GeoJSON (the document leaves it untyped). */
export type Area = Omit<Schemas['Area'], 'geometry'> & { geometry?: Geometry | null };
export type Organization = Schemas['Organization'];
export type Country = Schemas['Country'];
export type Programme = Schemas['Programme'];
export type ProgrammeRegistered = Schemas['ProgrammeRegistered'];
export type ManagerCandidate = Schemas['ManagerCandidateList']['items'][number];
export type ActivityPage = Schemas['ActivityPage'];
export type AuditRow = Schemas['SraAuditEntry'];
export type Diff = Schemas['SraDiff'];
export type DiffChange = Diff['changes'][number];
export type CategoryIndicators = Schemas['CategoryIndicators'];
export type AreaIndicators = Schemas['AreaIndicators'];
export type AreaNoGo = Schemas['AreaNoGo'];
export type ScenarioEvidence = Schemas['ScenarioEvidence'];
export type EvidenceFilter = Schemas['EvidenceFilter'];
export type Incident = Schemas['Incident'];
export type ReviewProposal = Schemas['ReviewProposal'];
export type Reason = Schemas['Reason'];
/** The server's acceptable-risk rule for one assessed activity of an SRA (GET /sras/{id}). */
export type SraAcceptability = NonNullable<Schemas['SraAcceptability']>;
export type ClearanceRequest = Schemas['ClearanceRequest'];
export type Leg = Schemas['Leg'];
export type EgsDecision = Schemas['EgsDecision'];
export type AvoidanceDecision = Schemas['AvoidanceDecision'];
export type PcAssessment = Schemas['PcAssessment'];
export type ActivityDecision = Schemas['Activity'];
export type AcceptanceState = Schemas['AcceptanceState'];
export type RiskAcceptance = Schemas['RiskAcceptance'];
export type ComplianceItem = Schemas['ComplianceItem'];
export type ComplianceRate = Schemas['ComplianceRate'];
export type Moss = Schemas['Moss'];
export type MossMeasure = Schemas['MossMeasure'];
export type Notification = Schemas['Notification'];
