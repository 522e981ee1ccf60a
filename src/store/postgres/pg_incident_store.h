// The PostgreSQL backend of store/incident_store.h: the incident tables in the main database, with
// their own schema version (incident_schema_version), as in the SQLite backend. libpq stays out.
#pragma once

#include <memory>

#include "core/result.h"
#include "store/incident_store.h"
#include "store/postgres/postgres_store.h"

namespace srm::store {

// Connects (one connection, to fail early); call Migrate() before use. `opts.clock` is unused.
Result<std::unique_ptr<IncidentStore>> OpenPostgresIncidentStore(const PostgresOptions& opts);

}  // namespace srm::store
