// Issue 15, the money tables as files (?format=csv|xlsx) over real HTTP on the demo data, on
// SQLite and (SRM_TEST_PG_URL) PostgreSQL: the catalog, the price lists and a list's prices, the
// budgets, a budget's lines and apportionment, the agreements and an agreement's report. Each file
// is read back with the independent readers (tests/export/*.py: unzip + XML, the csv module) and
// compared with the JSON answer of the same reader. The read rules hold for the files: a finance
// officer gets the totals and its own organization's share, never the lines nor other shares.
#include <filesystem>
#include <fstream>

#include "core/calendar.h"
#include "core/clock.h"
#include "export/reader_support.h"
#include "test_server.h"

namespace srm::testing {
namespace {


class MoneyExportTest : public SharedServerTest<MoneyExportTest> {
 protected:
  static std::string Header(const HttpResult& r, const char* name) {
    auto it = r.headers.find(name);
    return it == r.headers.end() ? std::string() : it->second;
  }
  static std::string Save(const HttpResult& r, const std::string& name) {
    const std::string path = (S().dir() / name).string();
    std::ofstream(path, std::ios::binary) << r.raw;
    return path;
  }
  // The csv's records and the xlsx's first sheet's rows, each checked to be the same table.
  static json Both(const std::string& path, const std::string& tok, const std::string& name) {
    const std::string sep = path.find('?') == std::string::npos ? "?" : "&";
    const auto csv = Get(path + sep + "format=csv", tok);
    EXPECT_EQ(csv.status, 200) << path << " " << csv.raw.substr(0, 300);
    if (csv.status != 200) return json::array();
    EXPECT_EQ(Header(csv, "Content-Type"), "text/csv; charset=utf-8");
    const json records = ReadCsv(Save(csv, name + ".csv"))["records"];
    const auto xlsx = Get(path + sep + "format=xlsx", tok);
    EXPECT_EQ(xlsx.status, 200) << path << " " << xlsx.raw.substr(0, 300);
    EXPECT_EQ(Header(xlsx, "Content-Type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const json book = ReadXlsx(Save(xlsx, name + ".xlsx"));
    EXPECT_EQ(book["sheets"].size(), 1u);
    const json& rows = book["sheets"][0]["rows"];
    EXPECT_EQ(rows.size(), records.size()) << path;
    if (!rows.empty() && !records.empty()) EXPECT_EQ(rows[0], records[0]) << path;  // the same headings
    return records;
  }
  static size_t Col(const json& records, const std::string& heading) {
    for (size_t i = 0; i < records[0].size(); ++i)
      if (records[0][i] == heading) return i;
    ADD_FAILURE() << "no column " << heading;
    return 0;
  }
  static std::string NewUser(const std::string& name, const std::string& org, const json& grants) {
    auto u = S().Call("POST", "/api/v1/users",
                      json{{"username", name}, {"password", kPassword}, {"display_name", name},
                           {"organization_id", org}, {"grants", grants}},
                      T("admin"));
    EXPECT_EQ(u.status, 201) << u.raw;
    return S().Login(name, kPassword);
  }
  static std::string DemoBudget() {
    auto list = Get("/api/v1/budgets?country_id=cty_carana", T("cell"));
    EXPECT_EQ(list.status, 200) << list.raw;
    for (const auto& b : list.body["items"])
      if (b["line_count"].get<int>() > 1) return b["id"];
    ADD_FAILURE() << "no demo budget with lines: " << list.raw;
    return "";
  }
};

TEST_F(MoneyExportTest, TheCatalogAndThePriceListsAreTheirJsonLists) {
  auto list = Get("/api/v1/services?limit=500", T("finance"));
  ASSERT_EQ(list.status, 200) << list.raw;
  const json services = Both("/api/v1/services", T("finance"), "services");
  ASSERT_EQ(services.size(), list.body["items"].size() + 1);
  EXPECT_EQ(services[0][0], "id");
  const size_t code = Col(services, "code"), provider = Col(services, "provider");
  for (size_t i = 0; i < list.body["items"].size(); ++i) {
    EXPECT_EQ(services[i + 1][code], list.body["items"][i]["code"]);
    EXPECT_EQ(services[i + 1][provider], list.body["items"][i]["provider"]);
  }
  // The filter of the list filters the file.
  const std::string one = list.body["items"][0]["code"];
  EXPECT_EQ(Both("/api/v1/services?code=" + one, T("finance"), "one-service").size(), 2u);

  auto lists = Get("/api/v1/price-lists?status=published", T("sp"));
  ASSERT_EQ(lists.status, 200);
  ASSERT_GE(lists.body["items"].size(), 2u);  // this year's and next year's
  const json pl = Both("/api/v1/price-lists?status=published", T("sp"), "price-lists");
  ASSERT_EQ(pl.size(), lists.body["items"].size() + 1);
  const size_t status = Col(pl, "status");
  for (size_t i = 1; i < pl.size(); ++i) EXPECT_EQ(pl[i][status], "published");

  // A list's prices: one row per service, the integer minor units as numbers.
  const std::string id = lists.body["items"][0]["id"];
  auto doc = Get("/api/v1/price-lists/" + id, T("sp"));
  ASSERT_EQ(doc.status, 200);
  const json prices = Both("/api/v1/price-lists/" + id, T("sp"), "prices");
  ASSERT_EQ(prices.size(), doc.body["items"].size() + 1);
  const size_t svc = Col(prices, "service_code"), minor = Col(prices, "unit_price_minor"), cur = Col(prices, "currency");
  for (size_t i = 0; i < doc.body["items"].size(); ++i) {
    EXPECT_EQ(prices[i + 1][svc], doc.body["items"][i]["service_code"]);
    EXPECT_EQ(std::stoll(prices[i + 1][minor].get<std::string>()), doc.body["items"][i]["unit_price_minor"].get<int64_t>());
    EXPECT_EQ(prices[i + 1][cur], doc.body["currency"]);
  }
  // format=json is the JSON answer; a bad format is refused by name.
  EXPECT_EQ(Get("/api/v1/price-lists/" + id + "?format=json", T("sp")).body["id"], id);
  for (const std::string& path : std::vector<std::string>{"/api/v1/services", "/api/v1/price-lists",
                                                          "/api/v1/price-lists/" + id, "/api/v1/budgets", "/api/v1/slas"}) {
    auto bad = Get(path + "?format=pdf", T("auditor"));
    EXPECT_EQ(bad.status, 400) << path;
    EXPECT_EQ(bad.Field(), "format") << path;
  }
  EXPECT_EQ(Get("/api/v1/price-lists/prl_nope?format=csv", T("sp")).status, 404);
  EXPECT_EQ(Get("/api/v1/services?format=csv", "").status, 401);
}

TEST_F(MoneyExportTest, ADraftPriceListIsExportedOnlyByWhoMayReadIt) {
  auto draft = S().Call("POST", "/api/v1/price-lists",
                        json{{"year", 2091},
                             {"currency", "USD"},
                             {"items", json::array({json{{"service_code", "SVC-CLR-01"}, {"unit_price_minor", 4501}}})}},
                        S().Login("gov"));
  ASSERT_EQ(draft.status, 201) << draft.raw;
  const std::string id = draft.body["id"];
  EXPECT_EQ(Get("/api/v1/price-lists/" + id + "?format=csv", T("sp")).status, 404);  // a draft is not theirs
  const json rows = Both("/api/v1/price-lists/" + id, S().Login("gov2"), "draft");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][Col(rows, "status")], "draft");
  EXPECT_EQ(rows[1][Col(rows, "unit_price_minor")], "4501");
  // The sp's list file holds no draft, whatever the filter asks.
  const json sp = Both("/api/v1/price-lists?status=draft", T("sp"), "sp-drafts");
  EXPECT_EQ(sp.size(), 1u);
}

TEST_F(MoneyExportTest, ABudgetsLinesAndApportionmentForFullReadersAndFinanceOfficers) {
  const std::string id = DemoBudget();
  ASSERT_FALSE(id.empty());
  auto doc = Get("/api/v1/budgets/" + id, T("cell"));
  ASSERT_EQ(doc.status, 200) << doc.raw;
  const json lines = Both("/api/v1/budgets/" + id, T("cell"), "lines");
  ASSERT_EQ(lines.size(), doc.body["lines"].size() + 1);
  const size_t amount = Col(lines, "amount_minor"), measure = Col(lines, "measure_description"),
               sra = Col(lines, "sra_title"), added_by = Col(lines, "added_by");
  int64_t sum = 0;
  for (size_t i = 1; i < lines.size(); ++i) {
    sum += std::stoll(lines[i][amount].get<std::string>());
    // The trace is in the file, in words (issue 18): the measure and the SRA by name, not by id.
    const json& line = doc.body["lines"][i - 1];
    EXPECT_FALSE(line["measure_description"].get<std::string>().empty()) << line.dump();
    EXPECT_EQ(lines[i][measure], line["measure_description"]);
    EXPECT_FALSE(line["sra_title"].get<std::string>().empty()) << line.dump();
    EXPECT_EQ(lines[i][sra], line["sra_title"]);
    EXPECT_EQ(lines[i][added_by], line["added_by"]["display_name"]);
    EXPECT_NE(lines[i][added_by], line["added_by"]["username"]);
  }
  for (const auto& heading : lines[0]) EXPECT_TRUE(heading != "sra_id" && heading != "measure_id") << heading;
  EXPECT_EQ(sum, doc.body["total_minor"].get<int64_t>());

  // The apportionment, as the SMT reads it: every share, adding up to the total to the minor unit.
  auto ap = Get("/api/v1/budgets/" + id + "/apportionment", T("smt"));
  ASSERT_EQ(ap.status, 200) << ap.raw;
  const json shares = Both("/api/v1/budgets/" + id + "/apportionment", T("smt"), "shares");
  ASSERT_EQ(shares.size(), ap.body["shares"].size() + 1);
  ASSERT_GT(shares.size(), 2u);
  const size_t org = Col(shares, "organization_name"), share = Col(shares, "amount_minor"), basis = Col(shares, "basis");
  std::map<std::string, std::string> org_names;  // the organizations as the reader is shown them
  const auto org_list = Get("/api/v1/organizations", T("smt"));
  for (const auto& o : org_list.body["items"]) org_names[o["id"]] = o["name"];
  int64_t shared = 0;
  for (size_t i = 1; i < shares.size(); ++i) {
    shared += std::stoll(shares[i][share].get<std::string>());
    const std::string org_id = ap.body["shares"][i - 1]["organization_id"];
    ASSERT_TRUE(org_names.contains(org_id)) << org_id;
    EXPECT_EQ(shares[i][org], org_names[org_id]);  // the organization by name (issue 18)
    EXPECT_EQ(shares[i][basis], ap.body["shares"][i - 1]["basis"]);
  }
  EXPECT_EQ(shared, ap.body["total_minor"].get<int64_t>());

  // WFP's finance officer: its own share and the total; the lines are refused as the page refuses them.
  auto fin_lines = Get("/api/v1/budgets/" + id + "?format=csv", T("finance"));
  EXPECT_EQ(fin_lines.status, 403) << fin_lines.raw;
  EXPECT_EQ(fin_lines.Code(), "budget_lines_restricted");
  EXPECT_EQ(Get("/api/v1/budgets/" + id + "?format=xlsx", T("finance")).Code(), "budget_lines_restricted");
  EXPECT_EQ(Get("/api/v1/budgets/" + id, T("finance")).status, 200);  // the JSON totals still are theirs
  const json own = Both("/api/v1/budgets/" + id + "/apportionment", T("finance"), "fin-shares");
  ASSERT_EQ(own.size(), 2u);
  EXPECT_EQ(own[1][Col(own, "organization_name")], "World Food Programme");
  EXPECT_EQ(std::stoll(own[1][Col(own, "total_minor")].get<std::string>()), ap.body["total_minor"].get<int64_t>());
  const auto raw = Get("/api/v1/budgets/" + id + "/apportionment?format=csv", T("finance")).raw;
  EXPECT_EQ(raw.find("org_unicef"), std::string::npos);
  EXPECT_EQ(raw.find("org_iom"), std::string::npos);
  EXPECT_EQ(raw.find("United Nations Children"), std::string::npos);
  const json fin_list = Both("/api/v1/budgets?country_id=cty_carana", T("finance"), "fin-budgets");
  ASSERT_GE(fin_list.size(), 2u);
  bool listed = false;  // the budget's row, with its total: the totals are the finance officer's to read
  for (size_t i = 1; i < fin_list.size(); ++i)
    if (fin_list[i][0] == id) {
      listed = true;
      EXPECT_EQ(std::stoll(fin_list[i][Col(fin_list, "total_minor")].get<std::string>()),
                ap.body["total_minor"].get<int64_t>());
    }
  EXPECT_TRUE(listed);
  // UNICEF's finance officer: UNICEF's row only.
  const std::string unicef = NewUser("money_unicef_fin", "org_unicef",
                                     json::array({json{{"role", "finance"}, {"country_id", "cty_carana"}}}));
  const json theirs = Both("/api/v1/budgets/" + id + "/apportionment", unicef, "unicef-shares");
  ASSERT_EQ(theirs.size(), 2u);
  EXPECT_EQ(theirs[1][Col(theirs, "organization_name")], "United Nations Children's Fund");
  // No budget role, another country, unknown ids: nothing.
  const std::string traveller = NewUser("money_traveller", "org_wfp", json::array());
  EXPECT_EQ(Get("/api/v1/budgets/" + id + "?format=csv", traveller).status, 403);
  EXPECT_EQ(Get("/api/v1/budgets/" + id + "/apportionment?format=xlsx", traveller).status, 403);
  EXPECT_EQ(Get("/api/v1/budgets/" + id + "?format=csv", T("hq")).status, 403);
  EXPECT_EQ(Get("/api/v1/budgets/bud_nope?format=csv", T("cell")).status, 404);
  EXPECT_EQ(Get("/api/v1/budgets/bud_nope/apportionment?format=csv", T("cell")).status, 404);
  EXPECT_EQ(Both("/api/v1/budgets", traveller, "traveller-budgets").size(), 1u);  // headings only
}

TEST_F(MoneyExportTest, AgreementsAndAReportWithTheEventsBehindEachFigure) {
  auto list = Get("/api/v1/slas", T("finance"));
  ASSERT_EQ(list.status, 200);
  const json slas = Both("/api/v1/slas", T("finance"), "slas");
  ASSERT_EQ(slas.size(), list.body["items"].size() + 1);
  for (size_t i = 1; i < slas.size(); ++i) EXPECT_EQ(slas[i][Col(slas, "organization_name")], "World Food Programme");
  EXPECT_EQ(Get("/api/v1/slas?format=csv", T("cell")).status, 403);

  const calendar::Day today = calendar::DayOfMillis(SystemClock().NowMillis());
  const std::string period = "from=" + calendar::FormatIsoDate(calendar::AddDays(today, -364)) +
                             "&to=" + calendar::FormatIsoDate(today);
  const std::string path = "/api/v1/slas/sla_demo_IOM/report?" + period;
  auto report = Get(path, T("hq"));
  ASSERT_EQ(report.status, 200) << report.raw;
  const json rows = Both(path, T("hq"), "report");
  size_t expected = 0;
  for (const auto& m : report.body["metrics"]) expected += std::max<size_t>(1, m["events"].size());
  ASSERT_EQ(rows.size(), expected + 1);
  const size_t metric = Col(rows, "metric"), event = Col(rows, "event_id"), within = Col(rows, "within_target"),
               measured = Col(rows, "measured");
  size_t r = 1;
  for (const auto& m : report.body["metrics"])
    for (const auto& e : m["events"]) {
      EXPECT_EQ(rows[r][metric], m["metric"]);
      EXPECT_EQ(rows[r][event], e["id"]);
      EXPECT_EQ(rows[r][within], e["within_target"].dump());
      if (m["measured"].is_number()) {
        EXPECT_NEAR(std::stod(rows[r][measured].get<std::string>()), m["measured"].get<double>(), 1e-9);
      } else {
        EXPECT_EQ(rows[r][measured], "");
      }
      ++r;
    }
  // Another organization's agreement, a bad period, no reader role: as the JSON report answers.
  EXPECT_EQ(Get(path + "&format=csv", T("finance")).status, 404);
  EXPECT_EQ(Get("/api/v1/slas/sla_demo_IOM/report?from=2025-13-01&to=2025-12-31&format=csv", T("hq")).status, 400);
  EXPECT_EQ(Get("/api/v1/slas/sla_demo_IOM/report?format=xlsx", T("hq")).Field(), "from");
  EXPECT_EQ(Get(path + "&format=csv", T("cell")).status, 403);
}

}  // namespace
}  // namespace srm::testing
