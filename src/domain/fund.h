// The emergency security fund's rules (issue 16; seed 2025 review §§ 25, 27, 40-41): expenditure
// authority as data, routing, the decision and disbursement rules, and the double-entry ledger.
// Pure: no I/O. Every refusal carries a reason code (Error::code) and the kind the API maps to a
// status.
//
// The ledger's accounts (balance = debits - credits, except `donors`, a source: credits - debits):
//   donors     what contributors gave             (credited by a contribution)
//   available  contributions - commitments        (debited by a contribution or a return)
//   committed  approved, not yet disbursed        (debited by an approval)
//   disbursed  paid out, net of returns           (debited by a disbursement)
// So available = contributions - committed - disbursed: "contributions - commitments" where a
// commitment stays one once disbursed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/records/fund_records.h"

namespace srm::domain {

inline constexpr const char* kFundCurrency = "USD";
inline constexpr const char* kFundAccountId = "fund";
// Amounts the fund takes: 1 minor unit to USD 1,000,000,000 (keeps every sum far from overflow).
inline constexpr int64_t kFundMaxAmountMinor = 100'000'000'000;

// Routing at submission: the authority with the lowest limit that covers `amount_minor` (an
// unlimited authority covers everything and comes last). Codes:
//   amount_invalid   (422) amount outside 1..kFundMaxAmountMinor
//   no_authority     (422) no authority covers the amount (the fund's terms lack an unlimited one)
Result<records::FundAuthority> RouteFundRequest(int64_t amount_minor,
                                                const std::vector<records::FundAuthority>& authorities);

// True when `a` covers `amount_minor`.
bool AuthorityCovers(const records::FundAuthority& a, int64_t amount_minor);

struct FundDecisionInput {
  std::string decision;  // approve | refuse
  std::string reason;
  std::string request_status;
  int64_t amount_minor = 0;
  std::string requester_id, decider_id;
  std::vector<records::FundAuthority> decider_authorities;  // the authorities whose role the decider holds
  int64_t available_minor = 0;
};

// The decision rule, in order; the first that fails is the answer:
//   1. invalid_decision      (422) decision is not approve or refuse
//   2. reason_required       (422) no reason given (the transparency report shows it)
//   3. not_a_fund_authority  (403) the decider holds no expenditure authority
//   4. separation_of_duties  (403) the requester decides their own request
//   5. already_decided       (409) the request is not waiting for a decision
//   6. above_authority       (403) the decider's highest authority is below the amount (the
//                                  request stays routed to the authority that covers it)
//   7. insufficient_balance  (409) an approval the available balance cannot cover
Status CheckFundDecision(const FundDecisionInput& in);

// A disbursement against a request, in order:
//   1. request_not_approved  (409) the request is not approved (submitted, refused)
//   2. amount_invalid        (422) amount < 1
//   3. above_commitment      (409) more than what is committed and not yet disbursed (a fully
//                                  disbursed request, status "disbursed", has nothing left)
Status CheckFundDisbursement(const records::FundRequest& r, int64_t amount_minor);

// Money returned to the fund after a disbursement, in order:
//   1. nothing_disbursed     (409) nothing was disbursed against the request
//   2. amount_invalid        (422) amount < 1
//   3. above_disbursed       (409) more than disbursed and not yet returned
Status CheckFundReturn(const records::FundRequest& r, int64_t amount_minor);

// The two entries of a movement of `kind` (contribution | commitment | disbursement | return):
// entry 1 debits, entry 2 credits the same amount. Fields other than accounts and amounts are
// copied from `proto` (movement_id, at, request/contribution ids, by, currency).
std::vector<records::FundLedgerEntry> FundMovement(const std::string& kind, int64_t amount_minor,
                                                   const records::FundLedgerEntry& proto);
// A correction: a new movement whose entries swap debit and credit of `original` (never an edit).
std::vector<records::FundLedgerEntry> FundCorrection(const std::vector<records::FundLedgerEntry>& original,
                                                     const records::FundLedgerEntry& proto);

// A correction of a wrongly recorded movement ("corrections are new entries"): the fund manager
// reverses it with a new movement that references it, and records it again right if need be.
// Who: the fund manager only — the movements corrected are the manager's own records of money
// received, paid out or taken back. No second person is needed (unlike a decision): a correction
// never adds to the available balance (reversing a contribution or a return takes from it;
// reversing a disbursement gives back to the request's commitment), so it can create no spending
// power; the reason is required and the correction is audited with its entries.
struct FundCorrectionInput {
  bool corrector_is_fund_manager = false;
  std::string reason;
  std::vector<records::FundLedgerEntry> original;  // the movement's entries
  bool already_corrected = false;                  // a correction reversing it exists
  // The request of a disbursement or a return, as it stands now.
  std::optional<records::FundRequest> request;
  records::FundAccount account;  // the running account, as it stands now
};

// The correction rule, in order; the first that fails is the answer:
//   1. fund_manager_required       (403) the corrector is not the fund manager
//   2. reason_required             (422) no reason given (the ledger shows it)
//   3. correction_not_correctable  (409) the movement is itself a correction: a reversal is never
//                                        reversed (record the movement again instead)
//   4. commitment_not_correctable  (409) a commitment is an expenditure authority's approval; the
//                                        fund manager cannot undo it through the ledger
//   5. already_corrected           (409) the movement was reversed already (once only)
//   6. disbursement_returned       (409) reversing the disbursement would leave the request with
//                                        more returned than disbursed: correct the return first
//   7. insufficient_balance        (409) reversing a contribution or a return would take the
//                                        available balance below zero (the money is committed)
// A movement that is not two balanced entries of a known kind: ledger_inconsistent (500).
Status CheckFundCorrection(const FundCorrectionInput& in);

// The amount a movement moved (its debits; a balanced movement credits the same).
int64_t FundMovementAmount(const std::vector<records::FundLedgerEntry>& entries);

// The request after reversing its disbursement or return of `amount_minor` (kind of the original
// movement): a reversed disbursement is no longer paid out (a fully disbursed request is approved
// again, its commitment open); a reversed return is no longer taken back.
records::FundRequest CorrectedRequest(records::FundRequest r, const std::string& kind, int64_t amount_minor);

// Applies entries to the running account. Code balance_negative (409) when an account other than
// donors would go below zero (the account is then unchanged); unbalanced_movement (500) when the
// debits and credits differ.
Result<records::FundAccount> ApplyFundEntries(records::FundAccount account,
                                              const std::vector<records::FundLedgerEntry>& entries);

// The account the ledger adds up to (the check that the running account and the ledger agree).
// Code unbalanced_ledger when some movement's debits and credits differ.
Result<records::FundAccount> FundAccountFromLedger(const std::vector<records::FundLedgerEntry>& entries);

}  // namespace srm::domain
