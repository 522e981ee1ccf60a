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

// The heading of a list export's column named by its API field (column_words.cpp): the field name
// itself in English (stable for scripts), translated in French and Arabic; the field name when no
// translation exists. HasColumnHeading: whether one does.
std::string ColumnHeading(Language lang, std::string_view field);
bool HasColumnHeading(std::string_view field);

}  // namespace srm::exports
