// The contract of store/store.h, checked against every backend in AllBackends(). Tests use only
// the Store interface (and StoreHarness::Reopen), so a new backend passes by being correct.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <thread>
#include <tuple>

#include "core/clock.h"
#include "store/audit_chain.h"
#include "store/store_test_support.h"

namespace srm::store {
namespace {

using namespace testing_support;

// A filter set up by `set`, e.g. Filter([](SraFilter& f) { f.area_id = "are_kbl"; }).
template <typename Set>
SraFilter Filter(Set set) {
  SraFilter filter;
  set(filter);
  return filter;
}

class StoreConformanceTest : public ::testing::TestWithParam<BackendFactory> {
 protected:
  void SetUp() override {
    auto harness = GetParam().make(&clock_);
    ASSERT_TRUE(harness.has_value()) << ErrorText(harness.error());
    harness_ = std::move(*harness);
  }
  Store& store() { return harness_->store(); }

  // The reference data most tests build on: region > country > area, and an organization.
  void PutGeography() {
    SRM_ASSERT_OK(store().PutOrganization({"org_undp", "UNDP", "UN Development Programme"},
                                          AuditOf("organization.put", "organization", "org_undp")));
    SRM_ASSERT_OK(store().PutRegion({"reg_ap", "Asia and the Pacific"}, AuditOf("region.put", "region", "reg_ap")));
    SRM_ASSERT_OK(store().PutCountry({"cty_af", "reg_ap", "AF", "Afghanistan"},
                                     AuditOf("country.put", "country", "cty_af")));
    SRM_ASSERT_OK(store().PutArea({"are_kbl", "cty_af", "Kabul", R"({"type":"Polygon","coordinates":[]})"},
                                  AuditOf("area.put", "area", "are_kbl")));
  }

