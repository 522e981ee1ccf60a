// Organizations, geography and programmes: upserts by id, lists by name.
#include "store/sql/query.h"
#include "store/sql/sql_store.h"

namespace srm::store::sql {
namespace {

// --- Row readers: column order matches the SELECT lists below ---

Organization ReadOrganization(const Row& r) { return {r.Text(0), r.Text(1), r.Text(2)}; }
Region ReadRegion(const Row& r) { return {r.Text(0), r.Text(1)}; }
Country ReadCountry(const Row& r) { return {r.Text(0), r.Text(1), r.Text(2), r.Text(3)}; }
Area ReadArea(const Row& r) { return {r.Text(0), r.Text(1), r.Text(2), r.Text(3)}; }
Location ReadLocation(const Row& r) { return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Real(4), r.Real(5)}; }
Programme ReadProgramme(const Row& r) {
  Programme p;
  p.id = r.Text(0);
  p.organization_id = r.Text(1);
  p.area_id = r.Text(2);
  p.name = r.Text(3);
  p.activity = r.Text(4);
  p.pc = static_cast<int>(r.Int(5));
  p.international = static_cast<int>(r.Int(6));
  p.national = static_cast<int>(r.Int(7));
  p.on_mission = static_cast<int>(r.Int(8));
  p.manager_id = r.Text(9);
  return p;
}

}  // namespace

Status SqlStore::PutOrganization(const Organization& o, const AuditEvent& audit) {
  SRM_TRY(RequireId(o.id, "organization"));
  return WriteOne(audit,
                  "INSERT INTO organizations (id, code, name) VALUES (?1, ?2, ?3) "
                  "ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name",
                  Args(o.id, o.code, o.name));
}

Result<std::vector<Organization>> SqlStore::ListOrganizations() {
  return ReadAll<Organization>(*db_, "SELECT id, code, name FROM organizations ORDER BY name, id", {},
                               ReadOrganization);
}

Status SqlStore::PutRegion(const Region& r, const AuditEvent& audit) {
  SRM_TRY(RequireId(r.id, "region"));
  return WriteOne(audit,
                  "INSERT INTO regions (id, name) VALUES (?1, ?2) ON CONFLICT (id) DO UPDATE SET name = excluded.name",
                  Args(r.id, r.name));
}

Result<std::vector<Region>> SqlStore::ListRegions() {
  return ReadAll<Region>(*db_, "SELECT id, name FROM regions ORDER BY name, id", {}, ReadRegion);
}

Status SqlStore::PutCountry(const Country& c, const AuditEvent& audit) {
  SRM_TRY(RequireId(c.id, "country"));
  return WriteOne(audit,
                  "INSERT INTO countries (id, region_id, iso2, name) VALUES (?1, ?2, ?3, ?4) "
                  "ON CONFLICT (id) DO UPDATE SET region_id = excluded.region_id, iso2 = excluded.iso2, "
                  "name = excluded.name",
                  Args(c.id, NullIfEmpty(c.region_id), c.iso2, c.name));
}

Result<std::vector<Country>> SqlStore::ListCountries() {
  return ReadAll<Country>(*db_, "SELECT id, region_id, iso2, name FROM countries ORDER BY name, id", {},
                          ReadCountry);
}

Status SqlStore::PutArea(const Area& a, const AuditEvent& audit) {
  SRM_TRY(RequireId(a.id, "area"));
  return WriteOne(audit,
                  "INSERT INTO areas (id, country_id, name, geometry) VALUES (?1, ?2, ?3, ?4) "
                  "ON CONFLICT (id) DO UPDATE SET country_id = excluded.country_id, name = excluded.name, "
                  "geometry = excluded.geometry",
                  Args(a.id, NullIfEmpty(a.country_id), a.name, a.geometry));
}

Result<std::optional<Area>> SqlStore::GetArea(const std::string& id) {
  return ReadOne<Area>(*db_, "SELECT id, country_id, name, geometry FROM areas WHERE id = ?1", Args(id), ReadArea);
}

Result<std::vector<Area>> SqlStore::ListAreas(const std::string& country_id, bool with_geometry) {
  // Geometry can be large: leave it out of the row unless asked for.
  const std::string_view columns =
      with_geometry ? "SELECT id, country_id, name, geometry FROM areas" : "SELECT id, country_id, name, '' FROM areas";
  WhereClause where;
  if (!country_id.empty()) where.Add("country_id = ?", country_id);
  return ReadAll<Area>(*db_, std::string(columns) + where.Sql() + " ORDER BY name, id", where.values(), ReadArea);
}

Status SqlStore::PutLocation(const Location& l, const AuditEvent& audit) {
  SRM_TRY(RequireId(l.id, "location"));
  return WriteOne(audit,
                  "INSERT INTO locations (id, area_id, name, kind, lat, lon) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                  "ON CONFLICT (id) DO UPDATE SET area_id = excluded.area_id, name = excluded.name, "
                  "kind = excluded.kind, lat = excluded.lat, lon = excluded.lon",
                  Args(l.id, NullIfEmpty(l.area_id), l.name, l.kind, l.lat, l.lon));
}

Result<std::vector<Location>> SqlStore::ListLocations(const std::string& area_id) {
  if (area_id.empty())
    return ReadAll<Location>(*db_, "SELECT id, area_id, name, kind, lat, lon FROM locations ORDER BY name, id", {},
                             ReadLocation);
  return ReadAll<Location>(
      *db_, "SELECT id, area_id, name, kind, lat, lon FROM locations WHERE area_id = ?1 ORDER BY name, id",
      Args(area_id), ReadLocation);
}

Status SqlStore::PutProgramme(const Programme& p, const AuditEvent& audit) {
  SRM_TRY(RequireId(p.id, "programme"));
  return WriteOne(audit,
                  "INSERT INTO programmes (id, organization_id, area_id, name, activity, pc, international, "
                  "national, on_mission, manager_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
                  "ON CONFLICT (id) DO UPDATE SET organization_id = excluded.organization_id, "
                  "area_id = excluded.area_id, name = excluded.name, activity = excluded.activity, "
                  "pc = excluded.pc, international = excluded.international, national = excluded.national, "
                  "on_mission = excluded.on_mission, manager_id = excluded.manager_id",
                  Args(p.id, NullIfEmpty(p.organization_id), NullIfEmpty(p.area_id), p.name, p.activity, p.pc,
                       p.international, p.national, p.on_mission, NullIfEmpty(p.manager_id)));
}

Result<std::vector<Programme>> SqlStore::ListProgrammes(const std::string& area_id) {
  constexpr std::string_view kAll =
      "SELECT id, organization_id, area_id, name, activity, pc, international, national, on_mission, manager_id "
      "FROM programmes ORDER BY name, id";
  constexpr std::string_view kInArea =
      "SELECT id, organization_id, area_id, name, activity, pc, international, national, on_mission, manager_id "
      "FROM programmes WHERE area_id = ?1 ORDER BY name, id";
  if (area_id.empty()) return ReadAll<Programme>(*db_, kAll, {}, ReadProgramme);
  return ReadAll<Programme>(*db_, kInArea, Args(area_id), ReadProgramme);
}

}  // namespace srm::store::sql
