// Issue 15, service-level agreements (SRM-METHOD.md section 8), over real HTTP on the Carana demo
// data, on SQLite and (SRM_TEST_PG_URL) PostgreSQL:
//   - made by the DSS desk or an administrator only; every collective (DSS) service covered, a
//     list leaving one out refused; every write audited;
//   - read by the organization's HQ security / finance / SMT members, auditors, the DSS desk;
//     another organization's agreement is 404;
//   - the report recomputes each target from the system's own events (back-dated records written
//     to the store in 2024, away from the demo's own events) and matches hand-computed figures: a
//     clearance decided across a weekend, an SRA returned twice across a holiday, MOSS items closed
//     on time in local time;
//   - bad bytes, bad dates, a reversed or over-long period refused with their codes.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/calendar.h"
#include "core/clock.h"
#include "domain/sra_json.h"
#include "test_server.h"

namespace srm::testing {
namespace {

namespace rec = domain::records;

class SlaApiTest : public SharedServerTest<SlaApiTest> {
 protected:

  template <typename R>
  static void Put(const R& r, int64_t expected_revision = 0) {
    store::WriteBatch batch;
    batch.records.push_back({store::AnyRecord(r), expected_revision});
    auto st = S().app().store->Write(batch, {{"system", "test", "system", "test.put", "test", r.id, "", "", ""}});
    ASSERT_TRUE(st.has_value()) << st.error().message;
  }

  // The catalog as the agreements see it: two collective DSS services and a joint one of this test
  // (beside whatever the demo's catalog holds).
  static void SetUpTestSuite() {
    try {
      SharedServerTest::SetUpTestSuite();
    } catch (const std::exception& e) {
      FAIL() << e.what();
    }
    const std::vector<std::pair<std::string, std::string>> services = {
        {"T-SLA-DSS-SRA", "dss"}, {"T-SLA-DSS-CLR", "dss"}, {"T-SLA-JOINT-TRN", "joint"}};
    for (const auto& [code, provider] : services) {
      rec::SecurityService s;
      s.id = "svc_" + code;
      s.code = code;
      s.name = code;
      s.provider = provider;
      s.unit = "per year";
      s.funding_source = "jointly_financed";
      s.created_by = {"", "test"};
      s.created_at = s.updated_at = "2025-01-01T00:00:00.000Z";
      Put(s);
    }
    auto page = S().app().store->ListSecurityServices({.code = "", .current_only = true}, {500, ""});
    ASSERT_TRUE(page.has_value());
    for (const auto& s : page->items)
      if (s.provider == "dss") collective_.push_back(s.code);
    // Carana's working time, as the figures below are hand-computed for: Lagos time (UTC+1, no
    // DST), Monday to Friday, 11 November 2024 a holiday.
    rec::CountryCalendar cal;
    cal.id = "cal_cty_carana";
    cal.country_id = "cty_carana";
    cal.time_zone = "Africa/Lagos";
    cal.working_week = "mon,tue,wed,thu,fri";
    cal.holidays = {{"2024-11-11", "Test holiday"}};
    cal.created_at = cal.updated_at = "2025-01-01T00:00:00.000Z";
    auto existing = S().app().store->GetCountryCalendar(cal.id);
    ASSERT_TRUE(existing.has_value());
    Put(cal, *existing ? (*existing)->revision : 0);
  }

  static json Body() {
    return {{"organization_id", "org_iom"},
            {"country_id", "cty_carana"},
            {"title", "DSS services to IOM in Carana"},
            {"from", "2025-01-01"},
            {"to", "2026-12-31"},
            {"targets", json::array({{{"metric", "sra_draft_to_publication_days"}, {"threshold", 10}, {"unit", "days"}},
                                     {{"metric", "clearance_leg_decision_hours"}, {"threshold", 24}, {"unit", "hours"}},
                                     {{"metric", "moss_items_closed_on_time_pct"}, {"threshold", 90}, {"unit", "pct"}}})}};
  }

  static std::string MakeSla(const std::string& org = "org_iom") {
    json b = Body();
    b["organization_id"] = org;
    auto r = Post("/api/v1/slas", b, T("dss"));
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body.value("id", "");
  }

