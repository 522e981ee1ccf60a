// Issue 17, the images for slides over real HTTP on the test's store (SQLite, or PostgreSQL with
// SRM_TEST_PG_URL): the heatmaps as PNG and the area map as SVG and PNG, read back with
// independent readers (tests/export/png_reader.py decodes the PNG with zlib alone;
// svg_reader.py parses the SVG with xml.etree). The heatmap PNG is checked cell by cell against the
// SVG's geometry and colours; the area map's boundary lies within its viewBox and is painted in
// the colour of the SRA in force. The wrong person, another scope's area, another organization's
// SRA and bad parameters are refused; each image is in the access log.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

#include "complete_sra.h"
#include "domain/level_colors.h"
#include "export/reader_support.h"
#include "test_server.h"

namespace srm::testing {
namespace {

std::string Hex(uint32_t rgb) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%06x", rgb & 0xFFFFFFu);
  return buf;
}

class ImageExportTest : public SharedServerTest<ImageExportTest> {
 protected:
  static HttpResult Get(const std::string& path, const std::string& token) { return S().Call("GET", path, json(), token); }
  static std::string Header(const HttpResult& r, const char* name) {
    auto it = r.headers.find(name);
    return it == r.headers.end() ? std::string() : it->second;
  }
  static std::string Save(const HttpResult& r, const std::string& name) {
    const std::string path = (S().dir() / name).string();
    std::ofstream(path, std::ios::binary) << r.raw;
    return path;
  }
  static std::string SraOf(const std::string& area) {
    auto list = Get("/api/v1/sras?limit=500&area_id=" + area + "&status=published", T("auditor"));
    EXPECT_EQ(list.status, 200);
    for (const auto& it : list.body["items"])
      if (it["kind"] == "area") return it["id"];
    return "";
  }
  // The access-log entries of `kind` for the SRA (written off the request path: waits for them).
  static json AccessEntries(const std::string& sra_id, const std::string& format) {
    for (int i = 0; i < 150; ++i) {
      const auto log = Get("/api/v1/sras/" + sra_id + "/access-log?kind=export", T("auditor"));
      EXPECT_EQ(log.status, 200) << log.raw;
      json found = json::array();
      for (const auto& e : log.body["items"])
        if (e["format"] == format) found.push_back(e);
      if (!found.empty()) return found;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return json::array();
  }
  // Another user, with one grant.
  static std::string NewUser(const std::string& name, const std::string& org, const json& grant) {
    auto u = S().Call("POST", "/api/v1/users",
                      json{{"username", name}, {"password", "a-long-password-1"}, {"organization_id", org},
                           {"grants", json::array({grant})}},
                      T("admin"));
    EXPECT_EQ(u.status, 201) << u.raw;
    return S().Login(name, "a-long-password-1");
  }
};

TEST_F(ImageExportTest, HeatmapPngHasTheSvgsCellsInTheirLevelsColours) {
  const std::string id = SraOf("area_1");
  ASSERT_FALSE(id.empty());
  for (const char* kind : {"current", "residual"}) {
    const std::string q = std::string("?kind=") + kind;
    const auto svg = Get("/api/v1/sras/" + id + "/heatmap.svg" + q, T("sp"));
    ASSERT_EQ(svg.status, 200) << svg.raw;
    const json s = ReadSvg(Save(svg, std::string("hm-") + kind + ".svg"));
    const auto png = Get("/api/v1/sras/" + id + "/heatmap.png" + q, T("sp"));
    ASSERT_EQ(png.status, 200) << png.raw;
    EXPECT_EQ(Header(png, "Content-Type"), "image/png");
    // Each cell of the SVG (a 96x56 rect), sampled in the PNG 6 px inside its top-left corner at
    // the default scale 2: the PNG's colour there is the SVG's fill.
    std::string points;
    std::vector<std::pair<std::string, std::string>> expected;  // point, colour
    for (const auto& sh : s["shapes"]) {
      if (sh["tag"] != "rect" || sh["box"][2].get<double>() - sh["box"][0].get<double>() != 96) continue;
      const int x = static_cast<int>(sh["box"][0].get<double>() + 6) * 2, y = static_cast<int>(sh["box"][1].get<double>() + 6) * 2;
      const std::string pt = std::to_string(x) + "," + std::to_string(y);
      points += pt + " ";
      expected.emplace_back(pt, sh["fill"]);
    }
    ASSERT_EQ(expected.size(), 25u);
    const json p = ReadPng(Save(png, std::string("hm-") + kind + ".png"), points);
    EXPECT_EQ(p["width"], s["viewBox"][2].get<double>() * 2);
    EXPECT_EQ(p["height"], s["viewBox"][3].get<double>() * 2);
    for (const auto& [pt, colour] : expected) EXPECT_EQ(p["colours"][pt], colour) << kind << " at " << pt;
    // The top-right cell (most likely, most severe) is the top level's colour in the default pack;
    // the bottom-left the lowest's.
    EXPECT_EQ(p["colours"][expected[4].first], Hex(domain::LevelColorOf(domain::kRiskLevels - 1).fill));
    EXPECT_EQ(p["colours"][expected[20].first], Hex(domain::LevelColorOf(0).fill));
  }
  // scale=1 halves it; Arabic renders (right to left: the top-left cell is now the top level's).
  const auto small = Get("/api/v1/sras/" + id + "/heatmap.png?scale=1&lang=ar", T("sp"));
  ASSERT_EQ(small.status, 200) << small.raw;
  const json p1 = ReadPng(Save(small, "hm-ar.png"), "22,54");
  EXPECT_EQ(p1["width"], 646);
  EXPECT_EQ(p1["colours"]["22,54"], Hex(domain::LevelColorOf(domain::kRiskLevels - 1).fill));
  // Recorded in the access log as an export in PNG.
  const json entries = AccessEntries(id, "png");
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries[0]["kind"], "export");
}

TEST_F(ImageExportTest, HeatmapPngRefusesWhoMayNotReadAndBadParameters) {
  const std::string id = SraOf("area_1");
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(S().Call("GET", "/api/v1/sras/" + id + "/heatmap.png").status, 401);
  const std::string other_area = NewUser("sp_png_a2", "org_dss", {{"role", "security_professional"}, {"area_id", "area_2"}});
  EXPECT_EQ(Get("/api/v1/sras/" + id + "/heatmap.png", other_area).status, 403);
  EXPECT_EQ(Get("/api/v1/sras/sra_nope/heatmap.png", T("sp")).status, 404);
  for (const char* bad : {"kind=bogus", "scale=0", "scale=9", "scale=2.5", "scale=x", "lang=xx"}) {
    const auto r = Get("/api/v1/sras/" + id + "/heatmap.png?" + bad, T("sp"));
    EXPECT_EQ(r.status, 400) << bad;
  }
  // Another organization's specific SRA is not WFP finance's to read, nor to draw.
  const std::string unicef = NewUser("sp_png_unicef", "org_unicef", {{"role", "security_professional"}, {"country_id", "cty_carana"}});
  auto spec = S().Call("POST", "/api/v1/sras",
                       WithCompleteHeader(json{{"area_id", "area_2"}, {"kind", "specific"}, {"organization_id", "org_unicef"},
                                               {"mission_ref", "M-17p"}, {"title", "UNICEF mission"}}),
                       unicef);
  ASSERT_EQ(spec.status, 201) << spec.raw;
  const std::string spec_id = spec.body["id"];
  EXPECT_EQ(Get("/api/v1/sras/" + spec_id + "/heatmap.png", unicef).status, 200);
  EXPECT_EQ(Get("/api/v1/sras/" + spec_id + "/heatmap.png?kind=residual", T("finance")).status, 403);
}

TEST_F(ImageExportTest, AreaMapSvgDrawsTheBoundaryNeighboursIncidentsAndTheRiskColour) {
  // Incidents placed in area_1 at its office, through the import API.
  auto locs = S().app().store->ListLocations("area_1");
  ASSERT_TRUE(locs && !locs->empty());
  const auto& l = locs->front();
  std::string csv = "event_id_cnty,event_date,event_type,sub_event_type,inter1,country,admin1,location,latitude,"
                    "longitude,geo_precision,notes,fatalities\n";
  for (int i = 0; i < 5; ++i)
    csv += "MAP" + std::to_string(i) + ",2026-0" + std::to_string(i + 1) + "-10,Battles,Armed clash,1,Carana,,Town," +
           std::to_string(l.lat + 0.01 * i) + "," + std::to_string(l.lon) + ",1,,0\n";
  auto up = S().PostAs("/api/v1/incidents/import?areas=carana&file_name=map.csv", csv, "text/csv", TestServer::Auth(T("sp")));
  ASSERT_EQ(up.status, 202) << up.raw;
  for (int i = 0; i < 600; ++i) {
    auto r = Get("/api/v1/imports/" + up.body["id"].get<std::string>(), T("sp"));
    if (r.body["status"] != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const auto incidents = Get("/api/v1/areas/area_1/incidents?limit=500", T("sp"));
  ASSERT_EQ(incidents.status, 200);
  size_t with_point = 0;
  for (const auto& it : incidents.body["items"])
    if (!it.value("lat", json()).is_null()) ++with_point;
  ASSERT_GE(with_point, 5u);
  ASSERT_LE(incidents.body["total"].get<int>(), 500);

  const auto r = Get("/api/v1/areas/area_1/map.svg", T("sp"));
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(Header(r, "Content-Type"), "image/svg+xml");
  const json s = ReadSvg(Save(r, "map.svg"));
  const json& vb = s["viewBox"];
  json area;
  int neighbours = 0, dots = 0;
  for (const auto& sh : s["shapes"]) {
    if (sh["class"] == "area") area = sh;
    if (sh["class"] == "neighbour") ++neighbours;
    if (sh["class"] == "incident") ++dots;
  }
  ASSERT_FALSE(area.is_null()) << r.raw.substr(0, 2000);
  EXPECT_EQ(area["tag"], "path");
  EXPECT_GE(area["rings"].get<int>(), 1);
  EXPECT_GE(area["box"][0].get<double>(), vb[0].get<double>());
  EXPECT_GE(area["box"][1].get<double>(), vb[1].get<double>());
  EXPECT_LE(area["box"][2].get<double>(), vb[2].get<double>());
  EXPECT_LE(area["box"][3].get<double>(), vb[3].get<double>());
  EXPECT_GT(area["box"][2].get<double>() - area["box"][0].get<double>(), 100);  // drawn at a readable size
  EXPECT_GE(neighbours, 2);  // the demo's areas around Sanjar
  EXPECT_EQ(dots, static_cast<int>(with_point));
  // The colour of the overall residual risk of the SRA in force, as the area list gives it.
  const auto areas = Get("/api/v1/areas?with=risk", T("sp"));
  std::string level;
  for (const auto& a : areas.body["items"])
    if (a["id"] == "area_1" && a["overall_residual_risk"].is_string()) level = a["overall_residual_risk"];
  ASSERT_FALSE(level.empty());
  EXPECT_EQ(area["data"]["level"], level);
  const std::string title = s["title"];
  EXPECT_NE(title.find("Sanjar"), std::string::npos) << title;
  bool legend_names_risk = false;
  for (const auto& t : s["texts"])
    if (t.get<std::string>().find(level) != std::string::npos) legend_names_risk = true;
  EXPECT_TRUE(legend_names_risk);
  // The area's fill is a level colour of domain/level_colors.h (which one: the PNG test below).
  bool level_fill = false;
  for (const auto& c : domain::kLevelColors) level_fill = level_fill || area["fill"] == Hex(c.fill);
  EXPECT_TRUE(level_fill) << area["fill"];
  // French.
  const auto fr = Get("/api/v1/areas/area_1/map.svg?lang=fr", T("sp"));
  ASSERT_EQ(fr.status, 200);
  EXPECT_EQ(ReadSvg(Save(fr, "map-fr.svg"))["title"].get<std::string>().rfind("Carte de Sanjar", 0), 0u);
}

TEST_F(ImageExportTest, AreaMapPngDecodesWithTheAreaInItsColour) {
  const auto svg = Get("/api/v1/areas/area_1/map.svg", T("sp"));
  ASSERT_EQ(svg.status, 200);
  const json s = ReadSvg(Save(svg, "map2.svg"));
  std::string fill;
  for (const auto& sh : s["shapes"])
    if (sh["class"] == "area") fill = sh["fill"];
  ASSERT_EQ(fill.size(), 7u);
  const auto r = Get("/api/v1/areas/area_1/map.png?lang=ar", T("sp"));
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(Header(r, "Content-Type"), "image/png");
  const json p = ReadPng(Save(r, "map.png"));
  EXPECT_EQ(p["width"], 1600);
  EXPECT_EQ(p["height"], 1200);
  EXPECT_GT(p["distinct_sampled"].get<int>(), 5);  // not a blank image
  // The area's fill at 55% over the map's background (#f8fafc): the PNG holds it at its middle
  // horizontally, a little under the name.
  auto blend = [&](int shift) {
    const int src = std::stoi(fill.substr(1), nullptr, 16) >> shift & 0xff, bg = 0xf8fafc >> shift & 0xff;
    return src * 0.55 + bg * 0.45;
  };
  double box[4];
  for (const auto& sh : s["shapes"])
    if (sh["class"] == "area")
      for (int i = 0; i < 4; ++i) box[i] = sh["box"][i].get<double>();
  const int x = static_cast<int>((box[0] + box[2]) / 2 + 40) * 2, y = static_cast<int>((box[1] + box[3]) / 2 + 30) * 2;
  const std::string pt = std::to_string(x) + "," + std::to_string(y);
  const std::string got = ReadPng(Save(r, "map.png"), pt)["colours"][pt];
  const int g = std::stoi(got.substr(1), nullptr, 16);
  for (int shift : {16, 8, 0}) EXPECT_NEAR(g >> shift & 0xff, blend(shift), 2.5) << got << " vs " << fill;
}

TEST_F(ImageExportTest, AreaMapRefusesOutsideTheScopeAndBadParameters) {
  EXPECT_EQ(S().Call("GET", "/api/v1/areas/area_1/map.svg").status, 401);
  const std::string other = NewUser("sp_map_a2", "org_dss", {{"role", "security_professional"}, {"area_id", "area_2"}});
  EXPECT_EQ(Get("/api/v1/areas/area_1", other).status, 403);
  EXPECT_EQ(Get("/api/v1/areas/area_1/map.svg", other).status, 403);
  EXPECT_EQ(Get("/api/v1/areas/area_1/map.png", other).status, 403);
  EXPECT_EQ(Get("/api/v1/areas/area_2/map.svg", other).status, 200);
  EXPECT_EQ(Get("/api/v1/areas/area_nope/map.svg", T("sp")).status, 404);
  EXPECT_EQ(Get("/api/v1/areas/area_1/map.png?scale=7", T("sp")).status, 400);
  EXPECT_EQ(Get("/api/v1/areas/area_1/map.svg?lang=xx", T("sp")).status, 400);
  // An area with no SRA in force: drawn, without a level, the legend saying so.
  const std::string fresh = S().NewArea("Testville");
  const auto r = Get("/api/v1/areas/" + fresh + "/map.svg", T("admin"));
  ASSERT_EQ(r.status, 200) << r.raw;
  const json s = ReadSvg(Save(r, "map-fresh.svg"));
  bool says_none = false;
  for (const auto& t : s["texts"]) says_none = says_none || t.get<std::string>().find("No SRA in force") != std::string::npos;
  EXPECT_TRUE(says_none);
}

}  // namespace
}  // namespace srm::testing
