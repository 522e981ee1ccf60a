// Internal to srm_store_postgres: the connection pool every PostgreSQL store of a process uses, and
// the transaction runner with its retry rules.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "store/postgres/pg_connection.h"

namespace srm::store::postgres {

// Up to `max` connections, opened on demand. A Lease is a connection borrowed for one call; it goes
// back when the Lease ends, unless it broke (or was discarded), in which case its slot is freed.
class ConnectionPool {
 public:
  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<Connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    Lease(Lease&& other) noexcept
        : pool_(std::exchange(other.pool_, nullptr)), connection_(std::move(other.connection_)) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (pool_ != nullptr) pool_->Return(std::move(connection_));
    }
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }
    // Closes the connection now (it is broken, or in an unknown state).
    void Discard() { connection_.reset(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  ConnectionPool(ConnectOptions options, int max, int acquire_timeout_ms)
      : options_(std::move(options)), max_(max), acquire_timeout_ms_(acquire_timeout_ms) {}

  // Adds an already open connection (the one OpenPostgresStore made to check the URL).
  void Seed(std::unique_ptr<Connection> connection) {
    std::lock_guard lock(mutex_);
    ++open_;
    idle_.push_back(std::move(connection));
  }

  Result<Lease> Acquire() {
    std::unique_lock lock(mutex_);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(acquire_timeout_ms_);
    while (true) {
      if (!idle_.empty()) {
        std::unique_ptr<Connection> connection = std::move(idle_.back());
        idle_.pop_back();
        return Lease(this, std::move(connection));
      }
      if (open_ < max_) {
        ++open_;
        lock.unlock();
        Result<std::unique_ptr<Connection>> opened = Connection::Open(options_);
        if (!opened) {
          lock.lock();
          --open_;
          freed_.notify_one();
          return std::unexpected(opened.error());
        }
        return Lease(this, std::move(*opened));
      }
      if (freed_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() && open_ >= max_)
        return Fail(ErrorKind::kUnavailable, "database_busy",
                    "all " + std::to_string(max_) + " database connections stayed busy for " +
                        std::to_string(acquire_timeout_ms_) + " ms");
    }
  }

  // Closes every idle connection: after one was found lost, the others (opened to the same server)
  // most likely are too.
  void DiscardIdle() {
    std::vector<std::unique_ptr<Connection>> closing;
    {
      std::lock_guard lock(mutex_);
      open_ -= static_cast<int>(idle_.size());
      closing.swap(idle_);
    }
    freed_.notify_all();
  }

 private:
  void Return(std::unique_ptr<Connection> connection) {
    {
      std::lock_guard lock(mutex_);
      if (connection && !connection->Broken() && !connection->InTransaction()) {
        idle_.push_back(std::move(connection));
      } else {
        --open_;
      }
    }
    freed_.notify_one();
    // A connection not put back is closed here, outside the lock.
  }

  const ConnectOptions options_;
  const int max_;
  const int acquire_timeout_ms_;
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;  // idle + leased
};

enum class TxKind { kWrite, kRead };

// Runs `body` in one transaction on a pooled connection: READ COMMITTED for writes, REPEATABLE READ
// READ ONLY for reads (every statement sees one snapshot). Retries the whole transaction when
// concurrent writers deadlock or fail to serialise, and once on a fresh connection when the
// connection was lost before COMMIT (the server rolled that attempt back). A connection lost during
// COMMIT of a write is kUnavailable saying the outcome is unknown. `body` may run more than once: it
// must only assign to what it produces.
Status RunTransaction(ConnectionPool& pool, TxKind kind, const std::function<Status(Connection&)>& body);

// One statement outside an explicit transaction, with the same retry on a lost connection.
Result<Rows> QueryOnce(ConnectionPool& pool, std::string_view sql, const Params& params);

}  // namespace srm::store::postgres
