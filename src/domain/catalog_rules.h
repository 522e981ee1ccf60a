// The rules a service of the results chain and a universal price list must satisfy before they are
// stored (SRM-METHOD.md section 8). Pure: the service passes the catalog codes it knows. Each rule
// is numbered; a refusal is an Error whose code names the rule's outcome and whose field is the
// path at fault ("items[2].unit_price_minor"). Rules run in their number order; the first refusal
// is the answer.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "core/result.h"
#include "domain/records/catalog_records.h"

namespace srm::domain {

// The years a price list may be for (rule P1).
inline constexpr int kPriceListFirstYear = 2000;
inline constexpr int kPriceListLastYear = 2100;
// A factor is a multiplier between 0.001 and 10.000 (rules P6, P7): 1..10000 permille.
inline constexpr int kFactorMinPermille = 1;
inline constexpr int kFactorMaxPermille = 10000;
// Rule P4's ceiling: a unit price of at most 10^12 minor units keeps every priced line far from
// int64 overflow at realistic quantities (pricing still checks exactly).
inline constexpr int64_t kMaxUnitPriceMinor = 1'000'000'000'000;

bool IsProvider(std::string_view s);       // dss | agency | joint
bool IsFundingSource(std::string_view s);  // programme_budget | jointly_financed | extrabudgetary | price_list
bool IsServiceCode(std::string_view s);    // 3-32 of A-Z 0-9 '-', starting with a letter, no "--", no trailing '-'
bool IsCurrencyCode(std::string_view s);   // ISO 4217 shape: three upper-case letters

// S1 service_code_invalid  S2 service_name_required  S3 provider_invalid  S4 unit_required
// S5 funding_source_invalid
Status CheckService(const records::SecurityService& s);

// P1 year_out_of_range         P2 currency_invalid
// P3 service_unknown           (an item names a code that is not a current service of the catalog)
// P4 price_negative / price_too_large
// P5 item_duplicate            (two items for one service code)
// P6 factor_out_of_range / regional_factor_duplicate / country_required  (regional factors)
// P7 factor_out_of_range / arrangement_duplicate / organization_class_invalid  (arrangements)
Status CheckPriceList(const records::PriceList& list, const std::set<std::string, std::less<>>& catalog_codes);

// Who may publish a draft price list (separation of duties: nobody performs two steps of one
// decision). Given a governance member (the service checks the role):
//   D1 separation_of_duties_draft  the publisher drafted the list
//   D2 separation_of_duties_edit   the publisher edited the draft
// Its outcome is `published_by_another` when neither holds.
Status CheckPublisher(const records::PriceList& list, std::string_view publisher_id);
inline constexpr std::string_view kPublishedByAnother = "published_by_another";

// The draft with `editor` recorded among its editors (once; the drafter is not repeated).
void RecordEditor(records::PriceList& list, const records::UserRef& editor);

// What differs between two price lists, item by item (the version diff of the price-list page).
struct PriceChange {
  std::string service_code;
  int64_t from_minor = 0, to_minor = 0;
};
struct PriceListDiff {
  std::vector<records::PriceItem> added;    // in `to` only
  std::vector<records::PriceItem> removed;  // in `from` only
  std::vector<PriceChange> changed;         // in both, at another price
  std::vector<records::RegionalFactor> factors_added, factors_removed;
  std::vector<records::RegionalFactor> factors_changed;  // the new factor
  std::vector<records::PriceArrangement> arrangements_added, arrangements_removed, arrangements_changed;
};
// Each vector sorted by its key (service code, country id, organization class).
PriceListDiff DiffPriceLists(const records::PriceList& from, const records::PriceList& to);

}  // namespace srm::domain
