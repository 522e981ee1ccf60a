// The evidence use cases over a real SQLite database: the real OSAC file into the store through
// the column mapping with areas loaded from the real boundaries (every row placed or listed with
// its reason), idempotent re-import, the audit entry per import, and the review trigger.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "evidence/dates.h"
#include "evidence/formats.h"
#include "evidence/support.h"
#include "fakes/fake_clock.h"
#include "security/crypto.h"
#include "service/admin.h"
#include "service/auth.h"
#include "service/demo.h"
#include "service/evidence.h"
#include "service/methods.h"
#include "service/sras.h"
#include "store/incident_store.h"
#include "store/sqlite/sqlite_store.h"

namespace srm::service {
namespace {

using nlohmann::json;

struct World {
  std::filesystem::path dir;
  fakes::FakeClock clock;
  security::RandomIdGen ids;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<store::IncidentStore> incidents;
  std::unique_ptr<MethodRegistry> methods;
  std::unique_ptr<AuthService> auth;
  std::unique_ptr<SraService> sras;
  std::unique_ptr<AdminService> admin;
  std::unique_ptr<EvidenceService> evidence;
  security::PasswordHasher hasher{security::PasswordCost::Minimum()};

  explicit World(bool demo) {
    static int counter = 0;
    dir = std::filesystem::temp_directory_path() / ("srm-evidence-" + std::to_string(::getpid()) + "-" +
                                                    std::to_string(counter++));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    store::SqliteOptions o;
    o.path = (dir / "srm.db").string();
    o.clock = &clock;
    o.readers = 2;
    store = std::move(*store::OpenSqliteStore(o));
    EXPECT_TRUE(store->Migrate());
    incidents = std::move(*store::OpenSqliteIncidentStore(o.path, 2));
    EXPECT_TRUE(incidents->Migrate());
    EXPECT_EQ(*incidents->Migrate(), 1);  // idempotent
    methods = std::make_unique<MethodRegistry>(store.get());
    EXPECT_TRUE(methods->EnsureDefault());
    auth = std::make_unique<AuthService>(store.get(), &clock, &hasher);
    sras = std::make_unique<SraService>(store.get(), methods.get(), &clock, &ids);
    admin = std::make_unique<AdminService>(store.get(), auth.get(), &clock, &ids);
    evidence = std::make_unique<EvidenceService>(store.get(), incidents.get(), methods.get(), &clock, &ids);
    if (demo) {
      auto seeded = SeedDemo(store.get(), admin.get(), sras.get());
      EXPECT_TRUE(seeded) << (seeded ? "" : seeded.error().code + ": " + seeded.error().message);
    }
  }
  ~World() {
    evidence.reset();
    incidents.reset();
    store.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  std::string Write(const std::string& name, const std::string& text) {
    auto p = dir / name;
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
};

TEST(EvidenceService, RealOsacFileIntoTheStoreOnceWithEveryRowPlaced) {
  const auto csv = evidence::testing::SharedData() / "incidents" / "osac-africa-2016-2022.csv";
  ASSERT_TRUE(std::filesystem::exists(csv)) << "shared data not present (../shared beside the checkout): " << csv;
  World w(false);
  const Principal admin = ConsolePrincipal("test");
  // The admin-1 regions of every country the file names (by ISO code or name), and Somaliland,
  // which Natural Earth keeps apart from Somalia.
  std::vector<std::string> files;
  for (const char* c : {"AGO", "BDI", "BFA", "BWA", "CAF", "CIV", "CMR", "COD", "COG", "DZA", "ETH", "GIN", "GNB",
                        "KEN", "LBR", "LBY", "LSO", "MDG", "MLI", "MOZ", "MUS", "MWI", "NAM", "NER", "NGA", "SDN",
                        "SDS", "SEN", "SLE", "SOM", "SWZ", "TCD", "TUN", "TZA", "UGA", "ZAF", "ZMB", "ZWE", "SOL"})
    files.push_back((evidence::testing::SharedData() / "boundaries/admin1" / (std::string("admin1-") + c + ".json")).string());
  ASSERT_GE(files.size(), 30u);
  auto loaded = w.evidence->ImportBoundaries(admin, files);
  ASSERT_TRUE(loaded) << loaded.error().message;
  std::printf("loaded %lld areas of %lld countries\n", static_cast<long long>(loaded->areas),
              static_cast<long long>(loaded->countries));

  ImportRequest r;
  r.file_path = csv.string();
  r.mapping_json = std::string(evidence::ShippedMapping("osac-humanitarian"));
  r.areas = "admin1";
  int progress_calls = 0;
  auto job = w.evidence->Import(admin, r, [&](const evidence::ImportCounts&) { ++progress_calls; });
  ASSERT_TRUE(job) << job.error().message;
  EXPECT_EQ(job->status, "done");
  EXPECT_EQ(job->counts.records, 1716);
  EXPECT_EQ(job->counts.refused, 0);
  EXPECT_EQ(job->counts.inserted, 1716);
  EXPECT_GE(progress_calls, 1);
  // Every row placed in its admin-1 region, or listed with the reason.
  store::IncidentFilter unplaced;
  unplaced.import_id = job->id;
  unplaced.unplaced_only = true;
  auto list = w.incidents->ListIncidents(unplaced, {500, ""});
  ASSERT_TRUE(list);
  EXPECT_EQ(list->total, job->counts.unplaced);
  for (const auto& s : list->items) EXPECT_FALSE(s.incident.placement_note.empty()) << s.incident.line;
  EXPECT_EQ(job->counts.placed + job->counts.unplaced, 1716);
  EXPECT_EQ(job->counts.unplaced, 0) << (list->items.empty() ? "" : list->items[0].incident.placement_note);

  // The same file again adds nothing.
  auto again = w.evidence->Import(admin, r);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->counts.inserted, 0);
  EXPECT_EQ(again->counts.duplicates, 1716);
  store::IncidentFilter all;
  EXPECT_EQ(w.incidents->ListIncidents(all, {1, ""})->total, 1716);

  // One audit entry per import job, with its counts.
  auto audit = w.store->ListAudit(job->id, {50, ""});
  ASSERT_TRUE(audit);
  ASSERT_EQ(audit->items.size(), 1u);
  EXPECT_EQ(audit->items[0].event.action, "incidents.import");
  EXPECT_EQ(json::parse(audit->items[0].event.after)["counts"]["inserted"], 1716);
  auto verified = w.store->VerifyAudit();
  ASSERT_TRUE(verified);
  EXPECT_TRUE(verified->ok);

  // Indicators of a real region: Banadir (Mogadishu) as of the last incident of the file.
  auto mog = w.evidence->Indicators(admin, "adm1-SOM-2806", "2022-08-09", 365);
  if (mog) {
    int64_t total = 0;
    for (const auto& c : mog->categories) total += c.events_in_lookback;
    EXPECT_GT(total, 0);
  }
}

TEST(EvidenceService, MalformedRowsAreQuarantinedAndTheStoreKeepsOnlyValidOnes) {
  World w(true);
  const Principal admin = ConsolePrincipal("test");
  auto locs = w.store->ListLocations("area_1");
  ASSERT_TRUE(locs && !locs->empty());
  const auto& l = locs->front();
  std::string csv = "event_id_cnty,event_date,event_type,latitude,longitude,country,fatalities\n";
  csv += "OK1,2026-01-01,Battles," + std::to_string(l.lat) + "," + std::to_string(l.lon) + ",Carana,1\n";
  csv += "TRUNC,2026-01-0\n";
  csv += std::string("BIN,2026-01-02,Batt\0les,1,1,Carana,0\n", 37);
  csv += "LONG,2026-01-03,\"" + std::string(2 << 20, 'x') + "\",1,1,Carana,0\n";
  csv += "OK2,2026-01-04,Riots," + std::to_string(l.lat) + "," + std::to_string(l.lon) + ",Carana,0\n";
  ImportRequest r;
  r.file_path = w.Write("bad.csv", csv);
  r.areas = "carana";
  auto job = w.evidence->Import(admin, r);
  ASSERT_TRUE(job) << job.error().message;
  EXPECT_EQ(job->counts.inserted, 2);
  EXPECT_EQ(job->counts.refused, 3);
  auto refused = w.evidence->Refused(admin, job->id, {50, ""});
  ASSERT_TRUE(refused);
  ASSERT_EQ(refused->items.size(), 3u);
  EXPECT_EQ(refused->items[0].row.line, 3);
  EXPECT_NE(refused->items[0].row.reason.find("expected 7 fields, found 2"), std::string::npos);
  EXPECT_NE(refused->items[1].row.reason.find("NUL"), std::string::npos);
  EXPECT_NE(refused->items[2].row.reason.find("longer than"), std::string::npos);
  EXPECT_EQ(refused->items[2].row.line, 5);
  store::IncidentFilter f;
  f.area_id = "area_1";
  EXPECT_EQ(w.incidents->ListIncidents(f, {50, ""})->total, 2);

  // A file refused as a whole changes nothing but the audited job record.
  ImportRequest bad;
  bad.file_path = w.Write("garbage.csv", std::string("\x01\x02\x03 not,a,csv\n", 14));
  bad.areas = "carana";
  auto failed = w.evidence->Import(admin, bad);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, "unknown_layout");
  EXPECT_EQ(w.incidents->ListIncidents({}, {1, ""})->total, 2);
  auto jobs = w.store->ListDocs(store::DocFilter{.kind = "incident_import"}, {50, ""});
  ASSERT_TRUE(jobs);
  EXPECT_EQ(jobs->total, 2);
  // Roles: an auditor cannot import.
  Principal auditor = admin;
  auditor.user.grants = {{domain::Role::kAuditor, "", "", ""}};
  EXPECT_EQ(w.evidence->Import(auditor, r).error().kind, ErrorKind::kForbidden);
}

// Names of the by-area indexes of the incident table, read through a connection of its own.
std::vector<std::string> AreaIndexes(const std::filesystem::path& db) {
  std::vector<std::string> out;
  sqlite3* c = nullptr;
  sqlite3_open_v2(db.c_str(), &c, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(c, "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'incidents_%' ORDER BY name",
                     -1, &st, nullptr);
  while (st != nullptr && sqlite3_step(st) == SQLITE_ROW)
    out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
  sqlite3_finalize(st);
  sqlite3_close_v2(c);
  return out;
}

// A file large enough for a bulk load (>= 10 MB: the by-area indexes are built once at its end)
// is imported whole, and a large file refused part-way still leaves the indexes in place.
TEST(EvidenceService, LargeImportsEndWithTheAreaIndexesInPlace) {
  World w(true);
  const Principal admin = ConsolePrincipal("test");
  auto locs = w.store->ListLocations("area_1");
  ASSERT_TRUE(locs && !locs->empty());
  const std::string point = std::to_string(locs->front().lat) + "," + std::to_string(locs->front().lon);
  const std::vector<std::string> indexes{"incidents_by_area", "incidents_unplaced_by_import"};
  ASSERT_EQ(AreaIndexes(w.dir / "srm.db"), indexes);
  const std::string pad(64, 'n');
  constexpr int kRows = 100000;
  auto file = [&](const std::string& name, const std::string& date) {
    std::string csv = "event_id_cnty,event_date,event_type,latitude,longitude,country,fatalities,notes\n";
    csv.reserve(kRows * 120);
    for (int i = 0; i < kRows; ++i)
      csv += name + std::to_string(i) + "," + date + ",Battles," + point + ",Carana,1," + pad + "\n";
    EXPECT_GE(csv.size(), 10'000'000u);
    return w.Write(name + ".csv", csv);
  };
  ImportRequest r;
  r.file_path = file("big", "2026-01-01");
  r.areas = "carana";
  auto job = w.evidence->Import(admin, r);
  ASSERT_TRUE(job) << job.error().message;
  EXPECT_EQ(job->counts.inserted, kRows);
  EXPECT_EQ(AreaIndexes(w.dir / "srm.db"), indexes);
  store::IncidentFilter f;
  f.area_id = "area_1";
  EXPECT_EQ(w.incidents->ListIncidents(f, {10, ""})->total, kRows);

  ImportRequest bad;
  bad.file_path = file("bad", "not a date");
  bad.areas = "carana";
  auto failed = w.evidence->Import(admin, bad);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, "not_incident_file");
  EXPECT_EQ(AreaIndexes(w.dir / "srm.db"), indexes);
  EXPECT_EQ(w.incidents->ListIncidents({}, {1, ""})->total, kRows);
}

TEST(EvidenceService, ReviewProposedOnceWhenTheAreaChangesAfterPublication) {
  World w(true);  // the demo publishes an SRA for area_1 "today"
  const Principal admin = ConsolePrincipal("test");
  const int32_t published = static_cast<int32_t>(w.clock.NowMillis() / 86400000);
  w.clock.Advance(100LL * 86400000);  // 100 days later
  EXPECT_EQ(*w.evidence->EvaluateTriggers(admin), 0);  // nothing happened yet
  auto locs = w.store->ListLocations("area_1");
  ASSERT_TRUE(locs && !locs->empty());
  std::string csv = "event_id_cnty,event_date,event_type,latitude,longitude,country,fatalities\n";
  for (int i = 0; i < 10; ++i)
    csv += "T" + std::to_string(i) + "," + evidence::FormatDay(published + 50 + i) + ",Battles," +
           std::to_string(locs->front().lat) + "," + std::to_string(locs->front().lon) + ",Carana,2\n";
  ImportRequest r;
  r.file_path = w.Write("after.csv", csv);
  r.areas = "carana";
  auto job = w.evidence->Import(admin, r);  // evaluates the triggers when new incidents arrive
  ASSERT_TRUE(job) << job.error().message;
  EXPECT_EQ(job->counts.placed, 10);
  auto proposals = w.evidence->Proposals(admin, {50, ""});
  ASSERT_TRUE(proposals);
  ASSERT_EQ(proposals->items.size(), 1u);
  const json doc = json::parse(proposals->items[0].doc);
  EXPECT_EQ(doc["area_id"], "area_1");
  EXPECT_EQ(doc["trigger"], "change_in_area");
  ASSERT_EQ(doc["changes"].size(), 1u);
  EXPECT_EQ(doc["changes"][0]["category"], "armed_conflict");
  EXPECT_EQ(doc["changes"][0]["at_publication"]["suggestion"]["likelihood"], "Very Unlikely");
  EXPECT_EQ(doc["changes"][0]["now"]["suggestion"]["likelihood"], "Very Likely");
  EXPECT_EQ(doc["changes"][0]["reasons"].size(), 2u);
  // Once: evaluating again proposes nothing new.
  EXPECT_EQ(*w.evidence->EvaluateTriggers(admin), 0);
  EXPECT_EQ(w.evidence->Proposals(admin, {50, ""})->total, 1);
  auto audit = w.store->ListAudit(proposals->items[0].id, {50, ""});
  ASSERT_EQ(audit->items.size(), 1u);
  EXPECT_EQ(audit->items[0].event.action, "review.propose");
  // Scope: a user of another country does not see it.
  Principal other = admin;
  other.user.grants = {{domain::Role::kSecurityCell, "", "cty_other", ""}};
  EXPECT_EQ(w.evidence->Proposals(other, {50, ""})->total, 0);
}

}  // namespace
}  // namespace srm::service
