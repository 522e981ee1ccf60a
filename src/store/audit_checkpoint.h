// Signed checkpoints of the audit chain's head: their canonical (signed) form, their digest (what
// the next checkpoint of the same file links to) and their one-line JSON form, used in checkpoint
// files, in exported heads and in the database. Pure functions; thread-safe.
//
// A checkpoint line:
//   {"at":"...","head":"<sha256 hex>","key":"<ed25519 public key hex>","prev":"<digest or empty>",
//    "seq":42,"server":"<server id>","sig":"<signature hex>","v":1}
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "security/signing.h"
#include "store/store.h"

namespace srm::store {

// The bytes that are signed: a fixed prefix, then server, seq, head, at, prev and key, each
// length-prefixed so that no two checkpoints share a form.
std::string CheckpointMessage(const AuditCheckpoint& c);

// Fills public_key and signature of `c` with `key`.
void SignCheckpoint(AuditCheckpoint* c, const security::SigningKey& key);

// True when c.signature is c.public_key's signature of CheckpointMessage(c).
bool CheckpointSignatureValid(const AuditCheckpoint& c);

// SHA-256 hex over the signed form and the signature: what the next checkpoint's `prev` names.
std::string CheckpointDigest(const AuditCheckpoint& c);

// The one-line JSON form (no newline).
std::string CheckpointLine(const AuditCheckpoint& c);

// Parses one line; kInvalid "bad_checkpoint" naming what is wrong (fields, types, hex lengths).
Result<AuditCheckpoint> ParseCheckpointLine(std::string_view line);

}  // namespace srm::store
