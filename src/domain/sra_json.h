// JSON form of the SRA: what the API shows and what the store keeps. Input parsing is strict
// (types checked, unknown fields refused) and every error names the field at fault.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "domain/sra.h"

namespace srm::domain {

// The full document, with level names from `m` beside their 1-based scores.
nlohmann::json SraToJson(const MethodPack& m, const Sra& sra);
// Reads back a document written by SraToJson (trusted: from the store).
Result<Sra> SraFromJson(const nlohmann::json& doc);

// Applies the editable header fields present in `in` (title, scope, situation, programmes,
// threats) to `sra`. Fields absent from `in` are left as they are.
Status ApplySraInput(const MethodPack& m, const nlohmann::json& in, Sra* sra);
// Applies a scenario body to `s` (all fields present replace; absent ones stay).
Status ApplyScenarioInput(const MethodPack& m, const nlohmann::json& in, Scenario* s);

// Reads a likelihood/impact given as a name (case-insensitive) or 1..5.
Result<int> ScaleFromJson(const std::array<std::string, kScaleSize>& names, const nlohmann::json& v,
                          const std::string& field);

// Pack as JSON for GET /method (the installed document plus derived tables).
nlohmann::json MethodToJson(const MethodPack& m);

// A list of {path, before, after} between two JSON documents; objects compared key by key,
// arrays element by element.
nlohmann::json JsonDiff(const nlohmann::json& before, const nlohmann::json& after);

}  // namespace srm::domain
