// Incident import jobs against hostile or failing input: a file name that is not text is refused
// before any job starts; a job that fails (an error or an exception from the store) keeps none of
// its rows, is recorded failed and audited, and leaves no upload behind; uploads wait in a private
// directory of the data directory; a hundred uploads run on a few threads. SQLite, or PostgreSQL
// with SRM_TEST_PG_URL.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <mutex>
#include <thread>

#include "evidence/dates.h"
#include "service/principal.h"
#include "test_server.h"

namespace srm::testing {
namespace {

size_t CountEntries(const std::filesystem::path& dir) {
  std::error_code ec;
  size_t n = 0;
  for (auto it = std::filesystem::directory_iterator(dir, ec); !ec && it != std::filesystem::directory_iterator();
       it.increment(ec))
    ++n;
  return n;
}
size_t Threads() { return CountEntries("/proc/self/task"); }
size_t Mappings() {
  std::ifstream in("/proc/self/maps");
  size_t n = 0;
  for (std::string line; std::getline(in, line);) ++n;
  return n;
}
size_t TmpUploads() {  // where uploads went before: /tmp/srm-upload-*
  size_t n = 0;
  std::error_code ec;
  for (auto& e : std::filesystem::directory_iterator(std::filesystem::temp_directory_path(), ec))
    if (e.path().filename().string().starts_with("srm-upload-")) ++n;
  return n;
}

mode_t ModeOf(const std::filesystem::path& p) {
  struct stat st{};
  if (::stat(p.c_str(), &st) != 0) return 0;
  return st.st_mode & 07777;
}

HttpResult Upload(TestServer& s, const std::string& csv, const std::string& query, const std::string& token) {
  return s.PostAs("/api/v1/incidents/import" + query, csv, "text/csv", TestServer::Auth(token));
}

json WaitJob(TestServer& s, const std::string& id, const std::string& token) {
  for (int i = 0; i < 3000; ++i) {
    auto r = s.Call("GET", "/api/v1/imports/" + id, json(), token);
    if (r.status != 200 || r.body["status"] != "running") return r.body;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ADD_FAILURE() << "import " << id << " still running";
  return json();
}

// ACLED rows dated in the past days, unique source ids with `prefix`.
std::string Acled(int n, const std::string& prefix) {
  const int32_t today = static_cast<int32_t>(std::chrono::duration_cast<std::chrono::hours>(
                                                 std::chrono::system_clock::now().time_since_epoch())
                                                 .count() /
                                             24);
  std::string csv = "event_id_cnty,event_date,event_type,sub_event_type,inter1,country,admin1,location,latitude,"
                    "longitude,geo_precision,notes,fatalities\n";
  csv.reserve(static_cast<size_t>(n) * 110);
  for (int i = 0; i < n; ++i)
    csv += prefix + std::to_string(i) + "," + evidence::FormatDay(today - 1 - (i % 300)) +
           ",Battles,Armed clash,1,Carana,,Town,8.5,-11.5,1,note," + std::to_string(i % 3) + "\n";
  return csv;
}

int64_t IncidentsOf(TestServer& s, const std::string& import_id) {
  store::IncidentFilter f;
  f.import_id = import_id;
  store::PageRequest page;
  page.limit = 1;
  auto rows = s.app().incidents->ListIncidents(f, page);
  EXPECT_TRUE(rows) << rows.error().message;
  return rows ? rows->total : -1;
}

TEST(ImportJobTest, AFileNameThatIsNotTextIsRefusedBeforeAnyJobStarts) {
  TestServer s;
  const std::string sp = s.Login("sp");
  const size_t tmp_before = TmpUploads();
  // Before: 400 to the client, then the job thread aborted the whole process on this name.
  auto r = Upload(s, Acled(3, "NAME-"), "?areas=carana&file_name=%ff", sp);
  EXPECT_EQ(r.status, 400) << r.raw;
  EXPECT_EQ(r.Field(), "query.file_name") << r.raw;
  // The same name inside a JSON upload (where it is valid UTF-8 but holds a control character).
  auto j = s.Call("POST", "/api/v1/incidents/import",
                  json{{"csv", Acled(3, "NAME-")}, {"file_name", "bell\x07.csv"}, {"areas", "carana"}}, sp);
  EXPECT_EQ(j.status, 400) << j.raw;
  EXPECT_EQ(j.Field(), "file_name") << j.raw;
  auto long_name = Upload(s, Acled(3, "NAME-"), "?file_name=" + std::string(201, 'n'), sp);
  EXPECT_EQ(long_name.status, 400);
  EXPECT_EQ(long_name.Field(), "file_name");
  // Give a wrongly started job time to do harm, then look: nothing was stored, nothing kept.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(s.Call("GET", "/healthz").status, 200);
  store::IncidentFilter any;
  auto rows = s.app().incidents->ListIncidents(any, store::PageRequest{});
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->total, 0);
  EXPECT_EQ(CountEntries(s.dir() / "uploads"), 0u);
  EXPECT_EQ(TmpUploads(), tmp_before);
  // A good name still works, and its upload waited in the data directory's private folder.
  auto ok = Upload(s, Acled(3, "NAME-"), "?areas=carana&file_name=r%C3%A9sum%C3%A9.csv", sp);
  ASSERT_EQ(ok.status, 202) << ok.raw;
  json job = WaitJob(s, ok.body["id"], sp);
  EXPECT_EQ(job["status"], "done") << job.dump();
  EXPECT_EQ(job["file_name"], "r\xc3\xa9sum\xc3\xa9.csv");
  EXPECT_EQ(ModeOf(s.dir() / "uploads"), 0700u);
  EXPECT_EQ(CountEntries(s.dir() / "uploads"), 0u);
  EXPECT_EQ(TmpUploads(), tmp_before);
}

// Forwards to the real incident store; its n-th AddBatch fails (an error, or an exception).
class FailingIncidents final : public store::IncidentStore {
 public:
  FailingIncidents(store::IncidentStore* inner, int fail_at, bool throw_instead)
      : inner_(inner), fail_at_(fail_at), throw_(throw_instead) {}
  Result<int> Migrate() override { return inner_->Migrate(); }
  Result<store::BatchResult> AddBatch(const std::string& id, std::span<const evidence::Incident> incidents,
                                      std::span<const evidence::RefusedRow> refused) override {
    if (++calls_ == fail_at_) {
      if (throw_) throw std::runtime_error("store blew up in batch " + std::to_string(calls_));
      return Unavailable("the database went away");
    }
    return inner_->AddBatch(id, incidents, refused);
  }
  Status BeginBulk(int64_t n) override { return inner_->BeginBulk(n); }
  Status EndBulk() override { return inner_->EndBulk(); }
  Status RemoveImport(const std::string& id) override { return inner_->RemoveImport(id); }
  Result<store::Page<store::StoredIncident>> ListIncidents(const store::IncidentFilter& f,
                                                           const store::PageRequest& p) override {
    return inner_->ListIncidents(f, p);
  }
  Result<store::Page<store::StoredRefusal>> ListRefused(const std::string& id, const store::PageRequest& p) override {
    return inner_->ListRefused(id, p);
  }
  Status ScanArea(const std::string& area, int32_t from,
                  const std::function<void(const std::string&, const evidence::IndicatorEvent&)>& visit) override {
    return inner_->ScanArea(area, from, visit);
  }
  Result<std::vector<std::string>> AreasWithIncidents(int32_t from) override { return inner_->AreasWithIncidents(from); }

