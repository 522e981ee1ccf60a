// Issue 18: the administration's users list searched, filtered and sorted on the server,
// over real HTTP on SQLite and (with SRM_TEST_PG_URL) PostgreSQL:
//   - q (username or display name, ASCII letters folded), organization_id, role (held in any grant)
//     and disabled each narrow to exactly their rows;
//   - each sort orders both ways, and a sorted list walked one row a page gives every row once, in
//     the order of the one-page answer;
//   - bad values and unknown parameters are refused with 400 and their reason code; only
//     administrators and auditors list users, filters or not.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "test_server.h"

namespace srm::testing {
namespace {

class UsersListTest : public SharedServerTest<UsersListTest> {
 protected:
  static void SetUpTestSuite() {
    SharedServerTest<UsersListTest>::SetUpTestSuite();
    // Three users the filters tell apart; "flt" is in no demo username.
    const auto make = [](const std::string& name, const std::string& display, const std::string& org, const json& grants) {
      auto u = Post("/api/v1/users",
                    json{{"username", name}, {"password", kPassword}, {"display_name", display},
                         {"organization_id", org}, {"grants", grants}},
                    T("admin"));
      EXPECT_EQ(u.status, 201) << u.raw;
      return u.body.value("id", "");
    };
    make("flt_alpha", "Zed Filteralpha", "org_wfp", json::array({{{"role", "finance"}}}));
    const std::string beta = make("flt_beta", "Ann Filterbeta", "org_undp", json::array({{{"role", "auditor"}}}));
    make("flt_gamma", "Mia Filtergamma", "org_wfp",
         json::array({{{"role", "security_professional"}, {"country_id", "cty_carana"}}}));
    auto d = Put("/api/v1/users/" + beta, {{"disabled", true}}, T("admin"));
    EXPECT_EQ(d.status, 200) << d.raw;
  }
  static std::vector<std::string> Names(const HttpResult& r) {
    std::vector<std::string> out;
    for (const auto& i : r.body["items"]) out.push_back(i["username"]);
    return out;
  }
  static HttpResult List(const std::string& query, const std::string& user = "admin") {
    return Get("/api/v1/users?" + query, T(user));
  }
  static void ExpectRefused(const std::string& query, const std::string& code) {
    auto r = List(query);
    EXPECT_EQ(r.status, 400) << query << " " << r.raw;
    EXPECT_EQ(r.Code(), code) << query << " " << r.raw;
  }
};

using UserNames = std::vector<std::string>;

TEST_F(UsersListTest, SearchMatchesUsernameOrDisplayNameFolded) {
  auto r = List("q=FLT_&limit=500");
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(Names(r), (UserNames{"flt_alpha", "flt_beta", "flt_gamma"}));
  EXPECT_EQ(r.body["total"], 3);
  // The display name alone.
  EXPECT_EQ(Names(List("q=filterBETA")), (UserNames{"flt_beta"}));
  EXPECT_EQ(List("q=zzqq-admin18-nothing").body["total"], 0);
}

TEST_F(UsersListTest, OrganizationRoleAndDisabledNarrowToTheirRows) {
  EXPECT_EQ(Names(List("q=flt&organization_id=org_wfp")), (UserNames{"flt_alpha", "flt_gamma"}));
  EXPECT_EQ(Names(List("q=flt&role=finance")), (UserNames{"flt_alpha"}));
  EXPECT_EQ(Names(List("q=flt&role=security_professional")), (UserNames{"flt_gamma"}));
  // A role held anywhere in the grants, and every user listed holds it.
  auto auditors = List("role=auditor&limit=500");
  ASSERT_EQ(auditors.status, 200) << auditors.raw;
  const UserNames names = Names(auditors);
  EXPECT_NE(std::find(names.begin(), names.end(), "auditor"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "flt_beta"), names.end());
  for (const auto& u : auditors.body["items"]) {
    bool holds = false;
    for (const auto& g : u["grants"]) holds = holds || g["role"] == "auditor";
    EXPECT_TRUE(holds) << u.dump();
  }
  EXPECT_EQ(Names(List("q=flt&disabled=true")), (UserNames{"flt_beta"}));
  EXPECT_EQ(Names(List("q=flt&disabled=false")), (UserNames{"flt_alpha", "flt_gamma"}));
  for (const auto& u : List("disabled=true&limit=500").body["items"]) EXPECT_TRUE(u["disabled"].get<bool>());
  // Filters combine.
  EXPECT_EQ(Names(List("q=flt&organization_id=org_wfp&role=finance&disabled=false")), (UserNames{"flt_alpha"}));
  EXPECT_EQ(List("q=flt&organization_id=org_undp&role=finance").body["total"], 0);
  // An auditor lists them too; anyone else is refused, filters or not.
  EXPECT_EQ(Names(List("q=flt&role=finance", "auditor")), (UserNames{"flt_alpha"}));
  EXPECT_EQ(List("q=flt", "sp").status, 403);
}

TEST_F(UsersListTest, SortsBothWaysAndWalksEveryRowOnce) {
  EXPECT_EQ(Names(List("q=flt&sort=name")), (UserNames{"flt_beta", "flt_gamma", "flt_alpha"}));
  EXPECT_EQ(Names(List("q=flt&sort=-name")), (UserNames{"flt_alpha", "flt_gamma", "flt_beta"}));
  EXPECT_EQ(Names(List("q=flt&sort=-username")), (UserNames{"flt_gamma", "flt_beta", "flt_alpha"}));
  EXPECT_EQ(Names(List("q=flt&sort=created")).size(), 3u);
  for (const std::string sort : {"", "username", "-username", "name", "-name", "created", "-created"}) {
    const std::string query = "/api/v1/users?sort=" + sort;
    auto whole = Get(query + "&limit=500", T("admin"));
    ASSERT_EQ(whole.status, 200) << sort << " " << whole.raw;
    std::vector<std::string> ids;
    for (const auto& i : whole.body["items"]) ids.push_back(i["id"]);
    EXPECT_EQ(WalkOneRowAPage(S(), query, T("admin")), ids) << sort;
  }
  // created: the moments in order.
  auto created = List("sort=-created&limit=500");
  std::vector<std::string> at;
  for (const auto& i : created.body["items"]) at.push_back(i["created_at"]);
  EXPECT_TRUE(std::is_sorted(at.rbegin(), at.rend()));
}

TEST_F(UsersListTest, BadValuesAndUnknownParametersAreRefused) {
  ExpectRefused("status=active", "unknown_parameter");
  ExpectRefused("sort=password", "unknown_sort");
  ExpectRefused("role=wizard", "invalid_value");
  ExpectRefused("disabled=maybe", "invalid_value");
  ExpectRefused("q=" + std::string(201, 'a'), "too_long");
  ExpectRefused("organization_id=" + std::string(65, 'a'), "too_long");
}

}  // namespace
}  // namespace srm::testing
