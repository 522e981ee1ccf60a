#include "domain/method.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>

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

  if (!doc.contains("review_months") || !doc["review_months"].is_number_integer())
    return Bad("review_months", "must be an integer");
  m.review_months = doc["review_months"];
  if (m.review_months < 1 || m.review_months > 60) return Bad("review_months", "must be between 1 and 60");
  SRM_TRY(ReadStringList(doc, "triggers", &m.triggers));
  SRM_TRY(ReadStringList(doc, "moss_categories", &m.moss_categories));
  SRM_TRY(ReadStringList(doc, "situation_fields", &m.situation_fields));
  m.source_json = doc.dump();
  return m;
}

}  // namespace

Result<MethodPack> ParseMethodPack(std::string_view json_text) {
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
bool IsMossCategory(const MethodPack& m, std::string_view key) {
  return std::find(m.moss_categories.begin(), m.moss_categories.end(), key) != m.moss_categories.end();
}
bool IsTrigger(const MethodPack& m, std::string_view key) {
  return std::find(m.triggers.begin(), m.triggers.end(), key) != m.triggers.end();
}

}  // namespace srm::domain
