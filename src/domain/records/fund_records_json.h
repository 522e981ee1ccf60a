// The emergency security fund's records as JSON: the API's bodies and the audit chain's
// before/after (so every ledger movement is in the chain, entry for entry).
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "domain/records/fund_records.h"

namespace srm::domain::records {

nlohmann::json ToJson(const FundAuthority& a);
nlohmann::json ToJson(const FundAccount& a);  // {available_minor, committed_minor, disbursed_minor, ...}
// with_conditions false: the donor's conditions are left out (another donor reads it).
nlohmann::json ToJson(const FundContribution& c, bool with_conditions = true);
nlohmann::json ToJson(const FundRequest& r);
nlohmann::json ToJson(const FundLedgerEntry& e);
nlohmann::json ToJson(const std::vector<FundLedgerEntry>& entries);

}  // namespace srm::domain::records
