// A few worker threads and a bounded queue for background jobs (incident imports): a hundred
// uploads never mean a hundred threads. Threads start on first use and are joined when the pool
// ends, after every accepted job has run (a job sees its service stopping and ends quickly).
// A job must catch what it throws; whatever still escapes is handed to `on_escape`, never lets
// the thread (and the process) end. Thread-safe.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace srm::service {

class JobPool {
 public:
  JobPool(size_t workers, size_t max_queued, std::function<void(const std::string& what)> on_escape = {});
  ~JobPool();
  JobPool(const JobPool&) = delete;
  JobPool& operator=(const JobPool&) = delete;

  // Queues the job; false when max_queued jobs already wait, or the pool is ending.
  bool Submit(std::function<void()> job);
  // Runs what is queued, then joins the threads; later Submits are refused. Idempotent.
  void Shutdown();

 private:
  void Loop();

  const size_t workers_, max_queued_;
  std::function<void(const std::string&)> on_escape_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  std::vector<std::thread> threads_;
  size_t idle_ = 0;
  bool ending_ = false;
};

}  // namespace srm::service
