// Verification of the audit chain against its signed checkpoints (store/audit_anchor.h): the
// chain's own hash links (store/audit_chain.h), and for every checkpoint whose signature holds,
// that the chain still reaches its seq ("truncated" otherwise) and that the entry there still has
// the signed hash ("checkpoint_mismatch" otherwise: the chain was recomputed after an edit).
// Checkpoints whose signature does not hold are reported ("bad_signature"), lines that are no
// checkpoint too ("bad_checkpoint"); neither is trusted.
//
// Cost: one pass over the chain, one over each checkpoint file; in a checkpoint file, a run of
// lines each linking to the one before needs only its last signature checked (the links carry it
// back), so a file costs one Ed25519 verification plus one SHA-256 per line.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/store.h"

namespace srm::store {

struct AuditFinding {
  // "entry_missing" | "link_broken" | "entry_altered" (the chain itself), "truncated",
  // "checkpoint_mismatch", "bad_signature", "bad_checkpoint"; the access log's batches
  // (store/access_log.h): "access_batch_altered" (rows no longer hash to their anchor; seq = the
  // anchoring entry), "access_unanchored" (rows in a batch no audit entry anchors).
  std::string reason;
  int64_t seq = 0;         // the entry (or checkpointed entry) concerned; 0 for a line that is no checkpoint
  std::string detail;      // for people: what, where (file and line, or server)
};

struct AnchoredVerification {
  AuditVerification chain;            // the chain's own verdict (entries, head_hash, ...)
  bool ok = true;                     // chain intact and every checkpoint agrees
  std::vector<AuditFinding> findings; // ascending seq; at most kMaxAuditFindings
  int64_t checkpoints = 0;            // checkpoints with a valid signature compared with the chain
  std::vector<std::string> sources;   // what was consulted, for people
  // The newest valid checkpoint compared (any source), when there is one.
  std::optional<AuditCheckpoint> newest;
  // The first finding (lowest seq), as AuditVerification names it; empty when ok.
  const AuditFinding* first() const { return findings.empty() ? nullptr : &findings.front(); }
};

inline constexpr size_t kMaxAuditFindings = 50;

struct CheckpointSources {
  // This server's checkpoint file ("" = none); a missing file has no checkpoints yet. Its newest
  // checkpoint must be signed by own_key (when given): a file whose newest line another key
  // signed was not written by this server (after a key change: re-anchor).
  std::string own_file;
  std::string own_key;
  // Further checkpoint files or exported heads (an auditor's), signed by any key; each must exist.
  std::vector<std::string> extra_files;
  // The checkpoints the store keeps in the database (Store::ListAuditCheckpoints).
  bool database = true;
};

Result<AnchoredVerification> VerifyAnchoredAudit(Store& store, const CheckpointSources& sources);

}  // namespace srm::store
