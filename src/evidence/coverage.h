// Which threat categories each incident source records (issue 14 finding 6). A source that does
// not record a category says nothing about it: zero crime events in ACLED (political violence and
// protest) or UCDP GED (organized violence with deaths) is not evidence that crime is unlikely.
// The built-in vocabularies declare their coverage here; a column mapping declares its own with
// "covers" (method/mappings/*.json), for rows of vocabularies that are not built in.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "evidence/formats.h"

namespace srm::evidence {

// The categories a built-in vocabulary ("acled", "awsd", "ucdp") records; nullptr for others.
const std::vector<std::string>* BuiltinCoverage(std::string_view vocabulary);

// The categories an import with this mapping records: the built-in coverage of each vocabulary
// its rows can use, and the mapping's own "covers" for the others. Sorted, without repeats.
std::vector<std::string> MappingCoverage(const ColumnMapping& m);

}  // namespace srm::evidence
