#include "domain/scenario_evidence.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

namespace srm::domain {
namespace {

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  a = Trim(a);
  b = Trim(b);
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return Lower(x) == Lower(y); });
}

bool ContainsNoCase(std::string_view hay, std::string_view needle) {
  needle = Trim(needle);
  if (needle.empty()) return true;
  return std::search(hay.begin(), hay.end(), needle.begin(), needle.end(),
                     [](char x, char y) { return Lower(x) == Lower(y); }) != hay.end();
}

Status CheckList(const std::vector<std::string>& list, const std::string& field) {
  if (list.size() > kSelectorMaxEntries)
    return Invalid("too_many_entries", field + " takes at most " + std::to_string(kSelectorMaxEntries) + " entries", field);
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string f = field + "[" + std::to_string(i) + "]";
    if (Trim(list[i]).empty()) return Invalid("empty_value", f + " must not be empty", f);
    if (list[i].size() > kSelectorMaxLength)
      return Invalid("too_long", f + " is longer than " + std::to_string(kSelectorMaxLength) + " bytes", f);
    for (size_t j = 0; j < i; ++j)
      if (EqualsNoCase(list[i], list[j])) return Invalid("duplicate_value", f + " repeats " + field + "[" + std::to_string(j) + "]", f);
  }
  return {};
}

}  // namespace

bool Selects(const IncidentSelector& s, const IncidentText& in) {
  if (!s.event_types.empty() &&
      std::none_of(s.event_types.begin(), s.event_types.end(), [&](const std::string& t) {
        return EqualsNoCase(t, in.event_type) || EqualsNoCase(t, in.sub_event_type);
      }))
    return false;
  if (!s.actor_types.empty() && std::none_of(s.actor_types.begin(), s.actor_types.end(),
                                             [&](const std::string& t) { return EqualsNoCase(t, in.actor_type); }))
    return false;
  if (!s.keywords.empty() && std::none_of(s.keywords.begin(), s.keywords.end(), [&](const std::string& k) {
        return ContainsNoCase(in.notes, k) || ContainsNoCase(in.location, k) || ContainsNoCase(in.event_type, k) ||
               ContainsNoCase(in.sub_event_type, k) || ContainsNoCase(in.actor_type, k);
      }))
    return false;
  return true;
}

Status CheckSelector(const IncidentSelector& s, const std::string& field_prefix) {
  SRM_TRY(CheckList(s.event_types, field_prefix + "event_types"));
  SRM_TRY(CheckList(s.actor_types, field_prefix + "actor_types"));
  SRM_TRY(CheckList(s.keywords, field_prefix + "keywords"));
  return {};
}

Result<IncidentSelector> SelectorFromJson(const nlohmann::json& j, const std::string& field) {
  IncidentSelector s;
  if (j.is_null()) return s;
  if (!j.is_object()) return Invalid("invalid_type", field + " must be an object {event_types, actor_types, keywords}", field);
  for (auto it = j.begin(); it != j.end(); ++it)
    if (it.key() != "event_types" && it.key() != "actor_types" && it.key() != "keywords")
      return Invalid("unknown_field", field + "." + it.key() + " is not a field of the filter", field + "." + it.key());
  auto read = [&](const char* key, std::vector<std::string>* out) -> Status {
    if (!j.contains(key) || j[key].is_null()) return {};
    const std::string f = field + "." + key;
    if (!j[key].is_array()) return Invalid("invalid_type", f + " must be an array of strings", f);
    if (j[key].size() > kSelectorMaxEntries)
      return Invalid("too_many_entries", f + " takes at most " + std::to_string(kSelectorMaxEntries) + " entries", f);
    for (size_t i = 0; i < j[key].size(); ++i) {
      if (!j[key][i].is_string()) return Invalid("invalid_type", f + "[" + std::to_string(i) + "] must be a string", f + "[" + std::to_string(i) + "]");
      out->push_back(j[key][i].get<std::string>());
    }
    return {};
  };
  SRM_TRY(read("event_types", &s.event_types));
  SRM_TRY(read("actor_types", &s.actor_types));
  SRM_TRY(read("keywords", &s.keywords));
  SRM_TRY(CheckSelector(s, field + "."));
  return s;
}

nlohmann::json SelectorToJson(const IncidentSelector& s) {
  return {{"event_types", s.event_types}, {"actor_types", s.actor_types}, {"keywords", s.keywords}};
}

EvidenceVerdict JudgeEvidence(std::string_view category, const std::set<std::string>& covered_categories,
                              int64_t area_incidents_in_lookback) {
  if (!covered_categories.contains(std::string(category))) return {false, "no_source_covers_category"};
  if (area_incidents_in_lookback <= 0) return {false, "no_incidents_in_area"};
  return {true, "evidence_suggested"};
}

}  // namespace srm::domain
