// Migration 0010 (src/store/migrations/0010_one_area_sra_in_force.sql): a database made before the
// supersede rule may hold two or more published area SRAs in one area. On both backends the test
// writes that bad state through the store (the rule lives in the service, so the store accepts
// it), marks 0010 as not applied, migrates, and finds one area SRA in force per area: the newest
// (latest published_at, then id) kept, the others superseded in their column and their document
// (status, a "supersede" history entry naming the SRA in force, revision and updated_at moved on).
// Specific SRAs, drafts and areas with one SRA are untouched; running it again changes nothing;
// the audit chain still verifies and has no entry more (0010 documents why it appends none).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "store/migration_test_support.h"

namespace srm::store {
namespace {

using namespace testing_support;
using nlohmann::json;

SraRow Sra(const std::string& id, const std::string& area, const std::string& kind, const std::string& status,
           const std::string& published_at, const std::string& updated_at) {
  SraRow r = SampleSra(id, "ser_" + id, 1, area, status, updated_at);
  r.kind = kind;
  json doc{{"id", id},           {"status", status},        {"kind", kind},
           {"area_id", area},    {"published_at", published_at},
           {"updated_at", updated_at},
           {"revision", 1},
           {"history", json::array({{{"action", "approve"}, {"from", "endorsed"}, {"to", status}, {"by", "dss"},
                                     {"role", "dss_desk"}, {"comment", "ok"}, {"at", updated_at}}})}};
  r.doc = doc.dump();
  return r;
}

// The bad state: area a1 holds three published area SRAs (s_new is the newest by published_at even
// though s_late was updated later), plus a published specific SRA and a draft; a2 holds one.
std::vector<SraWrite> BadState() {
  return {InsertOf(Sra("s_old", "a1", "area", "published", "2026-01-10T09:00:00.000Z", "2026-01-10T09:00:00.000Z")),
          InsertOf(Sra("s_new", "a1", "area", "published", "2026-06-01T09:00:00.000Z", "2026-06-01T09:00:00.000Z")),
          InsertOf(Sra("s_late", "a1", "area", "published", "2026-03-01T09:00:00.000Z", "2026-07-01T09:00:00.000Z")),
          InsertOf(Sra("s_spec", "a1", "specific", "published", "2026-02-01T09:00:00.000Z", "2026-02-01T09:00:00.000Z")),
          InsertOf(Sra("s_draft", "a1", "area", "draft", "", "2026-08-01T09:00:00.000Z")),
          InsertOf(Sra("s_alone", "a2", "area", "published", "2026-01-05T09:00:00.000Z", "2026-01-05T09:00:00.000Z"))};
}

Status WriteBadState(Store& st) {
  std::vector<AuditEvent> audit;
  for (const auto& w : BadState())
    audit.push_back({"u_sp", "sp", "security_professional", "sra.create", "sra", w.row.id, "", "", ""});
  return st.WriteSras(BadState(), audit);
}

void ExpectOneInForcePerArea(Store& st, int64_t audit_entries) {
  for (const std::string id : {"s_old", "s_late"}) {
    SRM_ASSERT_OK_AND_ASSIGN(row, st.GetSra(id));
    ASSERT_TRUE(row.has_value()) << id;
    EXPECT_EQ(row->status, "superseded") << id;
    EXPECT_EQ(row->revision, 2) << id;
    EXPECT_GT(row->updated_at, "2026-07-01T09:00:00.000Z") << id;
    const json doc = json::parse(row->doc);
    EXPECT_EQ(doc["status"], "superseded") << id;
    EXPECT_EQ(doc["revision"], 2) << id;
    EXPECT_EQ(doc["updated_at"], row->updated_at) << id;
    ASSERT_EQ(doc["history"].size(), 2u) << id;
    const json& h = doc["history"][1];
    EXPECT_EQ(h["action"], "supersede");
    EXPECT_EQ(h["from"], "published");
    EXPECT_EQ(h["to"], "superseded");
    EXPECT_EQ(h["by"], "migration 0010");
    EXPECT_NE(h["comment"].get<std::string>().find("s_new"), std::string::npos) << h.dump();
    EXPECT_EQ(h["at"], row->updated_at);
    EXPECT_EQ(doc["history"][0]["action"], "approve") << "the earlier history is kept";
  }
  for (const auto& [id, status] : {std::pair{"s_new", "published"}, {"s_spec", "published"}, {"s_draft", "draft"},
                                   {"s_alone", "published"}}) {
    SRM_ASSERT_OK_AND_ASSIGN(row, st.GetSra(id));
    ASSERT_TRUE(row.has_value()) << id;
    EXPECT_EQ(row->status, status) << id;
    EXPECT_EQ(row->revision, 1) << id << " is untouched";
    EXPECT_EQ(json::parse(row->doc)["history"].size(), 1u) << id;
  }
  SraFilter in_force;
  in_force.area_id = "a1";
  in_force.statuses = {"published"};
  SRM_ASSERT_OK_AND_ASSIGN(page, st.ListSras(in_force, {50, ""}));
  int area_sras = 0;
  for (const auto& r : page.items) area_sras += r.kind == "area" ? 1 : 0;
  EXPECT_EQ(area_sras, 1) << "one area SRA in force in a1";
  SRM_ASSERT_OK_AND_ASSIGN(verification, st.VerifyAudit());
  EXPECT_TRUE(verification.ok) << verification.reason;
  EXPECT_EQ(verification.entries, audit_entries) << "the migration appends no audit entry";
}

class Migration0010Test : public ::testing::TestWithParam<std::string> {};

TEST_P(Migration0010Test, SupersedesAllButTheNewestPublishedAreaSraPerArea) {
  MigrationTarget db(GetParam());
  ASSERT_TRUE(db.ok()) << db.error();
  {
    SRM_ASSERT_OK_AND_ASSIGN(st, db.Open());
    SRM_ASSERT_OK_AND_ASSIGN(version, st->Migrate());
    ASSERT_GE(version, 10);
    SRM_ASSERT_OK(WriteBadState(*st));
    SraFilter f;
    f.area_id = "a1";
    f.statuses = {"published"};
    SRM_ASSERT_OK_AND_ASSIGN(before, st->ListSras(f, {50, ""}));
    ASSERT_EQ(before.total, 4) << "the bad state: three area SRAs and a specific one published in a1";
  }
  db.Forget(10);
  {
    SRM_ASSERT_OK_AND_ASSIGN(st, db.Open());
    SRM_ASSERT_OK_AND_ASSIGN(version, st->Migrate());
    EXPECT_GE(version, 10);
    ExpectOneInForcePerArea(*st, 6);
  }
  // Again: nothing left to supersede, nothing changes.
  db.Forget(10);
  {
    SRM_ASSERT_OK_AND_ASSIGN(st, db.Open());
    SRM_ASSERT_OK(st->Migrate());
    ExpectOneInForcePerArea(*st, 6);
  }
}

// Names end in /sqlite or /postgres: scripts/test.sh runs the PostgreSQL one in its second pass.
INSTANTIATE_TEST_SUITE_P(migration, Migration0010Test, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace srm::store
