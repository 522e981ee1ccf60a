// Internal to the SQL stores: store/store.h implemented once over the seam of store/sql/database.h.
// The SQLite and PostgreSQL backends each make a Database (their connections and transaction
// rules) and hand it here with their migrations. The methods live in files by concern:
//   sql_store.cpp            transactions with their audit entries, the hash chain, migrations
//   sql_store_geography.cpp  organizations, regions, countries, areas, locations, programmes
//   sql_store_auth.cpp       users, sessions and tokens, login throttling
//   sql_store_records.cpp    methodology packs, SRAs and documents
//   sql_store_decisions.cpp  decision records (one table each, described in decision_tables.cpp)
//   sql_store_audit.cpp      reading and verifying the audit log
//   sql_store_access.cpp     the SRA access log, its batches anchored in the audit chain
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/clock.h"
#include "store/audit_chain.h"
#include "store/sql/database.h"
#include "store/store.h"

namespace srm::store {
class AuditAnchor;
}

namespace srm::store::sql {

struct SqlStoreOptions {
  std::span<const Migration> migrations;  // of this backend, ascending
  const Clock* clock = nullptr;           // must outlive the store
  AuditAnchor* audit_anchor = nullptr;    // may be null: no checkpoints
};

std::unique_ptr<Store> MakeSqlStore(std::unique_ptr<Database> db, const SqlStoreOptions& options);

class SqlStore final : public Store {
 public:
  SqlStore(std::unique_ptr<Database> db, const SqlStoreOptions& options)
      : db_(std::move(db)), migrations_(options.migrations), clock_(options.clock), anchor_(options.audit_anchor) {}

  Result<int> Migrate() override;

  Status PutOrganization(const Organization& o, const AuditEvent& audit) override;
  Result<std::vector<Organization>> ListOrganizations() override;
  Status PutRegion(const Region& r, const AuditEvent& audit) override;
  Result<std::vector<Region>> ListRegions() override;
  Status PutCountry(const Country& c, const AuditEvent& audit) override;
  Result<std::vector<Country>> ListCountries() override;
  Status PutArea(const Area& a, const AuditEvent& audit) override;
  Result<std::optional<Area>> GetArea(const std::string& id) override;
  Result<std::vector<Area>> ListAreas(const std::string& country_id, bool with_geometry) override;
  Status PutLocation(const Location& l, const AuditEvent& audit) override;
  Result<std::vector<Location>> ListLocations(const std::string& area_id) override;
  Status PutProgramme(const Programme& p, const AuditEvent& audit) override;
  Result<std::vector<Programme>> ListProgrammes(const std::string& area_id) override;

  Status CreateUser(const User& u, const AuditEvent& audit) override;
  Status UpdateUser(const User& u, const AuditEvent& audit) override;
  Status SetPasswordHash(const std::string& user_id, const std::string& password_hash,
                         const std::string& keep_session_id, const AuditEvent& audit) override;
  Result<std::optional<User>> GetUser(const std::string& id) override;
  Result<std::optional<User>> FindUserByName(const std::string& username) override;
  Result<Page<User>> ListUsers(const UserFilter& f, const PageRequest& page) override;

  Status PutSessions(const std::vector<Session>& rows, const AuditEvent& audit) override;
  Result<std::optional<Session>> FindSession(const std::string& token_hash) override;
  Result<std::optional<SessionUser>> FindSessionUser(const std::string& token_hash) override;
  Status DeleteSession(const std::string& token_hash, const AuditEvent& audit) override;
  Status RevokeSession(const std::string& user_id, const std::string& session_id, const AuditEvent& audit) override;
  Result<std::vector<Session>> ListSessions(const std::string& user_id, const std::string& kind) override;
  Status DeleteExpiredSessions(int64_t now_ms) override;
  Result<bool> ReserveAttempt(const std::vector<AttemptCounter>& counters, const std::string& attempt_id,
                              int64_t since_ms, int64_t at_ms) override;
  Status ReleaseAttempt(const std::string& attempt_id) override;
  Status SettleAttempt(const std::string& attempt_id) override;
  Result<int> CountFailures(const std::string& scope, const std::string& subject, int64_t since_ms,
                            int64_t unsettled_before_ms) override;
  Result<int> CountAttempts(const std::string& scope, const std::string& subject, int64_t since_ms) override;
  Status PruneAttempts(int64_t before_ms) override;

  Status InstallMethod(const MethodRecord& m, bool activate, const AuditEvent& audit) override;
  Result<std::optional<MethodRecord>> ActiveMethod() override;
  Result<std::optional<MethodRecord>> GetMethod(const std::string& version) override;
  Result<std::vector<MethodRecord>> ListMethods() override;

