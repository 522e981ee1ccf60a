#include "service/decisions/record_store.h"
#include <algorithm>

#include "service/paging.h"

namespace srm::service {

using store::Page;
using store::PageRequest;

namespace {

template <typename T, typename Filter, typename List>
Result<std::vector<T>> ListAll(const Filter& f, List list) {
  return AllPages<T>([&](const PageRequest& page) { return list(f, page); });
}

}  // namespace

Status DecisionRecords::Commit(const std::vector<store::RecordWrite>& writes,
                               const std::vector<store::AuditEvent>& audit) {
  return st_->WriteRecords({}, writes, audit);
}

// ---------------------------------------------------------------- single records

Result<std::optional<records::ClearanceRequest>> DecisionRecords::Request(const std::string& id) {
  return st_->GetClearanceRequest(id);
}
Result<std::optional<records::ClearanceLeg>> DecisionRecords::Leg(const std::string& id) {
  return st_->GetClearanceLeg(id);
}
Result<std::optional<records::EgsRecord>> DecisionRecords::Egs(const std::string& id) { return st_->GetEgsRecord(id); }
Result<std::optional<records::SpecificSraApproval>> DecisionRecords::SpecificApproval(const std::string& sra_id) {
  return st_->GetSpecificSraApproval("ssa_" + sra_id);
}
Result<std::optional<records::ActivityDecisionRecord>> DecisionRecords::Activity(const std::string& programme_id) {
  return st_->GetActivityDecision("act_" + programme_id);
}
Result<std::optional<records::PcAssessment>> DecisionRecords::PcAssessmentOf(const std::string& programme_id) {
  return st_->GetPcAssessment("pca_" + programme_id);
}
Result<std::optional<records::ComplianceItem>> DecisionRecords::ComplianceItem(const std::string& id) {
  return st_->GetComplianceItem(id);
}
Result<std::optional<records::Notification>> DecisionRecords::Notification(const std::string& id) {
  return st_->GetNotification(id);
}

// ---------------------------------------------------------------- clearance

Result<Page<records::ClearanceRequest>> DecisionRecords::ListRequests(const RequestQuery& q, const PageRequest& page) {
  store::ClearanceRequestFilter f;
  f.status = q.status;
  f.organization_id = q.org_id;
  f.country_id = q.country_id;
  f.area_id = q.area_id;
  f.narrow = q.narrow;
  return st_->ListClearanceRequests(f, page);
}

Result<std::vector<records::ClearanceRequest>> DecisionRecords::RequestsOfProgramme(const std::string& programme_id,
                                                                                    const std::string& from) {
  store::ClearanceRequestFilter f;
  f.programme_id = programme_id;
  f.not_ended_by = from;
  return ListAll<records::ClearanceRequest>(f, [&](const auto& f, const PageRequest& page) {
    return st_->ListClearanceRequests(f, page);
  });
}

Result<std::vector<records::ClearanceLeg>> DecisionRecords::LegsOfRequest(const std::string& request_id) {
  store::ClearanceLegFilter f;
  f.request_id = request_id;
  return ListAll<records::ClearanceLeg>(f, [&](const auto& f, const PageRequest& page) {
    return st_->ListClearanceLegs(f, page);
  });
}

Result<std::vector<std::pair<std::string, std::string>>> DecisionRecords::LegStatuses(const std::string& request_id) {
  SRM_ASSIGN(legs, LegsOfRequest(request_id));
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& l : legs) out.emplace_back(l.id, l.status);
  return out;
}

Result<std::vector<records::ClearanceLeg>> DecisionRecords::LegsInArea(const std::string& area_id,
                                                                       const std::string& from, const std::string& to) {
  store::ClearanceLegFilter f;
  f.area_id = area_id;
  f.overlaps_from = from;
  f.overlaps_to = to;
  return ListAll<records::ClearanceLeg>(f, [&](const auto& f, const PageRequest& page) {
    return st_->ListClearanceLegs(f, page);
  });
}

Result<Page<records::ClearanceLeg>> DecisionRecords::ListLegs(const LegQuery& q, const PageRequest& page) {
  store::ClearanceLegFilter f;
  f.statuses = q.statuses;
  f.organization_id = q.org_id;
  f.area_id = q.area_id;
  f.active_on = q.active_on;
  f.areas = q.areas;
  return st_->ListClearanceLegs(f, page);
}

// ---------------------------------------------------------------- EGS

Result<std::vector<records::EgsRecord>> DecisionRecords::EgsInArea(const std::string& area_id) {
  store::EgsFilter f;
  f.area_id = area_id;
  return ListAll<records::EgsRecord>(f, [&](const auto& f, const PageRequest& page) {
    return st_->ListEgsRecords(f, page);
  });
}

Result<Page<records::EgsRecord>> DecisionRecords::ListEgs(const std::string& area_id,
                                                          const std::optional<std::vector<std::string>>& areas,
                                                          const PageRequest& page, const std::string& decision,
                                                          const store::ListNarrowing& narrow) {
  store::EgsFilter f;
  f.area_id = area_id;
  f.areas = areas;
  f.decision = decision;
  f.narrow = narrow;
  return st_->ListEgsRecords(f, page);
}

// ---------------------------------------------------------------- specific SRAs

