// The store contract: decision records (store/decision_records.h) in their tables. Round trips
// compare whole structs (operator== = default), so a field the tables lose fails here.
#include "store/store_conformance.h"
#include "support/decision_record_builders.h"

namespace srm::store::conformance {
namespace {

namespace rec = domain::records;

constexpr const char* kT = "2026-12-01T10:00:00.000Z";

class RecordsTest : public StoreConformanceTest {
 protected:
  void SetUp() override {
    StoreConformanceTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    PutGeography();
    SRM_ASSERT_OK(store().PutArea({"are_hrt", "cty_af", "Herat", ""}, AuditOf("area.put", "area", "are_hrt")));
    SRM_ASSERT_OK(store().PutOrganization({"org_wfp", "WFP", "World Food Programme"},
                                          AuditOf("organization.put", "organization", "org_wfp")));
    SRM_ASSERT_OK(store().PutLocation({"loc_1", "are_kbl", "UN compound", "office", 34.5, 69.2},
                                      AuditOf("location.put", "location", "loc_1")));
    SRM_ASSERT_OK(store().PutProgramme({"prg_1", "org_undp", "are_kbl", "Food", "Distribution", 2, 1, 1, 0},
                                       AuditOf("programme.put", "programme", "prg_1")));
    SRM_ASSERT_OK(store().CreateUser(SampleUser("usr_a", "alice"), AuditOf("user.create", "user", "usr_a")));
    SRM_ASSERT_OK(store().WriteSras({InsertOf(SampleSra("sra_1", "srs_1", 1, "are_kbl", "published", kT))},
                                    {AuditOf("sra.create", "sra", "sra_1")}));
  }

