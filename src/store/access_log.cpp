#include "store/access_log.h"

#include <nlohmann/json.hpp>

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

std::string AccessBatchHash(const std::string& batch_id, const std::vector<AccessEntry>& rows) {
  std::string c;
  c.reserve(64 + rows.size() * 160);
  Put(&c, batch_id);
  Put(&c, std::to_string(rows.size()));
  for (const AccessEntry& r : rows) {
    // The row's own batch id is part of it: a row moved to another batch no longer matches.
    Put(&c, r.batch_id);
    Put(&c, std::to_string(r.ordinal));
    Put(&c, r.at);
    Put(&c, r.user_id);
    Put(&c, r.user_name);
    Put(&c, r.sra_id);
    Put(&c, std::to_string(r.version));
    Put(&c, r.kind);
    Put(&c, r.format);
    Put(&c, r.resource);
    Put(&c, r.client_addr);
    Put(&c, r.request_id);
  }
  return security::Sha256Hex(c);
}

std::string AccessBatchAnchorJson(size_t rows, const std::string& hash) {
  return nlohmann::json{{"rows", rows}, {"sha256", hash}}.dump();
}

bool ParseAccessBatchAnchor(const std::string& after, int64_t* rows, std::string* hash) {
  const auto j = nlohmann::json::parse(after, nullptr, false);
  if (!j.is_object() || !j.contains("rows") || !j["rows"].is_number_integer() || !j.contains("sha256") ||
      !j["sha256"].is_string())
    return false;
  *rows = j["rows"].get<int64_t>();
  *hash = j["sha256"].get<std::string>();
  return true;
}

}  // namespace srm::store