Result<std::vector<records::SpecificSraApproval>> DecisionRecords::SpecificInArea(const std::string& area_id,
                                                                                  const std::string& status) {
  store::SpecificSraApprovalFilter f;
  f.area_id = area_id;
  if (!status.empty()) f.statuses = {status};
  return ListAll<records::SpecificSraApproval>(f, [&](const auto& f, const PageRequest& page) {
    return st_->ListSpecificSraApprovals(f, page);
  });
}

Result<Page<records::SpecificSraApproval>> DecisionRecords::ListSpecific(
    const SpecificQuery& q, const std::function<Status(store::DocFilter*)>& scope, const PageRequest& page) {
  // The SRA read rule fills a document filter's scope fields (service/scope.h); they carry over.
  store::DocFilter scoped;
  SRM_TRY(scope(&scoped));
  store::SpecificSraApprovalFilter f;
  f.statuses = q.statuses;
  f.organization_id = q.org_id;
  if (scoped.restrict_areas || !scoped.area_ids.empty()) f.areas = scoped.area_ids;
  f.cross_org = {scoped.restrict_cross_org, scoped.reader_org_id, scoped.cross_org_area_ids};
  return st_->ListSpecificSraApprovals(f, page);
}

// ---------------------------------------------------------------- activities

Result<Page<records::ActivityDecisionRecord>> DecisionRecords::ListActivities(const ActivityQuery& q,
                                                                              const PageRequest& page) {
  store::ActivityDecisionFilter f;
  f.area_id = q.area_id;
  f.status = q.status;
  f.organization_id = q.org_id;
  f.areas = q.areas;
  f.programme_ids = q.programme_ids;
  f.narrow = q.narrow;
  return st_->ListActivityDecisions(f, page);
}

namespace {
constexpr size_t kIdsPerQuery = 500;  // the store's largest page
}  // namespace

Result<std::map<std::string, records::PcAssessment>> DecisionRecords::PcAssessmentsOf(
    const std::vector<std::string>& programme_ids) {
  std::map<std::string, records::PcAssessment> out;
  for (size_t at = 0; at < programme_ids.size(); at += kIdsPerQuery) {
    store::PcAssessmentFilter f;
    f.programme_ids.assign(programme_ids.begin() + at,
                           programme_ids.begin() + std::min(programme_ids.size(), at + kIdsPerQuery));
    // One assessment per programme (a unique index): a page of kIdsPerQuery holds them all.
    SRM_ASSIGN(page, st_->ListPcAssessments(f, {static_cast<int>(kIdsPerQuery), ""}));
    for (auto& a : page.items) out.emplace(a.programme_id, std::move(a));
  }
  return out;
}

Result<std::set<std::string>> DecisionRecords::DecidedProgrammes(const std::vector<std::string>& programme_ids) {
  std::set<std::string> out;
  for (size_t at = 0; at < programme_ids.size(); at += kIdsPerQuery) {
    store::ActivityDecisionFilter f;
    f.programme_ids.assign(programme_ids.begin() + at,
                           programme_ids.begin() + std::min(programme_ids.size(), at + kIdsPerQuery));
    // One decision per programme (id "act_" + programme id).
    SRM_ASSIGN(page, st_->ListActivityDecisions(f, {static_cast<int>(kIdsPerQuery), ""}));
    for (const auto& a : page.items) out.insert(a.programme_id);
  }
  return out;
}

// ---------------------------------------------------------------- compliance

namespace {
store::ComplianceFilter ComplianceFilterOf(const DecisionRecords::ComplianceQuery& q) {
  store::ComplianceFilter f;
  f.area_id = q.area_id;
  f.location_id = q.location_id;
  f.status = q.status;
  f.organization_id = q.org_id;
  f.areas = q.areas;
  f.narrow = q.narrow;
  return f;
}
}  // namespace

Result<Page<records::ComplianceItem>> DecisionRecords::ListCompliance(const ComplianceQuery& q, const PageRequest& page) {
  return st_->ListComplianceItems(ComplianceFilterOf(q), page);
}

Result<std::vector<records::ComplianceItem>> DecisionRecords::AllCompliance(const ComplianceQuery& q, bool) {
  return ListAll<records::ComplianceItem>(ComplianceFilterOf(q), [&](const auto& f, const PageRequest& page) {
    return st_->ListComplianceItems(f, page);
  });
}

// ---------------------------------------------------------------- notifications

Result<Page<records::Notification>> DecisionRecords::ListNotifications(const std::string& user_id, bool unread_only,
                                                                       const PageRequest& page) {
  store::NotificationFilter f;
  f.user_id = user_id;
  if (unread_only) f.status = "unread";
  return st_->ListNotifications(f, page);
}

// ---------------------------------------------------------------- risk acceptance and avoidance

Result<std::vector<records::RiskAcceptance>> DecisionRecords::AcceptancesOf(const std::string& programme_id) {
  store::RiskAcceptanceFilter f;
  f.programme_id = programme_id;
  return ListAll<records::RiskAcceptance>(f, [&](const auto& f, const PageRequest& page) {
    return st_->ListRiskAcceptances(f, page);
  });
}

Result<Page<records::AvoidanceDecision>> DecisionRecords::ListAvoidance(
    store::AvoidanceFilter narrowed, const std::optional<std::vector<std::string>>& areas, const PageRequest& page) {
  store::AvoidanceFilter f = std::move(narrowed);
  f.areas = areas;  // the scope is the service's, never the caller's
  return st_->ListAvoidanceDecisions(f, page);
}

}  // namespace srm::service
