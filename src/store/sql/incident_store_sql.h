// Internal to the SQL incident stores: store/incident_store.h written once over the seam of
// store/sql/database.h. A backend adds its schema text (column types differ) and its bulk insert
// (AddBatch: where the engines' fast paths differ most), and may hook Migrate and bulk loads.
#pragma once

#include <memory>
#include <string_view>

#include "store/incident_store.h"
#include "store/sql/database.h"

namespace srm::store::sql {

class SqlIncidentStore : public IncidentStore {
 public:
  // `schema_v1`: the backend's CREATE statements of incident schema version 1.
  SqlIncidentStore(std::unique_ptr<Database> db, std::string_view schema_v1)
      : db_(std::move(db)), schema_v1_(schema_v1) {}

  Result<int> Migrate() override;
  Status RemoveImport(const std::string& import_id) override;
  Result<Page<StoredIncident>> ListIncidents(const IncidentFilter& filter, const PageRequest& page) override;
  Result<Page<StoredRefusal>> ListRefused(const std::string& import_id, const PageRequest& page) override;
  Status ScanArea(const std::string& area_id, int32_t from_day,
                  const std::function<void(const std::string&, const evidence::IndicatorEvent&)>& visit) override;
  Result<std::vector<std::string>> AreasWithIncidents(int32_t from_day) override;

 protected:
  // After every successful Migrate, outside its transaction (e.g. indexes a bulk load left out).
  virtual Status AfterMigrate() { return {}; }
  Database& db() { return *db_; }

 private:
  std::unique_ptr<Database> db_;
  std::string_view schema_v1_;
};

// The incident columns of an insert, in the order of AddIncidentValues.
inline constexpr std::string_view kIncidentInsertColumns =
    "source, source_id, day, date_precision, lat, lon, country, admin1, location, event_type, sub_event_type, "
    "actor_type, category, mapped, fatalities, aid_victims, un_victims, notes, area_id, \"precision\", "
    "placement_note, import_id, line";
inline constexpr int kIncidentInsertColumnCount = 23;
// Appends the 23 values of one incident row (lat/lon NULL without a point).
void AddIncidentValues(Values& values, const evidence::Incident& incident, const std::string& import_id);

// Inserts the refused rows of an import inside the caller's transaction.
Status InsertRefusals(Executor& e, const std::string& import_id, std::span<const evidence::RefusedRow> refused);

}  // namespace srm::store::sql
