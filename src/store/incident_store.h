// Incidents and the rows an import refused: bulk data with its own small interface, apart from
// store.h (which carries the audited records). A backend keeps them beside the main store (the
// SQLite one in the same database file, on its own connection) with its own schema version.
//
// Contract: AddBatch is one transaction (the whole batch or nothing); an incident whose
// (source, source_id) is already stored is skipped and counted as a duplicate, so re-importing a
// file adds nothing. Thread-safe. Each import is audited in the main chain by the caller, through
// Store::WriteDocs (one entry per import job with its counts).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"
#include "evidence/incident.h"
#include "evidence/indicators.h"
#include "store/store.h"

namespace srm::store {

struct StoredIncident {
  int64_t id = 0;
  std::string import_id;
  evidence::Incident incident;

  bool operator==(const StoredIncident&) const = default;
};

struct StoredRefusal {
  int64_t id = 0;
  std::string import_id;
  evidence::RefusedRow row;

  bool operator==(const StoredRefusal&) const = default;
};

struct IncidentFilter {
  std::string area_id;         // "" = any area
  bool unplaced_only = false;  // only incidents not placed in an area
  int32_t from_day = INT32_MIN, to_day = INT32_MAX;  // inclusive
  std::string category;        // "" = any
  std::string import_id;       // "" = any
  int64_t id = 0;              // 0 = any; else only this incident
};

struct BatchResult {
  int64_t inserted = 0;
  int64_t duplicates = 0;
};

class IncidentStore {
 public:
  virtual ~IncidentStore() = default;

  // Creates or upgrades the incident tables; idempotent. Returns the incident schema version.
  virtual Result<int> Migrate() = 0;

  virtual Result<BatchResult> AddBatch(const std::string& import_id, std::span<const evidence::Incident> incidents,
                                       std::span<const evidence::RefusedRow> refused) = 0;

  // Brackets a bulk load of at most about `expected_rows` incidents. A backend may then stop
  // maintaining its by-area indexes row by row and rebuild them in EndBulk, which is faster when
  // the load is large against what is stored; queries stay correct meanwhile, only slower. Every
  // successful BeginBulk needs one EndBulk, also when the import fails; bulk loads may overlap
  // (the indexes come back when the last one ends). The import is complete only when EndBulk
  // returns. Default: nothing deferred.
  virtual Status BeginBulk(int64_t expected_rows) {
    (void)expected_rows;
    return {};
  }
  virtual Status EndBulk() { return {}; }

  // Removes every incident and refused row of the import, in one transaction: a failed import
  // keeps nothing (its batches were each written on their own). Incidents another import had
  // stored first (duplicates) are not the import's and stay.
  virtual Status RemoveImport(const std::string& import_id) = 0;

  // Newest first (day desc, id desc).
  virtual Result<Page<StoredIncident>> ListIncidents(const IncidentFilter& filter, const PageRequest& page) = 0;
  // In line order.
  virtual Result<Page<StoredRefusal>> ListRefused(const std::string& import_id, const PageRequest& page) = 0;

  // Calls `visit` for every incident of the area with day >= from_day (category "" included).
  virtual Status ScanArea(const std::string& area_id, int32_t from_day,
                          const std::function<void(const std::string& category, const evidence::IndicatorEvent&)>&
                              visit) = 0;
  // Area ids that have incidents dated on or after from_day.
  virtual Result<std::vector<std::string>> AreasWithIncidents(int32_t from_day) = 0;
};

// The SQLite backend, on `path` (the main store's database file; WAL lets both connect).
Result<std::unique_ptr<IncidentStore>> OpenSqliteIncidentStore(const std::string& path, int readers = 4);

}  // namespace srm::store
