// Issue 15, the local cost-shared security budget (SRM-METHOD.md §7), over real HTTP on the
// Carana demo data, on SQLite and (SRM_TEST_PG_URL) PostgreSQL:
//   - a line traces to an approved measure of the SRA in force, checked before anything else;
//   - lines are priced from the PUBLISHED price list of the budget's year, never a draft;
//   - the apportionment sums to the total exactly and agrees with domain/apportionment.h;
//   - drafted by the DSS security professional, endorsed by the SMT, approved by the DSS desk,
//     nobody doing two steps; every write audited;
//   - a finance officer sees the totals and its own organization's share, not the lines.
// Each test uses its own far-future year, so their budgets and price lists never meet.
#include <gtest/gtest.h>

#include <set>

#include "domain/apportionment.h"
#include "test_server.h"

namespace srm::testing {
namespace {


class BudgetApiTest : public SharedServerTest<BudgetApiTest> {
 protected:
  static json Grant(const std::string& role) { return json{{"role", role}, {"country_id", "cty_carana"}}; }

  // A price list of `year` written straight to the store (the price-list routes are catalog15's).
  static void PutPriceList(int year, const std::string& status, const std::string& currency = "USD") {
    domain::records::PriceList l;
    l.id = "pl_t" + std::to_string(year);
    l.year = year;
    l.currency = currency;
    l.version = 1;
    l.status = status;
    l.drafted_by = {"", "test"};
    if (status == "published") l.published_at = "2026-01-01T00:00:00.000Z";
    l.items = {{"SVC-GUARD", 123'457}, {"SVC-RADIO", 9'999}};
    l.regional_factors = {{"cty_carana", 1'150}};
    l.created_at = l.updated_at = "2026-01-01T00:00:00.000Z";
    store::WriteBatch batch;
    batch.records.push_back({store::AnyRecord(l), 0});
    auto st = S().app().store->Write(batch, {{"system", "test", "system", "price_list.put", "price_list", l.id, "", "", ""}});
    ASSERT_TRUE(st.has_value()) << st.error().message;
  }

  // The published Sanjar SRA (area_1) and the id of one of its measures; the demo's draft SRA.
  static std::pair<std::string, std::string> PublishedMeasure(int which = 0) {
    auto list = Get("/api/v1/sras?area_id=area_1&status=published", T("sp"));
    EXPECT_EQ(list.status, 200) << list.raw;
    const std::string id = list.body["items"][0]["id"];
    auto doc = Get("/api/v1/sras/" + id, T("sp"));
    std::vector<std::string> measures;
    for (const auto& sc : doc.body["scenarios"])
      for (const auto& m : sc["measures"]) measures.push_back(m["id"]);
    EXPECT_GT(measures.size(), static_cast<size_t>(which));
    return {id, measures.at(which)};
  }
  static std::string DraftSra() {
    auto list = Get("/api/v1/sras?area_id=area_5&status=draft", T("sp"));
    EXPECT_EQ(list.status, 200) << list.raw;
    return list.body["items"][0]["id"];
  }

  static std::string NewBudget(int year, const std::string& tok = "") {
    auto r = Post("/api/v1/budgets", json{{"country_id", "cty_carana"}, {"year", year}, {"currency", "USD"}},
                  tok.empty() ? T("sp") : tok);
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body.value("id", "");
  }
  static json Line(const std::string& sra, const std::string& measure, const std::string& code = "SVC-GUARD",
                   int64_t qty = 3) {
    return json{{"sra_id", sra},         {"measure_id", measure},
                {"service_code", code},  {"quantity", qty},
                {"funding_source", "jointly_financed"}, {"description", "Guards at the Sanjar compound"}};
  }
};

TEST_F(BudgetApiTest, ALineWithoutTraceIsRefusedAsSuchWhateverElseIsWrong) {
  PutPriceList(2091, "published");
  const std::string id = NewBudget(2091);
  const auto [sra, measure] = PublishedMeasure();
  const std::string lines = "/api/v1/budgets/" + id + "/lines";
  struct Case {
    const char* name;
    json body;
    const char* field;
  };
  const std::vector<Case> cases = {
      // No trace, and every other field wrong too: the trace is what is refused.
      {"no_trace_all_bad", json{{"quantity", "three"}, {"service_code", 5}, {"bogus", true}}, "sra_id"},
      {"trace_not_strings", json{{"sra_id", 42}, {"measure_id", json::array()}, {"quantity", -1}}, "sra_id"},
      {"unknown_sra", Line("sra_nowhere", measure, "NO-SUCH", -5), "sra_id"},
      {"draft_sra", Line(DraftSra(), measure, "NO-SUCH", 0), "sra_id"},
      {"unknown_measure", Line(sra, "msr_nowhere", "SVC-GUARD", 0), "measure_id"},
      {"missing_measure", json{{"sra_id", sra}, {"quantity", "x"}}, "measure_id"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto r = Post(lines, c.body, T("sp"));
    EXPECT_EQ(r.status, 422) << r.raw;
    EXPECT_EQ(r.Code(), "sra_trace_required");
    EXPECT_EQ(r.Field(), c.field);
  }
  // With the trace right, the other faults are reported.
  auto bad_qty = Post(lines, Line(sra, measure, "SVC-GUARD", 0), T("sp"));
  EXPECT_EQ(bad_qty.status, 422) << bad_qty.raw;
  EXPECT_EQ(bad_qty.Field(), "quantity");
  auto unknown_field = Post(lines, [&] { json b = Line(sra, measure); b["bogus"] = 1; return b; }(), T("sp"));
  EXPECT_EQ(unknown_field.status, 400) << unknown_field.raw;
  EXPECT_EQ(unknown_field.Code(), "unknown_field");
  auto unpriced = Post(lines, Line(sra, measure, "SVC-NOT-LISTED"), T("sp"));
  EXPECT_EQ(unpriced.status, 422) << unpriced.raw;
  EXPECT_EQ(unpriced.Code(), "service_not_priced");
  auto bad_source = Post(lines, [&] { json b = Line(sra, measure); b["funding_source"] = "gift"; return b; }(), T("sp"));
  EXPECT_EQ(bad_source.Code(), "invalid_funding_source");
  // Nothing was added.
  EXPECT_EQ(Get("/api/v1/budgets/" + id, T("sp")).body["lines"].size(), 0u);
}

TEST_F(BudgetApiTest, LinesArePricedOnlyFromThePublishedListOfTheYear) {
  const auto [sra, measure] = PublishedMeasure();
  // No list at all for the year.
  const std::string none = NewBudget(2093);
  auto missing = Post("/api/v1/budgets/" + none + "/lines", Line(sra, measure), T("sp"));
  EXPECT_EQ(missing.status, 422) << missing.raw;
  EXPECT_EQ(missing.Code(), "price_list_missing");
  // Only a draft list: it prices nothing.
  PutPriceList(2092, "draft");
  const std::string id = NewBudget(2092);
  auto draft = Post("/api/v1/budgets/" + id + "/lines", Line(sra, measure), T("sp"));
  EXPECT_EQ(draft.status, 422) << draft.raw;
  EXPECT_EQ(draft.Code(), "price_list_unpublished");
  // A published list in another currency.
  PutPriceList(2094, "published", "EUR");
  const std::string eur = NewBudget(2094);
  auto mismatch = Post("/api/v1/budgets/" + eur + "/lines", Line(sra, measure), T("sp"));
  EXPECT_EQ(mismatch.Code(), "currency_mismatch");
}

TEST_F(BudgetApiTest, DraftEndorseApproveAndTheApportionmentSumsExactly) {
  PutPriceList(2095, "published");
  const std::string id = NewBudget(2095);
  const auto [sra, m0] = PublishedMeasure(0);
  const auto [sra1, m1] = PublishedMeasure(1);
  // 123,457 × 3 × 1.150 = 425,926.65 -> 425,927 (rounded once, half up).
  auto l1 = Post("/api/v1/budgets/" + id + "/lines", Line(sra, m0, "SVC-GUARD", 3), T("sp"));
  ASSERT_EQ(l1.status, 201) << l1.raw;
  const json& line = l1.body["lines"][0];
  EXPECT_EQ(line["unit_price_minor"], 123'457);
  EXPECT_EQ(line["regional_factor_permille"], 1'150);
  EXPECT_EQ(line["amount_minor"], 425'927);
  EXPECT_EQ(line["price_list_id"], "pl_t2095");
  // 9,999 × 7 × 1.150 = 80,491.95 -> 80,492.
  auto l2 = Post("/api/v1/budgets/" + id + "/lines", Line(sra1, m1, "SVC-RADIO", 7), T("sp"));
  ASSERT_EQ(l2.status, 201) << l2.raw;
  EXPECT_EQ(l2.body["total_minor"], 425'927 + 80'492);

  auto a = Get("/api/v1/budgets/" + id + "/apportionment", T("sp"));
  ASSERT_EQ(a.status, 200) << a.raw;
  EXPECT_EQ(a.body["total_minor"], 506'419);
  int64_t sum = 0;
  std::vector<domain::ApportionmentInput> in;
  for (const auto& s : a.body["shares"]) {
    sum += s["amount_minor"].get<int64_t>();
    in.push_back({s["organization_id"], s["headcount"], std::nullopt});
  }
  EXPECT_EQ(sum, 506'419);
  // The demo's registered personnel (international + national) in Carana: IOM 61, UNDP 33,
  // UNICEF 59, WFP 118; UNDSS has no programme, so it is not present.
  ASSERT_EQ(a.body["shares"].size(), 4u);
  EXPECT_EQ(a.body["shares"][0]["organization_id"], "org_iom");
  EXPECT_EQ(a.body["shares"][0]["headcount"], 61);
  EXPECT_EQ(a.body["shares"][3]["headcount"], 118);
  auto expected = domain::Apportion(506'419, in);
  ASSERT_TRUE(expected.has_value());
  for (size_t i = 0; i < expected->shares.size(); ++i)
    EXPECT_EQ(a.body["shares"][i]["amount_minor"], expected->shares[i].amount_minor);
  EXPECT_EQ(a.body["units"].size(), expected->units.size());
  EXPECT_FALSE(a.body["frozen"].get<bool>());

  // The workflow: the drafter cannot endorse (not SMT), the DSS desk cannot approve a draft.
  auto t = [&](const std::string& action, const std::string& tok) {
    return Post("/api/v1/budgets/" + id + "/transitions", json{{"action", action}, {"comment", "ok"}}, tok);
  };
  EXPECT_EQ(t("endorse", T("sp")).status, 403);
  EXPECT_EQ(t("endorse", T("finance")).status, 403);
  EXPECT_EQ(t("approve", T("dss")).status, 409);
  auto endorsed = t("endorse", T("smt"));
  ASSERT_EQ(endorsed.status, 200) << endorsed.raw;
  EXPECT_EQ(endorsed.body["status"], "endorsed");
  // No more lines once endorsed.
  EXPECT_EQ(Post("/api/v1/budgets/" + id + "/lines", Line(sra, m0), T("sp")).status, 409);
  EXPECT_EQ(t("approve", T("smt")).status, 403);
  auto approved = t("approve", T("dss"));
  ASSERT_EQ(approved.status, 200) << approved.raw;
  EXPECT_EQ(approved.body["status"], "approved");
  EXPECT_EQ(approved.body["approved_shares"].size(), 4u);
  auto frozen = Get("/api/v1/budgets/" + id + "/apportionment", T("auditor"));
  EXPECT_TRUE(frozen.body["frozen"].get<bool>());
  EXPECT_EQ(frozen.body["shares"], a.body["shares"]);

  // Every write is in the audit chain, and the chain verifies.
  auto audit = Get("/api/v1/audit?object_id=" + id, T("auditor"));
  ASSERT_EQ(audit.status, 200) << audit.raw;
  std::vector<std::string> actions;
  for (const auto& e : audit.body["items"]) actions.push_back(e["action"]);
  std::sort(actions.begin(), actions.end());
  EXPECT_EQ(actions, (std::vector<std::string>{"budget.approve", "budget.create", "budget.endorse", "budget.line.add",
                                               "budget.line.add"}));
  EXPECT_EQ(Get("/api/v1/audit/verify", T("auditor")).status, 200);

  // Next year's budget reads this year's approved fractions for the slow decrease.
  PutPriceList(2096, "published");
  const std::string next = NewBudget(2096);
  ASSERT_EQ(Post("/api/v1/budgets/" + next + "/lines", Line(sra, m0, "SVC-GUARD", 1), T("sp")).status, 201);
  auto na = Get("/api/v1/budgets/" + next + "/apportionment", T("sp"));
  ASSERT_EQ(na.status, 200) << na.raw;
  for (const auto& s : na.body["shares"]) EXPECT_TRUE(s["last_year_fraction"].is_string()) << s.dump();
}

TEST_F(BudgetApiTest, NobodyPerformsTwoSteps) {
  PutPriceList(2097, "published");
  // One person holding every role: may draft, but then neither endorse nor approve.
  const std::string all = NewUser("budget_all_roles", "org_dss",
                                  json::array({Grant("security_professional"), Grant("smt"), Grant("dss_desk")}));
  const std::string id = NewBudget(2097, all);
  const auto [sra, measure] = PublishedMeasure();
  ASSERT_EQ(Post("/api/v1/budgets/" + id + "/lines", Line(sra, measure), all).status, 201);
  auto t = [&](const std::string& action, const std::string& tok) {
    return Post("/api/v1/budgets/" + id + "/transitions", json{{"action", action}}, tok);
  };
  auto own = t("endorse", all);
  EXPECT_EQ(own.status, 403) << own.raw;
  EXPECT_EQ(own.Code(), "separation_of_duties");
  // An endorser who is also on the desk may not approve what they endorsed.
  const std::string both = NewUser("budget_smt_desk", "org_undp", json::array({Grant("smt"), Grant("dss_desk")}));
  ASSERT_EQ(t("endorse", both).status, 200);
  auto twice = t("approve", both);
  EXPECT_EQ(twice.status, 403) << twice.raw;
  EXPECT_EQ(twice.Code(), "separation_of_duties");
  EXPECT_EQ(t("approve", T("dss")).status, 200);
  EXPECT_EQ(t("publish", T("dss")).Code(), "invalid_action");
}

TEST_F(BudgetApiTest, WhoMayDraftAndReadAndAnotherOrganizationsFigures) {
  PutPriceList(2098, "published");
  // Only the DSS security professional of the country drafts.
  for (const char* who : {"finance", "smt", "cell", "hq", "exec", "dss", "auditor"}) {
    SCOPED_TRACE(who);
    auto r = Post("/api/v1/budgets", json{{"country_id", "cty_carana"}, {"year", 2098}, {"currency", "USD"}}, T(who));
    EXPECT_EQ(r.status, 403) << r.raw;
  }
  const std::string agency_sp = NewUser("budget_iom_sp", "org_iom", json::array({Grant("security_professional")}));
  auto agency = Post("/api/v1/budgets", json{{"country_id", "cty_carana"}, {"year", 2098}, {"currency", "USD"}}, agency_sp);
  EXPECT_EQ(agency.status, 403);
  EXPECT_EQ(agency.Code(), "budget_drafted_by_dss");
  const std::string id = NewBudget(2098);
  auto dup = Post("/api/v1/budgets", json{{"country_id", "cty_carana"}, {"year", 2098}, {"currency", "USD"}}, T("sp"));
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(dup.Code(), "budget_exists");
  const auto [sra, measure] = PublishedMeasure();
  ASSERT_EQ(Post("/api/v1/budgets/" + id + "/lines", Line(sra, measure), T("sp")).status, 201);
  // Other people do not add lines.
  for (const char* who : {"cell", "smt", "finance", "dss"})
    EXPECT_EQ(Post("/api/v1/budgets/" + id + "/lines", Line(sra, measure), T(who)).status, 403) << who;
  EXPECT_EQ(Post("/api/v1/budgets/" + id + "/lines", Line(sra, measure), agency_sp).Code(), "budget_drafted_by_dss");

  // WFP's finance officer: the totals and WFP's share, not the lines nor other organizations'.
  auto fin = Get("/api/v1/budgets/" + id, T("finance"));
  ASSERT_EQ(fin.status, 200) << fin.raw;
  EXPECT_EQ(fin.body["view"], "organization");
  EXPECT_FALSE(fin.body.contains("lines"));
  EXPECT_FALSE(fin.body.contains("history"));
  EXPECT_EQ(fin.body["total_minor"], 425'927);
  EXPECT_EQ(fin.body["line_count"], 1);
  EXPECT_EQ(fin.body["totals_by_service"][0]["service_code"], "SVC-GUARD");
  ASSERT_EQ(fin.body["headcounts"].size(), 1u);
  EXPECT_EQ(fin.body["headcounts"][0]["organization_id"], "org_wfp");
  EXPECT_EQ(fin.raw.find("Guards at the Sanjar compound"), std::string::npos);
  EXPECT_EQ(fin.raw.find("org_unicef"), std::string::npos);
  auto fa = Get("/api/v1/budgets/" + id + "/apportionment", T("finance"));
  ASSERT_EQ(fa.status, 200) << fa.raw;
  ASSERT_EQ(fa.body["shares"].size(), 1u);
  EXPECT_EQ(fa.body["shares"][0]["organization_id"], "org_wfp");
  EXPECT_EQ(fa.body["total_minor"], 425'927);
  EXPECT_EQ(fa.raw.find("org_unicef"), std::string::npos);
  // UNICEF's finance officer sees UNICEF's share, not WFP's.
  const std::string unicef = NewUser("budget_unicef_fin", "org_unicef", json::array({Grant("finance")}));
  auto ua = Get("/api/v1/budgets/" + id + "/apportionment", unicef);
  ASSERT_EQ(ua.status, 200) << ua.raw;
  ASSERT_EQ(ua.body["shares"].size(), 1u);
  EXPECT_EQ(ua.body["shares"][0]["organization_id"], "org_unicef");
  // The full readers see every line and share.
  auto cell = Get("/api/v1/budgets/" + id, T("cell"));
  EXPECT_EQ(cell.body["view"], "full");
  EXPECT_EQ(cell.body["lines"].size(), 1u);
  EXPECT_EQ(Get("/api/v1/budgets/" + id + "/apportionment", T("smt")).body["shares"].size(), 4u);
  // Somebody else's country, or no budget role: nothing.
  const std::string elsewhere = NewUser("budget_fin_elsewhere", "org_wfp",
                                        json::array({json{{"role", "finance"}, {"area_id", "area_1"}}}));
  EXPECT_EQ(Get("/api/v1/budgets/" + id, elsewhere).status, 403);
  const std::string traveller = NewUser("budget_traveller", "org_wfp", json::array());
  EXPECT_EQ(Get("/api/v1/budgets/" + id, traveller).status, 403);
  EXPECT_EQ(Get("/api/v1/budgets/" + id + "/apportionment", traveller).status, 403);
  EXPECT_EQ(Get("/api/v1/budgets/" + id, T("hq")).status, 403);
  // Lists: the finance officer's list holds it; a traveller's is empty.
  auto fl = Get("/api/v1/budgets?country_id=cty_carana&year=2098", T("finance"));
  ASSERT_EQ(fl.status, 200) << fl.raw;
  EXPECT_EQ(fl.body["total"], 1);
  EXPECT_EQ(Get("/api/v1/budgets", traveller).body["total"], 0);
}

TEST_F(BudgetApiTest, UnknownIdsAndBadBytes) {
  EXPECT_EQ(Get("/api/v1/budgets/bud_nowhere", T("sp")).status, 404);
  EXPECT_EQ(Get("/api/v1/budgets/..%2F..%2Fetc", T("sp")).status, 404);
  EXPECT_EQ(Get("/api/v1/budgets/bud_nowhere/apportionment", T("sp")).status, 404);
  EXPECT_EQ(Post("/api/v1/budgets/bud_nowhere/lines", Line("sra_x", "m"), T("sp")).status, 404);
  EXPECT_EQ(Post("/api/v1/budgets/bud_nowhere/transitions", json{{"action", "endorse"}}, T("smt")).status, 404);
  auto country = Post("/api/v1/budgets", json{{"country_id", "cty_nowhere"}, {"year", 2099}, {"currency", "USD"}}, T("sp"));
  EXPECT_EQ(country.status, 422);
  EXPECT_EQ(country.Code(), "unknown_country");
  struct Bad {
    const char* name;
    std::string body;
  };
  const std::vector<Bad> bad = {
      {"not_json", "{\"country_id\": \"cty_carana\", "},
      {"array", "[1,2]"},
      {"year_string", R"({"country_id":"cty_carana","year":"2099","currency":"USD"})"},
      {"year_fraction", R"({"country_id":"cty_carana","year":2099.5,"currency":"USD"})"},
      {"unknown_field", R"({"country_id":"cty_carana","year":2099,"currency":"USD","total":5})"},
      {"currency_long", R"({"country_id":"cty_carana","year":2099,"currency":"DOLLARS"})"},
      {"control_chars", "{\"country_id\":\"cty\\u0001\",\"year\":2099,\"currency\":\"USD\"}"},
      {"invalid_utf8", std::string("{\"country_id\":\"cty_\xff\",\"year\":2099,\"currency\":\"USD\"}")},
  };
  for (const Bad& b : bad) {
    SCOPED_TRACE(b.name);
    auto r = S().Call("POST", "/api/v1/budgets", b.body, TestServer::Auth(T("sp")));
    EXPECT_EQ(r.status, 400) << r.raw;
  }
  auto lower = Post("/api/v1/budgets", json{{"country_id", "cty_carana"}, {"year", 2099}, {"currency", "usd"}}, T("sp"));
  EXPECT_EQ(lower.status, 422);
  EXPECT_EQ(lower.Code(), "invalid_currency");
  auto bad_year = Get("/api/v1/budgets?year=20x9", T("sp"));
  EXPECT_EQ(bad_year.status, 400);
}

}  // namespace
}  // namespace srm::testing

namespace srm::testing {
namespace {

// Issue 15: the DSS desk, which would approve an endorsed budget, may return it to draft with its
// reason; its drafter may refresh the headcount basis while it is a draft. Both audited; nobody
// performs two steps of the decision. Last in the suite: it registers a programme in Carana.
TEST_F(BudgetApiTest, ReturnedToDraftWithAReasonAndTheHeadcountRefreshed) {
  PutPriceList(2089, "published");
  const std::string id = NewBudget(2089);
  const auto [sra, measure] = PublishedMeasure();
  ASSERT_EQ(Post("/api/v1/budgets/" + id + "/lines", Line(sra, measure), T("sp")).status, 201);
  auto t = [&](const std::string& action, const std::string& tok, const json& comment = "looks right") {
    json body{{"action", action}};
    if (!comment.is_null()) body["comment"] = comment;
    return Post("/api/v1/budgets/" + id + "/transitions", body, tok);
  };
  // A draft is not returned: it is already with its drafter.
  EXPECT_EQ(t("return", T("dss"), "why").Code(), "invalid_transition");
  ASSERT_EQ(t("endorse", T("smt")).status, 200);
  // Only the DSS desk returns, with a reason; the drafter and the endorser do not.
  EXPECT_EQ(t("return", T("smt"), "no").Code(), "dss_desk_required");
  EXPECT_EQ(t("return", T("sp"), "no").Code(), "dss_desk_required");
  EXPECT_EQ(t("return", T("finance"), "no").status, 403);
  EXPECT_EQ(t("return", T("dss"), nullptr).Code(), "reason_required");
  EXPECT_EQ(t("return", T("dss"), "   ").Code(), "reason_required");
  const std::string endorser_desk =
      NewUser("budget_smt_desk_2", "org_undp", json::array({Grant("smt"), Grant("dss_desk")}));
  // The headcount is refreshed in draft only.
  auto early = Post("/api/v1/budgets/" + id + "/headcount", json::object(), T("sp"));
  EXPECT_EQ(early.status, 409) << early.raw;
  EXPECT_EQ(early.Code(), "budget_not_draft");
  auto returned = t("return", T("dss"), "The guard line is priced twice; split it per compound");
  ASSERT_EQ(returned.status, 200) << returned.raw;
  EXPECT_EQ(returned.body["status"], "draft");
  EXPECT_TRUE(returned.body["endorsed_by"].is_null());
  EXPECT_TRUE(returned.body["endorsed_at"].is_null());
  const json& last = returned.body["history"].back();
  EXPECT_EQ(last["action"], "return");
  EXPECT_EQ(last["by"], "dss");
  EXPECT_EQ(last["role"], "dss_desk");
  EXPECT_EQ(last["comment"], "The guard line is priced twice; split it per compound");
  // Back in draft: its drafter adds lines again.
  ASSERT_EQ(Post("/api/v1/budgets/" + id + "/lines", Line(sra, measure, "SVC-RADIO", 2), T("sp")).status, 201);

  // Personnel registered since the budget was drafted: a UNDP programme of 1 + 4 in Sanjar.
  auto before = Get("/api/v1/budgets/" + id + "/apportionment", T("smt"));
  ASSERT_EQ(before.status, 200) << before.raw;
  int64_t undp_before = -1;
  for (const auto& s : before.body["shares"])
    if (s["organization_id"] == "org_undp") undp_before = s["headcount"];
  ASSERT_GE(undp_before, 0);
  auto prog = Post("/api/v1/programmes",
                   json{{"organization_id", "org_undp"}, {"area_id", "area_1"}, {"name", "Budget refresh test"},
                        {"activity", "Registering personnel"}, {"pc", 3}, {"international", 1}, {"national", 4},
                        {"on_mission", 0}},
                   T("smt"));
  ASSERT_EQ(prog.status, 201) << prog.raw;
  // Only its drafting DSS security professional refreshes it.
  for (const char* who : {"smt", "finance", "dss", "cell", "auditor"})
    EXPECT_EQ(Post("/api/v1/budgets/" + id + "/headcount", json::object(), T(who)).status, 403) << who;
  const std::string agency_sp = NewUser("budget_iom_sp_2", "org_iom", json::array({Grant("security_professional")}));
  EXPECT_EQ(Post("/api/v1/budgets/" + id + "/headcount", json::object(), agency_sp).Code(), "budget_drafted_by_dss");
  EXPECT_EQ(Post("/api/v1/budgets/" + id + "/headcount", json{{"reference_date", "2020-01-01"}}, T("sp")).Code(),
            "unknown_field");
  EXPECT_EQ(Post("/api/v1/budgets/bud_nope/headcount", json::object(), T("sp")).status, 404);
  auto refreshed = Post("/api/v1/budgets/" + id + "/headcount", json::object(), T("sp"));
  ASSERT_EQ(refreshed.status, 200) << refreshed.raw;
  EXPECT_EQ(refreshed.body["history"].back()["action"], "refresh_headcount");
  auto after = Get("/api/v1/budgets/" + id + "/apportionment", T("smt"));
  int64_t undp_after = -1, sum = 0;
  for (const auto& s : after.body["shares"]) {
    if (s["organization_id"] == "org_undp") undp_after = s["headcount"];
    sum += s["amount_minor"].get<int64_t>();
  }
  EXPECT_EQ(undp_after, undp_before + 5);
  EXPECT_EQ(sum, after.body["total_minor"].get<int64_t>());

  // A DSS security professional who also sits on the SMT and refreshed it has drafted: no endorsing.
  const std::string sp_smt =
      NewUser("budget_sp_smt", "org_dss", json::array({Grant("security_professional"), Grant("smt")}));
  ASSERT_EQ(Post("/api/v1/budgets/" + id + "/headcount", json::object(), sp_smt).status, 200);
  auto drafter = t("endorse", sp_smt);
  EXPECT_EQ(drafter.status, 403) << drafter.raw;
  EXPECT_EQ(drafter.Code(), "separation_of_duties");
  // Endorsed again (the SMT), then approved by the desk member who returned it (the same step).
  ASSERT_EQ(t("endorse", endorser_desk).status, 200);
  EXPECT_EQ(t("return", endorser_desk, "mine").Code(), "separation_of_duties");  // the endorser
  auto approved = t("approve", T("dss"));
  ASSERT_EQ(approved.status, 200) << approved.raw;
  EXPECT_EQ(approved.body["status"], "approved");

  auto audit = Get("/api/v1/audit?object_id=" + id, T("auditor"));
  ASSERT_EQ(audit.status, 200) << audit.raw;
  std::multiset<std::string> actions;
  for (const auto& e : audit.body["items"]) actions.insert(e["action"].get<std::string>());
  EXPECT_EQ(actions.count("budget.return"), 1u);
  EXPECT_EQ(actions.count("budget.headcount.refresh"), 2u);
  EXPECT_EQ(actions.count("budget.endorse"), 2u);
  EXPECT_EQ(Get("/api/v1/audit/verify", T("auditor")).status, 200);
}

}  // namespace
}  // namespace srm::testing
