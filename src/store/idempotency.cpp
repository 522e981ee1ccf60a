#include "store/idempotency.h"

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "security/crypto.h"

namespace srm::store {
namespace {

using nlohmann::json;

// The record of the request being served on this thread, while RunIdempotent runs it.
struct PendingRecord {
  DocRow row;
  bool attached = false;  // inserted by a Write() that committed
};
thread_local PendingRecord* current_record = nullptr;

class RecordScope {
 public:
  explicit RecordScope(PendingRecord* record) : previous_(current_record) { current_record = record; }
  RecordScope(const RecordScope&) = delete;
  RecordScope& operator=(const RecordScope&) = delete;
  ~RecordScope() { current_record = previous_; }

 private:
  PendingRecord* previous_;
};

// How long a repeat waits for a pending record (a request still being answered) to settle before
// taking it for an answer lost in a crash: 100 polls of 20 ms.
constexpr int kSettleTries = 100;
constexpr int kSettlePollMillis = 20;

bool ValidKey(const std::string& key) {
  if (key.empty() || key.size() > 255) return false;
  for (unsigned char c : key)
    if (c < 0x20 || c > 0x7e) return false;
  return true;
}

json ReplyJson(const IdempotentReply& reply) {
  json headers = json::array();
  for (const auto& [name, value] : reply.headers) headers.push_back({name, value});
  return {{"status", reply.status}, {"body", reply.body}, {"content_type", reply.content_type}, {"headers", headers}};
}

IdempotentReply ReplyFromJson(const json& j) {
  IdempotentReply reply;
  reply.status = j.value("status", 500);
  reply.body = j.value("body", "");
  reply.content_type = j.value("content_type", "application/json");
  if (j.contains("headers") && j["headers"].is_array())
    for (const json& h : j["headers"])
      if (h.is_array() && h.size() == 2 && h[0].is_string() && h[1].is_string()) reply.headers.emplace_back(h[0], h[1]);
  return reply;
}

class IdempotentStore final : public Store {
 public:
  explicit IdempotentStore(std::unique_ptr<Store> inner) : inner_(std::move(inner)) {}

  using Store::Write;
  Status Write(const WriteBatch& batch, const std::vector<AuditEvent>& audit) override {
    PendingRecord* record = current_record;
    if (record == nullptr || record->attached) return inner_->Write(batch, audit);
    // The request's first change: its idempotency record goes into the same transaction.
    WriteBatch with_record = batch;
    DocRow row = record->row;
    if (!audit.empty()) {
      row.ref_id = audit.front().object_id;
      json doc = json::parse(row.doc, nullptr, false);
      if (doc.is_object()) {
        doc["object_type"] = audit.front().object_type;
        row.doc = doc.dump();
      }
    }
    with_record.docs.push_back({row, 0});
    Status written = inner_->Write(with_record, audit);
    if (written) {
      record->row = row;
      record->attached = true;
      return written;
    }
    if (written.error().kind == ErrorKind::kConflict) {
      // Another request with this key committed first: this one must not apply its change.
      auto existing = inner_->GetDoc(row.kind, row.id);
      if (existing && existing->has_value())
        return Conflict("idempotency_key_in_use",
                        "another request with this Idempotency-Key was applied meanwhile; repeat the request to get "
                        "its answer");
    }
    return written;
  }

