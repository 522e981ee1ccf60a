// The store contract: documents (the generic table of evidence jobs, proposals, idempotency).
#include "store/store_conformance.h"

namespace srm::store::conformance {
namespace {


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

}  // namespace
}  // namespace srm::store::conformance