  fakes::FakeClock clock_;  // declared first: outlives the store
  std::unique_ptr<StoreHarness> harness_;
};

// --- Schema ---

TEST_P(StoreConformanceTest, MigrateIsIdempotent) {
  SRM_ASSERT_OK_AND_ASSIGN(first, store().Migrate());
  EXPECT_GE(first, 1);
  SRM_ASSERT_OK(store().PutRegion({"reg_af", "Africa"}, AuditOf("region.put", "region", "reg_af")));
  SRM_ASSERT_OK_AND_ASSIGN(second, store().Migrate());
  EXPECT_EQ(second, first);
  SRM_ASSERT_OK_AND_ASSIGN(regions, store().ListRegions());
  ASSERT_EQ(regions.size(), 1u);
  EXPECT_EQ(regions[0].name, "Africa");
}

// --- Organizations, geography, programmes ---

TEST_P(StoreConformanceTest, OrganizationsAreUpsertedById) {
  SRM_ASSERT_OK(store().PutOrganization({"org_wfp", "WFP", "World Food Programme"},
                                        AuditOf("organization.put", "organization", "org_wfp")));
  SRM_ASSERT_OK(store().PutOrganization({"org_undp", "UNDP", "UN Development"},
                                        AuditOf("organization.put", "organization", "org_undp")));
  SRM_ASSERT_OK(store().PutOrganization({"org_undp", "UNDP", "UN Development Programme"},
                                        AuditOf("organization.put", "organization", "org_undp")));
  SRM_ASSERT_OK_AND_ASSIGN(orgs, store().ListOrganizations());
  ASSERT_EQ(orgs.size(), 2u);
  EXPECT_EQ(orgs[0].id, "org_undp");  // by name
  EXPECT_EQ(orgs[0].name, "UN Development Programme");
  EXPECT_EQ(orgs[0].code, "UNDP");
  EXPECT_EQ(orgs[1].id, "org_wfp");
  EXPECT_EQ(AuditCount(store()), 3);
}

TEST_P(StoreConformanceTest, GeographyRoundTripsAndGeometryIsOptional) {
  PutGeography();
  SRM_ASSERT_OK(store().PutRegion({"reg_af", "Africa"}, AuditOf("region.put", "region", "reg_af")));
  SRM_ASSERT_OK(store().PutCountry({"cty_ml", "reg_af", "ML", "Mali"}, AuditOf("country.put", "country", "cty_ml")));
  SRM_ASSERT_OK(store().PutArea({"are_bko", "cty_ml", "Bamako", R"({"type":"MultiPolygon","coordinates":[]})"},
                                AuditOf("area.put", "area", "are_bko")));

  SRM_ASSERT_OK_AND_ASSIGN(regions, store().ListRegions());
  ASSERT_EQ(regions.size(), 2u);
  EXPECT_EQ(regions[0].id, "reg_af");
  SRM_ASSERT_OK_AND_ASSIGN(countries, store().ListCountries());
  ASSERT_EQ(countries.size(), 2u);
  EXPECT_EQ(countries[0].id, "cty_af");
  EXPECT_EQ(countries[0].region_id, "reg_ap");
  EXPECT_EQ(countries[0].iso2, "AF");
  EXPECT_EQ(countries[1].name, "Mali");

  SRM_ASSERT_OK_AND_ASSIGN(all_areas, store().ListAreas("", true));
  ASSERT_EQ(all_areas.size(), 2u);
  EXPECT_EQ(all_areas[0].name, "Bamako");
  EXPECT_EQ(all_areas[0].geometry, R"({"type":"MultiPolygon","coordinates":[]})");
  SRM_ASSERT_OK_AND_ASSIGN(afghan_areas, store().ListAreas("cty_af", false));
  ASSERT_EQ(afghan_areas.size(), 1u);
  EXPECT_EQ(afghan_areas[0].id, "are_kbl");
  EXPECT_EQ(afghan_areas[0].country_id, "cty_af");
  EXPECT_EQ(afghan_areas[0].geometry, "");

  SRM_ASSERT_OK_AND_ASSIGN(kabul, store().GetArea("are_kbl"));
  ASSERT_TRUE(kabul.has_value());
  EXPECT_EQ(kabul->name, "Kabul");
  EXPECT_EQ(kabul->geometry, R"({"type":"Polygon","coordinates":[]})");
  SRM_ASSERT_OK_AND_ASSIGN(missing, store().GetArea("are_none"));
  EXPECT_FALSE(missing.has_value());

  // Upsert moves the area and replaces its geometry.
  SRM_ASSERT_OK(store().PutArea({"are_kbl", "cty_af", "Kabul City", ""}, AuditOf("area.put", "area", "are_kbl")));
  SRM_ASSERT_OK_AND_ASSIGN(renamed, store().GetArea("are_kbl"));
  ASSERT_TRUE(renamed.has_value());
  EXPECT_EQ(renamed->name, "Kabul City");
  EXPECT_EQ(renamed->geometry, "");
}

TEST_P(StoreConformanceTest, LocationsAndProgrammesAreListedByArea) {
  PutGeography();
  SRM_ASSERT_OK(store().PutArea({"are_hrt", "cty_af", "Herat", ""}, AuditOf("area.put", "area", "are_hrt")));
  SRM_ASSERT_OK(store().PutLocation({"loc_1", "are_kbl", "UN compound", "office", 34.5553, 69.2075},
                                    AuditOf("location.put", "location", "loc_1")));
  SRM_ASSERT_OK(store().PutLocation({"loc_2", "are_hrt", "Field office", "office", 34.352, 62.204},
                                    AuditOf("location.put", "location", "loc_2")));
  Programme food{"prg_1", "org_undp", "are_kbl", "Food distribution", "distribution", 2, 3, 40, 1};
  SRM_ASSERT_OK(store().PutProgramme(food, AuditOf("programme.put", "programme", "prg_1")));

  SRM_ASSERT_OK_AND_ASSIGN(kabul_locations, store().ListLocations("are_kbl"));
  ASSERT_EQ(kabul_locations.size(), 1u);
  EXPECT_EQ(kabul_locations[0].name, "UN compound");
  EXPECT_EQ(kabul_locations[0].kind, "office");
  EXPECT_DOUBLE_EQ(kabul_locations[0].lat, 34.5553);
  EXPECT_DOUBLE_EQ(kabul_locations[0].lon, 69.2075);
  SRM_ASSERT_OK_AND_ASSIGN(all_locations, store().ListLocations(""));
  EXPECT_EQ(all_locations.size(), 2u);

  SRM_ASSERT_OK_AND_ASSIGN(kabul_programmes, store().ListProgrammes("are_kbl"));
  ASSERT_EQ(kabul_programmes.size(), 1u);
  const Programme& p = kabul_programmes[0];
  EXPECT_EQ(p.id, "prg_1");
  EXPECT_EQ(p.organization_id, "org_undp");
  EXPECT_EQ(p.activity, "distribution");
  EXPECT_EQ(p.pc, 2);
  EXPECT_EQ(p.international, 3);
  EXPECT_EQ(p.national, 40);
  EXPECT_EQ(p.on_mission, 1);
  SRM_ASSERT_OK_AND_ASSIGN(herat_programmes, store().ListProgrammes("are_hrt"));
  EXPECT_TRUE(herat_programmes.empty());
}

TEST_P(StoreConformanceTest, MissingReferenceIsUnknownReferenceAndNotAudited) {
  PutGeography();
  const int64_t audited = AuditCount(store());
  const auto expect_unknown_reference = [](const Status& s) {
    ASSERT_FALSE(s.has_value());
    EXPECT_EQ(s.error().kind, ErrorKind::kInvalid);
    EXPECT_TRUE(s.error().unprocessable);
    EXPECT_EQ(s.error().code, "unknown_reference");
  };
  expect_unknown_reference(
      store().PutCountry({"cty_x", "reg_none", "XX", "Nowhere"}, AuditOf("country.put", "country", "cty_x")));
  expect_unknown_reference(store().PutArea({"are_x", "cty_none", "X", ""}, AuditOf("area.put", "area", "are_x")));
  expect_unknown_reference(store().PutLocation({"loc_x", "are_none", "X", "office", 0, 0},
                                               AuditOf("location.put", "location", "loc_x")));
  expect_unknown_reference(store().PutProgramme({"prg_x", "org_none", "are_kbl", "X", "x", 4, 0, 0, 0},
                                                AuditOf("programme.put", "programme", "prg_x")));
  expect_unknown_reference(store().PutProgramme({"prg_x", "org_undp", "are_none", "X", "x", 4, 0, 0, 0},
                                                AuditOf("programme.put", "programme", "prg_x")));
  EXPECT_EQ(AuditCount(store()), audited);
  SRM_ASSERT_OK_AND_ASSIGN(countries, store().ListCountries());
  EXPECT_EQ(countries.size(), 1u);
}

// --- Users ---

TEST_P(StoreConformanceTest, UsersRoundTripWithGrants) {
  domain::User alice = SampleUser("usr_alice", "alice");
  SRM_ASSERT_OK(store().CreateUser(alice, AuditOf("user.create", "user", alice.id)));

  SRM_ASSERT_OK_AND_ASSIGN(by_id, store().GetUser("usr_alice"));
  ASSERT_TRUE(by_id.has_value());
  EXPECT_EQ(by_id->username, "alice");
  EXPECT_EQ(by_id->display_name, alice.display_name);
  EXPECT_EQ(by_id->organization_id, "org_undp");
  EXPECT_EQ(by_id->password_hash, alice.password_hash);
  EXPECT_EQ(by_id->created_at, alice.created_at);
  EXPECT_FALSE(by_id->disabled);
  ASSERT_EQ(by_id->grants.size(), 2u);
  EXPECT_EQ(by_id->grants[0].role, domain::Role::kSecurityProfessional);
  EXPECT_EQ(by_id->grants[0].org_id, "org_undp");
  EXPECT_EQ(by_id->grants[0].country_id, "cty_af");
  EXPECT_EQ(by_id->grants[0].area_id, "");
  EXPECT_EQ(by_id->grants[1].role, domain::Role::kAuditor);

  SRM_ASSERT_OK_AND_ASSIGN(by_name, store().FindUserByName("alice"));
  ASSERT_TRUE(by_name.has_value());
  EXPECT_EQ(by_name->id, "usr_alice");
  SRM_ASSERT_OK_AND_ASSIGN(nobody, store().FindUserByName("bob"));
  EXPECT_FALSE(nobody.has_value());
  SRM_ASSERT_OK_AND_ASSIGN(no_id, store().GetUser("usr_none"));
  EXPECT_FALSE(no_id.has_value());

  domain::User changed = alice;
  changed.display_name = "Alice A.";
  changed.disabled = true;
  changed.grants = {{domain::Role::kAdmin, "", "", ""}};
  changed.created_at = "2030-01-01T00:00:00.000Z";  // ignored: creation time stays
  SRM_ASSERT_OK(store().UpdateUser(changed, AuditOf("user.update", "user", alice.id)));
  SRM_ASSERT_OK_AND_ASSIGN(updated, store().GetUser("usr_alice"));
  ASSERT_TRUE(updated.has_value());
  EXPECT_EQ(updated->display_name, "Alice A.");
  EXPECT_TRUE(updated->disabled);
  ASSERT_EQ(updated->grants.size(), 1u);
  EXPECT_EQ(updated->grants[0].role, domain::Role::kAdmin);
  EXPECT_EQ(updated->created_at, alice.created_at);
  EXPECT_EQ(AuditCount(store()), 2);
}

TEST_P(StoreConformanceTest, TakenUsernameIsConflictUsernameTaken) {
  SRM_ASSERT_OK(store().CreateUser(SampleUser("usr_1", "alice"), AuditOf("user.create", "user", "usr_1")));
  Status again = store().CreateUser(SampleUser("usr_2", "alice"), AuditOf("user.create", "user", "usr_2"));
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(again.error().code, "username_taken");

  // Renaming onto a taken name is refused the same way.
  SRM_ASSERT_OK(store().CreateUser(SampleUser("usr_2", "bob"), AuditOf("user.create", "user", "usr_2")));
  Status rename = store().UpdateUser(SampleUser("usr_2", "alice"), AuditOf("user.update", "user", "usr_2"));
  ASSERT_FALSE(rename.has_value());
  EXPECT_EQ(rename.error().code, "username_taken");

  // The same id twice is a duplicate.
  Status same_id = store().CreateUser(SampleUser("usr_1", "carol"), AuditOf("user.create", "user", "usr_1"));
  ASSERT_FALSE(same_id.has_value());
  EXPECT_EQ(same_id.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(same_id.error().code, "duplicate");
  EXPECT_EQ(AuditCount(store()), 2);
}

TEST_P(StoreConformanceTest, UsernamesAreUniqueWhateverTheirCase) {
  SRM_ASSERT_OK(store().CreateUser(SampleUser("usr_1", "admin"), AuditOf("user.create", "user", "usr_1")));
  Status shouting = store().CreateUser(SampleUser("usr_2", "Admin"), AuditOf("user.create", "user", "usr_2"));
  ASSERT_FALSE(shouting.has_value());
  EXPECT_EQ(shouting.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(shouting.error().code, "username_taken");
  // Renaming onto another case of a taken name is refused the same way.
  SRM_ASSERT_OK(store().CreateUser(SampleUser("usr_3", "bob"), AuditOf("user.create", "user", "usr_3")));
  Status rename = store().UpdateUser(SampleUser("usr_3", "ADMIN"), AuditOf("user.update", "user", "usr_3"));
  ASSERT_FALSE(rename.has_value());
  EXPECT_EQ(rename.error().code, "username_taken");
  // Looking a name up ignores case; the name is kept as it was created.
  for (const char* typed : {"admin", "Admin", "aDMIN"}) {
    SRM_ASSERT_OK_AND_ASSIGN(found, store().FindUserByName(typed));
    ASSERT_TRUE(found.has_value()) << typed;
    EXPECT_EQ(found->id, "usr_1");
    EXPECT_EQ(found->username, "admin");
  }
  EXPECT_EQ(AuditCount(store()), 2);
}

TEST_P(StoreConformanceTest, UpdatingAMissingUserIsNotFoundAndNotAudited) {
  Status s = store().UpdateUser(SampleUser("usr_ghost", "ghost"), AuditOf("user.update", "user", "usr_ghost"));
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(AuditCount(store()), 0);
}

TEST_P(StoreConformanceTest, ListUsersWalksEveryPage) {
  std::vector<std::string> names;
  for (int i = 0; i < 23; ++i) {
    const std::string name = "user" + std::to_string(100 + (i * 7) % 23);  // created out of order
    names.push_back(name);
    SRM_ASSERT_OK(store().CreateUser(SampleUser("usr_" + name, name), AuditOf("user.create", "user", name)));
  }
  std::sort(names.begin(), names.end());
  std::vector<std::string> seen;
  PageRequest request{5, ""};
  int pages = 0;
  while (true) {
    SRM_ASSERT_OK_AND_ASSIGN(page, store().ListUsers(request));
    ++pages;
    EXPECT_EQ(page.total, 23);
    EXPECT_LE(page.items.size(), 5u);
    for (const domain::User& u : page.items) seen.push_back(u.username);
    if (page.next.empty()) break;
    request.after = page.next;
    ASSERT_LT(pages, 10) << "cursor does not advance";
  }
  EXPECT_EQ(pages, 5);
  EXPECT_EQ(seen, names);
}

// --- Sessions and login throttling ---

TEST_P(StoreConformanceTest, OldAttemptsArePruned) {
  SRM_ASSERT_OK_AND_ASSIGN(a, store().ReserveAttempt({{"user", "alice", 5}}, "att_1", 0, 100));
  SRM_ASSERT_OK_AND_ASSIGN(b, store().ReserveAttempt({{"user", "alice", 5}}, "att_2", 0, 200));
  SRM_ASSERT_OK_AND_ASSIGN(c, store().ReserveAttempt({{"addr", "10.0.0.1", 5}}, "att_3", 0, 300));
  ASSERT_TRUE(a && b && c);
  SRM_ASSERT_OK(store().PruneAttempts(200));  // strictly older than 200 go
  SRM_ASSERT_OK_AND_ASSIGN(alice_left, store().CountAttempts("user", "alice", 0));
  EXPECT_EQ(alice_left, 1);
  SRM_ASSERT_OK_AND_ASSIGN(addr_left, store().CountAttempts("addr", "10.0.0.1", 0));
  EXPECT_EQ(addr_left, 1);
}

TEST_P(StoreConformanceTest, SessionsAreFoundDeletedAndExpired) {
  SRM_ASSERT_OK(store().CreateUser(SampleUser("usr_alice", "alice"), AuditOf("user.create", "user", "usr_alice")));
  const Session short_lived{"hash_short", "usr_alice", "cookie", "csrf-1", 100, 1000, "ses_1", ""};
  const Session long_lived{"hash_long", "usr_alice", "api", "", 100, 5000, "tok_1", "backup job"};
  SRM_ASSERT_OK(store().PutSession(short_lived, AuditOf("session.create", "session", "usr_alice")));
  SRM_ASSERT_OK(store().PutSession(long_lived, AuditOf("token.create", "session", "usr_alice")));

  SRM_ASSERT_OK_AND_ASSIGN(found, store().FindSession("hash_short"));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->user_id, "usr_alice");
  EXPECT_EQ(found->kind, "cookie");
  EXPECT_EQ(found->csrf_token, "csrf-1");
  EXPECT_EQ(found->created_ms, 100);
  EXPECT_EQ(found->expires_ms, 1000);
  EXPECT_EQ(found->session_id, "ses_1");
  SRM_ASSERT_OK_AND_ASSIGN(api, store().FindSession("hash_long"));
  ASSERT_TRUE(api.has_value());
  EXPECT_EQ(api->kind, "api");
  EXPECT_EQ(api->name, "backup job");

  SRM_ASSERT_OK(store().DeleteExpiredSessions(1000));
  SRM_ASSERT_OK_AND_ASSIGN(expired, store().FindSession("hash_short"));
  EXPECT_FALSE(expired.has_value());
  SRM_ASSERT_OK_AND_ASSIGN(still_there, store().FindSession("hash_long"));
  EXPECT_TRUE(still_there.has_value());

  SRM_ASSERT_OK(store().DeleteSession("hash_long", AuditOf("session.delete", "session", "usr_alice")));
  SRM_ASSERT_OK_AND_ASSIGN(deleted, store().FindSession("hash_long"));
  EXPECT_FALSE(deleted.has_value());
  SRM_ASSERT_OK(store().DeleteSession("hash_long", AuditOf("session.delete", "session", "usr_alice")));

  Status orphan = store().PutSession({"hash_x", "usr_none", "cookie", "c", 0, 1, "ses_x", ""},
                                     AuditOf("session.create", "session", "x"));
  ASSERT_FALSE(orphan.has_value());
  EXPECT_EQ(orphan.error().code, "unknown_reference");
}

// One sign-in: a cookie row and a token row sharing a session id.
void PutSignIn(Store& store, const std::string& user_id, const std::string& session_id, int64_t expires_ms = 10'000) {
  SRM_ASSERT_OK(store.PutSessions({{"cookie_" + session_id, user_id, "cookie", "csrf", 100, expires_ms, session_id, ""},
                                   {"token_" + session_id, user_id, "token", "", 100, expires_ms, session_id, ""}},
                                  AuditOf("auth.login", "user", user_id)));
}

bool Exists(Store& store, const std::string& token_hash) {
  auto found = store.FindSession(token_hash);
  EXPECT_TRUE(found.has_value());
  return found.has_value() && found->has_value();
}

TEST_P(StoreConformanceTest, SigningOutWithEitherSecretEndsTheWholeSignIn) {
  SRM_ASSERT_OK(store().CreateUser(SampleUser("usr_alice", "alice"), AuditOf("user.create", "user", "usr_alice")));
  PutSignIn(store(), "usr_alice", "ses_a");
  PutSignIn(store(), "usr_alice", "ses_b");
  EXPECT_EQ(AuditCount(store()), 3);  // a sign-in is one write, one audit entry

  // Out with the cookie: the token of that sign-in goes too; the other sign-in stays.
  SRM_ASSERT_OK(store().DeleteSession("cookie_ses_a", AuditOf("auth.logout", "user", "usr_alice")));
  EXPECT_FALSE(Exists(store(), "cookie_ses_a"));
  EXPECT_FALSE(Exists(store(), "token_ses_a"));
  EXPECT_TRUE(Exists(store(), "cookie_ses_b"));
  // Out with the token: the cookie goes too.
  SRM_ASSERT_OK(store().DeleteSession("token_ses_b", AuditOf("auth.logout", "user", "usr_alice")));
  EXPECT_FALSE(Exists(store(), "cookie_ses_b"));
  EXPECT_FALSE(Exists(store(), "token_ses_b"));
}

TEST_P(StoreConformanceTest, TokensAreListedAndRevokedByIdOnlyForTheirOwner) {
  SRM_ASSERT_OK(store().CreateUser(SampleUser("usr_alice", "alice"), AuditOf("user.create", "user", "usr_alice")));
  SRM_ASSERT_OK(store().CreateUser(SampleUser("usr_bob", "bob"), AuditOf("user.create", "user", "usr_bob")));
  SRM_ASSERT_OK(store().PutSession({"h_t2", "usr_alice", "api", "", 200, 9000, "tok_2", "reports"},
                                   AuditOf("auth.token.create", "user", "usr_alice")));
  SRM_ASSERT_OK(store().PutSession({"h_t1", "usr_alice", "api", "", 100, 9000, "tok_1", "backup"},
                                   AuditOf("auth.token.create", "user", "usr_alice")));
  SRM_ASSERT_OK(store().PutSession({"h_t3", "usr_bob", "api", "", 100, 9000, "tok_3", "bob's"},
                                   AuditOf("auth.token.create", "user", "usr_bob")));
  PutSignIn(store(), "usr_alice", "ses_a");

  SRM_ASSERT_OK_AND_ASSIGN(tokens, store().ListSessions("usr_alice", "api"));
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].session_id, "tok_1");  // oldest first
  EXPECT_EQ(tokens[0].name, "backup");
  EXPECT_EQ(tokens[1].session_id, "tok_2");

