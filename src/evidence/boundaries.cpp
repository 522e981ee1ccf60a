#include "evidence/boundaries.h"

#include <cctype>
#include <nlohmann/json.hpp>

namespace srm::evidence {

std::string SafeId(std::string_view raw) {
  std::string out;
  for (char c : raw) {
    if (out.size() >= 64) break;
    out.push_back(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '_');
  }
  return out;
}

namespace {

// Coordinates `depth` arrays deep whose innermost arrays are positions of two or more numbers
// (Polygon: 2, MultiPolygon: 3). GEOS 3.11's GeoJSON reader dereferences a null pointer on an empty
// position, so nothing else may reach it.
bool Positions(const nlohmann::json& v, int depth) {
  if (!v.is_array()) return false;
  if (depth == 0) {
    if (v.size() < 2) return false;
    for (const auto& x : v)
      if (!x.is_number()) return false;
    return true;
  }
  for (const auto& x : v)
    if (!Positions(x, depth - 1)) return false;
  return true;
}

}  // namespace

Result<std::vector<BoundaryFeature>> ReadBoundaries(std::string_view text, const std::string& label) {
  using nlohmann::json;
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded()) return Invalid("invalid_json", label + ": not valid JSON", "file");
  // "type" of an object, "" when absent or not a string (json::value() would throw on a null).
  auto type_of = [](const json& o) {
    return o.contains("type") && o["type"].is_string() ? o["type"].get<std::string>() : std::string();
  };
  if (!doc.is_object() || type_of(doc) != "FeatureCollection" || !doc.contains("features") ||
      !doc["features"].is_array())
    return Invalid("invalid_geojson", label + ": not a GeoJSON FeatureCollection", "file");
  std::vector<BoundaryFeature> out;
  size_t i = 0;
  for (const json& f : doc["features"]) {
    ++i;
    if (!f.is_object() || !f.contains("geometry") || !f["geometry"].is_object()) continue;
    const json& g = f["geometry"];
    const std::string type = type_of(g);
    if (type != "Polygon" && type != "MultiPolygon") continue;
    if (!g.contains("coordinates") || !Positions(g["coordinates"], type == "Polygon" ? 2 : 3))
      return Invalid("invalid_geojson",
                     label + ": feature " + std::to_string(i) + ": coordinates must be rings of [longitude, latitude]",
                     "coordinates");
    // Read in place, never copied or dumped whole: a member nested very deep would exhaust the
    // stack of json's recursive copy and dump.
    static const json kNoProperties = json::object();
    const json& props = f.contains("properties") && f["properties"].is_object() ? f["properties"] : kNoProperties;
    auto str = [&](const char* k) {
      return props.contains(k) && props[k].is_string() ? props[k].get<std::string>() : std::string();
    };
    BoundaryFeature b;
    std::string code = str("_id");
    if (code.empty()) code = str("hasc");
    if (code.empty()) code = str("adm1_code");
    if (code.empty())
      return Invalid("invalid_geojson", label + ": feature " + std::to_string(i) + " has no _id/hasc code", "_id");
    b.shape.id = SafeId("adm1-" + code);
    b.shape.name = str("name");
    if (b.shape.name.empty()) b.shape.name = str("hasc").empty() ? code : str("hasc");
    b.country_name = str("admin");
    b.iso2 = str("iso_a2");
    b.iso3 = str("adm0_a3");
    for (const std::string& k : {b.country_name, b.iso2, b.iso3})
      if (!k.empty() && k != "-99") b.shape.country_keys.push_back(k);
    b.shape.geojson = json{{"type", type}, {"coordinates", g["coordinates"]}}.dump();  // depth checked above
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace srm::evidence
