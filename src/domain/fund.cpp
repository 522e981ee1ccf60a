#include "domain/fund.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace srm::domain {

using records::FundAccount;
using records::FundAuthority;
using records::FundLedgerEntry;
using records::FundRequest;

bool AuthorityCovers(const FundAuthority& a, int64_t amount_minor) {
  return a.unlimited || amount_minor <= a.limit_minor;
}

Result<FundAuthority> RouteFundRequest(int64_t amount_minor, const std::vector<FundAuthority>& authorities) {
  if (amount_minor < 1 || amount_minor > kFundMaxAmountMinor)
    return Unprocessable("amount_invalid", "amount_minor must be 1-100000000000", "amount_minor");
  const FundAuthority* best = nullptr;
  auto lower = [](const FundAuthority& a, const FundAuthority& b) {
    if (a.unlimited != b.unlimited) return !a.unlimited;
    if (a.limit_minor != b.limit_minor) return a.limit_minor < b.limit_minor;
    return a.id < b.id;  // deterministic among equals
  };
  for (const FundAuthority& a : authorities)
    if (AuthorityCovers(a, amount_minor) && (!best || lower(a, *best))) best = &a;
  if (!best) return Unprocessable("no_authority", "no expenditure authority of the fund covers this amount", "amount_minor");
  return *best;
}

Status CheckFundDecision(const FundDecisionInput& in) {
  if (in.decision != "approve" && in.decision != "refuse")
    return Unprocessable("invalid_decision", "decision must be approve or refuse", "decision");
  if (std::all_of(in.reason.begin(), in.reason.end(), [](unsigned char c) { return std::isspace(c); }))
    return Unprocessable("reason_required", "a decision states its reason (the transparency report shows it)",
                         "reason");
  if (in.decider_authorities.empty())
    return Fail(ErrorKind::kForbidden, "not_a_fund_authority", "only a holder of the fund's expenditure authority decides");
  if (in.decider_id == in.requester_id)
    return Fail(ErrorKind::kForbidden, "separation_of_duties", "whoever requested cannot decide the request");
  if (in.request_status != "submitted")
    return Conflict("already_decided", "the request is " + in.request_status + ", not waiting for a decision");
  if (std::none_of(in.decider_authorities.begin(), in.decider_authorities.end(),
                   [&](const FundAuthority& a) { return AuthorityCovers(a, in.amount_minor); }))
    return Fail(ErrorKind::kForbidden, "above_authority",
                "the amount is above your expenditure authority; the request waits for the authority that covers it");
  if (in.decision == "approve" && in.available_minor < in.amount_minor)
    return Conflict("insufficient_balance", "the fund's available balance cannot cover this approval");
  return {};
}

Status CheckFundDisbursement(const FundRequest& r, int64_t amount_minor) {
  if (r.status == "disbursed")
    return Conflict("above_commitment", "the request's commitment is fully disbursed");
  if (r.status != "approved")
    return Conflict("request_not_approved", "only an approved request is disbursed; this one is " + r.status);
  if (amount_minor < 1) return Unprocessable("amount_invalid", "amount_minor must be at least 1", "amount_minor");
  if (amount_minor > r.amount_minor - r.disbursed_minor)
    return Conflict("above_commitment", "a disbursement never exceeds what is committed and not yet disbursed");
  return {};
}

Status CheckFundReturn(const FundRequest& r, int64_t amount_minor) {
  if (r.disbursed_minor == 0) return Conflict("nothing_disbursed", "nothing was disbursed against this request");
  if (amount_minor < 1) return Unprocessable("amount_invalid", "amount_minor must be at least 1", "amount_minor");
  if (amount_minor > r.disbursed_minor - r.returned_minor)
    return Conflict("above_disbursed", "a return never exceeds what was disbursed and not yet returned");
  return {};
}

namespace {

// kind -> (debited account, credited account)
std::pair<const char*, const char*> Accounts(const std::string& kind) {
  if (kind == "contribution") return {"available", "donors"};
  if (kind == "commitment") return {"committed", "available"};
  if (kind == "disbursement") return {"disbursed", "committed"};
  if (kind == "return") return {"available", "disbursed"};
  return {"", ""};
}

}  // namespace

std::vector<FundLedgerEntry> FundMovement(const std::string& kind, int64_t amount_minor, const FundLedgerEntry& proto) {
  const auto [debit, credit] = Accounts(kind);
  FundLedgerEntry d = proto, c = proto;
  d.kind = c.kind = kind;
  d.id = proto.movement_id + "-1";
  d.seq = 1;
  d.account = debit;
  d.debit_minor = amount_minor;
  d.credit_minor = 0;
  c.id = proto.movement_id + "-2";
  c.seq = 2;
  c.account = credit;
  c.debit_minor = 0;
  c.credit_minor = amount_minor;
  return {d, c};
}

std::vector<FundLedgerEntry> FundCorrection(const std::vector<FundLedgerEntry>& original, const FundLedgerEntry& proto) {
  std::vector<FundLedgerEntry> out;
  int seq = 0;
  for (const FundLedgerEntry& o : original) {
    FundLedgerEntry e = proto;
    e.kind = "correction";
    e.seq = ++seq;
    e.id = proto.movement_id + "-" + std::to_string(seq);
    e.account = o.account;
    e.debit_minor = o.credit_minor;
    e.credit_minor = o.debit_minor;
    e.reverses = o.movement_id;
    if (e.request_id.empty()) e.request_id = o.request_id;
    if (e.contribution_id.empty()) e.contribution_id = o.contribution_id;
    out.push_back(std::move(e));
  }
  return out;
}

