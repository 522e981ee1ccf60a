// The one way decision records reach storage: the typed tables of store/decision_records.h (one
// per kind), with each query of the capabilities named by what it asks. Services build
// store::RecordWrite batches with Put() and commit them (with their audit events) in one
// transaction.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/records/decision_records.h"
#include "store/store.h"

namespace srm::service {

namespace records = domain::records;

class DecisionRecords {
 public:
  explicit DecisionRecords(store::Store* st) : st_(st) {}

  // ---- writes (a write is inserted when expected_revision is 0, else updated at it) ----
  template <typename T>
  static store::RecordWrite Put(const T& r, int64_t expected_revision) {
    return {store::AnyRecord(r), expected_revision};
  }

  // Writes records and audit events in one transaction.
  Status Commit(const std::vector<store::RecordWrite>& writes, const std::vector<store::AuditEvent>& audit);

  // ---- single records ----
  Result<std::optional<records::ClearanceRequest>> Request(const std::string& id);
  Result<std::optional<records::ClearanceLeg>> Leg(const std::string& id);
  Result<std::optional<records::EgsRecord>> Egs(const std::string& id);
  // The approval of a published specific SRA version.
  Result<std::optional<records::SpecificSraApproval>> SpecificApproval(const std::string& sra_id);
  Result<std::optional<records::ActivityDecisionRecord>> Activity(const std::string& programme_id);
  Result<std::optional<records::PcAssessment>> PcAssessmentOf(const std::string& programme_id);
  Result<std::optional<records::ComplianceItem>> ComplianceItem(const std::string& id);
  Result<std::optional<records::Notification>> Notification(const std::string& id);

  // ---- clearance ----
  struct RequestQuery {
    std::string status, org_id, country_id;
    std::string area_id;            // A leg in this area
    store::ListNarrowing narrow;    // Search, dates, sort
  };
  Result<store::Page<records::ClearanceRequest>> ListRequests(const RequestQuery& q, const store::PageRequest& page);
  // Requests resting on a programme that have not ended by `from`.
  Result<std::vector<records::ClearanceRequest>> RequestsOfProgramme(const std::string& programme_id,
                                                                     const std::string& from);
  Result<std::vector<records::ClearanceLeg>> LegsOfRequest(const std::string& request_id);
  // id -> status of every leg of a request.
  Result<std::vector<std::pair<std::string, std::string>>> LegStatuses(const std::string& request_id);
  // Legs in an area whose window meets [from, to] (to "" = open-ended).
  Result<std::vector<records::ClearanceLeg>> LegsInArea(const std::string& area_id, const std::string& from,
                                                        const std::string& to);
  struct LegQuery {
    std::vector<std::string> statuses;
    std::string org_id, area_id, active_on;
    std::optional<std::vector<std::string>> areas;  // nullopt = every area
  };
  Result<store::Page<records::ClearanceLeg>> ListLegs(const LegQuery& q, const store::PageRequest& page);

  // ---- EGS ----
  // Every decision of an area.
  Result<std::vector<records::EgsRecord>> EgsInArea(const std::string& area_id);
  Result<store::Page<records::EgsRecord>> ListEgs(const std::string& area_id,
                                                  const std::optional<std::vector<std::string>>& areas,
                                                  const store::PageRequest& page, const std::string& decision = "",
                                                  const store::ListNarrowing& narrow = {});

  // ---- specific SRAs ----
  // Approvals in an area, of one status ("" = any).
  Result<std::vector<records::SpecificSraApproval>> SpecificInArea(const std::string& area_id,
                                                                    const std::string& status);
  // `scope` restricts a filter by the SRA read rule (service/scope.h ScopeSraDocList); its area and
  // cross-organization restrictions apply to the approvals.
  struct SpecificQuery {
    std::vector<std::string> statuses;
    std::string org_id;
  };
  Result<store::Page<records::SpecificSraApproval>> ListSpecific(
      const SpecificQuery& q, const std::function<Status(store::DocFilter*)>& scope, const store::PageRequest& page);

  // ---- activities ----
  struct ActivityQuery {
    std::string area_id, status, org_id;
    std::optional<std::vector<std::string>> areas;
    std::vector<std::string> programme_ids;  // empty = any
    store::ListNarrowing narrow;             // Search, decision dates, sort
  };
  Result<store::Page<records::ActivityDecisionRecord>> ListActivities(const ActivityQuery& q,
                                                                      const store::PageRequest& page);
  // The PC assessments of these programmes, by programme id: one query per 500 programmes.
  Result<std::map<std::string, records::PcAssessment>> PcAssessmentsOf(const std::vector<std::string>& programme_ids);
  // Which of these programmes have an activity decision recorded: one query per 500 programmes.
  Result<std::set<std::string>> DecidedProgrammes(const std::vector<std::string>& programme_ids);

  // ---- risk acceptance and avoidance ----
  // Every acceptance of a programme, newest first.
  Result<std::vector<records::RiskAcceptance>> AcceptancesOf(const std::string& programme_id);
  // `narrowed` (area, kind, search, sort) only ever narrows; `areas` (the reader's scope) replaces its own.
  Result<store::Page<records::AvoidanceDecision>> ListAvoidance(store::AvoidanceFilter narrowed,
                                                                const std::optional<std::vector<std::string>>& areas,
                                                                const store::PageRequest& page);

  // ---- compliance ----
  struct ComplianceQuery {
    std::string area_id, location_id, status, org_id;
    std::optional<std::vector<std::string>> areas;
    store::ListNarrowing narrow;    // Search, due dates, sort
  };
  Result<store::Page<records::ComplianceItem>> ListCompliance(const ComplianceQuery& q,
                                                              const store::PageRequest& page);
  // Every item matching (with_body is kept for callers; records are always read whole).
  Result<std::vector<records::ComplianceItem>> AllCompliance(const ComplianceQuery& q, bool with_body);

  // ---- notifications ----
  Result<store::Page<records::Notification>> ListNotifications(const std::string& user_id, bool unread_only,
                                                               const store::PageRequest& page);

 private:
  store::Store* st_;
};

}  // namespace srm::service
