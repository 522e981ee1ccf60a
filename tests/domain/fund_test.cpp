// Issue 16, the emergency security fund's rules (domain/fund.h): routing to the lowest authority
// that covers an amount, the decision rule with a reason code for every outcome, disbursements
// and returns, and the double-entry ledger (every movement balances; corrections are new
// movements; the running account equals the ledger's sums and never goes below zero).
#include "domain/fund.h"

#include <gtest/gtest.h>

#include <functional>

namespace srm::domain {
namespace {

using records::FundAccount;
using records::FundAuthority;
using records::FundLedgerEntry;
using records::FundRequest;

const FundAuthority kManager{"fau_manager", "fund_manager", 25'000'000, false, "manager", "", "", 1};
const FundAuthority kBoard{"fau_board", "fund_board", 0, true, "board", "", "", 1};
const FundAuthority kDeputy{"fau_deputy", "fund_manager", 5'000'000, false, "deputy", "", "", 1};

std::string Code(const Status& s) { return s ? "" : s.error().code; }

TEST(FundRouting, LowestAuthorityThatCoversTheAmount) {
  struct Case {
    const char* name;
    int64_t amount;
    std::vector<FundAuthority> authorities;
    std::string routed;  // authority id, or the refusal's code
  };
  const std::vector<Case> cases = {
      {"one cent", 1, {kManager, kBoard}, "fau_manager"},
      {"exactly the manager's limit", 25'000'000, {kBoard, kManager}, "fau_manager"},
      {"a cent above", 25'000'001, {kManager, kBoard}, "fau_board"},
      {"the lowest of three", 4'000'000, {kBoard, kManager, kDeputy}, "fau_deputy"},
      {"between deputy and manager", 5'000'001, {kDeputy, kBoard, kManager}, "fau_manager"},
      {"no unlimited authority", 30'000'000, {kManager, kDeputy}, "no_authority"},
      {"no authority at all", 100, {}, "no_authority"},
      {"zero", 0, {kManager, kBoard}, "amount_invalid"},
      {"negative", -5, {kManager, kBoard}, "amount_invalid"},
      {"too large", kFundMaxAmountMinor + 1, {kManager, kBoard}, "amount_invalid"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto r = RouteFundRequest(c.amount, c.authorities);
    EXPECT_EQ(r ? r->id : r.error().code, c.routed);
  }
}

TEST(FundDecision, EveryOutcomeHasItsReason) {
  const FundDecisionInput ok{.decision = "approve",
                             .reason = "within the SRA's measures",
                             .request_status = "submitted",
                             .amount_minor = 10'000'000,
                             .requester_id = "u_sp",
                             .decider_id = "u_fund",
                             .decider_authorities = {kManager},
                             .available_minor = 10'000'000};
  struct Case {
    const char* name;
    std::function<void(FundDecisionInput&)> change;
    std::string code;
    ErrorKind kind = ErrorKind::kInvalid;
  };
  const std::vector<Case> cases = {
      {"approve, exactly covered", [](auto&) {}, ""},
      {"refuse needs no balance", [](auto& i) { i.decision = "refuse"; i.available_minor = 0; }, ""},
      {"board above the manager", [](auto& i) { i.amount_minor = 90'000'000; i.available_minor = 90'000'000; i.decider_authorities = {kBoard}; }, ""},
      {"bad decision", [](auto& i) { i.decision = "maybe"; }, "invalid_decision", ErrorKind::kInvalid},
      {"no reason", [](auto& i) { i.reason = "  "; }, "reason_required", ErrorKind::kInvalid},
      {"not an authority", [](auto& i) { i.decider_authorities = {}; }, "not_a_fund_authority", ErrorKind::kForbidden},
      {"requester decides", [](auto& i) { i.decider_id = "u_sp"; }, "separation_of_duties", ErrorKind::kForbidden},
      {"already approved", [](auto& i) { i.request_status = "approved"; }, "already_decided", ErrorKind::kConflict},
      {"already refused", [](auto& i) { i.request_status = "refused"; }, "already_decided", ErrorKind::kConflict},
      {"above authority", [](auto& i) { i.amount_minor = 25'000'001; i.available_minor = 90'000'000; }, "above_authority", ErrorKind::kForbidden},
      {"refusal above authority", [](auto& i) { i.decision = "refuse"; i.amount_minor = 25'000'001; }, "above_authority", ErrorKind::kForbidden},
      {"one cent short", [](auto& i) { i.available_minor = 9'999'999; }, "insufficient_balance", ErrorKind::kConflict},
      {"authority checked before balance", [](auto& i) { i.amount_minor = 30'000'000; i.available_minor = 0; }, "above_authority", ErrorKind::kForbidden},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    FundDecisionInput in = ok;
    c.change(in);
    auto st = CheckFundDecision(in);
    EXPECT_EQ(Code(st), c.code);
    if (!st) {
      EXPECT_EQ(st.error().kind, c.kind);
    }
  }
}

TEST(FundDisbursement, OnlyApprovedAndNeverMoreThanCommitted) {
  FundRequest r;
  r.amount_minor = 1'000;
  struct Case {
    const char* name;
    std::string status;
    int64_t disbursed, amount;
    std::string code;
  };
  const std::vector<Case> cases = {
      {"all of it", "approved", 0, 1'000, ""},
      {"the rest", "approved", 400, 600, ""},
      {"submitted", "submitted", 0, 1, "request_not_approved"},
      {"refused", "refused", 0, 1, "request_not_approved"},
      {"zero", "approved", 0, 0, "amount_invalid"},
      {"one above", "approved", 400, 601, "above_commitment"},
      {"fully disbursed", "disbursed", 1'000, 1, "above_commitment"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    r.status = c.status;
    r.disbursed_minor = c.disbursed;
    EXPECT_EQ(Code(CheckFundDisbursement(r, c.amount)), c.code);
  }
}

TEST(FundReturn, NeverMoreThanDisbursed) {
  FundRequest r;
  r.amount_minor = 1'000;
  r.status = "approved";
  struct Case {
    const char* name;
    int64_t disbursed, returned, amount;
    std::string code;
  };
  const std::vector<Case> cases = {
      {"part", 800, 0, 300, ""},       {"the rest", 800, 300, 500, ""},
      {"none paid", 0, 0, 1, "nothing_disbursed"}, {"zero", 800, 0, 0, "amount_invalid"},
      {"too much", 800, 300, 501, "above_disbursed"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    r.disbursed_minor = c.disbursed;
    r.returned_minor = c.returned;
    EXPECT_EQ(Code(CheckFundReturn(r, c.amount)), c.code);
  }
}

FundLedgerEntry Proto(const std::string& movement) {
  FundLedgerEntry p;
  p.movement_id = movement;
  p.currency = "USD";
  return p;
}

TEST(FundLedger, EveryMovementIsTwoEntriesThatBalanceAndTheAccountFollowsTheLedger) {
  struct Step {
    std::string kind;
    int64_t amount;
    int64_t available, committed, disbursed, contributions;  // after
  };
  const std::vector<Step> steps = {
      {"contribution", 1'000, 1'000, 0, 0, 1'000}, {"contribution", 500, 1'500, 0, 0, 1'500},
      {"commitment", 700, 800, 700, 0, 1'500},     {"disbursement", 300, 800, 400, 300, 1'500},
      {"disbursement", 400, 800, 0, 700, 1'500},   {"return", 200, 1'000, 0, 500, 1'500},
  };
  FundAccount account;
  std::vector<FundLedgerEntry> ledger;
  int n = 0;
  for (const Step& s : steps) {
    SCOPED_TRACE(s.kind + " " + std::to_string(s.amount));
    auto entries = FundMovement(s.kind, s.amount, Proto("fmv_" + std::to_string(++n)));
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].debit_minor, s.amount);
    EXPECT_EQ(entries[1].credit_minor, s.amount);
    EXPECT_EQ(entries[0].credit_minor + entries[1].debit_minor, 0);
    EXPECT_NE(entries[0].account, entries[1].account);
    auto next = ApplyFundEntries(account, entries);
    ASSERT_TRUE(next.has_value()) << next.error().message;
    account = *next;
    EXPECT_EQ(account.available_minor, s.available);
    EXPECT_EQ(account.committed_minor, s.committed);
    EXPECT_EQ(account.disbursed_minor, s.disbursed);
    EXPECT_EQ(account.contributions_minor, s.contributions);
    // available = contributions - commitments (committed, disbursed or not).
    EXPECT_EQ(account.available_minor,
              account.contributions_minor - account.committed_minor - account.disbursed_minor);
    ledger.insert(ledger.end(), entries.begin(), entries.end());
    auto from_ledger = FundAccountFromLedger(ledger);
    ASSERT_TRUE(from_ledger.has_value());
    EXPECT_EQ(from_ledger->available_minor, account.available_minor);
    EXPECT_EQ(from_ledger->committed_minor, account.committed_minor);
    EXPECT_EQ(from_ledger->disbursed_minor, account.disbursed_minor);
    EXPECT_EQ(from_ledger->contributions_minor, account.contributions_minor);
    EXPECT_EQ(from_ledger->movements, account.movements);
  }
}

TEST(FundLedger, NeverBelowZeroAndUnbalancedMovementsAreRefused) {
  FundAccount account;
  auto in = ApplyFundEntries(account, FundMovement("contribution", 100, Proto("fmv_a")));
  ASSERT_TRUE(in.has_value());
  // Committing more than is available: refused, nothing changed.
  auto over = ApplyFundEntries(*in, FundMovement("commitment", 101, Proto("fmv_b")));
  ASSERT_FALSE(over.has_value());
  EXPECT_EQ(over.error().code, "balance_negative");
  // Disbursing what was never committed.
  EXPECT_EQ(ApplyFundEntries(*in, FundMovement("disbursement", 1, Proto("fmv_c"))).error().code, "balance_negative");
  // A movement whose entries differ.
  auto broken = FundMovement("contribution", 100, Proto("fmv_d"));
  broken[1].credit_minor = 99;
  EXPECT_EQ(ApplyFundEntries(account, broken).error().code, "unbalanced_movement");
  EXPECT_EQ(FundAccountFromLedger(broken).error().code, "unbalanced_ledger");
}

TEST(FundLedger, ACorrectionIsANewMovementThatReversesTheOriginal) {
  FundAccount account;
  const auto original = FundMovement("contribution", 1'000, Proto("fmv_1"));
  auto a = ApplyFundEntries(account, original);
  ASSERT_TRUE(a.has_value());
  const auto correction = FundCorrection(original, Proto("fmv_2"));
  ASSERT_EQ(correction.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(correction[i].movement_id, "fmv_2");
    EXPECT_EQ(correction[i].reverses, "fmv_1");
    EXPECT_EQ(correction[i].kind, "correction");
    EXPECT_EQ(correction[i].account, original[i].account);
    EXPECT_EQ(correction[i].debit_minor, original[i].credit_minor);
    EXPECT_EQ(correction[i].credit_minor, original[i].debit_minor);
  }
  auto b = ApplyFundEntries(*a, correction);
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->available_minor, 0);
  EXPECT_EQ(b->contributions_minor, 0);
  EXPECT_EQ(b->movements, 2);
}

}  // namespace
}  // namespace srm::domain

namespace srm::domain {
namespace {

// The correction rule (CheckFundCorrection): every outcome with its reason, in the rule's order.
TEST(FundCorrectionRule, EveryOutcomeHasItsReason) {
  records::FundAccount account;
  account.available_minor = 1'000;
  account.committed_minor = 500;
  account.disbursed_minor = 800;
  records::FundRequest paid;
  paid.id = "fnr_1";
  paid.amount_minor = 1'000;
  paid.disbursed_minor = 800;
  paid.returned_minor = 300;
  paid.status = "approved";
  auto movement = [](const std::string& kind, int64_t amount) {
    records::FundLedgerEntry p;
    p.movement_id = "fmv_x";
    p.request_id = kind == "contribution" ? "" : "fnr_1";
    return FundMovement(kind, amount, p);
  };
  const FundCorrectionInput ok{.corrector_is_fund_manager = true,
                               .reason = "recorded USD 1,000 instead of USD 100",
                               .original = movement("contribution", 900),
                               .already_corrected = false,
                               .request = std::nullopt,
                               .account = account};
  struct Case {
    const char* name;
    std::function<void(FundCorrectionInput&)> change;
    std::string code;
    ErrorKind kind = ErrorKind::kInvalid;
  };
  const std::vector<Case> cases = {
      {"a contribution the balance covers", [](auto&) {}, ""},
      {"a contribution exactly covered", [&](auto& i) { i.original = movement("contribution", 1'000); }, ""},
      {"a disbursement still out", [&](auto& i) { i.original = movement("disbursement", 500); i.request = paid; }, ""},
      {"a disbursement, available irrelevant",
       [&](auto& i) { i.original = movement("disbursement", 500); i.request = paid; i.account.available_minor = 0; }, ""},
      {"a return", [&](auto& i) { i.original = movement("return", 300); i.request = paid; }, ""},
      {"not the fund manager", [](auto& i) { i.corrector_is_fund_manager = false; }, "fund_manager_required",
       ErrorKind::kForbidden},
      {"role before reason", [](auto& i) { i.corrector_is_fund_manager = false; i.reason = ""; }, "fund_manager_required",
       ErrorKind::kForbidden},
      {"no reason", [](auto& i) { i.reason = " \t"; }, "reason_required", ErrorKind::kInvalid},
      {"a reversal is never reversed",
       [&](auto& i) { i.original = FundCorrection(movement("contribution", 900), i.original.front()); },
       "correction_not_correctable", ErrorKind::kConflict},
      {"a commitment is an authority's approval", [&](auto& i) { i.original = movement("commitment", 10); i.request = paid; },
       "commitment_not_correctable", ErrorKind::kConflict},
      {"once only", [](auto& i) { i.already_corrected = true; }, "already_corrected", ErrorKind::kConflict},
      {"once only, before the balance",
       [](auto& i) { i.already_corrected = true; i.account.available_minor = 0; }, "already_corrected",
       ErrorKind::kConflict},
      {"a disbursement partly returned since",
       [&](auto& i) { i.original = movement("disbursement", 501); i.request = paid; }, "disbursement_returned",
       ErrorKind::kConflict},
      {"a contribution whose money is committed",
       [&](auto& i) { i.original = movement("contribution", 1'001); }, "insufficient_balance", ErrorKind::kConflict},
      {"a return whose money is committed again",
       [&](auto& i) { i.original = movement("return", 300); i.request = paid; i.account.available_minor = 299; },
       "insufficient_balance", ErrorKind::kConflict},
      {"a movement that does not balance",
       [](auto& i) { i.original[1].credit_minor = 1; }, "ledger_inconsistent", ErrorKind::kInternal},
      {"one entry only", [](auto& i) { i.original.pop_back(); }, "ledger_inconsistent", ErrorKind::kInternal},
      {"a disbursement without its request", [&](auto& i) { i.original = movement("disbursement", 5); },
       "ledger_inconsistent", ErrorKind::kInternal},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    FundCorrectionInput in = ok;
    c.change(in);
    auto st = CheckFundCorrection(in);
    EXPECT_EQ(Code(st), c.code);
    if (!st) {
      EXPECT_EQ(st.error().kind, c.kind);
    }
  }
}

// What a correction does to the request and to the account: the ledger still adds up, nothing
// goes below zero, and a request is never disbursed beyond its commitment.
TEST(FundCorrectionRule, TheRequestAndTheAccountFollowTheReversal) {
  auto proto = [](const std::string& m) {
    records::FundLedgerEntry p;
    p.movement_id = m;
    p.request_id = "fnr_1";
    return p;
  };
  std::vector<records::FundLedgerEntry> ledger;
  FundAccount account;
  auto apply = [&](const std::vector<records::FundLedgerEntry>& entries) {
    auto next = ApplyFundEntries(account, entries);
    ASSERT_TRUE(next.has_value()) << next.error().message;
    account = *next;
    ledger.insert(ledger.end(), entries.begin(), entries.end());
    auto sums = FundAccountFromLedger(ledger);
    ASSERT_TRUE(sums.has_value());
    EXPECT_EQ(sums->available_minor, account.available_minor);
    EXPECT_EQ(sums->committed_minor, account.committed_minor);
    EXPECT_EQ(sums->disbursed_minor, account.disbursed_minor);
    EXPECT_GE(account.available_minor, 0);
    EXPECT_GE(account.committed_minor, 0);
    EXPECT_GE(account.disbursed_minor, 0);
  };
  apply(FundMovement("contribution", 2'000, proto("fmv_c")));
  apply(FundMovement("commitment", 1'000, proto("fmv_k")));
  const auto paid = FundMovement("disbursement", 1'000, proto("fmv_d"));
  apply(paid);
  FundRequest r;
  r.amount_minor = 1'000;
  r.disbursed_minor = 1'000;
  r.status = "disbursed";
  // Reversing the disbursement: nothing paid out, the commitment open again.
  const auto undo = FundCorrection(paid, proto("fmv_u"));
  apply(undo);
  EXPECT_EQ(account.committed_minor, 1'000);
  EXPECT_EQ(account.disbursed_minor, 0);
  EXPECT_EQ(account.available_minor, 1'000);
  r = CorrectedRequest(r, "disbursement", 1'000);
  EXPECT_EQ(r.disbursed_minor, 0);
  EXPECT_EQ(r.status, "approved");
  // Paid again, partly returned, the return reversed: the return no longer counts.
  apply(FundMovement("disbursement", 600, proto("fmv_d2")));
  r.disbursed_minor = 600;
  const auto back = FundMovement("return", 200, proto("fmv_r"));
  apply(back);
  r.returned_minor = 200;
  apply(FundCorrection(back, proto("fmv_ru")));
  r = CorrectedRequest(r, "return", 200);
  EXPECT_EQ(r.returned_minor, 0);
  EXPECT_EQ(r.disbursed_minor, 600);
  EXPECT_EQ(r.status, "approved");
  EXPECT_LE(r.disbursed_minor, r.amount_minor);
  EXPECT_EQ(account.available_minor, 1'000);
  EXPECT_EQ(account.disbursed_minor, 600);
  // A partial disbursement reversed keeps an approved request approved.
  FundRequest part;
  part.amount_minor = 1'000;
  part.disbursed_minor = 400;
  part.status = "approved";
  EXPECT_EQ(CorrectedRequest(part, "disbursement", 400).status, "approved");
  EXPECT_EQ(FundMovementAmount(paid), 1'000);
}

}  // namespace
}  // namespace srm::domain