  const int64_t before = AuditCount(store());
  Status not_hers = store().RevokeSession("usr_alice", "tok_3", AuditOf("auth.token.revoke", "user", "usr_alice"));
  ASSERT_FALSE(not_hers.has_value());
  EXPECT_EQ(not_hers.error().kind, ErrorKind::kNotFound);
  EXPECT_TRUE(Exists(store(), "h_t3"));
  EXPECT_EQ(AuditCount(store()), before);  // refused: nothing audited

  SRM_ASSERT_OK(store().RevokeSession("usr_alice", "tok_1", AuditOf("auth.token.revoke", "user", "usr_alice")));
  EXPECT_FALSE(Exists(store(), "h_t1"));
  EXPECT_TRUE(Exists(store(), "h_t2"));
  EXPECT_TRUE(Exists(store(), "cookie_ses_a"));
  EXPECT_EQ(AuditCount(store()), before + 1);
}

TEST_P(StoreConformanceTest, APasswordChangeEndsEveryOtherSessionAndToken) {
  SRM_ASSERT_OK(store().CreateUser(SampleUser("usr_alice", "alice"), AuditOf("user.create", "user", "usr_alice")));
  SRM_ASSERT_OK(store().CreateUser(SampleUser("usr_bob", "bob"), AuditOf("user.create", "user", "usr_bob")));
  PutSignIn(store(), "usr_alice", "ses_here");
  PutSignIn(store(), "usr_alice", "ses_elsewhere");
  PutSignIn(store(), "usr_bob", "ses_bob");
  SRM_ASSERT_OK(store().PutSession({"h_tok", "usr_alice", "api", "", 100, 9000, "tok_1", "ci"},
                                   AuditOf("auth.token.create", "user", "usr_alice")));

  SRM_ASSERT_OK(store().SetPasswordHash("usr_alice", "$argon2id$new", "ses_here",
                                        AuditOf("user.password", "user", "usr_alice")));
  SRM_ASSERT_OK_AND_ASSIGN(alice, store().GetUser("usr_alice"));
  EXPECT_EQ(alice->password_hash, "$argon2id$new");
  EXPECT_TRUE(Exists(store(), "cookie_ses_here"));  // the sign-in that changed it
  EXPECT_TRUE(Exists(store(), "token_ses_here"));
  EXPECT_FALSE(Exists(store(), "cookie_ses_elsewhere"));
  EXPECT_FALSE(Exists(store(), "token_ses_elsewhere"));
  EXPECT_FALSE(Exists(store(), "h_tok"));
  EXPECT_TRUE(Exists(store(), "cookie_ses_bob"));  // another user's: untouched

  // An administrator's reset keeps none.
  SRM_ASSERT_OK(store().SetPasswordHash("usr_alice", "$argon2id$reset", "", AuditOf("user.password", "user", "usr_alice")));
  EXPECT_FALSE(Exists(store(), "cookie_ses_here"));
  EXPECT_FALSE(Exists(store(), "token_ses_here"));

  Status ghost = store().SetPasswordHash("usr_ghost", "$x", "", AuditOf("user.password", "user", "usr_ghost"));
  ASSERT_FALSE(ghost.has_value());
  EXPECT_EQ(ghost.error().kind, ErrorKind::kNotFound);
}

TEST_P(StoreConformanceTest, DisablingEndsSessionsForGoodAndADisabledUserGetsNone) {
  domain::User alice = SampleUser("usr_alice", "alice");
  SRM_ASSERT_OK(store().CreateUser(alice, AuditOf("user.create", "user", "usr_alice")));
  PutSignIn(store(), "usr_alice", "ses_a");
  SRM_ASSERT_OK(store().PutSession({"h_tok", "usr_alice", "api", "", 100, 9000, "tok_1", "ci"},
                                   AuditOf("auth.token.create", "user", "usr_alice")));

  alice.disabled = true;
  SRM_ASSERT_OK(store().UpdateUser(alice, AuditOf("user.update", "user", "usr_alice")));
  EXPECT_FALSE(Exists(store(), "cookie_ses_a"));
  EXPECT_FALSE(Exists(store(), "token_ses_a"));
  EXPECT_FALSE(Exists(store(), "h_tok"));

  const int64_t before = AuditCount(store());
  Status refused = store().PutSessions({{"cookie_late", "usr_alice", "cookie", "c", 100, 9000, "ses_late", ""}},
                                       AuditOf("auth.login", "user", "usr_alice"));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, "user_disabled");
  EXPECT_FALSE(Exists(store(), "cookie_late"));
  EXPECT_EQ(AuditCount(store()), before);

