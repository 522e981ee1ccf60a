#include "evidence/coverage.h"

#include <map>

namespace srm::evidence {

const std::vector<std::string>* BuiltinCoverage(std::string_view vocabulary) {
  // INCIDENT-FORMATS.md: ACLED records political violence, protests and riots (its "violence
  // against civilians" by unidentified actors is not a crime record); UCDP GED organized violence
  // with at least one death; AWSD every major attack on aid workers, criminals included. None
  // records natural or accidental hazards.
  static const std::map<std::string, std::vector<std::string>, std::less<>> kCoverage{
      {"acled", {"armed_conflict", "civil_unrest", "terrorism"}},
      {"awsd", {"armed_conflict", "civil_unrest", "crime", "terrorism"}},
      {"ucdp", {"armed_conflict"}},
  };
  auto it = kCoverage.find(vocabulary);
  return it == kCoverage.end() ? nullptr : &it->second;
}

std::vector<std::string> MappingCoverage(const ColumnMapping& m) {
  std::set<std::string> out;
  auto add = [&](const std::string& vocabulary) {
    if (const auto* builtin = BuiltinCoverage(vocabulary)) out.insert(builtin->begin(), builtin->end());
    else out.insert(m.covers.begin(), m.covers.end());
  };
  add(m.vocabulary);
  for (const auto& r : m.vocabulary_rules) add(r.vocabulary);
  return {out.begin(), out.end()};
}

}  // namespace srm::evidence