  using Store::Write;
  Status Write(const WriteBatch& batch, const std::vector<AuditEvent>& audit) override;
  Result<std::optional<records::ClearanceRequest>> GetClearanceRequest(const std::string& id) override;
  Result<std::optional<records::ClearanceLeg>> GetClearanceLeg(const std::string& id) override;
  Result<std::optional<records::EgsRecord>> GetEgsRecord(const std::string& id) override;
  Result<std::optional<records::SpecificSraApproval>> GetSpecificSraApproval(const std::string& id) override;
  Result<std::optional<records::ActivityDecisionRecord>> GetActivityDecision(const std::string& id) override;
  Result<std::optional<records::PcAssessment>> GetPcAssessment(const std::string& id) override;
  Result<std::optional<records::ComplianceItem>> GetComplianceItem(const std::string& id) override;
  Result<std::optional<records::Notification>> GetNotification(const std::string& id) override;
  Result<Page<records::ClearanceRequest>> ListClearanceRequests(const ClearanceRequestFilter& f,
                                                                const PageRequest& page) override;
  Result<Page<records::ClearanceLeg>> ListClearanceLegs(const ClearanceLegFilter& f, const PageRequest& page) override;
  Result<Page<records::EgsRecord>> ListEgsRecords(const EgsFilter& f, const PageRequest& page) override;
  Result<Page<records::PcAssessment>> ListPcAssessments(const PcAssessmentFilter& f, const PageRequest& page) override;
  Result<std::optional<records::RiskAcceptance>> GetRiskAcceptance(const std::string& id) override;
  Result<Page<records::RiskAcceptance>> ListRiskAcceptances(const RiskAcceptanceFilter& f,
                                                            const PageRequest& page) override;
  Result<std::optional<records::AvoidanceDecision>> GetAvoidanceDecision(const std::string& id) override;
  Result<Page<records::AvoidanceDecision>> ListAvoidanceDecisions(const AvoidanceFilter& f,
                                                                  const PageRequest& page) override;
  Result<std::optional<records::SecurityService>> GetSecurityService(const std::string& id) override;
  Result<Page<records::SecurityService>> ListSecurityServices(const SecurityServiceFilter& f,
                                                              const PageRequest& page) override;
  Result<std::optional<records::PriceList>> GetPriceList(const std::string& id) override;
  Result<Page<records::PriceList>> ListPriceLists(const PriceListFilter& f, const PageRequest& page) override;
  Result<std::optional<records::Budget>> GetBudget(const std::string& id) override;
  // The emergency security fund (sql_store_fund.cpp, migration 0018).
  Result<std::vector<records::FundAuthority>> ListFundAuthorities() override;
  Result<std::optional<records::FundAccount>> GetFundAccount(const std::string& id) override;
  Result<std::optional<records::FundContribution>> GetFundContribution(const std::string& id) override;
  Result<Page<records::FundContribution>> ListFundContributions(const FundContributionFilter& f,
                                                                const PageRequest& page) override;
  Result<std::optional<records::FundRequest>> GetFundRequest(const std::string& id) override;
  Result<Page<records::FundRequest>> ListFundRequests(const FundRequestFilter& f, const PageRequest& page) override;
  Result<Page<records::FundLedgerEntry>> ListFundLedger(const FundLedgerFilter& f, const PageRequest& page) override;
  Result<std::optional<records::ReviewComment>> GetReviewComment(const std::string& id) override;  // issue 18
  Result<Page<records::ReviewComment>> ListReviewComments(const ReviewCommentFilter& f, const PageRequest& page) override;
  Result<Page<records::Budget>> ListBudgets(const BudgetFilter& f, const PageRequest& page) override;
  Result<std::optional<records::ServiceLevelAgreement>> GetServiceLevelAgreement(const std::string& id) override;
  Result<Page<records::ServiceLevelAgreement>> ListServiceLevelAgreements(const SlaFilter& f,
                                                                          const PageRequest& page) override;
  Result<std::optional<records::CountryCalendar>> GetCountryCalendar(const std::string& id) override;
  Result<Page<records::CountryCalendar>> ListCountryCalendars(const CountryCalendarFilter& f,
                                                              const PageRequest& page) override;
  Result<std::optional<records::GovernanceBody>> GetGovernanceBody(const std::string& id) override;
  Result<Page<records::GovernanceBody>> ListGovernanceBodies(const GovernanceFilter& f, const PageRequest& page) override;
  Result<std::optional<records::GovernanceMeeting>> GetGovernanceMeeting(const std::string& id) override;
  Result<Page<records::GovernanceMeeting>> ListGovernanceMeetings(const GovernanceFilter& f, const PageRequest& page) override;
  Result<std::optional<records::GovernanceDecision>> GetGovernanceDecision(const std::string& id) override;
  Result<Page<records::GovernanceDecision>> ListGovernanceDecisions(const GovernanceFilter& f, const PageRequest& page) override;
  Result<std::optional<records::ActionPlanItem>> GetActionPlanItem(const std::string& id) override;
  Result<Page<records::ActionPlanItem>> ListActionPlanItems(const ActionPlanFilter& f, const PageRequest& page) override;
  Result<std::optional<records::SecurityPersonnel>> GetSecurityPersonnel(const std::string& id) override;
  Result<Page<records::SecurityPersonnel>> ListSecurityPersonnel(const WorkforceFilter& f, const PageRequest& page) override;
  Result<std::optional<records::SurgeDeployment>> GetSurgeDeployment(const std::string& id) override;
  Result<Page<records::SurgeDeployment>> ListSurgeDeployments(const WorkforceFilter& f, const PageRequest& page) override;
  Result<Page<records::SpecificSraApproval>> ListSpecificSraApprovals(const SpecificSraApprovalFilter& f,
                                                                      const PageRequest& page) override;
  Result<Page<records::ActivityDecisionRecord>> ListActivityDecisions(const ActivityDecisionFilter& f,
                                                                      const PageRequest& page) override;
  Result<Page<records::ComplianceItem>> ListComplianceItems(const ComplianceFilter& f,
                                                            const PageRequest& page) override;
  Result<Page<records::Notification>> ListNotifications(const NotificationFilter& f, const PageRequest& page) override;