  Result<int> Migrate() override { return inner_->Migrate(); }
  Status PutOrganization(const Organization& o, const AuditEvent& a) override { return inner_->PutOrganization(o, a); }
  Result<std::vector<Organization>> ListOrganizations() override { return inner_->ListOrganizations(); }
  Status PutRegion(const Region& r, const AuditEvent& a) override { return inner_->PutRegion(r, a); }
  Result<std::vector<Region>> ListRegions() override { return inner_->ListRegions(); }
  Status PutCountry(const Country& c, const AuditEvent& a) override { return inner_->PutCountry(c, a); }
  Result<std::vector<Country>> ListCountries() override { return inner_->ListCountries(); }
  Status PutArea(const Area& a, const AuditEvent& e) override { return inner_->PutArea(a, e); }
  Result<std::optional<Area>> GetArea(const std::string& id) override { return inner_->GetArea(id); }
  Result<std::vector<Area>> ListAreas(const std::string& country_id, bool with_geometry) override {
    return inner_->ListAreas(country_id, with_geometry);
  }
  Status PutLocation(const Location& l, const AuditEvent& a) override { return inner_->PutLocation(l, a); }
  Result<std::vector<Location>> ListLocations(const std::string& area_id) override {
    return inner_->ListLocations(area_id);
  }
  Status PutProgramme(const Programme& p, const AuditEvent& a) override { return inner_->PutProgramme(p, a); }
  Result<std::vector<Programme>> ListProgrammes(const std::string& area_id) override {
    return inner_->ListProgrammes(area_id);
  }
  Status CreateUser(const User& u, const AuditEvent& a) override { return inner_->CreateUser(u, a); }
  Status UpdateUser(const User& u, const AuditEvent& a) override { return inner_->UpdateUser(u, a); }
  Status SetPasswordHash(const std::string& user_id, const std::string& hash, const std::string& keep,
                         const AuditEvent& a) override {
    return inner_->SetPasswordHash(user_id, hash, keep, a);
  }
  Result<std::optional<User>> GetUser(const std::string& id) override { return inner_->GetUser(id); }
  Result<std::optional<User>> FindUserByName(const std::string& name) override { return inner_->FindUserByName(name); }
  Result<Page<User>> ListUsers(const UserFilter& f, const PageRequest& page) override {
    return inner_->ListUsers(f, page);
  }
  Status PutSessions(const std::vector<Session>& rows, const AuditEvent& a) override {
    return inner_->PutSessions(rows, a);
  }
  Result<std::optional<Session>> FindSession(const std::string& hash) override { return inner_->FindSession(hash); }
  Result<std::optional<SessionUser>> FindSessionUser(const std::string& hash) override {
    return inner_->FindSessionUser(hash);
  }
  Status DeleteSession(const std::string& hash, const AuditEvent& a) override { return inner_->DeleteSession(hash, a); }
  Status RevokeSession(const std::string& user_id, const std::string& session_id, const AuditEvent& a) override {
    return inner_->RevokeSession(user_id, session_id, a);
  }
  Result<std::vector<Session>> ListSessions(const std::string& user_id, const std::string& kind) override {
    return inner_->ListSessions(user_id, kind);
  }
  Status DeleteExpiredSessions(int64_t now_ms) override { return inner_->DeleteExpiredSessions(now_ms); }
  Result<bool> ReserveAttempt(const std::vector<AttemptCounter>& counters, const std::string& attempt_id,
                              int64_t since_ms, int64_t at_ms) override {
    return inner_->ReserveAttempt(counters, attempt_id, since_ms, at_ms);
  }
  Status ReleaseAttempt(const std::string& attempt_id) override { return inner_->ReleaseAttempt(attempt_id); }
  Status SettleAttempt(const std::string& attempt_id) override { return inner_->SettleAttempt(attempt_id); }
  Result<int> CountFailures(const std::string& scope, const std::string& subject, int64_t since_ms,
                            int64_t unsettled_before_ms) override {
    return inner_->CountFailures(scope, subject, since_ms, unsettled_before_ms);
  }
  Result<int> CountAttempts(const std::string& scope, const std::string& subject, int64_t since_ms) override {
    return inner_->CountAttempts(scope, subject, since_ms);
  }
  Status PruneAttempts(int64_t before_ms) override { return inner_->PruneAttempts(before_ms); }
  Status InstallMethod(const MethodRecord& m, bool activate, const AuditEvent& a) override {
    return inner_->InstallMethod(m, activate, a);
  }
  Result<std::optional<MethodRecord>> ActiveMethod() override { return inner_->ActiveMethod(); }
  Result<std::optional<MethodRecord>> GetMethod(const std::string& version) override {
    return inner_->GetMethod(version);
  }
  Result<std::vector<MethodRecord>> ListMethods() override { return inner_->ListMethods(); }
  Result<std::optional<records::ClearanceRequest>> GetClearanceRequest(const std::string& id) override {
    return inner_->GetClearanceRequest(id);
  }
  Result<std::optional<records::ClearanceLeg>> GetClearanceLeg(const std::string& id) override {
    return inner_->GetClearanceLeg(id);
  }
  Result<std::optional<records::EgsRecord>> GetEgsRecord(const std::string& id) override {
    return inner_->GetEgsRecord(id);
  }
  Result<std::optional<records::SpecificSraApproval>> GetSpecificSraApproval(const std::string& id) override {
    return inner_->GetSpecificSraApproval(id);
  }
  Result<std::optional<records::ActivityDecisionRecord>> GetActivityDecision(const std::string& id) override {
    return inner_->GetActivityDecision(id);
  }
  Result<std::optional<records::PcAssessment>> GetPcAssessment(const std::string& id) override {
    return inner_->GetPcAssessment(id);
  }
  Result<std::optional<records::ComplianceItem>> GetComplianceItem(const std::string& id) override {
    return inner_->GetComplianceItem(id);
  }
  Result<std::optional<records::Notification>> GetNotification(const std::string& id) override {
    return inner_->GetNotification(id);
  }
  Result<Page<records::ClearanceRequest>> ListClearanceRequests(const ClearanceRequestFilter& f, const PageRequest& p) override {
    return inner_->ListClearanceRequests(f, p);
  }
  Result<Page<records::ClearanceLeg>> ListClearanceLegs(const ClearanceLegFilter& f, const PageRequest& p) override {
    return inner_->ListClearanceLegs(f, p);
  }
  Result<Page<records::EgsRecord>> ListEgsRecords(const EgsFilter& f, const PageRequest& p) override {
    return inner_->ListEgsRecords(f, p);
  }
  Result<Page<records::PcAssessment>> ListPcAssessments(const PcAssessmentFilter& f, const PageRequest& p) override {
    return inner_->ListPcAssessments(f, p);
  }
  Result<std::optional<records::RiskAcceptance>> GetRiskAcceptance(const std::string& id) override {
    return inner_->GetRiskAcceptance(id);
  }
  Result<Page<records::RiskAcceptance>> ListRiskAcceptances(const RiskAcceptanceFilter& f, const PageRequest& p) override {
    return inner_->ListRiskAcceptances(f, p);
  }
  Result<std::optional<records::AvoidanceDecision>> GetAvoidanceDecision(const std::string& id) override {
    return inner_->GetAvoidanceDecision(id);
  }
  Result<Page<records::AvoidanceDecision>> ListAvoidanceDecisions(const AvoidanceFilter& f, const PageRequest& p) override {
    return inner_->ListAvoidanceDecisions(f, p);
  }
  Result<std::optional<records::SecurityService>> GetSecurityService(const std::string& id) override {
    return inner_->GetSecurityService(id);
  }
  Result<Page<records::SecurityService>> ListSecurityServices(const SecurityServiceFilter& f,
                                                              const PageRequest& p) override {
    return inner_->ListSecurityServices(f, p);
  }
  Result<std::optional<records::PriceList>> GetPriceList(const std::string& id) override {
    return inner_->GetPriceList(id);
  }
  Result<Page<records::PriceList>> ListPriceLists(const PriceListFilter& f, const PageRequest& p) override {
    return inner_->ListPriceLists(f, p);
  }
  Result<std::optional<records::GovernanceBody>> GetGovernanceBody(const std::string& id) override { return inner_->GetGovernanceBody(id); }
  Result<Page<records::GovernanceBody>> ListGovernanceBodies(const GovernanceFilter& f, const PageRequest& p) override {
    return inner_->ListGovernanceBodies(f, p);
  }
  Result<std::optional<records::GovernanceMeeting>> GetGovernanceMeeting(const std::string& id) override { return inner_->GetGovernanceMeeting(id); }
  Result<Page<records::GovernanceMeeting>> ListGovernanceMeetings(const GovernanceFilter& f, const PageRequest& p) override {
    return inner_->ListGovernanceMeetings(f, p);
  }
  Result<std::optional<records::GovernanceDecision>> GetGovernanceDecision(const std::string& id) override { return inner_->GetGovernanceDecision(id); }
  Result<Page<records::GovernanceDecision>> ListGovernanceDecisions(const GovernanceFilter& f, const PageRequest& p) override {
    return inner_->ListGovernanceDecisions(f, p);
  }
  Result<std::optional<records::ActionPlanItem>> GetActionPlanItem(const std::string& id) override { return inner_->GetActionPlanItem(id); }
  Result<Page<records::ActionPlanItem>> ListActionPlanItems(const ActionPlanFilter& f, const PageRequest& p) override {
    return inner_->ListActionPlanItems(f, p);
  }
  Result<std::optional<records::SecurityPersonnel>> GetSecurityPersonnel(const std::string& id) override { return inner_->GetSecurityPersonnel(id); }
  Result<Page<records::SecurityPersonnel>> ListSecurityPersonnel(const WorkforceFilter& f, const PageRequest& p) override {
    return inner_->ListSecurityPersonnel(f, p);
  }
  Result<std::optional<records::SurgeDeployment>> GetSurgeDeployment(const std::string& id) override { return inner_->GetSurgeDeployment(id); }
  Result<Page<records::SurgeDeployment>> ListSurgeDeployments(const WorkforceFilter& f, const PageRequest& p) override {
    return inner_->ListSurgeDeployments(f, p);
  }
  Result<std::vector<records::FundAuthority>> ListFundAuthorities() override { return inner_->ListFundAuthorities(); }
  Result<std::optional<records::FundAccount>> GetFundAccount(const std::string& id) override {
    return inner_->GetFundAccount(id);
  }
  Result<std::optional<records::FundContribution>> GetFundContribution(const std::string& id) override {
    return inner_->GetFundContribution(id);
  }
  Result<Page<records::FundContribution>> ListFundContributions(const FundContributionFilter& f,
                                                                const PageRequest& p) override {
    return inner_->ListFundContributions(f, p);
  }
  Result<std::optional<records::FundRequest>> GetFundRequest(const std::string& id) override {
    return inner_->GetFundRequest(id);
  }
  Result<Page<records::FundRequest>> ListFundRequests(const FundRequestFilter& f, const PageRequest& p) override {
    return inner_->ListFundRequests(f, p);
  }
  Result<Page<records::FundLedgerEntry>> ListFundLedger(const FundLedgerFilter& f, const PageRequest& p) override {
    return inner_->ListFundLedger(f, p);
  }
  Result<std::optional<records::ReviewComment>> GetReviewComment(const std::string& id) override {
    return inner_->GetReviewComment(id);
  }
  Result<Page<records::ReviewComment>> ListReviewComments(const ReviewCommentFilter& f, const PageRequest& p) override {
    return inner_->ListReviewComments(f, p);
  }
  Result<std::optional<records::Budget>> GetBudget(const std::string& id) override { return inner_->GetBudget(id); }
  Result<Page<records::Budget>> ListBudgets(const BudgetFilter& f, const PageRequest& p) override {
    return inner_->ListBudgets(f, p);
  }
  Result<std::optional<records::ServiceLevelAgreement>> GetServiceLevelAgreement(const std::string& id) override {
    return inner_->GetServiceLevelAgreement(id);
  }
  Result<Page<records::ServiceLevelAgreement>> ListServiceLevelAgreements(const SlaFilter& f,
                                                                          const PageRequest& p) override {
    return inner_->ListServiceLevelAgreements(f, p);
  }
  Result<std::optional<records::CountryCalendar>> GetCountryCalendar(const std::string& id) override {
    return inner_->GetCountryCalendar(id);
  }
  Result<Page<records::CountryCalendar>> ListCountryCalendars(const CountryCalendarFilter& f,
                                                              const PageRequest& p) override {
    return inner_->ListCountryCalendars(f, p);
  }
  Result<Page<records::SpecificSraApproval>> ListSpecificSraApprovals(const SpecificSraApprovalFilter& f, const PageRequest& p) override {
    return inner_->ListSpecificSraApprovals(f, p);
  }
  Result<Page<records::ActivityDecisionRecord>> ListActivityDecisions(const ActivityDecisionFilter& f, const PageRequest& p) override {
    return inner_->ListActivityDecisions(f, p);
  }
  Result<Page<records::ComplianceItem>> ListComplianceItems(const ComplianceFilter& f, const PageRequest& p) override {
    return inner_->ListComplianceItems(f, p);
  }
  Result<Page<records::Notification>> ListNotifications(const NotificationFilter& f, const PageRequest& p) override {
    return inner_->ListNotifications(f, p);
  }
  Result<std::optional<DocRow>> GetDoc(const std::string& kind, const std::string& id) override {
    return inner_->GetDoc(kind, id);
  }
  Result<Page<DocRow>> ListDocs(const DocFilter& filter, const PageRequest& page) override {
    return inner_->ListDocs(filter, page);
  }
  Result<std::optional<SraRow>> GetSraUnlessRevision(const std::string& id, int64_t known_revision) override {
    return inner_->GetSraUnlessRevision(id, known_revision);
  }
  Result<Page<SraRow>> ListSras(const SraFilter& filter, const PageRequest& page) override {
    return inner_->ListSras(filter, page);
  }
  Result<std::map<std::string, std::string>> UserDisplayNames(const std::vector<std::string>& ids) override {
    return inner_->UserDisplayNames(ids);
  }
  Result<std::map<std::string, std::string>> UserDisplayNamesByUsername(const std::vector<std::string>& names) override {
    return inner_->UserDisplayNamesByUsername(names);
  }
  Result<std::vector<SraRow>> SraHeads(const std::vector<std::string>& ids, bool with_doc) override {
    return inner_->SraHeads(ids, with_doc);
  }
  Result<std::vector<EgsHead>> EgsHeads(const std::vector<std::string>& ids) override { return inner_->EgsHeads(ids); }
  Result<std::vector<MeasureHead>> SraMeasureHeads(const std::vector<std::string>& ids) override {
    return inner_->SraMeasureHeads(ids);
  }
  Result<std::map<std::string, std::string>> CountryNames(const std::vector<std::string>& ids) override {
    return inner_->CountryNames(ids);
  }
  Result<Page<AuditEntry>> ListAudit(const std::string& object_id, const PageRequest& page) override {
    return inner_->ListAudit(object_id, page);
  }
  Result<Page<AuditEntry>> ListAuditNewestFirst(const AuditQuery& query, const PageRequest& page) override {
    return inner_->ListAuditNewestFirst(query, page);
  }
  Result<AuditVerification> VerifyAudit() override { return inner_->VerifyAudit(); }
  Status ScanAudit(const std::function<bool(const AuditEntry&)>& visit) override { return inner_->ScanAudit(visit); }
  Result<std::vector<AuditCheckpoint>> ListAuditCheckpoints() override { return inner_->ListAuditCheckpoints(); }
  Status AppendAccessBatch(const std::vector<AccessEntry>& rows, const AuditEvent& anchor) override {
    return inner_->AppendAccessBatch(rows, anchor);
  }
  Result<Page<AccessEntry>> ListAccess(const AccessFilter& f, const PageRequest& page) override {
    return inner_->ListAccess(f, page);
  }
  Status ScanAccess(const std::function<bool(const AccessEntry&)>& visit) override { return inner_->ScanAccess(visit); }