  // Enabled again: nothing comes back.
  alice.disabled = false;
  SRM_ASSERT_OK(store().UpdateUser(alice, AuditOf("user.update", "user", "usr_alice")));
  EXPECT_FALSE(Exists(store(), "cookie_ses_a"));
  EXPECT_FALSE(Exists(store(), "h_tok"));
}

TEST_P(StoreConformanceTest, AttemptsAreReservedUpToTheLimitOnEveryCounterOrOnNone) {
  const std::vector<AttemptCounter> counters{{"user", "alice", 3}, {"addr", "10.0.0.1", 4}};
  for (int i = 0; i < 3; ++i) {
    SRM_ASSERT_OK_AND_ASSIGN(ok, store().ReserveAttempt(counters, "att_" + std::to_string(i), 0, 100 + i));
    EXPECT_TRUE(ok) << i;
  }
  // The user's counter is full: nothing is recorded, not even on the address's.
  SRM_ASSERT_OK_AND_ASSIGN(full, store().ReserveAttempt(counters, "att_x", 0, 200));
  EXPECT_FALSE(full);
  SRM_ASSERT_OK_AND_ASSIGN(addr, store().CountAttempts("addr", "10.0.0.1", 0));
  EXPECT_EQ(addr, 3);
  // Another user from the same address still has one attempt there.
  SRM_ASSERT_OK_AND_ASSIGN(bob, store().ReserveAttempt({{"user", "bob", 3}, {"addr", "10.0.0.1", 4}}, "att_b", 0, 210));
  EXPECT_TRUE(bob);
  SRM_ASSERT_OK_AND_ASSIGN(carol, store().ReserveAttempt({{"user", "carol", 3}, {"addr", "10.0.0.1", 4}}, "att_c", 0, 220));
  EXPECT_FALSE(carol);

  // Outside the window (since_ms after the attempts) they no longer count.
  SRM_ASSERT_OK_AND_ASSIGN(later, store().ReserveAttempt(counters, "att_later", 300, 400));
  EXPECT_TRUE(later);
  EXPECT_EQ(AuditCount(store()), 0);  // throttling bookkeeping is not audited
}

TEST_P(StoreConformanceTest, AReleasedAttemptNoLongerCounts) {
  const std::vector<AttemptCounter> counters{{"user", "alice", 2}, {"addr", "10.0.0.1", 10}};
  SRM_ASSERT_OK_AND_ASSIGN(first, store().ReserveAttempt(counters, "att_1", 0, 100));
  SRM_ASSERT_OK_AND_ASSIGN(second, store().ReserveAttempt(counters, "att_2", 0, 110));
  ASSERT_TRUE(first && second);
  SRM_ASSERT_OK(store().ReleaseAttempt("att_2"));  // the right password
  SRM_ASSERT_OK_AND_ASSIGN(user_count, store().CountAttempts("user", "alice", 0));
  EXPECT_EQ(user_count, 1);
  SRM_ASSERT_OK_AND_ASSIGN(addr_count, store().CountAttempts("addr", "10.0.0.1", 0));
  EXPECT_EQ(addr_count, 1);
  SRM_ASSERT_OK_AND_ASSIGN(again, store().ReserveAttempt(counters, "att_3", 0, 120));
  EXPECT_TRUE(again);
  SRM_ASSERT_OK(store().ReleaseAttempt("att_unknown"));  // releasing nothing is no error
}

TEST_P(StoreConformanceTest, OnlySettledOrAbandonedAttemptsAreFailures) {
  const std::vector<AttemptCounter> counters{{"user", "alice", 3}};
  for (const char* id : {"att_1", "att_2", "att_3"}) {
    SRM_ASSERT_OK_AND_ASSIGN(ok, store().ReserveAttempt(counters, id, 0, 100));
    EXPECT_TRUE(ok);
  }
  SRM_ASSERT_OK_AND_ASSIGN(full, store().ReserveAttempt(counters, "att_4", 0, 100));
  EXPECT_FALSE(full);  // three in flight fill the counter...
  SRM_ASSERT_OK_AND_ASSIGN(none, store().CountFailures("user", "alice", 0, 50));
  EXPECT_EQ(none, 0);  // ...but none of them is a failure yet
  SRM_ASSERT_OK(store().SettleAttempt("att_1"));
  SRM_ASSERT_OK(store().SettleAttempt("att_2"));
  SRM_ASSERT_OK(store().SettleAttempt("att_unknown"));  // settling nothing is no error
  SRM_ASSERT_OK_AND_ASSIGN(two, store().CountFailures("user", "alice", 0, 50));
  EXPECT_EQ(two, 2);
  // att_3 was never settled: once older than the cut-off its check was abandoned, and it counts.
  SRM_ASSERT_OK_AND_ASSIGN(three, store().CountFailures("user", "alice", 0, 101));
  EXPECT_EQ(three, 3);
  // Outside the window nothing counts; other subjects are apart.
  SRM_ASSERT_OK_AND_ASSIGN(old, store().CountFailures("user", "alice", 101, 200));
  EXPECT_EQ(old, 0);
  SRM_ASSERT_OK_AND_ASSIGN(bob, store().CountFailures("user", "bob", 0, 200));
  EXPECT_EQ(bob, 0);
}

TEST_P(StoreConformanceTest, ScopesAreSeparateKeySpaces) {
  // A username that looks like an address counter fills its own counter only.
  for (int i = 0; i < 3; ++i) {
    SRM_ASSERT_OK_AND_ASSIGN(ok, store().ReserveAttempt({{"user", "addr:127.0.0.31", 3}}, "att_" + std::to_string(i), 0, 100));
    EXPECT_TRUE(ok);
  }
  for (const char* subject : {"127.0.0.31", "addr:127.0.0.31"}) {
    SRM_ASSERT_OK_AND_ASSIGN(n, store().CountAttempts("addr", subject, 0));
    EXPECT_EQ(n, 0) << subject;
  }
  SRM_ASSERT_OK_AND_ASSIGN(address, store().ReserveAttempt({{"addr", "127.0.0.31", 3}}, "att_addr", 0, 100));
  EXPECT_TRUE(address);
}

TEST_P(StoreConformanceTest, ParallelReservationsNeverPassTheLimit) {
  // 40 guesses at once on one counter: exactly the limit get through, on every backend and pool
  // size (the count and the insert are one step).
  constexpr int kGuesses = 40;
  constexpr int kLimit = 5;
  std::atomic<int> granted{0}, failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kGuesses; ++t)
    threads.emplace_back([&, t] {
      auto r = store().ReserveAttempt({{"user", "victim", kLimit}, {"addr", "10.9.0." + std::to_string(t), 20}},
                                      "att_" + std::to_string(t), 0, 100);
      if (!r) ++failed;
      else if (*r) ++granted;
    });
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(granted.load(), kLimit);
  SRM_ASSERT_OK_AND_ASSIGN(count, store().CountAttempts("user", "victim", 0));
  EXPECT_EQ(count, kLimit);
}

// --- Methodology packs ---

