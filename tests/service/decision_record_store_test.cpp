// The decision record store (service/decisions/record_store.h) over a real SQLite database: every
// kind written and read back is the same record, including the fields kept in the row's columns
// rather than in its JSON (operator== = default compares every field), and its listings ask the
// columns the right questions.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "fakes/fake_clock.h"
#include "service/decisions/record_store.h"
#include "store/sqlite/sqlite_store.h"
#include "support/decision_record_builders.h"

namespace srm::service {
namespace {

namespace rec = domain::records;

constexpr const char* kCreated = "2026-02-01T00:00:00.000Z";
constexpr const char* kUpdated = "2026-02-02T00:00:00.000Z";

// The rows PutReferences creates; the records' own window is 2026-03-01..05.
const test_support::RecordRefs kRefs;

class DecisionRecordStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("srm-decision-records-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    store::SqliteOptions o;
    o.path = (dir_ / "srm.db").string();
    o.clock = &clock_;
    o.readers = 2;
    auto opened = store::OpenSqliteStore(o);
    ASSERT_TRUE(opened.has_value());
    store_ = std::move(*opened);
    ASSERT_TRUE(store_->Migrate().has_value());
    records_ = std::make_unique<DecisionRecords>(store_.get());
    PutReferences();
  }

  // What the records point at: each table's foreign keys need the rows to exist.
  void PutReferences() {
    const store::AuditEvent a = Audit("references");
    ASSERT_TRUE(store_->PutOrganization({"org_wfp", "WFP", "World Food Programme"}, a).has_value());
    ASSERT_TRUE(store_->PutRegion({"reg_1", "Region"}, a).has_value());
    ASSERT_TRUE(store_->PutCountry({"cty_1", "reg_1", "CA", "Carana"}, a).has_value());
    ASSERT_TRUE(store_->PutArea({"are_1", "cty_1", "Sanjar", ""}, a).has_value());
    ASSERT_TRUE(store_->PutLocation({"loc_1", "are_1", "Office", "office", 0, 0}, a).has_value());
    ASSERT_TRUE(store_->PutProgramme({"prg_1", "org_wfp", "are_1", "Food", "Distribution", 2, 1, 1, 0}, a).has_value());
    for (const char* id : {"u_ana", "u_dss", "u_other", "u_req", "u_smt"}) {
      domain::User u;
      u.id = id;
      u.username = std::string(id).substr(2);
      u.display_name = u.username;
      u.organization_id = "org_wfp";
      u.password_hash = "x";
      u.created_at = kCreated;
      ASSERT_TRUE(store_->CreateUser(u, a).has_value());
    }
    for (const char* id : {"sra_1", "sra_9"}) {
      store::SraRow r;
      r.id = id;
      r.series_id = std::string("ser_") + id;
      r.version = 1;
      r.kind = "area";
      r.area_id = "are_1";
      r.country_id = "cty_1";
      r.organization_id = "org_wfp";
      r.status = "published";
      r.created_at = r.updated_at = kCreated;
      r.doc = "{}";
      ASSERT_TRUE(store_->WriteSras({{r, 0}}, {a}).has_value());
    }
  }
  void TearDown() override {
    records_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Writes the record as new and expects to read it back unchanged, at revision 1. Created and
  // updated differ, so swapped columns show.
  template <typename T, typename Get>
  void ExpectStoredAsIs(T r, Get get) {
    r.revision = 0;
    r.updated_at = kUpdated;
    ASSERT_TRUE(records_->Commit({DecisionRecords::Put(r, 0)}, {Audit(r.id)}).has_value());
    auto back = get();
    ASSERT_TRUE(back.has_value()) << back.error().message;
    ASSERT_TRUE(back->has_value());
    r.revision = 1;
    EXPECT_EQ(**back, r);
  }

  static store::AuditEvent Audit(const std::string& id) {
    return {"system", "test", "system", "test.write", "decision", id, "", "", ""};
  }

  fakes::FakeClock clock_;
  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<DecisionRecords> records_;
};

TEST_F(DecisionRecordStoreTest, ClearanceRequestsAndLegsKeepEveryField) {
  rec::ClearanceRequest r = test_support::Request(kRefs, "clr_1");
  r.leg_ids = std::vector<std::string>{"leg_1"};
  ExpectStoredAsIs(r, [&] { return records_->Request("clr_1"); });
  ExpectStoredAsIs(test_support::Leg(kRefs, "leg_1", "clr_1", "referred"), [&] { return records_->Leg("leg_1"); });
  ExpectStoredAsIs(test_support::Leg(kRefs, "leg_2", "clr_1", "cleared"), [&] { return records_->Leg("leg_2"); });
  auto statuses = records_->LegStatuses("clr_1");
  ASSERT_TRUE(statuses.has_value());
  ASSERT_EQ(statuses->size(), 2u);
  auto in_area = records_->LegsInArea("are_1", "2026-03-05", "2026-03-09");
  ASSERT_TRUE(in_area.has_value());
  EXPECT_EQ(in_area->size(), 2u);
  EXPECT_TRUE(records_->LegsInArea("are_1", "2026-03-06", "")->empty());
  auto of_programme = records_->RequestsOfProgramme("prg_1", "2026-03-05");
  ASSERT_TRUE(of_programme.has_value());
  ASSERT_EQ(of_programme->size(), 1u);
  EXPECT_EQ(of_programme->front().id, "clr_1");
}

TEST_F(DecisionRecordStoreTest, EgsAndSpecificApprovalsKeepEveryField) {
  const rec::EgsRecord e = test_support::Egs(kRefs, "egs_1");
  ExpectStoredAsIs(e, [&] { return records_->Egs("egs_1"); });
  // Listed without body: the columns give id, decision and window.
  auto in_area = records_->EgsInArea("are_1");
  ASSERT_TRUE(in_area.has_value());
  ASSERT_EQ(in_area->size(), 1u);
  EXPECT_EQ(in_area->front().decision, "no_go");
  EXPECT_EQ(in_area->front().to, e.to);

  rec::SpecificSraApproval a = test_support::SpecificApproval(kRefs, "sra_9");
  a.to = "";  // open-ended
  ExpectStoredAsIs(a, [&] { return records_->SpecificApproval("sra_9"); });
  EXPECT_EQ(records_->SpecificInArea("are_1", "approved")->size(), 1u);
  EXPECT_TRUE(records_->SpecificInArea("are_1", "coordinated")->empty());
}

TEST_F(DecisionRecordStoreTest, ActivitiesAndPcAssessmentsKeepEveryField) {
  ExpectStoredAsIs(test_support::Activity(kRefs), [&] { return records_->Activity("prg_1"); });
  ExpectStoredAsIs(test_support::Assessment(kRefs), [&] { return records_->PcAssessmentOf("prg_1"); });
}

TEST_F(DecisionRecordStoreTest, ComplianceItemsAndNotificationsKeepEveryField) {
  const rec::ComplianceItem c = test_support::Compliance(kRefs, "cmp_1", "open");
  ExpectStoredAsIs(c, [&] { return records_->ComplianceItem("cmp_1"); });
  DecisionRecords::ComplianceQuery q;
  q.location_id = "loc_1";
  auto columns_only = records_->AllCompliance(q, false);
  ASSERT_TRUE(columns_only.has_value());
  ASSERT_EQ(columns_only->size(), 1u);
  EXPECT_EQ(columns_only->front().due_date, c.due_date);
  EXPECT_EQ(columns_only->front().organization_id, "org_wfp");

  const rec::Notification n = test_support::Note(kRefs, "ntf_1", "unread");
  ExpectStoredAsIs(n, [&] { return records_->Notification("ntf_1"); });
  auto inbox = records_->ListNotifications("u_ana", true, {50, ""});
  ASSERT_TRUE(inbox.has_value());
  ASSERT_EQ(inbox->items.size(), 1u);
  EXPECT_TRUE(records_->ListNotifications("u_other", false, {50, ""})->items.empty());
}

}  // namespace
}  // namespace srm::service
