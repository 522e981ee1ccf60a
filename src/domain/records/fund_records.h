// The emergency security fund (issue 16; migration 0018), shaped as the rows of its tables:
// expenditure authorities, contributions, requests, the fund's running account and its
// append-only double-entry ledger. One fund, in USD; money is an integer count of minor units.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/records/decision_records.h"  // UserRef

namespace srm::domain::records {

// Who may approve up to what amount, per the fund's terms (data, seeded by migration 0018).
// A request is routed to the authority with the lowest limit that covers it.
struct FundAuthority {
  std::string id;
  std::string role;          // a domain::Role name: fund_manager | fund_board
  int64_t limit_minor = 0;   // the largest amount this authority approves
  bool unlimited = false;    // true: no upper limit (the board)
  std::string label;
  std::string created_at, updated_at;
  int64_t revision = 0;
  bool operator==(const FundAuthority&) const = default;
};

// Money given to the fund. donor_org_id: the contributing organization; its conditions are shown
// to the fund's managers and to that donor only.
struct FundContribution {
  std::string id;  // "fco_" + random
  std::string donor_org_id;
  int64_t amount_minor = 0;
  std::string currency;  // USD
  std::string earmark, conditions;
  UserRef recorded_by;
  std::string movement_id;  // its ledger movement
  std::string reversed_by;  // the correction's movement id when reversed (migration 0023), else ""
  std::string created_at, updated_at;
  int64_t revision = 0;
  bool operator==(const FundContribution&) const = default;
};

// A request to deploy surge capacity, made by a security professional of the area.
// status: submitted -> approved | refused; approved -> disbursed (fully) ; returns may follow.
struct FundRequest {
  std::string id;  // "fnr_" + random
  std::string area_id, country_id, organization_id;
  std::string purpose;
  int64_t amount_minor = 0;
  std::string currency;
  int days = 0;
  // sra (the SRA in force in the area) | egs (an EGS decision there) | incident (an incident placed
  // there; basis_id is the incident's number)
  std::string basis_kind;
  std::string basis_id;
  std::string routed_to;      // the authority's role the request waits for
  std::string authority_id;
  std::string status;         // submitted | approved | refused | disbursed
  UserRef requested_by;
  std::string submitted_at;
  UserRef decided_by;
  std::optional<std::string> decided_at;
  std::string decision_reason;
  int64_t disbursed_minor = 0;  // total disbursed
  int64_t returned_minor = 0;   // total returned to the fund
  std::string created_at, updated_at;
  int64_t revision = 0;
  bool operator==(const FundRequest&) const = default;
};

// The fund's running totals, one row ("fund"): every movement updates it at its revision, so
// movements that race are serialized by the store's optimistic concurrency and the balance can
// never be overdrawn. It always equals the sums of the ledger (tests check).
struct FundAccount {
  std::string id;  // "fund"
  std::string currency;
  int64_t contributions_minor = 0;
  int64_t available_minor = 0;
  int64_t committed_minor = 0;
  int64_t disbursed_minor = 0;
  int64_t movements = 0;
  std::string created_at, updated_at;
  int64_t revision = 0;
  bool operator==(const FundAccount&) const = default;
};

// One entry of the append-only double-entry ledger: a movement is two entries of one amount, one
// debit and one credit, that balance. Never updated nor deleted (triggers); a correction is a new
// movement that reverses an earlier one (`reverses`).
struct FundLedgerEntry {
  std::string id;           // movement_id + "-1" (debit) | "-2" (credit)
  std::string movement_id;  // "fmv_" + random
  int seq = 0;              // 1 debit, 2 credit
  std::string at;
  std::string kind;         // contribution | commitment | disbursement | return | correction
  std::string account;      // donors | available | committed | disbursed
  int64_t debit_minor = 0, credit_minor = 0;
  std::string currency;
  std::string request_id, contribution_id, reverses;
  std::string reason;  // a correction's reason (migration 0023); "" for other movements
  UserRef by;
  std::string created_at, updated_at;
  int64_t revision = 0;
  bool operator==(const FundLedgerEntry&) const = default;
};

}  // namespace srm::domain::records
