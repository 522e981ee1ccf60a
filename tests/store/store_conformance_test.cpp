// The store contract: schema, reference data and users (the other concerns are in
// store_conformance_*_test.cpp; the fixture in store_conformance.h).
#include "store/store_conformance.h"

namespace srm::store::conformance {
namespace {


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
  EXPECT_EQ(p.manager_id, "");  // nobody named
}

// Who runs a programme's activity (migration 0011): a user, kept and listed; an unknown one is refused.
TEST_P(StoreConformanceTest, AProgrammeNamesTheUserWhoRunsIt) {
  PutGeography();
  SRM_ASSERT_OK(store().CreateUser(SampleUser("usr_mgr", "manager"), AuditOf("user.create", "user", "usr_mgr")));
  Programme p{"prg_m", "org_undp", "are_kbl", "Shelter", "Distribution", 3, 1, 2, 0};
  p.manager_id = "usr_mgr";
  SRM_ASSERT_OK(store().PutProgramme(p, AuditOf("programme.put", "programme", "prg_m")));
  SRM_ASSERT_OK_AND_ASSIGN(listed, store().ListProgrammes("are_kbl"));
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0], p);
  p.manager_id = "";  // cleared again
  SRM_ASSERT_OK(store().PutProgramme(p, AuditOf("programme.put", "programme", "prg_m")));
  SRM_ASSERT_OK_AND_ASSIGN(cleared, store().ListProgrammes(""));
  ASSERT_EQ(cleared.size(), 1u);
  EXPECT_EQ(cleared[0].manager_id, "");
  p.manager_id = "usr_none";
  Status unknown = store().PutProgramme(p, AuditOf("programme.put", "programme", "prg_m"));
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, "unknown_reference");
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
  EXPECT_TRUE(*by_id == alice) << "every field, through User's operator==";
  EXPECT_EQ(by_id->username, "alice");
  EXPECT_EQ(by_id->organization_id, "org_undp");
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
    SRM_ASSERT_OK_AND_ASSIGN(page, store().ListUsers({}, request));
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

// The "store" prefix keeps every test selectable with `ctest -R store`.
INSTANTIATE_TEST_SUITE_P(store, StoreConformanceTest, ::testing::ValuesIn(AllBackends()), BackendName);

}  // namespace
}  // namespace srm::store::conformance
