// Internal to srm_store_postgres: the schema migrations compiled in from
// src/store/migrations/postgres/NNNN_name.sql (twins of the SQLite ones, same version numbers).
#pragma once

#include <span>
#include <string_view>

namespace srm::store::postgres {

struct Migration {
  int version;            // NNNN of the file name; strictly increasing
  std::string_view name;  // file name without extension, e.g. "0001_init"
  std::string_view sql;   // one or more statements, run inside one transaction
};

// All migrations in ascending version order.
std::span<const Migration> PostgresMigrations();

}  // namespace srm::store::postgres