  template <typename T>
  Status Put(const T& r, int64_t expected = 0) {
    return store().WriteRecords({}, {{r, expected}}, {AuditOf("record.put", "record", r.id)});
  }
};

// What the records point at (the rows SetUp creates); the builders are shared with the codec and
// record-store tests (tests/support/decision_record_builders.h).
const test_support::RecordRefs kRefs{.organization_id = "org_undp", .country_id = "cty_af", .area_id = "are_kbl",
                                     .area_name = "Kabul", .user = {"usr_a", "alice"}, .traveller_name = "Alice",
                                     .from = "2026-12-05", .to = "2026-12-09", .at = kT};

TEST_P(RecordsTest, EveryKindRoundTripsWhole) {
  rec::ClearanceRequest request = test_support::Request(kRefs, "clr_1");
  rec::ClearanceLeg leg =
      test_support::Leg(kRefs, "clr_1_l1", "clr_1", "referred", {"are_kbl", "2026-12-05", "2026-12-09", kT});
  rec::EgsRecord egs{"egs_1", "are_kbl", "Kabul", "cty_af", "no_go", "2026-12-01", "2026-12-31", "unrest", "EGS-1",
                     {"usr_a", "alice"}, kT, kT, kT, 0};
  rec::SpecificSraApproval ssa;
  ssa.id = "ssa_sra_1";
  ssa.sra_id = "sra_1";
  ssa.series_id = "srs_1";
  ssa.version = 1;
  ssa.title = "Mission";
  ssa.organization_id = "org_undp";
  ssa.area_id = "are_kbl";
  ssa.country_id = "cty_af";
  ssa.residual_risk = std::nullopt;
  ssa.status = "awaiting_coordination";
  ssa.coordinated_by = "hq";
  ssa.history = {{kT, "coordinate", "hq", "hq_security", "fine"}, {kT, "supersede", "system", std::nullopt, ""}};
  ssa.created_at = ssa.updated_at = kT;
  rec::ActivityDecisionRecord act;
  act.id = "act_prg_1";
  act.programme_id = "prg_1";
  act.organization_id = "org_undp";
  act.area_id = "are_kbl";
  act.sra_id = "sra_1";
  act.residual_risk = "Very High";
  act.status = "pending";
  act.reasons = {{"needs_exec", "needs the executive"}};
  act.options = {{"reduce", "add measures"}};
  act.missing = {"pc_assessment"};
  act.needs_exec_approval = true;
  act.exec_approval = rec::ExecApproval{"exec", kT, "accepted", "Very High", 4, "sra_1"};
  act.egs_decision_id = "egs_1";
  act.history = {{kT, "pending", "sra_published:sra_1"}};
  act.created_at = act.updated_at = kT;
  rec::PcAssessment pca{.id = "pca_prg_1", .programme_id = "prg_1", .pc = 1, .organization_id = "org_undp",
                        .area_id = "are_kbl", .country_id = "cty_af", .comment = "life-saving", .recorded_by = "alice",
                        .recorded_at = kT, .recorded_by_id = "usr_a", .created_at = kT, .updated_at = kT};
  rec::ComplianceItem item;
  item.id = "cmp_1";
  item.location_id = "loc_1";
  item.area_id = "are_kbl";
  item.organization_id = "org_undp";
  item.requirement = "Blast film";
  item.status = "compliant";
  item.due_date = "2026-12-20";
  item.evidence = {{"Photo", "alice", kT}};
  item.history = {{kT, "alice", "compliant", "Photo", ""}};
  item.created_at = item.updated_at = kT;
  rec::Notification note;
  note.id = "ntf_1";
  note.user_id = "usr_a";
  note.organization_id = "org_undp";
  note.type = "clearance_decided";
  note.object_id = "clr_1";
  note.message = "approved";
  note.detail.request_id = "clr_1";
  note.detail.leg_id = "clr_1_l1";
  note.detail.before = "referred";
  note.detail.after = "approved";
  note.status = "unread";
  note.created_at = note.updated_at = kT;

  // A leg before its request, and records before the SRA they rest on is read: one transaction.
  SRM_ASSERT_OK(store().WriteRecords({}, {{leg, 0}, {request, 0}, {egs, 0}, {ssa, 0}, {act, 0}, {pca, 0},
                                          {item, 0}, {note, 0}},
                                     {AuditOf("record.put", "record", "many")}));
  auto stored = [](auto r) {
    r.revision = 1;
    return r;
  };
  EXPECT_EQ(*store().GetClearanceRequest("clr_1").value(), stored(request));
  EXPECT_EQ(*store().GetClearanceLeg("clr_1_l1").value(), stored(leg));
  EXPECT_EQ(*store().GetEgsRecord("egs_1").value(), stored(egs));
  EXPECT_EQ(*store().GetSpecificSraApproval("ssa_sra_1").value(), stored(ssa));
  EXPECT_EQ(*store().GetActivityDecision("act_prg_1").value(), stored(act));
  EXPECT_EQ(*store().GetPcAssessment("pca_prg_1").value(), stored(pca));
  // Many programmes' assessments in one read (the activity list); an empty set reads none.
  auto many_pca = store().ListPcAssessments({{"prg_1", "prg_none"}}, {500, ""}).value();
  ASSERT_EQ(many_pca.items.size(), 1u);
  EXPECT_EQ(many_pca.items[0], stored(pca));
  EXPECT_TRUE(store().ListPcAssessments({}, {500, ""}).value().items.empty());
  // Activity decisions of given programmes.
  EXPECT_EQ(store().ListActivityDecisions({.programme_ids = {"prg_1"}}, {500, ""}).value().items.size(), 1u);
  EXPECT_TRUE(store().ListActivityDecisions({.programme_ids = {"prg_none"}}, {500, ""}).value().items.empty());
  EXPECT_EQ(*store().GetComplianceItem("cmp_1").value(), stored(item));
  EXPECT_EQ(*store().GetNotification("ntf_1").value(), stored(note));
  EXPECT_FALSE(store().GetNotification("ntf_missing").value().has_value());

  // Absent optionals stay absent (not ""): a request preview's leg_ids, an activity's approval.
  request.id = "clr_2";
  request.leg_ids.reset();
  act.exec_approval.reset();
  act.sra_id.reset();
  act.egs_decision_id.reset();
  SRM_ASSERT_OK(Put(request));
  EXPECT_EQ(*store().GetClearanceRequest("clr_2").value(), stored(request));
}

TEST_P(RecordsTest, RiskAcceptancesAndAvoidanceRoundTripAndListByTheirFilters) {  // migration 0009
  rec::RiskAcceptance a;
  a.id = "acc_1";
  a.programme_id = "prg_1";
  a.activity = "Distribution";
  a.organization_id = "org_undp";
  a.area_id = "are_kbl";
  a.area_name = "Kabul";
  a.country_id = "cty_af";
  a.pc = 2;
  a.sra_id = "sra_1";
  a.residual_risk = "High";
  a.residual_index = 3;
  a.signatory = {"usr_a", "alice"};
  a.signatory_role = "smt";
  a.reasons = "life-saving";
  a.conditions = "armoured vehicles";
  a.expires_on = "2027-01-15";
  a.signed_at = kT;
  a.status = "in_force";
  a.created_at = a.updated_at = kT;
  rec::RiskAcceptance voided = a;
  voided.id = "acc_2";
  voided.status = "voided";
  voided.voided_at = kT;
  voided.void_reason = "acceptance_residual_higher";
  rec::AvoidanceDecision d;
  d.id = "avd_1";
  d.area_id = "are_kbl";
  d.area_name = "Kabul";
  d.country_id = "cty_af";
  d.kind = "relocation";
  d.from = "2026-12-05";
  d.destination = "Herat";
  d.reason = "fighting";
  d.personnel = "national staff of the Kabul office";
  d.personnel_count = 12;
  d.decided_by = {"usr_a", "alice"};
  d.decided_at = kT;
  d.created_at = d.updated_at = kT;
  SRM_ASSERT_OK(Put(a));
  SRM_ASSERT_OK(Put(voided));
  SRM_ASSERT_OK(Put(d));
  auto stored = [](auto r) {
    r.revision = 1;
    return r;
  };
  EXPECT_EQ(*store().GetRiskAcceptance("acc_1").value(), stored(a));
  EXPECT_EQ(*store().GetRiskAcceptance("acc_2").value(), stored(voided));
  EXPECT_EQ(*store().GetAvoidanceDecision("avd_1").value(), stored(d));
  EXPECT_EQ(store().ListRiskAcceptances({.programme_id = "prg_1"}, {50, ""}).value().total, 2);
  EXPECT_EQ(store().ListRiskAcceptances({.programme_id = "prg_1", .status = "voided"}, {50, ""}).value().total, 1);
  EXPECT_EQ(store().ListRiskAcceptances({.area_id = "are_hrt"}, {50, ""}).value().total, 0);
  EXPECT_EQ(store().ListAvoidanceDecisions({.area_id = "are_kbl"}, {50, ""}).value().total, 1);
  EXPECT_EQ(store().ListAvoidanceDecisions({.areas = std::vector<std::string>{"are_hrt"}}, {50, ""}).value().total, 0);
}

TEST_P(RecordsTest, UpdatesBumpTheRevisionAndStaleWritesConflictWithNothingWritten) {
  rec::EgsRecord egs{"egs_1", "are_kbl", "Kabul", "cty_af", "go", "2026-12-01", "2026-12-31", "", "", {}, kT, kT, kT,
                     0};
  SRM_ASSERT_OK(Put(egs));
  egs.decision = "no_go";
  SRM_ASSERT_OK(Put(egs, 1));
  EXPECT_EQ(store().GetEgsRecord("egs_1").value()->revision, 2);
  const int64_t audit_before = AuditCount(store());
  egs.reason = "stale";
  auto stale = Put(egs, 1);
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(stale.error().code, "stale_revision");
  auto duplicate = Put(egs, 0);
  ASSERT_FALSE(duplicate.has_value());
  EXPECT_EQ(duplicate.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(store().GetEgsRecord("egs_1").value()->reason, "");
  EXPECT_EQ(AuditCount(store()), audit_before);
}

TEST_P(RecordsTest, ARecordResolvingToAMissingRowIsRefusedWithItsBatch) {
  const int64_t audit_before = AuditCount(store());
  auto orphan = store().WriteRecords(
      {InsertOf(SampleSra("sra_2", "srs_2", 1, "are_kbl", "draft", kT))},
      {{test_support::Leg(kRefs, "leg_x", "clr_missing", "cleared", {"are_kbl", "2026-12-01", "2026-12-02", kT}), 0}},
      {AuditOf("record.put", "record", "leg_x")});
  EXPECT_FALSE(orphan.has_value());
  EXPECT_FALSE(store().GetClearanceLeg("leg_x").value().has_value());
  EXPECT_FALSE(store().GetSra("sra_2").value().has_value());
  EXPECT_EQ(AuditCount(store()), audit_before);
}

TEST_P(RecordsTest, LegListsFilterByRequestAreaWindowStatusAndScope) {
  SRM_ASSERT_OK(Put(test_support::Request(kRefs, "clr_1")));
  const char *kT1 = "2026-12-01T10:00:01.000Z", *kT2 = "2026-12-01T10:00:02.000Z", *kT3 = "2026-12-01T10:00:03.000Z";
  using test_support::Leg;
  SRM_ASSERT_OK(Put(Leg(kRefs, "l1", "clr_1", "cleared", {"are_kbl", "2026-12-01", "2026-12-05", kT1})));
  SRM_ASSERT_OK(Put(Leg(kRefs, "l2", "clr_1", "referred", {"are_kbl", "2026-12-10", "", kT2})));
  SRM_ASSERT_OK(Put(Leg(kRefs, "l3", "clr_1", "blocked", {"are_hrt", "2026-12-03", "2026-12-04", kT3})));
  auto ids = [&](const ClearanceLegFilter& f) {
    std::vector<std::string> out;
    auto page = store().ListClearanceLegs(f, {50, ""});
    if (!page) return std::vector<std::string>{"error: " + page.error().message};
    for (const auto& l : page->items) out.push_back(l.id);
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(ids({}), (V{"l3", "l2", "l1"}));  // newest first
  EXPECT_EQ(ids({.request_id = "clr_1", .area_id = "are_kbl"}), (V{"l2", "l1"}));
  EXPECT_EQ(ids({.statuses = {"cleared", "blocked"}}), (V{"l3", "l1"}));
  EXPECT_EQ(ids({.active_on = "2026-12-04"}), (V{"l3", "l1"}));
  EXPECT_EQ(ids({.active_on = "2027-06-01"}), (V{"l2"}));  // open-ended
  EXPECT_EQ(ids({.area_id = "are_kbl", .overlaps_from = "2026-12-06", .overlaps_to = "2026-12-20"}), (V{"l2"}));
  EXPECT_EQ(ids({.areas = V{"are_hrt"}}), (V{"l3"}));
  EXPECT_EQ(ids({.areas = V{}}), V{});  // a restriction to no area matches nothing
}

TEST_P(RecordsTest, CursorWalksEveryRecordOnceNewestFirst) {
  std::vector<std::string> expected;
  for (int i = 0; i < 7; ++i) {
    rec::Notification n;
    n.id = "ntf_" + std::to_string(i);
    n.user_id = "usr_a";
    n.status = i % 2 == 0 ? "unread" : "read";
    n.created_at = kT;
    n.updated_at = i < 4 ? kT : "2026-12-02T00:00:00.000Z";  // ties on updated_at order by id
    SRM_ASSERT_OK(Put(n));
  }
  expected = {"ntf_6", "ntf_5", "ntf_4", "ntf_3", "ntf_2", "ntf_1", "ntf_0"};
  std::vector<std::string> seen;
  PageRequest page{3, ""};
  for (int guard = 0; guard < 10; ++guard) {
    SRM_ASSERT_OK_AND_ASSIGN(p, store().ListNotifications({.user_id = "usr_a"}, page));
    EXPECT_EQ(p.total, 7);
    for (const auto& n : p.items) seen.push_back(n.id);
    if (p.next.empty()) break;
    page.after = p.next;
  }
  EXPECT_EQ(seen, expected);
  SRM_ASSERT_OK_AND_ASSIGN(unread, store().ListNotifications({.user_id = "usr_a", .status = "unread"}, {50, ""}));
  EXPECT_EQ(unread.total, 4);
  EXPECT_EQ(store().ListNotifications({.user_id = "usr_b"}, {50, ""}).value().total, 0);
}

TEST_P(RecordsTest, SpecificApprovalsOfOtherOrganizationsOnlyInCrossOrganizationAreas) {
  SRM_ASSERT_OK(store().WriteSras({InsertOf(SampleSra("sra_h", "srs_h", 1, "are_hrt", "published", kT))},
                                  {AuditOf("sra.create", "sra", "sra_h")}));
  auto approval = [](std::string sra, std::string org, std::string area) {
    rec::SpecificSraApproval a;
    a.id = "ssa_" + sra;
    a.sra_id = sra;
    a.organization_id = std::move(org);
    a.area_id = std::move(area);
    a.status = "approved";
    a.created_at = a.updated_at = kT;
    return a;
  };
  SRM_ASSERT_OK(Put(approval("sra_1", "org_wfp", "are_kbl")));
  SRM_ASSERT_OK(Put(approval("sra_h", "org_wfp", "are_hrt")));
  SpecificSraApprovalFilter f;
  f.cross_org = {true, "org_undp", {"are_hrt"}};
  SRM_ASSERT_OK_AND_ASSIGN(page, store().ListSpecificSraApprovals(f, {50, ""}));
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].id, "ssa_sra_h");
  f.cross_org.reader_org_id = "org_wfp";
  EXPECT_EQ(store().ListSpecificSraApprovals(f, {50, ""}).value().total, 2);
  EXPECT_EQ(store().ListSpecificSraApprovals({.area_id = "are_kbl", .statuses = {"approved"}}, {50, ""}).value().total,
            1);
}

TEST_P(RecordsTest, ComplianceAndActivityListsFilterByScopeColumns) {
  rec::ComplianceItem item;
  item.id = "cmp_1";
  item.location_id = "loc_1";
  item.area_id = "are_kbl";
  item.organization_id = "org_undp";
  item.status = "open";
  item.created_at = item.updated_at = kT;
  SRM_ASSERT_OK(Put(item));
  EXPECT_EQ(store().ListComplianceItems({.location_id = "loc_1", .organization_id = "org_undp"}, {50, ""}).value().total,
            1);
  EXPECT_EQ(store().ListComplianceItems({.status = "compliant"}, {50, ""}).value().total, 0);
  EXPECT_EQ(store().ListComplianceItems({.areas = std::vector<std::string>{"are_hrt"}}, {50, ""}).value().total, 0);
  rec::ActivityDecisionRecord act;
  act.id = "act_prg_1";
  act.programme_id = "prg_1";
  act.organization_id = "org_undp";
  act.area_id = "are_kbl";
  act.status = "acceptable";
  act.created_at = act.updated_at = kT;
  SRM_ASSERT_OK(Put(act));
  EXPECT_EQ(store().ListActivityDecisions({.area_id = "are_kbl", .status = "acceptable"}, {50, ""}).value().total, 1);
  EXPECT_EQ(store().ListActivityDecisions({.organization_id = "org_wfp"}, {50, ""}).value().total, 0);
  EXPECT_EQ(store().ListEgsRecords({.area_id = "are_kbl"}, {50, ""}).value().total, 0);
  EXPECT_EQ(store().ListClearanceRequests({.programme_id = "prg_1"}, {50, ""}).value().total, 0);
}

// Lists live in child tables: a page reads every element of every record in order, an update
// replaces them (a shorter list leaves nothing behind), a refused update leaves them as they were,
// and a present but empty list stays present.
TEST_P(RecordsTest, ListsKeepEveryElementInOrderOnPagesAndAcrossUpdates) {
  rec::ClearanceRequest request = test_support::Request(kRefs, "clr_1");
  request.leg_ids = std::vector<std::string>{"clr_1_l1", "clr_1_l2"};
  rec::ClearanceLeg long_leg =
      test_support::Leg(kRefs, "clr_1_l1", "clr_1", "referred", {"are_kbl", "2026-12-05", "2026-12-09", kT});
  long_leg.history.clear();
  for (int i = 0; i < 250; ++i)  // more than one INSERT's worth of rows
    long_leg.history.push_back({kT, "referred", "rule_" + std::to_string(i), "system", std::nullopt,
                                i % 2 ? std::optional<std::string>("c" + std::to_string(i)) : std::nullopt,
                                "cause_" + std::to_string(i)});
  long_leg.reasons = {{"b", "second"}, {"a", "first"}};
  rec::ClearanceLeg short_leg =
      test_support::Leg(kRefs, "clr_1_l2", "clr_1", "cleared", {"are_kbl", "2026-12-10", "2026-12-11", kT});
  short_leg.history = {{kT, "cleared", "ok", "system", "security_cell", "", std::nullopt}};
  short_leg.reasons.clear();
  SRM_ASSERT_OK(store().WriteRecords({}, {{request, 0}, {long_leg, 0}, {short_leg, 0}},
                                     {AuditOf("record.put", "record", "clr_1")}));
  auto stored = [](auto r, int64_t revision) {
    r.revision = revision;
    return r;
  };
  SRM_ASSERT_OK_AND_ASSIGN(page, store().ListClearanceLegs({.request_id = "clr_1"}, {50, ""}));
  ASSERT_EQ(page.items.size(), 2u);
  for (const rec::ClearanceLeg& leg : page.items)
    EXPECT_EQ(leg, stored(leg.id == long_leg.id ? long_leg : short_leg, 1)) << leg.id;
  EXPECT_EQ(*store().GetClearanceRequest("clr_1").value(), stored(request, 1));

  long_leg.history.resize(3);
  long_leg.reasons = {{"c", "only"}};
  SRM_ASSERT_OK(Put(long_leg, 1));
  EXPECT_EQ(*store().GetClearanceLeg("clr_1_l1").value(), stored(long_leg, 2));
  rec::ClearanceLeg stale = long_leg;
  stale.history.clear();
  stale.reasons.clear();
  ASSERT_FALSE(Put(stale, 1).has_value());
  SRM_ASSERT_OK_AND_ASSIGN(after, store().ListClearanceLegs({.request_id = "clr_1"}, {1, ""}));
  ASSERT_EQ(after.items.size(), 1u);
  EXPECT_EQ(after.items[0], stored(after.items[0].id == long_leg.id ? long_leg : short_leg, after.items[0].revision));
  EXPECT_EQ(*store().GetClearanceLeg("clr_1_l1").value(), stored(long_leg, 2));
  EXPECT_EQ(*store().GetClearanceLeg("clr_1_l2").value(), stored(short_leg, 1));

  request.leg_ids = std::vector<std::string>{};
  SRM_ASSERT_OK(Put(request, 1));
  SRM_ASSERT_OK_AND_ASSIGN(emptied, store().GetClearanceRequest("clr_1"));
  ASSERT_TRUE(emptied->leg_ids.has_value());
  EXPECT_TRUE(emptied->leg_ids->empty());
}

// Migration 0015: agreements and country calendars round-trip with their lists, in order, and
// list by organization / country.
TEST_P(RecordsTest, ServiceLevelAgreementsAndCountryCalendarsRoundTrip) {
  rec::ServiceLevelAgreement sla;
  sla.id = "sla_1";
  sla.organization_id = "org_undp";
  sla.country_id = "cty_af";
  sla.title = "DSS services to UNDP";
  sla.from = "2026-01-01";
  sla.to = "2026-12-31";
  sla.services = {"SVC-B", "SVC-A", "SVC-C"};
  sla.targets = {{"clearance_leg_decision_hours", 48, "hours"}, {"moss_items_closed_on_time_pct", 90, "pct"}};
  sla.created_by = {"", "dss"};
  sla.created_at = sla.updated_at = kT;
  SRM_ASSERT_OK(Put(sla));
  rec::ServiceLevelAgreement global = sla;
  global.id = "sla_2";
  global.organization_id = "org_wfp";
  global.country_id = "";
  global.services.clear();
  global.title = "Agreement with the food programme desk";
  global.from = "2025-06-01";
  SRM_ASSERT_OK(Put(global));
  SRM_ASSERT_OK_AND_ASSIGN(got, store().GetServiceLevelAgreement("sla_1"));
  ASSERT_TRUE(got.has_value());
  sla.revision = 1;
  EXPECT_EQ(*got, sla);
  SRM_ASSERT_OK_AND_ASSIGN(got2, store().GetServiceLevelAgreement("sla_2"));
  global.revision = 1;
  EXPECT_EQ(*got2, global);
  SRM_ASSERT_OK_AND_ASSIGN(undp, store().ListServiceLevelAgreements({.organization_id = "org_undp"}, {50, ""}));
  ASSERT_EQ(undp.items.size(), 1u);
  EXPECT_EQ(undp.items[0], sla);
  EXPECT_EQ(store().ListServiceLevelAgreements({}, {50, ""}).value().total, 2);
  // Search on the title and the organization's name (ASCII folded), sort both ways, and a
  // narrowing inside the organization filter never widens it.
  auto ids = [&](store::SlaFilter f) {
    std::vector<std::string> out;
    auto page = store().ListServiceLevelAgreements(f, {50, ""});
    EXPECT_TRUE(page.has_value());
    if (page) for (const auto& a : page->items) out.push_back(a.id);
    return out;
  };
  auto narrowed = [](std::string org, std::string text, std::string sort = "", bool desc = false) {
    store::SlaFilter f{std::move(org)};
    f.narrow.text = std::move(text);
    f.narrow.sort = std::move(sort);
    f.narrow.descending = desc;
    return f;
  };
  EXPECT_EQ(ids(narrowed("", "world food")), std::vector<std::string>{"sla_2"});  // WFP's name
  EXPECT_EQ(ids(narrowed("", "DSS SERVICES")), std::vector<std::string>{"sla_1"});
  EXPECT_TRUE(ids(narrowed("org_undp", "world food")).empty());
  EXPECT_EQ(ids(narrowed("", "", "title")), (std::vector<std::string>{"sla_2", "sla_1"}));
  EXPECT_EQ(ids(narrowed("", "", "title", true)), (std::vector<std::string>{"sla_1", "sla_2"}));
  EXPECT_EQ(ids(narrowed("", "", "from")), (std::vector<std::string>{"sla_2", "sla_1"}));
  EXPECT_EQ(ids(narrowed("", "", "from", true)), (std::vector<std::string>{"sla_1", "sla_2"}));
  EXPECT_EQ(ids(narrowed("", "", "updated")).size(), 2u);
  EXPECT_FALSE(store().ListServiceLevelAgreements(narrowed("", "", "risk"), {50, ""}).has_value());

  rec::CountryCalendar cal;
  cal.id = "cal_cty_af";
  cal.country_id = "cty_af";
  cal.time_zone = "Asia/Kabul";
  cal.working_week = "mon,tue,wed,thu,sat,sun";
  cal.holidays = {{"2026-03-21", "Nowruz"}, {"2026-02-15", "Liberation Day"}};
  cal.area_zones = {{"are_hrt", "Asia/Tehran"}};
  cal.created_at = cal.updated_at = kT;
  SRM_ASSERT_OK(Put(cal));
  cal.holidays.pop_back();
  SRM_ASSERT_OK(Put(cal, 1));
  SRM_ASSERT_OK_AND_ASSIGN(read, store().GetCountryCalendar("cal_cty_af"));
  cal.revision = 2;
  EXPECT_EQ(*read, cal);
  EXPECT_EQ(store().ListCountryCalendars({.country_id = "cty_af"}, {50, ""}).value().total, 1);
  EXPECT_EQ(store().ListCountryCalendars({.country_id = "cty_xx"}, {50, ""}).value().total, 0);
}

INSTANTIATE_TEST_SUITE_P(store, RecordsTest, ::testing::ValuesIn(AllBackends()), BackendName);

}  // namespace
}  // namespace srm::store::conformance
