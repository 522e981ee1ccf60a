// The decision records (domain/records/decision_records.h) as the store keeps them: one table per
// kind, a column per field (migrations/0006_decision_records.sql, 0007_record_lists.sql). store::Store extends this
// interface; its Write() commits records together with SRA versions and audit entries.
//
// Each list answers one question of service/decisions/record_store.h, newest first
// (updated_at desc, id desc) with the "updated_at|id" cursors of every other list. In the
// filters an empty string or list means "any"; `areas` (when set) restricts to those areas, and
// an empty set then matches nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/result.h"
#include "store/list_narrowing.h"
#include "domain/records/budget_records.h"
#include "domain/records/catalog_records.h"
#include "domain/records/decision_records.h"
#include "domain/records/fund_records.h"
#include "domain/records/governance_records.h"
#include "domain/records/review_comment_records.h"

namespace srm::store {

namespace records = domain::records;

struct PageRequest;
template <typename T>
struct Page;

// One record in a write batch: inserted when expected_revision is 0, else updated only if the
// stored revision equals expected_revision (kConflict "stale_revision" otherwise). The store sets
// the written revision to expected_revision + 1 (the record's own `revision` is ignored).
using AnyRecord = std::variant<records::ClearanceRequest, records::ClearanceLeg, records::EgsRecord,
                               records::SpecificSraApproval, records::ActivityDecisionRecord,
                               records::PcAssessment, records::ComplianceItem, records::Notification,
                               records::RiskAcceptance, records::AvoidanceDecision,
                               records::SecurityService, records::PriceList,
                               records::ServiceLevelAgreement, records::CountryCalendar, records::Budget,
                               records::GovernanceBody, records::GovernanceMeeting, records::GovernanceDecision,
                               records::ActionPlanItem, records::SecurityPersonnel, records::SurgeDeployment,
                               records::FundAuthority, records::FundAccount, records::FundContribution,
                               records::FundRequest, records::FundLedgerEntry,
                               records::ReviewComment>;
struct RecordWrite {
  AnyRecord record;
  int64_t expected_revision = 0;
};

// Only rows of `reader_org_id` (or without organization), or in one of `area_ids`: the read rule
// for other organizations' records (service/scope.h).
struct CrossOrgScope {
  bool restrict = false;
  std::string reader_org_id;
  std::vector<std::string> area_ids;
};

struct ClearanceRequestFilter {
  std::string status, organization_id, country_id, programme_id;
  std::string not_ended_by;  // "to" is "" or on/after this date
  // A leg in this area; text: traveller, activity, mission; dates: the travel meets
  // [date_from, date_to]; sort: updated | from | traveller.
  std::string area_id;
  ListNarrowing narrow;
};

struct ClearanceLegFilter {
  std::string request_id, area_id, organization_id;
  std::vector<std::string> statuses;
  std::string active_on;                    // from <= d and (to = "" or to >= d)
  std::string overlaps_from, overlaps_to;   // the window meets [from, to]
  std::optional<std::vector<std::string>> areas;
};

struct EgsFilter {
  std::string area_id;
  std::optional<std::vector<std::string>> areas;
  std::string decision;   // "go" | "no_go" | ... ("" = any)
  ListNarrowing narrow;   // Search, window dates, sort
};

struct SpecificSraApprovalFilter {
  std::string area_id, organization_id;
  std::vector<std::string> statuses;
  std::optional<std::vector<std::string>> areas;
  CrossOrgScope cross_org;
};

struct ActivityDecisionFilter {
  std::string area_id, status, organization_id;
  std::optional<std::vector<std::string>> areas;
  std::vector<std::string> programme_ids;  // empty = any
  ListNarrowing narrow;                     // Search, decision dates, sort
};

struct PcAssessmentFilter {
  std::vector<std::string> programme_ids;  // the assessments of these programmes (one query for a page)
};

struct ComplianceFilter {
  std::string area_id, location_id, status, organization_id;
  std::optional<std::vector<std::string>> areas;
  // Text: requirement, location, owner; dates: due_date; sort: updated | due | location.
  ListNarrowing narrow;
};

struct NotificationFilter {
  std::string user_id, status;
};

struct RiskAcceptanceFilter {
  std::string programme_id, area_id, status;
};

struct AvoidanceFilter {
  std::string area_id;
  std::optional<std::vector<std::string>> areas;
  std::string kind;       // relocation | evacuation | alternative_modality ("" = any)
  ListNarrowing narrow;   // search (area, reason, destination, personnel, decider), sort
};

// The results chain (migration 0012): every version of a code, or only the current one.
struct SecurityServiceFilter {
  std::string code;
  bool current_only = false;  // not superseded
};

// Universal price lists: year 0 = any.
struct PriceListFilter {
  int year = 0;
  std::string status;
};

// Cost-shared budgets (migration 0013): year 0 = any; `countries` (when set) restricts to those.
struct BudgetFilter {
  std::string country_id, status;
  int year = 0;
  std::optional<std::vector<std::string>> countries;
  ListNarrowing narrow;  // Search, reference dates, sort
};

// Service-level agreements and country calendars (migration 0015).
struct SlaFilter {
  std::string organization_id;
  ListNarrowing narrow;  // Search (title, organization name), sort: updated | title | from
};
struct CountryCalendarFilter {
  std::string country_id;
};

// Governance, the action plan and the security workforce (migrations 0019-0021, issue 16).
struct GovernanceFilter {
  std::string kind, body_id, meeting_id, status;  // each applies to the kinds that have it
  ListNarrowing narrow;  // Search, dates (meetings: held; decisions: due) and sort
};
struct ActionPlanFilter {
  std::string category, status;
  ListNarrowing narrow;  // Search, due dates, sort
};
struct WorkforceFilter {
  std::string organization_id, area_id, status, personnel_id, user_id;
  std::optional<std::vector<std::string>> organizations;  // when set, only these
  ListNarrowing narrow;  // Search, sort
};

// The emergency security fund (migration 0018, issue 16). `areas` (when set) restricts requests
// to those areas; an empty set matches nothing.
struct FundRequestFilter {
  std::string status, area_id, organization_id;
  std::optional<std::vector<std::string>> areas;
  ListNarrowing narrow;  // Search, submission dates (upper bound exclusive), sort
};
struct FundContributionFilter {
  std::string donor_org_id;
};
struct FundLedgerFilter {
  std::string request_id, movement_id;
  std::string reverses;                     // the correction of this movement
  std::vector<std::string> reverses_any;    // the corrections of any of these movements
};

// Review comments on an SRA version (migration 0024, issue 18).
struct ReviewCommentFilter {
  std::string sra_id;
};

class DecisionRecordStore {
 public:
  virtual ~DecisionRecordStore() = default;

