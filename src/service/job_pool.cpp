#include "service/job_pool.h"
#include "core/thread_name.h"

#include <exception>

namespace srm::service {

JobPool::JobPool(size_t workers, size_t max_queued, std::function<void(const std::string&)> on_escape)
    : workers_(workers == 0 ? 1 : workers), max_queued_(max_queued), on_escape_(std::move(on_escape)) {}

JobPool::~JobPool() { Shutdown(); }

bool JobPool::Submit(std::function<void()> job) {
  std::lock_guard lock(mu_);
  if (ending_ || queue_.size() >= max_queued_) return false;
  queue_.push_back(std::move(job));
  // A new thread only when the idle ones cannot take every queued job, up to the limit.
  if (idle_ < queue_.size() && threads_.size() < workers_) threads_.emplace_back([this] {
    NameThisThread("srm-job");
    Loop();
  });
  cv_.notify_one();
  return true;
}

void JobPool::Shutdown() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mu_);
    ending_ = true;
    threads.swap(threads_);
  }
  cv_.notify_all();
  for (auto& t : threads)
    if (t.joinable()) t.join();
}

void JobPool::Loop() {
  std::unique_lock lock(mu_);
  for (;;) {
    ++idle_;
    cv_.wait(lock, [this] { return ending_ || !queue_.empty(); });
    --idle_;
    if (queue_.empty()) return;  // ending, nothing left to run
    std::function<void()> job = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    std::string escaped;
    try {
      job();
    } catch (const std::exception& e) {
      escaped = e.what();
      if (escaped.empty()) escaped = "exception";
    } catch (...) {
      escaped = "unknown exception";
    }
    if (!escaped.empty() && on_escape_) {
      try {
        on_escape_(escaped);
      } catch (...) {  // the report itself failed: nothing more can be done, the thread goes on
      }
    }
    lock.lock();
  }
}

}  // namespace srm::service
