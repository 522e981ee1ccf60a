// Apportionment of the local cost-shared security budget (SRM-METHOD.md §7, steps 1-5), pure and
// exact: money in integer minor units, shares as exact fractions, no floating point anywhere.
//
//   1. T = the sum of the lines; the organizations present are those with headcount > 0 on the
//      budget's reference date (the others are listed in `excluded`, never given a share).
//   2. Each fraction of T starts at h / H.
//   3. Minimum: a fraction below m is raised to m.
//   4. Slow decrease: a fraction may fall by at most c of last year's fraction, i.e. it is at
//      least (1 - c) × last year's (organizations without a last-year fraction are exempt).
//   Both are floors; what a raised organization gains is taken from the others in proportion to
//   their headcount, and this repeats until no organization is below its floor (each round pins
//   at least one more organization, so it ends within n rounds).
//   5. Each exact share T × fraction is rounded down to a minor unit; the units left over go one
//      each to the largest fractional remainders, ties to the lower organization id (byte order).
//
// Reason codes (Error::code, all 422): apportionment_no_organization (T > 0 and nobody present),
// apportionment_floors_exceed_total (the floors add up to more than T), apportionment_overflow
// (an exact fraction outgrew 128 bits), apportionment_invalid (negative T or headcount, a rule
// outside [0, 1], a malformed last-year fraction, a duplicated organization).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace srm::domain {

// An exact non-negative fraction num / den (den > 0), kept in lowest terms by the operations.
struct Fraction {
  __int128 num = 0;
  __int128 den = 1;
  bool operator==(const Fraction&) const = default;
};
// "num/den" (or "num" when den is 1): how the report shows an exact value.
std::string FractionText(const Fraction& f);
// Decimal text of a 128-bit integer.
std::string Int128Text(__int128 v);

struct ApportionmentRules {
  Fraction minimum{1, 200};       // m: 0.5% of T (pack-configurable)
  Fraction max_decrease{1, 4};    // c: 25% of last year's fraction
};

struct ApportionmentInput {
  std::string organization_id;
  int64_t headcount = 0;
  // Last year's fraction of T (its approved share / its total); nullopt: exempt from step 4.
  std::optional<Fraction> last_year_fraction;
};

struct ApportionedShare {
  std::string organization_id;
  int64_t headcount = 0;
  int64_t amount_minor = 0;
  // headcount | minimum | slow_decrease: what set the fraction (a floor that binds names itself;
  // when both floors are equal and bind, "minimum").
  std::string basis;
  Fraction fraction;        // of T, exact
  Fraction exact_minor;     // T × fraction, exact
  int64_t floor_minor = 0;  // rounded down
  Fraction remainder;       // exact_minor - floor_minor, in [0, 1)
  bool leftover_unit = false;
};

// How one leftover unit was assigned (step 5), in the order they were handed out.
struct LeftoverUnit {
  int ordinal = 0;  // 1-based
  std::string organization_id;
  Fraction remainder;
  bool tie_to_lower_id = false;  // its remainder equals the next one's that got no unit
};

struct ExcludedOrganization {
  std::string organization_id;
  std::string reason;  // no_headcount
};

struct Apportionment {
  int64_t total_minor = 0;
  std::vector<ApportionedShare> shares;  // by organization id
  std::vector<LeftoverUnit> units;
  std::vector<ExcludedOrganization> excluded;
  int rounds = 0;  // how many times the floors were re-applied before the fractions were stable
};

Result<Apportionment> Apportion(int64_t total_minor, const std::vector<ApportionmentInput>& organizations,
                                const ApportionmentRules& rules = {});

}  // namespace srm::domain
