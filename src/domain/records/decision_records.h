// The records of the decisions that rest on an SRA (SRM-METHOD.md sections 5 and 7), one struct per
// kind, shaped as the rows of their future tables: every field names what it means, ids that
// point at other records are named for what they point at (request_id, location_id, ...), and
// each record carries its `revision` (bumped by the store on every write) and when it was
// created and last updated.
//
// `sra_id` names one SRA version (an SRA id is per version; series_id + version group them), so
// it is the reference to "the SRA version the decision rested on".
//
// Codecs (domain/records/decision_records_json.h) turn each record into the JSON the API answers
// and back. A field marked "(row)" is a column outside that JSON: the record store keeps it in the
// row, the codec neither writes nor reads it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace srm::domain::records {

struct UserRef {  // who acted: user id and username at the time
  std::string id, username;
  bool operator==(const UserRef&) const = default;
};

struct Traveller {  // user_id "" on requests recorded before travellers were users
  std::string name, user_id;
  bool operator==(const Traveller&) const = default;
};

struct ReasonCode {  // a rule's reason: a stable code and its English message
  std::string code, message;
  bool operator==(const ReasonCode&) const = default;
};

// ---- clearance ----

// A travel/mission request; its legs are ClearanceLeg rows (request_id). Indexed by
// organization_id + status (lists), country_id, programme_id (PC assessment re-decides its legs).
struct ClearanceRequest {
  std::string id;
  Traveller traveller;
  std::string organization_id, country_id;  // country_id "" when the legs span several countries
  std::string activity;
  int pc = 4;
  std::string programme_id, mission_ref, purpose;
  std::string status;    // cleared | pending | blocked | refused
  std::string from, to;  // the span of its legs, YYYY-MM-DD
  UserRef requested_by;
  std::optional<std::vector<std::string>> leg_ids;  // absent in a preview
  std::string created_at, updated_at;
  int64_t revision = 0;  // 0: not stored (a preview); the JSON then has no "revision"
  bool operator==(const ClearanceRequest&) const = default;
};

struct LegHistoryEntry {
  std::string at, status, rule, by;
  std::optional<std::string> role, comment;  // a manual decision
  std::optional<std::string> cause;          // an automatic one
  bool operator==(const LegHistoryEntry&) const = default;
};

// One leg of an itinerary (area + dates), decided at creation and re-decided whenever a fact it
// rests on changes. Indexed by request_id, area_id + from/to (re-decision, headcount), status.
struct ClearanceLeg {
  std::string id, request_id;
  int seq = 0;
  std::string organization_id;
  Traveller traveller;
  UserRef requested_by;
  std::string activity;
  int pc = 4;
  std::string programme_id;
  bool pc_assessed = false;
  std::string mission_ref;
  std::string area_id, area_name, country_id;
  std::string from, to;
  std::string status;  // cleared | referred | referred_executive | blocked | approved | refused
  std::string rule, approver_role;
  std::vector<ReasonCode> reasons;
  std::string residual_risk;
  std::string sra_id, specific_sra_id, egs_decision_id;  // what the decision rested on ("" = none)
  std::string decided_at, decided_by, decided_role, comment;
  std::vector<LegHistoryEntry> history;
  std::string created_at, updated_at;  // (row)
  int64_t revision = 0;                // 0: not stored (a preview)
  bool operator==(const ClearanceLeg&) const = default;
};

// ---- Executive Group on Security ----

// A go/no-go for an area and window. Indexed by area_id + from/to.
struct EgsRecord {
  std::string id;
  std::string area_id, area_name, country_id;
  std::string decision;  // go | no_go
  std::string from, to;
  std::string reason, meeting_ref;
  UserRef recorded_by;
  std::string decided_at;
  std::string created_at, updated_at;  // (row)
  int64_t revision = 0;
  bool operator==(const EgsRecord&) const = default;
};

// ---- specific SRAs ----

struct ApprovalHistoryEntry {
  std::string at, action, by;
  std::optional<std::string> role;  // absent on "supersede", written by the publication
  std::string comment;
  bool operator==(const ApprovalHistoryEntry&) const = default;
};

// The approval path of one published specific SRA version (id "ssa_" + sra_id). Indexed by
// sra_id (unique), series_id, organization_id + status, area_id + status.
struct SpecificSraApproval {
  std::string id, sra_id, series_id;
  int version = 0;
  std::string title, mission_ref, organization_id;
  std::string area_id, area_name, country_id;
  std::optional<std::string> residual_risk;  // null when the SRA has no overall residual
  int residual_index = 0;
  std::string from, to;
  std::string status;  // awaiting_coordination | coordinated | approved | refused | superseded
  std::string published_at;
  std::optional<std::string> coordinated_by, decided_by;  // usernames, once they acted
  std::vector<ApprovalHistoryEntry> history;
  std::string created_at, updated_at;  // (row)
  int64_t revision = 0;
  bool operator==(const SpecificSraApproval&) const = default;
};

