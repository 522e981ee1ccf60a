// The words of the exports (sheet names, column headings) in English, French and Arabic: the
// ones the SRA document already has come from documents/labels.h (which copies the UI's terms),
// the export's own are here. `Word` falls back to documents::Label, so a key either list knows works.
#pragma once

#include <string>
#include <string_view>

#include "documents/labels.h"

namespace srm::exports {

using documents::Language;

std::string Word(Language lang, std::string_view key);

}  // namespace srm::exports
