#include "store/audit_checkpoint.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "security/crypto.h"

namespace srm::store {
namespace {

using nlohmann::json;

void Put(std::string* out, std::string_view field) {
  *out += std::to_string(field.size());
  *out += ':';
  *out += field;
  *out += ';';
}

bool IsHex(const std::string& s, size_t size) {
  return s.size() == size && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

}  // namespace

std::string CheckpointMessage(const AuditCheckpoint& c) {
  std::string m = "srm-audit-checkpoint-v1;";
  Put(&m, c.server_id);
  Put(&m, std::to_string(c.seq));
  Put(&m, c.head_hash);
  Put(&m, c.at);
  Put(&m, c.prev);
  Put(&m, c.public_key);
  return m;
}

void SignCheckpoint(AuditCheckpoint* c, const security::SigningKey& key) {
  c->public_key = key.public_key_hex();
  c->signature = key.Sign(CheckpointMessage(*c));
}

bool CheckpointSignatureValid(const AuditCheckpoint& c) {
  return security::VerifySignature(c.public_key, CheckpointMessage(c), c.signature);
}

std::string CheckpointDigest(const AuditCheckpoint& c) {
  return security::Sha256Hex(CheckpointMessage(c) + c.signature);
}

std::string CheckpointLine(const AuditCheckpoint& c) {
  return json{{"v", 1},           {"server", c.server_id}, {"seq", c.seq},       {"head", c.head_hash},
              {"at", c.at},       {"prev", c.prev},        {"key", c.public_key}, {"sig", c.signature}}
      .dump();
}

Result<AuditCheckpoint> ParseCheckpointLine(std::string_view line) {
  auto bad = [](const std::string& why) { return Invalid("bad_checkpoint", "not a checkpoint: " + why); };
  // Invalid UTF-8 makes dump() throw elsewhere; parse() itself reports it as discarded.
  json j = json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return bad("not a JSON object");
  if (!j.contains("v") || j["v"] != 1) return bad("unknown version (\"v\" must be 1)");
  for (const char* text : {"server", "head", "at", "prev", "key", "sig"})
    if (!j.contains(text) || !j[text].is_string()) return bad(std::string("\"") + text + "\" must be a string");
  if (!j.contains("seq") || !j["seq"].is_number_integer() || j["seq"].get<int64_t>() < 1)
    return bad("\"seq\" must be a positive integer");
  AuditCheckpoint c;
  c.server_id = j["server"].get<std::string>();
  c.seq = j["seq"].get<int64_t>();
  c.head_hash = j["head"].get<std::string>();
  c.at = j["at"].get<std::string>();
  c.prev = j["prev"].get<std::string>();
  c.public_key = j["key"].get<std::string>();
  c.signature = j["sig"].get<std::string>();
  if (!IsHex(c.head_hash, 64)) return bad("\"head\" must be 64 lower-case hex characters");
  if (!c.prev.empty() && !IsHex(c.prev, 64)) return bad("\"prev\" must be empty or 64 lower-case hex characters");
  if (!IsHex(c.public_key, 64)) return bad("\"key\" must be 64 lower-case hex characters");
  if (!IsHex(c.signature, 128)) return bad("\"sig\" must be 128 lower-case hex characters");
  return c;
}

}  // namespace srm::store
