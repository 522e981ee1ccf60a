#include "domain/pricing.h"

#include <limits>
#include <string>

namespace srm::domain {

__int128 DivideRoundHalfUp(__int128 numerator, __int128 denominator) {
  const __int128 quotient = numerator / denominator;
  const __int128 remainder = numerator % denominator;
  // Half up: a remainder of at least half the denominator rounds up (2r >= d, no division of d,
  // so odd denominators are exact too).
  return 2 * remainder >= denominator ? quotient + 1 : quotient;
}

int RegionalFactorPermille(const PriceList& list, std::string_view country_id) {
  for (const auto& f : list.regional_factors)
    if (f.country_id == country_id) return f.factor_permille;
  return 1000;
}

int ArrangementFactorPermille(const PriceList& list, std::string_view organization_class) {
  if (organization_class.empty()) return 1000;
  for (const auto& a : list.arrangements)
    if (a.organization_class == organization_class) return a.factor_permille;
  return 1000;
}

Result<int64_t> LinePriceMinor(const PriceList& list, std::string_view service_code,
                               std::string_view country_id, std::string_view organization_class,
                               int64_t quantity) {
  if (list.status != "published")
    return Unprocessable("price_list_unpublished",
                         "price list " + list.id + " is " + (list.status.empty() ? "not published" : list.status) +
                             ": only a published price list prices a line");
  const records::PriceItem* item = nullptr;
  for (const auto& i : list.items)
    if (i.service_code == service_code) item = &i;
  if (!item)
    return Unprocessable("service_not_priced", "price list " + list.id + " has no price for service " +
                                                   std::string(service_code), "service_code");
  if (quantity < 0) return Unprocessable("quantity_negative", "quantity must not be negative", "quantity");
  if (item->unit_price_minor < 0)  // a validated list never has one; refuse rather than price it
    return Unprocessable("price_negative", "the list's unit price is negative", "service_code");
  const int regional = RegionalFactorPermille(list, country_id);
  const int arrangement = ArrangementFactorPermille(list, organization_class);
  if (regional < 0 || arrangement < 0)
    return Unprocessable("factor_out_of_range", "the list's factor is negative");
  // unit (< 2^63) × quantity (< 2^63) fits in 126 bits; check before multiplying by the factors.
  const __int128 base = static_cast<__int128>(item->unit_price_minor) * quantity;
  constexpr __int128 kMax = std::numeric_limits<int64_t>::max();
  const __int128 factors = static_cast<__int128>(regional) * arrangement;  // < 2^62
  // base × factors must fit in __int128 (< 2^127): base <= (2^127 - 1) / factors.
  const __int128 kInt128Max = (static_cast<__int128>(1) << 126) - 1 + (static_cast<__int128>(1) << 126);
  if (factors != 0 && base > kInt128Max / factors)
    return Unprocessable("price_overflow", "the line's price does not fit in 64-bit minor units", "quantity");
  const __int128 price = DivideRoundHalfUp(base * factors, 1000 * 1000);
  if (price > kMax)
    return Unprocessable("price_overflow", "the line's price does not fit in 64-bit minor units", "quantity");
  return static_cast<int64_t>(price);
}

Result<int64_t> LinePriceMinor(const PriceList& list, std::string_view service_code,
                               std::string_view country_id, int64_t quantity) {
  return LinePriceMinor(list, service_code, country_id, std::string_view{}, quantity);
}

}  // namespace srm::domain
