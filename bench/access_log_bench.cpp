// What the SRA access log (issue 17) costs per recorded read: the CPU time of the whole process
// (the recording thread and the access log's writer, which writes batches and anchors each into
// the audit chain) per entry, for several batch sizes, on SQLite in a temporary directory with an
// audit anchor as the server has. CPU time rather than wall time: it is what the log takes away
// from answering requests on a busy server, and it is much less disturbed by other programs.
//
//   ./build/bench/access_log_bench [ENTRIES] [BATCH...]
// Last line: access_log: cpu_us_per_entry=… (batch …) …
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "security/crypto.h"
#include "service/access_log.h"
#include "store/audit_anchor.h"
#include "store/sqlite/sqlite_store.h"

namespace {

double ProcessCpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

struct Figures {
  double cpu_us_per_entry = 0, wall_s = 0;
  uint64_t written = 0, refused = 0;
};

// Records `entries` reads of a few SRAs by a few users, as a busy server's readers would, then
// flushes; the queue is large enough and the wait long enough that nothing is refused.
Figures Run(srm::store::Store& store, size_t entries, size_t batch) {
  srm::SystemClock clock;
  srm::security::RandomIdGen ids;
  srm::service::AccessLogOptions options;
  options.max_batch = batch;
  options.queue_capacity = std::max<size_t>(20000, batch * 4);
  options.full_wait_ms = 10000;
  options.on_error = [](const std::string& m) { std::fprintf(stderr, "access log: %s\n", m.c_str()); };
  srm::service::Principal readers[4];
  for (int i = 0; i < 4; ++i) {
    readers[i].user.id = "usr_" + std::string(16, static_cast<char>('a' + i));
    readers[i].user.username = "reader" + std::to_string(i);
    readers[i].request_id = "req_0123456789abcdef";
  }
  const std::string sras[] = {"sra_0123456789abcdef", "sra_fedcba9876543210", "sra_00112233445566aa"};
  const double cpu0 = ProcessCpuSeconds();
  const auto wall0 = std::chrono::steady_clock::now();
  Figures f;
  {
    srm::service::AccessLog log(&store, &clock, &ids, options);
    for (size_t i = 0; i < entries; ++i)
      if (!log.Record(readers[i % 4], sras[i % 3], 2, srm::service::AccessKind::kRead, "json", "203.0.113.7"))
        ++f.refused;
    if (!log.Flush()) std::fprintf(stderr, "flush failed\n");
    f.written = log.stats().written;
  }
  f.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
  f.cpu_us_per_entry = (ProcessCpuSeconds() - cpu0) * 1e6 / static_cast<double>(entries);
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  const size_t entries = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 200000;
  std::vector<size_t> batches;
  for (int i = 2; i < argc; ++i) batches.push_back(std::strtoull(argv[i], nullptr, 10));
  if (batches.empty()) batches = {500, 2000};
  const auto dir = std::filesystem::temp_directory_path() / ("srm-access-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string last;
  {
    auto anchor = srm::store::AuditAnchor::Open(
        {(dir / "signing.key").string(), (dir / "checkpoints.log").string(), "bench", nullptr, {}});
    if (!anchor) return std::fprintf(stderr, "anchor: %s\n", anchor.error().message.c_str()), 1;
    for (size_t batch : batches) {
      srm::store::SqliteOptions o;
      o.path = (dir / ("access-" + std::to_string(batch) + ".db")).string();
      o.audit_anchor = anchor->get();
      auto store = srm::store::OpenSqliteStore(o);
      if (!store || !(*store)->Migrate()) return std::fprintf(stderr, "store did not open\n"), 1;
      const Figures f = Run(**store, entries, batch);
      std::printf("access_log batch=%zu: %zu entries, cpu_us_per_entry=%.2f wall_s=%.2f written=%llu refused=%llu\n",
                  batch, entries, f.cpu_us_per_entry, f.wall_s, static_cast<unsigned long long>(f.written),
                  static_cast<unsigned long long>(f.refused));
      char part[96];
      std::snprintf(part, sizeof part, " cpu_us_per_entry=%.2f (batch %zu)", f.cpu_us_per_entry, batch);
      last += part;
    }
  }
  std::filesystem::remove_all(dir);
  std::printf("access_log:%s\n", last.c_str());
  return 0;
}