  static inline std::vector<std::string> collective_;
};

TEST_F(SlaApiTest, DssDeskCreatesWithEveryCollectiveServiceAndIsAudited) {
  auto r = Post("/api/v1/slas", Body(), T("dss"));
  ASSERT_EQ(r.status, 201) << r.raw;
  std::vector<std::string> services = r.body["services"];
  for (const auto& code : collective_)
    EXPECT_NE(std::find(services.begin(), services.end(), code), services.end()) << code;
  EXPECT_EQ(std::find(services.begin(), services.end(), "T-SLA-JOINT-TRN"), services.end());
  EXPECT_EQ(r.body["created_by"]["username"], "dss");
  auto audit = S().app().store->ListAudit(r.body["id"], store::PageRequest{});
  ASSERT_TRUE(audit.has_value());
  ASSERT_EQ(audit->items.size(), 1u);
  EXPECT_EQ(audit->items[0].event.action, "sla.create");
  EXPECT_EQ(audit->items[0].event.role, "dss_desk");
  // The administrator too; a joint service may be added to the collective ones.
  json b = Body();
  json listed = collective_;
  listed.push_back("T-SLA-JOINT-TRN");
  b["services"] = listed;
  auto admin = Post("/api/v1/slas", b, T("admin"));
  ASSERT_EQ(admin.status, 201) << admin.raw;
  EXPECT_EQ(admin.body["services"].size(), collective_.size() + 1);
}

// Issue 18: the agreements list is searched (title, the organization's name) and sorted;
// the search never shows another organization's agreement to an organization's reader.
TEST_F(SlaApiTest, ListSearchAndSortOnlyNarrow) {
  auto make = [](const std::string& org, const std::string& title) {
    json b = Body();
    b["organization_id"] = org;
    b["title"] = title;
    auto r = Post("/api/v1/slas", b, T("dss"));
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body.value("id", "");
  };
  const std::string alpha = make("org_iom", "Lists18 Alpha agreement");
  const std::string bravo = make("org_wfp", "Lists18 Bravo agreement");
  auto ids = [](const std::string& query, const std::string& user) {
    auto r = Get("/api/v1/slas?limit=500" + query, T(user));
    EXPECT_EQ(r.status, 200) << r.raw;
    std::vector<std::string> out;
    for (const auto& i : r.body["items"]) out.push_back(i["id"]);
    return out;
  };
  EXPECT_EQ(ids("&q=LISTS18&sort=title", "dss"), (std::vector<std::string>{alpha, bravo}));
  EXPECT_EQ(ids("&q=lists18&sort=-title", "dss"), (std::vector<std::string>{bravo, alpha}));
  EXPECT_EQ(ids("&q=lists18%20alpha", "dss"), std::vector<std::string>{alpha});
  // The organization's name: WFP's agreement, not IOM's.
  auto by_org = ids("&q=world%20food%20programme", "dss");
  EXPECT_NE(std::find(by_org.begin(), by_org.end(), bravo), by_org.end());
  EXPECT_EQ(std::find(by_org.begin(), by_org.end(), alpha), by_org.end());
  // IOM's reader: their own only, whatever they search for.
  EXPECT_EQ(ids("&q=lists18", "hq"), std::vector<std::string>{alpha});
  EXPECT_TRUE(ids("&q=world%20food%20programme", "hq").empty());
  // Refusals.
  auto bad_sort = Get("/api/v1/slas?sort=risk", T("dss"));
  EXPECT_EQ(bad_sort.status, 400) << bad_sort.raw;
  EXPECT_EQ(bad_sort.Code(), "unknown_sort");
  auto unknown = Get("/api/v1/slas?country_id=cty_carana", T("dss"));
  EXPECT_EQ(unknown.status, 400) << unknown.raw;
  EXPECT_EQ(unknown.Code(), "unknown_parameter");
}

TEST_F(SlaApiTest, NobodyOptsOutOfACollectiveService) {
  json b = Body();
  b["services"] = json::array({"T-SLA-DSS-SRA", "T-SLA-JOINT-TRN"});  // leaves T-SLA-DSS-CLR out
  auto r = Post("/api/v1/slas", b, T("dss"));
  EXPECT_EQ(r.status, 422) << r.raw;
  EXPECT_EQ(r.Code(), "collective_service_not_optional");
  b["services"] = json::array();
  EXPECT_EQ(Post("/api/v1/slas", b, T("dss")).Code(), "collective_service_not_optional");
}

TEST_F(SlaApiTest, OnlyTheDssDeskOrAdministratorCreates) {
  for (const char* who : {"sp", "cell", "smt", "hq", "exec", "finance", "auditor", "do", "pclead"}) {
    auto r = Post("/api/v1/slas", Body(), T(who));
    EXPECT_EQ(r.status, 403) << who << " " << r.raw;
  }
  EXPECT_EQ(Post("/api/v1/slas", Body(), "").status, 401);
}

TEST_F(SlaApiTest, RefusesBadBodiesWithTheirCodes) {
  struct Row {
    const char* name;
    std::function<void(json&)> change;
    int status;
    const char* code;
    const char* field;
  };
  const std::vector<Row> rows = {
      {"unknown field", [](json& b) { b["opt_out"] = true; }, 400, "unknown_field", "opt_out"},
      {"org type", [](json& b) { b["organization_id"] = 7; }, 400, "invalid_type", "organization_id"},
      {"targets missing", [](json& b) { b.erase("targets"); }, 400, "required", "targets"},
      {"target field", [](json& b) { b["targets"][0]["weight"] = 1; }, 400, "unknown_field", "targets[0].weight"},
      {"threshold text", [](json& b) { b["targets"][0]["threshold"] = "10"; }, 400, "invalid_type",
       "targets[0].threshold"},
      {"service type", [](json& b) { b["services"] = json::array({1}); }, 400, "invalid_type", "services[0]"},
      {"control char", [](json& b) { b["title"] = std::string("a\x01" "b"); }, 400, "invalid_text", "title"},
      {"unknown org", [](json& b) { b["organization_id"] = "org_nope"; }, 422, "unknown_organization",
       "organization_id"},
      {"unknown country", [](json& b) { b["country_id"] = "cty_nope"; }, 422, "unknown_country", "country_id"},
      {"bad date", [](json& b) { b["from"] = "2025-02-30"; }, 422, "period_invalid", "from"},
      {"reversed", [](json& b) { b["from"] = "2027-01-01"; }, 422, "period_reversed", "from"},
      {"unknown service", [](json& b) { b["services"] = json::array({"NOPE"}); }, 422, "unknown_service", "services"},
      {"fund metric", [](json& b) { b["targets"].push_back({{"metric", "fund_request_answer_days"}, {"threshold", 5}, {"unit", "hours"}}); },
       422, "unit_mismatch", "targets[3].unit"},
      {"unit", [](json& b) { b["targets"][1]["unit"] = "days"; }, 422, "unit_mismatch", "targets[1].unit"},
      {"threshold range", [](json& b) { b["targets"][2]["threshold"] = 150; }, 422, "threshold_out_of_range",
       "targets[2].threshold"},
  };
  for (const auto& r : rows) {
    json b = Body();
    r.change(b);
    auto out = Post("/api/v1/slas", b, T("dss"));
    EXPECT_EQ(out.status, r.status) << r.name << " " << out.raw;
    EXPECT_EQ(out.Code(), r.code) << r.name;
    EXPECT_EQ(out.Field(), r.field) << r.name;
  }
  // Not JSON at all; not an object.
  auto raw = S().Call("POST", "/api/v1/slas", std::string("{\"organization_id\": \xff}"), TestServer::Auth(T("dss")));
  EXPECT_EQ(raw.status, 400) << raw.raw;
  EXPECT_EQ(Post("/api/v1/slas", json::array({1}), T("dss")).status, 400);
}

TEST_F(SlaApiTest, ReadersSeeTheirOwnOrganizationsOnly) {
  const std::string iom = MakeSla("org_iom");
  const std::string wfp = MakeSla("org_wfp");
  // hq: IOM's HQ security; finance: WFP's finance officer; smt: UNDP's SMT member; cell: IOM's
  // security cell (not a reader of agreements).
  EXPECT_EQ(Get("/api/v1/slas/" + iom, T("hq")).status, 200);
  EXPECT_EQ(Get("/api/v1/slas/" + wfp, T("finance")).status, 200);
  EXPECT_EQ(Get("/api/v1/slas/" + iom, T("finance")).status, 404);  // another organization's
  EXPECT_EQ(Get("/api/v1/slas/" + wfp, T("hq")).status, 404);
  EXPECT_EQ(Get("/api/v1/slas/" + iom, T("smt")).status, 404);
  EXPECT_EQ(Get("/api/v1/slas/" + iom + "/report?from=2025-01-01&to=2025-12-31", T("finance")).status, 404);
  EXPECT_EQ(Get("/api/v1/slas/" + iom, T("cell")).status, 403);  // own organization, not a reader role
  EXPECT_EQ(Get("/api/v1/slas/" + iom, T("exec")).status, 403);
  for (const char* who : {"auditor", "admin", "dss"}) EXPECT_EQ(Get("/api/v1/slas/" + wfp, T(who)).status, 200) << who;
  EXPECT_EQ(Get("/api/v1/slas/sla_nope", T("auditor")).status, 404);
  EXPECT_EQ(Get("/api/v1/slas/" + iom, "").status, 401);
  // Lists: own organization only, whatever the filter asks for.
  auto mine = Get("/api/v1/slas", T("finance"));
  ASSERT_EQ(mine.status, 200) << mine.raw;
  ASSERT_FALSE(mine.body["items"].empty());
  for (const auto& s : mine.body["items"]) EXPECT_EQ(s["organization_id"], "org_wfp");
  auto theirs = Get("/api/v1/slas?organization_id=org_iom", T("finance"));
  ASSERT_EQ(theirs.status, 200);
  EXPECT_TRUE(theirs.body["items"].empty());
  EXPECT_EQ(Get("/api/v1/slas", T("cell")).status, 403);
  auto all = Get("/api/v1/slas?organization_id=org_iom", T("auditor"));
  ASSERT_EQ(all.status, 200);
  for (const auto& s : all.body["items"]) EXPECT_EQ(s["organization_id"], "org_iom");
}

TEST_F(SlaApiTest, ReportPeriodIsValidatedAndBounded) {
  const std::string id = MakeSla();
  struct Row {
    std::string query;
    int status;
    const char* code;
  };
  const std::vector<Row> rows = {
      {"from=2025-12-01&to=2025-11-01", 422, "period_reversed"},
      {"from=2024-01-01&to=2025-12-31", 422, "report_period_too_long"},
      {"from=2025-13-01&to=2025-12-31", 400, "invalid_value"},
      {"from=2025-01-01T00:00:00Z&to=2025-12-31", 400, "invalid_value"},
      {"from=2025-1-01&to=2025-12-31", 400, "invalid_value"},
      {"from=2025-01-01&to=31%2F12%2F2025", 400, "invalid_value"},
      {"to=2025-12-31", 400, "required"},
      {"from=2025-01-01", 400, "required"},
  };
  for (const auto& r : rows) {
    auto out = Get("/api/v1/slas/" + id + "/report?" + r.query, T("hq"));
    EXPECT_EQ(out.status, r.status) << r.query << " " << out.raw;
    EXPECT_EQ(out.Code(), r.code) << r.query;
  }
  EXPECT_EQ(Get("/api/v1/slas/" + id + "/report?from=2025-01-01&to=2026-01-01", T("hq")).status, 200);  // 366 days
  // Bytes that are not a query at all are refused at the edge.
  EXPECT_EQ(Get("/api/v1/slas/" + id + "/report?from=%FF%FE&to=2025-12-31", T("hq")).status, 400);
}

// The events of November 2024 (a year before the demo's own back-dated events can reach, whenever
// the test runs after 2025), written to the store as the system's own records would be.
TEST_F(SlaApiTest, ReportRecomputesEachFigureFromTheEvents) {
  // A clearance leg of IOM requested Thursday 28 Nov 2024 16:00 Lagos (15:00Z) and granted by the
  // DSS security adviser on Sunday 1 Dec 10:00 (09:00Z): Thursday's 8 hours + Friday's 24 = 32.
  rec::ClearanceLeg leg;
  leg.id = "leg_t_weekend";
  leg.seq = 1;
  leg.organization_id = "org_iom";
  leg.traveller = {"Test traveller", ""};
  leg.requested_by = {"", "hq"};
  leg.activity = "Test mission";
  leg.area_id = "area_4";
  leg.area_name = "Guvi Coast";
  leg.country_id = "cty_carana";
  leg.from = "2024-12-02";
  leg.to = "2024-12-04";
  leg.status = "approved";
  leg.rule = "referred_pc";
  leg.decided_at = "2024-12-01T09:00:00.000Z";
  leg.decided_by = "dss";
  leg.decided_role = "dss_security_adviser";
  leg.comment = "granted";
  leg.created_at = "2024-11-28T15:00:00.000Z";
  leg.updated_at = leg.decided_at;
  // Each leg belongs to its request, as the clearance workflow writes them.
  auto request_of = [](const rec::ClearanceLeg& l) {
    rec::ClearanceRequest q;
    q.id = l.request_id;
    q.traveller = l.traveller;
    q.organization_id = l.organization_id;
    q.country_id = l.country_id;
    q.activity = l.activity;
    q.status = l.status == "approved" ? "cleared" : "refused";
    q.from = l.from;
    q.to = l.to;
    q.requested_by = l.requested_by;
    q.leg_ids = std::vector<std::string>{l.id};
    q.created_at = l.created_at;
    q.updated_at = l.updated_at;
    return q;
  };
  leg.request_id = "clr_t_weekend";
  Put(request_of(leg));
  Put(leg);
  // Decided by the executive office (the organization's own step): not DSS's service, not counted.
  rec::ClearanceLeg exec = leg;
  exec.id = "leg_t_exec";
  exec.decided_role = "executive_office";
  exec.request_id = "clr_t_exec";
  Put(request_of(exec));
  Put(exec);
  // Another organization's leg: not in IOM's figure.
  rec::ClearanceLeg other = leg;
  other.id = "leg_t_wfp";
  other.organization_id = "org_wfp";
  other.decided_at = "2024-12-30T09:00:00.000Z";
  other.updated_at = other.decided_at;
  other.request_id = "clr_t_wfp";
  Put(request_of(other));
  Put(other);

  // An area SRA version in Guvi Coast (IOM present: prg_6) drafted Monday 4 Nov 2024, returned
  // twice, published Monday 18 Nov: working dates after the 4th through the 18th, Mon-Fri, the
  // 11th a holiday: 5-8 (4) + 12-15 (4) + 18 (1) = 9 days.
  auto pack = S().app().methods->Active();
  ASSERT_TRUE(pack.has_value());
  domain::Sra sra;
  sra.id = "sra_t_returned";
  sra.series_id = "ser_t_returned";
  sra.version = 1;
  sra.title = "Guvi Coast area SRA (2024)";
  sra.area_id = "area_4";
  sra.country_id = "cty_carana";
  sra.organization_id = "org_dss";
  sra.status = domain::SraStatus::kSuperseded;
  sra.method_version = (*pack)->version;
  sra.created_by = "sp";
  sra.created_at = "2024-11-04T08:00:00.000Z";
  sra.published_at = "2024-11-18T12:00:00.000Z";
  sra.updated_at = "2024-11-21T08:00:00.000Z";
  sra.history = {{"submit", "draft", "in_review", "sp", "security_professional", "", "2024-11-05T08:00:00.000Z"},
                 {"return", "in_review", "returned", "cell", "security_cell", "gaps", "2024-11-06T08:00:00.000Z"},
                 {"submit", "returned", "in_review", "sp", "security_professional", "", "2024-11-07T08:00:00.000Z"},
                 {"return", "in_review", "returned", "cell", "security_cell", "more", "2024-11-08T08:00:00.000Z"},
                 {"submit", "returned", "in_review", "sp", "security_professional", "", "2024-11-12T08:00:00.000Z"},
                 {"approve", "endorsed", "published", "dss", "dss_desk", "", "2024-11-18T12:00:00.000Z"}};
  store::SraRow row{sra.id, sra.series_id, 1, "area", sra.title, sra.area_id, sra.country_id, sra.organization_id,
                    "superseded", sra.method_version, "", "", sra.created_at, sra.updated_at, 0,
                    domain::SraToJson(**pack, sra).dump()};
  auto wrote = S().app().store->WriteSras({{row, 0}}, {{"system", "test", "system", "test.put", "sra", sra.id, "", "", ""}});
  ASSERT_TRUE(wrote.has_value()) << wrote.error().message;

  // MOSS items of IOM at the Guvi Coast office: one closed at 23:30 Lagos on its due date (22:30Z,
  // on time), one closed the next day (late).
  auto item = [](const std::string& id, const std::string& due, const std::string& closed) {
    rec::ComplianceItem c;
    c.id = id;
    c.location_id = "loc_4";
    c.location_name = "UN office Guvi Coast";
    c.location_kind = "office";
    c.area_id = "area_4";
    c.country_id = "cty_carana";
    c.organization_id = "org_iom";
    c.requirement = "Radio room";
    c.moss_category = "telecommunications";
    c.status = "compliant";
    c.due_date = due;
    c.created_by = "cell";
    c.created_at = "2024-10-01T08:00:00.000Z";
    c.updated_at = closed;
    c.history = {{"2024-10-01T08:00:00.000Z", "cell", "open", "", ""}, {closed, "cell", "compliant", "log", ""}};
    return c;
  };
  Put(item("ci_t_ontime", "2024-11-20", "2024-11-20T22:30:00.000Z"));
  Put(item("ci_t_late", "2024-11-21", "2024-11-22T09:00:00.000Z"));

  const std::string id = MakeSla();
  auto r = Get("/api/v1/slas/" + id + "/report?from=2024-11-15&to=2024-12-14", T("hq"));
  ASSERT_EQ(r.status, 200) << r.raw;
  ASSERT_EQ(r.body["metrics"].size(), 3u);
  const json& sras = r.body["metrics"][0];
  EXPECT_EQ(sras["metric"], "sra_draft_to_publication_days");
  ASSERT_EQ(sras["count"], 1) << sras.dump();
  EXPECT_EQ(sras["events"][0]["id"], "sra_t_returned");
  EXPECT_EQ(sras["events"][0]["value"], 9.0);
  EXPECT_EQ(sras["events"][0]["detail"], "version=1;returns=2");
  EXPECT_EQ(sras["events"][0]["calendar"], "cty_carana");
  EXPECT_EQ(sras["measured"], 9.0);
  EXPECT_EQ(sras["met"], true);  // at most 10

  const json& legs = r.body["metrics"][1];
  ASSERT_EQ(legs["count"], 1) << legs.dump();
  EXPECT_EQ(legs["events"][0]["id"], "leg_t_weekend");
  EXPECT_EQ(legs["events"][0]["start_at"], "2024-11-28T15:00:00.000Z");
  EXPECT_EQ(legs["events"][0]["end_at"], "2024-12-01T09:00:00.000Z");
  EXPECT_EQ(legs["measured"], 32.0);
  EXPECT_EQ(legs["met"], false);  // at most 24
  EXPECT_EQ(legs["events"][0]["within_target"], false);

  const json& moss = r.body["metrics"][2];
  ASSERT_EQ(moss["count"], 2) << moss.dump();
  EXPECT_EQ(moss["measured"], 50.0);
  EXPECT_EQ(moss["met"], false);
  EXPECT_EQ(moss["events"][0]["id"], "ci_t_ontime");
  EXPECT_EQ(moss["events"][0]["within_target"], true);
  EXPECT_EQ(moss["events"][1]["within_target"], false);
  ASSERT_EQ(moss["months"].size(), 1u);
  EXPECT_EQ(moss["months"][0]["month"], "2024-11");

  ASSERT_EQ(r.body["calendars"].size(), 1u);
  EXPECT_EQ(r.body["calendars"][0]["time_zone"], "Africa/Lagos");

  // The same period for WFP counts WFP's events only: its leg was decided on 30 December, so at the
  // period's end (Sunday 15 December 00:00 Lagos) it was still undecided and long past its target:
  // a breach of the period, counted up to that end (issue 15: pending is not ignored): Thursday
  // 28 Nov 16:00-24:00 (8) + Friday (24) + the weeks of 2 and 9 December (2 x 5 x 24) = 272 hours.
  const std::string wfp = MakeSla("org_wfp");
  auto w = Get("/api/v1/slas/" + wfp + "/report?from=2024-11-15&to=2024-12-14", T("finance"));
  ASSERT_EQ(w.status, 200) << w.raw;
  const json& pending = w.body["metrics"][1];
  ASSERT_EQ(pending["count"], 1) << pending.dump();
  EXPECT_EQ(pending["pending_breaches"], 1);
  EXPECT_EQ(pending["pending"], 0);
  EXPECT_EQ(pending["events"][0]["id"], "leg_t_wfp");
  EXPECT_TRUE(pending["events"][0]["end_at"].is_null());
  EXPECT_EQ(pending["events"][0]["value"], 272.0);
  EXPECT_EQ(pending["events"][0]["within_target"], false);
  EXPECT_EQ(pending["measured"], 272.0);
  EXPECT_EQ(pending["met"], false);
  EXPECT_EQ(r.body["metrics"][1]["pending_breaches"], 0);  // IOM's leg was decided in the period
  // An area SRA version where WFP is present (area_6, prg_7) drafted Monday 25 November 2024 and
  // still in review: at the period's end, working dates after the 25th through Friday 13 December:
  // 26-29 (4) + 2-6 (5) + 9-13 (5) = 14 days, past the target of 10: a breach, not ignored.
  domain::Sra stuck = sra;
  stuck.id = "sra_t_stuck";
  stuck.series_id = "ser_t_stuck";
  stuck.title = "Area 6 SRA (2024, never published)";
  stuck.area_id = "area_6";
  stuck.status = domain::SraStatus::kInReview;
  stuck.created_at = "2024-11-25T08:00:00.000Z";
  stuck.published_at = "";
  stuck.updated_at = "2024-11-26T08:00:00.000Z";
  stuck.history = {{"submit", "draft", "in_review", "sp", "security_professional", "", "2024-11-26T08:00:00.000Z"}};
  store::SraRow stuck_row{stuck.id, stuck.series_id, 1, "area", stuck.title, stuck.area_id, stuck.country_id,
                          stuck.organization_id, "in_review", stuck.method_version, "", "", stuck.created_at,
                          stuck.updated_at, 0, domain::SraToJson(**pack, stuck).dump()};
  ASSERT_TRUE(S().app().store->WriteSras({{stuck_row, 0}}, {{"system", "test", "system", "test.put", "sra", stuck.id, "", "", ""}})
                  .has_value());
  auto w2 = Get("/api/v1/slas/" + wfp + "/report?from=2024-11-15&to=2024-12-14", T("finance"));
  ASSERT_EQ(w2.status, 200) << w2.raw;
  const json& unpublished = w2.body["metrics"][0];
  ASSERT_EQ(unpublished["count"], 1) << unpublished.dump();
  EXPECT_EQ(unpublished["pending_breaches"], 1);
  EXPECT_EQ(unpublished["events"][0]["id"], "sra_t_stuck");
  EXPECT_EQ(unpublished["events"][0]["value"], 14.0);
  EXPECT_EQ(unpublished["events"][0]["detail"], "version=1;returns=0;pending=unpublished");
  EXPECT_EQ(unpublished["met"], false);  // at most 10
  // Before it was drafted, nothing: the period that ended on 24 November does not count it.
  auto early = Get("/api/v1/slas/" + wfp + "/report?from=2024-11-01&to=2024-11-24", T("finance"));
  ASSERT_EQ(early.status, 200);
  EXPECT_EQ(early.body["metrics"][0]["count"], 0);
  auto dec = Get("/api/v1/slas/" + wfp + "/report?from=2024-12-15&to=2024-12-31", T("finance"));
  ASSERT_EQ(dec.status, 200);
  EXPECT_EQ(dec.body["metrics"][1]["count"], 1);
  EXPECT_EQ(dec.body["metrics"][1]["events"][0]["id"], "leg_t_wfp");
}

// The demo's two agreements carry a year of back-dated events (service/money/sla_demo.cpp): the
// last year's report counts every one of them.
TEST_F(SlaApiTest, DemoAgreementsAreMeasuredOverAYear) {
  const calendar::Day today = calendar::DayOfMillis(SystemClock().NowMillis());
  const std::string period = "from=" + calendar::FormatIsoDate(calendar::AddDays(today, -364)) +
                             "&to=" + calendar::FormatIsoDate(today);
  // IOM: exactly the back-dated events. WFP: those and the demo's own of today (the Sanjar SRA
  // published today, its overdue residence item), so at least as many.
  for (const auto& [id, reader, exact] : {std::tuple{"sla_demo_IOM", "hq", true}, {"sla_demo_WFP", "finance", false}}) {
    auto r = Get(std::string("/api/v1/slas/") + id + "/report?" + period, T(reader));
    ASSERT_EQ(r.status, 200) << id << " " << r.raw;
    ASSERT_EQ(r.body["metrics"].size(), 3u);
    const int expected[] = {4, 24, 12};  // quarterly SRA versions, two legs a month, a MOSS item a month
    for (int i = 0; i < 3; ++i) {
      const json& m = r.body["metrics"][i];
      if (exact) {
        EXPECT_EQ(m["count"], expected[i]) << id << " " << m["metric"];
      } else {
        EXPECT_GE(m["count"].get<int>(), expected[i]) << id << " " << m["metric"];
      }
      EXPECT_FALSE(m["measured"].is_null()) << id << " " << m["metric"];
      if (i > 0) {
        EXPECT_GE(m["months"].size(), 10u) << id << " " << m["metric"];
      }
    }
  }
}

}  // namespace
}  // namespace srm::testing
