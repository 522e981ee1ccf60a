// Every decision record survives its codec: FromJson(ToJson(r)) == r with every field the JSON
// carries set to a non-default value (operator== = default compares them all, so a field added to
// a struct but forgotten in its codec fails here). "(row)" fields are outside the JSON and stay
// default.
#include <gtest/gtest.h>

#include "domain/records/decision_records_json.h"

namespace srm::domain::records {
namespace {

using nlohmann::json;

template <typename T>
void ExpectRoundTrip(const T& r) {
  const json j = ToJson(r);
  const T back = FromJson<T>(j);
  EXPECT_EQ(back, r) << j.dump(2);
  // The document read back writes the same JSON again.
  EXPECT_EQ(ToJson(back), j);
}

TEST(DecisionRecords, ClearanceRequestRoundTrips) {
  ClearanceRequest r{"clr_1", {"Ana", "u_ana"}, "org_wfp", "cty_1", "Distribution", 2, "prg_1", "WFP-01",
                     "Ministry", "pending", "2026-03-01", "2026-03-09", {"u_req", "req"},
                     std::vector<std::string>{"leg_1", "leg_2"}, "2026-02-01T00:00:00.000Z",
                     "2026-02-02T00:00:00.000Z", 3};
  ExpectRoundTrip(r);
  // A preview: no leg ids, no revision; neither key is written.
  r.leg_ids.reset();
  r.revision = 0;
  ExpectRoundTrip(r);
  EXPECT_FALSE(ToJson(r).contains("leg_ids"));
  EXPECT_FALSE(ToJson(r).contains("revision"));
}

TEST(DecisionRecords, ClearanceLegRoundTrips) {
  ClearanceLeg r;
  r.id = "leg_1";
  r.request_id = "clr_1";
  r.seq = 2;
  r.organization_id = "org_wfp";
  r.traveller = {"Ana", "u_ana"};
  r.requested_by = {"u_req", "req"};
  r.activity = "Distribution";
  r.pc = 1;
  r.programme_id = "prg_1";
  r.pc_assessed = true;
  r.mission_ref = "WFP-01";
  r.area_id = "are_1";
  r.area_name = "Sanjar";
  r.country_id = "cty_1";
  r.from = "2026-03-01";
  r.to = "2026-03-05";
  r.status = "approved";
  r.rule = "referred_high";
  r.approver_role = "security_cell";
  r.reasons = {{"residual_high", "High residual"}, {"pc_ok", "PC allows"}};
  r.residual_risk = "High";
  r.sra_id = "sra_1";
  r.specific_sra_id = "sra_2";
  r.egs_decision_id = "egs_1";
  r.decided_at = "2026-02-03T00:00:00.000Z";
  r.decided_by = "cell";
  r.decided_role = "security_cell";
  r.comment = "Agreed";
  r.history = {{"2026-02-01T00:00:00.000Z", "referred", "referred_high", "system", std::nullopt, std::nullopt,
                std::string("requested")},
               {"2026-02-03T00:00:00.000Z", "approved", "referred_high", "cell", std::string("security_cell"),
                std::string("Agreed"), std::nullopt}};
  r.revision = 4;
  ExpectRoundTrip(r);
  const json j = ToJson(r);
  EXPECT_FALSE(j["history"][0].contains("role"));
  EXPECT_FALSE(j["history"][1].contains("cause"));
}

TEST(DecisionRecords, EgsRecordRoundTrips) {
  EgsRecord r{"egs_1", "are_1", "Sanjar", "cty_1", "no_go", "2026-03-01", "2026-03-31", "Fighting", "EGS-7",
              {"u_dss", "dss"}, "2026-02-01T00:00:00.000Z", "", "", 1};
  ExpectRoundTrip(r);
}

TEST(DecisionRecords, SpecificSraApprovalRoundTrips) {
  SpecificSraApproval r;
  r.id = "ssa_sra_9";
  r.sra_id = "sra_9";
  r.series_id = "ser_9";
  r.version = 2;
  r.title = "Convoy";
  r.mission_ref = "WFP-01";
  r.organization_id = "org_wfp";
  r.area_id = "are_1";
  r.area_name = "Sanjar";
  r.country_id = "cty_1";
  r.residual_risk = "Very High";
  r.residual_index = 3;
  r.from = "2026-03-01";
  r.to = "2026-03-31";
  r.status = "approved";
  r.published_at = "2026-02-01T00:00:00.000Z";
  r.coordinated_by = "hq";
  r.decided_by = "exec";
  r.history = {{"2026-02-02T00:00:00.000Z", "coordinate", "hq", std::string("hq_security"), "ok"},
               {"2026-02-03T00:00:00.000Z", "supersede", "sp", std::nullopt, "version 3 published"}};
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
  ActivityDecisionRecord r;
  r.id = "act_prg_1";
  r.programme_id = "prg_1";
  r.programme_name = "Food";
  r.activity = "Distribution";
  r.organization_id = "org_wfp";
  r.area_id = "are_1";
  r.area_name = "Sanjar";
  r.country_id = "cty_1";
  r.pc = 1;
  r.sra_id = "sra_1";
  r.residual_risk = "Very High";
  r.current_risk = "High";
  r.status = "acceptable";
  r.reasons = {{"exec_approved", "Approved"}};
  r.options = {{"reduce", "Reduce the risk"}};
  r.missing = {"pc_assessment"};
  r.needs_pc_assessment = true;
  r.needs_exec_approval = true;
  r.never_acceptable = true;
  r.pc_assessed = true;
  r.exec_approval = ExecApproval{"exec", "2026-02-01T00:00:00.000Z", "Accepted", std::string("Very High"), 3,
                                 std::string("sra_1")};
  r.egs_decision_id = "egs_1";
  r.decided_at = "2026-02-01T00:00:00.000Z";
  r.history = {{"2026-02-01T00:00:00.000Z", "acceptable", "exec_approval"}};
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
  PcAssessment r;
  r.id = "pca_prg_1";
  r.programme_id = "prg_1";
  r.pc = 2;
  r.organization_id = "org_wfp";
  r.area_id = "are_1";
  r.comment = "Reviewed";
  r.recorded_by = "smt";
  r.recorded_at = "2026-02-01T00:00:00.000Z";
  r.revision = 1;
  ExpectRoundTrip(r);
}

TEST(DecisionRecords, ComplianceItemRoundTrips) {
  ComplianceItem r;
  r.id = "cmp_1";
  r.location_id = "loc_1";
  r.location_name = "Office";
  r.location_kind = "office";
  r.area_id = "are_1";
  r.country_id = "cty_1";
  r.organization_id = "org_wfp";
  r.requirement = "Blast film";
  r.moss_category = "physical";
  r.sra_id = "sra_1";
  r.measure_id = "m1";
  r.status = "compliant";
  r.due_date = "2026-06-01";
  r.owner = "Facilities";
  r.evidence = {{"Photo", "cell", "2026-02-01T00:00:00.000Z"}};
  r.comment = "Done";
  r.created_by = "cell";
  r.created_at = "2026-01-01T00:00:00.000Z";
  r.updated_at = "2026-02-01T00:00:00.000Z";
  r.history = {{"2026-02-01T00:00:00.000Z", "cell", "compliant", "Photo", "Done"}};
  r.revision = 2;
  ExpectRoundTrip(r);
}

TEST(DecisionRecords, NotificationRoundTrips) {
  Notification r;
  r.id = "ntf_1";
  r.type = "clearance_changed";
  r.object_id = "clr_1";
  r.message = "Your clearance ...";
  r.detail = {std::string("clr_1"), std::string("leg_1"), std::string("are_1"), std::nullopt, "cleared", "blocked",
              std::string("egs_no_go"), std::string("egs:egs_1")};
  r.status = "read";
  r.read_at = "2026-02-02T00:00:00.000Z";
  r.created_at = "2026-02-01T00:00:00.000Z";
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
