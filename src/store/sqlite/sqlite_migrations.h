// Internal to srm_store_sqlite: the schema migrations compiled in from
// src/store/migrations/sqlite/NNNN_name.sql.
#pragma once

#include <span>
#include <string_view>

namespace srm::store::sqlite {

struct Migration {
  int version;            // NNNN of the file name; strictly increasing
  std::string_view name;  // file name without extension, e.g. "0001_init"
  std::string_view sql;   // one or more statements, run inside one transaction
};

// All migrations in ascending version order.
std::span<const Migration> SqliteMigrations();

}  // namespace srm::store::sqlite