TEST_P(StoreConformanceTest, MethodsInstallActivateAndRefuseDuplicates) {
  SRM_ASSERT_OK_AND_ASSIGN(none_active, store().ActiveMethod());
  EXPECT_FALSE(none_active.has_value());

  SRM_ASSERT_OK(store().InstallMethod({"v1", R"({"version":"v1"})", false, ""}, true,
                                      AuditOf("method.install", "method", "v1")));
  SRM_ASSERT_OK(store().InstallMethod({"v2", R"({"version":"v2"})", false, "2026-01-01T00:00:00.000Z"}, false,
                                      AuditOf("method.install", "method", "v2")));
  SRM_ASSERT_OK_AND_ASSIGN(active, store().ActiveMethod());
  ASSERT_TRUE(active.has_value());
  EXPECT_EQ(active->version, "v1");
  EXPECT_TRUE(active->active);
  EXPECT_EQ(active->json, R"({"version":"v1"})");
  EXPECT_EQ(active->installed_at, FormatTimestamp(clock_.NowMillis()));  // filled in when empty

  SRM_ASSERT_OK_AND_ASSIGN(v2, store().GetMethod("v2"));
  ASSERT_TRUE(v2.has_value());
  EXPECT_FALSE(v2->active);
  EXPECT_EQ(v2->installed_at, "2026-01-01T00:00:00.000Z");

  SRM_ASSERT_OK(store().InstallMethod({"v3", "{}", false, ""}, true, AuditOf("method.install", "method", "v3")));
  SRM_ASSERT_OK_AND_ASSIGN(now_active, store().ActiveMethod());
  ASSERT_TRUE(now_active.has_value());
  EXPECT_EQ(now_active->version, "v3");
  SRM_ASSERT_OK_AND_ASSIGN(v1, store().GetMethod("v1"));
  ASSERT_TRUE(v1.has_value());
  EXPECT_FALSE(v1->active);

  Status duplicate = store().InstallMethod({"v1", "{}", false, ""}, true, AuditOf("method.install", "method", "v1"));
  ASSERT_FALSE(duplicate.has_value());
  EXPECT_EQ(duplicate.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(duplicate.error().code, "method_exists");
  // The failed install did not deactivate v3.
  SRM_ASSERT_OK_AND_ASSIGN(still_active, store().ActiveMethod());
  ASSERT_TRUE(still_active.has_value());
  EXPECT_EQ(still_active->version, "v3");

  SRM_ASSERT_OK_AND_ASSIGN(all, store().ListMethods());
  EXPECT_EQ(all.size(), 3u);
  SRM_ASSERT_OK_AND_ASSIGN(unknown, store().GetMethod("v9"));
  EXPECT_FALSE(unknown.has_value());
  EXPECT_EQ(AuditCount(store()), 3);
}

// --- SRAs ---

TEST_P(StoreConformanceTest, SraInsertThenUpdateBumpsRevisionAndRefusesStaleWrites) {
  SraRow row = SampleSra("sra_1", "ser_1", 1, "are_kbl", "draft", "2026-11-26T12:00:00.000Z");
  SRM_ASSERT_OK(store().WriteSras({InsertOf(row)}, {AuditOf("sra.create", "sra", "sra_1")}));
  SRM_ASSERT_OK_AND_ASSIGN(created, store().GetSra("sra_1"));
  ASSERT_TRUE(created.has_value());
  EXPECT_EQ(created->revision, 1);
  EXPECT_EQ(created->doc, row.doc);  // stored as given
  EXPECT_EQ(created->series_id, "ser_1");
  EXPECT_EQ(created->version, 1);
  EXPECT_EQ(created->kind, "area");
  EXPECT_EQ(created->title, row.title);
  EXPECT_EQ(created->area_id, "are_kbl");
  EXPECT_EQ(created->country_id, "cty_af");
  EXPECT_EQ(created->organization_id, "org_undp");
  EXPECT_EQ(created->status, "draft");
  EXPECT_EQ(created->method_version, "unsms-2025.1");
  EXPECT_EQ(created->overall_residual, "Medium");
  EXPECT_EQ(created->review_due, "2027-05-26");
  EXPECT_EQ(created->created_at, row.created_at);
  EXPECT_EQ(created->updated_at, row.updated_at);

  SraRow edited = *created;
  edited.status = "in_review";
  edited.updated_at = "2026-11-26T13:00:00.000Z";
  edited.doc = R"({"revision":2})";
  SRM_ASSERT_OK(store().WriteSras({{edited, 1}}, {AuditOf("sra.transition.submit", "sra", "sra_1")}));
  SRM_ASSERT_OK_AND_ASSIGN(updated, store().GetSra("sra_1"));
  ASSERT_TRUE(updated.has_value());
  EXPECT_EQ(updated->revision, 2);
  EXPECT_EQ(updated->status, "in_review");
  EXPECT_EQ(updated->doc, R"({"revision":2})");

  // A writer that read revision 1 has lost the race.
  edited.title = "late edit";
  Status stale = store().WriteSras({{edited, 1}}, {AuditOf("sra.update", "sra", "sra_1")});
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(stale.error().code, "stale_revision");
  SRM_ASSERT_OK_AND_ASSIGN(unchanged, store().GetSra("sra_1"));
  EXPECT_EQ(unchanged->title, row.title);
  EXPECT_EQ(unchanged->revision, 2);

  Status missing = store().WriteSras({{SampleSra("sra_none", "ser_9", 1, "a", "draft", "x"), 3}}, {});
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, "stale_revision");
  EXPECT_EQ(AuditCount(store()), 2);

  SRM_ASSERT_OK_AND_ASSIGN(absent, store().GetSra("sra_none"));
  EXPECT_FALSE(absent.has_value());
}

TEST_P(StoreConformanceTest, DuplicateSraInsertsConflict) {
  SRM_ASSERT_OK(store().WriteSras({InsertOf(SampleSra("sra_1", "ser_1", 1, "are_kbl", "draft", "t1"))}, {}));
  Status same_id = store().WriteSras({InsertOf(SampleSra("sra_1", "ser_2", 1, "are_kbl", "draft", "t1"))}, {});
  ASSERT_FALSE(same_id.has_value());
  EXPECT_EQ(same_id.error().kind, ErrorKind::kConflict);
  Status same_version = store().WriteSras({InsertOf(SampleSra("sra_2", "ser_1", 1, "are_kbl", "draft", "t1"))}, {});
  ASSERT_FALSE(same_version.has_value());
  EXPECT_EQ(same_version.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(same_version.error().code, "sra_version_exists");
}

TEST_P(StoreConformanceTest, PublishingSupersedesInOneBatch) {
  SRM_ASSERT_OK(store().WriteSras({InsertOf(SampleSra("sra_v1", "ser_1", 1, "are_kbl", "published", "t1"))},
                                  {AuditOf("sra.create", "sra", "sra_v1")}));
  SraRow v1 = SampleSra("sra_v1", "ser_1", 1, "are_kbl", "superseded", "t2");
  SraRow v2 = SampleSra("sra_v2", "ser_1", 2, "are_kbl", "published", "t2");
  SRM_ASSERT_OK(store().WriteSras({{v1, 1}, InsertOf(v2)}, {AuditOf("sra.supersede", "sra", "sra_v1"),
                                                           AuditOf("sra.transition.approve", "sra", "sra_v2")}));
  SRM_ASSERT_OK_AND_ASSIGN(old_version, store().GetSra("sra_v1"));
  EXPECT_EQ(old_version->status, "superseded");
  EXPECT_EQ(old_version->revision, 2);
  SRM_ASSERT_OK_AND_ASSIGN(new_version, store().GetSra("sra_v2"));
  EXPECT_EQ(new_version->status, "published");
  EXPECT_EQ(new_version->revision, 1);
  SRM_ASSERT_OK_AND_ASSIGN(audit, store().ListAudit("", {50, ""}));
  ASSERT_EQ(audit.items.size(), 3u);
  EXPECT_EQ(audit.items[1].event.action, "sra.supersede");
  EXPECT_EQ(audit.items[2].event.action, "sra.transition.approve");
}

TEST_P(StoreConformanceTest, FailingWriteInABatchLeavesNothingBehind) {
  SRM_ASSERT_OK(store().WriteSras({InsertOf(SampleSra("sra_b", "ser_b", 1, "are_kbl", "draft", "t1"))},
                                  {AuditOf("sra.create", "sra", "sra_b")}));
  SRM_ASSERT_OK_AND_ASSIGN(chain_before, store().ListAudit("", {50, ""}));

  // First write is fine, second is stale: the whole batch and its audit entries vanish.
  SraRow fresh = SampleSra("sra_a", "ser_a", 1, "are_kbl", "draft", "t2");
  SraRow stale = SampleSra("sra_b", "ser_b", 1, "are_kbl", "in_review", "t2");
  Status batch = store().WriteSras({InsertOf(fresh), {stale, 7}},
                                   {AuditOf("sra.create", "sra", "sra_a"), AuditOf("sra.update", "sra", "sra_b")});
  ASSERT_FALSE(batch.has_value());
  EXPECT_EQ(batch.error().code, "stale_revision");
  SRM_ASSERT_OK_AND_ASSIGN(fresh_after, store().GetSra("sra_a"));
  EXPECT_FALSE(fresh_after.has_value());
  SRM_ASSERT_OK_AND_ASSIGN(b_after, store().GetSra("sra_b"));
  EXPECT_EQ(b_after->status, "draft");

  // A duplicate in the middle of a batch also undoes the rows before it.
  Status duplicate = store().WriteSras(
      {InsertOf(SampleSra("sra_c", "ser_c", 1, "a", "draft", "t3")), InsertOf(SampleSra("sra_b", "ser_z", 1, "a", "draft", "t3"))},
      {AuditOf("sra.create", "sra", "sra_c")});
  ASSERT_FALSE(duplicate.has_value());
  SRM_ASSERT_OK_AND_ASSIGN(c_after, store().GetSra("sra_c"));
  EXPECT_FALSE(c_after.has_value());

  SRM_ASSERT_OK_AND_ASSIGN(chain_after, store().ListAudit("", {50, ""}));
  ASSERT_EQ(chain_after.total, chain_before.total);
  EXPECT_EQ(chain_after.items.back().hash, chain_before.items.back().hash);

  // The chain carries on cleanly after the failures.
  SRM_ASSERT_OK(store().WriteSras({InsertOf(fresh)}, {AuditOf("sra.create", "sra", "sra_a")}));
  SRM_ASSERT_OK_AND_ASSIGN(verification, store().VerifyAudit());
  EXPECT_TRUE(verification.ok) << verification.reason;
  EXPECT_EQ(verification.entries, 2);
}

// Rows for the list tests: three areas, two countries, four statuses, several series.
class SraListTest : public StoreConformanceTest {
 protected:
  void SetUp() override {
    StoreConformanceTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    std::vector<SraWrite> writes;
    const char* areas[] = {"are_kbl", "are_hrt", "are_bko"};
    const char* statuses[] = {"draft", "in_review", "published", "superseded"};
    for (int i = 0; i < 30; ++i) {
      // Timestamps repeat so the id tie-break matters.
      SraRow row = SampleSra("sra_" + std::to_string(100 + i), "ser_" + std::to_string(i % 5), i / 5 + 1,
                             areas[i % 3], statuses[i % 4], "2026-11-" + std::to_string(10 + i % 7) + "T00:00:00.000Z");
      if (row.area_id == "are_bko") row.country_id = "cty_ml";
      writes.push_back(InsertOf(row));
      rows_.push_back(row);
    }
    SRM_ASSERT_OK(store().WriteSras(writes, {AuditOf("sra.import", "sra", "batch")}));
  }

  // The ids a filter should return, newest first, computed independently of the store.
  std::vector<std::string> Expected(const std::function<bool(const SraRow&)>& keep) const {
    std::vector<SraRow> kept;
    for (const SraRow& r : rows_)
      if (keep(r)) kept.push_back(r);
    std::sort(kept.begin(), kept.end(), [](const SraRow& a, const SraRow& b) {
      return std::tie(a.updated_at, a.id) > std::tie(b.updated_at, b.id);
    });
    std::vector<std::string> ids;
    for (const SraRow& r : kept) ids.push_back(r.id);
    return ids;
  }

  // Walks every page of `filter` with `limit`, checking totals and that docs are left out.
  std::vector<std::string> Walk(const SraFilter& filter, int limit, int64_t expected_total) {
    std::vector<std::string> ids;
    PageRequest request{limit, ""};
    for (int pages = 0; pages < 100; ++pages) {
      auto page = store().ListSras(filter, request);
      EXPECT_TRUE(page.has_value()) << ErrorText(page.error());
      if (!page) return ids;
      EXPECT_EQ(page->total, expected_total);
      EXPECT_LE(page->items.size(), static_cast<size_t>(limit));
      for (const SraRow& r : page->items) {
        EXPECT_TRUE(r.doc.empty());
        ids.push_back(r.id);
      }
      if (page->next.empty()) return ids;
      request.after = page->next;
    }
    ADD_FAILURE() << "cursor does not advance";
    return ids;
  }

  std::vector<SraRow> rows_;
};

TEST_P(SraListTest, CursorWalksEveryRowExactlyOnceNewestFirst) {
  const std::vector<std::string> expected = Expected([](const SraRow&) { return true; });
  for (int limit : {1, 4, 7, 30, 500}) {
    std::vector<std::string> ids = Walk({}, limit, 30);
    EXPECT_EQ(ids, expected) << "limit " << limit;
    EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), 30u);
  }
}

