// The SRA access log (issue 17): every read of an SRA, of its document or register, and every
// export, recorded as who (user id and name), when (the injected clock), what (SRA id, version,
// kind, format, or the list exported) and from where (api/client_addr.h).
//
// Off the request path: Record() only appends to a bounded in-memory queue; one writer thread
// writes the queue in batches (every flush_interval_ms, or as soon as max_batch entries wait), each
// batch in ONE transaction with ONE audit entry that anchors it into the audit chain (the SHA-256 of
// its canonical rows, store/access_log.h). A read waits on no chain write.
//
// Queue full: Record() waits up to full_wait_ms for room, then refuses with 503 "access_log_busy"
// (Retry-After): for an audit feature an access must not be handed out unrecorded, and dropping
// entries silently would be exactly that. Writing synchronously instead would pile every waiting
// reader onto the database's write lock the writer already cannot keep up with (SQLite has one
// writer), making the overload worse; a short wait absorbs bursts, the refusal bounds the rest.
// A batch that fails to write is retried (same batch id, so a commit that was reported lost is
// not written twice) and its entries stay counted in the queue meanwhile.
//
// Flush() writes everything recorded so far and returns once it is committed (tests, shutdown);
// Stop() (also the destructor) flushes and ends the writer; a Record() after Stop() writes its
// entry synchronously. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "service/principal.h"
#include "store/store.h"

namespace srm::service {

enum class AccessKind { kRead, kDocument, kRegister, kExport };
std::string_view AccessKindName(AccessKind k);
std::optional<AccessKind> AccessKindFromName(std::string_view name);

struct AccessLogOptions {
  bool enabled = true;             // false: Record() records nothing (config sra_access_log)
  int flush_interval_ms = 200;     // oldest waiting entry is written within this; 0 = at once
  size_t max_batch = 2000;         // a batch is written as soon as this many entries wait
  size_t queue_capacity = 20000;   // entries waiting at most
  int full_wait_ms = 250;          // a Record() finding the queue full waits this long, then 503
  // Told when a batch could not be written (it is retried) or a Flush timed out.
  std::function<void(const std::string& message)> on_error;
};

class AccessLog {
 public:
  AccessLog(store::Store* store, const Clock* clock, IdGen* ids, AccessLogOptions options);
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  // Records one access. version 0 = "look it up": the writer resolves the SRA's version off the
  // request path. sra_id "" for the export of a list that is no SRA; `resource` names the list.
  // Fails only with 503 "access_log_busy" (queue full for full_wait_ms) or, after Stop(), when the
  // synchronous write fails.
  Status Record(const Principal& p, std::string_view sra_id, int version, AccessKind kind, std::string_view format,
                std::string_view client_addr, std::string_view resource = {});
  // Writes every entry recorded before the call; returns once committed (503 after 30 s).
  Status Flush();
  // Flushes and stops the writer thread. Idempotent.
  void Stop();

  // The access log of one SRA, newest first, for those MayReadAccessLog allows (domain/
  // access_log_rule.h): 404 for no such SRA, 403 otherwise. Shows what is written (Flush()ed).
  Result<store::Page<store::AccessEntry>> List(const Principal& p, const std::string& sra_id,
                                               store::AccessFilter filter, const store::PageRequest& page);

  bool enabled() const { return options_.enabled; }
  struct Stats {
    uint64_t recorded = 0;  // entries accepted
    uint64_t written = 0;   // entries committed
    uint64_t refused = 0;   // Record() answered 503
    uint64_t failed_writes = 0;  // batch attempts that failed (and were retried)
    uint64_t lost = 0;      // entries given up at shutdown after repeated failures (logged)
  };
  Stats stats() const;

 private:
  struct Pending {
    store::AccessEntry entry;  // batch_id, ordinal and at are filled by the writer
    int64_t at_ms = 0;
    uint64_t seq = 0;          // 1, 2, ... in order recorded
    std::chrono::steady_clock::time_point queued;
  };
  void Writer();
  // Writes one batch (resolving versions, numbering rows, anchoring); retried by the caller with
  // the same `rows`, which the first attempt fills by moving the entries out of `batch`.
  Status WriteBatch(std::vector<Pending>& batch, const std::string& batch_id, std::vector<store::AccessEntry>* rows);
  std::string NewBatchId();
  void Error(const std::string& message) const;

  store::Store* store_;
  const Clock* clock_;
  IdGen* ids_;
  AccessLogOptions options_;

  mutable std::mutex mutex_;
  std::condition_variable wake_writer_;   // entries arrived / flush asked / stopping
  std::condition_variable room_;          // the writer took a batch: room in the queue
  std::condition_variable written_cv_;    // a batch committed
  std::vector<Pending> queue_;            // oldest first
  std::vector<Pending> spare_;            // a written batch's storage, the next queue's
  uint64_t next_seq_ = 1;
  uint64_t written_seq_ = 0;              // every entry with seq <= this is committed
  uint64_t flush_to_ = 0;                 // write at once up to this seq (Flush)
  bool stopping_ = false;
  bool stopped_ = false;
  Stats stats_;
  std::atomic<int64_t> last_batch_ms_{0};  // the newest batch id's millisecond (NewBatchId)
  std::mutex versions_mutex_;             // the writer's, and synchronous writes' after Stop
  std::unordered_map<std::string, int> versions_;  // SRA id -> version (ids never change version)
  std::thread writer_;                    // last: started once the rest is constructed
};

}  // namespace srm::service