  virtual Result<std::optional<records::ClearanceRequest>> GetClearanceRequest(const std::string& id) = 0;
  virtual Result<std::optional<records::ClearanceLeg>> GetClearanceLeg(const std::string& id) = 0;
  virtual Result<std::optional<records::EgsRecord>> GetEgsRecord(const std::string& id) = 0;
  virtual Result<std::optional<records::SpecificSraApproval>> GetSpecificSraApproval(const std::string& id) = 0;
  virtual Result<std::optional<records::ActivityDecisionRecord>> GetActivityDecision(const std::string& id) = 0;
  virtual Result<std::optional<records::PcAssessment>> GetPcAssessment(const std::string& id) = 0;
  virtual Result<std::optional<records::ComplianceItem>> GetComplianceItem(const std::string& id) = 0;
  virtual Result<std::optional<records::Notification>> GetNotification(const std::string& id) = 0;

  virtual Result<Page<records::ClearanceRequest>> ListClearanceRequests(const ClearanceRequestFilter& f,
                                                                        const PageRequest& page) = 0;
  virtual Result<Page<records::ClearanceLeg>> ListClearanceLegs(const ClearanceLegFilter& f,
                                                                const PageRequest& page) = 0;
  virtual Result<Page<records::EgsRecord>> ListEgsRecords(const EgsFilter& f, const PageRequest& page) = 0;
  virtual Result<Page<records::SpecificSraApproval>> ListSpecificSraApprovals(const SpecificSraApprovalFilter& f,
                                                                              const PageRequest& page) = 0;
  virtual Result<Page<records::ActivityDecisionRecord>> ListActivityDecisions(const ActivityDecisionFilter& f,
                                                                              const PageRequest& page) = 0;
  virtual Result<Page<records::ComplianceItem>> ListComplianceItems(const ComplianceFilter& f,
                                                                    const PageRequest& page) = 0;
  virtual Result<Page<records::Notification>> ListNotifications(const NotificationFilter& f,
                                                                const PageRequest& page) = 0;

  // The current PC assessments of many programmes at once (the activity list, without a query per row).
  virtual Result<Page<records::PcAssessment>> ListPcAssessments(const PcAssessmentFilter& f,
                                                                const PageRequest& page) = 0;

  // Risk acceptance and avoidance (migration 0009).
  virtual Result<std::optional<records::RiskAcceptance>> GetRiskAcceptance(const std::string& id) = 0;
  virtual Result<Page<records::RiskAcceptance>> ListRiskAcceptances(const RiskAcceptanceFilter& f,
                                                                    const PageRequest& page) = 0;
  virtual Result<std::optional<records::AvoidanceDecision>> GetAvoidanceDecision(const std::string& id) = 0;
  virtual Result<Page<records::AvoidanceDecision>> ListAvoidanceDecisions(const AvoidanceFilter& f,
                                                                          const PageRequest& page) = 0;

