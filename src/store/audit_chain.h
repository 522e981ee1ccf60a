// The audit hash chain, shared by every backend: canonical form, hashing and verification.
// Pure functions; thread-safe.
#pragma once

#include <functional>
#include <string>

#include "store/store.h"

namespace srm::store {

inline constexpr const char* kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// SHA-256 hex over prev_hash and every field of the entry (seq, at, event fields), each
// length-prefixed so no two different entries share a canonical form.
std::string AuditEntryHash(const AuditEntry& e);

// Verifies entries given in ascending seq order by `next` (returns false at the end). Detects an
// edited entry (hash mismatch), a deleted one (seq gap / prev_hash mismatch) and reordering.
AuditVerification VerifyAuditChain(const std::function<bool(AuditEntry*)>& next);

}  // namespace srm::store
