// The store contract for review comments (migration 0024, issue 18) on every backend: a comment
// round-trips whole, is listed per SRA version, its resolution is an update at the stored
// revision, and a stale resolution writes nothing.
#include "store/store_conformance.h"

namespace srm::store::conformance {
namespace {

namespace rec = domain::records;

constexpr const char* kT = "2026-12-01T10:00:00.000Z";
constexpr const char* kLater = "2026-12-02T09:30:00.000Z";

class ReviewCommentsStoreTest : public StoreConformanceTest {
 protected:
  void SetUp() override {
    StoreConformanceTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    PutGeography();
    SRM_ASSERT_OK(store().CreateUser(SampleUser("usr_a", "alice"), AuditOf("user.create", "user", "usr_a")));
    SRM_ASSERT_OK(store().CreateUser(SampleUser("usr_b", "bob"), AuditOf("user.create", "user", "usr_b")));
    SRM_ASSERT_OK(store().WriteSras({InsertOf(SampleSra("sra_1", "srs_1", 1, "are_kbl", "in_review", kT)),
                                     InsertOf(SampleSra("sra_2", "srs_2", 1, "are_kbl", "in_review", kT))},
                                    {AuditOf("sra.create", "sra", "sra_1")}));
  }

  Status Put(const rec::ReviewComment& c, int64_t expected = 0) {
    return store().WriteRecords({}, {{c, expected}}, {AuditOf("sra.comment", "review_comment", c.id)});
  }

  static rec::ReviewComment Comment(std::string id, std::string sra_id, std::string anchor) {
    rec::ReviewComment c;
    c.id = std::move(id);
    c.sra_id = std::move(sra_id);
    c.series_id = "srs_1";
    c.sra_version = 1;
    c.sra_revision = 7;
    c.sra_status = "in_review";
    c.anchor = std::move(anchor);
    c.text = "Le scénario « Carjacking » : vulnérabilité à revoir — تحقق";
    c.author = {"usr_a", "alice"};
    c.author_role = "security_cell";
    c.made_at = kT;
    c.created_at = c.updated_at = kT;
    return c;
  }
};

TEST_P(ReviewCommentsStoreTest, ACommentRoundTripsWholeAndIsListedPerSraVersion) {
  const rec::ReviewComment on_scenario = Comment("rvc_1", "sra_1", "scenarios/scn_1/vulnerability");
  const rec::ReviewComment whole = Comment("rvc_2", "sra_1", "sra");
  const rec::ReviewComment other = Comment("rvc_3", "sra_2", "steps/threats");
  SRM_ASSERT_OK(Put(on_scenario));
  SRM_ASSERT_OK(Put(whole));
  SRM_ASSERT_OK(Put(other));
  rec::ReviewComment expected = on_scenario;
  expected.revision = 1;
  SRM_ASSERT_OK_AND_ASSIGN(read, store().GetReviewComment("rvc_1"));
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(*read, expected);
  EXPECT_FALSE(read->resolved_at.has_value());
  EXPECT_TRUE(read->resolved_by.id.empty());
  SRM_ASSERT_OK_AND_ASSIGN(page, store().ListReviewComments({.sra_id = "sra_1"}, {50, ""}));
  EXPECT_EQ(page.total, 2);
  ASSERT_EQ(page.items.size(), 2u);
  for (const auto& c : page.items) EXPECT_EQ(c.sra_id, "sra_1");
  EXPECT_EQ(store().ListReviewComments({.sra_id = "sra_2"}, {50, ""}).value().total, 1);
  EXPECT_EQ(store().ListReviewComments({.sra_id = "sra_none"}, {50, ""}).value().total, 0);
  EXPECT_FALSE(store().GetReviewComment("rvc_none").value().has_value());
}

TEST_P(ReviewCommentsStoreTest, ResolvingIsAnUpdateAtTheStoredRevisionAndAStaleOneWritesNothing) {
  rec::ReviewComment c = Comment("rvc_1", "sra_1", "scenarios/scn_1");
  SRM_ASSERT_OK(Put(c));
  rec::ReviewComment resolved = c;
  resolved.resolved_at = kLater;
  resolved.resolved_by = {"usr_b", "bob"};
  resolved.updated_at = kLater;
  SRM_ASSERT_OK(Put(resolved, 1));
  SRM_ASSERT_OK_AND_ASSIGN(read, store().GetReviewComment("rvc_1"));
  resolved.revision = 2;
  EXPECT_EQ(*read, resolved);
  // A second resolution based on the first revision: someone resolved it meanwhile.
  rec::ReviewComment stale = c;
  stale.resolved_at = "2026-12-03T00:00:00.000Z";
  stale.resolved_by = {"usr_a", "alice"};
  auto st = Put(stale, 1);
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().code, "stale_revision");
  EXPECT_EQ(*store().GetReviewComment("rvc_1").value(), resolved);
}

TEST_P(ReviewCommentsStoreTest, ACommentOnAnSraTheStoreDoesNotHoldIsRefused) {
  auto st = Put(Comment("rvc_9", "sra_missing", "sra"));
  EXPECT_FALSE(st.has_value());
  EXPECT_FALSE(store().GetReviewComment("rvc_9").value().has_value());
}

INSTANTIATE_TEST_SUITE_P(store, ReviewCommentsStoreTest, ::testing::ValuesIn(AllBackends()), BackendName);

}  // namespace
}  // namespace srm::store::conformance
