// The audit hash chain, shared by every backend: canonical form, hashing and verification.
// Pure functions; thread-safe.
#pragma once

#include <functional>
#include <string>

#include "store/store.h"

namespace srm::store {

inline constexpr const char* kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The newest entry a transaction appended: what the store hands its AuditAnchor after COMMIT.
struct AuditHead {
  int64_t seq = 0;  // 0: the transaction appended nothing
  std::string hash;
};

// SHA-256 hex over prev_hash and every field of the entry (seq, at, event fields), each
// length-prefixed so no two different entries share a canonical form.
std::string AuditEntryHash(const AuditEntry& e);

// Verifies entries fed in ascending seq order, one at a time. Detects an edited entry (hash
// mismatch), a deleted one (seq gap / prev_hash mismatch) and reordering; the first problem is
// kept. Not thread-safe.
class AuditChainVerifier {
 public:
  void Add(const AuditEntry& e);
  // The verdict over what was added so far.
  AuditVerification Result() const;

 private:
  AuditVerification v_;
  std::string prev_ = kGenesisHash;
  int64_t expected_seq_ = 1;
};

// Verifies entries given in ascending seq order by `next` (returns false at the end).
AuditVerification VerifyAuditChain(const std::function<bool(AuditEntry*)>& next);

}  // namespace srm::store
