#include "domain/governance.h"

#include <algorithm>

#include "core/calendar.h"

namespace srm::domain::governance {

using records::ActionPlanItem;
using records::SecurityPersonnel;
using records::TorVersion;

namespace {
bool OneOf(std::string_view v, std::initializer_list<std::string_view> options) {
  return std::find(options.begin(), options.end(), v) != options.end();
}
Verdict Ok(std::string reason) { return {true, std::move(reason)}; }
Verdict No(std::string reason) { return {false, std::move(reason)}; }
}  // namespace

bool ValidBodyKind(std::string_view kind) {
  return OneOf(kind, {"security_governance_group", "iasmn", "egs", "smt", "finance_budget_network"});
}
bool ValidMemberRole(std::string_view role) { return OneOf(role, {"chair", "member", "secretariat", "observer"}); }

std::vector<records::GovernanceObligation> ObligationsOnEstablishing(std::string_view kind,
                                                                    const std::string& established_on) {
  std::vector<records::GovernanceObligation> out;
  if (kind != "security_governance_group") return out;
  auto day = calendar::ParseIsoDate(established_on);
  if (!day) return out;
  // 002 § 41: the group's effectiveness is reviewed 12 months after it is established.
  auto due = calendar::AddMonths(*day, 12);
  if (!due) return out;
  out.push_back({"", "effectiveness_review", "Review of the group's effectiveness, 12 months after establishment",
                 calendar::FormatIsoDate(*due), std::nullopt});
  return out;
}

Verdict CanDraftTor(const std::vector<TorVersion>& tor) {
  for (const TorVersion& v : tor)
    if (v.status == "draft") return No("tor_draft_pending");
  return Ok("tor_draft_added");
}

Verdict CanPublishTor(const std::vector<TorVersion>& tor, int version) {
  for (const TorVersion& v : tor) {
    if (v.version != version) continue;
    return v.status == "draft" ? Ok("tor_published") : No("tor_not_draft");
  }
  return No("tor_version_missing");
}

void PublishTor(std::vector<TorVersion>* tor, int version, const records::UserRef& by, const std::string& at) {
  for (TorVersion& v : *tor) {
    if (v.status == "published") v.status = "superseded";
    if (v.version == version) {
      v.status = "published";
      v.published_by = by;
      v.published_at = at;
    }
  }
}

const TorVersion* TorInForce(const std::vector<TorVersion>& tor) {
  const TorVersion* best = nullptr;
  for (const TorVersion& v : tor)
    if (v.status == "published" && (best == nullptr || v.version > best->version)) best = &v;
  return best;
}

std::string DueState(const std::string& due_on, const std::optional<std::string>& done_on, const std::string& today,
                     int window_days) {
  if (done_on) return "done";
  auto due = calendar::ParseIsoDate(due_on);
  auto now = calendar::ParseIsoDate(today);
  if (!due || !now) return "undated";
  if (*due < *now) return "overdue";
  if (calendar::DaysBetween(*now, *due) <= window_days) return "due";
  return "upcoming";
}

Verdict CanComplete(const std::optional<std::string>& done_on) {
  return done_on ? No("already_done") : Ok("completed");
}

// --- the action plan ---

bool ValidCategory(std::string_view c) { return OneOf(c, {"no_regret", "under_way", "further_study"}); }
bool ValidItemStatus(std::string_view s) { return OneOf(s, {"not_started", "in_progress", "blocked", "done"}); }

Verdict CanChangeStatus(const ActionPlanItem& item, std::string_view to) {
  if (!ValidItemStatus(to)) return No("unknown_status");
  if (item.status == to) return No("status_unchanged");
  if (item.status == "done") return No("item_done");
  if (to == "done")
    for (const auto& m : item.milestones)
      if (!m.done_on) return No("milestones_open");
  return Ok("status_changed");
}

bool ValidEvidenceKind(std::string_view k) { return OneOf(k, {"price_list", "fund_request", "sla", "governance_decision"}); }

Verdict CanLinkEvidence(const ActionPlanItem& item, std::string_view kind, const std::string& target_id, bool found,
                        const std::string& target_status) {
  if (!ValidEvidenceKind(kind)) return No("evidence_kind_unknown");
  if (!found) return No("evidence_target_missing");
  // Only a published price list shows that "a universal price list" exists; a draft shows nothing yet.
  if (kind == "price_list" && target_status != "published") return No("price_list_not_published");
  for (const auto& e : item.evidence)
    if (e.kind == kind && e.target_id == target_id) return No("evidence_already_linked");
  return Ok("evidence_linked");
}

ItemProgress ProgressOf(const ActionPlanItem& item, const std::string& today) {
  ItemProgress p;
  for (const auto& m : item.milestones) {
    ++p.milestones_total;
    if (m.done_on) ++p.milestones_done;
    else if (DueState(m.due_on, std::nullopt, today) == "overdue") ++p.milestones_overdue;
  }
  if (item.status == "done") {
    p.percent = 100;
    p.state = "done";
    return p;
  }
  p.percent = p.milestones_total == 0 ? 0 : p.milestones_done * 100 / p.milestones_total;
  if (item.status == "blocked") p.state = "blocked";
  else if (p.milestones_overdue > 0 || DueState(item.due_on, std::nullopt, today) == "overdue") p.state = "overdue";
  else if (item.status == "not_started") p.state = "not_started";
  else p.state = "on_track";
  return p;
}

// --- the security workforce ---

bool ValidPersonnelCategory(std::string_view c) { return OneOf(c, {"international", "national", "mission"}); }

namespace {
bool ManagesOrganization(const Reader& r, const std::string& organization_id) {
  if (organization_id.empty() || r.organization_id != organization_id) return false;
  for (const RoleGrant& g : r.grants)
    if (g.role == Role::kHqSecurity || g.role == Role::kSecurityProfessional) return true;
  return false;
}
bool Holds(const Reader& r, Role role) {
  return std::any_of(r.grants.begin(), r.grants.end(), [&](const RoleGrant& g) { return g.role == role; });
}
}  // namespace

Verdict PersonalDataAccess(const Reader& reader, const SecurityPersonnel& person) {
  if (!person.user_id.empty() && person.user_id == reader.user_id) return Ok("self");
  if (ManagesOrganization(reader, person.organization_id)) return Ok("organization_security_manager");
  if (Holds(reader, Role::kDssDesk)) return Ok("dss");
  if (Holds(reader, Role::kAuditor)) return Ok("auditor");
  return No("not_entitled");
}

Verdict CanRecordPersonnel(const Reader& reader, const std::string& organization_id) {
  if (ManagesOrganization(reader, organization_id)) return Ok("organization_security_manager");
  if (Holds(reader, Role::kDssDesk)) return Ok("dss");
  return No("not_entitled");
}

Verdict PurgeDue(const SecurityPersonnel& person, const std::string& today, int retention_days) {
  if (person.status == "purged") return No("already_purged");
  if (person.status != "left" || !person.left_on) return No("not_left");
  auto left = calendar::ParseIsoDate(*person.left_on);
  auto now = calendar::ParseIsoDate(today);
  if (!left || !now) return No("retention_running");
  return calendar::DaysBetween(*left, *now) >= retention_days ? Ok("purge_due") : No("retention_running");
}

SecurityPersonnel Purged(SecurityPersonnel person, const std::string& at) {
  person.user_id.clear();
  person.full_name.clear();
  person.skills.clear();
  person.languages.clear();
  person.status = "purged";
  person.purged_at = at;
  return person;
}

Verdict CanDeploy(const SecurityPersonnel& person, const std::string& from, const std::string& to,
                  const std::vector<records::SurgeDeployment>& persons_deployments) {
  auto f = calendar::ParseIsoDate(from);
  auto t = calendar::ParseIsoDate(to);
  if (!f || !t) return No("dates_invalid");
  if (*t < *f) return No("dates_reversed");
  if (person.status != "serving") return No("personnel_not_serving");
  for (const auto& d : persons_deployments) {
    if (d.status == "cancelled") continue;
    if (d.from <= to && from <= d.to) return No("overlapping_deployment");  // ISO dates compare as text
  }
  return Ok("deployment_valid");
}

Verdict CanLinkFundRequest(bool given, bool found, const std::string& status, const std::string& request_area,
                           const std::string& area) {
  if (!given) return Ok("no_fund_request");
  if (!found) return No("fund_request_missing");
  if (status != "approved" && status != "disbursed") return No("fund_request_not_approved");
  if (!request_area.empty() && request_area != area) return No("fund_request_other_area");
  return Ok("fund_request_linked");
}

Coverage CoverageOf(int professionals, int surge, int personnel, int vacancies, int stretched_above) {
  Coverage c{professionals, surge, personnel, vacancies, std::nullopt, ""};
  const int covering = professionals + surge;
  if (covering > 0) c.personnel_per_professional = (personnel + covering - 1) / covering;
  if (personnel == 0) c.state = "no_personnel";
  else if (covering == 0) c.state = "uncovered";
  else if (*c.personnel_per_professional > stretched_above || vacancies > 0) c.state = "stretched";
  else c.state = "covered";
  return c;
}

}  // namespace srm::domain::governance
