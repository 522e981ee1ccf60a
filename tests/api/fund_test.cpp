// Issue 16, the emergency security fund, over real HTTP on the Carana demo data, on SQLite and
// (SRM_TEST_PG_URL) PostgreSQL:
//   - request -> approval -> disbursement -> return, the ledger balancing after every operation
//     and agreeing with the balance;
//   - an approval above the decider's authority refused (403 above_authority, nothing changed)
//     and left to the authority it was routed to, which approves it;
//   - the requester never decides; a disbursement without an approved request is refused, and
//     never more than committed;
//   - a contributor reads the transparency report but not another donor's conditions;
//   - 40 approvals racing against a balance that covers 10, on two servers sharing one database:
//     exactly 10 approved, 30 refused with 409 insufficient_balance, never a 5xx, never negative;
//   - the wrong person and another organization's ids on every route;
//   - corrections: a wrongly recorded movement reversed by a new one, once only, never a
//     reversal, never overdrawing nor paying out beyond the commitment;
//   - a request resting on an incident placed in its area.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <thread>

#include "store/incident_store.h"
#include "second_server.h"
#include "test_server.h"

namespace srm::testing {
namespace {


class FundApiTest : public SharedServerTest<FundApiTest> {
 protected:
  static const std::string& Fund() {
    static const std::string t = S().Login("fund");
    return t;
  }
  static const std::string& Board() {
    static const std::string t = S().Login("board");
    return t;
  }
  static json Request(int64_t amount, const std::string& area = "area_1") {
    return json{{"area_id", area}, {"purpose", "Surge officers after the port clashes"}, {"amount_minor", amount},
                {"currency", "USD"}, {"days", 30}};
  }
  static std::string Submit(int64_t amount, const std::string& tok = "") {
    auto r = Post("/api/v1/fund/requests", Request(amount), tok.empty() ? T("sp") : tok);
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body.value("id", "");
  }
  static HttpResult Decide(const std::string& id, const std::string& decision, const std::string& tok,
                           const std::string& reason = "Within the SRA's measures") {
    return Post("/api/v1/fund/requests/" + id + "/decision", json{{"decision", decision}, {"reason", reason}}, tok);
  }
  static json Balance() {
    auto b = Get("/api/v1/fund/balance", Fund());
    EXPECT_EQ(b.status, 200) << b.raw;
    return b.body;
  }
  // The whole ledger, page by page.
  static std::vector<json> Ledger(TestServer& s, const std::string& tok) {
    std::vector<json> out;
    std::string cursor;
    for (;;) {
      auto page = s.Call("GET", "/api/v1/fund/ledger?limit=200" + (cursor.empty() ? "" : "&cursor=" + cursor), json(), tok);
      EXPECT_EQ(page.status, 200) << page.raw;
      if (page.status != 200) return out;
      for (const auto& e : page.body["items"]) out.push_back(e);
      if (page.body["next_cursor"].is_null()) return out;
      cursor = page.body["next_cursor"];
    }
  }
  // Every movement is two entries that balance, and the ledger adds up to the balance.
  static void ExpectLedgerBalances(TestServer& s, const std::string& tok) {
    std::map<std::string, int64_t> per_movement, per_account;
    std::map<std::string, int> entries;
    for (const auto& e : Ledger(s, tok)) {
      const int64_t debit = e["debit_minor"], credit = e["credit_minor"];
      per_movement[e["movement_id"]] += debit - credit;
      entries[e["movement_id"]]++;
      per_account[e["account"]] += debit - credit;
    }
    for (const auto& [m, net] : per_movement) EXPECT_EQ(net, 0) << "movement " << m << " does not balance";
    for (const auto& [m, n] : entries) EXPECT_EQ(n, 2) << "movement " << m;
    auto b = s.Call("GET", "/api/v1/fund/balance", json(), tok);
    ASSERT_EQ(b.status, 200) << b.raw;
    EXPECT_EQ(per_account["available"], b.body["available_minor"].get<int64_t>());
    EXPECT_EQ(per_account["committed"], b.body["committed_minor"].get<int64_t>());
    EXPECT_EQ(per_account["disbursed"], b.body["disbursed_minor"].get<int64_t>());
    EXPECT_EQ(-per_account["donors"], b.body["contributions_minor"].get<int64_t>());
    EXPECT_GE(b.body["available_minor"].get<int64_t>(), 0);
    EXPECT_EQ(b.body["available_minor"].get<int64_t>(),
              b.body["contributions_minor"].get<int64_t>() - b.body["committed_minor"].get<int64_t>() -
                  b.body["disbursed_minor"].get<int64_t>());
  }
};

TEST_F(FundApiTest, TheDemoFundHasThreeContributionsOneDisbursedRequestAndOneWaitingForTheBoard) {
  auto report = Get("/api/v1/fund/report", Fund());
  ASSERT_EQ(report.status, 200) << report.raw;
  EXPECT_EQ(report.body["donors"].size(), 3u);
  bool disbursed = false, waiting_for_board = false;
  for (const auto& d : report.body["decisions"]) disbursed |= d["status"] == "disbursed";
  for (const auto& w : report.body["waiting"]) waiting_for_board |= w["routed_to"] == "fund_board";
  EXPECT_TRUE(disbursed) << report.raw;
  EXPECT_TRUE(waiting_for_board) << report.raw;
  ExpectLedgerBalances(S(), Fund());
}

TEST_F(FundApiTest, RequestApprovalDisbursementAndReturnKeepTheLedgerBalanced) {
  const json before = Balance();
  const std::string id = Submit(1'000'000);
  auto got = Get("/api/v1/fund/requests/" + id, T("sp"));
  ASSERT_EQ(got.status, 200) << got.raw;
  EXPECT_EQ(got.body["routed_to"], "fund_manager");
  EXPECT_EQ(got.body["status"], "submitted");
  EXPECT_EQ(got.body["basis"]["kind"], "sra");
  // Submitting reserves nothing.
  EXPECT_EQ(Balance()["available_minor"], before["available_minor"]);
  // A decision states its reason; the security professional is no authority.
  EXPECT_EQ(Decide(id, "approve", Fund(), "").Code(), "reason_required");
  EXPECT_EQ(Decide(id, "approve", T("sp")).Code(), "not_a_fund_authority");
  EXPECT_EQ(Decide(id, "perhaps", Fund()).Code(), "invalid_decision");
  auto approved = Decide(id, "approve", Fund());
  ASSERT_EQ(approved.status, 200) << approved.raw;
  EXPECT_EQ(approved.body["status"], "approved");
  EXPECT_EQ(Decide(id, "refuse", Fund()).Code(), "already_decided");
  json b = Balance();
  EXPECT_EQ(b["available_minor"].get<int64_t>(), before["available_minor"].get<int64_t>() - 1'000'000);
  EXPECT_EQ(b["committed_minor"].get<int64_t>(), before["committed_minor"].get<int64_t>() + 1'000'000);
  ExpectLedgerBalances(S(), Fund());

  const std::string pay = "/api/v1/fund/requests/" + id + "/disbursements";
  EXPECT_EQ(Post(pay, json{{"amount_minor", 600'000}}, T("sp")).Code(), "fund_manager_required");
  EXPECT_EQ(Post(pay, json{{"amount_minor", 600'000}}, Board()).Code(), "fund_manager_required");
  auto part = Post(pay, json{{"amount_minor", 600'000}, {"note", "first tranche"}}, Fund());
  ASSERT_EQ(part.status, 201) << part.raw;
  EXPECT_EQ(part.body["committed_remaining_minor"], 400'000);
  ExpectLedgerBalances(S(), Fund());
  auto too_much = Post(pay, json{{"amount_minor", 400'001}}, Fund());
  EXPECT_EQ(too_much.status, 409) << too_much.raw;
  EXPECT_EQ(too_much.Code(), "above_commitment");
  auto rest = Post(pay, json::object(), Fund());  // what remains committed
  ASSERT_EQ(rest.status, 201) << rest.raw;
  EXPECT_EQ(rest.body["status"], "disbursed");
  EXPECT_EQ(Post(pay, json{{"amount_minor", 1}}, Fund()).Code(), "above_commitment");
  ExpectLedgerBalances(S(), Fund());

  const std::string back = "/api/v1/fund/requests/" + id + "/returns";
  EXPECT_EQ(Post(back, json{{"amount_minor", 1'000'001}}, Fund()).Code(), "above_disbursed");
  auto returned = Post(back, json{{"amount_minor", 250'000}, {"note", "unspent"}}, Fund());
  ASSERT_EQ(returned.status, 201) << returned.raw;
  EXPECT_EQ(returned.body["returned_minor"], 250'000);
  b = Balance();
  EXPECT_EQ(b["available_minor"].get<int64_t>(), before["available_minor"].get<int64_t>() - 750'000);
  EXPECT_EQ(b["disbursed_minor"].get<int64_t>(), before["disbursed_minor"].get<int64_t>() + 750'000);
  ExpectLedgerBalances(S(), Fund());
  // The ledger of the request: four movements (commitment, two disbursements, a return).
  auto mine = Get("/api/v1/fund/ledger?request_id=" + id, Fund());
  ASSERT_EQ(mine.status, 200) << mine.raw;
  EXPECT_EQ(mine.body["total"], 8);
}

TEST_F(FundApiTest, AnApprovalAboveAuthorityIsRefusedAndLeftToTheBoard) {
  const std::string id = Submit(25'000'001);  // a cent above the manager's USD 250,000
  auto got = Get("/api/v1/fund/requests/" + id, Fund());
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.body["routed_to"], "fund_board");
  const int audit_before = S().AuditEntriesBesideAccessBatches();
  const json balance_before = Balance();
  for (const char* decision : {"approve", "refuse"}) {
    auto refused = Decide(id, decision, Fund());
    EXPECT_EQ(refused.status, 403) << refused.raw;
    EXPECT_EQ(refused.Code(), "above_authority");
  }
  // Nothing changed.
  auto after = Get("/api/v1/fund/requests/" + id, Fund());
  EXPECT_EQ(after.body["status"], "submitted");
  EXPECT_EQ(after.body["revision"], got.body["revision"]);
  EXPECT_EQ(S().AuditEntriesBesideAccessBatches(), audit_before);
  EXPECT_EQ(Balance(), balance_before);
  // The report shows it waiting for the board, which decides it.
  auto report = Get("/api/v1/fund/report", Board());
  bool waiting = false;
  for (const auto& w : report.body["waiting"]) waiting |= w["request_id"] == id && w["routed_to"] == "fund_board";
  EXPECT_TRUE(waiting);
  auto approved = Decide(id, "approve", Board());
  ASSERT_EQ(approved.status, 200) << approved.raw;
  EXPECT_EQ(approved.body["decided_by"]["username"], "board");
  ExpectLedgerBalances(S(), Fund());
}

TEST_F(FundApiTest, TheRequesterNeverDecidesTheirOwnRequest) {
  const std::string both = NewUser("fund_sp_both", "org_dss",
                                   json::array({json{{"role", "security_professional"}, {"country_id", "cty_carana"}},
                                                json{{"role", "fund_manager"}}}));
  const std::string id = Submit(10'000, both);
  auto own = Decide(id, "approve", both);
  EXPECT_EQ(own.status, 403) << own.raw;
  EXPECT_EQ(own.Code(), "separation_of_duties");
  EXPECT_EQ(Decide(id, "refuse", Fund(), "Not a surge need").status, 200);
  auto report = Get("/api/v1/fund/report", Fund());
  bool found = false;
  for (const auto& d : report.body["decisions"])
    if (d["request_id"] == id) {
      found = true;
      EXPECT_EQ(d["decision"], "refuse");
      EXPECT_EQ(d["reason"], "Not a surge need");
      EXPECT_GE(d["answer_hours"].get<double>(), 0.0);
    }
  EXPECT_TRUE(found);
}

TEST_F(FundApiTest, ADisbursementWithoutAnApprovedRequestIsRefused) {
  (void)T("sp"), (void)Fund();  // signed in before counting: a first sign-in is audited too
  const int audit_before = S().AuditEntriesBesideAccessBatches();
  const std::string submitted = Submit(20'000);
  auto r = Post("/api/v1/fund/requests/" + submitted + "/disbursements", json{{"amount_minor", 1}}, Fund());
  EXPECT_EQ(r.status, 409) << r.raw;
  EXPECT_EQ(r.Code(), "request_not_approved");
  ASSERT_EQ(Decide(submitted, "refuse", Fund(), "Covered by the agency").status, 200);
  r = Post("/api/v1/fund/requests/" + submitted + "/disbursements", json::object(), Fund());
  EXPECT_EQ(r.Code(), "request_not_approved");
  EXPECT_EQ(Post("/api/v1/fund/requests/" + submitted + "/returns", json{{"amount_minor", 1}}, Fund()).Code(),
            "nothing_disbursed");
  auto unknown = Post("/api/v1/fund/requests/fnr_nowhere/disbursements", json::object(), Fund());
  EXPECT_EQ(unknown.status, 404) << unknown.raw;
  EXPECT_EQ(S().AuditEntriesBesideAccessBatches(), audit_before + 2);  // the submission and the refusal only
}

TEST_F(FundApiTest, AContributorReadsTheReportButNotAnotherDonorsConditions) {
  // finance is WFP's: WFP contributed, with conditions; so did IOM.
  auto report = Get("/api/v1/fund/report", T("finance"));
  ASSERT_EQ(report.status, 200) << report.raw;
  bool saw_own = false, saw_other = false;
  for (const auto& d : report.body["donors"]) {
    for (const auto& c : d["contributions"]) {
      if (d["donor"] == "org_wfp") {
        saw_own = true;
        EXPECT_TRUE(c.contains("conditions"));
        EXPECT_EQ(c["conditions"], "Reported to WFP's donors every quarter");
      } else {
        saw_other = true;
        EXPECT_FALSE(c.contains("conditions")) << c.dump();
      }
    }
    EXPECT_EQ(d["conditions_visible"], d["donor"] == "org_wfp");
  }
  EXPECT_TRUE(saw_own);
  EXPECT_TRUE(saw_other);
  EXPECT_EQ(report.raw.find("Not for armed escorts"), std::string::npos);  // IOM's conditions
  // The fund's officials see every donor's conditions.
  auto full = Get("/api/v1/fund/report", T("auditor"));
  ASSERT_EQ(full.status, 200);
  EXPECT_NE(full.raw.find("Not for armed escorts"), std::string::npos);
  // Not a contributor (DSS gave nothing): no report; a contributor reads no ledger.
  EXPECT_EQ(Get("/api/v1/fund/report", T("dss")).Code(), "not_a_contributor");
  EXPECT_EQ(Get("/api/v1/fund/ledger", T("finance")).status, 403);
  // A contributor lists only its own contributions.
  auto own = Get("/api/v1/fund/contributions", T("finance"));
  ASSERT_EQ(own.status, 200);
  for (const auto& c : own.body["items"]) EXPECT_EQ(c["donor"], "org_wfp");
}

TEST_F(FundApiTest, TheWrongPersonAndAnotherOrganizationsIdsAreRefused) {
  const json contribution{{"donor", "org_wfp"}, {"amount_minor", 100}, {"currency", "USD"}};
  for (const char* who : {"sp", "finance", "auditor", "admin"})
    EXPECT_EQ(Post("/api/v1/fund/contributions", contribution, T(who)).Code(), "fund_manager_required") << who;
  EXPECT_EQ(Post("/api/v1/fund/contributions", contribution, Board()).Code(), "fund_manager_required");
  auto unknown_donor = Post("/api/v1/fund/contributions", json{{"donor", "org_nowhere"}, {"amount_minor", 100}, {"currency", "USD"}}, Fund());
  EXPECT_EQ(unknown_donor.Code(), "unknown_donor");
  EXPECT_EQ(Post("/api/v1/fund/contributions", json{{"donor", "org_wfp"}, {"amount_minor", 100}, {"currency", "EUR"}}, Fund()).Code(),
            "currency_not_fund");
  // Only a security professional of the area requests.
  EXPECT_EQ(Post("/api/v1/fund/requests", Request(100), T("finance")).Code(), "security_professional_required");
  EXPECT_EQ(Post("/api/v1/fund/requests", Request(100), Fund()).Code(), "security_professional_required");
  const std::string area_only = NewUser("fund_sp_area5", "org_dss",
                                        json::array({json{{"role", "security_professional"}, {"country_id", "cty_carana"}, {"area_id", "area_5"}}}));
  EXPECT_EQ(Post("/api/v1/fund/requests", Request(100, "area_1"), area_only).Code(), "security_professional_required");
  EXPECT_EQ(Post("/api/v1/fund/requests", Request(100, "area_nowhere"), T("sp")).Code(), "unknown_area");
  // area_5's SRA is a draft: no SRA in force there.
  EXPECT_EQ(Post("/api/v1/fund/requests", Request(100, "area_5"), area_only).Code(), "no_sra_in_force");
  // Another organization's security professional: the DSS request is not disclosed.
  const std::string id = Submit(30'000);
  const std::string wfp_sp = NewUser("fund_sp_wfp", "org_wfp",
                                     json::array({json{{"role", "security_professional"}, {"country_id", "cty_carana"}}}));
  EXPECT_EQ(Get("/api/v1/fund/requests/" + id, wfp_sp).status, 404);
  EXPECT_EQ(Decide(id, "approve", wfp_sp).status, 404);
  auto listed = Get("/api/v1/fund/requests?limit=500", wfp_sp);
  ASSERT_EQ(listed.status, 200) << listed.raw;
  for (const auto& r : listed.body["items"]) EXPECT_EQ(r["organization_id"], "org_wfp");
  EXPECT_EQ(Get("/api/v1/fund/requests/" + id, area_only).status, 404);  // sp of area_5 only: not its area
  // Nobody else reads the requests, the ledger or the balance.
  EXPECT_EQ(Get("/api/v1/fund/requests", T("smt")).status, 403);
  EXPECT_EQ(Get("/api/v1/fund/ledger", T("sp")).status, 403);
  EXPECT_EQ(Get("/api/v1/fund/balance", T("dss")).status, 403);
  EXPECT_EQ(Get("/api/v1/fund/balance", T("sp")).status, 200);
  EXPECT_EQ(Get("/api/v1/fund/contributions", T("dss")).status, 403);
  EXPECT_EQ(Get("/api/v1/fund/report", T("sp")).Code(), "not_a_contributor");
  auto terms = Get("/api/v1/fund/authorities", T("sp"));  // the fund's terms are public
  ASSERT_EQ(terms.status, 200) << terms.raw;
  EXPECT_EQ(terms.body["items"].size(), 2u);
  // Disbursing and returning: the fund manager only.
  ASSERT_EQ(Decide(id, "approve", Fund()).status, 200);
  EXPECT_EQ(Post("/api/v1/fund/requests/" + id + "/disbursements", json::object(), T("sp")).Code(), "fund_manager_required");
  EXPECT_EQ(Post("/api/v1/fund/requests/" + id + "/returns", json{{"amount_minor", 1}}, T("auditor")).Code(),
            "fund_manager_required");
  // Unauthenticated.
  EXPECT_EQ(Get("/api/v1/fund/balance", "").status, 401);
}

TEST_F(FundApiTest, RequestsAndLedgerExportAsCsv) {
  auto csv = S().Call("GET", "/api/v1/fund/ledger?format=csv", "", TestServer::Auth(Fund()));
  ASSERT_EQ(csv.status, 200) << csv.raw;
  EXPECT_EQ(csv.raw.rfind("\xEF\xBB\xBFid,movement_id,seq,", 0), 0u) << csv.raw.substr(0, 200);  // after the BOM
  auto requests = S().Call("GET", "/api/v1/fund/requests?format=csv", "", TestServer::Auth(Fund()));
  ASSERT_EQ(requests.status, 200) << requests.raw;
  EXPECT_NE(requests.raw.find("fund_board"), std::string::npos);
}

TEST_F(FundApiTest, TheSlaMeasuresTheDaysToAnswerAFundRequest) {
  const calendar::Day day = calendar::DayOfMillis(S().app().clock.NowMillis());
  const std::string today = calendar::FormatIsoDate(day), from = calendar::FormatIsoDate(calendar::AddDays(day, -60));
  auto sla = Post("/api/v1/slas",
                  json{{"organization_id", "org_dss"}, {"country_id", "cty_carana"}, {"title", "The fund's answers to DSS"},
                       {"from", from}, {"to", today},
                       {"targets", json::array({{{"metric", "fund_request_answer_days"}, {"threshold", 5}, {"unit", "days"}}})}},
                  T("dss"));
  ASSERT_EQ(sla.status, 201) << sla.raw;
  auto report = Get("/api/v1/slas/" + sla.body["id"].get<std::string>() + "/report?from=" + from + "&to=" + today, T("dss"));
  ASSERT_EQ(report.status, 200) << report.raw;
  ASSERT_EQ(report.body["metrics"].size(), 1u);
  const json& m = report.body["metrics"][0];
  EXPECT_EQ(m["metric"], "fund_request_answer_days");
  // The demo's approved request was answered in at most 2 working days; its other request waits.
  bool answered = false;
  for (const auto& e : m["events"])
    if (e["kind"] == "fund_request" && !e["end_at"].is_null()) {
      answered = true;
      EXPECT_LE(e["value"].get<double>(), 3.0);
      EXPECT_EQ(e["within_target"], true);
    }
  EXPECT_TRUE(answered) << report.raw;
  EXPECT_GE(m["count"].get<int>(), 1);
  EXPECT_GE(m["pending"].get<int>() + m["pending_breaches"].get<int>(), 1);
}

// Corrections are new entries: the fund manager reverses a wrongly recorded movement with a
// movement that references it; once only; never a reversal; the ledger keeps balancing.
TEST_F(FundApiTest, AWronglyRecordedContributionIsReversedByANewMovementOnceOnly) {
  // A contribution recorded with the wrong amount (USD 90,000 for USD 9,000).
  auto wrong = Post("/api/v1/fund/contributions",
                    json{{"donor", "org_iom"}, {"amount_minor", 9'000'000}, {"currency", "USD"}}, Fund());
  ASSERT_EQ(wrong.status, 201) << wrong.raw;
  const std::string movement = wrong.body["movement_id"];
  const std::string path = "/api/v1/fund/ledger/" + movement + "/correction";
  for (const char* who : {"sp", "finance", "auditor", "admin"}) (void)T(who);
  (void)Board();  // signed in before counting: a first sign-in is audited too
  const json before = Balance();
  const int audit_before = S().AuditEntriesBesideAccessBatches();
  // The wrong person, no reason, unknown ids: refused, nothing changed.
  for (const char* who : {"sp", "finance", "auditor", "admin"})
    EXPECT_EQ(Post(path, json{{"reason", "typo"}}, T(who)).Code(), "fund_manager_required") << who;
  auto board = Post(path, json{{"reason", "typo"}}, Board());
  EXPECT_EQ(board.status, 403) << board.raw;
  EXPECT_EQ(board.Code(), "fund_manager_required");
  auto no_reason = Post(path, json{{"reason", "  "}}, Fund());
  EXPECT_EQ(no_reason.status, 422) << no_reason.raw;
  EXPECT_EQ(no_reason.Code(), "reason_required");
  EXPECT_EQ(Post(path, json::object(), Fund()).Code(), "reason_required");
  EXPECT_EQ(Post(path, json{{"reason", "typo"}, {"amount_minor", 1}}, Fund()).status, 400);
  EXPECT_EQ(Post("/api/v1/fund/ledger/fmv_nowhere/correction", json{{"reason", "typo"}}, Fund()).status, 404);
  // A contribution's or a request's id is not a movement's.
  const std::string contribution = wrong.body["id"];
  EXPECT_EQ(Post("/api/v1/fund/ledger/" + contribution + "/correction", json{{"reason", "typo"}}, Fund()).status, 404);
  EXPECT_EQ(Post("/api/v1/fund/ledger/" + movement + "-1/correction", json{{"reason", "typo"}}, Fund()).status, 404);
  EXPECT_EQ(Post("/api/v1/fund/ledger/" + movement + "/correction", json{{"reason", "typo"}}, "").status, 401);
  EXPECT_EQ(Balance(), before);
  EXPECT_EQ(S().AuditEntriesBesideAccessBatches(), audit_before);

  auto fixed = Post(path, json{{"reason", "Recorded USD 90,000 for IOM's USD 9,000"}}, Fund());
  ASSERT_EQ(fixed.status, 201) << fixed.raw;
  const std::string correction = fixed.body["movement_id"];
  EXPECT_NE(correction, movement);
  EXPECT_EQ(fixed.body["reverses"], movement);
  ASSERT_EQ(fixed.body["entries"].size(), 2u);
  for (const auto& e : fixed.body["entries"]) {
    EXPECT_EQ(e["kind"], "correction");
    EXPECT_EQ(e["reverses"], movement);
    EXPECT_EQ(e["reason"], "Recorded USD 90,000 for IOM's USD 9,000");
    EXPECT_EQ(e["by"]["username"], "fund");
  }
  const json after = Balance();
  EXPECT_EQ(after["available_minor"].get<int64_t>(), before["available_minor"].get<int64_t>() - 9'000'000);
  EXPECT_EQ(after["contributions_minor"].get<int64_t>(), before["contributions_minor"].get<int64_t>() - 9'000'000);
  EXPECT_EQ(fixed.body["balance"], after);
  ExpectLedgerBalances(S(), Fund());
  // Audited: the correction's movement and the contribution marked reversed.
  EXPECT_EQ(S().AuditEntriesBesideAccessBatches(), audit_before + 2);
  // Once only; a reversal is never reversed.
  auto again = Post(path, json{{"reason", "twice"}}, Fund());
  EXPECT_EQ(again.status, 409) << again.raw;
  EXPECT_EQ(again.Code(), "already_corrected");
  auto undo = Post("/api/v1/fund/ledger/" + correction + "/correction", json{{"reason", "undo"}}, Fund());
  EXPECT_EQ(undo.status, 409) << undo.raw;
  EXPECT_EQ(undo.Code(), "correction_not_correctable");
  EXPECT_EQ(Balance(), after);
  // The ledger links the original to its reversal; the report no longer counts it.
  bool linked = false;
  for (const auto& e : Ledger(S(), Fund()))
    if (e["movement_id"] == movement) {
      linked = true;
      EXPECT_EQ(e["reversed_by"], correction);
    } else if (e["movement_id"] == correction) {
      EXPECT_EQ(e["reversed_by"], nullptr);
    }
  EXPECT_TRUE(linked);
  auto report = Get("/api/v1/fund/report", Fund());
  ASSERT_EQ(report.status, 200);
  for (const auto& d : report.body["donors"])
    for (const auto& c : d["contributions"]) EXPECT_NE(c["id"], contribution) << "a reversed contribution counts";
  auto listed = Get("/api/v1/fund/contributions?limit=200", Fund());
  bool marked = false;
  for (const auto& c : listed.body["items"])
    if (c["id"] == contribution) marked = c["reversed_by"] == correction;
  EXPECT_TRUE(marked) << listed.raw;
}

TEST_F(FundApiTest, CorrectingDisbursementsAndReturnsNeverOverdrawsNorOverpays) {
  const std::string id = Submit(1'000'000);
  ASSERT_EQ(Decide(id, "approve", Fund()).status, 200);
  auto movements_of = [&](const std::string& kind) {
    std::vector<std::string> out;
    for (const auto& e : Ledger(S(), Fund()))
      if (e["request_id"] == id && e["kind"] == kind && e["seq"] == 1) out.push_back(e["movement_id"]);
    return out;
  };
  auto correct = [&](const std::string& movement, const std::string& tok = "") {
    return Post("/api/v1/fund/ledger/" + movement + "/correction", json{{"reason", "wrongly recorded"}},
                tok.empty() ? Fund() : tok);
  };
  // A commitment is the authority's approval: not the fund manager's to undo.
  const auto commitments = movements_of("commitment");
  ASSERT_EQ(commitments.size(), 1u);
  EXPECT_EQ(correct(commitments[0]).Code(), "commitment_not_correctable");
  const std::string pay = "/api/v1/fund/requests/" + id + "/disbursements";
  ASSERT_EQ(Post(pay, json::object(), Fund()).status, 201);  // all of it: disbursed
  ASSERT_EQ(Post("/api/v1/fund/requests/" + id + "/returns", json{{"amount_minor", 300'000}}, Fund()).status, 201);
  const auto disbursements = movements_of("disbursement");
  const auto returns = movements_of("return");
  ASSERT_EQ(disbursements.size(), 1u);
  ASSERT_EQ(returns.size(), 1u);
  // Part of the disbursement came back since: the return is corrected first.
  auto blocked = correct(disbursements[0]);
  EXPECT_EQ(blocked.status, 409) << blocked.raw;
  EXPECT_EQ(blocked.Code(), "disbursement_returned");
  const json before = Balance();
  auto r1 = correct(returns[0]);
  ASSERT_EQ(r1.status, 201) << r1.raw;
  EXPECT_EQ(Balance()["available_minor"].get<int64_t>(), before["available_minor"].get<int64_t>() - 300'000);
  EXPECT_EQ(Get("/api/v1/fund/requests/" + id, Fund()).body["returned_minor"], 0);
  ExpectLedgerBalances(S(), Fund());
  // The disbursement reversed: nothing paid out, the commitment open again, the request approved.
  auto r2 = correct(disbursements[0]);
  ASSERT_EQ(r2.status, 201) << r2.raw;
  auto req = Get("/api/v1/fund/requests/" + id, Fund());
  EXPECT_EQ(req.body["status"], "approved");
  EXPECT_EQ(req.body["disbursed_minor"], 0);
  EXPECT_EQ(req.body["committed_remaining_minor"], 1'000'000);
  ExpectLedgerBalances(S(), Fund());
  // Paid again, never more than committed.
  EXPECT_EQ(Post(pay, json{{"amount_minor", 1'000'001}}, Fund()).Code(), "above_commitment");
  ASSERT_EQ(Post(pay, json::object(), Fund()).status, 201);
  ExpectLedgerBalances(S(), Fund());
}

TEST_F(FundApiTest, AContributionWhoseMoneyIsCommittedCannotBeReversed) {
  auto small = Post("/api/v1/fund/contributions",
                    json{{"donor", "org_wfp"}, {"amount_minor", 1'000}, {"currency", "USD"}}, Fund());
  ASSERT_EQ(small.status, 201) << small.raw;
  // Commit all that is available (the board approves what is above the manager's authority).
  const int64_t available = Balance()["available_minor"];
  auto r = Post("/api/v1/fund/requests", Request(available), T("sp"));
  ASSERT_EQ(r.status, 201) << r.raw;
  const std::string tok = r.body["routed_to"] == "fund_board" ? Board() : Fund();
  ASSERT_EQ(Decide(r.body["id"].get<std::string>(), "approve", tok).status, 200);
  ASSERT_EQ(Balance()["available_minor"], 0);
  auto refused = Post("/api/v1/fund/ledger/" + small.body["movement_id"].get<std::string>() + "/correction",
                      json{{"reason", "wrong amount"}}, Fund());
  EXPECT_EQ(refused.status, 409) << refused.raw;
  EXPECT_EQ(refused.Code(), "insufficient_balance");
  EXPECT_EQ(Balance()["available_minor"], 0);
  ExpectLedgerBalances(S(), Fund());
  // Give the money back for the tests that follow: refuse nothing, return nothing: a contribution.
  ASSERT_EQ(Post("/api/v1/fund/contributions",
                 json{{"donor", "org_wfp"}, {"amount_minor", 200'000'000}, {"currency", "USD"}}, Fund())
                .status,
            201);
}

// A request may rest on an incident placed in its area (instead of the SRA in force there).
TEST_F(FundApiTest, ARequestMayRestOnAnIncidentInTheArea) {
  evidence::Incident here, elsewhere;
  here.source = elsewhere.source = "awsd";
  here.source_id = "fund-test-1";
  elsewhere.source_id = "fund-test-2";
  here.day = elsewhere.day = calendar::DayOfMillis(S().app().clock.NowMillis()) - 3;
  here.area_id = "area_1";
  elsewhere.area_id = "area_2";
  here.precision = elsewhere.precision = evidence::Precision::kPoint;
  here.category = elsewhere.category = "armed_conflict";
  const std::vector<evidence::Incident> batch{here, elsewhere};
  ASSERT_TRUE(S().app().incidents->AddBatch("imp_fund_test", batch, {}).has_value());
  auto id_in = [&](const std::string& area) -> int64_t {
    store::IncidentFilter f;
    f.area_id = area;
    f.import_id = "imp_fund_test";
    auto page = S().app().incidents->ListIncidents(f, {5, ""});
    return page && !page->items.empty() ? page->items.front().id : 0;
  };
  const int64_t in_area = id_in("area_1"), in_other = id_in("area_2");
  ASSERT_GT(in_area, 0);
  ASSERT_GT(in_other, 0);
  json body = Request(10'000);
  body["incident_id"] = in_area;
  auto ok = Post("/api/v1/fund/requests", body, T("sp"));
  ASSERT_EQ(ok.status, 201) << ok.raw;
  EXPECT_EQ(ok.body["basis"]["kind"], "incident");
  EXPECT_EQ(ok.body["basis"]["id"], std::to_string(in_area));
  // An incident of another area, an unknown one, a wrong type, both bases at once: refused.
  body["incident_id"] = in_other;
  auto other = Post("/api/v1/fund/requests", body, T("sp"));
  EXPECT_EQ(other.status, 422) << other.raw;
  EXPECT_EQ(other.Code(), "unknown_incident");
  body["incident_id"] = 987'654'321;
  EXPECT_EQ(Post("/api/v1/fund/requests", body, T("sp")).Code(), "unknown_incident");
  body["incident_id"] = -1;
  EXPECT_EQ(Post("/api/v1/fund/requests", body, T("sp")).Code(), "unknown_incident");
  body["incident_id"] = "1";
  EXPECT_EQ(Post("/api/v1/fund/requests", body, T("sp")).status, 400);
  body["incident_id"] = in_area;
  body["egs_id"] = "egs_anything";
  EXPECT_EQ(Post("/api/v1/fund/requests", body, T("sp")).Code(), "one_basis");
  // The wrong person is refused before the incident is looked at.
  body.erase("egs_id");
  EXPECT_EQ(Post("/api/v1/fund/requests", body, T("finance")).Code(), "security_professional_required");
}

// SecondServer: a second API server over the same database (second_server.h).

TEST(FundRace, FortyApprovalsOnTwoServersAgainstABalanceThatCoversTenNeverOverdraw) {
  TestServer s;
  SecondServer second(s);
  const std::string fund = s.Login("fund"), sp = s.Login("sp");
  auto balance = s.Call("GET", "/api/v1/fund/balance", json(), fund);
  ASSERT_EQ(balance.status, 200) << balance.raw;
  const int64_t available = balance.body["available_minor"];
  const int64_t amount = available / 10;  // 10 fit, the 11th does not (11 x amount > available)
  ASSERT_GT(amount * 11, available);
  ASSERT_LE(amount, 25'000'000) << "the demo's balance must leave each request within the manager's authority";
  std::vector<std::string> ids;
  for (int i = 0; i < 40; ++i) {
    auto r = s.Call("POST", "/api/v1/fund/requests",
                    json{{"area_id", "area_1"}, {"purpose", "race " + std::to_string(i)}, {"amount_minor", amount},
                         {"currency", "USD"}, {"days", 10}},
                    sp);
    ASSERT_EQ(r.status, 201) << r.raw;
    ids.push_back(r.body["id"]);
  }
  std::vector<int> statuses(40);
  std::vector<std::string> codes(40);
  std::vector<std::thread> threads;
  std::atomic<bool> go{false};
  for (int i = 0; i < 40; ++i)
    threads.emplace_back([&, i] {
      while (!go) std::this_thread::yield();
      httplib::Client c("127.0.0.1", i % 2 == 0 ? s.port() : second.port());
      c.set_read_timeout(120);
      auto r = c.Post("/api/v1/fund/requests/" + ids[i] + "/decision", TestServer::Auth(fund),
                      json{{"decision", "approve"}, {"reason", "race"}}.dump(), "application/json");
      HttpResult out = TestServer::ResultOf(r);
      statuses[i] = out.status;
      codes[i] = out.Code();
    });
  go = true;
  for (auto& t : threads) t.join();
  int approved = 0, refused = 0;
  for (int i = 0; i < 40; ++i) {
    SCOPED_TRACE(i);
    EXPECT_LT(statuses[i], 500) << codes[i];
    if (statuses[i] == 200) ++approved;
    else if (statuses[i] == 409 && codes[i] == "insufficient_balance") ++refused;
    else ADD_FAILURE() << statuses[i] << " " << codes[i];
  }
  EXPECT_EQ(approved, 10);
  EXPECT_EQ(refused, 30);
  auto after = s.Call("GET", "/api/v1/fund/balance", json(), fund);
  EXPECT_EQ(after.body["available_minor"].get<int64_t>(), available - 10 * amount);
  EXPECT_GE(after.body["available_minor"].get<int64_t>(), 0);
  // The ledger, read on both servers, balances and agrees with the balance.
  std::map<std::string, int64_t> per_account;
  int commitments = 0;
  for (const auto& e : [&] {
         std::vector<json> all;
         std::string cursor;
         for (;;) {
           auto page = s.Call("GET", "/api/v1/fund/ledger?limit=500" + (cursor.empty() ? "" : "&cursor=" + cursor),
                              json(), fund);
           for (const auto& x : page.body["items"]) all.push_back(x);
           if (page.body["next_cursor"].is_null()) return all;
           cursor = page.body["next_cursor"];
         }
       }()) {
    per_account[e["account"]] += e["debit_minor"].get<int64_t>() - e["credit_minor"].get<int64_t>();
    commitments += e["kind"] == "commitment" && e["seq"] == 1;
  }
  EXPECT_EQ(commitments, 10 + 1);  // the demo's approved request, and the race's ten
  EXPECT_EQ(per_account["available"], after.body["available_minor"].get<int64_t>());
  EXPECT_EQ(per_account["committed"], after.body["committed_minor"].get<int64_t>());
  auto verified = s.app().store->VerifyAudit();
  ASSERT_TRUE(verified.has_value());
  EXPECT_TRUE(verified->ok) << verified->reason;
}

}  // namespace
}  // namespace srm::testing
