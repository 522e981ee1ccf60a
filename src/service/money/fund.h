// The emergency security fund (issue 16; seed 2025 review §§ 25, 27, 40-41): one fund in USD,
// contributions recorded by the fund manager, requests for surge capacity made by a security
// professional of the area (tied to the SRA in force there, or to an EGS decision), decided by the
// expenditure authority that covers the amount (domain/fund.h), disbursed and returned by the
// fund manager. Every movement is two ledger entries written with the fund's running account at
// its revision and the audit entries, in one transaction: racing approvals (several servers on one
// database) are serialized by that revision and never overdraw the fund.
//
// Who may do and read what:
//   - fund manager (fund_manager): records contributions; decides requests up to its authority;
//     disburses and records returns; reads everything.
//   - board (fund_board): decides requests above the manager's authority; reads everything.
//   - administrators and auditors: read everything; decide nothing.
//   - a security professional: submits requests in an area its grant covers; reads its own
//     organization's requests in its scope, and the balance.
//   - a contributor (any user of an organization that has contributed): reads the transparency
//     report, with its own organization's conditions only, and the balance.
//   - anybody else: 403; another organization's request: 404 (its existence is not disclosed).
// Use cases: fund_contributions.cpp, fund_requests.cpp, fund_decisions.cpp, fund_movements.cpp
// (disbursements and returns), fund_corrections.cpp (reversing a wrongly recorded movement: the
// fund manager), fund_reads.cpp (balance, ledger, report).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "domain/fund.h"
#include "store/list_narrowing.h"
#include "domain/records/fund_records.h"
#include "service/principal.h"
#include "store/incident_store.h"
#include "store/store.h"

namespace srm::service {

struct FundContributionInput {
  std::string donor;  // an organization id
  int64_t amount_minor = 0;
  std::string currency;
  std::string earmark, conditions;
};

struct FundRequestInput {
  std::string area_id, purpose, currency;
  int64_t amount_minor = 0;
  int64_t days = 0;
  std::string egs_id;  // optional: the EGS decision in the area the request rests on
  std::optional<int64_t> incident_id;  // optional: an incident placed in the area (not with egs_id)
};

// A correction recorded: its two entries and the fund's account after it.
struct FundCorrectionResult {
  std::vector<domain::records::FundLedgerEntry> entries;
  domain::records::FundAccount balance;
};

// A page of the ledger, with the correction that reversed each of its movements (movement id ->
// the correction's movement id), whichever page the correction is on.
struct FundLedgerPage {
  store::Page<domain::records::FundLedgerEntry> page;
  std::map<std::string, std::string> reversed_by;
};

struct FundRequestQuery {
  std::string status, area_id;
  std::string organization_id;   // "" = every organization the reader sees
  store::ListNarrowing narrow;   // Search, submission dates, sort
};

// One donor's line of the transparency report.
struct FundDonorTotal {
  std::string donor_org_id, donor_name;
  int64_t total_minor = 0;
  std::vector<domain::records::FundContribution> contributions;
  bool conditions_visible = false;  // the reader is a fund official or this donor
};

struct FundReport {
  domain::records::FundAccount balance;
  std::vector<FundDonorTotal> donors;
  std::vector<domain::records::FundRequest> decisions;  // decided requests, newest first
  std::vector<domain::records::FundRequest> waiting;    // submitted, not yet decided
  std::vector<domain::records::FundAuthority> authorities;
  std::string generated_at;
};

class FundService {
 public:
  FundService(store::Store* store, const Clock* clock, IdGen* ids);
  // The incidents a request may rest on (set once at start-up; without it incident_id is refused).
  void SetIncidentStore(store::IncidentStore* incidents) { incidents_ = incidents; }

  Result<domain::records::FundContribution> Contribute(const Principal& p, const FundContributionInput& in);
  Result<store::Page<domain::records::FundContribution>> ListContributions(const Principal& p,
                                                                         const store::PageRequest& page);

  Result<domain::records::FundRequest> Submit(const Principal& p, const FundRequestInput& in);
  Result<domain::records::FundRequest> GetRequest(const Principal& p, const std::string& id);
  Result<store::Page<domain::records::FundRequest>> ListRequests(const Principal& p, const FundRequestQuery& q,
                                                                const store::PageRequest& page);

  // decision: approve | refuse.
  Result<domain::records::FundRequest> Decide(const Principal& p, const std::string& id, const std::string& decision,
                                              const std::string& reason);
  // amount_minor nullopt: what remains committed.
  Result<domain::records::FundRequest> Disburse(const Principal& p, const std::string& id,
                                                std::optional<int64_t> amount_minor, const std::string& note);
  Result<domain::records::FundRequest> Return(const Principal& p, const std::string& id, int64_t amount_minor,
                                              const std::string& note);

  // Reverses a wrongly recorded movement with a new one (domain::CheckFundCorrection); the fund
  // manager, with a reason. Unknown movement: 404.
  Result<FundCorrectionResult> Correct(const Principal& p, const std::string& movement_id, const std::string& reason);

  Result<domain::records::FundAccount> Balance(const Principal& p);
  Result<FundLedgerPage> Ledger(const Principal& p, const std::string& request_id, const store::PageRequest& page);
  Result<FundReport> Report(const Principal& p);
  Result<std::vector<domain::records::FundAuthority>> Authorities(const Principal& p);

  // True for fund manager, board, administrator and auditor: reads everything.
  static bool Official(const Principal& p);

 private:
  // One attempt of a write: reads what it needs, decides, fills the batch and audit entries.
  using Attempt = std::function<Status(store::WriteBatch* batch, std::vector<store::AuditEvent>* audit)>;
  // Runs `attempt` and writes its batch; when a record changed under it (another approval, another
  // server) it reads again and retries, so the refusal an overdraft meets is the rule's own 409
  // insufficient_balance, never a storage error.
  Status Commit(const Attempt& attempt);
  Result<domain::records::FundAccount> LoadAccount();
  Result<domain::records::FundRequest> LoadRequest(const std::string& id);
  bool CanReadRequest(const Principal& p, const domain::records::FundRequest& r) const;
  Result<bool> IsContributor(const Principal& p);
  // A movement of `kind` on `account` (as read by this attempt): its two entries, the account
  // after (written at the revision read), and the audit entry of the movement (object
  // fund_movement/<movement id>, after = the entries and the balance).
  Status AddMovement(const Principal& p, const std::string& role, const std::string& kind, int64_t amount_minor,
                     const domain::records::FundAccount& account, domain::records::FundLedgerEntry proto,
                     store::WriteBatch* batch, std::vector<store::AuditEvent>* audit);
  // Moves money on a request the fund manager pays out or takes back: `change` checks the request
  // (a domain rule) and changes it, answering the amount moved; then the request is written at the
  // revision read, the movement `kind` added, and `action` audited with the note.
  using RequestChange = std::function<Result<int64_t>(domain::records::FundRequest& r)>;
  Result<domain::records::FundRequest> MoveRequestMoney(const Principal& p, const std::string& id,
                                                        const std::string& kind, const std::string& action,
                                                        const std::string& note, const RequestChange& change);
  std::string Now() const;

  store::Store* store_;
  const Clock* clock_;
  IdGen* ids_;
  store::IncidentStore* incidents_ = nullptr;
};

}  // namespace srm::service
