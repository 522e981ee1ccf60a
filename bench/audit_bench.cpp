// What anchoring the audit chain costs: audited writes per second on the store without and with an
// audit anchor (a signed checkpoint per append, written after COMMIT and fdatasync'd behind), with 1 and 4
// writer threads; the anchor's own work per append; and the time to verify the chain against its
// checkpoint file. The disk's fsync latency drifts while other programs use it, so the two stores
// are measured in alternating short rounds and their times summed. SQLite in a temporary
// directory; PostgreSQL too when given a maintenance URL (as scripts/pg.sh prints one).
//
//   ./build/bench/audit_bench [ROUNDS] [postgresql://...]
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "store/audit_anchor.h"
#include "store/audit_verify.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"

namespace {

using srm::store::AuditAnchor;
using srm::store::Store;
using Clock = std::chrono::steady_clock;

constexpr int kWritesPerThreadPerRound = 25;

srm::store::AuditEvent Event(const std::string& id) {
  srm::store::AuditEvent e;
  e.actor_id = "usr_bench";
  e.actor_name = "bench";
  e.role = "admin";
  e.action = "region.put";
  e.object_type = "region";
  e.object_id = id;
  e.after = R"({"name":"Region"})";
  e.request_id = "bench";
  return e;
}

// One round: kWritesPerThreadPerRound audited writes from each of `threads` threads. Returns the
// wall time in seconds; counts failures.
double Round(Store& store, int threads, const std::string& tag, std::atomic<int>* failures) {
  const auto start = Clock::now();
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t)
    workers.emplace_back([&, t] {
      for (int i = 0; i < kWritesPerThreadPerRound; ++i) {
        const std::string id = "reg_" + tag + "_" + std::to_string(t) + "_" + std::to_string(i);
        if (!store.PutRegion({id, "Region"}, Event(id))) ++*failures;
      }
    });
  for (auto& w : workers) w.join();
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Alternating rounds on the plain and the anchored store.
void Compare(const char* backend, Store& plain, Store& anchored, int rounds) {
  for (const int threads : {1, 4}) {
    double plain_s = 0, anchored_s = 0;
    std::atomic<int> failures{0};
    for (int r = 0; r < rounds; ++r) {
      const std::string tag = std::to_string(threads) + "_" + std::to_string(r);
      plain_s += Round(plain, threads, tag, &failures);
      anchored_s += Round(anchored, threads, tag, &failures);
    }
    const double writes = static_cast<double>(rounds) * threads * kWritesPerThreadPerRound;
    std::printf("audit_bench: %s threads=%d writes=%.0f plain_per_s=%.0f anchored_per_s=%.0f ratio=%.2f failures=%d\n",
                backend, threads, writes, writes / plain_s, writes / anchored_s, plain_s / anchored_s, failures.load());
  }
}

void Verify(Store& store, AuditAnchor& anchor, const char* backend) {
  const auto start = Clock::now();
  auto v = srm::store::VerifyAnchoredAudit(store, {anchor.checkpoint_path(), anchor.public_key(), {}, true});
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  if (!v) {
    std::printf("audit_bench: %s verify failed: %s\n", backend, v.error().message.c_str());
    return;
  }
  std::printf("audit_bench: %s verify entries=%lld checkpoints=%lld ok=%d verify_ms=%.1f\n", backend,
              static_cast<long long>(v->chain.entries), static_cast<long long>(v->checkpoints), v->ok ? 1 : 0, ms);
}

// The anchor's own work per append, apart from any database: Sign (what PostgreSQL adds inside
// its lock) and Record (sign and write, after COMMIT and outside the lock; the fdatasync is the
// flusher thread's, behind it).
void AnchorCost(AuditAnchor& anchor) {
  constexpr int kN = 2000;
  const std::string head(64, 'a');
  auto start = Clock::now();
  for (int i = 0; i < kN; ++i) (void)anchor.Sign(i + 1, head, "2026-11-29T00:00:00.000Z");
  const double sign_us = std::chrono::duration<double, std::micro>(Clock::now() - start).count() / kN;
  start = Clock::now();
  for (int i = 0; i < kN / 4; ++i) anchor.Record(1'000'000 + i, head);
  const double record_us = std::chrono::duration<double, std::micro>(Clock::now() - start).count() / (kN / 4);
  std::printf("audit_bench: anchor sign_us=%.1f record_us=%.1f (record = sign + write; synced behind)\n", sign_us,
              record_us);
}

std::unique_ptr<AuditAnchor> OpenAnchor(const std::filesystem::path& dir, const std::string& id) {
  auto anchor = AuditAnchor::Open({(dir / "signing.key").string(), (dir / "checkpoints.log").string(), id, nullptr, {}});
  if (!anchor) {
    std::printf("anchor: %s\n", anchor.error().message.c_str());
    return nullptr;
  }
  return std::move(*anchor);
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::atoi(argv[1]) : 20;
  const std::string pg = argc > 2 ? argv[2] : "";
  const auto dir = std::filesystem::temp_directory_path() / ("srm-audit-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    auto anchor = OpenAnchor(dir / "sqlite-anchor", "bench");
    if (!anchor) return 1;
    srm::store::SqliteOptions plain_options, anchored_options;
    plain_options.path = (dir / "plain.db").string();
    anchored_options.path = (dir / "anchored.db").string();
    anchored_options.audit_anchor = anchor.get();
    auto plain = srm::store::OpenSqliteStore(plain_options);
    auto anchored = srm::store::OpenSqliteStore(anchored_options);
    if (!plain || !anchored || !(*plain)->Migrate() || !(*anchored)->Migrate()) return 1;
    Compare("sqlite", **plain, **anchored, rounds);
    Verify(**anchored, *anchor, "sqlite");
    AnchorCost(*anchor);
    // The same with the checkpoint file in memory (/dev/shm: its fdatasync costs nothing): what is
    // left is the anchor's CPU work; the difference to the line above is the disk's second flush.
    if (std::filesystem::exists("/dev/shm")) {
      const auto shm = std::filesystem::path("/dev/shm") / ("srm-audit-bench-" + std::to_string(::getpid()));
      auto in_memory = OpenAnchor(shm, "bench-shm");
      if (in_memory) {
        srm::store::SqliteOptions shm_options;
        shm_options.path = (dir / "anchored-shm.db").string();
        shm_options.audit_anchor = in_memory.get();
        auto anchored_shm = srm::store::OpenSqliteStore(shm_options);  // closed before its anchor
        if (anchored_shm && (*anchored_shm)->Migrate())
          Compare("sqlite, checkpoints in memory", **plain, **anchored_shm, rounds);
      }
      in_memory.reset();
      std::filesystem::remove_all(shm);
    }
  }
  if (!pg.empty()) {
    auto anchor = OpenAnchor(dir / "pg-anchor", "bench-pg");
    if (!anchor) return 1;
    const std::string names[] = {"srm_audit_bench_plain", "srm_audit_bench_anchored"};
    for (const auto& name : names) {
      (void)srm::store::DropPostgresDatabase(pg, name);
      if (!srm::store::CreatePostgresDatabase(pg, name)) return 1;
    }
    {
      srm::store::PostgresOptions plain_options, anchored_options;
      plain_options.url = *srm::store::PostgresUrlWithDatabase(pg, names[0]);
      anchored_options.url = *srm::store::PostgresUrlWithDatabase(pg, names[1]);
      anchored_options.audit_anchor = anchor.get();
      auto plain = srm::store::OpenPostgresStore(plain_options);
      auto anchored = srm::store::OpenPostgresStore(anchored_options);
      if (!plain || !anchored || !(*plain)->Migrate() || !(*anchored)->Migrate()) return 1;
      Compare("postgres", **plain, **anchored, rounds);
      Verify(**anchored, *anchor, "postgres");
    }
    for (const auto& name : names) (void)srm::store::DropPostgresDatabase(pg, name);
  }
  std::filesystem::remove_all(dir);
  return 0;
}
