// Internal to srm_store_sqlite: the schema migrations compiled in from
// src/store/migrations/NNNN_name.sql, expanded for SQLite.
#pragma once

#include <span>
#include <string_view>

#include "store/sql/database.h"

namespace srm::store::sqlite {

using Migration = sql::Migration;

// All migrations in ascending version order.
std::span<const Migration> SqliteMigrations();

}  // namespace srm::store::sqlite