TEST_P(SraListTest, FiltersSelectTheMatchingRows) {
  const auto check = [&](const SraFilter& filter, const std::function<bool(const SraRow&)>& keep) {
    const std::vector<std::string> expected = Expected(keep);
    EXPECT_EQ(Walk(filter, 4, static_cast<int64_t>(expected.size())), expected);
  };
  check(Filter([](SraFilter& f) { f.area_id = "are_kbl"; }), [](const SraRow& r) { return r.area_id == "are_kbl"; });
  check(Filter([](SraFilter& f) { f.series_id = "ser_3"; }), [](const SraRow& r) { return r.series_id == "ser_3"; });
  check(Filter([](SraFilter& f) { f.country_id = "cty_ml"; }), [](const SraRow& r) { return r.country_id == "cty_ml"; });
  check(Filter([](SraFilter& f) { f.statuses = {"draft", "published"}; }),
        [](const SraRow& r) { return r.status == "draft" || r.status == "published"; });
  check(Filter([](SraFilter& f) { f.area_ids = {"are_hrt", "are_bko"}; }), [](const SraRow& r) { return r.area_id != "are_kbl"; });
  check(Filter([](SraFilter& f) {
          f.area_ids = {"are_hrt"};
          f.restrict_areas = true;
        }), [](const SraRow& r) { return r.area_id == "are_hrt"; });
  check(Filter([](SraFilter& f) {
          f.area_id = "are_kbl";
          f.statuses = {"superseded"};
          f.area_ids = {"are_kbl", "are_bko"};
        }),
        [](const SraRow& r) { return r.area_id == "are_kbl" && r.status == "superseded"; });
  check(Filter([](SraFilter& f) { f.statuses = {"returned"}; }), [](const SraRow&) { return false; });
  check(Filter([](SraFilter& f) {
          f.area_id = "are_hrt";
          f.area_ids = {"are_kbl"};
        }), [](const SraRow&) { return false; });
}

TEST_P(SraListTest, RestrictedScopeWithNoAreasMatchesNothing) {
  SRM_ASSERT_OK_AND_ASSIGN(page, store().ListSras(Filter([](SraFilter& f) { f.restrict_areas = true; }), {50, ""}));
  EXPECT_EQ(page.total, 0);
  EXPECT_TRUE(page.items.empty());
  EXPECT_TRUE(page.next.empty());
}

// The read scope of service/sra_scope.h: another organization's specific SRAs only in the
// cross-organization areas, area SRAs untouched; and the inbox's (status, area) pairs.
TEST_P(SraListTest, SpecificSrasOfOtherOrganizationsOnlyInCrossOrganizationAreas) {
  std::vector<SraWrite> writes;
  int n = 0;
  for (auto [org, area] : {std::pair{"org_wfp", "are_kbl"}, {"org_wfp", "are_hrt"}, {"org_undp", "are_kbl"},
                           {"org_wfp", "are_bko"}, {"", "are_kbl"}}) {
    SraRow row = SampleSra("sra_spec_" + std::to_string(n), "ser_spec_" + std::to_string(n), 1, area, "draft",
                           "2026-11-2" + std::to_string(n) + "T00:00:00.000Z");
    ++n;
    row.kind = "specific";
    row.organization_id = org;
    writes.push_back(InsertOf(row));
    rows_.push_back(row);
  }
  SRM_ASSERT_OK(store().WriteSras(writes, {AuditOf("sra.import", "sra", "specific")}));
  const auto check = [&](const SraFilter& filter, const std::function<bool(const SraRow&)>& keep) {
    const std::vector<std::string> expected = Expected(keep);
    EXPECT_EQ(Walk(filter, 3, static_cast<int64_t>(expected.size())), expected);
  };
  check(Filter([](SraFilter& f) {
          f.restrict_cross_org = true;
          f.reader_org_id = "org_undp";
          f.cross_org_area_ids = {"are_hrt"};
        }),
        [](const SraRow& r) { return r.kind == "area" || r.organization_id == "org_undp" || r.area_id == "are_hrt"; });
  check(Filter([](SraFilter& f) {
          f.restrict_cross_org = true;
          f.reader_org_id = "org_undp";
          f.restrict_areas = true;
          f.area_ids = {"are_kbl"};
        }),
        [](const SraRow& r) { return r.area_id == "are_kbl" && (r.kind == "area" || r.organization_id == "org_undp"); });
  check(Filter([](SraFilter& f) { f.restrict_cross_org = true; }),
        [](const SraRow& r) { return r.kind == "area" || r.organization_id.empty(); });
  check(Filter([](SraFilter& f) {
          f.restrict_status_areas = true;
          f.status_areas = {"in_review|are_kbl", "published|are_hrt", "draft|are_bko"};
        }),
        [](const SraRow& r) {
          return (r.status == "in_review" && r.area_id == "are_kbl") || (r.status == "published" && r.area_id == "are_hrt") ||
                 (r.status == "draft" && r.area_id == "are_bko");
        });
  check(Filter([](SraFilter& f) { f.restrict_status_areas = true; }), [](const SraRow&) { return false; });
}

TEST_P(SraListTest, LimitIsClampedAndCursorMustBeWellFormed) {
  SRM_ASSERT_OK_AND_ASSIGN(one, store().ListSras({}, {0, ""}));
  EXPECT_EQ(one.items.size(), 1u);
  EXPECT_FALSE(one.next.empty());
  SRM_ASSERT_OK_AND_ASSIGN(negative, store().ListSras({}, {-5, ""}));
  EXPECT_EQ(negative.items.size(), 1u);

  auto bad = store().ListSras({}, {10, "not-a-cursor"});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().kind, ErrorKind::kInvalid);
  EXPECT_EQ(bad.error().code, "bad_cursor");
}

TEST_P(StoreConformanceTest, PageLimitIsAtMostFiveHundred) {
  std::vector<SraWrite> writes;
  for (int i = 0; i < 510; ++i)
    writes.push_back(InsertOf(SampleSra("sra_" + std::to_string(10000 + i), "ser_" + std::to_string(i), 1, "a",
                                        "draft", "2026-11-26T12:00:00.000Z")));
  SRM_ASSERT_OK(store().WriteSras(writes, {}));
  SRM_ASSERT_OK_AND_ASSIGN(page, store().ListSras({}, {100000, ""}));
  EXPECT_EQ(page.items.size(), 500u);
  EXPECT_EQ(page.total, 510);
  SRM_ASSERT_OK_AND_ASSIGN(rest, store().ListSras({}, {100000, page.next}));
  EXPECT_EQ(rest.items.size(), 10u);
  EXPECT_TRUE(rest.next.empty());
}

// --- Audit log ---

// --- Documents (later capabilities) ---

DocRow Doc(const std::string& kind, const std::string& id, const std::string& area, const std::string& status,
           const std::string& from, const std::string& to, const std::string& updated_at) {
  DocRow d;
  d.kind = kind;
  d.id = id;
  d.org_id = "org_undp";
  d.country_id = "cty_af";
  d.area_id = area;
  d.status = status;
  d.starts_on = from;
  d.ends_on = to;
  d.ref_id = "sra_1";
  d.owner_id = "usr_1";
  d.created_at = d.updated_at = updated_at;
  d.doc = R"({"id":")" + id + R"("})";
  return d;
}

