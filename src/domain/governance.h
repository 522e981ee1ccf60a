// Issue 16 (the 2025 review, 002 §§ 40-41, 49): the rules of security governance, the action plan
// and the security workforce, pure and table-tested. Every function answers with a reason code
// for every outcome (ok or not), so the service and the UI name why.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/records/governance_records.h"
#include "domain/roles.h"

namespace srm::domain::governance {

struct Verdict {
  bool ok = false;
  std::string reason;  // a code; see each function
};

// --- bodies, terms of reference, obligations, decisions ---

bool ValidBodyKind(std::string_view kind);  // security_governance_group | iasmn | egs | smt | finance_budget_network
bool ValidMemberRole(std::string_view role);  // chair | member | secretariat | observer

// The dated obligations a body takes on when it is established: the security governance group's
// effectiveness review 12 months after (002 § 41). Ids are left empty for the caller to assign.
std::vector<records::GovernanceObligation> ObligationsOnEstablishing(std::string_view kind,
                                                                    const std::string& established_on);

// A new ToR version may be drafted unless a draft is already waiting:
// ok "tor_draft_added" | "tor_draft_pending".
Verdict CanDraftTor(const std::vector<records::TorVersion>& tor);
// Publishing: ok "tor_published" | "tor_version_missing" | "tor_not_draft" (a published or
// superseded version is final: a change is a new version).
Verdict CanPublishTor(const std::vector<records::TorVersion>& tor, int version);
// Publishes `version` (checked with CanPublishTor) and marks the one in force before it superseded.
void PublishTor(std::vector<records::TorVersion>* tor, int version, const records::UserRef& by, const std::string& at);
// The version in force: the newest published one.
const records::TorVersion* TorInForce(const std::vector<records::TorVersion>& tor);

// Where a dated duty stands on `today`: "done" | "overdue" (past its date) | "due" (within
// `window_days` of it) | "upcoming" | "undated". Dates are YYYY-MM-DD.
std::string DueState(const std::string& due_on, const std::optional<std::string>& done_on, const std::string& today,
                     int window_days = 30);

// Closing a decision's task or an obligation: ok "completed" | "already_done".
Verdict CanComplete(const std::optional<std::string>& done_on);

// --- the action plan ---

bool ValidCategory(std::string_view category);  // no_regret | under_way | further_study
bool ValidItemStatus(std::string_view status);  // not_started | in_progress | blocked | done

// A status change: ok "status_changed" | "status_unchanged" | "unknown_status" |
// "milestones_open" (done while a milestone is open) | "item_done" (a done item is closed; a
// new item is added instead).
Verdict CanChangeStatus(const records::ActionPlanItem& item, std::string_view to);

// An evidence link: `found` says whether the target exists, `target_status` its status when it has
// one. ok "evidence_linked" | "evidence_kind_unknown" | "evidence_target_missing" |
// "price_list_not_published" | "evidence_already_linked".
bool ValidEvidenceKind(std::string_view kind);  // price_list | fund_request | sla | governance_decision
Verdict CanLinkEvidence(const records::ActionPlanItem& item, std::string_view kind, const std::string& target_id,
                        bool found, const std::string& target_status);

struct ItemProgress {
  int milestones_total = 0, milestones_done = 0, milestones_overdue = 0;
  int percent = 0;      // done items 100; else the share of milestones done, rounded down
  std::string state;    // "done" | "overdue" | "on_track" | "not_started" | "blocked"
};
ItemProgress ProgressOf(const records::ActionPlanItem& item, const std::string& today);

// --- the security workforce ---

bool ValidPersonnelCategory(std::string_view category);  // international | national | mission

// Who may see a person's personal data (name, user, skills, languages): the person ("self"),
// their organization's security managers ("organization_security_manager": an hq_security or
// security_professional grant held by a member of that organization), DSS ("dss": a dss_desk
// grant) and auditors ("auditor"). Anybody else: not ok, "not_entitled". Administrators are not
// entitled: running the product is no reason to read people's files.
struct Reader {
  std::string user_id, organization_id;
  std::vector<RoleGrant> grants;
};
Verdict PersonalDataAccess(const Reader& reader, const records::SecurityPersonnel& person);
// Who may record personnel of an organization: its security managers and DSS.
// ok "organization_security_manager" | "dss" | "not_entitled".
Verdict CanRecordPersonnel(const Reader& reader, const std::string& organization_id);

// The purge of a person's data once the retention period after they left has run:
// ok "purge_due" | "not_left" (serving or a vacant post) | "retention_running" | "already_purged".
Verdict PurgeDue(const records::SecurityPersonnel& person, const std::string& today, int retention_days);
// The person with every personal field removed (the post, organization and area stay).
records::SecurityPersonnel Purged(records::SecurityPersonnel person, const std::string& at);

// A surge deployment: ok "deployment_valid" | "dates_invalid" | "dates_reversed" |
// "personnel_not_serving" | "overlapping_deployment" (the same person elsewhere on one of the days).
Verdict CanDeploy(const records::SecurityPersonnel& person, const std::string& from, const std::string& to,
                  const std::vector<records::SurgeDeployment>& persons_deployments);

// The fund request paying for a deployment (none is fine: capacity paid otherwise). ok
// "no_fund_request" | "fund_request_linked"; else "fund_request_missing" | "fund_request_not_approved"
// (only an approved or disbursed request pays) | "fund_request_other_area".
Verdict CanLinkFundRequest(bool given, bool found, const std::string& status, const std::string& request_area,
                           const std::string& area);

// Coverage of an area: its serving security professionals (plus surge deployed today), the
// programme personnel they cover, the vacant posts. state "uncovered" (personnel, nobody
// covering) | "stretched" (more than `stretched_above` personnel per professional, or a vacancy) |
// "covered" | "no_personnel".
struct Coverage {
  int security_professionals = 0, surge = 0, personnel = 0, vacancies = 0;
  std::optional<int> personnel_per_professional;  // rounded up; none without professionals
  std::string state;
};
Coverage CoverageOf(int professionals, int surge, int personnel, int vacancies, int stretched_above = 100);

}  // namespace srm::domain::governance
