// Internal to srm_store_postgres: the schema migrations compiled in from
// src/store/migrations/postgres/NNNN_name.sql (twins of the SQLite ones, same version numbers).
#pragma once

#include <span>
#include <string_view>

#include "store/sql/database.h"

namespace srm::store::postgres {

using Migration = sql::Migration;

// All migrations in ascending version order.
std::span<const Migration> PostgresMigrations();

}  // namespace srm::store::postgres
