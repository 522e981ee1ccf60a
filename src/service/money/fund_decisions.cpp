// Deciding a request (approve | refuse): by the expenditure authority that covers its amount
// (domain/fund.h CheckFundDecision), never by its requester. Approving commits the amount: the
// request, the fund's account at its revision, two ledger entries and the audit entries in one
// transaction, re-read and re-decided when another movement got there first.
#include "domain/records/fund_records_json.h"
#include "service/money/fund.h"

namespace srm::service {

using domain::Role;
using domain::records::FundAuthority;
using domain::records::FundLedgerEntry;
using domain::records::FundRequest;

Result<FundRequest> FundService::Decide(const Principal& p, const std::string& id, const std::string& decision,
                                        const std::string& reason) {
  SRM_ASSIGN(authorities, store_->ListFundAuthorities());
  std::vector<FundAuthority> held;
  for (const FundAuthority& a : authorities)
    if (auto role = domain::RoleFromName(a.role); role && p.Has(*role)) held.push_back(a);
  FundRequest after;
  SRM_TRY(Commit([&](store::WriteBatch* batch, std::vector<store::AuditEvent>* audit) -> Status {
    SRM_ASSIGN(r, LoadRequest(id));
    if (!CanReadRequest(p, r)) return NotFound("fund request " + id);
    SRM_ASSIGN(account, LoadAccount());
    SRM_TRY(domain::CheckFundDecision({.decision = decision,
                                       .reason = reason,
                                       .request_status = r.status,
                                       .amount_minor = r.amount_minor,
                                       .requester_id = r.requested_by.id,
                                       .decider_id = p.user.id,
                                       .decider_authorities = held,
                                       .available_minor = account.available_minor}));
    // The role recorded: the lowest authority the decider holds that covers the amount.
    SRM_ASSIGN(used, domain::RouteFundRequest(r.amount_minor, held));
    const std::string role = used.role;
    const FundRequest before = r;
    const std::string now = Now();
    r.status = decision == "approve" ? "approved" : "refused";
    r.decided_by = {p.user.id, p.user.username};
    r.decided_at = now;
    r.decision_reason = reason;
    r.updated_at = now;
    batch->records.push_back({store::AnyRecord(r), before.revision});
    if (decision == "approve") {
      FundLedgerEntry proto;
      proto.request_id = r.id;
      SRM_TRY(AddMovement(p, role, "commitment", r.amount_minor, account, proto, batch, audit));
    }
    audit->push_back({p.user.id, p.user.username, role, "fund.request." + decision, "fund_request", r.id,
                      domain::records::ToJson(before).dump(), domain::records::ToJson(r).dump(), p.request_id});
    after = r;
    after.revision = before.revision + 1;
    return {};
  }));
  return after;
}

}  // namespace srm::service