// ---- acceptable risk per activity ----

// The executive head's office accepting a Very High residual for an activity.
struct ExecApproval {
  std::string by, at, comment;
  std::optional<std::string> residual;  // the residual level accepted
  int residual_index = 0;
  std::optional<std::string> sra_id;    // the SRA version it rested on
  bool operator==(const ExecApproval&) const = default;
};

struct ActivityOption {
  std::string option, detail;
  bool operator==(const ActivityOption&) const = default;
};

struct ActivityHistoryEntry {
  std::string at, status, cause;
  bool operator==(const ActivityHistoryEntry&) const = default;
};

// The acceptable-risk decision for a programme activity (id "act_" + programme_id). Indexed by
// programme_id (unique), organization_id, area_id + status.
struct ActivityDecisionRecord {
  std::string id, programme_id, programme_name, activity, organization_id;
  std::string area_id, area_name, country_id;
  int pc = 4;
  std::optional<std::string> sra_id;  // the SRA version it rested on; null without a published SRA
  std::optional<std::string> residual_risk, current_risk;
  std::string status;  // acceptable | pending | not_acceptable | ...
  std::vector<ReasonCode> reasons;
  std::vector<ActivityOption> options;
  std::vector<std::string> missing;
  bool needs_pc_assessment = false, needs_exec_approval = false, never_acceptable = false;
  bool pc_assessed = false;
  std::optional<ExecApproval> exec_approval;
  std::optional<std::string> egs_decision_id;  // the no-go in force, if any
  std::string decided_at;
  std::vector<ActivityHistoryEntry> history;
  std::string created_at, updated_at;  // (row)
  int64_t revision = 0;
  bool operator==(const ActivityDecisionRecord&) const = default;
};

// A recorded programme criticality assessment (id "pca_" + programme_id), by the PC lead (RC/HC/SRSG
// office) for the country; a new one replaces it. It holds until valid_until (pack setting
// pc_assessment_months); a PC1 also needs the confirmation of the executive head's office of the
// programme's organization, by another person (domain/programme_criticality.h).
struct PcAssessment {
  std::string id, programme_id;
  int pc = 4;
  std::string organization_id, area_id;
  std::string country_id;  // (row)
  std::string comment;
  std::string recorded_by;  // username
  std::string recorded_at;
  std::string valid_until;  // YYYY-MM-DD, inclusive; "" on assessments recorded before it expired
  std::string confirmed_by, confirmed_at;  // PC1: the executive office's confirmation ("" = none)
  std::string confirmed_by_id;         // (row) user id
  std::string recorded_by_id;          // (row) user id
  std::string created_at, updated_at;  // (row)
  int64_t revision = 0;
  bool operator==(const PcAssessment&) const = default;
};

// ---- risk acceptance and avoidance (SRM-METHOD.md section 7a) ----

// A signed acceptance of an activity's residual risk (id "acc_" + random). Whether it is in force
// is decided when it is read (domain/acceptance.h AcceptanceInForce): `status` records only what
// was written — "in_force" when signed, "voided" when a material change (a higher residual in a
// new SRA in force, an EGS no-go) voided it, "replaced" when a newer acceptance took its place.
// Indexed by programme_id + status, organization_id, area_id.
struct RiskAcceptance {
  std::string id, programme_id, activity, organization_id;
  std::string area_id, area_name, country_id;
  int pc = 4;
  std::string sra_id;          // the SRA version the residual comes from
  std::string residual_risk;   // the residual level accepted
  int residual_index = 0;
  UserRef signatory;
  std::string signatory_role;  // smt | executive_office
  std::string reasons, conditions;
  std::string expires_on;      // YYYY-MM-DD, in force through this day
  std::string signed_at;
  std::string status;          // in_force | voided | replaced
  std::optional<std::string> voided_at, void_reason;  // the reason code of the material change
  std::string created_at, updated_at;  // (row)
  int64_t revision = 0;
  bool operator==(const RiskAcceptance&) const = default;
};