 private:
  store::IncidentStore* inner_;
  int fail_at_, calls_ = 0;
  bool throw_;
};

class FailedImportTest : public ::testing::TestWithParam<bool> {};

TEST_P(FailedImportTest, KeepsNoRowsIsRecordedAuditedAndLeavesNoUpload) {
  const bool throws = GetParam();
  TestServer s;
  FailingIncidents failing(s.app().incidents.get(), /*fail_at=*/2, throws);
  std::mutex mu;
  std::vector<std::pair<std::string, std::string>> faults;
  {
    service::EvidenceService ev(s.app().store.get(), &failing, s.app().methods.get(), &s.app().clock, &s.app().ids);
    ev.SetUploadDirectory((s.dir() / "uploads").string());
    ev.SetFaultLog([&](const std::string& job, const std::string& detail) {
      std::lock_guard lock(mu);
      faults.emplace_back(job, detail);
    });
    const service::Principal admin = service::ConsolePrincipal("tester");
    // 25,000 rows: the first batch (20,000) is committed before the second one fails.
    service::ImportRequest r;
    r.file_name = "big.csv";
    r.areas = "carana";
    auto job = ev.StartUploadedImport(admin, r, Acled(25000, "BIG-"));
    ASSERT_TRUE(job) << job.error().message;
    service::ImportJob done;
    for (int i = 0; i < 3000; ++i) {
      auto now = ev.GetImport(admin, job->id);
      ASSERT_TRUE(now) << now.error().message;
      done = *now;
      if (done.status != "running") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_EQ(done.status, "failed");
    EXPECT_EQ(done.error.code, throws ? "internal" : "unavailable") << done.error.message;
    EXPECT_EQ(done.counts.inserted, 0);
    // None of its rows stayed, though 20,000 had been committed.
    EXPECT_EQ(IncidentsOf(s, job->id), 0);
    auto refused = s.app().incidents->ListRefused(job->id, store::PageRequest{});
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->total, 0);
    // The job is on record, failed, with its audit entry.
    auto rec = s.app().store->GetDoc("incident_import", job->id);
    ASSERT_TRUE(rec && rec->has_value());
    EXPECT_EQ((*rec)->status, "failed");
    auto audit = s.app().store->ListAudit(job->id, store::PageRequest{});
    ASSERT_TRUE(audit);
    ASSERT_EQ(audit->items.size(), 1u);
    EXPECT_EQ(audit->items[0].event.action, "incidents.import");
    EXPECT_EQ(CountEntries(s.dir() / "uploads"), 0u);
    {
      std::lock_guard lock(mu);
      if (throws) {
        // Our fault: the details went to the log with the job id, the client sees a stable reason.
        ASSERT_EQ(faults.size(), 1u);
        EXPECT_EQ(faults[0].first, job->id);
        EXPECT_NE(faults[0].second.find("store blew up"), std::string::npos);
        EXPECT_EQ(done.error.message.find("blew up"), std::string::npos);
        EXPECT_NE(done.error.message.find(job->id), std::string::npos);
      } else {
        EXPECT_TRUE(faults.empty());
      }
    }
    // The store itself works on: the same file through a store that does not fail is complete.
    service::EvidenceService good(s.app().store.get(), s.app().incidents.get(), s.app().methods.get(),
                                  &s.app().clock, &s.app().ids);
    good.SetUploadDirectory((s.dir() / "uploads").string());
    auto again = good.StartUploadedImport(admin, r, Acled(25000, "BIG-"));
    ASSERT_TRUE(again);
    for (int i = 0; i < 3000; ++i) {
      auto now = good.GetImport(admin, again->id);
      ASSERT_TRUE(now);
      done = *now;
      if (done.status != "running") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_EQ(done.status, "done") << done.error.message;
    EXPECT_EQ(done.counts.inserted, 25000);
    EXPECT_EQ(IncidentsOf(s, again->id), 25000);
  }
  EXPECT_EQ(s.Call("GET", "/healthz").status, 200);
}

INSTANTIATE_TEST_SUITE_P(ErrorOrException, FailedImportTest, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "Exception" : "Error"; });

TEST(ImportJobTest, EndingTheServiceRecordsEveryAcceptedJobAndRemovesEveryUpload) {
  TestServer s;
  const service::Principal admin = service::ConsolePrincipal("tester");
  std::vector<std::string> ids;
  {
    service::EvidenceService ev(s.app().store.get(), s.app().incidents.get(), s.app().methods.get(), &s.app().clock,
                                &s.app().ids);
    ev.SetUploadDirectory((s.dir() / "uploads").string());
    for (int i = 0; i < 10; ++i) {
      service::ImportRequest r;
      r.file_name = "f" + std::to_string(i) + ".csv";
      r.areas = "carana";
      auto job = ev.StartUploadedImport(admin, r, Acled(2000, "END" + std::to_string(i) + "-"));
      ASSERT_TRUE(job) << job.error().message;
      ids.push_back(job->id);
    }
  }  // ends with jobs still queued
  for (const auto& id : ids) {
    auto rec = s.app().store->GetDoc("incident_import", id);
    ASSERT_TRUE(rec && rec->has_value()) << id << " has no record";
    const std::string status = (*rec)->status;
    EXPECT_TRUE(status == "done" || status == "failed") << status;
    if (status == "failed") { EXPECT_EQ(IncidentsOf(s, id), 0) << id; }
  }
  EXPECT_EQ(CountEntries(s.dir() / "uploads"), 0u);
}

TEST(ImportJobTest, AHundredUploadsRunOnAFewThreads) {
  TestServer s;
  const std::string sp = s.Login("sp");
  const std::string csv = Acled(20, "HUNDRED-");
  // One import first, so what every import needs once (the pool, the area index) exists.
  auto first = Upload(s, csv, "?areas=carana", sp);
  ASSERT_EQ(first.status, 202) << first.raw;
  ASSERT_EQ(WaitJob(s, first.body["id"], sp)["status"], "done");
  const size_t threads_before = Threads(), maps_before = Mappings();
  size_t threads_max = threads_before;
  std::vector<std::string> accepted;
  int busy = 0;
  for (int i = 0; i < 100; ++i) {
    auto r = Upload(s, csv, "?areas=carana", sp);
    if (r.status == 202) {
      accepted.push_back(r.body["id"]);
    } else {
      // Too many waiting: 503 with Retry-After, never a new thread.
      ASSERT_EQ(r.status, 503) << r.raw;
      EXPECT_EQ(r.Code(), "unavailable");
      bool retry_after = false;
      for (auto& [k, v] : r.headers) retry_after = retry_after || k == "Retry-After";
      EXPECT_TRUE(retry_after);
      ++busy;
    }
    threads_max = std::max(threads_max, Threads());
  }
  EXPECT_GE(accepted.size(), 16u);
  for (const auto& id : accepted) EXPECT_EQ(WaitJob(s, id, sp)["status"], "done") << id;
  // At most two import workers beside the HTTP workers, plus one short-lived batch writer each.
  EXPECT_LE(threads_max, threads_before + 4) << busy << " refused";
  // Before: every import left its thread unjoined, its 8 MiB stack mapped (836 MB, 204 mappings).
  EXPECT_LE(Mappings(), maps_before + 40);
  EXPECT_EQ(CountEntries(s.dir() / "uploads"), 0u);
}

}  // namespace
}  // namespace srm::testing
