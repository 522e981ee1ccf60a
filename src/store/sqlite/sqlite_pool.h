// Internal to the SQLite backend: the one connection pool of every SQLite store of a process (the
// main store and the incident store each make one on the same file). One writer connection behind
// a mutex (SQLite allows one writer at a time anyway) and a free list of reader connections (WAL
// lets them read while the writer writes). A Lease is a connection borrowed for one call; it goes
// back when the Lease is destroyed.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "store/sqlite/sqlite_connection.h"

namespace srm::store::sqlite {

class ConnectionPool {
 public:
  class Lease {
   public:
    Lease(ConnectionPool* pool, Connection* connection, std::unique_lock<std::mutex> writer_lock)
        : pool_(pool), connection_(connection), writer_lock_(std::move(writer_lock)) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() {
      if (pool_ != nullptr) pool_->ReturnReader(connection_);
    }
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_; }

   private:
    ConnectionPool* pool_;  // set for a reader, which goes back to the free list
    Connection* connection_;
    std::unique_lock<std::mutex> writer_lock_;  // held for the writer
  };

  ConnectionPool(std::unique_ptr<Connection> writer, std::vector<std::unique_ptr<Connection>> readers)
      : writer_(std::move(writer)), readers_(std::move(readers)) {
    for (auto& reader : readers_) free_readers_.push_back(reader.get());
  }

  // The writer, exclusively, until the Lease ends.
  Lease Writer() { return Lease(nullptr, writer_.get(), std::unique_lock(writer_mutex_)); }

  // A reader (waiting for one to be free), or the writer when the pool has no readers.
  // Never call while holding the writer's Lease: with no readers that would deadlock.
  Lease Reader() {
    if (readers_.empty()) return Writer();
    std::unique_lock lock(readers_mutex_);
    reader_freed_.wait(lock, [&] { return !free_readers_.empty(); });
    Connection* reader = free_readers_.back();
    free_readers_.pop_back();
    return Lease(this, reader, {});
  }

 private:
  void ReturnReader(Connection* reader) {
    {
      std::lock_guard lock(readers_mutex_);
      free_readers_.push_back(reader);
    }
    reader_freed_.notify_one();
  }

  std::unique_ptr<Connection> writer_;
  std::mutex writer_mutex_;
  std::vector<std::unique_ptr<Connection>> readers_;
  std::mutex readers_mutex_;
  std::condition_variable reader_freed_;
  std::vector<Connection*> free_readers_;
};

// True for paths SQLite keeps in memory: every connection would see its own database.
inline bool IsInMemory(const std::string& path) { return path == ":memory:" || path.starts_with("file::memory:"); }

}  // namespace srm::store::sqlite
