// The store contract of the users list's narrowing (issue 18), on every backend: search in
// the username and display name (ASCII letters folded), organization, a role held in any grant,
// disabled or not, and each sort walked in pages that neither skip nor repeat a user.
#include "store/store_conformance.h"

namespace srm::store::conformance {
namespace {

class UsersListStoreTest : public StoreConformanceTest {
 protected:
  void SetUp() override {
    StoreConformanceTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    Add("usr_1", "carol", "Zoe Example", "org_wfp", {{domain::Role::kFinance, "", "", ""}}, false, "2026-11-01");
    Add("usr_2", "alice", "Bob Sample", "org_undp",
        {{domain::Role::kSecurityProfessional, "org_undp", "cty_af", ""}, {domain::Role::kAuditor, "", "", ""}}, true,
        "2026-11-03");
    Add("usr_3", "bruno", "Ann Example", "org_wfp", {{domain::Role::kSecurityProfessional, "", "cty_af", ""}}, false,
        "2026-11-02");
  }
  void Add(std::string id, std::string name, std::string display, std::string org, std::vector<domain::RoleGrant> grants,
           bool disabled, const std::string& day) {
    domain::User u = SampleUser(std::move(id), std::move(name));
    u.display_name = std::move(display);
    u.organization_id = std::move(org);
    u.grants = std::move(grants);
    u.disabled = disabled;
    u.created_at = day + "T12:00:00.000Z";
    SRM_ASSERT_OK(store().CreateUser(u, AuditOf("user.create", "user", u.id)));
  }
  // The usernames of every page of `f`, `limit` a page.
  std::vector<std::string> Walk(const UserFilter& f, int limit = 1) {
    std::vector<std::string> out;
    PageRequest request{limit, ""};
    for (int guard = 0; guard < 20; ++guard) {
      auto page = store().ListUsers(f, request);
      EXPECT_TRUE(page.has_value()) << (page ? "" : ErrorText(page.error()));
      if (!page) break;
      for (const domain::User& u : page->items) out.push_back(u.username);
      if (page->next.empty()) break;
      request.after = page->next;
    }
    return out;
  }
  static UserFilter Sorted(std::string key, bool descending) {
    UserFilter f;
    f.narrow.sort = std::move(key);
    f.narrow.descending = descending;
    return f;
  }
};

using Names = std::vector<std::string>;

TEST_P(UsersListStoreTest, FiltersNarrowToTheirRows) {
  EXPECT_EQ(Walk({}), (Names{"alice", "bruno", "carol"}));
  EXPECT_EQ(Walk({.organization_id = "org_wfp"}), (Names{"bruno", "carol"}));
  EXPECT_EQ(Walk({.role = "security_professional"}), (Names{"alice", "bruno"}));
  EXPECT_EQ(Walk({.role = "auditor"}), (Names{"alice"}));
  EXPECT_EQ(Walk({.role = "admin"}), Names{});
  EXPECT_EQ(Walk({.disabled = true}), (Names{"alice"}));
  EXPECT_EQ(Walk({.disabled = false}), (Names{"bruno", "carol"}));
  EXPECT_EQ(Walk({.organization_id = "org_wfp", .role = "security_professional", .disabled = false}), (Names{"bruno"}));
  // Search: username or display name, ASCII letters folded.
  UserFilter text;
  text.narrow.text = "EXAMPLE";
  EXPECT_EQ(Walk(text), (Names{"bruno", "carol"}));
  text.narrow.text = "Ali";
  EXPECT_EQ(Walk(text), (Names{"alice"}));
  // The total counts the narrowed rows.
  EXPECT_EQ(store().ListUsers({.organization_id = "org_wfp"}, {1, ""}).value().total, 2);
}

TEST_P(UsersListStoreTest, EachSortWalksBothWaysWithoutSkippingOrRepeating) {
  EXPECT_EQ(Walk(Sorted("username", false)), (Names{"alice", "bruno", "carol"}));
  EXPECT_EQ(Walk(Sorted("username", true)), (Names{"carol", "bruno", "alice"}));
  EXPECT_EQ(Walk(Sorted("name", false)), (Names{"bruno", "alice", "carol"}));
  EXPECT_EQ(Walk(Sorted("name", true)), (Names{"carol", "alice", "bruno"}));
  EXPECT_EQ(Walk(Sorted("created", false)), (Names{"carol", "bruno", "alice"}));
  EXPECT_EQ(Walk(Sorted("created", true)), (Names{"alice", "bruno", "carol"}));
  // Ties on the sort value are broken by id, so paging stays exact.
  Add("usr_4", "dora", "Ann Example", "org_wfp", {}, false, "2026-11-02");
  EXPECT_EQ(Walk(Sorted("name", false)), (Names{"bruno", "dora", "alice", "carol"}));
  EXPECT_EQ(Walk(Sorted("created", true)), (Names{"alice", "dora", "bruno", "carol"}));
  EXPECT_EQ(store().ListUsers(Sorted("password", false), {10, ""}).error().code, "unknown_sort");
  EXPECT_EQ(store().ListUsers(Sorted("name", false), {10, "no-bar"}).error().code, "bad_cursor");
}

INSTANTIATE_TEST_SUITE_P(store, UsersListStoreTest, ::testing::ValuesIn(AllBackends()), BackendName);

}  // namespace
}  // namespace srm::store::conformance
