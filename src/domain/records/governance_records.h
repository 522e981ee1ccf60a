// Issue 16 (the 2025 review, 002 §§ 25, 27, 40-41, 49): the security governance bodies, their
// meetings and decisions, the action plan of model 1 and the category 1 recommendations, and the
// security workforce with its surge deployments. One struct per kind, shaped as the rows of their
// tables (migrations 0019_governance, 0020_action_plan, 0021_security_workforce).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/records/decision_records.h"  // UserRef

namespace srm::domain::records {

// --- governance (0019) ---

struct GovernanceMember {
  std::string user_id;  // "" = not a user of the product
  std::string name, organization_id;
  std::string member_role;  // chair | member | secretariat | observer
  bool operator==(const GovernanceMember&) const = default;
};

// Terms of reference, versioned: a new version is added, a published one is never edited; the
// newest published version is in force, the ones before it are superseded.
struct TorVersion {
  int version = 1;
  std::string text;
  std::string status;  // draft | published | superseded
  UserRef drafted_by;
  std::string drafted_at;
  UserRef published_by;
  std::optional<std::string> published_at;
  bool operator==(const TorVersion&) const = default;
};

// A dated obligation of a body (the group's effectiveness review 12 months after it is established).
struct GovernanceObligation {
  std::string id, kind, title;  // kind: effectiveness_review | report | other
  std::string due_on;           // YYYY-MM-DD
  std::optional<std::string> done_on;
  bool operator==(const GovernanceObligation&) const = default;
};

// id "gbd_" + random.
struct GovernanceBody {
  std::string id;
  std::string kind;  // security_governance_group | iasmn | egs | smt | finance_budget_network
  std::string name;
  std::string country_id;          // SMTs: their country; "" elsewhere
  std::string reports_to;          // e.g. "HLCM" (a body outside the product)
  std::string reports_to_body_id;  // or a body in it ("" = none)
  std::string established_on;      // YYYY-MM-DD
  UserRef created_by;
  std::vector<GovernanceMember> members;
  std::vector<TorVersion> tor;
  std::vector<GovernanceObligation> obligations;
  std::string created_at, updated_at;
  int64_t revision = 0;
  bool operator==(const GovernanceBody&) const = default;
};

// id "gmt_" + random.
struct GovernanceMeeting {
  std::string id, body_id;
  std::string held_on;  // YYYY-MM-DD
  std::string title, summary;
  UserRef recorded_by;
  std::string created_at, updated_at;
  int64_t revision = 0;
  bool operator==(const GovernanceMeeting&) const = default;
};

// id "gdc_" + random: what a meeting decided and who is tasked with it by when.
struct GovernanceDecision {
  std::string id, body_id, meeting_id;
  std::string text;
  std::string tasked_to;          // who, as named
  std::string tasked_user_id;     // "" = not a user of the product
  std::string due_on;             // YYYY-MM-DD ("" = no date)
  std::string status;             // open | done
  std::optional<std::string> done_on;
  UserRef recorded_by;
  std::string created_at, updated_at;
  int64_t revision = 0;
  bool operator==(const GovernanceDecision&) const = default;
};

// --- the action plan (0020) ---

struct ActionMilestone {
  std::string id, title, due_on;
  std::optional<std::string> done_on;
  bool operator==(const ActionMilestone&) const = default;
};

// A typed link to something in the product that shows the item's progress, checked to exist.
struct ActionEvidence {
  std::string kind;  // price_list | fund_request | sla | governance_decision
  std::string target_id, note;
  UserRef added_by;
  std::string added_at;
  bool operator==(const ActionEvidence&) const = default;
};

// id "api_" + random; `code` names the seed's paragraph ("49b", ...).
struct ActionPlanItem {
  std::string id, code, title;
  std::string category;  // no_regret | under_way | further_study
  std::string model;     // model_1 | ""
  std::string lead;      // who leads, as named
  std::string lead_body_id;
  std::string status;    // not_started | in_progress | blocked | done
  std::string due_on;
  std::string source;    // where in the seed
  UserRef created_by;
  std::vector<ActionMilestone> milestones;
  std::vector<ActionEvidence> evidence;
  std::string created_at, updated_at;
  int64_t revision = 0;
  bool operator==(const ActionPlanItem&) const = default;
};

// --- the security workforce (0021) ---

// id "spn_" + random. Personal data (full_name, user_id, skills, languages) is visible only to the
// person, their organization's security managers, DSS and auditors, and removed by the purge once
// the retention period after `left_on` has passed; the row (post, area, organization) remains.
struct SecurityPersonnel {
  std::string id;
  std::string user_id;  // the person, when they use the product ("" = not a user, or purged)
  std::string full_name;
  std::string organization_id, country_id, area_id;
  std::string category;  // international | national | mission
  std::string post;      // e.g. "Field Security Coordination Officer (P-3)"
  std::string status;    // serving | vacant | left | purged
  std::optional<std::string> left_on;
  std::optional<std::string> purged_at;
  std::vector<std::string> skills, languages;
  UserRef recorded_by;
  std::string created_at, updated_at;
  int64_t revision = 0;
  bool operator==(const SecurityPersonnel&) const = default;
};

// id "srg_" + random: extra capacity deployed to an area, paid by the emergency security fund.
struct SurgeDeployment {
  std::string id, personnel_id, organization_id, area_id;
  std::string from, to;  // YYYY-MM-DD, inclusive
  std::string fund_request_id;  // the fund's request paying for it ("" = none)
  std::string purpose;
  std::string status;  // planned | cancelled
  UserRef recorded_by;
  std::string created_at, updated_at;
  int64_t revision = 0;
  bool operator==(const SurgeDeployment&) const = default;
};

}  // namespace srm::domain::records
