// MOSS/RSM: the approved measures of the published area SRAs of an area or a country, by category.
#include "service/decisions/internal.h"

#include <algorithm>

#include "domain/compliance.h"
#include "domain/sra_json.h"

namespace srm::service {

using nlohmann::json;
using namespace decision_detail;

Result<MossView> DecisionService::Moss(const Principal& p, const std::string& country_id, const std::string& area_id) {
  if (country_id.empty() == area_id.empty())
    return Invalid("required", "give either country_id or area_id", country_id.empty() ? "country_id" : "area_id");
  std::vector<domain::Area> areas;
  if (!area_id.empty()) {
    if (!ValidId(area_id)) return NotFound("area");
    SRM_ASSIGN(a, store_->GetArea(area_id));
    if (!a) return NotFound("area " + area_id);
    if (!p.CanSeeArea(a->country_id, a->id)) return Forbidden("this area is outside your scope");
    areas.push_back(*a);
  } else {
    if (!ValidId(country_id)) return NotFound("country");
    SRM_ASSIGN(list, store_->ListAreas(country_id, false));
    if (list.empty()) return NotFound("country " + country_id);
    for (auto& a : list)
      if (p.CanSeeArea(a.country_id, a.id)) areas.push_back(std::move(a));
    if (areas.empty()) return Forbidden("this country is outside your scope");
  }
  Batch b(p, "", Now(), Today());
  SRM_ASSIGN(active, methods_->Active());
  std::map<std::string, std::vector<MossMeasureView>> by_category;
  std::vector<std::string> order = active->moss_categories;
  MossView out;
  out.country_id = country_id;
  out.area_id = area_id;
  for (const auto& a : areas) {
    SRM_ASSIGN(f, Facts(b, a.id));
    if (!f->sra) {
      out.areas_without_sra.emplace_back(a.id, a.name);
      continue;
    }
    SRM_ASSIGN(row, store_->GetSra(f->sra->sra_id));
    if (!row) continue;
    json d = json::parse(row->doc, nullptr, false);
    if (d.is_discarded()) continue;
    SRM_ASSIGN(sra, domain::SraFromJson(d));
    out.sources.push_back({a.id, a.name, sra.id, sra.version, sra.published_at, sra.review_due,
                           domain::ValidityOn(sra, b.today).current});
    for (const auto& [cat, measures] : domain::MeasuresByCategory(*f->pack, sra)) {
      if (std::find(order.begin(), order.end(), cat) == order.end()) order.push_back(cat);
      auto& list = by_category[cat];
      for (const auto& mm : measures) {
        ++out.total;
        out.implemented += mm.measure.status == "implemented";
        out.cost_minor += mm.measure.cost_minor;
        list.push_back({a.id, sra.id, mm.scenario_id, mm.scenario_title, mm.measure.id, mm.measure.type,
                        mm.measure.description, mm.measure.owner, mm.measure.status, mm.measure.currency,
                        mm.measure.cost_minor});
      }
    }
  }
  out.rsm.category = domain::kRsmCategory;
  for (const auto& cat : order) {
    std::vector<MossMeasureView> measures = by_category.contains(cat) ? by_category[cat] : std::vector<MossMeasureView>{};
    if (cat == domain::kRsmCategory) out.rsm.measures = std::move(measures);
    else out.moss.push_back({cat, std::move(measures)});
  }
  return out;
}

}  // namespace srm::service
