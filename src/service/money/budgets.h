// The local cost-shared security budget of a country and year (SRM-METHOD.md §7, issue 15):
// drafted by the DSS security professional of the country, endorsed by the SMT, approved by the
// DSS desk, every line traced to an approved measure of the SRA in force and priced from the
// published price list of the budget's year, apportioned among the organizations present
// (domain/apportionment.h). Every write is one transaction with its audit entry.
//
// Who reads what:
//   - full readers: administrators and auditors; the security professionals, security cell, SMT,
//     Designated Official and DSS desk whose grant covers the country. They see every line.
//   - a finance officer whose grant covers the country reads the budget's totals — the total,
//     the totals per service and per funding source — and its OWN organization's headcount and
//     share, never the lines (their descriptions, quantities, unit prices, per-line amounts and
//     SRA measures: the drafting bodies' internal working) nor other organizations' shares.
//   - anybody else: 403.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "domain/apportionment.h"
#include "domain/records/budget_records.h"
#include "service/methods.h"
#include "service/principal.h"
#include "store/store.h"

namespace srm::service {

struct BudgetInput {
  std::string country_id;
  int year = 0;
  std::string currency;
};

// A line as the request gives it. The trace (sra_id, measure_id) is read leniently and checked
// before anything else; `rest_error` is the strict reader's refusal of the other fields, reported
// only once the trace holds (issue 15: a line without a trace is refused as such, whatever else is
// wrong with it).
struct BudgetLineInput {
  std::string sra_id, measure_id;
  std::string service_code;
  int64_t quantity = 0;
  std::string funding_source, description;
  std::optional<Error> rest_error;
};

struct BudgetTotal {
  std::string key;  // a service code or a funding source
  int64_t amount_minor = 0;
};

// A budget as one reader may see it.
struct BudgetRead {
  domain::records::Budget budget;  // restricted readers: lines, history and others' headcounts removed
  bool full = true;
  std::string own_organization_id;  // restricted readers: theirs
  std::vector<BudgetTotal> by_service, by_funding_source;
  size_t line_count = 0;
};

struct BudgetApportionment {
  domain::records::Budget budget;  // header only (lines removed)
  domain::Apportionment result;    // restricted readers: only their own share and units
  std::vector<std::pair<std::string, std::optional<domain::Fraction>>> last_year;  // org -> fraction
  bool full = true;
  bool frozen = false;  // approved: the shares are the ones recorded at approval
};

class BudgetService {
 public:
  BudgetService(store::Store* store, MethodRegistry* methods, const Clock* clock, IdGen* ids);

  Result<domain::records::Budget> Create(const Principal& p, const BudgetInput& in);
  // Status ("" = any) and narrowing (search, reference dates, sort) only ever narrow.
  Result<store::Page<domain::records::Budget>> List(const Principal& p, const std::string& country_id, int year,
                                                    const store::PageRequest& page, const std::string& status = "",
                                                    const store::ListNarrowing& narrow = {});
  Result<BudgetRead> Get(const Principal& p, const std::string& id);
  Result<domain::records::Budget> AddLine(const Principal& p, const std::string& id, const BudgetLineInput& in);
  // action: endorse (SMT of the country) | approve (DSS desk) | return (DSS desk: an endorsed
  // budget back to draft, comment = the reason, required); domain/budget_workflow.h.
  Result<domain::records::Budget> Transition(const Principal& p, const std::string& id, const std::string& action,
                                             const std::string& comment);
  Result<BudgetApportionment> Apportionment(const Principal& p, const std::string& id);
  // Re-reads the personnel registered in the country, the reference date becoming today: a draft
  // only, by its drafting security professional (a drafting step). Audited.
  Result<domain::records::Budget> RefreshHeadcount(const Principal& p, const std::string& id);

 private:
  enum class Access { kNone, kFinance, kFull };
  Access AccessTo(const Principal& p, const std::string& country_id) const;
  Result<domain::records::Budget> Load(const std::string& id);
  Status CheckTrace(const domain::records::Budget& b, const BudgetLineInput& in);
  Result<domain::records::PriceList> PublishedList(const domain::records::Budget& b);
  Result<domain::Apportionment> Compute(const domain::records::Budget& b,
                                        std::vector<std::pair<std::string, std::optional<domain::Fraction>>>* last);
  Result<std::string> OrganizationCode(const Principal& p);
  // Drafting a budget is the country's security professional's of the pack's conducting
  // organization (SRM-METHOD.md §7); `refusal` says which drafting step was refused.
  Status CheckDrafter(const Principal& p, const std::string& country_id, const std::string& refusal);
  Result<std::vector<domain::records::BudgetHeadcount>> Headcounts(const std::string& country_id);
  Status Commit(const Principal& p, const std::string& role, const std::string& action,
                const std::optional<domain::records::Budget>& before, const domain::records::Budget& after);
  std::string Now() const;

  store::Store* store_;
  MethodRegistry* methods_;
  const Clock* clock_;
  IdGen* ids_;
};

}  // namespace srm::service
