// The SRA access log as the store keeps it (migrations/0016_access_log.sql): one append-only row
// per read of an SRA, of its document or register, and per export, written in batches by
// service/access_log.h. Each batch is anchored into the audit chain by ONE audit entry (action
// kAccessBatchAction, object_id = the batch id) whose `after` names the batch's row count and the
// SHA-256 of its canonical rows (AccessBatchHash), written in the same transaction as the rows;
// store/audit_verify.h recomputes every batch's hash from the rows, so an edited, added or removed
// access row no longer matches the chain.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace srm::store {

inline constexpr const char* kAccessBatchAction = "access.batch";
inline constexpr const char* kAccessBatchObject = "access_batch";

struct AccessEntry {
  std::string batch_id;    // the batch it was written in (time-ordered)
  int ordinal = 0;         // position in the batch, 0-based
  std::string at;          // RFC 3339 UTC, when the access happened (not when it was written)
  std::string user_id;
  std::string user_name;   // username at the time
  std::string sra_id;      // "" for an export of a list that is no SRA
  int version = 0;         // the SRA's version, 0 when none
  std::string kind;        // read | document | register | export
  std::string format;      // json | pdf | xlsx | csv | ...
  std::string resource;    // what was exported when it is no SRA (e.g. "clearances"), else ""
  std::string client_addr; // api/client_addr.h; "" from the console
  std::string request_id;

  bool operator==(const AccessEntry&) const = default;
};

// Newest first (at desc, batch_id desc, ordinal desc). Empty fields match anything.
struct AccessFilter {
  std::string sra_id;
  std::string kind;
  std::string user_id;
  std::string from, to;    // at >= from, at <= to (RFC 3339 prefixes compare as text)
};

// SHA-256 hex over the batch id and every row's fields in ordinal order, each length-prefixed.
std::string AccessBatchHash(const std::string& batch_id, const std::vector<AccessEntry>& rows);

// The `after` text of a batch's audit entry, and reading it back (false when it is not one).
std::string AccessBatchAnchorJson(size_t rows, const std::string& hash);
bool ParseAccessBatchAnchor(const std::string& after, int64_t* rows, std::string* hash);

}  // namespace srm::store
