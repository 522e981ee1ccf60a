// The store contract for governance, the action plan and the security workforce (migrations
// 0019-0021, issue 16), on every backend: whole-struct round trips with their child lists in order
// (members, ToR versions, obligations; milestones, evidence; skills, languages), revisioned updates
// and the list filters.
#include "store/store_conformance.h"

namespace srm::store::conformance {
namespace {

namespace rec = domain::records;

constexpr const char* kT = "2026-12-01T10:00:00.000Z";
constexpr const char* kT2 = "2026-12-02T10:00:00.000Z";

class GovernanceStoreTest : public RecordKindStoreTest {};

auto Stored(auto r, int64_t revision = 1) {
  r.revision = revision;
  return r;
}

TEST_P(GovernanceStoreTest, BodiesMeetingsDecisionsRoundTrip) {
  rec::GovernanceBody b;
  b.id = "gbd_1";
  b.kind = "security_governance_group";
  b.name = "Group";
  b.reports_to = "HLCM";
  b.established_on = "2026-02-01";
  b.created_by = {"usr_a", "alice"};
  b.members = {{"usr_a", "Alice", "org_undp", "chair"}, {"", "HLCM secretariat", "", "secretariat"}};
  b.tor = {{1, "v1 «text»", "superseded", {"usr_a", "alice"}, kT, {"usr_a", "alice"}, std::string(kT)},
           {2, "v2", "draft", {"usr_a", "alice"}, kT2, {}, std::nullopt}};
  b.obligations = {{"gob_1", "effectiveness_review", "Review", "2027-02-01", std::nullopt}};
  b.created_at = b.updated_at = kT;
  SRM_ASSERT_OK(Put(b));
  EXPECT_EQ(*store().GetGovernanceBody("gbd_1").value(), Stored(b));
  rec::GovernanceBody smt = b;
  smt.id = "gbd_2";
  smt.kind = "smt";
  smt.country_id = "cty_af";
  smt.reports_to_body_id = "gbd_1";
  smt.tor.clear();
  SRM_ASSERT_OK(Put(smt));
  b.obligations[0].done_on = "2027-01-15";
  b.updated_at = kT2;
  SRM_ASSERT_OK(Put(b, 1));
  EXPECT_EQ(*store().GetGovernanceBody("gbd_1").value(), Stored(b, 2));
  EXPECT_EQ(Put(b, 1).error().code, "stale_revision");
  EXPECT_EQ(store().ListGovernanceBodies({.kind = "smt"}, {50, ""}).value().total, 1);
  EXPECT_EQ(store().ListGovernanceBodies({}, {50, ""}).value().items[0], Stored(b, 2));

  rec::GovernanceMeeting m{"gmt_1", "gbd_1", "2026-11-30", "First", "Summary", {"usr_a", "alice"}, kT, kT, 0};
  SRM_ASSERT_OK(Put(m));
  EXPECT_EQ(*store().GetGovernanceMeeting("gmt_1").value(), Stored(m));
  rec::GovernanceDecision d{"gdc_1", "gbd_1", "gmt_1", "Do it", "DSS", "usr_a", "2026-12-31", "open", std::nullopt,
                            {"usr_a", "alice"}, kT, kT, 0};
  SRM_ASSERT_OK(Put(d));
  rec::GovernanceDecision d2 = d;
  d2.id = "gdc_2";
  d2.tasked_user_id = "";
  d2.due_on = "";
  d2.status = "done";
  d2.done_on = "2026-12-01";
  SRM_ASSERT_OK(Put(d2));
  EXPECT_EQ(*store().GetGovernanceDecision("gdc_2").value(), Stored(d2));
  EXPECT_EQ(store().ListGovernanceDecisions({.status = "open"}, {50, ""}).value().total, 1);
  EXPECT_EQ(store().ListGovernanceDecisions({.meeting_id = "gmt_1"}, {50, ""}).value().total, 2);
  EXPECT_EQ(store().ListGovernanceMeetings({.body_id = "gbd_2"}, {50, ""}).value().total, 0);
}

TEST_P(GovernanceStoreTest, ActionPlanAndWorkforceRoundTrip) {
  rec::ActionPlanItem i;
  i.id = "api_1";
  i.code = "49b";
  i.title = "Model 1";
  i.category = "under_way";
  i.model = "model_1";
  i.lead = "DSS";
  i.status = "in_progress";
  i.due_on = "2027-06-30";
  i.source = "002 § 49 b";
  i.created_by = {"usr_a", "alice"};
  i.milestones = {{"aml_1", "Plan", "2026-12-31", std::string("2026-12-01")}, {"aml_2", "Report", "2027-03-01", std::nullopt}};
  i.evidence = {{"price_list", "pl_1", "note", {"usr_a", "alice"}, kT}};
  i.created_at = i.updated_at = kT;
  SRM_ASSERT_OK(Put(i));
  EXPECT_EQ(*store().GetActionPlanItem("api_1").value(), Stored(i));
  EXPECT_EQ(store().ListActionPlanItems({.category = "under_way"}, {50, ""}).value().total, 1);
  EXPECT_EQ(store().ListActionPlanItems({.category = "no_regret"}, {50, ""}).value().total, 0);

  rec::SecurityPersonnel p;
  p.id = "spn_1";
  p.user_id = "usr_a";
  p.full_name = "Alice";
  p.organization_id = "org_undp";
  p.country_id = "cty_af";
  p.area_id = "are_kbl";
  p.category = "national";
  p.post = "NSO";
  p.status = "serving";
  p.skills = {"liaison", "first aid"};
  p.languages = {"Dari"};
  p.recorded_by = {"usr_a", "alice"};
  p.created_at = p.updated_at = kT;
  SRM_ASSERT_OK(Put(p));
  EXPECT_EQ(*store().GetSecurityPersonnel("spn_1").value(), Stored(p));
  EXPECT_EQ(store().ListSecurityPersonnel({.user_id = "usr_a"}, {50, ""}).value().total, 1);
  EXPECT_EQ(store().ListSecurityPersonnel({.organizations = std::vector<std::string>{}}, {50, ""}).value().total, 0);
  rec::SurgeDeployment s{"srg_1", "spn_1", "org_undp", "are_kbl", "2026-12-01", "2026-12-20", "", "Surge", "planned",
                         {"usr_a", "alice"}, kT, kT, 0};
  SRM_ASSERT_OK(Put(s));
  EXPECT_EQ(*store().GetSurgeDeployment("srg_1").value(), Stored(s));
  EXPECT_EQ(store().ListSurgeDeployments({.area_id = "are_kbl"}, {50, ""}).value().total, 1);
  // The purge's write: the personal fields and lists go, the row stays.
  rec::SecurityPersonnel purged = p;
  purged.user_id.clear();
  purged.full_name.clear();
  purged.skills.clear();
  purged.languages.clear();
  purged.status = "purged";
  purged.purged_at = kT2;
  purged.updated_at = kT2;
  SRM_ASSERT_OK(Put(purged, 1));
  EXPECT_EQ(*store().GetSecurityPersonnel("spn_1").value(), Stored(purged, 2));
}

INSTANTIATE_TEST_SUITE_P(store, GovernanceStoreTest, ::testing::ValuesIn(AllBackends()), BackendName);

}  // namespace
}  // namespace srm::store::conformance
