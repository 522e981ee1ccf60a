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

void AuditChainVerifier::Add(const AuditEntry& e) {
  ++v_.entries;
  if (v_.ok) {
    auto fail = [&](const char* code, std::string reason) {
      v_.ok = false;
      v_.first_bad = e.seq;
      v_.code = code;
      v_.reason = std::move(reason);
    };
    if (e.seq != expected_seq_) {
      fail("entry_missing", "entry " + std::to_string(expected_seq_) + " is missing or out of order (found " +
                                std::to_string(e.seq) + ")");
    } else if (e.prev_hash != prev_) {
      fail("link_broken", "entry " + std::to_string(e.seq) + " does not follow the entry before it");
    } else if (AuditEntryHash(e) != e.hash) {
      fail("entry_altered", "entry " + std::to_string(e.seq) + " was altered (hash mismatch)");
    }
  }
  prev_ = e.hash;
  ++expected_seq_;
}

AuditVerification AuditChainVerifier::Result() const {
  AuditVerification v = v_;
  v.head_hash = v.entries > 0 ? prev_ : "";
  return v;
}

AuditVerification VerifyAuditChain(const std::function<bool(AuditEntry*)>& next) {
  AuditChainVerifier verifier;
  AuditEntry e;
  while (next(&e)) verifier.Add(e);
  return verifier.Result();
}

}  // namespace srm::store