  // The results chain and the universal price list (migration 0012).
  virtual Result<std::optional<records::SecurityService>> GetSecurityService(const std::string& id) = 0;
  virtual Result<Page<records::SecurityService>> ListSecurityServices(const SecurityServiceFilter& f,
                                                                      const PageRequest& page) = 0;
  virtual Result<std::optional<records::PriceList>> GetPriceList(const std::string& id) = 0;
  virtual Result<Page<records::PriceList>> ListPriceLists(const PriceListFilter& f, const PageRequest& page) = 0;

  // Local cost-shared security budgets (migration 0013).
  virtual Result<std::optional<records::Budget>> GetBudget(const std::string& id) = 0;
  virtual Result<Page<records::Budget>> ListBudgets(const BudgetFilter& f, const PageRequest& page) = 0;

  // Service-level agreements and the country calendars they are counted in (migration 0015).
  virtual Result<std::optional<records::ServiceLevelAgreement>> GetServiceLevelAgreement(const std::string& id) = 0;
  virtual Result<Page<records::ServiceLevelAgreement>> ListServiceLevelAgreements(const SlaFilter& f,
                                                                                  const PageRequest& page) = 0;
  virtual Result<std::optional<records::CountryCalendar>> GetCountryCalendar(const std::string& id) = 0;
  virtual Result<Page<records::CountryCalendar>> ListCountryCalendars(const CountryCalendarFilter& f,
                                                                      const PageRequest& page) = 0;

  // Governance, the action plan and the security workforce (migrations 0019-0021, issue 16).
  virtual Result<std::optional<records::GovernanceBody>> GetGovernanceBody(const std::string& id) = 0;
  virtual Result<Page<records::GovernanceBody>> ListGovernanceBodies(const GovernanceFilter& f,
                                                                     const PageRequest& page) = 0;
  virtual Result<std::optional<records::GovernanceMeeting>> GetGovernanceMeeting(const std::string& id) = 0;
  virtual Result<Page<records::GovernanceMeeting>> ListGovernanceMeetings(const GovernanceFilter& f,
                                                                          const PageRequest& page) = 0;
  virtual Result<std::optional<records::GovernanceDecision>> GetGovernanceDecision(const std::string& id) = 0;
  virtual Result<Page<records::GovernanceDecision>> ListGovernanceDecisions(const GovernanceFilter& f,
                                                                            const PageRequest& page) = 0;
  virtual Result<std::optional<records::ActionPlanItem>> GetActionPlanItem(const std::string& id) = 0;
  virtual Result<Page<records::ActionPlanItem>> ListActionPlanItems(const ActionPlanFilter& f,
                                                                    const PageRequest& page) = 0;
  virtual Result<std::optional<records::SecurityPersonnel>> GetSecurityPersonnel(const std::string& id) = 0;
  virtual Result<Page<records::SecurityPersonnel>> ListSecurityPersonnel(const WorkforceFilter& f,
                                                                         const PageRequest& page) = 0;
  virtual Result<std::optional<records::SurgeDeployment>> GetSurgeDeployment(const std::string& id) = 0;
  virtual Result<Page<records::SurgeDeployment>> ListSurgeDeployments(const WorkforceFilter& f,
                                                                       const PageRequest& page) = 0;

  // The emergency security fund (migration 0018, issue 16).
  virtual Result<std::vector<records::FundAuthority>> ListFundAuthorities() = 0;
  virtual Result<std::optional<records::FundAccount>> GetFundAccount(const std::string& id) = 0;
  virtual Result<std::optional<records::FundContribution>> GetFundContribution(const std::string& id) = 0;
  virtual Result<Page<records::FundContribution>> ListFundContributions(const FundContributionFilter& f,
                                                                        const PageRequest& page) = 0;
  virtual Result<std::optional<records::FundRequest>> GetFundRequest(const std::string& id) = 0;
  virtual Result<Page<records::FundRequest>> ListFundRequests(const FundRequestFilter& f, const PageRequest& page) = 0;
  virtual Result<Page<records::FundLedgerEntry>> ListFundLedger(const FundLedgerFilter& f, const PageRequest& page) = 0;

  // Review comments on an SRA version (migration 0024, issue 18).
  virtual Result<std::optional<records::ReviewComment>> GetReviewComment(const std::string& id) = 0;
  virtual Result<Page<records::ReviewComment>> ListReviewComments(const ReviewCommentFilter& f,
                                                                  const PageRequest& page) = 0;
};

}  // namespace srm::store
