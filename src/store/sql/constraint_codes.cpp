#include "store/sql/constraint_codes.h"

namespace srm::store::sql {
namespace {
constexpr KnownConstraint kKnown[] = {
    {"users.username", "users_username_key", "username_taken", "the username is taken"},
    {"index 'users_username_lower'", "users_username_lower", "username_taken",
     "the username is taken (in another case)"},
    {"methods.version", "methods_pkey", "method_exists", "a method pack with this version is installed"},
    {"methods.active", "methods_one_active", "active_method_exists", "another method pack is active"},
    {"sras.series_id, sras.version", "sras_series_version_key", "sra_version_exists",
     "this SRA series already has that version"},
    {"security_services.code, security_services.version", "security_services_code_version_key",
     "service_version_exists", "this service already has that version"},
    {"security_services.code", "security_services_one_current", "service_version_exists",
     "the service was changed at the same time: read it again"},
    {"price_lists.year, price_lists.version", "price_lists_year_version_key", "price_list_version_exists",
     "this year already has a price list of that version"},
    {"budgets.country_id, budgets.year", "budgets_country_year_key", "budget_exists",
     "the country already has a budget for that year"},
    {"fund_ledger.reverses, fund_ledger.seq", "fund_ledger_one_reversal", "already_corrected",
     "the movement has been corrected already"},
};
}  // namespace

std::span<const KnownConstraint> KnownConstraints() { return kKnown; }

}  // namespace srm::store::sql
