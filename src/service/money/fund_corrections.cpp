// Correcting the fund's ledger (the fund manager): a wrongly recorded contribution, disbursement or
// return is reversed by a new movement that references it (domain/fund.h CheckFundCorrection),
// written like every movement: with the fund's account at its revision, the request or the
// contribution it touches at theirs, and the audit entries, in one transaction, re-read and
// re-decided when another movement got there first. A movement is reversed once only (the rule,
// and a unique index of migration 0023 under it).
#include <algorithm>

#include "domain/records/fund_records_json.h"
#include "service/money/fund.h"

namespace srm::service {

using domain::Role;
using domain::records::FundContribution;
using domain::records::FundLedgerEntry;
using domain::records::FundRequest;

Result<FundCorrectionResult> FundService::Correct(const Principal& p, const std::string& movement_id,
                                                  const std::string& reason) {
  // Anybody but the fund manager is refused before anything is read (the rule's own answer).
  if (!p.Has(Role::kFundManager)) {
    domain::FundCorrectionInput not_manager;
    not_manager.reason = reason;
    SRM_TRY(domain::CheckFundCorrection(not_manager));
  }
  if (!ValidId(movement_id)) return NotFound("fund movement");
  const std::string role(domain::RoleName(Role::kFundManager));
  FundCorrectionResult out;
  SRM_TRY(Commit([&](store::WriteBatch* batch, std::vector<store::AuditEvent>* audit) -> Status {
    store::FundLedgerFilter of_movement, reversing;
    of_movement.movement_id = movement_id;
    reversing.reverses = movement_id;
    SRM_ASSIGN(found, store_->ListFundLedger(of_movement, {10, ""}));
    if (found.items.empty()) return NotFound("fund movement " + movement_id);
    std::vector<FundLedgerEntry> original = std::move(found.items);
    std::sort(original.begin(), original.end(), [](const auto& a, const auto& b) { return a.seq < b.seq; });
    SRM_ASSIGN(reversals, store_->ListFundLedger(reversing, {1, ""}));
    SRM_ASSIGN(account, LoadAccount());
    const std::string& kind = original.front().kind;
    std::optional<FundRequest> request;
    if (!original.front().request_id.empty() && (kind == "disbursement" || kind == "return")) {
      SRM_ASSIGN(r, LoadRequest(original.front().request_id));
      request = std::move(r);
    }
    domain::FundCorrectionInput in;
    in.corrector_is_fund_manager = true;
    in.reason = reason;
    in.original = original;
    in.already_corrected = reversals.total > 0;
    in.request = request;
    in.account = account;
    SRM_TRY(domain::CheckFundCorrection(in));
    const int64_t amount = domain::FundMovementAmount(original);

    FundLedgerEntry proto;
    proto.movement_id = ids_->NewId("fmv");
    proto.at = proto.created_at = proto.updated_at = Now();
    proto.currency = domain::kFundCurrency;
    proto.by = {p.user.id, p.user.username};
    proto.reason = reason;
    const std::vector<FundLedgerEntry> entries = domain::FundCorrection(original, proto);
    auto after = domain::ApplyFundEntries(account, entries);
    if (!after) {
      // The rule checked the balance; an account that disagrees with it is the ledger's fault.
      if (after.error().code == "balance_negative")
        return Conflict("insufficient_balance", "reversing it would take an account of the fund below zero");
      return std::unexpected(after.error());
    }
    after->updated_at = proto.at;
    batch->records.push_back({store::AnyRecord(*after), account.revision});
    for (const auto& e : entries) batch->records.push_back({store::AnyRecord(e), 0});
    nlohmann::json body{{"kind", "correction"},
                        {"reverses", movement_id},
                        {"reverses_kind", kind},
                        {"reason", reason},
                        {"entries", domain::records::ToJson(entries)},
                        {"balance", domain::records::ToJson(*after)}};
    audit->push_back({p.user.id, p.user.username, role, "fund.movement.correction", "fund_movement",
                      proto.movement_id, "", body.dump(), p.request_id});

    // What the reversed movement stood for changes with it, at its revision.
    if (request) {
      const FundRequest before = *request;
      FundRequest r = domain::CorrectedRequest(*request, kind, amount);
      r.updated_at = proto.at;
      batch->records.push_back({store::AnyRecord(r), before.revision});
      audit->push_back({p.user.id, p.user.username, role, "fund.request.correct", "fund_request", r.id,
                        domain::records::ToJson(before).dump(), domain::records::ToJson(r).dump(), p.request_id});
    }
    if (kind == "contribution" && !original.front().contribution_id.empty()) {
      SRM_ASSIGN(c, store_->GetFundContribution(original.front().contribution_id));
      if (!c) return Internal("the contribution of movement " + movement_id + " is missing");
      const FundContribution before = *c;
      c->reversed_by = proto.movement_id;
      c->updated_at = proto.at;
      batch->records.push_back({store::AnyRecord(*c), before.revision});
      audit->push_back({p.user.id, p.user.username, role, "fund.contribution.reverse", "fund_contribution", c->id,
                        domain::records::ToJson(before).dump(), domain::records::ToJson(*c).dump(), p.request_id});
    }
    out.entries = entries;
    for (auto& e : out.entries) e.revision = 1;
    out.balance = *after;
    out.balance.revision = account.revision + 1;
    return {};
  }));
  return out;
}

}  // namespace srm::service
