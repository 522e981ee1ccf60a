// SRM-METHOD.md §7 apportionment, steps 1-5. Every expected figure below was computed by hand; the
// arithmetic is in the comment beside each case.
#include "domain/apportionment.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

namespace srm::domain {
namespace {

struct Expected {
  std::string org;
  int64_t amount;
  std::string basis;
};

struct Case {
  const char* name;
  int64_t total;
  std::vector<ApportionmentInput> orgs;
  std::vector<Expected> shares;            // in organization id order
  std::vector<std::string> units;          // who got each leftover unit, in order
  std::vector<std::string> excluded = {};
  ApportionmentRules rules = {};
};

ApportionmentInput Org(std::string id, int64_t h, std::optional<Fraction> last = std::nullopt) {
  return {std::move(id), h, last};
}

const std::vector<Case>& Cases() {
  static const std::vector<Case> cases = {
      // The worked example of §7: 1,000,001 / 3 = 333,333 2/3 each; 3 × 333,333 = 999,999, two
      // units left, all remainders 2/3 (a tie) -> the two lowest ids.
      {"worked_example", 1'000'001, {Org("org_a", 10), Org("org_b", 10), Org("org_c", 10)},
       {{"org_a", 333'334, "headcount"}, {"org_b", 333'334, "headcount"}, {"org_c", 333'333, "headcount"}},
       {"org_a", "org_b"}},
      // 1 minor unit among three: 1/3 each, floors 0, one unit left -> the lowest id.
      {"one_unit_three_orgs", 1, {Org("org_c", 5), Org("org_a", 5), Org("org_b", 5)},
       {{"org_a", 1, "headcount"}, {"org_b", 0, "headcount"}, {"org_c", 0, "headcount"}},
       {"org_a"}},
      // A prime total, 101, headcounts 1:2:4 (H = 7): 101/7 = 14 3/7, 202/7 = 28 6/7,
      // 404/7 = 57 5/7; floors 99, two units left -> remainders 6/7 (org_b), 5/7 (org_c).
      {"prime_total", 101, {Org("org_a", 1), Org("org_b", 2), Org("org_c", 4)},
       {{"org_a", 14, "headcount"}, {"org_b", 29, "headcount"}, {"org_c", 58, "headcount"}},
       {"org_b", "org_c"}},
      // Headcount 0: not present, no share. 1000 × 3/4 = 750, 1000 × 1/4 = 250.
      {"zero_headcount_excluded", 1000, {Org("org_a", 0), Org("org_b", 3), Org("org_c", 1)},
       {{"org_b", 750, "headcount"}, {"org_c", 250, "headcount"}},
       {}, {"org_a"}},
      // The minimum binds: org_a 1/1000 = 0.1% < 0.5% -> 1/200 of 10,000 = 50; org_b keeps 199/200 = 9,950.
      {"minimum_binds", 10'000, {Org("org_a", 1), Org("org_b", 999)},
       {{"org_a", 50, "minimum"}, {"org_b", 9'950, "headcount"}}, {}},
      // The minimum's cost taken in proportion to headcount: org_a -> 1/200 (500 of 100,000); the
      // rest 199/200 split 300:699 -> org_b 199/200 × 300/999 = 199/666 -> 29,879 293/333;
      // org_c 199/200 × 699/999 = 46,367/66,600 -> 69,620 40/333. Floors 99,999: one unit, to org_b.
      {"minimum_cost_shared_by_headcount", 100'000, {Org("org_a", 1), Org("org_b", 300), Org("org_c", 699)},
       {{"org_a", 500, "minimum"}, {"org_b", 29'880, "headcount"}, {"org_c", 69'620, "headcount"}},
       {"org_b"}},
      // The slow decrease binds: org_a's headcount says 1/10, last year it had 1/5, so it keeps at
      // least (1 - 1/4) × 1/5 = 3/20 -> 15,000 of 100,000; org_b 17/20 = 85,000.
      {"slow_decrease_binds", 100'000, {Org("org_a", 1, Fraction{1, 5}), Org("org_b", 9)},
       {{"org_a", 15'000, "slow_decrease"}, {"org_b", 85'000, "headcount"}}, {}},
      // Both bind: org_a 1/1000 -> minimum 1/200; org_b 1/100 but last year 2/5 -> 3/10; org_c the
      // rest 1 - 1/200 - 3/10 = 139/200. T = 1,000,003: 5,000 3/200; 300,000 9/10; 695,002 17/200;
      // floors 1,000,002, one unit -> org_b (9/10).
      {"minimum_and_slow_decrease_bind", 1'000'003,
       {Org("org_a", 1), Org("org_b", 10, Fraction{2, 5}), Org("org_c", 989)},
       {{"org_a", 5'000, "minimum"}, {"org_b", 300'001, "slow_decrease"}, {"org_c", 695'002, "headcount"}},
       {"org_b"}},
      // Iterate until stable: round 1 pins org_b at (3/4)(4/5) = 3/5; org_a's 6/1000 = 0.6% is
      // above the minimum, but round 2 gives it 2/5 × 6/996 = 0.24%: pinned at 1/200; round 3 is
      // stable. 200,000 -> 1,000 / 120,000 / 79,000 (org_c 1 - 3/5 - 1/200 = 79/200).
      {"floor_binds_after_another_floor", 200'000,
       {Org("org_a", 6), Org("org_b", 4, Fraction{4, 5}), Org("org_c", 990)},
       {{"org_a", 1'000, "minimum"}, {"org_b", 120'000, "slow_decrease"}, {"org_c", 79'000, "headcount"}}, {}},
      // A configured minimum of 10% and slow decrease of 50%: org_a 1/20 -> 1/10 (100 of 1,000);
      // org_b last year 3/5 -> at least 3/10, its share 9/10 × 10/19 = 9/19 is above that; org_c
      // 9/10 × 9/19 = 81/190. 1000 × 9/19 = 473 13/19; 1000 × 81/190 = 426 6/19;
      // floors 999, one unit -> org_b (13/19).
      {"configured_rules", 1'000, {Org("org_a", 1), Org("org_b", 10, Fraction{3, 5}), Org("org_c", 9)},
       {{"org_a", 100, "minimum"}, {"org_b", 474, "headcount"}, {"org_c", 426, "headcount"}},
       {"org_b"}, {}, ApportionmentRules{Fraction{1, 10}, Fraction{1, 2}}},
      // Nothing to share: every present organization gets 0.
      {"zero_total", 0, {Org("org_a", 1), Org("org_b", 2)},
       {{"org_a", 0, "headcount"}, {"org_b", 0, "headcount"}}, {}},
  };
  return cases;
}

TEST(Apportionment, HandComputedCases) {
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    auto a = Apportion(c.total, c.orgs, c.rules);
    ASSERT_TRUE(a.has_value()) << a.error().code << ": " << a.error().message;
    ASSERT_EQ(a->shares.size(), c.shares.size());
    int64_t sum = 0;
    for (size_t i = 0; i < c.shares.size(); ++i) {
      EXPECT_EQ(a->shares[i].organization_id, c.shares[i].org);
      EXPECT_EQ(a->shares[i].amount_minor, c.shares[i].amount) << c.shares[i].org;
      EXPECT_EQ(a->shares[i].basis, c.shares[i].basis) << c.shares[i].org;
      sum += a->shares[i].amount_minor;
    }
    EXPECT_EQ(sum, c.total);
    std::vector<std::string> units;
    for (const LeftoverUnit& u : a->units) units.push_back(u.organization_id);
    EXPECT_EQ(units, c.units);
    std::vector<std::string> excluded;
    for (const auto& e : a->excluded) {
      excluded.push_back(e.organization_id);
      EXPECT_EQ(e.reason, "no_headcount");
    }
    EXPECT_EQ(excluded, c.excluded);
  }
}

TEST(Apportionment, WorkedExampleReportsTheTieAndTheExactShares) {
  auto a = Apportion(1'000'001, {Org("org_a", 1), Org("org_b", 1), Org("org_c", 1)});
  ASSERT_TRUE(a.has_value());
  ASSERT_EQ(a->units.size(), 2u);
  EXPECT_EQ(a->units[0].ordinal, 1);
  EXPECT_EQ(FractionText(a->units[0].remainder), "2/3");
  EXPECT_TRUE(a->units[0].tie_to_lower_id);  // org_c's remainder is also 2/3
  EXPECT_TRUE(a->units[1].tie_to_lower_id);
  EXPECT_EQ(FractionText(a->shares[2].exact_minor), "1000001/3");
  EXPECT_EQ(a->shares[2].floor_minor, 333'333);
  EXPECT_FALSE(a->shares[2].leftover_unit);
  EXPECT_EQ(FractionText(a->shares[0].fraction), "1/3");
}

TEST(Apportionment, UnitWithoutTieSaysSo) {
  // 101 among 1:2:4: org_b's 6/7 and org_c's 5/7 beat org_a's 3/7 outright.
  auto a = Apportion(101, {Org("org_a", 1), Org("org_b", 2), Org("org_c", 4)});
  ASSERT_TRUE(a.has_value());
  ASSERT_EQ(a->units.size(), 2u);
  EXPECT_FALSE(a->units[0].tie_to_lower_id);
  EXPECT_FALSE(a->units[1].tie_to_lower_id);
}

TEST(Apportionment, RoundsCountTheIterations) {
  const Case& c = Cases()[8];  // floor_binds_after_another_floor
  auto a = Apportion(c.total, c.orgs);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->rounds, 3);
}

TEST(Apportionment, Refusals) {
  struct Refusal {
    const char* name;
    int64_t total;
    std::vector<ApportionmentInput> orgs;
    std::string code;
    ApportionmentRules rules = {};
  };
  std::vector<ApportionmentInput> many;
  for (int i = 0; i < 201; ++i) many.push_back(Org("org_" + std::to_string(1000 + i), 1));
  const std::vector<Refusal> refusals = {
      {"nobody_present", 100, {Org("org_a", 0)}, "apportionment_no_organization"},
      // 201 × 1/200 > 1.
      {"minimum_floors_exceed", 100, many, "apportionment_floors_exceed_total"},
      // 3/4 × 1 + 3/4 × 2/5 = 21/20 > 1.
      {"slow_decrease_floors_exceed", 100, {Org("org_a", 1, Fraction{1, 1}), Org("org_b", 1, Fraction{2, 5})},
       "apportionment_floors_exceed_total"},
      {"negative_total", -1, {Org("org_a", 1)}, "apportionment_invalid"},
      {"negative_headcount", 1, {Org("org_a", -1)}, "apportionment_invalid"},
      {"listed_twice", 1, {Org("org_a", 1), Org("org_a", 2)}, "apportionment_invalid"},
      {"fraction_above_one", 1, {Org("org_a", 1, Fraction{3, 2})}, "apportionment_invalid"},
      {"rule_above_one", 1, {Org("org_a", 1)}, "apportionment_invalid", {Fraction{2, 1}, Fraction{1, 4}}},
  };
  for (const Refusal& r : refusals) {
    SCOPED_TRACE(r.name);
    auto a = Apportion(r.total, r.orgs, r.rules);
    ASSERT_FALSE(a.has_value());
    EXPECT_EQ(a.error().code, r.code);
    EXPECT_TRUE(a.error().unprocessable);
  }
}

TEST(Apportionment, LargestTotalsStayExact) {
  // INT64_MAX among three equal: 9,223,372,036,854,775,807 = 3 × 3,074,457,345,618,258,602 + 1.
  auto a = Apportion(INT64_MAX, {Org("org_a", 7), Org("org_b", 7), Org("org_c", 7)});
  ASSERT_TRUE(a.has_value()) << a.error().message;
  EXPECT_EQ(a->shares[0].amount_minor, 3'074'457'345'618'258'603);
  EXPECT_EQ(a->shares[1].amount_minor, 3'074'457'345'618'258'602);
  EXPECT_EQ(a->shares[2].amount_minor, 3'074'457'345'618'258'602);
}

// Property: over many random inputs the shares sum to T exactly, each is within one unit of its
// exact value, floors hold, headcount-based fractions keep the headcount ratio, and a refusal is
// only ever "the floors exceed the total".
TEST(Apportionment, RandomInputsAlwaysSumExactly) {
  std::mt19937_64 rng(20261130);
  int checked = 0;
  for (int iteration = 0; iteration < 3000; ++iteration) {
    const int n = 1 + static_cast<int>(rng() % 12);
    // Last year's fractions are its shares over its total: one denominator, as in a real budget.
    const int64_t last_total = 1 + static_cast<int64_t>(rng() % 10'000'000'000LL);
    std::vector<ApportionmentInput> orgs;
    bool anyone = false;
    for (int i = 0; i < n; ++i) {
      const int64_t h = rng() % 4 == 0 ? 0 : static_cast<int64_t>(rng() % 5000);
      anyone = anyone || h > 0;
      std::optional<Fraction> last;
      if (rng() % 2 == 0) {
        last = Fraction{static_cast<__int128>(rng() % (last_total / n + 1)), last_total};
      }
      orgs.push_back(Org("org_" + std::to_string(i), h, last));
    }
    const int64_t total = static_cast<int64_t>(rng() % 10'000'000'000LL);
    ApportionmentRules rules{Fraction{static_cast<__int128>(rng() % 20), 1000},
                             Fraction{static_cast<__int128>(rng() % 101), 100}};
    auto a = Apportion(total, orgs, rules);
    if (!a) {
      EXPECT_TRUE(a.error().code == "apportionment_floors_exceed_total" ||
                  (!anyone && a.error().code == "apportionment_no_organization"))
          << a.error().code;
      continue;
    }
    ++checked;
    int64_t sum = 0;
    std::map<std::string, int64_t> heads;
    for (const auto& o : orgs) heads[o.organization_id] = o.headcount;
    const ApportionedShare* reference = nullptr;
    for (const ApportionedShare& s : a->shares) {
      sum += s.amount_minor;
      EXPECT_GT(s.headcount, 0);
      // |amount - exact| < 1: amount is floor or floor + 1.
      EXPECT_EQ(s.amount_minor, s.floor_minor + (s.leftover_unit ? 1 : 0));
      EXPECT_TRUE(s.fraction.num >= 0);
      if (s.basis == "headcount") {
        if (reference != nullptr) {
          // f_i / h_i == f_j / h_j.
          EXPECT_TRUE(s.fraction.num * reference->fraction.den * reference->headcount ==
                      reference->fraction.num * s.fraction.den * s.headcount);
        }
        reference = &s;
      }
    }
    EXPECT_EQ(sum, total);
    EXPECT_LT(a->units.size(), std::max<size_t>(1, a->shares.size()));
    EXPECT_EQ(a->shares.size() + a->excluded.size(), orgs.size());
  }
  EXPECT_GT(checked, 1000);
}

}  // namespace
}  // namespace srm::domain
