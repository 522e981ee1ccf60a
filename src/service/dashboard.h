// What a person must do today, by role (issue 18, "role dashboards"), in one answer so the
// dashboard costs a field modem one request: the SRA steps waiting for the reader with their age
// (oldest first; an SRA whose earlier step the reader signed is left out, since separation of
// duties lets someone else take it), the assessor's returned SRAs (with why), drafts and reviews
// due, the clearance legs referred to the reader, the reader's own clearance requests, and for
// auditors the audit chain's status and the latest SRA accesses.
//
// And the auditor's page across SRAs: the audit entries of every SRA the reader may see, newest
// first, filtered by SRA, actor, action and dates, paged by seq cursor. Auditors and
// administrators only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "domain/records/decision_records.h"
#include "service/principal.h"
#include "store/store.h"

namespace srm::service {

class SraService;
class DecisionService;
class AuditService;

// An SRA on a dashboard: its row, when it reached its present state and who put it there.
struct DashboardSra {
  store::SraRow row;
  std::string since;        // RFC 3339: the last step's time (created_at when none)
  int64_t days = 0;         // whole days since `since`, by the server's clock
  std::string by;           // who took the last step ("" when none)
  std::string comment;      // its comment (why an SRA was returned)
  bool mine = false;        // created by the reader
};

struct DashboardLeg {
  domain::records::ClearanceLeg leg;
  std::string since;
  int64_t days = 0;
};

struct DashboardAudit {
  bool ok = true;
  int64_t entries = 0;
  std::optional<int64_t> first_bad;
  std::string reason;
  int64_t checkpoints = 0;
  std::optional<store::AuditCheckpoint> newest;  // the last anchor
  std::vector<store::AccessEntry> recent_access;  // newest first
};

struct Dashboard {
  std::vector<std::string> roles;  // the reader's distinct roles, in grant order
  // SRA decision steps (review, endorse, approve) waiting for the reader, oldest first.
  std::vector<DashboardSra> waiting;
  int64_t waiting_total = 0;
  // Drafter's work, where the reader conducts SRAs: returned (oldest first), own drafts (newest
  // first), published SRAs whose review is due within the window or overdue (soonest first).
  std::vector<DashboardSra> returned, drafts, review_due;
  // Clearance legs referred to the reader, oldest first, and the reader's own requests.
  std::vector<DashboardLeg> legs;
  int64_t legs_total = 0;
  std::vector<domain::records::ClearanceRequest> my_requests;
  std::optional<DashboardAudit> audit;  // auditors and administrators
  std::string today;
};

struct DashboardDeps {
  store::Store* store = nullptr;
  SraService* sras = nullptr;
  DecisionService* decisions = nullptr;  // may be null: no clearance cards
  AuditService* audit = nullptr;         // may be null: no chain status
  const Clock* clock = nullptr;
};

inline constexpr int kReviewDueWindowDays = 90;

Result<Dashboard> BuildDashboard(const DashboardDeps& d, const Principal& p);

struct SraAuditFilter {
  std::string sra_id;  // one SRA version ("" = every SRA)
  std::string actor;   // username ("" = anyone)
  std::string action;  // exact action, or a prefix ending in '.' ("sra.transition.")
  std::string from, to;  // at >= from, at <= to (RFC 3339 text; a bare date `to` = that whole day)
};

struct SraAuditEntry {
  store::AuditEntry entry;
  std::string sra_title;
  int sra_version = 0;
  std::string area_id;
};

// Newest first; the cursor is the seq of the last entry of the previous page.
Result<store::Page<SraAuditEntry>> ListSraAudit(const DashboardDeps& d, const Principal& p, const SraAuditFilter& f,
                                                const store::PageRequest& page);

}  // namespace srm::service