int64_t FundMovementAmount(const std::vector<FundLedgerEntry>& entries) {
  int64_t sum = 0;
  for (const FundLedgerEntry& e : entries) sum += e.debit_minor;
  return sum;
}

Status CheckFundCorrection(const FundCorrectionInput& in) {
  if (!in.corrector_is_fund_manager)
    return Fail(ErrorKind::kForbidden, "fund_manager_required", "the fund manager corrects the fund's ledger");
  if (std::all_of(in.reason.begin(), in.reason.end(), [](unsigned char c) { return std::isspace(c); }))
    return Unprocessable("reason_required", "a correction states its reason (the ledger shows it)", "reason");
  if (in.original.size() != 2)
    return Fail(ErrorKind::kInternal, "ledger_inconsistent", "a movement of the ledger is two entries");
  const std::string& kind = in.original.front().kind;
  const int64_t amount = FundMovementAmount(in.original);
  int64_t credits = 0;
  for (const FundLedgerEntry& e : in.original) {
    credits += e.credit_minor;
    if (e.kind != kind)
      return Fail(ErrorKind::kInternal, "ledger_inconsistent", "the entries of movement " + e.movement_id + " differ in kind");
  }
  if (credits != amount)
    return Fail(ErrorKind::kInternal, "ledger_inconsistent", "movement " + in.original.front().movement_id + " does not balance");
  if (kind == "correction")
    return Conflict("correction_not_correctable",
                    "a correction is never reversed: record the movement again if it was right");
  if (kind == "commitment")
    return Conflict("commitment_not_correctable",
                    "a commitment is an expenditure authority's approval; the ledger cannot undo it");
  if (kind != "contribution" && kind != "disbursement" && kind != "return")
    return Fail(ErrorKind::kInternal, "ledger_inconsistent", "unknown movement kind '" + kind + "'");
  if (in.already_corrected) return Conflict("already_corrected", "the movement has been corrected already");
  if (kind == "disbursement" || kind == "return") {
    if (!in.request)
      return Fail(ErrorKind::kInternal, "ledger_inconsistent", "the movement's request is missing");
    if (kind == "disbursement" && amount > in.request->disbursed_minor - in.request->returned_minor)
      return Conflict("disbursement_returned",
                      "money of this disbursement was returned since: correct the return first");
  }
  if (kind != "disbursement" && amount > in.account.available_minor)
    return Conflict("insufficient_balance",
                    "reversing it would take the available balance below zero: the money is committed");
  return {};
}

FundRequest CorrectedRequest(FundRequest r, const std::string& kind, int64_t amount_minor) {
  if (kind == "disbursement") {
    r.disbursed_minor -= amount_minor;
    if (r.status == "disbursed" && r.disbursed_minor < r.amount_minor) r.status = "approved";
  } else if (kind == "return") {
    r.returned_minor -= amount_minor;
  }
  return r;
}

namespace {

Status AddEntry(FundAccount* a, const FundLedgerEntry& e) {
  const int64_t net = e.debit_minor - e.credit_minor;
  if (e.account == "donors") a->contributions_minor -= net;
  else if (e.account == "available") a->available_minor += net;
  else if (e.account == "committed") a->committed_minor += net;
  else if (e.account == "disbursed") a->disbursed_minor += net;
  else return Internal("ledger entry " + e.id + " names an unknown account '" + e.account + "'");
  return {};
}

Status CheckBalanced(const std::vector<FundLedgerEntry>& entries, const char* code) {
  std::map<std::string, int64_t> per_movement;
  for (const FundLedgerEntry& e : entries) {
    if (e.debit_minor < 0 || e.credit_minor < 0)
      return Fail(ErrorKind::kInternal, code, "ledger entry " + e.id + " has a negative amount");
    per_movement[e.movement_id] += e.debit_minor - e.credit_minor;
  }
  for (const auto& [movement, net] : per_movement)
    if (net != 0) return Fail(ErrorKind::kInternal, code, "movement " + movement + " does not balance");
  return {};
}

}  // namespace

Result<FundAccount> ApplyFundEntries(FundAccount account, const std::vector<FundLedgerEntry>& entries) {
  SRM_TRY(CheckBalanced(entries, "unbalanced_movement"));
  for (const FundLedgerEntry& e : entries) SRM_TRY(AddEntry(&account, e));
  if (account.available_minor < 0 || account.committed_minor < 0 || account.disbursed_minor < 0 ||
      account.contributions_minor < 0)
    return Conflict("balance_negative", "the movement would take an account of the fund below zero");
  // Movements, not entries: every movement has exactly one debit and one credit entry.
  std::map<std::string, int> movements;
  for (const FundLedgerEntry& e : entries) movements[e.movement_id]++;
  account.movements += static_cast<int64_t>(movements.size());
  return account;
}

Result<FundAccount> FundAccountFromLedger(const std::vector<FundLedgerEntry>& entries) {
  SRM_TRY(CheckBalanced(entries, "unbalanced_ledger"));
  FundAccount a;
  a.id = kFundAccountId;
  a.currency = kFundCurrency;
  std::map<std::string, int> movements;
  for (const FundLedgerEntry& e : entries) {
    SRM_TRY(AddEntry(&a, e));
    movements[e.movement_id]++;
  }
  a.movements = static_cast<int64_t>(movements.size());
  return a;
}

}  // namespace srm::domain
