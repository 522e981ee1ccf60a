// Pricing a line from the universal price list (domain/pricing.h): exact integers, rounded once
// per line half up, refusals with their codes. Every expected figure is computed by hand in the
// comment beside it.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "domain/pricing.h"

namespace srm::domain {
namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

PriceList List(std::vector<records::PriceItem> items, std::vector<records::RegionalFactor> factors = {},
               std::vector<records::PriceArrangement> arrangements = {}, std::string status = "published") {
  PriceList l;
  l.id = "pl_test";
  l.year = 2027;
  l.currency = "USD";
  l.status = std::move(status);
  l.items = std::move(items);
  l.regional_factors = std::move(factors);
  l.arrangements = std::move(arrangements);
  return l;
}

TEST(DivideRoundHalfUp, HalvesGoUpEverythingElseToTheNearest) {
  EXPECT_EQ(DivideRoundHalfUp(5, 2), 3);    // 2.5 -> 3
  EXPECT_EQ(DivideRoundHalfUp(4, 2), 2);    // 2
  EXPECT_EQ(DivideRoundHalfUp(1, 3), 0);    // 0.33 -> 0
  EXPECT_EQ(DivideRoundHalfUp(2, 3), 1);    // 0.67 -> 1
  EXPECT_EQ(DivideRoundHalfUp(0, 7), 0);
  EXPECT_EQ(DivideRoundHalfUp(1499999, 1000000), 1);  // 1.499999 -> 1
  EXPECT_EQ(DivideRoundHalfUp(1500000, 1000000), 2);  // 1.5 -> 2
}

struct PriceCase {
  const char* name;
  int64_t unit;
  int64_t quantity;
  std::optional<int> regional;     // the Carana factor, none = not named (1000)
  std::optional<int> arrangement;  // the outside_core_framework factor, none = core buyer
  std::optional<int64_t> price;    // nullopt: refused with `code`
  const char* code;
};

TEST(LinePriceMinor, HandComputedFigures) {
  const std::vector<PriceCase> cases = {
      {"list price", 1000, 3, std::nullopt, std::nullopt, 3000, ""},
      {"zero quantity", 1000, 0, 1150, std::nullopt, 0, ""},
      {"factor 1.15, 12345 -> 14196.75 -> 14197", 12345, 1, 1150, std::nullopt, 14197, ""},
      {"exact half goes up: 1 x 1.5 = 1.5 -> 2", 1, 1, 1500, std::nullopt, 2, ""},
      {"exact half goes up: 1 x 2.5 = 2.5 -> 3", 1, 1, 2500, std::nullopt, 3, ""},
      {"just below half goes down: 1 x 1.499 -> 1", 1, 1, 1499, std::nullopt, 1, ""},
      {"5 x 1.1 = 5.5 -> 6", 5, 1, 1100, std::nullopt, 6, ""},
      {"3 x 1.166 = 3.498 -> 3", 3, 1, 1166, std::nullopt, 3, ""},
      {"rounded once, not per factor: 1 x 1.5 x 1.5 = 2.25 -> 2 (3 if rounded twice)", 1, 1, 1500, 1500, 2, ""},
      {"quantity before rounding: 3 x (1 x 1.5) = 4.5 -> 5 (6 if the unit were rounded)", 1, 3, 1500, std::nullopt, 5, ""},
      {"70007 x 1.15 x 1.25 = 100635.0625 -> 100635", 10001, 7, 1150, 1250, 100635, ""},
      {"factor below one: 999 x 0.85 = 849.15 -> 849", 999, 1, 850, std::nullopt, 849, ""},
      {"largest price that fits", kMax, 1, std::nullopt, std::nullopt, kMax, ""},
      {"one permille over the largest: overflow", kMax, 1, 1001, std::nullopt, std::nullopt, "price_overflow"},
      {"quantity 2 over the largest: overflow", kMax, 2, std::nullopt, std::nullopt, std::nullopt, "price_overflow"},
      {"beyond 128 bits before the factors: overflow, no wrap", kMax, kMax, 10000, 10000, std::nullopt,
       "price_overflow"},
      {"factor below one brings a huge base back in range: (2^62 x 2) x 0.5 = 2^62", int64_t{1} << 62, 2, 500,
       std::nullopt, int64_t{1} << 62, ""},
      {"negative quantity", 100, -1, std::nullopt, std::nullopt, std::nullopt, "quantity_negative"},
  };
  for (const auto& c : cases) {
    std::vector<records::RegionalFactor> factors{{"cty_other", 3000}};
    if (c.regional) factors.push_back({"cty_carana", *c.regional});
    std::vector<records::PriceArrangement> arrangements{{"core", 1000, ""}};
    if (c.arrangement) arrangements.push_back({"outside_core_framework", *c.arrangement, ""});
    const PriceList list = List({{"SVC-OTHER", 7}, {"SVC-X", c.unit}}, factors, arrangements);
    auto r = c.arrangement ? LinePriceMinor(list, "SVC-X", "cty_carana", "outside_core_framework", c.quantity)
                           : LinePriceMinor(list, "SVC-X", "cty_carana", c.quantity);
    if (c.price) {
      ASSERT_TRUE(r.has_value()) << c.name << ": " << r.error().code;
      EXPECT_EQ(*r, *c.price) << c.name;
    } else {
      ASSERT_FALSE(r.has_value()) << c.name << " priced " << *r;
      EXPECT_EQ(r.error().code, c.code) << c.name;
      EXPECT_TRUE(r.error().unprocessable) << c.name;
    }
  }
}

TEST(LinePriceMinor, AnUnnamedCountryOrClassPaysTheListPrice) {
  const PriceList list = List({{"SVC-X", 250}}, {{"cty_carana", 1200}}, {{"outside_core_framework", 1100, ""}});
  EXPECT_EQ(LinePriceMinor(list, "SVC-X", "cty_elsewhere", 4).value(), 1000);              // 250 x 4
  EXPECT_EQ(LinePriceMinor(list, "SVC-X", "cty_carana", 4).value(), 1200);                 // x 1.2
  EXPECT_EQ(LinePriceMinor(list, "SVC-X", "cty_carana", "core", 4).value(), 1200);         // class not named
  EXPECT_EQ(LinePriceMinor(list, "SVC-X", "cty_carana", "", 4).value(), 1200);             // no class
  EXPECT_EQ(LinePriceMinor(list, "SVC-X", "cty_carana", "outside_core_framework", 4).value(), 1320);  // 1000 x 1.2 x 1.1
  EXPECT_EQ(RegionalFactorPermille(list, "cty_elsewhere"), 1000);
  EXPECT_EQ(ArrangementFactorPermille(list, "outside_core_framework"), 1100);
}

TEST(LinePriceMinor, ADraftPricesNothingWhateverElseIsWrong) {
  for (const char* status : {"draft", "", "withdrawn"}) {
    const PriceList list = List({{"SVC-X", 100}}, {}, {}, status);
    auto ok_code = LinePriceMinor(list, "SVC-X", "cty_carana", 1);
    ASSERT_FALSE(ok_code.has_value()) << status;
    EXPECT_EQ(ok_code.error().code, "price_list_unpublished") << status;
    auto unknown = LinePriceMinor(list, "SVC-NOPE", "cty_carana", -1);
    ASSERT_FALSE(unknown.has_value());
    EXPECT_EQ(unknown.error().code, "price_list_unpublished") << "the status is checked first";
  }
}

TEST(LinePriceMinor, AServiceTheListDoesNotPriceIsRefused) {
  const PriceList list = List({{"SVC-X", 100}});
  auto r = LinePriceMinor(list, "SVC-Y", "cty_carana", 1);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, "service_not_priced");
  EXPECT_EQ(r.error().field, "service_code");
  auto e = LinePriceMinor(List({}), "SVC-X", "cty_carana", 1);
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error().code, "service_not_priced");
}

}  // namespace
}  // namespace srm::domain
