// Paying out what a request committed (disbursements, never more than committed) and taking back
// what was not spent (returns): the fund manager, each a movement of the ledger.
#include "domain/records/fund_records_json.h"
#include "service/money/fund.h"

namespace srm::service {

using domain::Role;
using domain::records::FundLedgerEntry;
using domain::records::FundRequest;

Result<FundRequest> FundService::Disburse(const Principal& p, const std::string& id,
                                          std::optional<int64_t> amount_minor, const std::string& note) {
  if (!p.Has(Role::kFundManager))
    return Fail(ErrorKind::kForbidden, "fund_manager_required", "the fund manager disburses");
  return MoveRequestMoney(p, id, "disbursement", "fund.request.disburse", note,
                          [&](FundRequest& r) -> Result<int64_t> {
                            const int64_t amount = amount_minor.value_or(r.amount_minor - r.disbursed_minor);
                            SRM_TRY(domain::CheckFundDisbursement(r, amount));
                            r.disbursed_minor += amount;
                            if (r.disbursed_minor == r.amount_minor) r.status = "disbursed";
                            return amount;
                          });
}

Result<FundRequest> FundService::Return(const Principal& p, const std::string& id, int64_t amount_minor,
                                        const std::string& note) {
  if (!p.Has(Role::kFundManager))
    return Fail(ErrorKind::kForbidden, "fund_manager_required", "the fund manager records returns");
  return MoveRequestMoney(p, id, "return", "fund.request.return", note, [&](FundRequest& r) -> Result<int64_t> {
    SRM_TRY(domain::CheckFundReturn(r, amount_minor));
    r.returned_minor += amount_minor;
    return amount_minor;
  });
}

Result<FundRequest> FundService::MoveRequestMoney(const Principal& p, const std::string& id, const std::string& kind,
                                                  const std::string& action, const std::string& note,
                                                  const RequestChange& change) {
  const std::string role(domain::RoleName(Role::kFundManager));
  FundRequest after;
  SRM_TRY(Commit([&](store::WriteBatch* batch, std::vector<store::AuditEvent>* audit) -> Status {
    SRM_ASSIGN(r, LoadRequest(id));
    SRM_ASSIGN(account, LoadAccount());
    const FundRequest before = r;
    SRM_ASSIGN(amount, change(r));
    r.updated_at = Now();
    batch->records.push_back({store::AnyRecord(r), before.revision});
    FundLedgerEntry proto;
    proto.request_id = r.id;
    SRM_TRY(AddMovement(p, role, kind, amount, account, proto, batch, audit));
    nlohmann::json body = domain::records::ToJson(r);
    body["note"] = note;
    audit->push_back({p.user.id, p.user.username, role, action, "fund_request", r.id,
                      domain::records::ToJson(before).dump(), body.dump(), p.request_id});
    after = r;
    after.revision = before.revision + 1;
    return {};
  }));
  return after;
}

}  // namespace srm::service