  Result<std::optional<DocRow>> GetDoc(const std::string& kind, const std::string& id) override;
  Result<Page<DocRow>> ListDocs(const DocFilter& filter, const PageRequest& page) override;
  Result<std::optional<SraRow>> GetSraUnlessRevision(const std::string& id, int64_t known_revision) override;
  Result<Page<SraRow>> ListSras(const SraFilter& filter, const PageRequest& page) override;
  // Names of referenced records (sql_store_names.cpp).
  Result<std::map<std::string, std::string>> UserDisplayNames(const std::vector<std::string>& ids) override;
  Result<std::map<std::string, std::string>> UserDisplayNamesByUsername(const std::vector<std::string>& usernames) override;
  Result<std::vector<SraRow>> SraHeads(const std::vector<std::string>& ids, bool with_doc) override;
  Result<std::vector<EgsHead>> EgsHeads(const std::vector<std::string>& ids) override;
  Result<std::vector<MeasureHead>> SraMeasureHeads(const std::vector<std::string>& sra_ids) override;
  Result<std::map<std::string, std::string>> CountryNames(const std::vector<std::string>& ids) override;

  Result<Page<AuditEntry>> ListAudit(const std::string& object_id, const PageRequest& page) override;
  Result<Page<AuditEntry>> ListAuditNewestFirst(const AuditQuery& query, const PageRequest& page) override;
  Result<AuditVerification> VerifyAudit() override;
  Status ScanAudit(const std::function<bool(const AuditEntry&)>& visit) override;
  Result<std::vector<AuditCheckpoint>> ListAuditCheckpoints() override;

  Status AppendAccessBatch(const std::vector<AccessEntry>& rows, const AuditEvent& anchor) override;
  Result<Page<AccessEntry>> ListAccess(const AccessFilter& filter, const PageRequest& page) override;
  Status ScanAccess(const std::function<bool(const AccessEntry&)>& visit) override;

 private:
  // The change and its audit entries in one write transaction: both persist or neither. The
  // anchor is told the new head after COMMIT, outside any write lock.
  Status Write(std::span<const AuditEvent> audit, const std::function<Status(Executor&)>& change);
  // Appends `events` to the hash chain inside Write's transaction; sets *head to the last entry.
  Status AppendAudit(Executor& e, std::span<const AuditEvent> events, AuditHead* head);
  // One statement that changes rows, with its audit entry.
  Status WriteOne(const AuditEvent& audit, std::string_view sql, const Values& params);
  std::string Now() const { return FormatTimestamp(clock_->NowMillis()); }

  std::unique_ptr<Database> db_;
  std::span<const Migration> migrations_;
  const Clock* clock_;
  AuditAnchor* anchor_;
};

}  // namespace srm::store::sql