 private:
  std::unique_ptr<Store> inner_;
};

}  // namespace

Result<IdempotentOutcome> RunIdempotent(Store& store, const Clock& clock, const std::string& user_id,
                                        const std::string& key, const std::string& fingerprint,
                                        const std::function<Result<IdempotentReply>()>& run,
                                        const std::function<IdempotentReply(const Error&)>& render) {
  if (!ValidKey(key))
    return Invalid("invalid_idempotency_key", "Idempotency-Key must be 1-255 printable ASCII characters",
                   "Idempotency-Key");
  // Keys are per user: the same key from two users names two requests.
  const std::string id = "idem_" + security::Sha256Hex(user_id + "\n" + key).substr(0, 40);
  SRM_ASSIGN(existing, store.GetDoc(kIdempotencyKind, id));
  if (existing) {
    const json doc = json::parse(existing->doc, nullptr, false);
    if (!doc.is_object() || doc.value("fingerprint", "") != fingerprint)
      return Unprocessable("idempotency_key_reused",
                           "this Idempotency-Key was used for a different request; use a new key for a new request",
                           "Idempotency-Key");
    if (existing->status == "done" && doc.contains("reply")) return IdempotentOutcome{ReplyFromJson(doc["reply"]), true};
    // A pending record is either a request still being answered (its change committed a moment
    // ago, the reply is being recorded) or one whose answer was lost (server killed between the two
    // steps). Wait briefly for the first case to settle, so a racing repeat gets the same answer.
    for (int i = 0; i < kSettleTries && existing->status != "done"; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(kSettlePollMillis));
      SRM_ASSIGN(again, store.GetDoc(kIdempotencyKind, id));
      if (!again) break;
      existing = std::move(again);
    }
    const json settled = json::parse(existing->doc, nullptr, false);
    if (existing->status == "done" && settled.is_object() && settled.contains("reply"))
      return IdempotentOutcome{ReplyFromJson(settled["reply"]), true};
    return Conflict("already_applied", "the request with this Idempotency-Key was applied (" +
                                           doc.value("object_type", std::string("record")) + " " + existing->ref_id +
                                           ") but its answer was not recorded; fetch the record instead of repeating");
  }