TEST_P(StoreConformanceTest, DocumentsInsertUpdateAndRefuseStaleWrites) {
  DocRow d = Doc("clearance", "clr_1", "are_kbl", "cleared", "2026-03-01", "2026-03-10", "2026-01-01T00:00:00.000Z");
  SRM_ASSERT_OK(store().WriteDocs({{d, 0}}, {AuditOf("clearance.create", "clearance", "clr_1")}));
  SRM_ASSERT_OK_AND_ASSIGN(got, store().GetDoc("clearance", "clr_1"));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->revision, 1);
  EXPECT_EQ(got->doc, d.doc);
  EXPECT_EQ(got->starts_on, "2026-03-01");
  d.status = "referred";
  SRM_ASSERT_OK(store().WriteDocs({{d, 1}}, {AuditOf("clearance.update", "clearance", "clr_1")}));
  auto stale = store().WriteDocs({{d, 1}}, {AuditOf("clearance.update", "clearance", "clr_1")});
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().kind, ErrorKind::kConflict);
  SRM_ASSERT_OK_AND_ASSIGN(again, store().GetDoc("clearance", "clr_1"));
  EXPECT_EQ(again->status, "referred");
  EXPECT_EQ(again->revision, 2);
  // Same id under another kind is another document.
  SRM_ASSERT_OK_AND_ASSIGN(other, store().GetDoc("egs_decision", "clr_1"));
  EXPECT_FALSE(other.has_value());
  EXPECT_EQ(AuditCount(store()), 2);
}

TEST_P(StoreConformanceTest, DocumentsAndSrasCommitTogetherOrNotAtAll) {
  SraRow sra;
  sra.id = "sra_x";
  sra.series_id = "srs_x";
  sra.area_id = "are_kbl";
  sra.status = "draft";
  sra.doc = "{}";
  DocRow ok = Doc("clearance", "clr_a", "are_kbl", "cleared", "", "", "2026-01-01T00:00:00.000Z");
  DocRow stale = Doc("clearance", "clr_missing", "are_kbl", "cleared", "", "", "2026-01-01T00:00:00.000Z");
  auto failed = store().Write({{sra, 0}}, {{ok, 0}, {stale, 3}}, {AuditOf("sra.create", "sra", "sra_x")});
  ASSERT_FALSE(failed.has_value());
  SRM_ASSERT_OK_AND_ASSIGN(no_sra, store().GetSra("sra_x"));
  EXPECT_FALSE(no_sra.has_value());
  SRM_ASSERT_OK_AND_ASSIGN(no_doc, store().GetDoc("clearance", "clr_a"));
  EXPECT_FALSE(no_doc.has_value());
  EXPECT_EQ(AuditCount(store()), 0);
  SRM_ASSERT_OK(store().Write({{sra, 0}}, {{ok, 0}}, {AuditOf("sra.create", "sra", "sra_x")}));
  SRM_ASSERT_OK_AND_ASSIGN(yes_doc, store().GetDoc("clearance", "clr_a"));
  EXPECT_TRUE(yes_doc.has_value());
}

TEST_P(StoreConformanceTest, DocumentListsFilterByScopeStatusAndWindow) {
  std::vector<DocWrite> writes;
  for (int i = 0; i < 12; ++i) {
    const std::string area = i % 2 == 0 ? "are_kbl" : "are_hrt";
    const std::string status = i % 3 == 0 ? "referred" : "cleared";
    char from[16], to[16], at[32];
    std::snprintf(from, sizeof from, "2026-03-%02d", i + 1);
    std::snprintf(to, sizeof to, "2026-03-%02d", i + 3);
    std::snprintf(at, sizeof at, "2026-01-01T00:00:%02d.000Z", i);
    writes.push_back({Doc("clearance", "clr_" + std::to_string(i), area, status, from, to, at), 0});
  }
  writes.push_back({Doc("egs_decision", "egs_1", "are_kbl", "no_go", "2026-03-01", "", "2026-01-02T00:00:00.000Z"), 0});
  SRM_ASSERT_OK(store().WriteDocs(writes, {AuditOf("seed", "clearance", "many")}));
  auto count = [&](DocFilter f) -> int64_t {
    auto page = store().ListDocs(f, {500, ""});
    EXPECT_TRUE(page.has_value());
    return page ? page->total : -1;
  };
  DocFilter f;
  f.kind = "clearance";
  EXPECT_EQ(count(f), 12);
  f.area_id = "are_kbl";
  EXPECT_EQ(count(f), 6);
  f.area_id.clear();
  f.status = "referred";
  EXPECT_EQ(count(f), 4);
  f.status.clear();
  f.active_on = "2026-03-05";  // windows [3..5], [4..6], [5..7]
  EXPECT_EQ(count(f), 3);
  f.active_on.clear();
  f.overlaps_from = "2026-03-10";
  f.overlaps_to = "2026-03-11";  // windows ending on/after the 10th and starting on/before the 11th: i = 7..10
  EXPECT_EQ(count(f), 4);
  DocFilter scoped;
  scoped.kind = "clearance";
  scoped.restrict_areas = true;
  EXPECT_EQ(count(scoped), 0);
  scoped.area_ids = {"are_hrt"};
  EXPECT_EQ(count(scoped), 6);
  DocFilter egs;
  egs.kind = "egs_decision";
  egs.active_on = "2027-01-01";  // open-ended
  EXPECT_EQ(count(egs), 1);
  // Pages walk every row once, newest first; docs only when asked.
  DocFilter all;
  all.kind = "clearance";
  std::set<std::string> seen;
  PageRequest page{5, ""};
  std::string last_updated = "9999";
  do {
    SRM_ASSERT_OK_AND_ASSIGN(p, store().ListDocs(all, page));
    for (const auto& r : p.items) {
      EXPECT_TRUE(seen.insert(r.id).second);
      EXPECT_LE(r.updated_at, last_updated);
      last_updated = r.updated_at;
      EXPECT_TRUE(r.doc.empty());
    }
    page.after = p.next;
  } while (!page.after.empty());
  EXPECT_EQ(seen.size(), 12u);
  all.with_doc = true;
  SRM_ASSERT_OK_AND_ASSIGN(with, store().ListDocs(all, {1, ""}));
  EXPECT_FALSE(with.items[0].doc.empty());
}

TEST_P(StoreConformanceTest, DocumentsOfOtherOrganizationsOnlyInCrossOrganizationAreas) {
  std::vector<DocWrite> writes;
  int n = 0;
  for (auto [org, area] : {std::pair{"org_wfp", "are_kbl"}, {"org_wfp", "are_hrt"}, {"org_undp", "are_kbl"},
                           {"", "are_kbl"}, {"", "are_hrt"}}) {
    DocRow d = Doc("specific_sra_approval", "ssa_" + std::to_string(n), area, "approved", "", "",
                   "2026-01-01T00:00:0" + std::to_string(n) + ".000Z");
    ++n;
    d.org_id = org;
    writes.push_back({d, 0});
  }
  SRM_ASSERT_OK(store().WriteDocs(writes, {AuditOf("seed", "specific_sra_approval", "many")}));
  auto ids = [&](const DocFilter& f) {
    std::set<std::string> out;
    auto page = store().ListDocs(f, {500, ""});
    EXPECT_TRUE(page.has_value());
    if (!page) return out;
    EXPECT_EQ(page->total, static_cast<int64_t>(page->items.size()));
    for (const auto& r : page->items) out.insert(r.id);
    return out;
  };
  DocFilter f;
  f.kind = "specific_sra_approval";
  f.restrict_cross_org = true;
  f.reader_org_id = "org_undp";
  EXPECT_EQ(ids(f), (std::set<std::string>{"ssa_2", "ssa_3", "ssa_4"}));
  f.cross_org_area_ids = {"are_hrt"};
  EXPECT_EQ(ids(f), (std::set<std::string>{"ssa_1", "ssa_2", "ssa_3", "ssa_4"}));
  f.restrict_areas = true;
  f.area_ids = {"are_kbl"};
  EXPECT_EQ(ids(f), (std::set<std::string>{"ssa_2", "ssa_3"}));
}

