#include "service/audit.h"

#include <filesystem>
#include <unordered_set>
#include <nlohmann/json.hpp>

#include "store/access_log.h"

namespace srm::service {

using domain::Role;
using nlohmann::json;

namespace {

// The access log's batches whose anchoring audit entry is gone (cut off with the chain's tail, or
// never restored with it): re-anchoring vouches for the database as it now is, so each such batch
// gets a new anchor, written with the re-anchoring entry. Two streaming passes, one query each:
// the chain's batch anchors into a set of ids, then the access rows in batch order, holding one
// batch at a time (rows are many, batches few; a query per batch was one round trip per batch).
Result<std::vector<store::AuditEvent>> AnchorsForUnanchoredAccess(store::Store& st, const Principal& p) {
  std::unordered_set<std::string> anchored;
  SRM_TRY(st.ScanAudit([&](const store::AuditEntry& e) {
    if (e.event.action == store::kAccessBatchAction) anchored.insert(e.event.object_id);
    return true;
  }));
  std::vector<store::AuditEvent> anchors;
  std::string batch_id;
  std::vector<store::AccessEntry> rows;  // the current batch's, when it is unanchored
  const auto close_batch = [&] {
    if (!rows.empty())
      anchors.push_back({p.user.id, p.user.username, p.RoleLabel(Role::kAdmin), store::kAccessBatchAction,
                         store::kAccessBatchObject, batch_id, json{{"re_anchored", true}}.dump(),
                         store::AccessBatchAnchorJson(rows.size(), store::AccessBatchHash(batch_id, rows)),
                         p.request_id});
    rows.clear();
  };
  SRM_TRY(st.ScanAccess([&](const store::AccessEntry& a) {
    if (a.batch_id != batch_id) {
      close_batch();
      batch_id = a.batch_id;
    }
    if (!anchored.contains(a.batch_id)) rows.push_back(a);
    return true;
  }));
  close_batch();
  return anchors;
}

}  // namespace

store::CheckpointSources AuditService::Sources(const std::vector<std::string>& extra_files) const {
  store::CheckpointSources sources;
  if (anchor_ != nullptr) {
    sources.own_file = anchor_->checkpoint_path();
    sources.own_key = anchor_->public_key();
  }
  sources.extra_files = extra_files;
  sources.database = true;
  return sources;
}

Result<AuditReport> AuditService::Verify(const Principal& p, const std::vector<std::string>& extra_files) {
  if (!p.Has(Role::kAuditor) && !p.Has(Role::kAdmin))
    return Forbidden("only auditors and administrators verify the audit log");
  SRM_ASSIGN(verification, store::VerifyAnchoredAudit(*store_, Sources(extra_files)));
  AuditReport report;
  if (anchor_ != nullptr) {
    report.server_id = anchor_->server_id();
    report.public_key = anchor_->public_key();
    report.checkpoint_file = anchor_->checkpoint_path();
    if (verification.ok && verification.chain.entries > 0)
      report.head = anchor_->Sign(verification.chain.entries, verification.chain.head_hash);
  }
  report.verification = std::move(verification);
  return report;
}

Result<ReAnchorReport> AuditService::ReAnchor(const Principal& p) {
  if (!p.Has(Role::kAdmin)) return Forbidden("only an administrator re-anchors the audit log");
  if (anchor_ == nullptr) return Invalid("no_audit_anchor", "this server has no audit signing key configured");
  SRM_ASSIGN(chain, store_->VerifyAudit());
  if (!chain.ok)
    return Conflict("chain_broken", "the audit chain itself does not verify (" + chain.reason +
                                        "); re-anchoring would vouch for a broken chain");
  SRM_ASSIGN(access_anchors, AnchorsForUnanchoredAccess(*store_, p));
  SRM_ASSIGN(retired, anchor_->Retire());
  ReAnchorReport report;
  report.retired_file = retired;
  report.checkpoint_file = anchor_->checkpoint_path();
  report.entries_before = chain.entries;
  store::AuditEvent event{p.user.id,
                          p.user.username,
                          p.RoleLabel(Role::kAdmin),
                          "audit.re_anchor",
                          "audit",
                          "chain",
                          json{{"checkpoint_file", retired},
                               {"entries", chain.entries},
                               {"head_hash", chain.head_hash},
                               {"access_batches_re_anchored", access_anchors.size()}}
                              .dump(),
                          json{{"checkpoint_file", report.checkpoint_file},
                               {"server_id", anchor_->server_id()},
                               {"public_key", anchor_->public_key()}}
                              .dump(),
                          p.request_id};
  // The entry's own checkpoint (written by the store after COMMIT) begins the new file.
  access_anchors.push_back(std::move(event));
  SRM_TRY(store_->Write({}, {}, access_anchors));
  SRM_ASSIGN(after, store_->VerifyAudit());
  report.seq = after.entries;
  report.head_hash = after.head_hash;
  return report;
}

Result<int64_t> AuditService::AnchorIfEmpty() {
  if (anchor_ == nullptr) return int64_t{0};
  std::error_code ec;
  const auto size = std::filesystem::file_size(anchor_->checkpoint_path(), ec);
  if (!ec && size > 0) return int64_t{0};
  SRM_ASSIGN(chain, store_->VerifyAudit());
  if (!chain.ok || chain.entries == 0) return int64_t{0};
  anchor_->Record(chain.entries, chain.head_hash);
  return chain.entries;
}

}  // namespace srm::service
