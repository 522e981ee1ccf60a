// Reading the fund: its balance, its ledger, its expenditure authorities and the transparency
// report (contributions by donor, decisions with reasons and timing, the balance) that every
// contributor reads — with only its own conditions.
#include <algorithm>
#include <map>

#include "service/money/fund.h"

namespace srm::service {

using domain::Role;
using domain::records::FundAccount;
using domain::records::FundContribution;
using domain::records::FundLedgerEntry;
using domain::records::FundRequest;

namespace {
// The report reads at most this many contributions and requests (a fund's lifetime is far below).
constexpr int kReportRows = 500;

template <typename T, typename F>
Status ReadAll(F&& list, std::vector<T>* out) {
  store::PageRequest page{kReportRows, ""};
  for (;;) {
    SRM_ASSIGN(rows, list(page));
    for (auto& r : rows.items) out->push_back(std::move(r));
    if (rows.next.empty()) return {};
    page.after = rows.next;
  }
}
}  // namespace

Result<FundAccount> FundService::Balance(const Principal& p) {
  if (!Official(p) && !p.Has(Role::kSecurityProfessional)) {
    SRM_ASSIGN(contributor, IsContributor(p));
    if (!contributor)
      return Forbidden("the fund's balance is read by its officials, contributors and security professionals");
  }
  return LoadAccount();
}

Result<FundLedgerPage> FundService::Ledger(const Principal& p, const std::string& request_id,
                                           const store::PageRequest& page) {
  if (!Official(p)) return Forbidden("the fund's ledger is read by its officials and auditors");
  FundLedgerPage out;
  store::FundLedgerFilter of_request;
  of_request.request_id = request_id;
  SRM_ASSIGN(rows, store_->ListFundLedger(of_request, page));
  out.page = std::move(rows);
  // Which of the page's movements were reversed, and by which correction (on any page).
  std::vector<std::string> movements;
  for (const auto& e : out.page.items)
    if (e.kind != "correction" && std::find(movements.begin(), movements.end(), e.movement_id) == movements.end())
      movements.push_back(e.movement_id);
  if (movements.empty()) return out;
  store::FundLedgerFilter f;
  f.reverses_any = movements;
  std::vector<FundLedgerEntry> corrections;
  SRM_TRY(ReadAll<FundLedgerEntry>([&](const store::PageRequest& pg) { return store_->ListFundLedger(f, pg); },
                                   &corrections));
  for (const auto& c : corrections) out.reversed_by[c.reverses] = c.movement_id;
  return out;
}

Result<std::vector<domain::records::FundAuthority>> FundService::Authorities(const Principal& p) {
  (void)p;  // the fund's terms are public to every signed-in user
  return store_->ListFundAuthorities();
}

Result<FundReport> FundService::Report(const Principal& p) {
  const bool official = Official(p);
  if (!official) {
    SRM_ASSIGN(contributor, IsContributor(p));
    if (!contributor)
      return Fail(ErrorKind::kForbidden, "not_a_contributor",
                  "the fund's transparency report is read by its contributors and officials");
  }
  FundReport out;
  out.generated_at = Now();
  SRM_ASSIGN(balance, LoadAccount());
  out.balance = std::move(balance);
  SRM_ASSIGN(authorities, store_->ListFundAuthorities());
  out.authorities = std::move(authorities);

  std::vector<FundContribution> contributions;
  SRM_TRY(ReadAll<FundContribution>([&](const store::PageRequest& pg) { return store_->ListFundContributions({}, pg); },
                                    &contributions));
  SRM_ASSIGN(orgs, store_->ListOrganizations());
  std::map<std::string, FundDonorTotal> by_donor;
  for (auto& c : contributions) {
    if (!c.reversed_by.empty()) continue;  // reversed by a correction: it was never given
    FundDonorTotal& d = by_donor[c.donor_org_id];
    d.donor_org_id = c.donor_org_id;
    for (const auto& o : orgs)
      if (o.id == c.donor_org_id) d.donor_name = o.name;
    d.conditions_visible = official || c.donor_org_id == p.user.organization_id;
    d.total_minor += c.amount_minor;
    if (!d.conditions_visible) c.conditions.clear();  // another donor's conditions are not shown
    d.contributions.push_back(std::move(c));
  }
  for (auto& [id, d] : by_donor) out.donors.push_back(std::move(d));

  std::vector<FundRequest> requests;
  SRM_TRY(ReadAll<FundRequest>([&](const store::PageRequest& pg) { return store_->ListFundRequests({}, pg); },
                               &requests));
  for (auto& r : requests) (r.status == "submitted" ? out.waiting : out.decisions).push_back(std::move(r));
  return out;
}

}  // namespace srm::service
