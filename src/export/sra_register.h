// The SRA risk register as a workbook: one sheet per table of the assessment — the document
// (who, what, when, the marking), the scenarios (threat, vulnerability, likelihood, impact,
// current level, measures, residual level), the measures, the threat assessment and the
// acceptable risk per activity — and the country register (each area's SRA in force and its
// scenarios on one sheet). Words in the reader's language; levels coloured and written.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/sra.h"
#include "export/table.h"
#include "export/words.h"

namespace srm::exports {

// What the register names besides the SRA itself, resolved by the caller.
struct RegisterContext {
  Language lang = Language::kEn;
  std::string area_name, country_name;
  std::map<std::string, std::string> organizations;  // id -> name
  std::string requester;     // the display name of who asked for the file
  std::string generated_at;  // ISO timestamp
  std::string marking = "UN Restricted";
  std::string valid_until;   // "" when none
};

// Writes the sheets of one SRA (levels recomputed under `pack` beforehand: domain::Recompute).
Status WriteSraRegister(TableSink& out, const domain::MethodPack& pack, const domain::Sra& sra,
                        const RegisterContext& ctx);

// One area of a country register: its SRA in force, when it has one.
struct CountryArea {
  std::string area_id, area_name;
  const domain::Sra* sra = nullptr;  // null: no SRA in force
  const domain::MethodPack* pack = nullptr;
  std::string valid_until;
  bool current = false;
};
Status WriteCountryRegister(TableSink& out, const std::vector<CountryArea>& areas, const RegisterContext& ctx);

// The highest residual (and the current level beside it) among the scenarios an activity
// concerns — all of them when it names none — or the SRA's overall levels when none of those is
// rated: the basis the acceptable-risk rule is applied to (as GET /sras/{id} "acceptability").
struct AcceptabilityBasis {
  std::optional<int> residual, current;
};
AcceptabilityBasis BasisFor(const domain::Sra& s, const domain::ProgrammeAssessment& prog);

// "register-<area>-v<version>-<requester>.xlsx" with only [A-Za-z0-9._-] (others become '-').
std::string RegisterFileName(std::string_view kind, std::string_view area, int version, std::string_view requester,
                             std::string_view ext);

}  // namespace srm::exports
