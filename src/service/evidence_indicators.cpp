// Indicators and the suggested likelihood (SRM-METHOD.md section 6): per area and category, and
// per scenario on the incidents its selector keeps, with the evidence state of each category
// (domain/scenario_evidence.h: a category no imported source records has no suggestion). Split
// from evidence.cpp (imports) by capability.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "core/calendar.h"
#include "service/evidence.h"

namespace srm::service {
namespace {

using nlohmann::json;

bool ParseDay(const std::string& text, int32_t* day) {
  const auto parsed = calendar::ParseIsoDate(text);
  if (parsed) *day = *parsed;
  return parsed.has_value();
}

// The incidents of an area the store pages through for one scenario: at most this many pages of
// 500 (a million incidents of one category in one area is far beyond any real area).
constexpr int kMaxScenarioPages = 2000;

}  // namespace

json IndicatorsJson(const evidence::Indicators& in) {
  json counts = json::object();
  for (size_t w = 0; w < 3; ++w) counts[std::to_string(in.windows_days[w]) + "d"] = in.counts[w];
  return {{"category", in.category},
          {"counts", counts},
          {"events_in_lookback", in.events_in_lookback},
          {"decayed_sum", in.decayed_sum},
          {"rate_per_day", in.rate_per_day},
          {"rate_per_year", in.rate_per_day * 365},
          {"trend", {{"label", in.trend},
                     {"recent_rate_per_day", in.recent_rate},
                     {"baseline_rate_per_day", in.baseline_rate},
                     {"ratio", in.trend_ratio ? json(*in.trend_ratio) : json(nullptr)}}},
          {"severity", {{"fatalities", in.fatalities}, {"fatal_events", in.fatal_events},
                        {"aid_worker_victims", in.aid_victims}, {"un_victims", in.un_victims}}},
          {"last_event", in.last_event.empty() ? json(nullptr) : json(in.last_event)},
          {"suggestion", {{"likelihood", in.likelihood},
                          {"likelihood_score", in.likelihood_index + 1},
                          {"probability", in.probability},
                          {"period_days", in.period_days},
                          {"explanation", in.explanation}}}};
}

json CategoryIndicatorsJson(const evidence::Indicators& in, const domain::EvidenceVerdict& verdict,
                            const std::vector<std::string>& covered_by) {
  json out = IndicatorsJson(in);
  out["evidence"] = {{"state", verdict.has_evidence ? "suggested" : "no_evidence"},
                     {"reason", verdict.reason},
                     {"covered_by", covered_by}};
  if (!verdict.has_evidence) out["suggestion"] = nullptr;  // zero events nobody recorded suggest nothing
  return out;
}

json ScenarioEvidenceJson(const ScenarioEvidence& e) {
  json out{{"area_id", e.area_id},
           {"as_of", e.as_of},
           {"period_days", e.period_days},
           {"threat_category", e.category},
           {"evidence_filter", domain::SelectorToJson(e.selector)},
           {"state", e.verdict.has_evidence ? "suggested" : "no_evidence"},
           {"reason", e.verdict.reason},
           {"covered_by", e.covered_by},
           {"category_events", e.category_events},
           {"selected_events", e.selected_events},
           {"indicators", nullptr},
           {"suggestion", nullptr}};
  if (e.indicators) {
    json ind = IndicatorsJson(*e.indicators);
    out["suggestion"] = ind["suggestion"];
    ind.erase("suggestion");
    out["indicators"] = std::move(ind);
  }
  return out;
}

Result<evidence::Indicators> EvidenceService::Suggest(const std::string& area_id, const std::string& category,
                                                      int period_days) {
  SRM_ASSIGN(e, SuggestForScenario(area_id, category, {}, period_days));
  if (!e.indicators) return NotFound("evidence for " + category + " in area " + area_id + " (" + e.verdict.reason + ")");
  return std::move(*e.indicators);
}

Result<ScenarioEvidence> EvidenceService::SuggestForScenario(const std::string& area_id, const std::string& category,
                                                             const domain::IncidentSelector& selector,
                                                             int period_days) {
  SRM_ASSIGN(params, Params());
  const domain::MethodPack& pack = *params.first;
  const domain::EvidenceParams& ep = *params.second;
  if (period_days == 0) period_days = ep.sra_period_days;
  if (period_days < 1 || period_days > 3650)
    return Invalid("out_of_range", "period_days must be between 1 and 3650", "period_days");
  if (std::none_of(pack.threat_categories.begin(), pack.threat_categories.end(),
                   [&](const domain::ThreatCategory& c) { return c.key == category; }))
    return Invalid("unknown_category", "unknown threat category '" + category + "'", "threat_category");
  SRM_TRY(domain::CheckSelector(selector, "evidence_filter."));
  const int32_t today = Today();
  ScenarioEvidence out;
  out.area_id = area_id;
  out.category = category;
  out.selector = selector;
  out.as_of = evidence::FormatDay(today);
  out.period_days = period_days;
  SRM_ASSIGN(all, Compute(pack, ep, area_id, today, period_days));
  int64_t area_events = 0;
  for (const auto& c : all) {
    area_events += c.events_in_lookback;
    if (c.category == category) out.category_events = c.events_in_lookback;
  }
  SRM_ASSIGN(scenario_area, store_->GetArea(area_id));
  SRM_ASSIGN(coverage, Coverage(scenario_area ? scenario_area->country_id : std::string()));
  std::set<std::string> covered;
  for (const auto& [c, layouts] : coverage) covered.insert(c);
  if (auto it = coverage.find(category); it != coverage.end()) out.covered_by = it->second;
  out.verdict = domain::JudgeEvidence(category, covered, area_events);
  if (!out.verdict.has_evidence) return out;
  if (!selector.Narrows()) {  // every incident of the category: the area's indicators as they are
    for (auto& c : all)
      if (c.category == category) {
        out.selected_events = c.events_in_lookback;
        out.indicators = std::move(c);
      }
    return out;
  }
  // The kept incidents only: an ambush scenario is not every battle in the area.
  evidence::IndicatorModel model(ep, today);
  evidence::IndicatorAccumulator acc;
  store::IncidentFilter f;
  f.area_id = area_id;
  f.category = category;
  f.from_day = today - ep.lookback_days + 1;
  f.to_day = today;
  store::PageRequest page{500, ""};
  for (int pages = 0;; ++pages) {
    if (pages == kMaxScenarioPages) return Unavailable("too many incidents in area " + area_id + " to filter");
    SRM_ASSIGN(rows, incidents_->ListIncidents(f, page));
    for (const auto& s : rows.items) {
      const evidence::Incident& i = s.incident;
      if (!domain::Selects(selector, {i.event_type, i.sub_event_type, i.actor_type, i.notes, i.location})) continue;
      ++out.selected_events;
      model.Add(&acc, {i.day, i.fatalities, i.aid_victims, i.un_victims});
    }
    if (rows.next.empty()) break;
    page.after = rows.next;
  }
  out.indicators = evidence::Finish(pack, ep, today, category, acc, period_days);
  return out;
}

Result<ScenarioEvidence> EvidenceService::ScenarioSuggestion(const Principal& p, const std::string& area_id,
                                                             const std::string& category,
                                                             const domain::IncidentSelector& selector,
                                                             int period_days) {
  SRM_ASSIGN(area, store_->GetArea(area_id));
  if (!area || !p.CanSeeArea(area->country_id, area->id)) return NotFound("area " + area_id);
  return SuggestForScenario(area_id, category, selector, period_days);
}


Result<std::vector<evidence::Indicators>> EvidenceService::Compute(const domain::MethodPack& pack,
                                                                   const domain::EvidenceParams& ep,
                                                                   const std::string& area_id, int32_t as_of,
                                                                   int period_days,
                                                                   std::vector<evidence::MonthlyCounts>* monthly) {
  evidence::IndicatorModel model(ep, as_of);
  const evidence::MonthlyBuckets months(as_of);
  std::vector<evidence::IndicatorAccumulator> acc(pack.threat_categories.size());
  if (monthly) monthly->assign(pack.threat_categories.size(), evidence::MonthlyCounts{});
  std::unordered_map<std::string, size_t> index;
  for (size_t i = 0; i < pack.threat_categories.size(); ++i) index[pack.threat_categories[i].key] = i;
  int32_t from = as_of - ep.lookback_days + 1;
  if (monthly) from = std::min(from, months.first_day());
  SRM_TRY(incidents_->ScanArea(area_id, from, [&](const std::string& category, const evidence::IndicatorEvent& e) {
    auto it = index.find(category);
    if (it == index.end()) return;
    model.Add(&acc[it->second], e);
    if (monthly) {
      const int b = months.Bucket(e.day);
      if (b >= 0) ++(*monthly)[it->second][static_cast<size_t>(b)];
    }
  }));
  std::vector<evidence::Indicators> out;
  for (size_t i = 0; i < acc.size(); ++i)
    out.push_back(evidence::Finish(pack, ep, as_of, pack.threat_categories[i].key, acc[i], period_days));
  return out;
}

Result<AreaIndicators> EvidenceService::Indicators(const Principal& p, const std::string& area_id,
                                                   const std::string& as_of, int period_days) {
  SRM_ASSIGN(area, store_->GetArea(area_id));
  if (!area || !p.CanSeeArea(area->country_id, area->id)) return NotFound("area " + area_id);
  SRM_ASSIGN(params, Params());
  int32_t day = Today();
  if (!as_of.empty() && !ParseDay(as_of, &day)) return Invalid("invalid_value", "as_of must be YYYY-MM-DD", "as_of");
  if (period_days == 0) period_days = params.second->sra_period_days;
  if (period_days < 1 || period_days > 3650)
    return Invalid("out_of_range", "period_days must be between 1 and 3650", "period_days");
  AreaIndicators out;
  area->geometry.clear();
  out.area = *area;
  out.as_of = evidence::FormatDay(day);
  out.period_days = period_days;
  out.method_version = params.first->version;
  SRM_ASSIGN(cats, Compute(*params.first, *params.second, area_id, day, period_days, &out.monthly));
  out.categories = std::move(cats);
  SRM_ASSIGN(coverage, Coverage(area->country_id));
  std::set<std::string> covered;
  for (const auto& [c, layouts] : coverage) covered.insert(c);
  int64_t area_events = 0;
  for (const auto& c : out.categories) area_events += c.events_in_lookback;
  for (const auto& c : out.categories) {
    out.verdicts.push_back(domain::JudgeEvidence(c.category, covered, area_events));
    auto it = coverage.find(c.category);
    out.covered_by.push_back(it == coverage.end() ? std::vector<std::string>{} : it->second);
  }
  const evidence::MonthlyBuckets months(day);
  for (int i = 0; i < evidence::MonthlyBuckets::kMonths; ++i) out.months.push_back(months.Label(i));
  return out;
}

Result<store::Page<store::StoredIncident>> EvidenceService::Incidents(const Principal& p, const std::string& area_id,
                                                                      store::IncidentFilter filter,
                                                                      const store::PageRequest& page) {
  SRM_ASSIGN(area, store_->GetArea(area_id));
  if (!area || !p.CanSeeArea(area->country_id, area->id)) return NotFound("area " + area_id);
  filter.area_id = area_id;
  return incidents_->ListIncidents(filter, page);
}

}  // namespace srm::service
