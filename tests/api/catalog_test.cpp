// Issue 15, the results chain and the universal price list (SRM-METHOD.md §8), over real HTTP on
// the Carana demo data, on SQLite and (SRM_TEST_PG_URL) PostgreSQL:
//   - everyone signed in reads the catalog and the published lists; drafts only the governance
//     group, administrators, auditors and finance officers;
//   - services are created or versioned by an administrator or the governance group;
//   - a draft is published by the governance group only, never by its drafter;
//   - a published list never changes (409 price_list_published): a new version with from_id;
//   - strict bodies: unknown fields and bad bytes are 400, the rules' refusals 422;
//   - the diff between two versions; every write in the audit chain.
// Each test drafts lists for a far-future year of its own, so they never meet the demo's.
#include <gtest/gtest.h>

#include "test_server.h"

namespace srm::testing {
namespace {


class CatalogApiTest : public SharedServerTest<CatalogApiTest> {
 protected:
  static const std::string& Gov() {
    static const std::string t = S().Login("gov");
    return t;
  }
  static const std::string& Gov2() {
    static const std::string t = S().Login("gov2");
    return t;
  }
  static json Draft(int year) {
    return json{{"year", year},
                {"currency", "USD"},
                {"note", "test list"},
                {"items", json::array({json{{"service_code", "SVC-CLR-01"}, {"unit_price_minor", 4500}},
                                       json{{"service_code", "SVC-TRN-01"}, {"unit_price_minor", 65000}},
                                       json{{"service_code", "SVC-TEL-01"}, {"unit_price_minor", 760000}}})},
                {"regional_factors", json::array({json{{"country_id", "cty_carana"}, {"factor_permille", 1150}}})},
                {"arrangements", json::array({json{{"organization_class", "outside_core_framework"},
                                                   {"factor_permille", 1250},
                                                   {"note", "review §35"}}})}};
  }
  static json NewDraft(int year, const std::string& tok) {
    auto r = Post("/api/v1/price-lists", Draft(year), tok);
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body;
  }
  static int AuditCount(const std::string& id) {
    auto a = Get("/api/v1/audit?object_id=" + id, T("auditor"));
    EXPECT_EQ(a.status, 200) << a.raw;
    return a.body.value("total", 0);
  }
};

TEST_F(CatalogApiTest, TheDemoCatalogAndBothYearsListsAreThereForEveryone) {
  auto services = Get("/api/v1/services?limit=500", T("smt"));
  ASSERT_EQ(services.status, 200) << services.raw;
  EXPECT_EQ(services.body["total"], 30);  // the current versions only
  std::set<std::string> providers;
  for (const auto& s : services.body["items"]) providers.insert(s["provider"].get<std::string>());
  EXPECT_EQ(providers, (std::set<std::string>{"agency", "dss", "joint"}));
  auto versions = Get("/api/v1/services?code=SVC-CLR-01&all_versions=true", T("finance"));
  ASSERT_EQ(versions.status, 200) << versions.raw;
  ASSERT_EQ(versions.body["total"], 2);
  for (const auto& v : versions.body["items"]) EXPECT_EQ(v["superseded"], v["version"] == 1) << v;
  // Published lists are read by everyone signed in; the draft in preparation is not listed for them.
  auto lists = Get("/api/v1/price-lists", T("smt"));
  ASSERT_EQ(lists.status, 200) << lists.raw;
  EXPECT_EQ(lists.body["total"], 2);
  for (const auto& l : lists.body["items"]) EXPECT_EQ(l["status"], "published");
  auto all = Get("/api/v1/price-lists?limit=100", T("finance"));
  EXPECT_GE(all.body["total"].get<int>(), 3);
  EXPECT_EQ(Get("/api/v1/price-lists?status=draft", T("smt")).body["total"], 0);
  auto one = Get("/api/v1/price-lists/" + lists.body["items"][0]["id"].get<std::string>(), T("smt"));
  ASSERT_EQ(one.status, 200) << one.raw;
  EXPECT_EQ(one.body["items"].size(), 30u);
  EXPECT_EQ(one.body["regional_factors"][0]["country_id"], "cty_carana");
  EXPECT_NE(one.body["published_by"]["username"], one.body["drafted_by"]["username"]);
  EXPECT_EQ(Get("/api/v1/price-lists", "").status, 401);
}

TEST_F(CatalogApiTest, OnlyAdministratorsAndTheGovernanceGroupChangeTheCatalogAndEachChangeIsAVersion) {
  const json svc{{"code", "SVC-TST-01"}, {"name", "Test service"}, {"provider", "joint"},
                 {"unit", "per test"}, {"funding_source", "price_list"}};
  EXPECT_EQ(Post("/api/v1/services", svc, T("sp")).Code(), "governance_required");
  EXPECT_EQ(Post("/api/v1/services", svc, T("finance")).status, 403);
  auto created = Post("/api/v1/services", svc, Gov());
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(created.body["version"], 1);
  json changed = svc;
  changed["name"] = "Test service, revised";
  auto v2 = Post("/api/v1/services", changed, T("admin"));
  ASSERT_EQ(v2.status, 201) << v2.raw;
  EXPECT_EQ(v2.body["version"], 2);
  auto both = Get("/api/v1/services?code=SVC-TST-01&all_versions=true", T("sp"));
  ASSERT_EQ(both.body["total"], 2);
  for (const auto& v : both.body["items"]) {  // the old version kept as it was, superseded
    EXPECT_EQ(v["superseded"], v["version"] == 1) << v;
    EXPECT_EQ(v["name"], v["version"] == 1 ? "Test service" : "Test service, revised") << v;
  }
  EXPECT_EQ(Get("/api/v1/services?code=SVC-TST-01", T("sp")).body["total"], 1);
  EXPECT_EQ(AuditCount(created.body["id"]), 1);
  EXPECT_EQ(AuditCount(v2.body["id"]), 1);
  // The rules' refusals (422) and the body's shape (400).
  json bad = svc;
  bad["provider"] = "private_company";  // never another provider (review §46, §48)
  EXPECT_EQ(Post("/api/v1/services", bad, Gov()).Code(), "provider_invalid");
  EXPECT_EQ(Post("/api/v1/services", bad, Gov()).status, 422);
  bad = svc;
  bad["code"] = "svc lower";
  EXPECT_EQ(Post("/api/v1/services", bad, Gov()).Code(), "service_code_invalid");
  bad = svc;
  bad["funding_source"] = "donations";
  EXPECT_EQ(Post("/api/v1/services", bad, Gov()).Code(), "funding_source_invalid");
  bad = svc;
  bad["opt_out"] = true;
  EXPECT_EQ(Post("/api/v1/services", bad, Gov()).Code(), "unknown_field");
  EXPECT_EQ(Post("/api/v1/services", bad, Gov()).status, 400);
  bad = svc;
  bad["name"] = std::string("bell\x07");
  EXPECT_EQ(Post("/api/v1/services", bad, Gov()).Code(), "invalid_text");
  auto bytes = S().Call("POST", "/api/v1/services", std::string("{\"code\":\"SVC-\xff\"}"), S().Auth(Gov()));
  EXPECT_EQ(bytes.status, 400) << bytes.raw;
}

TEST_F(CatalogApiTest, APublishedListNeverChangesAndANewVersionCopiesIt) {
  const json l = NewDraft(2091, Gov());
  const std::string id = l["id"];
  EXPECT_EQ(l["status"], "draft");
  EXPECT_EQ(l["version"], 1);
  // A draft is edited freely by the governance group (stale revisions refused).
  json edit = Draft(2091);
  edit.erase("year");
  edit["items"][0]["unit_price_minor"] = 4700;
  edit["revision"] = 99;
  EXPECT_EQ(Put("/api/v1/price-lists/" + id, edit, Gov()).Code(), "stale_revision");
  edit["revision"] = l["revision"];
  auto edited = Put("/api/v1/price-lists/" + id, edit, Gov());
  ASSERT_EQ(edited.status, 200) << edited.raw;
  EXPECT_EQ(edited.body["items"][0]["unit_price_minor"], 4700);
  auto published = Post("/api/v1/price-lists/" + id + "/publish", json::object(), Gov2());
  ASSERT_EQ(published.status, 200) << published.raw;
  EXPECT_EQ(published.body["status"], "published");
  EXPECT_EQ(published.body["published_by"]["username"], "gov2");
  // Never again: not edited, not re-published, by nobody.
  edit.erase("revision");
  for (const std::string& tok : {Gov(), Gov2(), T("admin")}) {
    auto again = Put("/api/v1/price-lists/" + id, edit, tok);
    EXPECT_EQ(again.status, 409) << again.raw;
    EXPECT_EQ(again.Code(), "price_list_published");
  }
  EXPECT_EQ(Post("/api/v1/price-lists/" + id + "/publish", json::object(), Gov()).Code(), "price_list_published");
  auto stored = Get("/api/v1/price-lists/" + id, T("smt"));
  EXPECT_EQ(stored.body["items"][0]["unit_price_minor"], 4700);
  EXPECT_EQ(stored.body["revision"], 3);
  // A change is a new version: a draft copy of the published list, version 2 of the year.
  auto copy = Post("/api/v1/price-lists", json{{"from_id", id}}, Gov2());
  ASSERT_EQ(copy.status, 201) << copy.raw;
  EXPECT_EQ(copy.body["version"], 2);
  EXPECT_EQ(copy.body["status"], "draft");
  EXPECT_EQ(copy.body["derived_from_id"], id);
  EXPECT_EQ(copy.body["items"], stored.body["items"]);
  EXPECT_EQ(Post("/api/v1/price-lists", json{{"from_id", "prl_nope"}}, Gov2()).Code(), "unknown_price_list");
  // Every write in the audit chain: create, update, publish.
  EXPECT_EQ(AuditCount(id), 3);
}

TEST_F(CatalogApiTest, TheGovernanceGroupPublishesNeverTheDrafter) {
  const std::string id = NewDraft(2092, Gov())["id"];
  const std::string path = "/api/v1/price-lists/" + id + "/publish";
  auto own = Post(path, json::object(), Gov());
  EXPECT_EQ(own.status, 403) << own.raw;
  EXPECT_EQ(own.Code(), "separation_of_duties_draft");
  // Not the administrator, finance, the DSS desk or the security professional either.
  for (const char* who : {"admin", "finance", "dss", "sp", "auditor"}) {
    auto r = Post(path, json::object(), T(who));
    EXPECT_EQ(r.status, 403) << who << ": " << r.raw;
    EXPECT_EQ(r.Code(), "governance_required") << who;
  }
  // A governance grant limited to one organization does not cover the universal list.
  const std::string scoped =
      NewUser("gov_wfp_only", "org_wfp", json::array({json{{"role", "governance"}, {"org_id", "org_wfp"}}}));
  ASSERT_FALSE(scoped.empty());
  EXPECT_EQ(Post(path, json::object(), scoped).Code(), "governance_required");
  EXPECT_EQ(Post("/api/v1/price-lists", Draft(2093), scoped).status, 403);
  EXPECT_EQ(Get("/api/v1/price-lists/" + id, T("sp")).status, 404);  // a draft is not theirs to read
  EXPECT_EQ(Get("/api/v1/price-lists/" + id, T("finance")).status, 200);
  EXPECT_EQ(Post(path, json{{"revision", 7}}, Gov2()).Code(), "stale_revision");
  EXPECT_EQ(Post(path, json{{"by", "gov2"}}, Gov2()).Code(), "unknown_field");
  EXPECT_EQ(Post(path, json::object(), Gov2()).status, 200);
  EXPECT_EQ(Post("/api/v1/price-lists/prl_missing/publish", json::object(), Gov2()).status, 404);
}

// Whoever edited a draft does not publish it either (D2 separation_of_duties_edit): a third member
// of the governance group does. The edit by an administrator counts as well.
TEST_F(CatalogApiTest, WhoeverEditedTheDraftDoesNotPublishIt) {
  const json l = NewDraft(2088, Gov());
  const std::string id = l["id"];
  EXPECT_EQ(l["editors"], json::array());
  json edit = Draft(2088);
  edit.erase("year");
  edit["items"][0]["unit_price_minor"] = 4600;
  auto edited = Put("/api/v1/price-lists/" + id, edit, Gov2());
  ASSERT_EQ(edited.status, 200) << edited.raw;
  ASSERT_EQ(edited.body["editors"].size(), 1u);
  EXPECT_EQ(edited.body["editors"][0]["username"], "gov2");
  // Edited twice: still listed once; the drafter's own edit does not list the drafter.
  ASSERT_EQ(Put("/api/v1/price-lists/" + id, edit, Gov2()).status, 200);
  auto by_drafter = Put("/api/v1/price-lists/" + id, edit, Gov());
  ASSERT_EQ(by_drafter.status, 200) << by_drafter.raw;
  EXPECT_EQ(by_drafter.body["editors"].size(), 1u);
  const std::string path = "/api/v1/price-lists/" + id + "/publish";
  auto editor = Post(path, json::object(), Gov2());
  EXPECT_EQ(editor.status, 403) << editor.raw;
  EXPECT_EQ(editor.Code(), "separation_of_duties_edit");
  EXPECT_EQ(Post(path, json::object(), Gov()).Code(), "separation_of_duties_draft");
  EXPECT_EQ(Get("/api/v1/price-lists/" + id, T("smt")).status, 404);  // still a draft nobody else reads
  // The list, as stored, remembers its editor (both stores round-trip the editors table).
  auto stored = Get("/api/v1/price-lists/" + id, Gov());
  ASSERT_EQ(stored.body["editors"].size(), 1u);
  EXPECT_EQ(stored.body["editors"][0]["username"], "gov2");
  // An administrator's edit makes the administrator an editor too (and an admin never publishes).
  ASSERT_EQ(Put("/api/v1/price-lists/" + id, edit, T("admin")).status, 200);
  const std::string gov3 = NewUser("gov3_publisher", "org_undp", json::array({json{{"role", "governance"}}}));
  ASSERT_FALSE(gov3.empty());
  auto published = Post(path, json::object(), gov3);
  ASSERT_EQ(published.status, 200) << published.raw;
  EXPECT_EQ(published.body["published_by"]["username"], "gov3_publisher");
  EXPECT_EQ(published.body["editors"].size(), 2u);
}

TEST_F(CatalogApiTest, WhoDraftsAndWhoReads) {
  // Another organization's users, whatever their role in the country, do not draft.
  for (const char* who : {"sp", "finance", "cell", "smt", "hq", "auditor"}) {
    auto r = Post("/api/v1/price-lists", Draft(2094), T(who));
    EXPECT_EQ(r.status, 403) << who << ": " << r.raw;
  }
  auto admin = Post("/api/v1/price-lists", Draft(2094), T("admin"));
  ASSERT_EQ(admin.status, 201) << admin.raw;
  // Finance reads drafts and published lists; others only what is published.
  EXPECT_EQ(Get("/api/v1/price-lists?year=2094", T("finance")).body["total"], 1);
  EXPECT_EQ(Get("/api/v1/price-lists?year=2094", T("smt")).body["total"], 0);
  EXPECT_EQ(Get("/api/v1/price-lists?year=2094&status=draft", T("auditor")).body["total"], 1);
  EXPECT_EQ(Get("/api/v1/price-lists?year=20x4", T("finance")).status, 400);
  EXPECT_EQ(Get("/api/v1/price-lists?status=final", T("finance")).status, 400);
}

TEST_F(CatalogApiTest, BadBodiesAreRefusedWithTheirCodes) {
  auto refuse = [&](json body, int status, const std::string& code, const std::string& field = "") {
    auto r = Post("/api/v1/price-lists", body, Gov());
    EXPECT_EQ(r.status, status) << body.dump() << " -> " << r.raw;
    EXPECT_EQ(r.Code(), code) << body.dump();
    if (!field.empty()) EXPECT_EQ(r.Field(), field) << r.raw;
  };
  json b = Draft(2095);
  b["items"][1]["service_code"] = "SVC-NOPE-99";
  refuse(b, 422, "service_unknown", "items[1].service_code");
  b = Draft(2095);
  b["items"][0]["unit_price_minor"] = -1;
  refuse(b, 422, "price_negative", "items[0].unit_price_minor");
  b = Draft(2095);
  b["items"][0]["unit_price_minor"] = 45.5;  // money is never a fraction
  refuse(b, 400, "invalid_type", "items[0].unit_price_minor");
  b = Draft(2095);
  b["items"][0]["unit_price_minor"] = 18446744073709551615ULL;
  refuse(b, 400, "out_of_range", "items[0].unit_price_minor");
  b = Draft(2095);
  b["items"].push_back(b["items"][0]);
  refuse(b, 422, "item_duplicate", "items[3].service_code");
  b = Draft(2095);
  b["currency"] = "usd";
  refuse(b, 422, "currency_invalid", "currency");
  b = Draft(2095);
  b["regional_factors"][0]["factor_permille"] = 0;
  refuse(b, 422, "factor_out_of_range", "regional_factors[0].factor_permille");
  b = Draft(2095);
  b["arrangements"][0]["factor_permille"] = 20000;
  refuse(b, 422, "factor_out_of_range", "arrangements[0].factor_permille");
  refuse(Draft(1999), 422, "year_out_of_range", "year");
  b = Draft(2095);
  b["status"] = "published";  // a list is never born published
  refuse(b, 400, "unknown_field", "status");
  b = Draft(2095);
  b["items"][0]["discount"] = 1;
  refuse(b, 400, "unknown_field", "items[0].discount");
  refuse(json{{"currency", "USD"}}, 400, "required", "year");
  refuse(json::array(), 400, "invalid_type");
  auto bytes = S().Call("POST", "/api/v1/price-lists", std::string("{\"year\":2095,\"currency\":\"U\xc3\x28\"}"),
                        S().Auth(Gov()));
  EXPECT_EQ(bytes.status, 400) << bytes.raw;
  // An edit may not move a list to another year.
  const std::string id = NewDraft(2095, Gov())["id"];
  auto moved = Put("/api/v1/price-lists/" + id, Draft(2096), Gov());
  EXPECT_EQ(moved.status, 400) << moved.raw;
  EXPECT_EQ(moved.Code(), "immutable_field");
  EXPECT_EQ(Get("/api/v1/price-lists?year=2095", Gov()).body["total"], 1);  // nothing else was written
}

TEST_F(CatalogApiTest, TheDiffBetweenTwoVersions) {
  const std::string v1 = NewDraft(2097, Gov())["id"];
  ASSERT_EQ(Post("/api/v1/price-lists/" + v1 + "/publish", json::object(), Gov2()).status, 200);
  auto copy = Post("/api/v1/price-lists", json{{"from_id", v1}}, Gov());
  ASSERT_EQ(copy.status, 201) << copy.raw;
  const std::string v2 = copy.body["id"];
  json edit = Draft(2097);
  edit.erase("year");
  edit["items"] = json::array({json{{"service_code", "SVC-CLR-01"}, {"unit_price_minor", 4500}},      // same
                               json{{"service_code", "SVC-TRN-01"}, {"unit_price_minor", 69900}},     // re-priced
                               json{{"service_code", "SVC-MOS-01"}, {"unit_price_minor", 95000}}});   // added
  edit["regional_factors"][0]["factor_permille"] = 1180;                                              // SVC-TEL-01 removed
  ASSERT_EQ(Put("/api/v1/price-lists/" + v2, edit, Gov()).status, 200);
  auto d = Get("/api/v1/price-lists/" + v2 + "/diff?against=" + v1, T("finance"));
  ASSERT_EQ(d.status, 200) << d.raw;
  EXPECT_EQ(d.body["added"], json::parse(R"([{"service_code":"SVC-MOS-01","unit_price_minor":95000}])"));
  EXPECT_EQ(d.body["removed"], json::parse(R"([{"service_code":"SVC-TEL-01","unit_price_minor":760000}])"));
  EXPECT_EQ(d.body["changed"],
            json::parse(R"([{"service_code":"SVC-TRN-01","from_minor":65000,"to_minor":69900}])"));
  EXPECT_EQ(d.body["regional_factors"]["changed"],
            json::parse(R"([{"country_id":"cty_carana","country_name":"Carana","factor_permille":1180}])"))
      << "named for the reader (api/reference_names.h)";
  EXPECT_TRUE(d.body["arrangements"]["added"].empty());
  // The other way round, added and removed swap.
  auto back = Get("/api/v1/price-lists/" + v1 + "/diff?against=" + v2, T("finance"));
  EXPECT_EQ(back.body["added"], d.body["removed"]);
  EXPECT_EQ(Get("/api/v1/price-lists/" + v2 + "/diff", T("finance")).Code(), "required");
  EXPECT_EQ(Get("/api/v1/price-lists/" + v2 + "/diff?against=prl_none", T("finance")).Code(), "unknown_price_list");
  // A reader of published lists only cannot diff against a draft.
  EXPECT_EQ(Get("/api/v1/price-lists/" + v1 + "/diff?against=" + v2, T("smt")).status, 422);
}

}  // namespace
}  // namespace srm::testing
