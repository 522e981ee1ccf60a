// The JSON of a cost-shared budget (domain/records/budget_records.h): what the API answers to a
// reader of every line, and what the audit chain records of each write.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/records/budget_records.h"

namespace srm::domain::records {

nlohmann::json ToJson(const BudgetLine& l);
nlohmann::json ToJson(const Budget& b);
// The budget without its lines, headcounts, shares and history (lists and restricted readers).
nlohmann::json SummaryJson(const Budget& b);

}  // namespace srm::domain::records
