// The store contract for naming what an answer points at (issue 18; store.h "Names of
// the records an answer points at") on every backend: one query per kind for a list of ids, only
// the ids that exist, repeats and empty ids ignored, nothing asked for an empty list.
#include <algorithm>

#include "store/store_conformance.h"

namespace srm::store::conformance {
namespace {

namespace rec = domain::records;

constexpr const char* kT = "2026-12-01T10:00:00.000Z";

class NamesStoreTest : public RecordKindStoreTest {
 protected:
  void SetUp() override {
    RecordKindStoreTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    domain::User b = SampleUser("usr_b", "bob");
    b.display_name = "Bob Ngata — بوب";
    SRM_ASSERT_OK(store().CreateUser(b, AuditOf("user.create", "user", "usr_b")));
  }
};

TEST_P(NamesStoreTest, UserDisplayNamesAreReadForTheIdsThatExist) {
  SRM_ASSERT_OK_AND_ASSIGN(names, store().UserDisplayNames({"usr_b", "usr_a", "usr_b", "", "usr_none"}));
  const std::map<std::string, std::string> expected{{"usr_a", "User alice"}, {"usr_b", "Bob Ngata — بوب"}};
  EXPECT_EQ(names, expected);
  SRM_ASSERT_OK_AND_ASSIGN(none, store().UserDisplayNames({}));
  EXPECT_TRUE(none.empty());
  // By username, for records that name who acted that way ("system" is nobody's).
  SRM_ASSERT_OK_AND_ASSIGN(by_name, store().UserDisplayNamesByUsername({"bob", "system", "alice", "bob"}));
  const std::map<std::string, std::string> expected_by_name{{"alice", "User alice"}, {"bob", "Bob Ngata — بوب"}};
  EXPECT_EQ(by_name, expected_by_name);
  EXPECT_TRUE(store().UserDisplayNamesByUsername({}).value().empty());
}

TEST_P(NamesStoreTest, SraHeadsCarryTitleAndScopeColumnsAndTheDocumentOnlyWhenAsked) {
  SraRow specific = SampleSra("sra_2", "srs_2", 1, "are_kbl", "published", kT);
  specific.kind = "specific";
  specific.title = "Mission « Kaboul » — بعثة";
  SRM_ASSERT_OK(store().WriteSras({InsertOf(SampleSra("sra_1", "srs_1", 1, "are_kbl", "draft", kT)), InsertOf(specific)},
                                  {AuditOf("sra.create", "sra", "sra_1")}));
  SRM_ASSERT_OK_AND_ASSIGN(heads, store().SraHeads({"sra_2", "sra_1", "sra_2", "sra_none"}, false));
  ASSERT_EQ(heads.size(), 2u);
  std::map<std::string, SraRow> by_id;
  for (const auto& h : heads) by_id[h.id] = h;
  ASSERT_TRUE(by_id.count("sra_1") && by_id.count("sra_2"));
  EXPECT_EQ(by_id["sra_2"].title, "Mission « Kaboul » — بعثة");
  EXPECT_EQ(by_id["sra_2"].kind, "specific");
  EXPECT_EQ(by_id["sra_2"].organization_id, "org_undp");
  EXPECT_EQ(by_id["sra_2"].country_id, "cty_af");
  EXPECT_EQ(by_id["sra_2"].area_id, "are_kbl");
  EXPECT_EQ(by_id["sra_1"].kind, "area");
  EXPECT_EQ(by_id["sra_1"].status, "draft");
  EXPECT_TRUE(by_id["sra_1"].doc.empty());
  SRM_ASSERT_OK_AND_ASSIGN(with_doc, store().SraHeads({"sra_1"}, true));
  ASSERT_EQ(with_doc.size(), 1u);
  EXPECT_EQ(with_doc[0].doc, SampleSra("sra_1", "srs_1", 1, "are_kbl", "draft", kT).doc);
  EXPECT_TRUE(store().SraHeads({}, true).value().empty());
}

TEST_P(NamesStoreTest, SraMeasureHeadsAreTakenOutOfTheDocumentsOfTheListedSras) {
  SraRow a = SampleSra("sra_1", "srs_1", 1, "are_kbl", "draft", kT);
  a.doc = R"({"id":"sra_1","scenarios":[{"id":"sc_1","measures":[{"id":"me_1","description":"Armoured « car » — سيارة"},)"
          R"({"id":"me_2","description":""}]},{"id":"sc_2","measures":[]},{"id":"sc_3"}]})";
  SraRow b = SampleSra("sra_2", "srs_2", 1, "are_kbl", "draft", kT);
  b.doc = R"({"id":"sra_2","scenarios":[{"id":"sc_1","measures":[{"id":"me_1","description":"Guard post"}]}]})";
  SraRow c = SampleSra("sra_3", "srs_3", 1, "are_kbl", "draft", kT);  // no scenarios at all
  SRM_ASSERT_OK(store().WriteSras({InsertOf(a), InsertOf(b), InsertOf(c)}, {AuditOf("sra.create", "sra", "sra_1")}));
  SRM_ASSERT_OK_AND_ASSIGN(rows, store().SraMeasureHeads({"sra_1", "sra_3", "sra_none", "sra_1", ""}));
  std::sort(rows.begin(), rows.end(), [](const auto& x, const auto& y) { return x.measure_id < y.measure_id; });
  const std::vector<Store::MeasureHead> expected{{"sra_1", "me_1", "Armoured « car » — سيارة"}, {"sra_1", "me_2", ""}};
  EXPECT_EQ(rows, expected);  // sra_2's measure of the same id is not asked for
  SRM_ASSERT_OK_AND_ASSIGN(both, store().SraMeasureHeads({"sra_1", "sra_2"}));
  EXPECT_EQ(both.size(), 3u);
  EXPECT_TRUE(store().SraMeasureHeads({}).value().empty());
}

TEST_P(NamesStoreTest, CountryNamesAreReadForTheIdsThatExist) {
  SRM_ASSERT_OK(store().PutCountry({"cty_ke", "reg_ap", "KE", "Kenya — كينيا"}, AuditOf("country.put", "country", "cty_ke")));
  SRM_ASSERT_OK_AND_ASSIGN(names, store().CountryNames({"cty_ke", "cty_none", "cty_ke", ""}));
  const std::map<std::string, std::string> expected{{"cty_ke", "Kenya — كينيا"}};
  EXPECT_EQ(names, expected);
  EXPECT_TRUE(store().CountryNames({}).value().empty());
}

TEST_P(NamesStoreTest, SraHeadsCarryTheVersion) {
  SRM_ASSERT_OK(store().WriteSras({InsertOf(SampleSra("sra_7", "srs_7", 3, "are_kbl", "draft", kT))},
                                  {AuditOf("sra.create", "sra", "sra_7")}));
  SRM_ASSERT_OK_AND_ASSIGN(heads, store().SraHeads({"sra_7"}, false));
  ASSERT_EQ(heads.size(), 1u);
  EXPECT_EQ(heads[0].version, 3);
}

TEST_P(NamesStoreTest, EgsHeadsNameADecisionByItsAreaAndWindow) {
  rec::EgsRecord e;
  e.id = "egs_1";
  e.area_id = "are_kbl";
  e.area_name = "Kabul";
  e.country_id = "cty_af";
  e.decision = "no_go";
  e.from = "2026-12-01";
  e.to = "2026-12-31";
  e.reason = "elections";
  e.recorded_by = {"usr_a", "alice"};
  e.decided_at = kT;
  e.created_at = e.updated_at = kT;
  SRM_ASSERT_OK(Put(e));
  SRM_ASSERT_OK_AND_ASSIGN(heads, store().EgsHeads({"egs_1", "egs_none", "egs_1"}));
  ASSERT_EQ(heads.size(), 1u);
  EXPECT_EQ(heads[0], (Store::EgsHead{"egs_1", "are_kbl", "cty_af", "Kabul", "2026-12-01", "2026-12-31"}));
  EXPECT_TRUE(store().EgsHeads({}).value().empty());
}

// The people's names epoch (migration 0029) comes with GetSra's row: raised in the
// transaction that creates a user or changes a display name or username, and by nothing else, and
// kept in the database (a reopened store, as another server on it, reads the same).
TEST_P(NamesStoreTest, TheNamesEpochComesWithTheSraAndIsRaisedByRenamesAndNewUsersOnly) {
  SRM_ASSERT_OK(store().WriteSras({InsertOf(SampleSra("sra_1", "srs_1", 1, "are_kbl", "draft", kT))},
                                  {AuditOf("sra.create", "sra", "sra_1")}));
  const auto epoch = [&] {
    auto row = store().GetSra("sra_1");
    EXPECT_TRUE(row.has_value() && row->has_value());
    return row.has_value() && row->has_value() ? (*row)->names_epoch : -1;
  };
  const auto unless = [&](int64_t known) {
    auto row = store().GetSraUnlessRevision("sra_1", known);
    EXPECT_TRUE(row.has_value() && row->has_value());
    return row.has_value() && row->has_value() ? (*row)->names_epoch : -1;
  };
  const int64_t start = epoch();
  EXPECT_GE(start, 2);  // alice and bob were created by SetUp
  EXPECT_EQ(unless(1), start);  // also when the document is left out

  SRM_ASSERT_OK_AND_ASSIGN(found, store().GetUser("usr_b"));
  ASSERT_TRUE(found.has_value());
  domain::User b = *found;
  b.display_name = "Bob Ngata (renamed)";
  SRM_ASSERT_OK(store().UpdateUser(b, AuditOf("user.update", "user", "usr_b")));
  EXPECT_EQ(epoch(), start + 1);
  EXPECT_EQ(unless(1), start + 1);
  // Grants, the organization, disabling: no name changes, the epoch stays.
  b.grants = {{domain::Role::kAuditor, "", "", ""}};
  b.disabled = true;
  SRM_ASSERT_OK(store().UpdateUser(b, AuditOf("user.update", "user", "usr_b")));
  EXPECT_EQ(epoch(), start + 1);
  // A new username names someone else too.
  b.username = "bob.ngata";
  SRM_ASSERT_OK(store().UpdateUser(b, AuditOf("user.update", "user", "usr_b")));
  EXPECT_EQ(epoch(), start + 2);
  // An update of nobody, refused: nothing raised.
  domain::User ghost = SampleUser("usr_none", "ghost");
  EXPECT_FALSE(store().UpdateUser(ghost, AuditOf("user.update", "user", "usr_none")).has_value());
  EXPECT_EQ(epoch(), start + 2);
  // A new user: a username that named nobody may name someone now.
  SRM_ASSERT_OK(store().CreateUser(SampleUser("usr_c", "carol"), AuditOf("user.create", "user", "usr_c")));
  EXPECT_EQ(epoch(), start + 3);
  // A refused creation (the username is taken) raises nothing: the transaction rolled back.
  EXPECT_FALSE(store().CreateUser(SampleUser("usr_d", "carol"), AuditOf("user.create", "user", "usr_d")).has_value());
  EXPECT_EQ(epoch(), start + 3);
  // In the database, not in this process.
  SRM_ASSERT_OK(harness_->Reopen());
  EXPECT_EQ(epoch(), start + 3);
}

INSTANTIATE_TEST_SUITE_P(store, NamesStoreTest, ::testing::ValuesIn(AllBackends()), BackendName);

}  // namespace
}  // namespace srm::store::conformance
