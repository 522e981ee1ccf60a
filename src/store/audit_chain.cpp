#include "store/audit_chain.h"

#include "security/crypto.h"

namespace srm::store {
namespace {
void Put(std::string* out, const std::string& field) {
  *out += std::to_string(field.size());
  *out += ':';
  *out += field;
  *out += ';';
}
}  // namespace

std::string AuditEntryHash(const AuditEntry& e) {
  std::string c;
  c.reserve(256 + e.event.before.size() + e.event.after.size());
  Put(&c, e.prev_hash);
  Put(&c, std::to_string(e.seq));
  Put(&c, e.at);
  Put(&c, e.event.actor_id);
  Put(&c, e.event.actor_name);
  Put(&c, e.event.role);
  Put(&c, e.event.action);
  Put(&c, e.event.object_type);
  Put(&c, e.event.object_id);
  Put(&c, e.event.before);
  Put(&c, e.event.after);
  Put(&c, e.event.request_id);
  return security::Sha256Hex(c);
}

AuditVerification VerifyAuditChain(const std::function<bool(AuditEntry*)>& next) {
  AuditVerification v;
  std::string prev = kGenesisHash;
  int64_t expected_seq = 1;
  AuditEntry e;
  while (next(&e)) {
    ++v.entries;
    if (v.ok) {
      if (e.seq != expected_seq) {
        v.ok = false;
        v.first_bad = e.seq;
        v.reason = "entry " + std::to_string(expected_seq) + " is missing or out of order (found " +
                   std::to_string(e.seq) + ")";
      } else if (e.prev_hash != prev) {
        v.ok = false;
        v.first_bad = e.seq;
        v.reason = "entry " + std::to_string(e.seq) + " does not follow the entry before it";
      } else if (AuditEntryHash(e) != e.hash) {
        v.ok = false;
        v.first_bad = e.seq;
        v.reason = "entry " + std::to_string(e.seq) + " was altered (hash mismatch)";
      }
    }
    prev = e.hash;
    ++expected_seq;
  }
  v.head_hash = v.entries > 0 ? prev : "";
  return v;
}

}  // namespace srm::store
