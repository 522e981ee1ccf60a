// Every decision record survives its codec: FromJson(ToJson(r)) == r with every field the JSON
// carries set to a non-default value (operator== = default compares them all, so a field added to
// a struct but forgotten in its codec fails here). "(row)" fields are outside the JSON and stay
// default (JsonPart). The records come from the builders the store tests share.
#include <gtest/gtest.h>

#include "domain/records/decision_records_json.h"
#include "support/decision_record_builders.h"

namespace srm::domain::records {
namespace {

using nlohmann::json;
using test_support::JsonPart;

// Every cross-reference set, so the codec carries them all.
const test_support::RecordRefs kRefs = [] {
  test_support::RecordRefs r;
  r.specific_sra_id = "sra_2";
  r.egs_decision_id = "egs_1";
  return r;
}();

template <typename T>
void ExpectRoundTrip(const T& r) {
  const json j = ToJson(r);
  const T back = FromJson<T>(j);
  EXPECT_EQ(back, r) << j.dump(2);
  // The document read back writes the same JSON again.
  EXPECT_EQ(ToJson(back), j);
}

TEST(DecisionRecords, ClearanceRequestRoundTrips) {
  ClearanceRequest r = test_support::Request(kRefs, "clr_1");
  r.leg_ids = std::vector<std::string>{"leg_1", "leg_2"};
  r.revision = 3;
  ExpectRoundTrip(r);
  // A preview: no leg ids, no revision; neither key is written.
  r.leg_ids.reset();
  r.revision = 0;
  ExpectRoundTrip(r);
  EXPECT_FALSE(ToJson(r).contains("leg_ids"));
  EXPECT_FALSE(ToJson(r).contains("revision"));
}

TEST(DecisionRecords, ClearanceLegRoundTrips) {
  ClearanceLeg r = JsonPart(test_support::Leg(kRefs, "leg_1", "clr_1", "approved"));
  r.revision = 4;
  ExpectRoundTrip(r);
  const json j = ToJson(r);
  EXPECT_FALSE(j["history"][0].contains("role"));
  EXPECT_FALSE(j["history"][1].contains("cause"));
}

TEST(DecisionRecords, EgsRecordRoundTrips) {
  EgsRecord r = JsonPart(test_support::Egs(kRefs, "egs_1"));
  r.revision = 1;
  ExpectRoundTrip(r);
}

TEST(DecisionRecords, SpecificSraApprovalRoundTrips) {
  SpecificSraApproval r = JsonPart(test_support::SpecificApproval(kRefs, "sra_9"));
  r.revision = 3;
  ExpectRoundTrip(r);
  // Before anyone acted, no coordinated_by / decided_by; without a residual, null.
  r.coordinated_by.reset();
  r.decided_by.reset();
  r.residual_risk.reset();
  ExpectRoundTrip(r);
  EXPECT_FALSE(ToJson(r).contains("decided_by"));
  EXPECT_TRUE(ToJson(r)["residual_risk"].is_null());
}

TEST(DecisionRecords, ActivityDecisionRoundTrips) {
  ActivityDecisionRecord r = JsonPart(test_support::Activity(kRefs));
  r.revision = 2;
  ExpectRoundTrip(r);
  // Without a published SRA, approval or no-go: nulls, not absent keys.
  r.sra_id.reset();
  r.residual_risk.reset();
  r.current_risk.reset();
  r.exec_approval.reset();
  r.egs_decision_id.reset();
  ExpectRoundTrip(r);
  const json j = ToJson(r);
  for (const char* k : {"sra_id", "residual_risk", "current_risk", "exec_approval", "egs_decision_id"})
    EXPECT_TRUE(j.contains(k) && j[k].is_null()) << k;
}

TEST(DecisionRecords, PcAssessmentRoundTrips) {
  PcAssessment r = JsonPart(test_support::Assessment(kRefs));
  r.revision = 1;
  ExpectRoundTrip(r);
}

TEST(DecisionRecords, ComplianceItemRoundTrips) {
  ComplianceItem r = test_support::Compliance(kRefs, "cmp_1");
  r.revision = 2;
  ExpectRoundTrip(r);
}

TEST(DecisionRecords, NotificationRoundTrips) {
  Notification r = JsonPart(test_support::Note(kRefs, "ntf_1"));
  r.revision = 2;
  ExpectRoundTrip(r);
  r.read_at.reset();
  r.status = "unread";
  ExpectRoundTrip(r);
  const json j = ToJson(r);
  EXPECT_TRUE(j["read_at"].is_null());
  EXPECT_FALSE(j["detail"].contains("programme_id"));
}

// A document written before a key existed decodes with the field's default, not an error.
TEST(DecisionRecords, OlderDocumentsDecodeWithDefaults) {
  const auto leg = FromJson<ClearanceLeg>(json{{"id", "leg_1"}, {"traveller", {{"name", "Ana"}}}, {"pc", "x"}});
  EXPECT_EQ(leg.id, "leg_1");
  EXPECT_EQ(leg.traveller.name, "Ana");
  EXPECT_EQ(leg.traveller.user_id, "");
  EXPECT_EQ(leg.pc, 4);
  EXPECT_TRUE(leg.history.empty());
}

}  // namespace
}  // namespace srm::domain::records
