// The rules of the results chain and the universal price list (domain/catalog_rules.h), one row
// per rule outcome, and the version diff.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "domain/catalog_rules.h"

namespace srm::domain {
namespace {

using records::PriceList;
using records::SecurityService;

SecurityService GoodService() {
  SecurityService s;
  s.code = "SVC-CLR-01";
  s.name = "Security clearance processing";
  s.provider = "dss";
  s.unit = "per clearance";
  s.funding_source = "jointly_financed";
  return s;
}

TEST(CheckService, EveryRule) {
  struct Case {
    const char* name;
    std::function<void(SecurityService&)> change;
    const char* code;  // "" = accepted
    const char* field;
  };
  const std::vector<Case> cases = {
      {"good", [](SecurityService&) {}, "", ""},
      {"S1 lower case", [](SecurityService& s) { s.code = "svc-clr-01"; }, "service_code_invalid", "code"},
      {"S1 too short", [](SecurityService& s) { s.code = "SV"; }, "service_code_invalid", "code"},
      {"S1 double hyphen", [](SecurityService& s) { s.code = "SVC--1"; }, "service_code_invalid", "code"},
      {"S1 trailing hyphen", [](SecurityService& s) { s.code = "SVC-"; }, "service_code_invalid", "code"},
      {"S1 starts with a digit", [](SecurityService& s) { s.code = "1SVC"; }, "service_code_invalid", "code"},
      {"S1 33 characters", [](SecurityService& s) { s.code = std::string(33, 'A'); }, "service_code_invalid", "code"},
      {"S1 32 characters", [](SecurityService& s) { s.code = std::string(32, 'A'); }, "", ""},
      {"S2 blank name", [](SecurityService& s) { s.name = "  "; }, "service_name_required", "name"},
      {"S3 provider", [](SecurityService& s) { s.provider = "private_contractor"; }, "provider_invalid", "provider"},
      {"S3 agency", [](SecurityService& s) { s.provider = "agency"; }, "", ""},
      {"S3 joint", [](SecurityService& s) { s.provider = "joint"; }, "", ""},
      {"S4 unit", [](SecurityService& s) { s.unit = ""; }, "unit_required", "unit"},
      {"S5 funding", [](SecurityService& s) { s.funding_source = "donation"; }, "funding_source_invalid",
       "funding_source"},
      {"S5 programme budget", [](SecurityService& s) { s.funding_source = "programme_budget"; }, "", ""},
      {"S5 extrabudgetary", [](SecurityService& s) { s.funding_source = "extrabudgetary"; }, "", ""},
      {"S5 price list", [](SecurityService& s) { s.funding_source = "price_list"; }, "", ""},
  };
  for (const auto& c : cases) {
    SecurityService s = GoodService();
    c.change(s);
    auto r = CheckService(s);
    if (std::string(c.code).empty()) {
      EXPECT_TRUE(r.has_value()) << c.name << ": " << r.error().code;
    } else {
      ASSERT_FALSE(r.has_value()) << c.name;
      EXPECT_EQ(r.error().code, c.code) << c.name;
      EXPECT_EQ(r.error().field, c.field) << c.name;
      EXPECT_TRUE(r.error().unprocessable) << c.name;
    }
  }
}

PriceList GoodList() {
  PriceList l;
  l.year = 2027;
  l.currency = "USD";
  l.status = "draft";
  l.items = {{"SVC-CLR-01", 4500}, {"SVC-SRA-01", 1200000}};
  l.regional_factors = {{"cty_carana", 1150}};
  l.arrangements = {{"outside_core_framework", 1250, "review §35"}};
  return l;
}

TEST(CheckPriceList, EveryRule) {
  const std::set<std::string, std::less<>> catalog{"SVC-CLR-01", "SVC-SRA-01"};
  struct Case {
    const char* name;
    std::function<void(PriceList&)> change;
    const char* code;
    const char* field;
  };
  const std::vector<Case> cases = {
      {"good", [](PriceList&) {}, "", ""},
      {"empty list", [](PriceList& l) { l.items.clear(); l.regional_factors.clear(); l.arrangements.clear(); }, "", ""},
      {"P1 1999", [](PriceList& l) { l.year = 1999; }, "year_out_of_range", "year"},
      {"P1 2000", [](PriceList& l) { l.year = 2000; }, "", ""},
      {"P1 2100", [](PriceList& l) { l.year = 2100; }, "", ""},
      {"P1 2101", [](PriceList& l) { l.year = 2101; }, "year_out_of_range", "year"},
      {"P2 lower case", [](PriceList& l) { l.currency = "usd"; }, "currency_invalid", "currency"},
      {"P2 four letters", [](PriceList& l) { l.currency = "USDX"; }, "currency_invalid", "currency"},
      {"P2 digits", [](PriceList& l) { l.currency = "840"; }, "currency_invalid", "currency"},
      {"P3 unknown service", [](PriceList& l) { l.items[1].service_code = "SVC-NOPE"; }, "service_unknown",
       "items[1].service_code"},
      {"P4 negative", [](PriceList& l) { l.items[0].unit_price_minor = -1; }, "price_negative",
       "items[0].unit_price_minor"},
      {"P4 zero is a price", [](PriceList& l) { l.items[0].unit_price_minor = 0; }, "", ""},
      {"P4 10^12", [](PriceList& l) { l.items[0].unit_price_minor = 1'000'000'000'000; }, "", ""},
      {"P4 above 10^12", [](PriceList& l) { l.items[0].unit_price_minor = 1'000'000'000'001; }, "price_too_large",
       "items[0].unit_price_minor"},
      {"P5 duplicate", [](PriceList& l) { l.items.push_back({"SVC-CLR-01", 1}); }, "item_duplicate",
       "items[2].service_code"},
      {"P6 zero factor", [](PriceList& l) { l.regional_factors[0].factor_permille = 0; }, "factor_out_of_range",
       "regional_factors[0].factor_permille"},
      {"P6 factor 10.001", [](PriceList& l) { l.regional_factors[0].factor_permille = 10001; },
       "factor_out_of_range", "regional_factors[0].factor_permille"},
      {"P6 factor 10", [](PriceList& l) { l.regional_factors[0].factor_permille = 10000; }, "", ""},
      {"P6 no country", [](PriceList& l) { l.regional_factors[0].country_id = ""; }, "country_required",
       "regional_factors[0].country_id"},
      {"P6 duplicate country", [](PriceList& l) { l.regional_factors.push_back({"cty_carana", 900}); },
       "regional_factor_duplicate", "regional_factors[1].country_id"},
      {"P7 class shape", [](PriceList& l) { l.arrangements[0].organization_class = "Outside Core"; },
       "organization_class_invalid", "arrangements[0].organization_class"},
      {"P7 negative factor", [](PriceList& l) { l.arrangements[0].factor_permille = -5; }, "factor_out_of_range",
       "arrangements[0].factor_permille"},
      {"P7 duplicate class", [](PriceList& l) { l.arrangements.push_back({"outside_core_framework", 1000, ""}); },
       "arrangement_duplicate", "arrangements[1].organization_class"},
      {"rules in order: year before currency", [](PriceList& l) { l.year = 1; l.currency = "x"; }, "year_out_of_range",
       "year"},
  };
  for (const auto& c : cases) {
    PriceList l = GoodList();
    c.change(l);
    auto r = CheckPriceList(l, catalog);
    if (std::string(c.code).empty()) {
      EXPECT_TRUE(r.has_value()) << c.name << ": " << r.error().code;
    } else {
      ASSERT_FALSE(r.has_value()) << c.name;
      EXPECT_EQ(r.error().code, c.code) << c.name;
      EXPECT_EQ(r.error().field, c.field) << c.name;
    }
  }
}

// D1, D2: nobody who drafted or edited a list publishes it; every other governance member may.
TEST(CheckPublisher, EveryOutcome) {
  PriceList l;
  l.drafted_by = {"u_gov", "gov"};
  struct Case {
    const char* name;
    std::vector<records::UserRef> edits;  // RecordEditor, in this order
    const char* publisher;
    const char* code;  // "" for published_by_another
  };
  const std::vector<Case> cases = {
      {"D1 drafter, never edited", {}, "u_gov", "separation_of_duties_draft"},
      {"D1 drafter who also edited", {{"u_gov", "gov"}}, "u_gov", "separation_of_duties_draft"},
      {"D2 editor", {{"u_gov2", "gov2"}}, "u_gov2", "separation_of_duties_edit"},
      {"D2 an earlier editor", {{"u_gov2", "gov2"}, {"u_gov3", "gov3"}}, "u_gov2", "separation_of_duties_edit"},
      {"another, list edited by others", {{"u_gov2", "gov2"}}, "u_gov3", ""},
      {"another, list never edited", {}, "u_gov2", ""},
      {"empty id is nobody's", {}, "", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    PriceList x = l;
    for (const auto& e : c.edits) RecordEditor(x, e);
    const Status st = CheckPublisher(x, c.publisher);
    if (*c.code == 0) {
      EXPECT_TRUE(st.has_value()) << st.error().code;
    } else {
      ASSERT_FALSE(st.has_value());
      EXPECT_EQ(st.error().code, c.code);
      EXPECT_EQ(st.error().kind, ErrorKind::kForbidden);
    }
  }
  // The drafter is not listed among the editors, and nobody twice.
  PriceList x = l;
  for (const auto& e : std::vector<records::UserRef>{{"u_gov", "gov"}, {"u_gov2", "gov2"}, {"u_gov2", "gov2"}})
    RecordEditor(x, e);
  ASSERT_EQ(x.editors.size(), 1u);
  EXPECT_EQ(x.editors[0].id, "u_gov2");
}

TEST(DiffPriceLists, AddedRemovedChangedInCodeOrder) {
  PriceList a = GoodList();
  a.items = {{"SVC-B", 100}, {"SVC-A", 50}, {"SVC-C", 7}};
  PriceList b = a;
  b.items = {{"SVC-D", 9}, {"SVC-A", 55}, {"SVC-C", 7}};
  b.regional_factors = {{"cty_carana", 1200}, {"cty_x", 900}};
  b.arrangements.clear();
  const auto d = DiffPriceLists(a, b);
  ASSERT_EQ(d.added.size(), 1u);
  EXPECT_EQ(d.added[0].service_code, "SVC-D");
  ASSERT_EQ(d.removed.size(), 1u);
  EXPECT_EQ(d.removed[0].service_code, "SVC-B");
  ASSERT_EQ(d.changed.size(), 1u);
  EXPECT_EQ(d.changed[0].service_code, "SVC-A");
  EXPECT_EQ(d.changed[0].from_minor, 50);
  EXPECT_EQ(d.changed[0].to_minor, 55);
  ASSERT_EQ(d.factors_changed.size(), 1u);
  EXPECT_EQ(d.factors_changed[0].factor_permille, 1200);
  ASSERT_EQ(d.factors_added.size(), 1u);
  EXPECT_EQ(d.factors_added[0].country_id, "cty_x");
  EXPECT_TRUE(d.factors_removed.empty());
  ASSERT_EQ(d.arrangements_removed.size(), 1u);
  const auto same = DiffPriceLists(a, a);
  EXPECT_TRUE(same.added.empty() && same.removed.empty() && same.changed.empty());
}

}  // namespace
}  // namespace srm::domain
