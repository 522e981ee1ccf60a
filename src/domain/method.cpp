#include "domain/method.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/json_depth.h"

namespace srm::domain {
namespace {

using nlohmann::json;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::unexpected<Error> Bad(const std::string& field, const std::string& why) {
  return Invalid("invalid_method_pack", "method pack: " + field + ": " + why, field);
}

// An optional exact fraction "p/q" in [0, 1] (0 <= p <= q, 0 < q <= 1,000,000).
Status ReadFraction(const json& doc, const char* key, int64_t* num, int64_t* den) {
  if (!doc.contains(key)) return {};
  const json& v = doc[key];
  const std::string why = "must be a fraction \"p/q\" between 0 and 1, q at most 1000000";
  if (!v.is_string()) return Bad(key, why);
  const std::string s = v.get<std::string>();
  const size_t slash = s.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == s.size() || slash > 7 || s.size() - slash - 1 > 7 ||
      s.find_first_not_of("0123456789/") != std::string::npos || s.find('/', slash + 1) != std::string::npos)
    return Bad(key, why);
  const int64_t p = std::stoll(s.substr(0, slash)), q = std::stoll(s.substr(slash + 1));
  if (q <= 0 || q > 1'000'000 || p > q) return Bad(key, why);
  *num = p;
  *den = q;
  return {};
}

template <size_t N>
Status ReadNames(const json& doc, const char* key, std::array<std::string, N>* out) {
  if (!doc.contains(key) || !doc[key].is_array()) return Bad(key, "must be an array of names");
  const json& a = doc[key];
  if (a.size() != N) return Bad(key, "must have exactly " + std::to_string(N) + " entries");
  for (size_t i = 0; i < N; ++i) {
    if (!a[i].is_string() || a[i].get<std::string>().empty())
      return Bad(std::string(key) + "[" + std::to_string(i) + "]", "must be a non-empty string");
    (*out)[i] = a[i].get<std::string>();
    for (size_t j = 0; j < i; ++j)
      if (Lower((*out)[j]) == Lower((*out)[i]))
        return Bad(std::string(key) + "[" + std::to_string(i) + "]", "duplicate name");
  }
  return {};
}

Result<int> RiskIndexByName(const MethodPack& m, const json& v, const std::string& field) {
  if (!v.is_string()) return Bad(field, "must be a risk level name");
  const std::string want = Lower(v.get<std::string>());
  for (int i = 0; i < kRiskLevels; ++i)
    if (Lower(m.risk_levels[i]) == want) return i;
  return Bad(field, "unknown risk level '" + v.get<std::string>() + "'");
}

Status ReadStringList(const json& doc, const char* key, std::vector<std::string>* out) {
  if (!doc.contains(key) || !doc[key].is_array() || doc[key].empty())
    return Bad(key, "must be a non-empty array of strings");
  for (size_t i = 0; i < doc[key].size(); ++i) {
    const json& v = doc[key][i];
    if (!v.is_string() || v.get<std::string>().empty())
      return Bad(std::string(key) + "[" + std::to_string(i) + "]", "must be a non-empty string");
    out->push_back(v.get<std::string>());
  }
  return {};
}

Status ReadNumber(const json& obj, const std::string& prefix, const char* key, double lo, double hi, double* out) {
  if (!obj.contains(key)) return {};
  const json& v = obj[key];
  const std::string f = prefix + key;
  if (!v.is_number()) return Bad(f, "must be a number");
  const double d = v.get<double>();
  if (!(d >= lo && d <= hi)) return Bad(f, "must be between " + json(lo).dump() + " and " + json(hi).dump());
  *out = d;
  return {};
}

Status ReadInt(const json& obj, const std::string& prefix, const char* key, int lo, int hi, int* out) {
  if (!obj.contains(key)) return {};
  const json& v = obj[key];
  const std::string f = prefix + key;
  if (!v.is_number_integer()) return Bad(f, "must be an integer");
  const long long d = v.get<long long>();
  if (d < lo || d > hi) return Bad(f, "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
  *out = static_cast<int>(d);
  return {};
}

// A rule's match list: a string or an array of strings, lower-cased and trimmed; "*" = any.
Status ReadMatchList(const json& rule, const std::string& prefix, const char* key, std::vector<std::string>* out) {
  if (!rule.contains(key)) return {};
  const json& v = rule[key];
  const std::string f = prefix + key;
  std::vector<json> items;
  if (v.is_string()) items.push_back(v);
  else if (v.is_array()) items.assign(v.begin(), v.end());
  else return Bad(f, "must be a string or an array of strings");
  for (size_t i = 0; i < items.size(); ++i) {
    if (!items[i].is_string()) return Bad(f + "[" + std::to_string(i) + "]", "must be a string");
    std::string text = Lower(items[i].get<std::string>());
    const auto b = text.find_first_not_of(" \t"), e = text.find_last_not_of(" \t");
    text = b == std::string::npos ? std::string() : text.substr(b, e - b + 1);
    if (text.empty()) return Bad(f + "[" + std::to_string(i) + "]", "must not be empty");
    if (text == "*") { out->clear(); return {}; }
    out->push_back(std::move(text));
  }
  return {};
}

Status ParseEvidence(const json& doc, MethodPack* m) {
  if (!doc.contains("evidence")) return {};
  const json& e = doc["evidence"];
  if (!e.is_object()) return Bad("evidence", "must be an object");
  m->has_evidence = true;
  EvidenceParams& p = m->evidence;
  const std::string pre = "evidence.";
  if (e.contains("windows_days")) {
    const json& w = e["windows_days"];
    if (!w.is_array() || w.size() != 3) return Bad(pre + "windows_days", "must list 3 windows in days, shortest first");
    for (size_t i = 0; i < 3; ++i) {
      if (!w[i].is_number_integer() || w[i].get<long long>() < 1 || w[i].get<long long>() > 3650)
        return Bad(pre + "windows_days[" + std::to_string(i) + "]", "must be an integer between 1 and 3650");
      p.windows_days[i] = w[i].get<int>();
      if (i > 0 && p.windows_days[i] <= p.windows_days[i - 1])
        return Bad(pre + "windows_days[" + std::to_string(i) + "]", "windows must grow, shortest first");
    }
  }
  SRM_TRY(ReadNumber(e, pre, "half_life_days", 1, 3650, &p.half_life_days));
  SRM_TRY(ReadInt(e, pre, "lookback_days", 1, 36500, &p.lookback_days));
  SRM_TRY(ReadInt(e, pre, "recent_days", 1, 3650, &p.recent_days));
  SRM_TRY(ReadInt(e, pre, "baseline_days", 1, 3650, &p.baseline_days));
  if (p.recent_days >= p.baseline_days) return Bad(pre + "recent_days", "must be shorter than baseline_days");
  SRM_TRY(ReadNumber(e, pre, "rising_ratio", 1, 100, &p.rising_ratio));
  SRM_TRY(ReadNumber(e, pre, "falling_ratio", 0, 1, &p.falling_ratio));
  SRM_TRY(ReadInt(e, pre, "severity_days", 1, 3650, &p.severity_days));
  SRM_TRY(ReadInt(e, pre, "sra_period_days", 1, 3650, &p.sra_period_days));
  if (e.contains("likelihood_thresholds")) {
    const json& t = e["likelihood_thresholds"];
    const std::string f = pre + "likelihood_thresholds";
    if (!t.is_array() || t.size() != kScaleSize - 1)
      return Bad(f, "must list 4 probabilities separating the 5 likelihood levels");
    for (size_t i = 0; i < t.size(); ++i) {
      const std::string fi = f + "[" + std::to_string(i) + "]";
      if (!t[i].is_number() || !(t[i].get<double>() > 0 && t[i].get<double>() < 1))
        return Bad(fi, "must be a probability strictly between 0 and 1");
      p.likelihood_thresholds[i] = t[i].get<double>();
      if (i > 0 && p.likelihood_thresholds[i] <= p.likelihood_thresholds[i - 1]) return Bad(fi, "thresholds must increase");
    }
  }
  if (e.contains("review_trigger")) {
    const json& t = e["review_trigger"];
    const std::string tp = pre + "review_trigger.";
    if (!t.is_object()) return Bad(pre + "review_trigger", "must be an object");
    SRM_TRY(ReadInt(t, tp, "likelihood_step", 1, 4, &p.trigger_likelihood_step));
    SRM_TRY(ReadNumber(t, tp, "rate_ratio", 1, 1000, &p.trigger_rate_ratio));
    SRM_TRY(ReadInt(t, tp, "min_events", 0, 100000, &p.trigger_min_events));
  }
  if (e.contains("category_rules")) {
    const json& cr = e["category_rules"];
    if (!cr.is_object()) return Bad(pre + "category_rules", "must map a source vocabulary to a list of rules");
    for (auto it = cr.begin(); it != cr.end(); ++it) {
      const std::string vf = pre + "category_rules." + it.key();
      if (!it.value().is_array()) return Bad(vf, "must be an array of rules");
      std::vector<CategoryRule>& rules = p.category_rules[Lower(it.key())];
      for (size_t i = 0; i < it.value().size(); ++i) {
        const json& r = it.value()[i];
        const std::string rf = vf + "[" + std::to_string(i) + "]";
        if (!r.is_object()) return Bad(rf, "must be an object");
        for (auto k = r.begin(); k != r.end(); ++k)
          if (k.key() != "event_type" && k.key() != "sub_event_type" && k.key() != "actor_type" && k.key() != "category")
            return Bad(rf + "." + k.key(), "unknown key; rules match event_type, sub_event_type, actor_type");
        CategoryRule rule;
        SRM_TRY(ReadMatchList(r, rf + ".", "event_type", &rule.event_types));
        SRM_TRY(ReadMatchList(r, rf + ".", "sub_event_type", &rule.sub_event_types));
        SRM_TRY(ReadMatchList(r, rf + ".", "actor_type", &rule.actor_types));
        if (!r.contains("category")) return Bad(rf + ".category", "missing (null means context only, not counted)");
        if (!r["category"].is_null()) {
          if (!r["category"].is_string()) return Bad(rf + ".category", "must be a threat category key or null");
          rule.category = r["category"].get<std::string>();
          if (!IsThreatCategory(*m, rule.category))
            return Bad(rf + ".category", "unknown threat category '" + rule.category + "'");
        }
        rules.push_back(std::move(rule));
      }
    }
  }
  for (auto it = e.begin(); it != e.end(); ++it) {
    static const char* kKnown[] = {"windows_days", "half_life_days", "lookback_days", "recent_days", "baseline_days",
                                   "rising_ratio", "falling_ratio", "severity_days", "sra_period_days",
                                   "likelihood_thresholds", "review_trigger", "category_rules", "comment"};
    if (std::find(std::begin(kKnown), std::end(kKnown), it.key()) == std::end(kKnown))
      return Bad(pre + it.key(), "unknown key");
  }
  return {};
}

Result<MethodPack> Parse(const json& doc) {
  if (!doc.is_object()) return Bad("$", "must be a JSON object");
  MethodPack m;
  for (const char* key : {"version", "name"}) {
    if (!doc.contains(key) || !doc[key].is_string() || doc[key].get<std::string>().empty())
      return Bad(key, "must be a non-empty string");
  }
  m.version = doc["version"];
  m.name = doc["name"];
  if (m.version.size() > 64) return Bad("version", "must be at most 64 characters");
  SRM_TRY(ReadNames(doc, "likelihoods", &m.likelihoods));
  SRM_TRY(ReadNames(doc, "impacts", &m.impacts));
  SRM_TRY(ReadNames(doc, "risk_levels", &m.risk_levels));
  SRM_TRY(ReadNames(doc, "factor_descriptors", &m.factor_descriptors));

  if (!doc.contains("matrix") || !doc["matrix"].is_object()) return Bad("matrix", "must be an object keyed by likelihood");
  const json& mx = doc["matrix"];
  // Name the row at fault: a missing row first, then any row that is not a likelihood.
  for (int l = 0; l < kScaleSize; ++l) {
    const std::string row_field = "matrix." + m.likelihoods[l];
    if (!mx.contains(m.likelihoods[l])) return Bad(row_field, "row missing");
    const json& row = mx[m.likelihoods[l]];
    if (!row.is_array() || row.size() != kScaleSize) return Bad(row_field, "must list 5 risk levels, one per impact");
    for (int i = 0; i < kScaleSize; ++i) {
      SRM_ASSIGN(level, RiskIndexByName(m, row[i], row_field + "[" + std::to_string(i) + "]"));
      m.matrix[l][i] = level;
    }
  }
  for (auto it = mx.begin(); it != mx.end(); ++it)
    if (std::find(m.likelihoods.begin(), m.likelihoods.end(), it.key()) == m.likelihoods.end())
      return Bad("matrix." + it.key(), "not a likelihood: rows are keyed by likelihood name");
  // Risk must never fall as likelihood or impact rises: a matrix that does is a typing error.
  for (int l = 0; l < kScaleSize; ++l)
    for (int i = 0; i < kScaleSize; ++i) {
      if (i > 0 && m.matrix[l][i] < m.matrix[l][i - 1])
        return Bad("matrix." + m.likelihoods[l] + "[" + std::to_string(i) + "]", "risk falls as impact rises");
      if (l > 0 && m.matrix[l][i] < m.matrix[l - 1][i])
        return Bad("matrix." + m.likelihoods[l] + "[" + std::to_string(i) + "]", "risk falls as likelihood rises");
    }

  if (!doc.contains("threat_categories") || !doc["threat_categories"].is_array() || doc["threat_categories"].empty())
    return Bad("threat_categories", "must be a non-empty array");
  for (size_t i = 0; i < doc["threat_categories"].size(); ++i) {
    const json& c = doc["threat_categories"][i];
    const std::string f = "threat_categories[" + std::to_string(i) + "]";
    if (!c.is_object() || !c.contains("key") || !c["key"].is_string() || c["key"].get<std::string>().empty())
      return Bad(f + ".key", "must be a non-empty string");
    if (!c.contains("name") || !c["name"].is_string()) return Bad(f + ".name", "must be a string");
    if (c.contains("deliberate") && !c["deliberate"].is_boolean())
      return Bad(f + ".deliberate", "must be true or false");
    ThreatCategory tc{c["key"], c["name"], c.value("deliberate", true)};
    if (!tc.deliberate) tc.factors = {"frequency", "magnitude", "preparedness"};
    if (c.contains("factors")) {
      const json& fs = c["factors"];
      if (!fs.is_array() || fs.size() != 3) return Bad(f + ".factors", "must list 3 factor names, the inhibiting one last");
      for (size_t k = 0; k < 3; ++k) {
        // The API documents these names (src/api/openapi.json, Threat): a pack chooses among them.
        static const char* kKnown[] = {"intent", "capability", "inhibiting", "frequency", "magnitude", "preparedness"};
        if (!fs[k].is_string() ||
            std::find(std::begin(kKnown), std::end(kKnown), fs[k].get<std::string>()) == std::end(kKnown))
          return Bad(f + ".factors[" + std::to_string(k) + "]",
                     "must be one of intent, capability, inhibiting, frequency, magnitude, preparedness");
        tc.factors[k] = fs[k].get<std::string>();
        for (size_t j = 0; j < k; ++j)
          if (tc.factors[j] == tc.factors[k]) return Bad(f + ".factors[" + std::to_string(k) + "]", "duplicate factor");
      }
    }
    if (!tc.deliberate && std::find(tc.factors.begin(), tc.factors.end(), "intent") != tc.factors.end())
      return Bad(f + ".factors", "hazards have no actor and are not rated on intent");
    if (IsThreatCategory(m, tc.key)) return Bad(f + ".key", "duplicate category");
    m.threat_categories.push_back(std::move(tc));
  }
  for (const char* key : {"threat_formula", "overall_threat"})
    if (doc.contains(key) && !doc[key].is_string()) return Bad(key, "must be a string");
  m.threat_formula = doc.value("threat_formula", std::string("mean_inverted_inhibitor"));
  if (m.threat_formula != "mean_inverted_inhibitor" && m.threat_formula != "max_factor")
    return Bad("threat_formula", "must be mean_inverted_inhibitor or max_factor");
  m.overall_threat = doc.value("overall_threat", std::string("highest"));
  if (m.overall_threat != "highest") return Bad("overall_threat", "only 'highest' is supported");

  if (!doc.contains("pc_max_acceptable") || !doc["pc_max_acceptable"].is_object())
    return Bad("pc_max_acceptable", "must map PC1..PC4 to risk levels");
  for (int pc = 1; pc <= 4; ++pc) {
    const std::string key = "PC" + std::to_string(pc);
    const std::string f = "pc_max_acceptable." + key;
    if (!doc["pc_max_acceptable"].contains(key)) return Bad(f, "missing");
    SRM_ASSIGN(level, RiskIndexByName(m, doc["pc_max_acceptable"][key], f));
    m.pc_max_acceptable[pc - 1] = level;
  }
  for (int pc = 2; pc <= 4; ++pc)
    if (m.pc_max_acceptable[pc - 1] > m.pc_max_acceptable[pc - 2])
      return Bad("pc_max_acceptable.PC" + std::to_string(pc), "a less critical programme cannot accept more risk");
  for (auto [key, out] : {std::pair{"pc_assessment_from", &m.pc_assessment_from},
                          std::pair{"exec_approval_from", &m.exec_approval_from},
                          std::pair{"never_acceptable_from", &m.never_acceptable_from}}) {
    if (!doc.contains(key)) return Bad(key, "missing");
    SRM_ASSIGN(level, RiskIndexByName(m, doc[key], key));
    *out = level;
  }
  if (m.never_acceptable_from != kRiskLevels - 1)
    return Bad("never_acceptable_from", "must be the highest risk level: Unacceptable is never acceptable");
  if (m.pc_max_acceptable[0] >= m.never_acceptable_from)
    return Bad("pc_max_acceptable.PC1", "cannot accept a never-acceptable level");

  // Optional (packs written before risk acceptance keep the defaults: from High, 180 days).
  if (doc.contains("acceptance_from")) {
    SRM_ASSIGN(level, RiskIndexByName(m, doc["acceptance_from"], "acceptance_from"));
    if (level >= m.never_acceptable_from)
      return Bad("acceptance_from", "must be below the never-acceptable level");
    m.acceptance_from = level;
  } else {
    m.acceptance_from = std::min(m.pc_assessment_from, m.never_acceptable_from - 1);
  }
  if (doc.contains("acceptance_max_days")) {
    const auto& v = doc["acceptance_max_days"];
    if (!v.is_number_integer() || (v.is_number_unsigned() && v.get<uint64_t>() > 730) || v.get<int64_t>() < 1 ||
        v.get<int64_t>() > 730)
      return Bad("acceptance_max_days", "must be an integer between 1 and 730");
    m.acceptance_max_days = static_cast<int>(v.get<int64_t>());
  }
  if (!doc.contains("review_months") || !doc["review_months"].is_number_integer())
    return Bad("review_months", "must be an integer");
  // Range-checked as the 64-bit number it was sent as, then narrowed: read as an int, 2^32 + 1
  // would become 1 and pass.
  const bool huge = doc["review_months"].is_number_unsigned() && doc["review_months"].get<uint64_t>() > 60;
  const int64_t months = huge ? 0 : doc["review_months"].get<int64_t>();
  if (months < 1 || months > 60) return Bad("review_months", "must be between 1 and 60");
  m.review_months = static_cast<int>(months);
  // Optional (packs written before PC assessments expired keep the default: 12 months).
  if (doc.contains("pc_assessment_months")) {
    const auto& v = doc["pc_assessment_months"];
    if (!v.is_number_integer() || (v.is_number_unsigned() && v.get<uint64_t>() > 60) || v.get<int64_t>() < 1 ||
        v.get<int64_t>() > 60)
      return Bad("pc_assessment_months", "must be an integer between 1 and 60");
    m.pc_assessment_months = static_cast<int>(v.get<int64_t>());
  }
  if (doc.contains("separation_of_duties")) {
    if (!doc["separation_of_duties"].is_boolean()) return Bad("separation_of_duties", "must be true or false");
    m.separation_of_duties = doc["separation_of_duties"].get<bool>();
  }
  if (doc.contains("area_sra_conductor")) {
    const json& v = doc["area_sra_conductor"];
    if (!v.is_string() || v.get<std::string>().empty() || v.get<std::string>().size() > 64)
      return Bad("area_sra_conductor", "must be an organization code");
    m.area_sra_conductor = v.get<std::string>();
  }
  if (doc.contains("residual_justification")) {
    const json& v = doc["residual_justification"];
    if (!v.is_string() || (v != "measure_type" && v != "any_measure"))
      return Bad("residual_justification", "must be measure_type or any_measure");
    m.residual_justification = v.get<std::string>();
  }
  SRM_TRY(ReadFraction(doc, "budget_minimum_share", &m.budget_minimum_num, &m.budget_minimum_den));
  SRM_TRY(ReadFraction(doc, "budget_max_decrease", &m.budget_decrease_num, &m.budget_decrease_den));
  SRM_TRY(ReadStringList(doc, "triggers", &m.triggers));
  SRM_TRY(ReadStringList(doc, "moss_categories", &m.moss_categories));
  SRM_TRY(ReadStringList(doc, "situation_fields", &m.situation_fields));
  SRM_TRY(ParseEvidence(doc, &m));
  m.source_json = doc.dump();
  return m;
}

}  // namespace

Result<MethodPack> ParseMethodPack(std::string_view json_text) {
  // A pack may come from a file (srm method install), not only through the API's depth check.
  if (!DepthWithin(json_text))
    return Invalid("invalid_json", "method pack is nested deeper than " + std::to_string(kMaxJsonDepth) + " levels", "$");
  json doc = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return Invalid("invalid_json", "method pack is not valid JSON", "$");
  try {
    return Parse(doc);
  } catch (const json::exception& e) {  // a wrong type deep inside a value
    return Invalid("invalid_method_pack", std::string("method pack: ") + e.what(), "$");
  }
}

Result<int> ScaleIndexFromName(const std::array<std::string, kScaleSize>& names, std::string_view text,
                               const std::string& field) {
  const std::string want = Lower(text);
  for (int i = 0; i < kScaleSize; ++i)
    if (Lower(names[i]) == want) return i;
  // Digits given as a string ("3") are accepted like numbers.
  if (text.size() == 1 && text[0] >= '1' && text[0] <= '5') return text[0] - '1';
  std::string allowed;
  for (const auto& n : names) allowed += (allowed.empty() ? "" : ", ") + n;
  return Unprocessable("unknown_level", "unknown level '" + std::string(text) + "' for " + field +
                                            "; expected one of: " + allowed + " or 1-5",
                       field);
}

Result<int> ScaleIndexFromNumber(long long value, const std::string& field) {
  if (value < 1 || value > kScaleSize)
    return Unprocessable("out_of_range", field + " must be between 1 and 5", field);
  return static_cast<int>(value - 1);
}

int ThreatLevel(const MethodPack& m, int intent, int capability, int inhibiting) {
  if (m.threat_formula == "max_factor") return std::max({intent, capability, 6 - inhibiting});
  // round((intent + capability + (6 - inhibiting)) / 3), halves rounding up.
  const double mean = (intent + capability + (6 - inhibiting)) / 3.0;
  int level = static_cast<int>(std::floor(mean + 0.5));
  return std::clamp(level, 1, 5);
}

bool IsThreatCategory(const MethodPack& m, std::string_view key) {
  return std::any_of(m.threat_categories.begin(), m.threat_categories.end(),
                     [&](const ThreatCategory& c) { return c.key == key; });
}
const ThreatCategory* FindThreatCategory(const MethodPack& m, std::string_view key) {
  for (const auto& c : m.threat_categories)
    if (c.key == key) return &c;
  return nullptr;
}
bool IsMossCategory(const MethodPack& m, std::string_view key) {
  return std::find(m.moss_categories.begin(), m.moss_categories.end(), key) != m.moss_categories.end();
}
bool IsTrigger(const MethodPack& m, std::string_view key) {
  return std::find(m.triggers.begin(), m.triggers.end(), key) != m.triggers.end();
}

}  // namespace srm::domain
