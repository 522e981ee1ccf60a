// A complete SRA for API tests: what SRM-METHOD.md §7a requires before an SRA leaves draft
// (situation, a rating or "not applicable" for every threat category of the default pack, scenarios
// each with vulnerability, measures where the current risk is above Low, residuals the measures
// justify). Tests that publish SRAs build them with these so their own assertions stay the point.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace srm::testing {

// Header fields (merge into a POST /sras or PUT /sras/{id} body) that complete everything but the
// scenarios: a situation analysis and the five default threat categories assessed.
inline nlohmann::json CompleteHeaderFields() {
  using nlohmann::json;
  return {{"situation", {{"political", "Fragile ceasefire; elections due next year."},
                         {"threat_actors", "Armed groups in the north; criminal gangs in the port."}}},
          {"threats", json::array({{{"category", "armed_conflict"}, {"intent", 3}, {"capability", 3}, {"inhibiting", 3}},
                                   {{"category", "terrorism"}, {"not_applicable", true},
                                    {"not_applicable_reason", "No terrorist group active in the area for five years."}},
                                   {{"category", "crime"}, {"intent", 4}, {"capability", 3}, {"inhibiting", 2}},
                                   {{"category", "civil_unrest"}, {"intent", 2}, {"capability", 2}, {"inhibiting", 3}},
                                   {{"category", "hazards"}, {"frequency", 3}, {"magnitude", 3}, {"preparedness", 2}}})}};
}

// Merges the complete header fields into `body` (fields `body` already has are kept).
inline nlohmann::json WithCompleteHeader(nlohmann::json body) {
  const nlohmann::json fields = CompleteHeaderFields();  // named: items() of a temporary would dangle
  for (auto it = fields.begin(); it != fields.end(); ++it)
    if (!body.contains(it.key())) body[it.key()] = it.value();
  return body;
}

// A scenario body with a prevention and a mitigation measure, so any rating and any residual not
// above the current risk is complete and justified.
inline nlohmann::json WithMeasures(nlohmann::json scenario) {
  using nlohmann::json;
  if (!scenario.contains("measures"))
    scenario["measures"] = json::array(
        {{{"type", "prevention"}, {"description", "Movement control and route planning"},
          {"moss_category", "coordination"}, {"cost_minor", 100000}, {"owner", "Security cell"}},
         {{"type", "mitigation"}, {"description", "Trauma kits and PEP kits in every vehicle"},
          {"moss_category", "medical"}, {"cost_minor", 200000}, {"owner", "Security cell"}}});
  return scenario;
}

}  // namespace srm::testing
