// What the fund's use cases share: the retrying commit, loading, the movement helper, who reads.
#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

#include "domain/records/fund_records_json.h"
#include "service/money/fund.h"

namespace srm::service {

using domain::Role;
using domain::records::FundAccount;
using domain::records::FundLedgerEntry;
using domain::records::FundRequest;

namespace {
// Writes that lost a race are retried this many times. Every retry means another movement was
// committed in between, so this bounds how many movements may overtake one request, not time.
constexpr int kMaxAttempts = 200;
}  // namespace

FundService::FundService(store::Store* store, const Clock* clock, IdGen* ids)
    : store_(store), clock_(clock), ids_(ids) {}

std::string FundService::Now() const { return FormatTimestamp(clock_->NowMillis()); }

bool FundService::Official(const Principal& p) {
  return p.Has(Role::kFundManager) || p.Has(Role::kFundBoard) || p.Has(Role::kAdmin) || p.Has(Role::kAuditor);
}

Status FundService::Commit(const Attempt& attempt) {
  thread_local std::minstd_rand jitter{std::random_device{}()};
  for (int i = 0;; ++i) {
    store::WriteBatch batch;
    std::vector<store::AuditEvent> audit;
    SRM_TRY(attempt(&batch, &audit));
    auto st = store_->Write(batch, audit);
    if (st) return {};
    // Lost a race: a record changed since this attempt read it, or the database rolled the
    // transaction back for colliding with another one (PostgreSQL's serialization failures).
    const bool lost_race = (st.error().kind == ErrorKind::kConflict && st.error().code == "stale_revision") ||
                           st.error().code == "database_conflict";
    if (!lost_race) return st;
    if (i + 1 >= kMaxAttempts)
      return Conflict("fund_busy", "the fund is changing too fast to record this now; try again");
    // A short random pause so that racing writers do not meet again at once.
    std::this_thread::sleep_for(std::chrono::microseconds(200 + jitter() % (1000 + 200 * std::min(i, 20))));
  }
}

Result<FundAccount> FundService::LoadAccount() {
  SRM_ASSIGN(found, store_->GetFundAccount(domain::kFundAccountId));
  if (!found) return Internal("the fund's account is missing (migration 0018 creates it)");
  return std::move(*found);
}

Result<FundRequest> FundService::LoadRequest(const std::string& id) {
  if (!ValidId(id)) return NotFound("fund request");
  SRM_ASSIGN(found, store_->GetFundRequest(id));
  if (!found) return NotFound("fund request " + id);
  return std::move(*found);
}

bool FundService::CanReadRequest(const Principal& p, const FundRequest& r) const {
  if (Official(p)) return true;
  // A security professional of the requesting organization whose grant covers the area (a grant
  // without an organization covers any: the reader's own organization must be the requester's).
  return p.user.organization_id == r.organization_id &&
         p.HasFor(Role::kSecurityProfessional, {r.organization_id, r.country_id, r.area_id});
}

Result<bool> FundService::IsContributor(const Principal& p) {
  if (p.user.organization_id.empty()) return false;
  // A contribution reversed by a correction (recorded for the wrong donor, say) does not count.
  store::PageRequest page{100, ""};
  for (;;) {
    SRM_ASSIGN(mine, store_->ListFundContributions({.donor_org_id = p.user.organization_id}, page));
    for (const auto& c : mine.items)
      if (c.reversed_by.empty()) return true;
    if (mine.next.empty()) return false;
    page.after = mine.next;
  }
}

Status FundService::AddMovement(const Principal& p, const std::string& role, const std::string& kind,
                                int64_t amount_minor, const FundAccount& account, FundLedgerEntry proto,
                                store::WriteBatch* batch, std::vector<store::AuditEvent>* audit) {
  proto.movement_id = ids_->NewId("fmv");
  proto.at = proto.created_at = proto.updated_at = Now();
  proto.currency = domain::kFundCurrency;
  proto.by = {p.user.id, p.user.username};
  const std::vector<FundLedgerEntry> entries = domain::FundMovement(kind, amount_minor, proto);
  SRM_ASSIGN(after, domain::ApplyFundEntries(account, entries));
  after.updated_at = proto.at;
  batch->records.push_back({store::AnyRecord(after), account.revision});
  for (const auto& e : entries) batch->records.push_back({store::AnyRecord(e), 0});
  nlohmann::json body{{"kind", kind},
                      {"entries", domain::records::ToJson(entries)},
                      {"balance", domain::records::ToJson(after)}};
  audit->push_back({p.user.id, p.user.username, role, "fund.movement." + kind, "fund_movement", proto.movement_id,
                    "", body.dump(), p.request_id});
  return {};
}

}  // namespace srm::service
