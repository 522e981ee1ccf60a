#include "service/access_log.h"

#include <algorithm>
#include <cstdio>

#include "domain/access_log_rule.h"
#include "service/scope.h"
#include "core/thread_name.h"

namespace srm::service {
namespace {

using Steady = std::chrono::steady_clock;

// A batch that fails is retried after a pause growing to this; at shutdown it is given up after
// kShutdownAttempts (and the loss logged) so that stopping a server whose database is gone ends.
constexpr auto kMaxBackoff = std::chrono::milliseconds(1000);
constexpr int kShutdownAttempts = 5;
constexpr auto kFlushTimeout = std::chrono::seconds(30);

}  // namespace

std::string_view AccessKindName(AccessKind k) {
  switch (k) {
    case AccessKind::kRead: return "read";
    case AccessKind::kDocument: return "document";
    case AccessKind::kRegister: return "register";
    case AccessKind::kExport: return "export";
  }
  return "read";
}

std::optional<AccessKind> AccessKindFromName(std::string_view name) {
  for (AccessKind k : {AccessKind::kRead, AccessKind::kDocument, AccessKind::kRegister, AccessKind::kExport})
    if (AccessKindName(k) == name) return k;
  return std::nullopt;
}

AccessLog::AccessLog(store::Store* store, const Clock* clock, IdGen* ids, AccessLogOptions options)
    : store_(store), clock_(clock), ids_(ids), options_(std::move(options)) {
  if (options_.max_batch == 0) options_.max_batch = 1;
  if (options_.queue_capacity < options_.max_batch) options_.queue_capacity = options_.max_batch;
  if (options_.enabled) writer_ = std::thread([this] {
    NameThisThread("srm-access-log");
    Writer();
  });
  else stopped_ = true;
}

AccessLog::~AccessLog() { Stop(); }

void AccessLog::Error(const std::string& message) const {
  if (options_.on_error) options_.on_error(message);
}

std::string AccessLog::NewBatchId() {
  // 15 characters: every row of the batch holds a copy (a short string needs no allocation) and
  // every index entry of the table repeats it. "b", then the batch's millisecond in 8 base-62
  // digits (byte order is time order, and every id sorts after the 45-character "acb-..." ids of
  // the first format, so new rows append at the end of the table's key), then 6 base-62 digits
  // (36 bits) drawn from a random id, for servers sharing one database. Within a process the
  // millisecond strictly increases from batch to batch, so its batches never share an id.
  static constexpr char kDigits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  const int64_t now = std::max<int64_t>(0, clock_->NowMillis());
  int64_t last = last_batch_ms_.load();
  int64_t ms = 0;
  do {
    ms = std::max(now, last + 1);
  } while (!last_batch_ms_.compare_exchange_weak(last, ms));
  uint64_t random = 14695981039346656037ull;  // FNV-1a of the random id: its entropy, whatever its alphabet
  for (const char ch : ids_->NewId("x")) random = (random ^ static_cast<unsigned char>(ch)) * 1099511628211ull;
  std::string id(15, 'b');
  auto time = static_cast<uint64_t>(ms);
  for (int i = 8; i >= 1; --i, time /= 62) id[static_cast<size_t>(i)] = kDigits[time % 62];
  for (int i = 14; i >= 9; --i, random /= 62) id[static_cast<size_t>(i)] = kDigits[random % 62];
  return id;
}

Status AccessLog::Record(const Principal& p, std::string_view sra_id, int version, AccessKind kind,
                         std::string_view format, std::string_view client_addr, std::string_view resource) {
  if (!options_.enabled) return {};
  Pending pending;
  store::AccessEntry& e = pending.entry;
  e.user_id = p.user.id;
  e.user_name = p.user.username;
  e.sra_id = sra_id;
  e.version = version;
  e.kind = AccessKindName(kind);
  e.format = format;
  e.resource = resource;
  e.client_addr = client_addr;
  e.request_id = p.request_id;
  pending.at_ms = clock_->NowMillis();
  pending.queued = Steady::now();

  std::unique_lock lock(mutex_);
  if (!stopped_ && queue_.size() >= options_.queue_capacity) {
    const bool room = room_.wait_for(lock, std::chrono::milliseconds(options_.full_wait_ms),
                                     [&] { return stopped_ || queue_.size() < options_.queue_capacity; });
    if (!room) {
      ++stats_.refused;
      return Fail(ErrorKind::kUnavailable, "access_log_busy",
                  "the access log cannot keep up; the request was not served so that no access goes unrecorded");
    }
  }
  if (stopped_) {
    // After Stop(): no writer any more, so this one entry is written at once.
    ++stats_.recorded;
    lock.unlock();
    std::vector<Pending> one;
    one.push_back(std::move(pending));
    std::vector<store::AccessEntry> rows;
    return WriteBatch(one, NewBatchId(), &rows);
  }
  pending.seq = next_seq_++;
  queue_.push_back(std::move(pending));
  ++stats_.recorded;
  const bool wake = queue_.size() == 1 || queue_.size() >= options_.max_batch || options_.flush_interval_ms <= 0;
  lock.unlock();
  if (wake) wake_writer_.notify_one();
  return {};
}

void AccessLog::Writer() {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (queue_.empty()) {
      if (stopping_) return;
      wake_writer_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      continue;
    }
    // The batch is due when its oldest entry has waited the interval, when a full batch waits,
    // when a Flush() covers the oldest entry, or when stopping.
    const auto due = queue_.front().queued + std::chrono::milliseconds(options_.flush_interval_ms);
    const bool now = wake_writer_.wait_until(lock, due, [&] {
      return stopping_ || queue_.size() >= options_.max_batch || flush_to_ >= queue_.front().seq;
    });
    (void)now;  // due or woken: write what waits
    // The queue is a vector (a deque of entries this size allocates one block per entry, on the
    // request path): the writer takes it whole when it fits a batch, handing back the previous
    // batch's storage, or the oldest max_batch entries of a backlog.
    std::vector<Pending> batch;
    if (queue_.size() <= options_.max_batch) {
      batch.swap(queue_);
      queue_.swap(spare_);
    } else {
      const auto end = queue_.begin() + static_cast<std::ptrdiff_t>(options_.max_batch);
      batch.assign(std::make_move_iterator(queue_.begin()), std::make_move_iterator(end));
      queue_.erase(queue_.begin(), end);
    }
    lock.unlock();
    room_.notify_all();

    const std::string batch_id = NewBatchId();
    std::vector<store::AccessEntry> rows;  // made by the first attempt, written again by retries
    auto pause = std::chrono::milliseconds(50);
    int attempts = 0;
    bool lost = false;
    for (;;) {
      Status written = WriteBatch(batch, batch_id, &rows);
      if (written) break;
      ++attempts;
      {
        std::lock_guard guard(mutex_);
        ++stats_.failed_writes;
      }
      Error("access log batch " + batch_id + " (" + std::to_string(batch.size()) +
            " entries) not written, retrying: " + written.error().message);
      bool giving_up = false;
      {
        std::lock_guard guard(mutex_);
        giving_up = stopping_ && attempts >= kShutdownAttempts;
      }
      if (giving_up) {
        Error("access log: shutting down with the database unavailable; " + std::to_string(batch.size()) +
              " access entries of batch " + batch_id + " were NOT recorded");
        lost = true;
        break;
      }
      std::this_thread::sleep_for(pause);
      pause = std::min(pause * 2, std::chrono::duration_cast<std::chrono::milliseconds>(kMaxBackoff));
    }
    lock.lock();
    written_seq_ = batch.back().seq;
    if (lost) stats_.lost += batch.size();
    else stats_.written += batch.size();
    written_cv_.notify_all();
    // Its storage becomes the queue's next time (a backlog's leftovers stay where they are).
    batch.clear();
    if (spare_.capacity() < batch.capacity()) spare_.swap(batch);
  }
}

