// Internal to srm_store_postgres: the schema migrations compiled in from
// src/store/migrations/NNNN_name.sql, expanded for PostgreSQL.
#pragma once

#include <span>
#include <string_view>

#include "store/sql/database.h"

namespace srm::store::postgres {

using Migration = sql::Migration;

// All migrations in ascending version order.
std::span<const Migration> PostgresMigrations();

}  // namespace srm::store::postgres
