// ExportService::AreaMap (issue 17): gathers what the area map shows, each piece under the rule
// its own read has — the area and its neighbours by the reader's scope, the incidents through the
// evidence service, the SRA in force only when the reader may read that SRA — and hands it to the
// pure drawing (export/area_map.h).
#include <nlohmann/json.hpp>

#include "domain/sra_json.h"
#include "export/area_map.h"
#include "service/exports.h"

namespace srm::service {

Result<exports::Picture> ExportService::AreaMap(const Principal& p, const std::string& area_id, exports::Language lang,
                                                EvidenceService* evidence) {
  if (area_id.empty() || area_id.size() > 64) return NotFound("area");
  SRM_ASSIGN(area, store_->GetArea(area_id));
  if (!area) return NotFound("area " + area_id);
  if (!p.CanSeeArea(area->country_id, area->id)) return Forbidden("this area is outside your scope");
  exports::AreaMapInput in;
  in.lang = lang;
  in.area_name = area->name;
  in.geometry = area->geometry;
  SRM_ASSIGN(all, store_->ListAreas(area->country_id, true));
  for (auto& a : all)
    if (a.id != area->id && !a.geometry.empty() && p.CanSeeArea(a.country_id, a.id))
      in.neighbours.push_back({std::move(a.name), std::move(a.geometry)});
  if (evidence != nullptr) {
    store::PageRequest page{500, ""};
    do {
      SRM_ASSIGN(rows, evidence->Incidents(p, area->id, {}, page));
      in.incidents_total = rows.total;
      for (const auto& r : rows.items)
        if (r.incident.has_point && static_cast<int>(in.incidents.size()) < kAreaMapIncidents)
          in.incidents.push_back({r.incident.lon, r.incident.lat});
      page.after = rows.next;
    } while (!page.after.empty() && static_cast<int>(in.incidents.size()) < kAreaMapIncidents);
  }
  SRM_ASSIGN(in_force, AreaSraInForceOn(store_, area->id, FormatTimestamp(clock_->NowMillis()).substr(0, 10)));
  // The level is the SRA's: shown only to who may read that SRA (its read rule, not the area's).
  if (in_force && sras_->Get(p, in_force->row.id)) {
    domain::Sra sra = in_force->sra;
    SRM_ASSIGN(pack, methods_->Get(sra.method_version));
    domain::Recompute(*pack, &sra);
    if (sra.overall_residual && *sra.overall_residual >= 0 && *sra.overall_residual < domain::kRiskLevels) {
      in.level = *sra.overall_residual;
      in.level_name = documents::Term(lang, "level.", pack->risk_levels[*sra.overall_residual]);
      in.sra_version = sra.version;
    }
  }
  return exports::AreaMapPicture(in);
}

}  // namespace srm::service