Status AccessLog::WriteBatch(std::vector<Pending>& batch, const std::string& batch_id,
                             std::vector<store::AccessEntry>* rows) {
  if (rows->size() != batch.size()) {
    // First attempt: every version resolved (which may fail, and is then retried with nothing
    // moved yet), then the entries are moved, not copied, into the rows a retry writes again.
    std::lock_guard guard(versions_mutex_);
    for (Pending& pending : batch) {
      store::AccessEntry& e = pending.entry;
      if (e.version != 0 || e.sra_id.empty()) continue;
      // An SRA id names one version forever: looked up once, here, off the request path.
      auto known = versions_.find(e.sra_id);
      if (known != versions_.end()) {
        e.version = known->second;
        continue;
      }
      SRM_ASSIGN(row, store_->GetSra(e.sra_id));
      if (!row) continue;
      if (versions_.size() > 100000) versions_.clear();
      versions_[e.sra_id] = row->version;
      e.version = row->version;
    }
    rows->clear();
    rows->reserve(batch.size());
    int64_t formatted_ms = -1;
    std::string formatted_at;
    for (size_t i = 0; i < batch.size(); ++i) {
      store::AccessEntry r = std::move(batch[i].entry);
      r.batch_id = batch_id;
      r.ordinal = static_cast<int>(i);
      if (batch[i].at_ms != formatted_ms) {  // the readers of one millisecond share its text
        formatted_ms = batch[i].at_ms;
        formatted_at = FormatTimestamp(formatted_ms);
      }
      r.at = formatted_at;
      rows->push_back(std::move(r));
    }
  }
  const std::string hash = store::AccessBatchHash(batch_id, *rows);
  const store::AuditEvent anchor{"system", "access-log", "system", store::kAccessBatchAction,
                                 store::kAccessBatchObject, batch_id, "",
                                 store::AccessBatchAnchorJson(rows->size(), hash), ""};
  Status written = store_->AppendAccessBatch(*rows, anchor);
  if (!written) {
    // A commit reported lost may have happened: the batch's anchor then is in the chain, and
    // writing it again would record every access twice.
    auto prior = store_->ListAudit(batch_id, store::PageRequest{1, ""});
    if (prior && !prior->items.empty() && prior->items[0].event.action == store::kAccessBatchAction) return {};
  }
  return written;
}

