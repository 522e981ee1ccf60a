#include "store/postgres/pg_pool.h"

namespace srm::store::postgres {
namespace {
// How many times a transaction is tried when concurrent writers deadlock or fail to serialise.
constexpr int kConflictAttempts = 5;
}  // namespace

Status RunTransaction(ConnectionPool& pool, TxKind kind, const std::function<Status(Connection&)>& body) {
  bool reconnected = false;
  for (int attempt = 1;; ++attempt) {
    SRM_ASSIGN(lease, pool.Acquire());
    Connection& c = *lease;
    bool committing = false;
    Status result = c.Exec(kind == TxKind::kWrite ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    if (result) result = body(c);
    if (result) {
      committing = true;
      result = c.Exec("COMMIT");
    }
    if (result) return {};
    const bool timed_out = c.TimedOut(result.error());
    if (!c.Broken() && c.InTransaction()) (void)c.Exec("ROLLBACK");
    const Error& error = result.error();
    if (IsConnectionLost(error)) {
      lease.Discard();
      pool.DiscardIdle();
      if (committing && kind == TxKind::kWrite)
        return Fail(ErrorKind::kUnavailable, "database_unavailable",
                    "the database connection was lost while committing, so the change may or may not have been "
                    "saved; retry with the same Idempotency-Key, or check before retrying (" +
                        error.message + ")");
      if (!reconnected && !timed_out) {  // a stale pooled connection: once more on a new one
        reconnected = true;
        continue;
      }
      return result;
    }
    if (IsRetryableConflict(error) && attempt < kConflictAttempts) continue;
    return result;
  }
}

Result<Rows> QueryOnce(ConnectionPool& pool, std::string_view sql, const Params& params) {
  for (int attempt = 1;; ++attempt) {
    SRM_ASSIGN(lease, pool.Acquire());
    Result<Rows> rows = lease->Query(sql, params);
    if (rows || !IsConnectionLost(rows.error()) || attempt > 1 || lease->TimedOut(rows.error())) return rows;
    lease.Discard();
    pool.DiscardIdle();
  }
}

}  // namespace srm::store::postgres
