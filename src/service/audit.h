// The audit log's integrity: verification of the hash chain against the signed checkpoints kept
// outside the database (store/audit_verify.h), the signed head an auditor keeps, and re-anchoring
// after a legitimate restore. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "service/principal.h"
#include "store/audit_anchor.h"
#include "store/audit_verify.h"
#include "store/store.h"

namespace srm::service {

struct AuditReport {
  store::AnchoredVerification verification;
  // When the whole verification is ok: a checkpoint of the current head signed now by this
  // server, for an auditor to keep (`srm audit verify --checkpoint` takes it back later).
  std::optional<store::AuditCheckpoint> head;
  std::string server_id, public_key, checkpoint_file;  // "" without an anchor
};

struct ReAnchorReport {
  std::string retired_file;     // the previous checkpoint file, kept ("" when there was none)
  std::string checkpoint_file;  // the new series
  int64_t entries_before = 0;   // the chain's length when re-anchored
  int64_t seq = 0;              // the "audit.re_anchor" entry, the new series' first checkpoint
  std::string head_hash;
};

class AuditService {
 public:
  // `anchor` may be null (no checkpoints: only the chain and the database's checkpoints count).
  AuditService(store::Store* store, store::AuditAnchor* anchor) : store_(store), anchor_(anchor) {}

  // Auditors and administrators. extra_files: further checkpoint files or kept heads (the CLI's
  // --checkpoint; never taken from a request).
  Result<AuditReport> Verify(const Principal& p, const std::vector<std::string>& extra_files = {});

  // Administrators, after a legitimate restore (or a change of signing key): retires the
  // checkpoint file (kept beside it) and starts a new series from the current head, with an
  // "audit.re_anchor" entry recording both. Refused (409 chain_broken) when the chain itself does
  // not verify: a new anchor would vouch for a broken chain.
  Result<ReAnchorReport> ReAnchor(const Principal& p);

  // At start: when the checkpoint file holds no checkpoint yet (first start with an anchor, an
  // older database) and the chain verifies, records the current head. Returns the seq anchored,
  // 0 when nothing was done.
  Result<int64_t> AnchorIfEmpty();

  store::AuditAnchor* anchor() const { return anchor_; }

 private:
  store::CheckpointSources Sources(const std::vector<std::string>& extra_files) const;

  store::Store* store_;
  store::AuditAnchor* anchor_;
};

}  // namespace srm::service
