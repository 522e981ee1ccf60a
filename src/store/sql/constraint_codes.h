// Internal to the SQL stores: the unique constraints whose violation callers are told by name
// (HTTP 409 with this code); any other duplicate is "duplicate". Each engine names a constraint its
// own way, so each entry carries both names; the codes are the same on every backend.
#pragma once

#include <span>
#include <string_view>

namespace srm::store::sql {

struct KnownConstraint {
  std::string_view sqlite_name;    // as in SQLite's "UNIQUE constraint failed: <name>"
  std::string_view postgres_name;  // the constraint or index name on PostgreSQL
  std::string_view code;
  std::string_view message;
};

std::span<const KnownConstraint> KnownConstraints();

}  // namespace srm::store::sql
