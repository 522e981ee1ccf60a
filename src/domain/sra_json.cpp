#include "domain/sra_json.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "core/strict_json.h"

namespace srm::domain {
namespace {

using nlohmann::json;

constexpr size_t kMaxText = 20000;

using strict_json::OnlyFields;
using strict_json::PatchDate;
using strict_json::PatchInt;
using strict_json::PatchText;

json LevelJson(const std::array<std::string, kScaleSize>& names, const std::optional<int>& idx) {
  return idx ? json(names[*idx]) : json(nullptr);
}
json ScoreJson(const std::optional<int>& idx) { return idx ? json(*idx + 1) : json(nullptr); }
json RiskJson(const MethodPack& m, const std::optional<int>& idx) {
  return idx ? json(m.risk_levels[*idx]) : json(nullptr);
}

// A stored measure's cost in minor units. Documents written before migration 0014 spelled it
// "cost", a decimal amount (an exported or archived document may still): read as round(cost × 100),
// as the migration converts it; the product never writes that spelling any more.
int64_t CostMinorOf(const json& me) {
  if (auto it = me.find("cost_minor"); it != me.end() && it->is_number_integer()) return it->get<int64_t>();
  if (auto it = me.find("cost"); it != me.end() && it->is_number()) return std::llround(it->get<double>() * 100);
  return 0;
}

std::optional<int> ScoreFrom(const json& doc, const char* key) {
  if (!doc.contains(key) || !doc[key].is_number_integer()) return std::nullopt;
  int v = doc[key].get<int>();
  if (v < 1 || v > kScaleSize) return std::nullopt;
  return v - 1;
}

Status ReadOptionalScale(const std::array<std::string, kScaleSize>& names, const json& in, const char* key,
                         std::optional<int>* out) {
  if (!in.contains(key)) return {};
  if (in[key].is_null()) { out->reset(); return {}; }
  SRM_ASSIGN(v, ScaleFromJson(names, in[key], key));
  *out = v;
  return {};
}

// A stored programme's scenario links (documents written before links have none: every scenario).
std::vector<std::string> ScenarioIdsFrom(const json& p) {
  std::vector<std::string> out;
  if (auto it = p.find("scenario_ids"); it != p.end() && it->is_array())
    for (const auto& id : *it)
      if (id.is_string()) out.push_back(id.get<std::string>());
  return out;
}

}  // namespace

Result<int> ScaleFromJson(const std::array<std::string, kScaleSize>& names, const json& v, const std::string& field) {
  if (v.is_number_integer()) return ScaleIndexFromNumber(v.get<long long>(), field);
  if (v.is_string()) return ScaleIndexFromName(names, v.get_ref<const std::string&>(), field);
  return Invalid("invalid_type", field + " must be a level name or a number 1-5", field);
}

json SraToJson(const MethodPack& m, const Sra& s) {
  json j;
  j["id"] = s.id;
  j["series_id"] = s.series_id;
  j["version"] = s.version;
  j["kind"] = KindName(s.kind);
  j["title"] = s.title;
  j["area_id"] = s.area_id;
  j["country_id"] = s.country_id;
  j["organization_id"] = s.organization_id;
  j["mission_ref"] = s.mission_ref;
  j["status"] = StatusName(s.status);
  j["method_version"] = s.method_version;
  j["scope"] = {{"from_date", s.scope.from_date}, {"to_date", s.scope.to_date}, {"trigger", s.scope.trigger}};
  j["situation"] = json::object();
  for (const auto& [k, v] : s.situation) j["situation"][k] = v;
  j["programmes"] = json::array();
  for (const auto& p : s.programmes)
    j["programmes"].push_back({{"programme_id", p.programme_id}, {"organization_id", p.organization_id},
                               {"activity", p.activity}, {"pc", p.pc}, {"international", p.international},
                               {"national", p.national}, {"on_mission", p.on_mission},
                               {"frequency", p.frequency}, {"partners", p.partners},
                               {"scenario_ids", p.scenario_ids}});
  j["threats"] = json::array();
  for (const auto& t : s.threats) {
    // Each factor under the name the pack gives it for the category (hazards: frequency,
    // magnitude, preparedness; never intent), with the names listed in "factors".
    const ThreatCategory* c = FindThreatCategory(m, t.category);
    const std::array<std::string, 3> names = c ? c->factors : ThreatCategory{}.factors;
    json o{{"category", t.category}, {"factors", names}, {names[0], t.intent}, {names[1], t.capability},
           {names[2], t.inhibiting}, {"level", t.level}, {"evidence", t.evidence},
           {"not_applicable", t.not_applicable}, {"not_applicable_reason", t.not_applicable_reason}};
    j["threats"].push_back(std::move(o));
  }
  j["scenarios"] = json::array();
  for (const auto& sc : s.scenarios) {
    json o{{"id", sc.id}, {"title", sc.title}, {"threat_category", sc.threat_category},
           {"description", sc.description}};
    if (sc.vulnerability)
      o["vulnerability"] = {{"exposed", sc.vulnerability->exposed},
                            {"weaknesses", sc.vulnerability->weaknesses},
                            {"existing_measures", sc.vulnerability->existing_measures}};
    else
      o["vulnerability"] = nullptr;
    o["likelihood"] = LevelJson(m.likelihoods, sc.likelihood);
    o["likelihood_score"] = ScoreJson(sc.likelihood);
    o["evidence_filter"] = SelectorToJson(sc.evidence_filter);
    if (sc.likelihood_suggestion && !sc.likelihood_suggestion->no_evidence_reason.empty()) {
      // No evidence: the reason instead of a level (zero events nobody records suggest nothing).
      const LikelihoodSuggestion& g = *sc.likelihood_suggestion;
      o["likelihood_suggested"] = nullptr;
      o["likelihood_suggested_score"] = nullptr;
      o["likelihood_suggestion"] = {{"no_evidence_reason", g.no_evidence_reason}, {"period_days", g.period_days},
                                    {"as_of", g.as_of}, {"events", g.events}};
      o["likelihood_difference"] = nullptr;
    } else if (sc.likelihood_suggestion) {
      const LikelihoodSuggestion& g = *sc.likelihood_suggestion;
      o["likelihood_suggested"] = m.likelihoods[static_cast<size_t>(g.likelihood)];
      o["likelihood_suggested_score"] = g.likelihood + 1;
      o["likelihood_suggestion"] = {{"probability", g.probability}, {"period_days", g.period_days},
                                    {"as_of", g.as_of},             {"events", g.events},
                                    {"explanation", g.explanation}};
      // Chosen minus suggested, in steps of the scale: 0 when the assessor followed the suggestion.
      o["likelihood_difference"] = sc.likelihood ? json(*sc.likelihood - g.likelihood) : json(nullptr);
    } else {
      o["likelihood_suggested"] = nullptr;
      o["likelihood_suggested_score"] = nullptr;
      o["likelihood_suggestion"] = nullptr;
      o["likelihood_difference"] = nullptr;
    }
    o["likelihood_reason"] = sc.likelihood_reason;
    o["impact"] = LevelJson(m.impacts, sc.impact);
    o["impact_score"] = ScoreJson(sc.impact);
    o["residual_likelihood"] = LevelJson(m.likelihoods, sc.residual_likelihood);
    o["residual_likelihood_score"] = ScoreJson(sc.residual_likelihood);
    o["residual_impact"] = LevelJson(m.impacts, sc.residual_impact);
    o["residual_impact_score"] = ScoreJson(sc.residual_impact);
    o["current_risk"] = RiskJson(m, sc.current_level);
    o["residual_risk"] = RiskJson(m, sc.residual_level);
    o["measures"] = json::array();
    for (const auto& me : sc.measures)
      o["measures"].push_back({{"id", me.id}, {"type", me.type}, {"description", me.description},
                               {"moss_category", me.moss_category}, {"cost_minor", me.cost_minor},
                               {"currency", me.currency}, {"owner", me.owner}, {"status", me.status}});
    j["scenarios"].push_back(std::move(o));
  }
  j["history"] = json::array();
  for (const auto& h : s.history)
    j["history"].push_back({{"action", h.action}, {"from", h.from}, {"to", h.to}, {"by", h.by},
                            {"role", h.role}, {"comment", h.comment}, {"at", h.at}});
  j["overall_threat"] = s.overall_threat ? json(*s.overall_threat) : json(nullptr);
  j["overall_current_risk"] = RiskJson(m, s.overall_current);
  j["overall_residual_risk"] = RiskJson(m, s.overall_residual);
  j["overall_residual_score"] = s.overall_residual ? json(*s.overall_residual + 1) : json(nullptr);
  j["created_by"] = s.created_by;
  j["created_at"] = s.created_at;
  j["updated_at"] = s.updated_at;
  j["published_at"] = s.published_at;
  j["review_due"] = s.review_due;
  j["revision"] = s.revision;
  return j;
}

Result<Sra> SraFromJson(const json& j) {
  try {
    Sra s;
    s.id = j.at("id");
    s.series_id = j.at("series_id");
    s.version = j.at("version");
    s.kind = KindFromName(j.at("kind").get<std::string>()).value_or(SraKind::kArea);
    s.title = j.at("title");
    s.area_id = j.at("area_id");
    s.country_id = j.value("country_id", "");
    s.organization_id = j.value("organization_id", "");
    s.mission_ref = j.value("mission_ref", "");
    s.status = StatusFromName(j.at("status").get<std::string>()).value_or(SraStatus::kDraft);
    s.method_version = j.at("method_version");
    const json& sc = j.at("scope");
    s.scope = {sc.value("from_date", ""), sc.value("to_date", ""), sc.value("trigger", "")};
    for (auto it = j.at("situation").begin(); it != j.at("situation").end(); ++it)
      s.situation[it.key()] = it.value().get<std::string>();
    for (const auto& p : j.at("programmes"))
      s.programmes.push_back({p.value("programme_id", ""), p.value("organization_id", ""), p.value("activity", ""),
                              p.value("pc", 4), p.value("international", 0), p.value("national", 0),
                              p.value("on_mission", 0), p.value("frequency", ""), p.value("partners", ""),
                              ScenarioIdsFrom(p)});
    for (const auto& t : j.at("threats")) {
      // Documents written before hazards had their own factors name them intent/capability/inhibiting.
      std::array<std::string, 3> names{"intent", "capability", "inhibiting"};
      if (t.contains("factors")) names = t.at("factors").get<std::array<std::string, 3>>();
      ThreatRating r;
      r.category = t.at("category");
      r.intent = t.value(names[0], 1);
      r.capability = t.value(names[1], 1);
      r.inhibiting = t.value(names[2], 1);
      r.level = t.value("level", 1);
      r.evidence = t.value("evidence", "");
      r.not_applicable = t.value("not_applicable", false);
      r.not_applicable_reason = t.value("not_applicable_reason", "");
      s.threats.push_back(std::move(r));
    }
    for (const auto& o : j.at("scenarios")) {
      Scenario c;
      c.id = o.at("id");
      c.title = o.at("title");
      c.threat_category = o.at("threat_category");
      c.description = o.value("description", "");
      if (o.contains("vulnerability") && o["vulnerability"].is_object()) {
        const json& v = o["vulnerability"];
        c.vulnerability = Vulnerability{v.value("exposed", ""), v.value("weaknesses", ""),
                                        v.value("existing_measures", "")};
      }
      c.likelihood = ScoreFrom(o, "likelihood_score");
      if (auto g = ScoreFrom(o, "likelihood_suggested_score")) {
        LikelihoodSuggestion sg;
        sg.likelihood = *g;
        if (o.contains("likelihood_suggestion") && o["likelihood_suggestion"].is_object()) {
          const json& d = o["likelihood_suggestion"];
          sg.probability = d.value("probability", 0.0);
          sg.period_days = d.value("period_days", 0);
          sg.as_of = d.value("as_of", "");
          sg.events = d.value("events", int64_t{0});
          sg.explanation = d.value("explanation", "");
        }
        c.likelihood_suggestion = std::move(sg);
      } else if (o.contains("likelihood_suggestion") && o["likelihood_suggestion"].is_object() &&
                 o["likelihood_suggestion"].contains("no_evidence_reason")) {
        const json& d = o["likelihood_suggestion"];
        LikelihoodSuggestion sg;
        sg.no_evidence_reason = d.value("no_evidence_reason", "");
        sg.period_days = d.value("period_days", 0);
        sg.as_of = d.value("as_of", "");
        sg.events = d.value("events", int64_t{0});
        if (!sg.no_evidence_reason.empty()) c.likelihood_suggestion = std::move(sg);
      }
      if (o.contains("evidence_filter"))  // documents written before scenarios had filters have none
        if (auto f = SelectorFromJson(o["evidence_filter"], "evidence_filter")) c.evidence_filter = std::move(*f);
      c.likelihood_reason = o.value("likelihood_reason", "");
      c.impact = ScoreFrom(o, "impact_score");
      c.residual_likelihood = ScoreFrom(o, "residual_likelihood_score");
      c.residual_impact = ScoreFrom(o, "residual_impact_score");
      for (const auto& me : o.at("measures"))
        c.measures.push_back({me.value("id", ""), me.value("type", ""), me.value("description", ""),
                              me.value("moss_category", ""), CostMinorOf(me), me.value("currency", "USD"),
                              me.value("owner", ""), me.value("status", "planned")});
      s.scenarios.push_back(std::move(c));
    }
    for (const auto& h : j.at("history"))
      s.history.push_back({h.value("action", ""), h.value("from", ""), h.value("to", ""), h.value("by", ""),
                           h.value("role", ""), h.value("comment", ""), h.value("at", "")});
    s.created_by = j.value("created_by", "");
    s.created_at = j.value("created_at", "");
    s.updated_at = j.value("updated_at", "");
    s.published_at = j.value("published_at", "");
    s.review_due = j.value("review_due", "");
    s.revision = j.value("revision", int64_t{0});
    return s;
  } catch (const json::exception& e) {
    return Internal(std::string("stored SRA document is malformed: ") + e.what());
  }
}

Status ApplySraInput(const MethodPack& m, const json& in, Sra* s) {
  SRM_TRY(OnlyFields(in, {"title", "area_id", "kind", "organization_id", "mission_ref", "scope", "situation",
                         "programmes", "threats", "revision"}));
  SRM_TRY(PatchText(in, "title", 300, &s->title));
  SRM_TRY(PatchText(in, "mission_ref", 200, &s->mission_ref));
  if (in.contains("scope")) {
    const json& sc = in["scope"];
    SRM_TRY(OnlyFields(sc, {"from_date", "to_date", "trigger"}, "scope."));
    SRM_TRY(PatchDate(sc, "from_date", &s->scope.from_date, "scope."));
    SRM_TRY(PatchDate(sc, "to_date", &s->scope.to_date, "scope."));
    SRM_TRY(PatchText(sc, "trigger", 64, &s->scope.trigger, "scope."));
    if (!s->scope.from_date.empty() && !s->scope.to_date.empty() && s->scope.to_date < s->scope.from_date)
      return Invalid("invalid_range", "scope.to_date is before scope.from_date", "scope.to_date");
  }
  if (in.contains("situation")) {
    const json& si = in["situation"];
    SRM_TRY(strict_json::Object(si, "situation."));
    for (auto it = si.begin(); it != si.end(); ++it) {
      std::string text;
      SRM_TRY(PatchText(si, it.key().c_str(), kMaxText, &text, "situation."));
      s->situation[it.key()] = text;
    }
  }
  if (in.contains("programmes")) {
    const json& ps = in["programmes"];
    SRM_TRY(strict_json::Array(ps, "programmes", 500));
    std::vector<ProgrammeAssessment> out;
    for (size_t i = 0; i < ps.size(); ++i) {
      const json& p = ps[i];
      const std::string f = strict_json::ItemPrefix("programmes", i);
      SRM_TRY(OnlyFields(p, {"programme_id", "organization_id", "activity", "pc", "international", "national",
                            "on_mission", "frequency", "partners", "scenario_ids"}, f));
      ProgrammeAssessment a;
      SRM_TRY(PatchText(p, "programme_id", 64, &a.programme_id, f));
      SRM_TRY(PatchText(p, "organization_id", 64, &a.organization_id, f));
      SRM_TRY(PatchText(p, "activity", 500, &a.activity, f));
      SRM_TRY(PatchInt(p, "pc", 1, 4, &a.pc, f));
      SRM_TRY(PatchInt(p, "international", 0, 1000000, &a.international, f));
      SRM_TRY(PatchInt(p, "national", 0, 1000000, &a.national, f));
      SRM_TRY(PatchInt(p, "on_mission", 0, 1000000, &a.on_mission, f));
      SRM_TRY(PatchText(p, "frequency", 200, &a.frequency, f));
      SRM_TRY(PatchText(p, "partners", 2000, &a.partners, f));
      if (p.contains("scenario_ids")) {
        const json& ids = p["scenario_ids"];
        SRM_TRY(strict_json::Array(ids, f + "scenario_ids", 200));
        for (size_t k = 0; k < ids.size(); ++k) {
          const std::string fk = strict_json::ItemPrefix(f + "scenario_ids", k);
          if (!ids[k].is_string() || ids[k].get_ref<const std::string&>().empty() ||
              ids[k].get_ref<const std::string&>().size() > 64)
            return Invalid("invalid_value", "a scenario id is a non-empty string of at most 64 characters",
                           fk.substr(0, fk.size() - 1));
          a.scenario_ids.push_back(ids[k].get<std::string>());
        }
      }
      out.push_back(std::move(a));
    }
    s->programmes = std::move(out);
  }
  if (in.contains("threats")) {
    const json& ts = in["threats"];
    SRM_TRY(strict_json::Array(ts, "threats"));
    std::vector<ThreatRating> out;
    std::set<std::string> seen;
    for (size_t i = 0; i < ts.size(); ++i) {
      const json& t = ts[i];
      const std::string f = strict_json::ItemPrefix("threats", i);
      SRM_TRY(strict_json::Object(t, f));
      ThreatRating r;
      SRM_TRY(PatchText(t, "category", 64, &r.category, f));
      const ThreatCategory* cat = FindThreatCategory(m, r.category);
      if (!cat)
        return Unprocessable("unknown_category", "unknown threat category '" + r.category + "'", f + "category");
      if (!seen.insert(r.category).second)
        return Invalid("duplicate", "threat category rated twice", f + "category");
      // The category's own factors only: a hazard has no actor, so "intent" is refused for it.
      const auto& n = cat->factors;
      for (auto it = t.begin(); it != t.end(); ++it) {
        static const char* kCommon[] = {"category", "evidence", "level", "factors", "not_applicable",
                                        "not_applicable_reason"};
        if (std::find(std::begin(kCommon), std::end(kCommon), it.key()) == std::end(kCommon) &&
            std::find(n.begin(), n.end(), it.key()) == n.end())
          return Invalid("unknown_field", "unknown field '" + it.key() + "' for threat category '" + r.category +
                                              "' (rated on " + n[0] + ", " + n[1] + ", " + n[2] + ")",
                         f + it.key());
      }
      SRM_TRY(strict_json::PatchBool(t, "not_applicable", &r.not_applicable, f));
      SRM_TRY(PatchText(t, "not_applicable_reason", kMaxText, &r.not_applicable_reason, f));
      if (!r.not_applicable)
        for (const auto& k : n)
          if (!t.contains(k)) return Invalid("required", f + k + " is required", f + k);
      SRM_TRY(PatchInt(t, n[0].c_str(), 1, 5, &r.intent, f));
      SRM_TRY(PatchInt(t, n[1].c_str(), 1, 5, &r.capability, f));
      SRM_TRY(PatchInt(t, n[2].c_str(), 1, 5, &r.inhibiting, f));
      SRM_TRY(PatchText(t, "evidence", kMaxText, &r.evidence, f));
      out.push_back(std::move(r));
    }
    s->threats = std::move(out);
  }
  return {};
}

Status ApplyScenarioInput(const MethodPack& m, const json& in, Scenario* s) {
  // The server-filled fields (id, risks, the recorded suggestion) are accepted and ignored, so a
  // scenario read from the API can be sent back as it is.
  SRM_TRY(OnlyFields(in, {"title", "threat_category", "description", "vulnerability", "likelihood", "impact",
                         "residual_likelihood", "residual_impact", "measures", "id", "current_risk",
                         "residual_risk", "likelihood_reason", "likelihood_suggested", "likelihood_suggested_score",
                         "likelihood_suggestion", "likelihood_difference", "evidence_filter"}));
  SRM_TRY(PatchText(in, "title", 300, &s->title));
  SRM_TRY(PatchText(in, "threat_category", 64, &s->threat_category));
  SRM_TRY(PatchText(in, "description", kMaxText, &s->description));
  SRM_TRY(PatchText(in, "likelihood_reason", 2000, &s->likelihood_reason));
  if (in.contains("evidence_filter")) {
    SRM_ASSIGN(filter, SelectorFromJson(in["evidence_filter"], "evidence_filter"));
    s->evidence_filter = std::move(filter);
  }
  if (in.contains("vulnerability")) {
    const json& v = in["vulnerability"];
    if (v.is_null()) {
      s->vulnerability.reset();
    } else {
      SRM_TRY(OnlyFields(v, {"exposed", "weaknesses", "existing_measures"}, "vulnerability."));
      Vulnerability vu = s->vulnerability.value_or(Vulnerability{});
      SRM_TRY(PatchText(v, "exposed", kMaxText, &vu.exposed, "vulnerability."));
      SRM_TRY(PatchText(v, "weaknesses", kMaxText, &vu.weaknesses, "vulnerability."));
      SRM_TRY(PatchText(v, "existing_measures", kMaxText, &vu.existing_measures, "vulnerability."));
      s->vulnerability = vu;
    }
  }
  SRM_TRY(ReadOptionalScale(m.likelihoods, in, "likelihood", &s->likelihood));
  SRM_TRY(ReadOptionalScale(m.impacts, in, "impact", &s->impact));
  SRM_TRY(ReadOptionalScale(m.likelihoods, in, "residual_likelihood", &s->residual_likelihood));
  SRM_TRY(ReadOptionalScale(m.impacts, in, "residual_impact", &s->residual_impact));
  if (in.contains("measures")) {
    const json& ms = in["measures"];
    SRM_TRY(strict_json::Array(ms, "measures", 200));
    std::vector<Measure> out;
    for (size_t i = 0; i < ms.size(); ++i) {
      const json& x = ms[i];
      const std::string f = strict_json::ItemPrefix("measures", i);
      SRM_TRY(OnlyFields(x, {"id", "type", "description", "moss_category", "cost_minor", "currency", "owner", "status"}, f));
      Measure me;
      SRM_TRY(PatchText(x, "id", 64, &me.id, f));
      SRM_TRY(PatchText(x, "type", 32, &me.type, f));
      SRM_TRY(PatchText(x, "description", 2000, &me.description, f));
      SRM_TRY(PatchText(x, "moss_category", 64, &me.moss_category, f));
      SRM_ASSIGN(cost_minor, strict_json::OptionalInt(x, "cost_minor", "cost_minor must be an integer (minor units)", f));
      if (cost_minor) me.cost_minor = *cost_minor;
      SRM_TRY(PatchText(x, "currency", 3, &me.currency, f));
      SRM_TRY(PatchText(x, "owner", 200, &me.owner, f));
      SRM_TRY(PatchText(x, "status", 32, &me.status, f));
      out.push_back(std::move(me));
    }
    s->measures = std::move(out);
  }
  return ValidateScenario(m, *s);
}

json MethodToJson(const MethodPack& m) {
  json j = json::parse(m.source_json);
  json cells = json::array();
  for (int l = 0; l < kScaleSize; ++l)
    for (int i = 0; i < kScaleSize; ++i)
      cells.push_back({{"likelihood", m.likelihoods[l]}, {"impact", m.impacts[i]},
                       {"level", m.risk_levels[m.matrix[l][i]]}, {"level_score", m.matrix[l][i] + 1}});
  j["cells"] = std::move(cells);
  // Derived for every pack, older ones too: each category's factors and the workflow settings.
  for (size_t i = 0; i < m.threat_categories.size() && i < j["threat_categories"].size(); ++i)
    j["threat_categories"][i]["factors"] = m.threat_categories[i].factors;
  j["separation_of_duties"] = m.separation_of_duties;
  j["area_sra_conductor"] = m.area_sra_conductor;
  j["residual_justification"] = m.residual_justification;
  return j;
}

namespace {
void DiffInto(const json& a, const json& b, const std::string& path, json* out) {
  if (a.is_object() && b.is_object()) {
    for (auto it = a.begin(); it != a.end(); ++it) {
      const std::string p = path + "/" + it.key();
      if (!b.contains(it.key())) out->push_back({{"path", p}, {"before", it.value()}, {"after", nullptr}});
      else DiffInto(it.value(), b[it.key()], p, out);
    }
    for (auto it = b.begin(); it != b.end(); ++it)
      if (!a.contains(it.key()))
        out->push_back({{"path", path + "/" + it.key()}, {"before", nullptr}, {"after", it.value()}});
    return;
  }
  if (a.is_array() && b.is_array()) {
    const size_t n = std::max(a.size(), b.size());
    for (size_t i = 0; i < n; ++i) {
      const std::string p = path + "/" + std::to_string(i);
      if (i >= a.size()) out->push_back({{"path", p}, {"before", nullptr}, {"after", b[i]}});
      else if (i >= b.size()) out->push_back({{"path", p}, {"before", a[i]}, {"after", nullptr}});
      else DiffInto(a[i], b[i], p, out);
    }
    return;
  }
  if (a != b) out->push_back({{"path", path.empty() ? "/" : path}, {"before", a}, {"after", b}});
}
}  // namespace

json JsonDiff(const json& before, const json& after) {
  json out = json::array();
  DiffInto(before, after, "", &out);
  return out;
}

}  // namespace srm::domain
