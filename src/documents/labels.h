// The words of the SRA document in English, French and Arabic. The server has no message catalog
// of its own (the UI renders codes in the user's language), so the document carries its own: the
// words it shares with the UI are copied from the web catalogs (web_labels.inc), the rest are here.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace srm::documents {

enum class Language { kEn, kFr, kAr };

// "en", "fr" or "ar" (case-insensitive); nullopt otherwise.
std::optional<Language> LanguageFromCode(std::string_view code);
const char* LanguageCode(Language l);
// The first supported language of an Accept-Language header, by its q-values; English when none.
Language LanguageFromAcceptLanguage(std::string_view header);
inline bool RightToLeft(Language l) { return l == Language::kAr; }

// The text of `key` in `lang`; the key itself when unknown, so a missing label shows, not crashes.
std::string Label(Language lang, std::string_view key);
// `prefix` + `value` when the catalogs have it (e.g. "level." + "High"), else `value` as is: a pack
// may name its levels and categories in its own words, which the document then prints unchanged.
std::string Term(Language lang, std::string_view prefix, std::string_view value);
// Label(lang, key) with every "{name}" replaced by `value`.
std::string LabelWith(Language lang, std::string_view key, std::string_view name, std::string_view value);

}  // namespace srm::documents