TEST_P(StoreConformanceTest, AuditEntriesFormAHashChain) {
  SRM_ASSERT_OK_AND_ASSIGN(empty, store().VerifyAudit());
  EXPECT_TRUE(empty.ok);
  EXPECT_EQ(empty.entries, 0);

  AuditEvent create = AuditOf("user.create", "user", "usr_1", R"({"username":"alice"})");
  create.before = "";
  SRM_ASSERT_OK(store().CreateUser(SampleUser("usr_1", "alice"), create));
  clock_.Advance(1500);
  AuditEvent update = AuditOf("user.update", "user", "usr_1", R"({"disabled":true})");
  update.before = R"({"disabled":false})";
  SRM_ASSERT_OK(store().UpdateUser(SampleUser("usr_1", "alice"), update));
  clock_.Advance(1500);
  SRM_ASSERT_OK(store().PutRegion({"reg_1", "Africa"}, AuditOf("region.put", "region", "reg_1")));

  SRM_ASSERT_OK_AND_ASSIGN(chain, store().ListAudit("", {50, ""}));
  ASSERT_EQ(chain.items.size(), 3u);
  EXPECT_EQ(chain.total, 3);
  EXPECT_TRUE(chain.next.empty());
  std::string previous = kGenesisHash;
  for (size_t i = 0; i < chain.items.size(); ++i) {
    const AuditEntry& e = chain.items[i];
    EXPECT_EQ(e.seq, static_cast<int64_t>(i + 1));
    EXPECT_EQ(e.prev_hash, previous);
    EXPECT_EQ(e.hash, AuditEntryHash(e));
    previous = e.hash;
  }
  const AuditEntry& second = chain.items[1];
  EXPECT_EQ(second.at, FormatTimestamp(clock_.NowMillis() - 1500));
  EXPECT_EQ(second.event.actor_id, "usr_admin");
  EXPECT_EQ(second.event.actor_name, "admin");
  EXPECT_EQ(second.event.role, "admin");
  EXPECT_EQ(second.event.action, "user.update");
  EXPECT_EQ(second.event.object_type, "user");
  EXPECT_EQ(second.event.object_id, "usr_1");
  EXPECT_EQ(second.event.before, R"({"disabled":false})");
  EXPECT_EQ(second.event.after, R"({"disabled":true})");
  EXPECT_EQ(second.event.request_id, "req-test");

  SRM_ASSERT_OK_AND_ASSIGN(of_user, store().ListAudit("usr_1", {50, ""}));
  EXPECT_EQ(of_user.total, 2);
  ASSERT_EQ(of_user.items.size(), 2u);
  EXPECT_EQ(of_user.items[0].seq, 1);
  EXPECT_EQ(of_user.items[1].seq, 2);
}

TEST_P(StoreConformanceTest, ListAuditPaginatesInChainOrder) {
  for (int i = 0; i < 12; ++i)
    SRM_ASSERT_OK(store().PutRegion({"reg_" + std::to_string(i % 3), "R"},
                                    AuditOf("region.put", "region", "reg_" + std::to_string(i % 3))));
  std::vector<int64_t> seqs;
  PageRequest request{3, ""};
  for (int pages = 0; pages < 10; ++pages) {
    SRM_ASSERT_OK_AND_ASSIGN(page, store().ListAudit("reg_1", request));
    EXPECT_EQ(page.total, 4);
    for (const AuditEntry& e : page.items) seqs.push_back(e.seq);
    if (page.next.empty()) break;
    request.after = page.next;
  }
  EXPECT_EQ(seqs, (std::vector<int64_t>{2, 5, 8, 11}));

  auto bad = store().ListAudit("", {5, "seven"});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, "bad_cursor");
}

TEST_P(StoreConformanceTest, VerifyAuditIsOkAfterManyWrites) {
  PutGeography();
  for (int i = 0; i < 30; ++i) {
    clock_.Advance(10);
    const std::string id = std::to_string(i);
    SRM_ASSERT_OK(store().CreateUser(SampleUser("usr_" + id, "user" + id), AuditOf("user.create", "user", "usr_" + id)));
    SRM_ASSERT_OK(store().WriteSras({InsertOf(SampleSra("sra_" + id, "ser_" + id, 1, "are_kbl", "draft", "t"))},
                                    {AuditOf("sra.create", "sra", "sra_" + id), AuditOf("sra.note", "sra", "sra_" + id)}));
    SRM_ASSERT_OK(store().PutLocation({"loc_" + id, "are_kbl", "L", "office", 1, 2},
                                      AuditOf("location.put", "location", "loc_" + id)));
  }
  SRM_ASSERT_OK_AND_ASSIGN(verification, store().VerifyAudit());
  EXPECT_TRUE(verification.ok) << verification.reason;
  EXPECT_EQ(verification.entries, 4 + 30 * 4);
  EXPECT_FALSE(verification.first_bad.has_value());
}

// --- Durability and concurrency ---

TEST_P(StoreConformanceTest, DataSurvivesClosingAndReopening) {
  PutGeography();
  SRM_ASSERT_OK(store().CreateUser(SampleUser("usr_1", "alice"), AuditOf("user.create", "user", "usr_1")));
  SRM_ASSERT_OK(store().PutSession({"hash_1", "usr_1", "cookie", "csrf", 1, 99}, AuditOf("session.create", "session", "usr_1")));
  SRM_ASSERT_OK(store().InstallMethod({"v1", "{}", false, ""}, true, AuditOf("method.install", "method", "v1")));
  const SraRow row = SampleSra("sra_1", "ser_1", 1, "are_kbl", "draft", "t1");
  SRM_ASSERT_OK(store().WriteSras({InsertOf(row)}, {AuditOf("sra.create", "sra", "sra_1")}));
  SRM_ASSERT_OK_AND_ASSIGN(version_before, store().Migrate());

  SRM_ASSERT_OK(harness_->Reopen());

  SRM_ASSERT_OK_AND_ASSIGN(version_after, store().Migrate());
  EXPECT_EQ(version_after, version_before);
  SRM_ASSERT_OK_AND_ASSIGN(area, store().GetArea("are_kbl"));
  EXPECT_TRUE(area.has_value());
  SRM_ASSERT_OK_AND_ASSIGN(user, store().FindUserByName("alice"));
  ASSERT_TRUE(user.has_value());
  EXPECT_EQ(user->grants.size(), 2u);
  SRM_ASSERT_OK_AND_ASSIGN(session, store().FindSession("hash_1"));
  EXPECT_TRUE(session.has_value());
  SRM_ASSERT_OK_AND_ASSIGN(method, store().ActiveMethod());
  ASSERT_TRUE(method.has_value());
  EXPECT_EQ(method->version, "v1");
  SRM_ASSERT_OK_AND_ASSIGN(sra, store().GetSra("sra_1"));
  ASSERT_TRUE(sra.has_value());
  EXPECT_EQ(sra->doc, row.doc);

  // The chain continues where it stopped.
  SRM_ASSERT_OK(store().PutRegion({"reg_2", "Europe"}, AuditOf("region.put", "region", "reg_2")));
  SRM_ASSERT_OK_AND_ASSIGN(verification, store().VerifyAudit());
  EXPECT_TRUE(verification.ok) << verification.reason;
  EXPECT_EQ(verification.entries, 9);
}

TEST_P(StoreConformanceTest, ConcurrentWritersProduceOneValidChain) {
  constexpr int kThreads = 4;
  constexpr int kWritesPerThread = 50;
  std::atomic<int> failures{0};
  std::atomic<bool> writing{true};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kWritesPerThread; ++i) {
        const std::string id = std::to_string(t) + "_" + std::to_string(i);
        Status s = i % 2 == 0
                       ? store().PutOrganization({"org_" + id, "C" + id, "Org " + id},
                                                 AuditOf("organization.put", "organization", "org_" + id))
                       : store().WriteSras({InsertOf(SampleSra("sra_" + id, "ser_" + id, 1, "a", "draft", "t" + id))},
                                           {AuditOf("sra.create", "sra", "sra_" + id)});
        if (!s) ++failures;
      }
    });
  }
  // Readers run alongside the writers and must never fail.
  std::thread reader([&] {
    while (writing.load()) {
      if (!store().ListSras({}, {20, ""})) ++failures;
      if (!store().ListOrganizations()) ++failures;
    }
  });
  for (std::thread& thread : threads) thread.join();
  writing = false;
  reader.join();

  EXPECT_EQ(failures.load(), 0);
  SRM_ASSERT_OK_AND_ASSIGN(verification, store().VerifyAudit());
  EXPECT_TRUE(verification.ok) << verification.reason;
  EXPECT_EQ(verification.entries, kThreads * kWritesPerThread);
  SRM_ASSERT_OK_AND_ASSIGN(sras, store().ListSras({}, {1, ""}));
  EXPECT_EQ(sras.total, kThreads * kWritesPerThread / 2);
}

TEST_P(StoreConformanceTest, ValuesAreStoredVerbatimNeverInterpretedAsSql) {
  const std::string hostile = "o'brien\"; DROP TABLE users; -- ünïcödé ✓";
  domain::User u = SampleUser("usr_'1", hostile);
  u.display_name = hostile;
  SRM_ASSERT_OK(store().CreateUser(u, AuditOf("user.create", "user", hostile, hostile)));
  SRM_ASSERT_OK_AND_ASSIGN(found, store().FindUserByName(hostile));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->display_name, hostile);
  EXPECT_EQ(found->id, "usr_'1");
  SRM_ASSERT_OK_AND_ASSIGN(sras, store().ListSras(Filter([&](SraFilter& f) {
                                                       f.statuses = {hostile, "\"]"};
                                                       f.area_ids = {hostile};
                                                     }),
                                                     {10, ""}));
  EXPECT_EQ(sras.total, 0);
  SRM_ASSERT_OK_AND_ASSIGN(audit, store().ListAudit(hostile, {10, ""}));
  ASSERT_EQ(audit.items.size(), 1u);
  EXPECT_EQ(audit.items[0].event.after, hostile);
  SRM_ASSERT_OK_AND_ASSIGN(verification, store().VerifyAudit());
  EXPECT_TRUE(verification.ok);
}

std::string BackendName(const ::testing::TestParamInfo<BackendFactory>& info) { return info.param.name; }

// The "store" prefix keeps every test selectable with `ctest -R store`.
INSTANTIATE_TEST_SUITE_P(store, StoreConformanceTest, ::testing::ValuesIn(AllBackends()), BackendName);
INSTANTIATE_TEST_SUITE_P(store, SraListTest, ::testing::ValuesIn(AllBackends()), BackendName);

}  // namespace
}  // namespace srm::store
