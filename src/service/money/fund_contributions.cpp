// Recording a contribution to the fund (the fund manager): the money becomes available at once.
#include <algorithm>

#include "domain/records/fund_records_json.h"
#include "service/money/fund.h"

namespace srm::service {

using domain::Role;
using domain::records::FundContribution;
using domain::records::FundLedgerEntry;

Result<FundContribution> FundService::Contribute(const Principal& p, const FundContributionInput& in) {
  if (!p.Has(Role::kFundManager))
    return Fail(ErrorKind::kForbidden, "fund_manager_required", "the fund manager records contributions");
  SRM_ASSIGN(orgs, store_->ListOrganizations());
  if (std::none_of(orgs.begin(), orgs.end(), [&](const auto& o) { return o.id == in.donor; }))
    return Unprocessable("unknown_donor", "the donor is an organization of the system", "donor");
  if (in.currency != domain::kFundCurrency)
    return Unprocessable("currency_not_fund", "the fund is kept in USD", "currency");
  if (in.amount_minor < 1 || in.amount_minor > domain::kFundMaxAmountMinor)
    return Unprocessable("amount_invalid", "amount_minor must be 1-100000000000", "amount_minor");

  FundContribution c;
  c.id = ids_->NewId("fco");
  c.donor_org_id = in.donor;
  c.amount_minor = in.amount_minor;
  c.currency = in.currency;
  c.earmark = in.earmark;
  c.conditions = in.conditions;
  c.recorded_by = {p.user.id, p.user.username};
  const std::string role(domain::RoleName(Role::kFundManager));
  SRM_TRY(Commit([&](store::WriteBatch* batch, std::vector<store::AuditEvent>* audit) -> Status {
    SRM_ASSIGN(account, LoadAccount());
    FundLedgerEntry proto;
    proto.contribution_id = c.id;
    const size_t first = batch->records.size();
    batch->records.push_back({store::AnyRecord(c), 0});  // placeholder, filled once the movement is known
    SRM_TRY(AddMovement(p, role, "contribution", c.amount_minor, account, proto, batch, audit));
    const auto& entry = std::get<FundLedgerEntry>(batch->records.back().record);
    c.movement_id = entry.movement_id;
    c.created_at = c.updated_at = entry.at;
    batch->records[first] = {store::AnyRecord(c), 0};
    audit->push_back({p.user.id, p.user.username, role, "fund.contribution.record", "fund_contribution", c.id, "",
                      domain::records::ToJson(c).dump(), p.request_id});
    return {};
  }));
  c.revision = 1;
  return c;
}

Result<store::Page<FundContribution>> FundService::ListContributions(const Principal& p,
                                                                     const store::PageRequest& page) {
  if (Official(p)) return store_->ListFundContributions({}, page);
  SRM_ASSIGN(contributor, IsContributor(p));
  if (!contributor) return Forbidden("the fund's contributions are read by its officials and its contributors");
  // A contributor lists its own organization's contributions; the report shows the others' totals.
  return store_->ListFundContributions({.donor_org_id = p.user.organization_id}, page);
}

}  // namespace srm::service
