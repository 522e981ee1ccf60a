// The local cost-shared security budget of a country and year (SRM-METHOD.md §7, issue 15;
// migration 0013), shaped as the rows of its tables: the budget, its lines, the headcount it is
// apportioned by, its workflow history and, once approved, the shares frozen at approval.
//
// Money is an integer count of minor units of `currency`; factors are integers in permille.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/records/decision_records.h"  // UserRef

namespace srm::domain::records {

// One line: a quantity of a catalog service, traced to an approved measure of the SRA in force
// (sra_id is the published version the line was traced to; measure ids are stable across
// versions) and priced from the published price list of the budget's year.
struct BudgetLine {
  std::string id;
  std::string sra_id, measure_id;
  std::string service_code;
  int64_t quantity = 0;
  std::string funding_source;  // programme_budget | jointly_financed | extrabudgetary | price_list
  std::string description;
  std::string price_list_id;
  int64_t unit_price_minor = 0;
  int regional_factor_permille = 1000;
  int64_t amount_minor = 0;  // unit price × quantity × factor, rounded once (domain/pricing.h)
  UserRef added_by;
  std::string added_at;
  bool operator==(const BudgetLine&) const = default;
};

// Personnel of an organization in the country on the reference date: the registered programme
// personnel (international + national) when the budget was drafted.
struct BudgetHeadcount {
  std::string organization_id;
  int64_t headcount = 0;
  bool operator==(const BudgetHeadcount&) const = default;
};

// A share as approved: frozen so next year's slow decrease reads last year's fraction as it was.
struct BudgetShare {
  std::string organization_id;
  int64_t amount_minor = 0;
  std::string basis;  // headcount | minimum | slow_decrease
  bool operator==(const BudgetShare&) const = default;
};

struct BudgetHistoryEntry {
  std::string at, action, by, role, comment;  // action: draft | add_line | endorse | approve
  bool operator==(const BudgetHistoryEntry&) const = default;
};

// id "bud_" + random; one per country and year. Drafted by the DSS security professional of the
// country, endorsed by the SMT, approved by the DSS desk; nobody performs two of the steps.
struct Budget {
  std::string id;
  std::string country_id;
  int year = 0;
  std::string currency;        // ISO 4217
  std::string reference_date;  // YYYY-MM-DD: whose headcount apportions it
  std::string status;          // draft | endorsed | approved
  // The apportionment rules of the pack the budget was drafted under (exact fractions).
  int64_t minimum_num = 1, minimum_den = 200;
  int64_t decrease_num = 1, decrease_den = 4;
  int64_t total_minor = 0;     // the sum of the lines
  UserRef drafted_by;
  UserRef endorsed_by;
  std::optional<std::string> endorsed_at;
  UserRef approved_by;
  std::optional<std::string> approved_at;
  std::vector<BudgetLine> lines;
  std::vector<BudgetHeadcount> headcounts;
  std::vector<BudgetShare> shares;  // empty until approved
  std::vector<BudgetHistoryEntry> history;
  std::string created_at, updated_at;
  int64_t revision = 0;
  bool operator==(const Budget&) const = default;
};

}  // namespace srm::domain::records