  const std::string now = FormatTimestamp(clock.NowMillis());
  PendingRecord record;
  record.row.kind = kIdempotencyKind;
  record.row.id = id;
  record.row.owner_id = user_id;
  record.row.status = "pending";
  record.row.created_at = record.row.updated_at = now;
  record.row.doc = json{{"fingerprint", fingerprint}}.dump();

  Result<IdempotentReply> ran = [&] {
    RecordScope scope(&record);
    return run();
  }();
  IdempotentReply reply;
  if (ran) {
    reply = std::move(*ran);
  } else {
    if (!record.attached) return std::unexpected(ran.error());  // nothing committed: nothing to remember
    reply = render(ran.error());
  }
  if (!record.attached && (reply.status < 200 || reply.status >= 300)) return IdempotentOutcome{reply, false};

  // Remember the answer. When the change committed with the record this updates it; otherwise (a
  // request that wrote nothing through Write()) the record is inserted now, on its own.
  DocRow done = record.row;
  done.status = "done";
  done.updated_at = FormatTimestamp(clock.NowMillis());
  json doc = json::parse(done.doc, nullptr, false);
  if (!doc.is_object()) doc = json::object();
  doc["reply"] = ReplyJson(reply);
  done.doc = doc.dump();
  // Not fatal: the change is saved either way; a repeat would then be told "already_applied".
  (void)store.WriteDocs({{done, record.attached ? 1 : 0}}, {});
  return IdempotentOutcome{reply, false};
}

std::unique_ptr<Store> WithIdempotencyRecords(std::unique_ptr<Store> inner) {
  return std::make_unique<IdempotentStore>(std::move(inner));
}

}  // namespace srm::store