Status AccessLog::Flush() {
  std::unique_lock lock(mutex_);
  if (stopped_) return {};
  const uint64_t target = next_seq_ - 1;
  if (written_seq_ >= target) return {};
  flush_to_ = std::max(flush_to_, target);
  const uint64_t lost_before = stats_.lost;
  wake_writer_.notify_one();
  if (!written_cv_.wait_for(lock, kFlushTimeout, [&] { return written_seq_ >= target; })) {
    Error("access log: flush timed out");
    return Unavailable("the access log could not be written in time");
  }
  if (stats_.lost != lost_before) return Unavailable("access log entries could not be written");
  return {};
}

void AccessLog::Stop() {
  {
    std::lock_guard guard(mutex_);
    if (stopping_ || stopped_) return;
    stopping_ = true;
  }
  wake_writer_.notify_all();
  if (writer_.joinable()) writer_.join();
  std::vector<Pending> left;
  {
    std::lock_guard guard(mutex_);
    stopped_ = true;
    // Recorded after the writer's last look: written here, synchronously.
    for (auto& p : queue_) left.push_back(std::move(p));
    queue_.clear();
  }
  room_.notify_all();
  written_cv_.notify_all();
  if (!left.empty()) {
    std::vector<store::AccessEntry> rows;
    Status written = WriteBatch(left, NewBatchId(), &rows);
    std::lock_guard guard(mutex_);
    if (written) stats_.written += left.size();
    else {
      stats_.lost += left.size();
      Error("access log: " + std::to_string(left.size()) + " access entries were NOT recorded at shutdown: " +
            written.error().message);
    }
  }
}

AccessLog::Stats AccessLog::stats() const {
  std::lock_guard guard(mutex_);
  return stats_;
}

Result<store::Page<store::AccessEntry>> AccessLog::List(const Principal& p, const std::string& sra_id,
                                                        store::AccessFilter filter, const store::PageRequest& page) {
  if (sra_id.empty() || sra_id.size() > 64) return NotFound("SRA");
  SRM_ASSIGN(row, store_->GetSra(sra_id));
  if (!row) return NotFound("SRA");
  const bool readable = p.CanSeeArea(row->country_id, row->area_id) && MaySeeSra(p, *row);
  const domain::AccessLogVerdict verdict =
      domain::MayReadAccessLog(p.user, domain::ScopeRef{row->organization_id, row->country_id, row->area_id}, readable);
  if (!verdict.allowed) {
    if (verdict.code == "sra_not_readable") return Forbidden("this SRA is outside what you may read");
    return Fail(ErrorKind::kForbidden, std::string(verdict.code),
                "the access log of an SRA is for its owners, the DSS desk and auditors");
  }
  filter.sra_id = sra_id;
  return store_->ListAccess(filter, page);
}

}  // namespace srm::service
