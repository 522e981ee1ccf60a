// Issue 18 (plain language): every answer names what it points at (api/reference_names.h)
// — people by their display name, SRAs by title, a budget line's measure by its description, an
// EGS decision by its area and window, countries by name — over real HTTP on both stores, and never
// names a record the reader may not open: that name is answered empty, as for a record that is gone.
// Naming is not reading: opening a budget writes no access-log entry for the SRAs its lines trace to.
#include <fstream>
#include <set>

#include "decisions_fixture.h"
#include "export/reader_support.h"
#include "export_rows.h"
#include "service/access_log.h"

namespace srm::testing {
namespace {

class ReferenceNamesTest : public DecisionsTest {
 protected:
  static std::string Title(const std::string& sra_id) {
    auto s = Get("/api/v1/sras/" + sra_id, "sp");
    EXPECT_EQ(s.status, 200) << s.raw;
    return s.body.value("title", "");
  }
  // The access-log entries of one user for an SRA (read by the auditor: never the user's own).
  static size_t AccessEntries(const std::string& sra_id, const std::string& user_id) {
    EXPECT_TRUE(S().app().access_log->Flush().has_value());
    auto log = Get("/api/v1/sras/" + sra_id + "/access-log?limit=500&user_id=" + user_id, "auditor");
    EXPECT_EQ(log.status, 200) << log.raw;
    return log.body["items"].size();
  }
  // A WFP member whose only grant is for area_7: reads WFP's own records (a clearance request
  // whose leg goes to area_1) but not area_1's SRA.
  static std::string WfpOutsideArea1() {
    const std::string key = "wfp_area7";
    if (!tokens_.contains(key)) {
      auto u = Post("/api/v1/users",
                    {{"username", key}, {"password", "Names test: 4 quiet owls at dusk"}, {"display_name", "Wanjiru Area Seven"},
                     {"organization_id", "org_wfp"},
                     {"grants", json::array({{{"role", "finance"}, {"country_id", "cty_carana"}, {"area_id", "area_7"}}})}},
                    "admin");
      EXPECT_EQ(u.status, 201) << u.raw;
      tokens_[key] = S().Login(key, "Names test: 4 quiet owls at dusk");
    }
    return key;
  }
};

TEST_F(ReferenceNamesTest, ALegNamesItsSraItsRequesterAndItsCountry) {
  auto r = Request("finance", {{"programme_id", "prg_1"}, {"legs", json::array({Leg("area_1", 5, 8)})}});
  ASSERT_EQ(r.status, 201) << r.raw;
  const std::string sra_id = r.body["legs"][0]["sra_id"];
  ASSERT_FALSE(sra_id.empty());
  const std::string title = Title(sra_id);
  ASSERT_FALSE(title.empty());
  // The creating answer, the record and the list all carry the names.
  EXPECT_EQ(r.body["legs"][0]["sra_title"], title);
  EXPECT_EQ(r.body["requested_by"]["display_name"], "Femi Finance");
  auto got = Get("/api/v1/clearances/" + r.body["id"].get<std::string>(), "finance");
  ASSERT_EQ(got.status, 200) << got.raw;
  EXPECT_EQ(got.body["legs"][0]["sra_title"], title);
  EXPECT_EQ(got.body["requested_by"]["username"], "finance");
  EXPECT_EQ(got.body["requested_by"]["display_name"], "Femi Finance");
  EXPECT_EQ(got.body["legs"][0]["country_name"], "Carana");
  auto list = Get("/api/v1/clearances?limit=200", "finance");
  ASSERT_EQ(list.status, 200) << list.raw;
  ASSERT_FALSE(list.body["items"].empty());
  for (const auto& req : list.body["items"]) {
    EXPECT_FALSE(req["requested_by"]["display_name"].get<std::string>().empty()) << req.dump();
    EXPECT_NE(req["requested_by"]["display_name"], req["requested_by"]["username"]) << req.dump();
  }
}

TEST_F(ReferenceNamesTest, ANameTheReaderMayNotOpenIsAnsweredEmptyNeverLeaked) {
  auto r = Request("finance", {{"programme_id", "prg_1"}, {"legs", json::array({Leg("area_1", 9, 11)})}});
  ASSERT_EQ(r.status, 201) << r.raw;
  const std::string sra_id = r.body["legs"][0]["sra_id"];
  const std::string title = Title(sra_id);
  const std::string outsider = WfpOutsideArea1();
  // The outsider reads its organization's request but may not open area_1's SRA ...
  auto got = Get("/api/v1/clearances/" + r.body["id"].get<std::string>(), outsider);
  ASSERT_EQ(got.status, 200) << got.raw;
  EXPECT_EQ(Get("/api/v1/sras/" + sra_id, outsider).status, 403);
  // ... so its title is not in the answer: the id is there, the name is empty.
  EXPECT_EQ(got.body["legs"][0]["sra_id"], sra_id);
  EXPECT_EQ(got.body["legs"][0]["sra_title"], "");
  EXPECT_EQ(got.raw.find(title), std::string::npos) << got.raw;
  // The same record read by someone who may open the SRA names it.
  EXPECT_EQ(Get("/api/v1/clearances/" + r.body["id"].get<std::string>(), "finance").body["legs"][0]["sra_title"], title);
}

TEST_F(ReferenceNamesTest, BudgetLinesNameTheirMeasureAndSraWithoutReadingTheSra) {
  auto list = Get("/api/v1/budgets", "sp");
  ASSERT_EQ(list.status, 200) << list.raw;
  ASSERT_FALSE(list.body["items"].empty()) << "the demo seeds the Carana budget";
  const json& summary = list.body["items"][0];
  EXPECT_EQ(summary["country_name"], "Carana");
  EXPECT_EQ(summary["drafted_by"]["display_name"], "Samir Security Professional");
  const std::string budget_id = summary["id"], sp_id = summary["drafted_by"]["id"];
  auto first = Get("/api/v1/budgets/" + budget_id, "sp");
  ASSERT_EQ(first.status, 200) << first.raw;
  ASSERT_FALSE(first.body["lines"].empty());
  std::set<std::string> sras;
  for (const auto& l : first.body["lines"]) sras.insert(l["sra_id"].get<std::string>());
  std::map<std::string, size_t> before;
  for (const auto& id : sras) before[id] = AccessEntries(id, sp_id);
  // Opening the budget and its list again: the SRAs are named, not read.
  auto b = Get("/api/v1/budgets/" + budget_id, "sp");
  ASSERT_EQ(b.status, 200) << b.raw;
  ASSERT_EQ(Get("/api/v1/budgets", "sp").status, 200);
  for (const auto& id : sras) EXPECT_EQ(AccessEntries(id, sp_id), before[id]) << "naming " << id << " read it";
  for (const auto& l : b.body["lines"]) {
    auto sra = Get("/api/v1/sras/" + l["sra_id"].get<std::string>(), "auditor");
    ASSERT_EQ(sra.status, 200) << sra.raw;
    EXPECT_EQ(l["sra_title"], sra.body["title"]);
    std::string description;
    for (const auto& sc : sra.body["scenarios"])
      for (const auto& m : sc["measures"])
        if (m["id"] == l["measure_id"]) description = m["description"];
    ASSERT_FALSE(description.empty()) << l.dump();
    EXPECT_EQ(l["measure_description"], description);
    EXPECT_FALSE(l["added_by"]["display_name"].get<std::string>().empty()) << l.dump();
  }
}

// The SRA document names who acted (history[].by_name, created_by_name) beside their usernames,
// also when a published version is answered from the kept read model; renaming someone changes
// the bytes of the next read, and so its ETag.
TEST_F(ReferenceNamesTest, TheSraDocumentNamesWhoActedAndFollowsARename) {
  const std::string id = PublishedSra("area_5", "Likely", "Severe");
  std::map<std::string, std::string> display, user_id;  // username -> display name, id
  auto users = Get("/api/v1/users?limit=500", "admin");
  ASSERT_EQ(users.status, 200) << users.raw;
  for (const auto& u : users.body["items"]) {
    display[u["username"]] = u["display_name"];
    user_id[u["username"]] = u["id"];
  }
  auto first = Get("/api/v1/sras/" + id, "auditor");
  ASSERT_EQ(first.status, 200) << first.raw;
  EXPECT_EQ(first.body["created_by"], "sp");
  EXPECT_EQ(first.body["created_by_name"], display["sp"]);
  ASSERT_GE(first.body["history"].size(), 4u);
  std::string approver;
  for (const auto& h : first.body["history"]) {
    const std::string by = h["by"];
    ASSERT_TRUE(display.contains(by)) << h.dump();
    EXPECT_EQ(h["by_name"], display[by]) << h.dump();
    EXPECT_NE(h["by_name"], by) << h.dump();
    if (h["action"] == "approve") approver = by;
  }
  ASSERT_EQ(approver, "dss");
  // Read again: the same bytes and the same ETag (the published version's kept view).
  auto again = Get("/api/v1/sras/" + id, "auditor");
  EXPECT_EQ(again.raw, first.raw);
  EXPECT_EQ(again.headers.find("ETag")->second, first.headers.find("ETag")->second);
  // The approver is renamed: the next read names them anew, with another ETag.
  const std::string before = display["dss"];
  auto renamed = S().Call("PUT", "/api/v1/users/" + user_id["dss"], json{{"display_name", "Dana Renamed Desk"}}, T("admin"));
  ASSERT_EQ(renamed.status, 200) << renamed.raw;
  auto after = Get("/api/v1/sras/" + id, "auditor");
  ASSERT_EQ(after.status, 200) << after.raw;
  bool named = false;
  for (const auto& h : after.body["history"])
    if (h["action"] == "approve") named = h["by_name"] == "Dana Renamed Desk";
  EXPECT_TRUE(named) << after.raw;
  EXPECT_NE(after.headers.find("ETag")->second, first.headers.find("ETag")->second);
  EXPECT_EQ(S().Call("PUT", "/api/v1/users/" + user_id["dss"], json{{"display_name", before}}, T("admin")).status, 200);
}

// The list files say who and where in words too (issue 18): a person by display name, a country
// and an organization by name, no id column but the record's own.
TEST_F(ReferenceNamesTest, ListExportsNamePeopleCountriesAndOrganizations) {
  auto r = Request("finance", {{"programme_id", "prg_1"}, {"legs", json::array({Leg("area_1", 15, 17)})}});
  ASSERT_EQ(r.status, 201) << r.raw;
  std::map<std::string, std::string> orgs;
  const auto org_list = Get("/api/v1/organizations", "finance");
  for (const auto& o : org_list.body["items"]) orgs[o["id"]] = o["name"];
  const std::string org_name = orgs[r.body["organization_id"].get<std::string>()];
  ASSERT_FALSE(org_name.empty()) << r.raw;
  for (const std::string format : {"csv", "xlsx"}) {
    auto file = Get("/api/v1/clearances?limit=500&format=" + format, "finance");
    ASSERT_EQ(file.status, 200) << file.raw.substr(0, 300);
    const std::string path = (S().dir() / ("names-clearances." + format)).string();
    std::ofstream(path, std::ios::binary) << file.raw;
    const json rows = format == "csv" ? ReadCsv(path)["records"] : ReadXlsx(path)["sheets"][0]["rows"];
    ASSERT_GE(rows.size(), 2u);
    const auto col = [&](const std::string& h) {
      for (size_t i = 0; i < rows[0].size(); ++i)
        if (rows[0][i] == h) return i;
      ADD_FAILURE() << "no column " << h << " in " << rows[0].dump();
      return size_t{0};
    };
    for (const auto& h : rows[0]) EXPECT_TRUE(h != "country_id" && h != "organization_id") << h;
    bool found = false;
    for (size_t i = 1; i < rows.size(); ++i) {
      if (rows[i][0] != r.body["id"]) continue;
      found = true;
      EXPECT_EQ(rows[i][col("requested_by")], "Femi Finance") << format;
      EXPECT_EQ(rows[i][col("country_name")], "Carana") << format;
      EXPECT_EQ(rows[i][col("organization_name")], org_name) << format;
    }
    EXPECT_TRUE(found) << format;
  }
  // The audit across SRAs: who acted by name, as the page shows them.
  auto page = Get("/api/v1/audit/sras?limit=20", "auditor");
  ASSERT_EQ(page.status, 200) << page.raw;
  auto csv = Get("/api/v1/audit/sras?limit=20&format=csv", "auditor");
  ASSERT_EQ(csv.status, 200) << csv.raw.substr(0, 300);
  const std::string path = (S().dir() / "names-audit.csv").string();
  std::ofstream(path, std::ios::binary) << csv.raw;
  const json rows = ReadCsv(path)["records"];
  ASSERT_GT(rows.size(), 1u);
  ASSERT_EQ(rows[0][2], "actor");
  std::map<std::string, std::string> name_of_seq;
  for (const auto& e : page.body["items"]) name_of_seq[std::to_string(e["seq"].get<int64_t>())] = e["actor_name"];
  size_t compared = 0;
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto it = name_of_seq.find(rows[i][0].get<std::string>());
    if (it == name_of_seq.end() || it->second.empty()) continue;
    EXPECT_EQ(rows[i][2], it->second);
    ++compared;
  }
  EXPECT_GT(compared, 0u);
}


// The file itself (csv and xlsx, read back independently) never names an SRA the reader may not
// open. WFP's activity decision in area_1 rests on area_1's SRA, an SRA of DSS (another
// organization); a WFP member whose grant is for area_7 reads WFP's activities and so that row, its
// own id there, but the SRA's title cell is empty and the title is nowhere in the file. A WFP member
// who may open that SRA finds its title in the same cell.
TEST_F(ReferenceNamesTest, AListFileLeavesEmptyTheTitleOfAnSraTheReaderMayNotOpen) {
  auto all = Get("/api/v1/activities?limit=500&area_id=area_1", "auditor");
  ASSERT_EQ(all.status, 200) << all.raw;
  std::string activity, sra_id;
  for (const auto& a : all.body["items"])
    if (a["organization_id"] == "org_wfp" && a["sra_id"].is_string() && activity.empty()) {
      activity = a["id"];
      sra_id = a["sra_id"];
    }
  ASSERT_FALSE(activity.empty()) << "the demo decides WFP's distribution in area_1: " << all.raw;
  auto sra = Get("/api/v1/sras/" + sra_id, "auditor");
  ASSERT_EQ(sra.status, 200) << sra.raw;
  const std::string title = sra.body["title"];
  ASSERT_FALSE(title.empty());
  EXPECT_NE(sra.body["organization_id"], "org_wfp");  // DSS's area SRA
  const std::string outsider = WfpOutsideArea1();
  EXPECT_EQ(Get("/api/v1/sras/" + sra_id, outsider).status, 403);
  for (const std::string format : {"csv", "xlsx"}) {
    auto file = Get("/api/v1/activities?limit=500&format=" + format, outsider);
    const json rows = ExportRows(S(), file, format);
    const json row = ExportRow(rows, activity);
    ASSERT_FALSE(row.is_null()) << format << ": WFP's own activity is in the file";
    EXPECT_EQ(ExportCell(row, 0), activity);
    EXPECT_EQ(ExportCell(row, ExportColumn(rows, "sra_title")), "") << format;
    EXPECT_EQ(rows.dump().find(title), std::string::npos) << format;
    if (format == "csv") EXPECT_EQ(file.raw.find(title), std::string::npos);
    // The positive control: finance (WFP, all of Carana) may open the SRA; the cell names it.
    const json theirs = ExportRows(S(), Get("/api/v1/activities?limit=500&format=" + format, "finance"), format);
    const json named = ExportRow(theirs, activity);
    ASSERT_FALSE(named.is_null()) << format;
    EXPECT_EQ(ExportCell(named, ExportColumn(theirs, "sra_title")), title) << format;
  }
}

}  // namespace
}  // namespace srm::testing
