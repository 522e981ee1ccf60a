// The store contract: methodology packs, SRA writes and the SRA lists.
#include "store/store_conformance.h"

namespace srm::store::conformance {
namespace {

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

// The read of a published SRA skips its document while the reader holds that revision's bytes.
TEST_P(StoreConformanceTest, SraReadLeavesTheDocumentOutOnlyAtTheRevisionTheReaderHolds) {
  SraRow row = SampleSra("sra_1", "ser_1", 1, "are_kbl", "draft", "2026-11-26T12:00:00.000Z");
  SRM_ASSERT_OK(store().WriteSras({InsertOf(row)}, {}));
  SRM_ASSERT_OK_AND_ASSIGN(held, store().GetSraUnlessRevision("sra_1", 1));
  ASSERT_TRUE(held.has_value());
  EXPECT_EQ(held->doc, "");
  EXPECT_EQ(held->revision, 1);
  EXPECT_EQ(held->status, "draft");  // everything else is read
  SRM_ASSERT_OK_AND_ASSIGN(other, store().GetSraUnlessRevision("sra_1", 7));
  EXPECT_EQ(other->doc, row.doc);

  // After a write the old revision no longer matches: the new document comes back.
  SraRow edited = *other;
  edited.doc = R"({"revision":2})";
  SRM_ASSERT_OK(store().WriteSras({{edited, 1}}, {}));
  SRM_ASSERT_OK_AND_ASSIGN(after, store().GetSraUnlessRevision("sra_1", 1));
  EXPECT_EQ(after->revision, 2);
  EXPECT_EQ(after->doc, R"({"revision":2})");
  SRM_ASSERT_OK_AND_ASSIGN(absent, store().GetSraUnlessRevision("sra_none", 1));
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

// GetSra reads, with the row, the version of its series being drafted or reviewed (for 'revise').
TEST_P(StoreConformanceTest, SraIsReadWithTheVersionInProgressOfItsSeries) {
  SRM_ASSERT_OK(store().WriteSras({InsertOf(SampleSra("sra_v1", "ser_1", 1, "are_kbl", "superseded", "t1")),
                                   InsertOf(SampleSra("sra_v2", "ser_1", 2, "are_kbl", "published", "t2")),
                                   InsertOf(SampleSra("sra_o1", "ser_2", 1, "are_kbl", "draft", "t2"))},
                                  {}));
  SRM_ASSERT_OK_AND_ASSIGN(alone, store().GetSra("sra_v2"));
  EXPECT_EQ(alone->version_in_progress, 0);  // another series' draft does not count
  int version = 3;
  for (const char* status : {"draft", "in_review", "reviewed", "endorsed", "returned"}) {
    SCOPED_TRACE(status);
    const std::string id = "sra_v" + std::to_string(version);
    SRM_ASSERT_OK(store().WriteSras({InsertOf(SampleSra(id, "ser_1", version, "are_kbl", status, "t3"))}, {}));
    SRM_ASSERT_OK_AND_ASSIGN(published, store().GetSra("sra_v2"));
    EXPECT_EQ(published->version_in_progress, version);
    SRM_ASSERT_OK(store().WriteSras({{SampleSra(id, "ser_1", version, "are_kbl", "superseded", "t4"), 1}}, {}));
    SRM_ASSERT_OK_AND_ASSIGN(after, store().GetSra("sra_v2"));
    EXPECT_EQ(after->version_in_progress, 0);
    ++version;
  }
}

// perf12: the version in progress is the highest one in progress, whatever the row read (and
// with or without its document); published and superseded versions never count.
TEST_P(StoreConformanceTest, VersionInProgressIsTheHighestInProgressOfTheSeries) {
  SRM_ASSERT_OK(store().WriteSras({InsertOf(SampleSra("sra_v1", "ser_1", 1, "are_kbl", "superseded", "t1")),
                                   InsertOf(SampleSra("sra_v2", "ser_1", 2, "are_kbl", "returned", "t2")),
                                   InsertOf(SampleSra("sra_v3", "ser_1", 3, "are_kbl", "in_review", "t3")),
                                   InsertOf(SampleSra("sra_v4", "ser_1", 4, "are_kbl", "published", "t4")),
                                   InsertOf(SampleSra("sra_v5", "ser_1", 5, "are_kbl", "superseded", "t5")),
                                   InsertOf(SampleSra("sra_o1", "ser_2", 7, "are_kbl", "endorsed", "t5"))},
                                  {}));
  for (const char* id : {"sra_v1", "sra_v2", "sra_v3", "sra_v4", "sra_v5"}) {
    SCOPED_TRACE(id);
    SRM_ASSERT_OK_AND_ASSIGN(plain, store().GetSra(id));
    ASSERT_TRUE(plain.has_value());
    EXPECT_EQ(plain->version_in_progress, 3);
    SRM_ASSERT_OK_AND_ASSIGN(held, store().GetSraUnlessRevision(id, 1));
    ASSERT_TRUE(held.has_value());
    EXPECT_EQ(held->doc, "");
    EXPECT_EQ(held->version_in_progress, 3);
  }
  SRM_ASSERT_OK_AND_ASSIGN(other_series, store().GetSraUnlessRevision("sra_o1", 1));
  EXPECT_EQ(other_series->version_in_progress, 7);  // an SRA in progress counts itself
  SRM_ASSERT_OK(store().WriteSras({{SampleSra("sra_v3", "ser_1", 3, "are_kbl", "superseded", "t6"), 1}}, {}));
  SRM_ASSERT_OK_AND_ASSIGN(after, store().GetSraUnlessRevision("sra_v4", 1));
  EXPECT_EQ(after->version_in_progress, 2);  // the returned version 2 is still in progress
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

// The read scope of service/scope.h: another organization's specific SRAs only in the
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

INSTANTIATE_TEST_SUITE_P(store, SraListTest, ::testing::ValuesIn(AllBackends()), BackendName);

}  // namespace
}  // namespace srm::store::conformance
