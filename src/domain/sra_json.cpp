#include "domain/sra_json.h"

#include <nlohmann/json.hpp>
#include <set>

#include "core/calendar.h"

namespace srm::domain {
namespace {

using nlohmann::json;

constexpr size_t kMaxText = 20000;

std::unexpected<Error> TypeError(const std::string& field, const char* want) {
  return Invalid("invalid_type", field + " must be " + want, field);
}

Status CheckKeys(const json& in, const std::set<std::string>& allowed, const std::string& prefix) {
  for (auto it = in.begin(); it != in.end(); ++it)
    if (!allowed.count(it.key()))
      return Invalid("unknown_field", "unknown field '" + prefix + it.key() + "'", prefix + it.key());
  return {};
}

Status ReadText(const json& in, const char* key, const std::string& field, std::string* out,
                size_t max = kMaxText) {
  if (!in.contains(key)) return {};
  const json& v = in[key];
  if (v.is_null()) { out->clear(); return {}; }
  if (!v.is_string()) return TypeError(field, "a string");
  const std::string& s = v.get_ref<const std::string&>();
  if (s.size() > max) return Invalid("too_long", field + " must be at most " + std::to_string(max) + " characters", field);
  // Control characters other than tab and newlines have no business in assessment text.
  for (unsigned char c : s)
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t')
      return Invalid("invalid_text", field + " contains control characters", field);
  *out = s;
  return {};
}

Status ReadInt(const json& in, const char* key, const std::string& field, int lo, int hi, int* out) {
  if (!in.contains(key)) return {};
  const json& v = in[key];
  if (!v.is_number_integer()) return TypeError(field, "an integer");
  long long x = v.get<long long>();
  if (x < lo || x > hi)
    return Invalid("out_of_range", field + " must be between " + std::to_string(lo) + " and " + std::to_string(hi), field);
  *out = static_cast<int>(x);
  return {};
}

Status ReadDate(const json& in, const char* key, const std::string& field, std::string* out) {
  std::string s;
  SRM_TRY(ReadText(in, key, field, &s, 10));
  if (!in.contains(key)) return {};
  // A real calendar day (no 2026-02-30) in core/calendar's years.
  if (!s.empty() && !calendar::ParseIsoDate(s)) return Invalid("invalid_date", field + " must be a date YYYY-MM-DD", field);
  *out = s;
  return {};
}

json LevelJson(const std::array<std::string, kScaleSize>& names, const std::optional<int>& idx) {
  return idx ? json(names[*idx]) : json(nullptr);
}
json ScoreJson(const std::optional<int>& idx) { return idx ? json(*idx + 1) : json(nullptr); }
json RiskJson(const MethodPack& m, const std::optional<int>& idx) {
  return idx ? json(m.risk_levels[*idx]) : json(nullptr);
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
                               {"frequency", p.frequency}, {"partners", p.partners}});
  j["threats"] = json::array();
  for (const auto& t : s.threats)
    j["threats"].push_back({{"category", t.category}, {"intent", t.intent}, {"capability", t.capability},
                            {"inhibiting", t.inhibiting}, {"level", t.level}, {"evidence", t.evidence}});
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
    if (sc.likelihood_suggestion) {
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
                               {"moss_category", me.moss_category}, {"cost", me.cost},
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
                              p.value("on_mission", 0), p.value("frequency", ""), p.value("partners", "")});
    for (const auto& t : j.at("threats"))
      s.threats.push_back({t.at("category"), t.at("intent"), t.at("capability"), t.at("inhibiting"),
                           t.value("level", 1), t.value("evidence", "")});
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
      }
      c.likelihood_reason = o.value("likelihood_reason", "");
      c.impact = ScoreFrom(o, "impact_score");
      c.residual_likelihood = ScoreFrom(o, "residual_likelihood_score");
      c.residual_impact = ScoreFrom(o, "residual_impact_score");
      for (const auto& me : o.at("measures"))
        c.measures.push_back({me.value("id", ""), me.value("type", ""), me.value("description", ""),
                              me.value("moss_category", ""), me.value("cost", 0.0), me.value("currency", "USD"),
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
  if (!in.is_object()) return TypeError("$", "a JSON object");
  SRM_TRY(CheckKeys(in, {"title", "area_id", "kind", "organization_id", "mission_ref", "scope", "situation",
                         "programmes", "threats", "revision"}, ""));
  SRM_TRY(ReadText(in, "title", "title", &s->title, 300));
  SRM_TRY(ReadText(in, "mission_ref", "mission_ref", &s->mission_ref, 200));
  if (in.contains("scope")) {
    const json& sc = in["scope"];
    if (!sc.is_object()) return TypeError("scope", "an object");
    SRM_TRY(CheckKeys(sc, {"from_date", "to_date", "trigger"}, "scope."));
    SRM_TRY(ReadDate(sc, "from_date", "scope.from_date", &s->scope.from_date));
    SRM_TRY(ReadDate(sc, "to_date", "scope.to_date", &s->scope.to_date));
    SRM_TRY(ReadText(sc, "trigger", "scope.trigger", &s->scope.trigger, 64));
    if (!s->scope.from_date.empty() && !s->scope.to_date.empty() && s->scope.to_date < s->scope.from_date)
      return Invalid("invalid_range", "scope.to_date is before scope.from_date", "scope.to_date");
  }
  if (in.contains("situation")) {
    const json& si = in["situation"];
    if (!si.is_object()) return TypeError("situation", "an object of headings to text");
    for (auto it = si.begin(); it != si.end(); ++it) {
      std::string text;
      SRM_TRY(ReadText(si, it.key().c_str(), "situation." + it.key(), &text));
      s->situation[it.key()] = text;
    }
  }
  if (in.contains("programmes")) {
    const json& ps = in["programmes"];
    if (!ps.is_array()) return TypeError("programmes", "an array");
    if (ps.size() > 500) return Invalid("too_many", "at most 500 programmes", "programmes");
    std::vector<ProgrammeAssessment> out;
    for (size_t i = 0; i < ps.size(); ++i) {
      const json& p = ps[i];
      const std::string f = "programmes[" + std::to_string(i) + "]";
      if (!p.is_object()) return TypeError(f, "an object");
      SRM_TRY(CheckKeys(p, {"programme_id", "organization_id", "activity", "pc", "international", "national",
                            "on_mission", "frequency", "partners"}, f + "."));
      ProgrammeAssessment a;
      SRM_TRY(ReadText(p, "programme_id", f + ".programme_id", &a.programme_id, 64));
      SRM_TRY(ReadText(p, "organization_id", f + ".organization_id", &a.organization_id, 64));
      SRM_TRY(ReadText(p, "activity", f + ".activity", &a.activity, 500));
      SRM_TRY(ReadInt(p, "pc", f + ".pc", 1, 4, &a.pc));
      SRM_TRY(ReadInt(p, "international", f + ".international", 0, 1000000, &a.international));
      SRM_TRY(ReadInt(p, "national", f + ".national", 0, 1000000, &a.national));
      SRM_TRY(ReadInt(p, "on_mission", f + ".on_mission", 0, 1000000, &a.on_mission));
      SRM_TRY(ReadText(p, "frequency", f + ".frequency", &a.frequency, 200));
      SRM_TRY(ReadText(p, "partners", f + ".partners", &a.partners, 2000));
      out.push_back(std::move(a));
    }
    s->programmes = std::move(out);
  }
  if (in.contains("threats")) {
    const json& ts = in["threats"];
    if (!ts.is_array()) return TypeError("threats", "an array");
    std::vector<ThreatRating> out;
    std::set<std::string> seen;
    for (size_t i = 0; i < ts.size(); ++i) {
      const json& t = ts[i];
      const std::string f = "threats[" + std::to_string(i) + "]";
      if (!t.is_object()) return TypeError(f, "an object");
      SRM_TRY(CheckKeys(t, {"category", "intent", "capability", "inhibiting", "evidence", "level"}, f + "."));
      ThreatRating r;
      SRM_TRY(ReadText(t, "category", f + ".category", &r.category, 64));
      if (!IsThreatCategory(m, r.category))
        return Unprocessable("unknown_category", "unknown threat category '" + r.category + "'", f + ".category");
      if (!seen.insert(r.category).second)
        return Invalid("duplicate", "threat category rated twice", f + ".category");
      for (const char* k : {"intent", "capability", "inhibiting"})
        if (!t.contains(k)) return Invalid("required", f + "." + k + " is required", f + "." + k);
      SRM_TRY(ReadInt(t, "intent", f + ".intent", 1, 5, &r.intent));
      SRM_TRY(ReadInt(t, "capability", f + ".capability", 1, 5, &r.capability));
      SRM_TRY(ReadInt(t, "inhibiting", f + ".inhibiting", 1, 5, &r.inhibiting));
      SRM_TRY(ReadText(t, "evidence", f + ".evidence", &r.evidence));
      out.push_back(std::move(r));
    }
    s->threats = std::move(out);
  }
  return {};
}

Status ApplyScenarioInput(const MethodPack& m, const json& in, Scenario* s) {
  if (!in.is_object()) return TypeError("$", "a JSON object");
  // The server-filled fields (id, risks, the recorded suggestion) are accepted and ignored, so a
  // scenario read from the API can be sent back as it is.
  SRM_TRY(CheckKeys(in, {"title", "threat_category", "description", "vulnerability", "likelihood", "impact",
                         "residual_likelihood", "residual_impact", "measures", "id", "current_risk",
                         "residual_risk", "likelihood_reason", "likelihood_suggested", "likelihood_suggested_score",
                         "likelihood_suggestion", "likelihood_difference"}, ""));
  SRM_TRY(ReadText(in, "title", "title", &s->title, 300));
  SRM_TRY(ReadText(in, "threat_category", "threat_category", &s->threat_category, 64));
  SRM_TRY(ReadText(in, "description", "description", &s->description));
  SRM_TRY(ReadText(in, "likelihood_reason", "likelihood_reason", &s->likelihood_reason, 2000));
  if (in.contains("vulnerability")) {
    const json& v = in["vulnerability"];
    if (v.is_null()) {
      s->vulnerability.reset();
    } else {
      if (!v.is_object()) return TypeError("vulnerability", "an object");
      SRM_TRY(CheckKeys(v, {"exposed", "weaknesses", "existing_measures"}, "vulnerability."));
      Vulnerability vu = s->vulnerability.value_or(Vulnerability{});
      SRM_TRY(ReadText(v, "exposed", "vulnerability.exposed", &vu.exposed));
      SRM_TRY(ReadText(v, "weaknesses", "vulnerability.weaknesses", &vu.weaknesses));
      SRM_TRY(ReadText(v, "existing_measures", "vulnerability.existing_measures", &vu.existing_measures));
      s->vulnerability = vu;
    }
  }
  SRM_TRY(ReadOptionalScale(m.likelihoods, in, "likelihood", &s->likelihood));
  SRM_TRY(ReadOptionalScale(m.impacts, in, "impact", &s->impact));
  SRM_TRY(ReadOptionalScale(m.likelihoods, in, "residual_likelihood", &s->residual_likelihood));
  SRM_TRY(ReadOptionalScale(m.impacts, in, "residual_impact", &s->residual_impact));
  if (in.contains("measures")) {
    const json& ms = in["measures"];
    if (!ms.is_array()) return TypeError("measures", "an array");
    if (ms.size() > 200) return Invalid("too_many", "at most 200 measures per scenario", "measures");
    std::vector<Measure> out;
    for (size_t i = 0; i < ms.size(); ++i) {
      const json& x = ms[i];
      const std::string f = "measures[" + std::to_string(i) + "]";
      if (!x.is_object()) return TypeError(f, "an object");
      SRM_TRY(CheckKeys(x, {"id", "type", "description", "moss_category", "cost", "currency", "owner", "status"},
                        f + "."));
      Measure me;
      SRM_TRY(ReadText(x, "id", f + ".id", &me.id, 64));
      SRM_TRY(ReadText(x, "type", f + ".type", &me.type, 32));
      SRM_TRY(ReadText(x, "description", f + ".description", &me.description, 2000));
      SRM_TRY(ReadText(x, "moss_category", f + ".moss_category", &me.moss_category, 64));
      if (x.contains("cost")) {
        if (!x["cost"].is_number()) return TypeError(f + ".cost", "a number");
        me.cost = x["cost"].get<double>();
      }
      SRM_TRY(ReadText(x, "currency", f + ".currency", &me.currency, 3));
      SRM_TRY(ReadText(x, "owner", f + ".owner", &me.owner, 200));
      SRM_TRY(ReadText(x, "status", f + ".status", &me.status, 32));
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
