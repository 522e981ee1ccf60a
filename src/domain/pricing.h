// Pricing a line from the universal price list (SRM-METHOD.md section 7: "lines are priced from
// the universal price list"). Pure and exact: integers only, one rounding per line.
//
//   price = unit_price_minor × quantity × regional_factor‰ × arrangement_factor‰ / 1,000,000
//
// computed in 128-bit integers and rounded ONCE, half up (a remainder of at least half a minor
// unit goes up: 0.5 → 1, 2.5 → 3; quantities and prices are never negative, so "half up" and
// "half away from zero" agree). A result that does not fit in int64 is an error, never a wrap.
// The regional factor of a country the list does not name is 1000‰ (the list price); the
// arrangement factor of an organization class the list does not name (or "") is 1000‰.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/result.h"
#include "domain/records/catalog_records.h"

namespace srm::domain {

using records::PriceList;

// Reason codes (Error::code) of the pricing rule:
//   price_list_unpublished  the list is not published (a draft prices nothing)
//   service_not_priced      the list has no item for the service code
//   quantity_negative       quantity < 0
//   price_overflow          the exact price does not fit in int64 minor units
Result<int64_t> LinePriceMinor(const PriceList& list, std::string_view service_code,
                               std::string_view country_id, int64_t quantity);

// The same, with the differentiated arrangement of the buyer's organization class applied.
Result<int64_t> LinePriceMinor(const PriceList& list, std::string_view service_code,
                               std::string_view country_id, std::string_view organization_class,
                               int64_t quantity);

// The factors the list applies (1000 when it names none), for showing how a line was priced.
int RegionalFactorPermille(const PriceList& list, std::string_view country_id);
int ArrangementFactorPermille(const PriceList& list, std::string_view organization_class);

// The exact rounding step, exposed for tests: round(numerator / denominator) half up;
// numerator >= 0, denominator > 0.
__int128 DivideRoundHalfUp(__int128 numerator, __int128 denominator);

}  // namespace srm::domain