// An avoidance decision of the Designated Official (relocation, evacuation, alternative modality)
// for an area, with the personnel concerned (id "avd_" + random). Indexed by area_id, country_id.
struct AvoidanceDecision {
  std::string id;
  std::string area_id, area_name, country_id;
  std::string kind;  // relocation | evacuation | alternative_modality
  std::string from, to;         // YYYY-MM-DD; to "" = until lifted
  std::string destination;      // where personnel go ("" for an alternative modality)
  std::string reason;
  std::string personnel;        // who is concerned: names, organizations, numbers (free text)
  int personnel_count = 0;      // how many people
  UserRef decided_by;           // the Designated Official
  std::string decided_at;
  std::string created_at, updated_at;  // (row)
  int64_t revision = 0;
  bool operator==(const AvoidanceDecision&) const = default;
};

// ---- MOSS / RSM compliance ----

struct EvidenceEntry {
  std::string text, by, at;
  bool operator==(const EvidenceEntry&) const = default;
};

struct ComplianceHistoryEntry {
  std::string at, by, status, evidence, comment;
  bool operator==(const ComplianceHistoryEntry&) const = default;
};

// One MOSS/RSM requirement at an office or residence. Indexed by location_id + organization_id,
// area_id, organization_id + status, due_date (overdue lists).
struct ComplianceItem {
  std::string id;
  std::string location_id, location_name, location_kind;
  std::string area_id, country_id, organization_id;
  std::string requirement, moss_category;
  std::string sra_id, measure_id;  // the SRA version and measure a generated item comes from ("" = none)
  std::string status;              // open | in_progress | compliant | non_compliant | not_applicable
  std::string due_date, owner;
  std::vector<EvidenceEntry> evidence;
  std::string comment;
  std::string created_by;  // username
  std::string created_at, updated_at;
  std::vector<ComplianceHistoryEntry> history;
  int64_t revision = 0;
  bool operator==(const ComplianceItem&) const = default;
};

// ---- notifications ----

// What a notification is about; which fields are present depends on its type.
struct NotificationDetail {
  std::optional<std::string> request_id, leg_id, area_id, programme_id;
  std::string before, after;
  std::optional<std::string> rule, cause;
  bool operator==(const NotificationDetail&) const = default;
};

// A change shown in one person's inbox. Indexed by user_id + status.
struct Notification {
  std::string id;
  std::string user_id;          // (row) whose inbox
  std::string organization_id;  // (row)
  std::string type;             // clearance_changed | clearance_decided | activity_changed
  std::string object_id;        // the request or activity decision it is about
  std::string message;
  NotificationDetail detail;
  std::string status;                  // unread | read
  std::optional<std::string> read_at;  // null while unread
  std::string created_at;
  std::string updated_at;  // (row)
  int64_t revision = 0;
  bool operator==(const Notification&) const = default;
};

// ---- service levels (issue 15, SRM-METHOD.md section 8; migration 0015) ----

// One target of an agreement: a metric the system measures from its own events
// (domain/sla.h names them), a whole-number threshold and its unit (days | hours | pct).
struct SlaTarget {
  std::string metric;
  int threshold = 0;
  std::string unit;
  bool operator==(const SlaTarget&) const = default;
};

// A service-level agreement between DSS and the organization receiving its services (id "sla_" +
// random). country_id "" = every country of the organization's presence. `services` always holds
// every collective (DSS-provided) service of the catalog: nobody opts out of those. Indexed by
// organization_id.
struct ServiceLevelAgreement {
  std::string id, organization_id, country_id, title;
  std::string from, to;  // the agreement's period, YYYY-MM-DD inclusive
  std::vector<std::string> services;  // catalog service codes
  std::vector<SlaTarget> targets;
  UserRef created_by;
  std::string created_at, updated_at;
  int64_t revision = 0;
  bool operator==(const ServiceLevelAgreement&) const = default;
};

struct CountryHoliday {
  std::string date, name;  // YYYY-MM-DD
  bool operator==(const CountryHoliday&) const = default;
};

struct AreaTimeZone {  // an area whose clock differs from its country's main zone
  std::string area_id, time_zone;
  bool operator==(const AreaTimeZone&) const = default;
};

// A country's working time (id "cal_" + country_id): its IANA zone, its working week
// ("mon,tue,wed,thu,fri", or "sun,mon,tue,wed,thu" where Friday-Saturday is the weekend) and its
// holidays. Service levels are counted with it (domain/working_time.h).
struct CountryCalendar {
  std::string id, country_id, time_zone, working_week;
  std::vector<CountryHoliday> holidays;
  std::vector<AreaTimeZone> area_zones;
  std::string created_at, updated_at;
  int64_t revision = 0;
  bool operator==(const CountryCalendar&) const = default;
};

}  // namespace srm::domain::records
