#include "service/audit.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "store/access_log.h"

namespace srm::service {

using domain::Role;
using nlohmann::json;

namespace {

// The access log's batches whose anchoring audit entry is gone (cut off with the chain's tail, or
// never restored with it): re-anchoring vouches for the database as it now is, so each such batch
// gets a new anchor, written with the re-anchoring entry. Capped like the verifier's findings.
Result<std::vector<store::AuditEvent>> AnchorsForUnanchoredAccess(store::Store& st, const Principal& p) {
  std::vector<std::pair<std::string, std::vector<store::AccessEntry>>> batches;
  SRM_TRY(st.ScanAccess([&](const store::AccessEntry& a) {
    if (batches.empty() || batches.back().first != a.batch_id) batches.emplace_back(a.batch_id, std::vector<store::AccessEntry>{});
    batches.back().second.push_back(a);
    return true;
  }));
  std::vector<store::AuditEvent> anchors;
  for (const auto& [batch_id, rows] : batches) {
    SRM_ASSIGN(entries, st.ListAudit(batch_id, store::PageRequest{5, ""}));
    bool anchored = false;
    for (const store::AuditEntry& e : entries.items) anchored = anchored || e.event.action == store::kAccessBatchAction;
    if (anchored) continue;
    anchors.push_back({p.user.id, p.user.username, p.RoleLabel(Role::kAdmin), store::kAccessBatchAction,
                       store::kAccessBatchObject, batch_id, json{{"re_anchored", true}}.dump(),
                       store::AccessBatchAnchorJson(rows.size(), store::AccessBatchHash(batch_id, rows)), p.request_id});
  }
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
