// Registering programmes and activities over real HTTP (issue 14: "registering programmes and
// activities is possible in the UI"; SRM-METHOD.md 7a), the activity list that also names the
// programmes without a decision yet, and each activity's PC assessment read with its page. Runs on
// whichever store the suite runs on (SQLite, or PostgreSQL with SRM_TEST_PG_URL).
//
// Demo facts used here: every area is in Carana (cty_carana); smt is UNDP's SMT member with a
// country-wide grant (UNDP's head in Carana); pclead is the RC/HC office (pc_lead, Carana);
// finance is WFP; cell is IOM's security cell; auditor reads everything and writes nothing.
#include <gtest/gtest.h>

#include "test_server.h"

namespace srm::testing {
namespace {

class ProgrammesTest : public SharedServerTest<ProgrammesTest> {
 protected:
  static HttpResult Get(const std::string& path, const std::string& user) { return S().Call("GET", path, json(), T(user)); }
  static HttpResult Post(const std::string& path, const json& body, const std::string& user) {
    return S().Call("POST", path, body, T(user));
  }
  static json Body(const std::string& org, const std::string& area, const std::string& name) {
    return {{"organization_id", org}, {"area_id", area}, {"name", name}, {"activity", "Activity of " + name},
            {"pc", 3}, {"international", 1}, {"national", 4}, {"on_mission", 0}};
  }
  static std::string NewUser(const std::string& name, const std::string& org) {
    auto u = Post("/api/v1/users",
                  {{"username", name}, {"password", "a-long-password-1"}, {"organization_id", org},
                   {"grants", json::array({{{"role", "smt"}, {"country_id", "cty_carana"}}})}},
                  "admin");
    EXPECT_EQ(u.status, 201) << u.raw;
    return u.body.value("id", "");
  }
  static const json* Find(const json& list, const char* key, const std::string& id) {
    for (const auto& it : list)
      if (it.value(key, "") == id) return &it;
    return nullptr;
  }
};

TEST_F(ProgrammesTest, TheOrganizationsHeadRegistersAProgrammeWithItsManagerAndItIsDecidedAtOnce) {
  const std::string manager = NewUser("undp_manager", "org_undp");
  json body = Body("org_undp", "area_2", "Local governance");
  body["manager_id"] = manager;
  auto r = Post("/api/v1/programmes", body, "smt");
  ASSERT_EQ(r.status, 201) << r.raw;
  const std::string id = r.body["programme"]["id"];
  EXPECT_EQ(r.body["programme"]["manager_id"], manager);
  EXPECT_EQ(r.body["programme"]["pc"], 3);
  EXPECT_EQ(r.body["decision"]["programme_id"], id);
  // In the programme list (with its manager) and on the Activities page at once.
  auto programmes = Get("/api/v1/programmes?area_id=area_2", "smt");
  const json* listed = Find(programmes.body["items"], "id", id);
  ASSERT_NE(listed, nullptr) << programmes.raw;
  EXPECT_EQ((*listed)["manager_id"], manager);
  auto activities = Get("/api/v1/activities?area_id=area_2&limit=500", "smt");
  ASSERT_EQ(activities.status, 200) << activities.raw;
  EXPECT_NE(Find(activities.body["items"], "programme_id", id), nullptr) << activities.raw;
  EXPECT_EQ(Find(activities.body["undecided"], "id", id), nullptr);
  // Without a manager too; the manager is then null.
  auto plain = Post("/api/v1/programmes", Body("org_undp", "area_2", "Justice"), "smt");
  ASSERT_EQ(plain.status, 201) << plain.raw;
  EXPECT_TRUE(plain.body["programme"]["manager_id"].is_null());
}

TEST_F(ProgrammesTest, TheWrongPersonAndAnotherOrganizationsIdsAreRefused) {
  // Not the organization's head nor the PC lead.
  for (const char* u : {"finance", "cell", "sp", "auditor"}) {
    auto r = Post("/api/v1/programmes", Body("org_undp", "area_3", "Not mine"), u);
    EXPECT_EQ(r.status, 403) << u << r.raw;
  }
  // UNDP's head does not register IOM's programmes.
  auto other_org = Post("/api/v1/programmes", Body("org_iom", "area_3", "IOM's"), "smt");
  EXPECT_EQ(other_org.status, 403) << other_org.raw;
  EXPECT_EQ(other_org.Code(), "programme_registrar_required");
  // The PC lead leads the country team's exercise: any organization's programme in its country.
  auto by_lead = Post("/api/v1/programmes", Body("org_iom", "area_3", "Registered by the PC lead"), "pclead");
  EXPECT_EQ(by_lead.status, 201) << by_lead.raw;
  // A manager from another organization, or nobody, is refused.
  const std::string iom_user = NewUser("iom_manager", "org_iom");
  json foreign = Body("org_undp", "area_3", "Foreign manager");
  foreign["manager_id"] = iom_user;
  auto f = Post("/api/v1/programmes", foreign, "smt");
  EXPECT_EQ(f.status, 422) << f.raw;
  EXPECT_EQ(f.Code(), "manager_other_organization");
  foreign["manager_id"] = "usr_nobody";
  EXPECT_EQ(Post("/api/v1/programmes", foreign, "smt").Code(), "manager_not_found");
  // Unknown area or organization; a PC outside 1-4; a missing name; an unknown field.
  EXPECT_EQ(Post("/api/v1/programmes", Body("org_undp", "area_nowhere", "x"), "smt").status, 404);
  EXPECT_EQ(Post("/api/v1/programmes", Body("org_nowhere", "area_3", "x"), "smt").status, 404);
  json bad_pc = Body("org_undp", "area_3", "x");
  bad_pc["pc"] = 5;
  EXPECT_EQ(Post("/api/v1/programmes", bad_pc, "smt").Code(), "invalid_pc");
  json no_name = Body("org_undp", "area_3", "x");
  no_name.erase("name");
  EXPECT_EQ(Post("/api/v1/programmes", no_name, "smt").status, 400);
  json extra = Body("org_undp", "area_3", "x");
  extra["owner"] = "me";
  EXPECT_EQ(Post("/api/v1/programmes", extra, "smt").status, 400);
  // None of the refused ones was registered.
  auto list = Get("/api/v1/programmes?area_id=area_3", "admin");
  for (const char* name : {"Not mine", "IOM's", "Foreign manager", "x"})
    EXPECT_EQ(Find(list.body["items"], "name", name), nullptr) << name;
}

TEST_F(ProgrammesTest, WhoRegistersAProgrammeChoosesItsManagerAmongTheOrganizationsUsers) {
  auto own = Get("/api/v1/programmes/managers?organization_id=org_undp", "smt");
  ASSERT_EQ(own.status, 200) << own.raw;
  EXPECT_NE(Find(own.body["items"], "username", "smt"), nullptr) << own.raw;
  EXPECT_EQ(Find(own.body["items"], "username", "cell"), nullptr) << own.raw;  // IOM's
  EXPECT_EQ(Get("/api/v1/programmes/managers?organization_id=org_iom", "smt").status, 403);
  EXPECT_EQ(Get("/api/v1/programmes/managers?organization_id=org_undp", "finance").status, 403);
  auto lead = Get("/api/v1/programmes/managers?organization_id=org_iom", "pclead");
  ASSERT_EQ(lead.status, 200) << lead.raw;
  EXPECT_NE(Find(lead.body["items"], "username", "cell"), nullptr) << lead.raw;
  EXPECT_EQ(Get("/api/v1/programmes/managers", "smt").status, 400);
}

TEST_F(ProgrammesTest, AProgrammeWithoutADecisionIsListedAsUndecidedInItsOrganizationsScope) {
  // Registered beforehand, in an area without a published SRA, never decided (like the demo's prg_8).
  ASSERT_TRUE(S().app().store->PutProgramme({"prg_undecided", "org_undp", "area_6", "Not decided", "Waiting", 2, 1, 3, 0},
                                            {"system", "test", "system", "programme.put", "programme", "prg_undecided",
                                             "", "", ""}));
  auto mine = Get("/api/v1/activities?area_id=area_6", "smt");
  ASSERT_EQ(mine.status, 200) << mine.raw;
  const json* u = Find(mine.body["undecided"], "id", "prg_undecided");
  ASSERT_NE(u, nullptr) << mine.raw;
  EXPECT_EQ((*u)["pc"], 2);
  EXPECT_TRUE((*u)["pc_assessment"].is_null());
  EXPECT_EQ(Find(mine.body["items"], "programme_id", "prg_undecided"), nullptr);
  // The PC lead reads every organization's activities in Carana; WFP's finance officer does not
  // read UNDP's.
  EXPECT_NE(Find(Get("/api/v1/activities?area_id=area_6", "pclead").body["undecided"], "id", "prg_undecided"), nullptr);
  EXPECT_EQ(Find(Get("/api/v1/activities?area_id=area_6", "finance").body["undecided"], "id", "prg_undecided"), nullptr);
  // Filtered by status, or on a later page, it is not repeated.
  EXPECT_EQ(Get("/api/v1/activities?area_id=area_6&status=pending", "smt").body["undecided"].size(), 0u);
  // Once assessed it is decided: in the items, with its assessment, no longer undecided.
  auto pca = Post("/api/v1/activities/prg_undecided/pc-assessment", {{"comment", "country team"}}, "pclead");
  ASSERT_EQ(pca.status, 201) << pca.raw;
  auto after = Get("/api/v1/activities?area_id=area_6", "smt");
  EXPECT_EQ(Find(after.body["undecided"], "id", "prg_undecided"), nullptr) << after.raw;
  const json* item = Find(after.body["items"], "programme_id", "prg_undecided");
  ASSERT_NE(item, nullptr) << after.raw;
  EXPECT_EQ((*item)["pc_assessment"]["recorded_by"], "pclead");
}

TEST_F(ProgrammesTest, EachActivityCarriesItsPcAssessmentSoTheCardsNeedNoRequestEach) {
  auto a = Post("/api/v1/programmes", Body("org_undp", "area_7", "Assessed"), "smt");
  auto b = Post("/api/v1/programmes", Body("org_undp", "area_7", "Not assessed"), "smt");
  ASSERT_EQ(a.status, 201) << a.raw;
  ASSERT_EQ(b.status, 201) << b.raw;
  const std::string assessed = a.body["programme"]["id"], plain = b.body["programme"]["id"];
  auto pca = Post("/api/v1/activities/" + assessed + "/pc-assessment", {{"pc", 1}, {"comment", "life-saving"}}, "pclead");
  ASSERT_EQ(pca.status, 201) << pca.raw;
  auto list = Get("/api/v1/activities?area_id=area_7&limit=500", "smt");
  ASSERT_EQ(list.status, 200) << list.raw;
  const json* with = Find(list.body["items"], "programme_id", assessed);
  const json* without = Find(list.body["items"], "programme_id", plain);
  ASSERT_NE(with, nullptr) << list.raw;
  ASSERT_NE(without, nullptr) << list.raw;
  // What the card shows, as the single GET answers it.
  auto single = Get("/api/v1/activities/" + assessed + "/pc-assessment", "smt");
  ASSERT_EQ(single.status, 200) << single.raw;
  EXPECT_EQ((*with)["pc_assessment"], single.body);
  EXPECT_EQ((*with)["pc_assessment"]["pc"], 1);
  EXPECT_EQ((*with)["pc_assessment"]["status"], "awaiting_confirmation");
  EXPECT_FALSE((*with)["pc_assessment"]["valid_until"].get<std::string>().empty());
  EXPECT_TRUE((*without)["pc_assessment"].is_null());
  // Another organization's reader sees neither the activities nor their assessments.
  auto finance = Get("/api/v1/activities?area_id=area_7&limit=500", "finance");
  EXPECT_EQ(Find(finance.body["items"], "programme_id", assessed), nullptr);
}

}  // namespace
}  // namespace srm::testing
