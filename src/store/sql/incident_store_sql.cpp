#include "store/sql/incident_store_sql.h"

#include <climits>

#include "store/sql/query.h"

namespace srm::store::sql {
namespace {

constexpr int kSchemaVersion = 1;
// Key of the incident migration's transaction-level lock ("SRMINCID"), where the dialect has one.
constexpr int64_t kIncidentMigrationLock = 0x53524d494e434944;

constexpr std::string_view kIncidentSelect =
    "SELECT id, source, source_id, day, date_precision, CASE WHEN lat IS NULL THEN 0 ELSE 1 END, "
    "COALESCE(lat, 0), COALESCE(lon, 0), country, admin1, location, event_type, sub_event_type, actor_type, "
    "category, mapped, fatalities, aid_victims, un_victims, notes, area_id, \"precision\", placement_note, "
    "import_id, line FROM incidents";

StoredIncident ReadIncident(const Row& q) {
  StoredIncident s;
  s.id = q.Int(0);
  evidence::Incident& i = s.incident;
  i.source = q.Text(1);
  i.source_id = q.Text(2);
  i.day = static_cast<int32_t>(q.Int(3));
  i.date_precision = static_cast<uint8_t>(q.Int(4));
  i.has_point = q.Int(5) != 0;
  i.lat = q.Real(6);
  i.lon = q.Real(7);
  i.country = q.Text(8);
  i.admin1 = q.Text(9);
  i.location = q.Text(10);
  i.event_type = q.Text(11);
  i.sub_event_type = q.Text(12);
  i.actor_type = q.Text(13);
  i.category = q.Text(14);
  i.mapped = q.Int(15) != 0;
  i.fatalities = static_cast<int32_t>(q.Int(16));
  i.aid_victims = static_cast<int32_t>(q.Int(17));
  i.un_victims = static_cast<int32_t>(q.Int(18));
  i.notes = q.Text(19);
  i.area_id = q.Text(20);
  i.precision = static_cast<evidence::Precision>(q.Int(21));
  i.placement_note = q.Text(22);
  s.import_id = q.Text(23);
  i.line = q.Int(24);
  return s;
}

std::unexpected<Error> MalformedCursor() { return Invalid("invalid_value", "cursor is malformed", "cursor"); }

}  // namespace

void AddIncidentValues(Values& values, const evidence::Incident& i, const std::string& import_id) {
  values.emplace_back(i.source);
  values.emplace_back(i.source_id);
  values.emplace_back(static_cast<int64_t>(i.day));
  values.emplace_back(static_cast<int64_t>(i.date_precision));
  values.emplace_back(i.has_point ? Value(i.lat) : Value(Null{}));
  values.emplace_back(i.has_point ? Value(i.lon) : Value(Null{}));
  for (const std::string* text : {&i.country, &i.admin1, &i.location, &i.event_type, &i.sub_event_type,
                                  &i.actor_type, &i.category})
    values.emplace_back(*text);
  values.emplace_back(static_cast<int64_t>(i.mapped ? 1 : 0));
  values.emplace_back(static_cast<int64_t>(i.fatalities));
  values.emplace_back(static_cast<int64_t>(i.aid_victims));
  values.emplace_back(static_cast<int64_t>(i.un_victims));
  values.emplace_back(i.notes);
  values.emplace_back(i.area_id);
  values.emplace_back(static_cast<int64_t>(i.precision));
  values.emplace_back(i.placement_note);
  values.emplace_back(import_id);
  values.emplace_back(static_cast<int64_t>(i.line));
}

Status InsertRefusals(Executor& e, const std::string& import_id, std::span<const evidence::RefusedRow> refused) {
  for (const evidence::RefusedRow& r : refused)
    SRM_TRY(e.Execute("INSERT INTO incident_refusals (import_id, line, field, reason, excerpt) "
                      "VALUES (?1, ?2, ?3, ?4, ?5)",
                      Args(import_id, static_cast<int64_t>(r.line), r.field, r.reason, r.excerpt)));
  return {};
}

Result<int> SqlIncidentStore::Migrate() {
  int64_t version = 0;
  // Checked and applied in one write transaction: two processes migrating at once apply it once.
  SRM_TRY(db_->Transact(TxKind::kWrite, [&](Executor& e) -> Status {
    SRM_TRY(LockKey(e, kIncidentMigrationLock));
    SRM_TRY(e.Script("CREATE TABLE IF NOT EXISTS incident_schema_version (version INTEGER NOT NULL)"));
    SRM_ASSIGN(stored, Scalar(e, "SELECT COALESCE(MAX(version), 0) FROM incident_schema_version"));
    version = stored;
    if (version >= 1) return {};
    SRM_TRY(e.Script(schema_v1_));
    SRM_TRY(e.Execute("INSERT INTO incident_schema_version (version) VALUES (?1)", Args(1)));
    version = 1;
    return {};
  }));
  if (version > kSchemaVersion)
    return Fail(ErrorKind::kInternal, "schema_too_new",
                "the incident tables are at version " + std::to_string(version) + " but this build knows only " +
                    std::to_string(kSchemaVersion));
  SRM_TRY(AfterMigrate());
  return static_cast<int>(version);
}

Status SqlIncidentStore::RemoveImport(const std::string& import_id) {
  return db_->Transact(TxKind::kWrite, [&](Executor& e) -> Status {
    SRM_TRY(e.Execute("DELETE FROM incidents WHERE import_id = ?1", Args(import_id)));
    SRM_TRY(e.Execute("DELETE FROM incident_refusals WHERE import_id = ?1", Args(import_id)));
    return {};
  });
}

Result<Page<StoredIncident>> SqlIncidentStore::ListIncidents(const IncidentFilter& f, const PageRequest& page) {
  WhereClause where;
  if (!f.area_id.empty()) where.Add("area_id = ?", f.area_id);
  if (f.unplaced_only) where.Add("area_id = ''");
  if (f.from_day != INT32_MIN) where.Add("day >= ?", static_cast<int64_t>(f.from_day));
  if (f.to_day != INT32_MAX) where.Add("day <= ?", static_cast<int64_t>(f.to_day));
  if (!f.category.empty()) where.Add("category = ?", f.category);
  if (!f.import_id.empty()) where.Add("import_id = ?", f.import_id);
  if (f.id != 0) where.Add("id = ?", f.id);
  WhereClause after = where;
  if (!page.after.empty()) {
    int64_t day = 0, id = 0;
    if (!ParseDotCursor(page.after, &day, &id)) return MalformedCursor();
    after.Add("(day < ? OR (day = ? AND id < ?))", day, day, id);
  }
  // Newest first; the cursor is "day.id" of the last row of the page.
  return FetchPage<StoredIncident>(*db_, {"SELECT COUNT(*) FROM incidents", kIncidentSelect,
                                          " ORDER BY day DESC, id DESC"},
                                   where, after, ClampLimit(page.limit), ReadIncident, [](const StoredIncident& s) {
                                     return std::to_string(s.incident.day) + "." + std::to_string(s.id);
                                   });
}

Result<Page<StoredRefusal>> SqlIncidentStore::ListRefused(const std::string& import_id, const PageRequest& page) {
  int64_t after_line = -1, after_id = -1;
  if (!page.after.empty() && !ParseDotCursor(page.after, &after_line, &after_id)) return MalformedCursor();
  WhereClause where;
  where.Add("import_id = ?", import_id);
  WhereClause after = where;
  after.Add("(line > ? OR (line = ? AND id > ?))", after_line, after_line, after_id);
  // In line order; the cursor is "line.id" of the last row of the page.
  return FetchPage<StoredRefusal>(
      *db_, {"SELECT COUNT(*) FROM incident_refusals", "SELECT id, line, field, reason, excerpt FROM incident_refusals",
             " ORDER BY line, id"},
      where, after, ClampLimit(page.limit),
      [&](const Row& q) {
        StoredRefusal r;
        r.id = q.Int(0);
        r.import_id = import_id;
        r.row.line = q.Int(1);
        r.row.field = q.Text(2);
        r.row.reason = q.Text(3);
        r.row.excerpt = q.Text(4);
        return r;
      },
      [](const StoredRefusal& r) { return std::to_string(r.row.line) + "." + std::to_string(r.id); });
}

Status SqlIncidentStore::ScanArea(
    const std::string& area_id, int32_t from_day,
    const std::function<void(const std::string&, const evidence::IndicatorEvent&)>& visit) {
  return db_->ReadOnce([&](Executor& e) -> Status {
    return e.Query("SELECT category, day, fatalities, aid_victims, un_victims FROM incidents "
                   "WHERE area_id = ?1 AND day >= ?2",
                   Args(area_id, static_cast<int64_t>(from_day)), [&](const Row& q) -> Result<bool> {
                     visit(q.Text(0), evidence::IndicatorEvent{
                                          static_cast<int32_t>(q.Int(1)), static_cast<int32_t>(q.Int(2)),
                                          static_cast<int32_t>(q.Int(3)), static_cast<int32_t>(q.Int(4))});
                     return true;
                   });
  });
}

Result<std::vector<std::string>> SqlIncidentStore::AreasWithIncidents(int32_t from_day) {
  return ReadAll<std::string>(*db_, "SELECT DISTINCT area_id FROM incidents WHERE area_id <> '' AND day >= ?1",
                              Args(static_cast<int64_t>(from_day)), [](const Row& q) { return q.Text(0); });
}

}  // namespace srm::store::sql
