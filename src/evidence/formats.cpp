#include "evidence/formats.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

namespace srm::evidence {
namespace {

using nlohmann::json;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::unexpected<Error> Bad(const std::string& field, const std::string& why) {
  return Invalid("invalid_mapping", "column mapping: " + field + ": " + why, field);
}

// 64-bit FNV-1a, for the source id of rows that carry none.
uint64_t Fnv(uint64_t h, std::string_view s) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

bool ParseCount(std::string_view s, int32_t* out) {
  s = Trim(s);
  if (s.empty()) {
    *out = 0;
    return true;
  }
  // Some exports write counts as 3.0.
  double d;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec != std::errc() || p != s.data() + s.size() || !(d >= 0) || d > 1e6 || d != std::floor(d)) return false;
  *out = static_cast<int32_t>(d);
  return true;
}

bool ParseCoord(std::string_view s, double* out) {
  s = Trim(s);
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size() && std::isfinite(*out);
}

}  // namespace

std::string_view ShippedMapping(std::string_view name) {
  for (const auto& [n, text] : ShippedMappings())
    if (n == name) return text;
  return {};
}

std::string HeaderKey(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (char c : name) {
    if (c == ' ' || c == '_' || c == '-' || c == '.' || c == '\t') continue;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

const char* BuiltinFormatName(BuiltinFormat f) {
  switch (f) {
    case BuiltinFormat::kAwsd: return "awsd";
    case BuiltinFormat::kAcled: return "acled";
    case BuiltinFormat::kUcdp: return "ucdp";
  }
  return "";
}

ColumnMapping BuiltinMapping(BuiltinFormat f) {
  ColumnMapping m;
  switch (f) {
    case BuiltinFormat::kAwsd:
      m.name = m.vocabulary = "awsd";
      m.id = {"Incident ID"};
      m.year = "Year";
      m.month = "Month";
      m.day = "Day";
      m.latitude = "Latitude";
      m.longitude = "Longitude";
      m.country = "Country";
      m.admin1 = "Region";
      m.location = "City";
      m.event_type = "Means of attack";
      m.sub_event_type = "Attack context";
      m.actor_type = "Actor type";
      m.fatalities = {"Total killed"};
      m.aid_victims = {"Total affected"};
      m.un_victims = {"UN"};
      m.notes = "Details";
      break;
    case BuiltinFormat::kAcled:
      m.name = m.vocabulary = "acled";
      m.id = {"event_id_cnty"};
      m.date = "event_date";
      m.latitude = "latitude";
      m.longitude = "longitude";
      m.geo_precision = "geo_precision";
      m.country = "country";
      m.admin1 = "admin1";
      m.location = "location";
      m.event_type = "event_type";
      m.sub_event_type = "sub_event_type";
      m.actor_type = "inter1";
      m.fatalities = {"fatalities"};
      m.notes = "notes";
      break;
    case BuiltinFormat::kUcdp:
      m.name = m.vocabulary = "ucdp";
      m.id = {"id"};
      m.date = "date_start";
      m.latitude = "latitude";
      m.longitude = "longitude";
      m.geo_precision = "where_prec";
      m.points_unreliable_from = 6;  // 6 and 7: only the country is known
      m.country = "country";
      m.admin1 = "adm_1";
      m.location = "where_description";
      m.event_type = "type_of_violence";
      m.actor_type = "side_a";
      m.fatalities = {"best"};
      m.notes = "source_headline";
      break;
  }
  return m;
}

std::optional<BuiltinFormat> DetectFormat(const std::vector<std::string_view>& header) {
  std::vector<std::string> keys;
  for (auto h : header) keys.push_back(HeaderKey(h));
  auto has = [&](std::string_view k) { return std::find(keys.begin(), keys.end(), HeaderKey(k)) != keys.end(); };
  if (has("Incident ID") && has("Means of attack") && has("Year")) return BuiltinFormat::kAwsd;
  if (has("event_id_cnty") && has("event_date") && has("event_type")) return BuiltinFormat::kAcled;
  if (has("type_of_violence") && has("date_start") && has("best")) return BuiltinFormat::kUcdp;
  return std::nullopt;
}

Result<ColumnMapping> ParseColumnMapping(std::string_view json_text) {
  json doc = json::parse(json_text, nullptr, false);
  if (doc.is_discarded()) return Invalid("invalid_json", "column mapping is not valid JSON", "$");
  if (!doc.is_object()) return Bad("$", "must be a JSON object");
  ColumnMapping m;
  auto str = [&](const json& obj, const std::string& prefix, const char* key, std::string* out,
                 bool required) -> Status {
    if (!obj.contains(key)) {
      if (required) return Bad(prefix + key, "missing");
      return {};
    }
    if (!obj[key].is_string() || obj[key].get<std::string>().empty())
      return Bad(prefix + key, "must be a non-empty string");
    *out = obj[key].get<std::string>();
    if (out->size() > 200) return Bad(prefix + key, "must be at most 200 characters");
    return {};
  };
  auto list = [&](const json& obj, const std::string& prefix, const char* key,
                  std::vector<std::string>* out) -> Status {
    if (!obj.contains(key)) return {};
    const json& v = obj[key];
    if (v.is_string()) {
      if (v.get<std::string>().empty()) return Bad(prefix + key, "must not be empty");
      out->push_back(v.get<std::string>());
      return {};
    }
    if (!v.is_array()) return Bad(prefix + key, "must be a column name or an array of column names");
    for (size_t i = 0; i < v.size(); ++i) {
      if (!v[i].is_string() || v[i].get<std::string>().empty())
        return Bad(prefix + key + "[" + std::to_string(i) + "]", "must be a non-empty string");
      out->push_back(v[i].get<std::string>());
    }
    return {};
  };
  SRM_TRY(str(doc, "", "name", &m.name, true));
  SRM_TRY(str(doc, "", "vocabulary", &m.vocabulary, true));
  m.vocabulary = Lower(m.vocabulary);
  if (doc.contains("vocabulary_by")) {
    const json& vb = doc["vocabulary_by"];
    if (!vb.is_object()) return Bad("vocabulary_by", "must be an object {column, rules}");
    SRM_TRY(str(vb, "vocabulary_by.", "column", &m.vocabulary_column, true));
    if (!vb.contains("rules") || !vb["rules"].is_array() || vb["rules"].empty())
      return Bad("vocabulary_by.rules", "must be a non-empty array of {contains, vocabulary}");
    for (size_t i = 0; i < vb["rules"].size(); ++i) {
      const json& r = vb["rules"][i];
      const std::string f = "vocabulary_by.rules[" + std::to_string(i) + "].";
      if (!r.is_object()) return Bad(f.substr(0, f.size() - 1), "must be an object");
      VocabularyRule rule;
      SRM_TRY(str(r, f, "contains", &rule.contains, true));
      SRM_TRY(str(r, f, "vocabulary", &rule.vocabulary, true));
      rule.contains = Lower(rule.contains);
      rule.vocabulary = Lower(rule.vocabulary);
      m.vocabulary_rules.push_back(std::move(rule));
    }
  }
  if (!doc.contains("columns") || !doc["columns"].is_object()) return Bad("columns", "must be an object");
  const json& c = doc["columns"];
  const std::string p = "columns.";
  static const char* kKnown[] = {"id", "date", "year", "month", "day", "latitude", "longitude", "geo_precision",
                                 "country", "admin1", "location", "event_type", "sub_event_type", "actor_type",
                                 "fatalities", "aid_victims", "un_victims", "notes"};
  for (auto it = c.begin(); it != c.end(); ++it)
    if (std::find(std::begin(kKnown), std::end(kKnown), it.key()) == std::end(kKnown))
      return Bad(p + it.key(), "unknown key");
  SRM_TRY(list(c, p, "id", &m.id));
  SRM_TRY(str(c, p, "date", &m.date, false));
  SRM_TRY(str(c, p, "year", &m.year, false));
  SRM_TRY(str(c, p, "month", &m.month, false));
  SRM_TRY(str(c, p, "day", &m.day, false));
  if (m.date.empty() && m.year.empty()) return Bad(p + "date", "name a date column, or year (with month and day)");
  if (!m.date.empty() && !m.year.empty()) return Bad(p + "year", "give either date or year/month/day, not both");
  SRM_TRY(str(c, p, "latitude", &m.latitude, false));
  SRM_TRY(str(c, p, "longitude", &m.longitude, false));
  if (m.latitude.empty() != m.longitude.empty()) return Bad(p + (m.latitude.empty() ? "latitude" : "longitude"), "latitude and longitude go together");
  SRM_TRY(str(c, p, "geo_precision", &m.geo_precision, false));
  SRM_TRY(str(c, p, "country", &m.country, false));
  SRM_TRY(str(c, p, "admin1", &m.admin1, false));
  SRM_TRY(str(c, p, "location", &m.location, false));
  SRM_TRY(str(c, p, "event_type", &m.event_type, true));
  SRM_TRY(str(c, p, "sub_event_type", &m.sub_event_type, false));
  SRM_TRY(str(c, p, "actor_type", &m.actor_type, false));
  SRM_TRY(list(c, p, "fatalities", &m.fatalities));
  SRM_TRY(list(c, p, "aid_victims", &m.aid_victims));
  SRM_TRY(list(c, p, "un_victims", &m.un_victims));
  SRM_TRY(str(c, p, "notes", &m.notes, false));
  if (doc.contains("covers")) {
    if (!doc["covers"].is_array()) return Bad("covers", "must be an array of threat category keys");
    SRM_TRY(list(doc, "", "covers", &m.covers));
  }
  if (m.latitude.empty() && m.admin1.empty() && m.country.empty())
    return Bad(p + "latitude", "name coordinates or country/admin1 columns: incidents must be placeable");
  if (doc.contains("date_order")) {
    if (!doc["date_order"].is_string()) return Bad("date_order", "must be auto, dmy or mdy");
    const std::string o = doc["date_order"];
    if (o == "auto") m.date_order = DateOrder::kAuto;
    else if (o == "dmy") m.date_order = DateOrder::kDayMonth;
    else if (o == "mdy") m.date_order = DateOrder::kMonthDay;
    else return Bad("date_order", "must be auto, dmy or mdy");
  }
  if (doc.contains("points_unreliable_from")) {
    // Range-checked as sent (64-bit), then narrowed: read as an int, 2^32 + 1 would become 1.
    const json& from = doc["points_unreliable_from"];
    constexpr int64_t kMaxPrecisionCode = 1000;  // precision codes are single digits in every layout
    if (!from.is_number_integer() || (from.is_number_unsigned() && from.get<uint64_t>() > kMaxPrecisionCode) ||
        from.get<int64_t>() < 0 || from.get<int64_t>() > kMaxPrecisionCode)
      return Bad("points_unreliable_from", "must be an integer from 0 to 1000 (0 = always use coordinates)");
    m.points_unreliable_from = static_cast<int>(from.get<int64_t>());
  }
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    static const char* kTop[] = {"name", "vocabulary", "vocabulary_by", "columns", "date_order",
                                 "points_unreliable_from", "description", "attribution", "covers"};
    if (std::find(std::begin(kTop), std::end(kTop), it.key()) == std::end(kTop)) return Bad(it.key(), "unknown key");
  }
  return m;
}

// ---- categories ----

CategoryMapper::CategoryMapper(const domain::EvidenceParams& params) : params_(params) {}

CategoryMapper::Outcome CategoryMapper::Map(std::string_view vocabulary, std::string_view event_type,
                                            std::string_view sub_event_type, std::string_view actor_type) const {
  auto it = params_.category_rules.find(std::string(vocabulary));
  if (it == params_.category_rules.end()) return {};
  thread_local std::string e, s, a;
  auto lower_trim = [](std::string_view in, std::string* out) {
    in = Trim(in);
    out->assign(in);
    for (char& ch : *out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  };
  lower_trim(event_type, &e);
  lower_trim(sub_event_type, &s);
  lower_trim(actor_type, &a);
  auto matches = [](const std::vector<std::string>& any_of, const std::string& v) {
    return any_of.empty() || std::find(any_of.begin(), any_of.end(), v) != any_of.end();
  };
  for (const domain::CategoryRule& r : it->second)
    if (matches(r.event_types, e) && matches(r.sub_event_types, s) && matches(r.actor_types, a))
      return {r.category, true};
  return {};
}

// ---- binding and conversion ----

Result<BoundLayout> BoundLayout::Bind(const ColumnMapping& m, const std::vector<std::string_view>& header) {
  BoundLayout b;
  b.m_ = m;
  b.header_size_ = header.size();
  std::unordered_map<std::string, int> pos;
  for (size_t i = 0; i < header.size(); ++i) {
    b.header_names_.emplace_back(Utf8Prefix(header[i], 80));
    pos.emplace(HeaderKey(header[i]), static_cast<int>(i));  // the first of duplicate names wins
  }
  auto find = [&](const std::string& column, const char* key, int* out) -> Status {
    if (column.empty()) return {};
    auto it = pos.find(HeaderKey(column));
    if (it == pos.end())
      return Invalid("missing_column",
                     "the file has no column '" + column + "' (" + m.name + " layout, " + key + ")", column);
    *out = it->second;
    return {};
  };
  auto find_all = [&](const std::vector<std::string>& cols, const char* key, std::vector<int>* out) -> Status {
    for (const auto& col : cols) {
      int i = -1;
      SRM_TRY(find(col, key, &i));
      out->push_back(i);
    }
    return {};
  };
  // Id columns are tried in order; those absent from this file are skipped, not refused.
  for (const auto& col : m.id)
    if (auto it = pos.find(HeaderKey(col)); it != pos.end()) b.id_.push_back(it->second);
  SRM_TRY(find(m.date, "date", &b.date_));
  SRM_TRY(find(m.year, "year", &b.year_));
  // Month/Day may be absent in some exports: then the year alone dates the row.
  if (!m.month.empty()) if (auto it = pos.find(HeaderKey(m.month)); it != pos.end()) b.month_ = it->second;
  if (!m.day.empty()) if (auto it = pos.find(HeaderKey(m.day)); it != pos.end()) b.day_ = it->second;
  SRM_TRY(find(m.latitude, "latitude", &b.lat_));
  SRM_TRY(find(m.longitude, "longitude", &b.lon_));
  if (!m.geo_precision.empty())
    if (auto it = pos.find(HeaderKey(m.geo_precision)); it != pos.end()) b.geo_precision_ = it->second;
  SRM_TRY(find(m.country, "country", &b.country_));
  if (!m.admin1.empty()) if (auto it = pos.find(HeaderKey(m.admin1)); it != pos.end()) b.admin1_ = it->second;
  if (!m.location.empty()) if (auto it = pos.find(HeaderKey(m.location)); it != pos.end()) b.location_ = it->second;
  SRM_TRY(find(m.event_type, "event_type", &b.event_type_));
  if (!m.sub_event_type.empty())
    if (auto it = pos.find(HeaderKey(m.sub_event_type)); it != pos.end()) b.sub_event_type_ = it->second;
  if (!m.actor_type.empty())
    if (auto it = pos.find(HeaderKey(m.actor_type)); it != pos.end()) b.actor_type_ = it->second;
  SRM_TRY(find_all(m.fatalities, "fatalities", &b.fatalities_));
  // Victim columns drift between export years: the ones present are summed.
  for (const auto& col : m.aid_victims)
    if (auto it = pos.find(HeaderKey(col)); it != pos.end()) b.aid_victims_.push_back(it->second);
  for (const auto& col : m.un_victims)
    if (auto it = pos.find(HeaderKey(col)); it != pos.end()) b.un_victims_.push_back(it->second);
  if (!m.notes.empty()) if (auto it = pos.find(HeaderKey(m.notes)); it != pos.end()) b.notes_ = it->second;
  SRM_TRY(find(m.vocabulary_column, "vocabulary_by.column", &b.vocabulary_column_));
  return b;
}

bool BoundLayout::Convert(const std::vector<std::string_view>& f, int64_t line, const CategoryMapper& categories,
                          int32_t max_day, Incident* out, RefusedRow* refused) const {
  auto refuse = [&](int column, std::string why) {
    refused->line = line;
    refused->field = column >= 0 && static_cast<size_t>(column) < header_names_.size() ? header_names_[column] : "";
    refused->reason = std::move(why);
    return false;
  };
  if (f.size() != header_size_)
    return refuse(-1, "expected " + std::to_string(header_size_) + " fields, found " + std::to_string(f.size()) +
                          (f.size() < header_size_ ? " (truncated line?)" : ""));
  auto at = [&](int i) -> std::string_view {
    return i >= 0 && static_cast<size_t>(i) < f.size() ? Trim(f[static_cast<size_t>(i)]) : std::string_view();
  };
  Incident& inc = *out;
  inc = Incident{};
  inc.line = line;
  // Vocabulary.
  inc.source = m_.vocabulary;
  if (vocabulary_column_ >= 0) {
    std::string v(at(vocabulary_column_));
    for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto& r : m_.vocabulary_rules)
      if (v.find(r.contains) != std::string::npos) {
        inc.source = r.vocabulary;
        break;
      }
  }
  // Date.
  ParsedDate d;
  std::string why;
  if (date_ >= 0) {
    if (!ParseDate(at(date_), m_.date_order, &d, &why)) return refuse(date_, why);
  } else if (!DateFromParts(at(year_), at(month_), at(day_), &d, &why)) {
    return refuse(year_, why);
  }
  if (d.day > max_day) return refuse(date_ >= 0 ? date_ : year_, "date " + FormatDay(d.day) + " is in the future");
  inc.day = d.day;
  inc.date_precision = static_cast<uint8_t>(d.precision);
  // Coordinates.
  if (lat_ >= 0) {
    std::string_view la = at(lat_), lo = at(lon_);
    if (!la.empty() || !lo.empty()) {
      if (la.empty()) return refuse(lat_, "latitude is empty while longitude is given");
      if (lo.empty()) return refuse(lon_, "longitude is empty while latitude is given");
      double lat, lon;
      if (!ParseCoord(la, &lat)) return refuse(lat_, "latitude '" + Utf8Prefix(la, 40) + "' is not a number");
      if (!ParseCoord(lo, &lon)) return refuse(lon_, "longitude '" + Utf8Prefix(lo, 40) + "' is not a number");
      if (lat < -90 || lat > 90) return refuse(lat_, "latitude " + std::string(la) + " is outside -90..90");
      if (lon < -180 || lon > 180) return refuse(lon_, "longitude " + std::string(lo) + " is outside -180..180");
      bool usable = !(lat == 0 && lon == 0);  // 0,0 is a placeholder, not a place
      if (usable && geo_precision_ >= 0 && m_.points_unreliable_from > 0) {
        int32_t prec = 0;
        if (ParseCount(at(geo_precision_), &prec) && prec >= m_.points_unreliable_from) usable = false;
      }
      if (usable) {
        inc.has_point = true;
        inc.lat = lat;
        inc.lon = lon;
      } else {
        inc.placement_note = lat == 0 && lon == 0 ? "coordinates 0,0 ignored" : "coordinates only locate the country";
      }
    }
  }
  inc.country = std::string(at(country_));
  inc.admin1 = std::string(at(admin1_));
  inc.location = Utf8Prefix(at(location_), 200);
  inc.event_type = Utf8Prefix(at(event_type_), 200);
  inc.sub_event_type = Utf8Prefix(at(sub_event_type_), 200);
  inc.actor_type = Utf8Prefix(at(actor_type_), 200);
  if (inc.event_type.empty()) return refuse(event_type_, "event type is empty");
  auto sum = [&](const std::vector<int>& cols, int32_t* total) -> bool {
    *total = 0;
    for (int c : cols) {
      int32_t v;
      if (!ParseCount(at(c), &v)) {
        refuse(c, "'" + Utf8Prefix(at(c), 40) + "' is not a whole number of people");
        return false;
      }
      if (v > INT32_MAX - *total) {  // many summed columns: refused, never wrapped
        refuse(c, "the columns add up to more people than can be counted");
        return false;
      }
      *total += v;
    }
    return true;
  };
  if (!sum(fatalities_, &inc.fatalities) || !sum(aid_victims_, &inc.aid_victims) || !sum(un_victims_, &inc.un_victims))
    return false;
  if (notes_ >= 0) inc.notes = Utf8Prefix(at(notes_), 2000, /*one_line=*/false);
  // Source id: the first non-empty id column, else a hash of what identifies the event.
  for (int i : id_) {
    std::string_view v = at(i);
    if (!v.empty()) {
      if (v.size() > 120) return refuse(i, "id is longer than 120 characters");
      inc.source_id = std::string(v);
      break;
    }
  }
  if (inc.source_id.empty()) {
    uint64_t h = 1469598103934665603ull;
    h = Fnv(h, std::to_string(inc.day));
    for (int c : {lat_, lon_, country_, admin1_, location_, event_type_, sub_event_type_, actor_type_, notes_}) {
      h = Fnv(h, at(c));
      h = Fnv(h, "\x1f");
    }
    char buf[24];
    std::snprintf(buf, sizeof buf, "h%016llx", static_cast<unsigned long long>(h));
    inc.source_id = buf;
  }
  const CategoryMapper::Outcome cat = categories.Map(inc.source, inc.event_type, inc.sub_event_type, inc.actor_type);
  inc.category = cat.category;
  inc.mapped = cat.mapped;
  return true;
}

}  // namespace srm::evidence
