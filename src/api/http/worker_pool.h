// A fixed set of threads for the work that blocks (route handlers waiting on SQLite or libpq),
// fed by a bounded queue. Back-pressure: Submit refuses when the queue is full, and a job that
// waited longer than `max_wait` is told so when its turn comes (the caller answers 503 then
// instead of doing work nobody may be waiting for any more).
//
// Wake-ups: a worker that finishes a job takes the next queued one without sleeping, and Submit
// wakes a sleeping worker only when one sleeps and no wake-up already on its way would take the
// job: each wake-up a job does not need is two context switches (issue 12).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace srm::api::http {

class WorkerPool {
 public:
  // The job runs on a worker; `expired` is true when it waited longer than max_wait.
  using Job = std::move_only_function<void(bool expired)>;

  WorkerPool(int threads, size_t queue_max, std::chrono::milliseconds max_wait);
  ~WorkerPool();  // runs what is queued, then joins
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues the job (moving from it); false, leaving the job with the caller, when the queue
  // already holds queue_max jobs.
  bool Submit(Job&& job);
  // Runs what is queued, then stops and joins the threads. Idempotent.
  void Shutdown();

  size_t queued() const;
  size_t busy() const;
  // How many times Submit woke a sleeping worker (since start).
  size_t wakeups() const;
  int threads() const { return static_cast<int>(threads_.size()); }

 private:
  struct Item {
    Job job;
    std::chrono::steady_clock::time_point queued_at;
  };
  void Loop();

  const size_t queue_max_;
  const std::chrono::milliseconds max_wait_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Item> queue_;
  size_t busy_ = 0;
  size_t idle_ = 0;     // workers waiting on cv_
  size_t waking_ = 0;   // wake-ups signalled that no worker has woken from yet
  size_t wakeups_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace srm::api::http
