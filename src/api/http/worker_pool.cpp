#include "api/http/worker_pool.h"
#include "core/thread_name.h"

#include <algorithm>

namespace srm::api::http {

WorkerPool::WorkerPool(int threads, size_t queue_max, std::chrono::milliseconds max_wait)
    : queue_max_(std::max<size_t>(queue_max, 1)), max_wait_(max_wait) {
  const int n = std::max(threads, 1);
  threads_.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) threads_.emplace_back([this] {
    NameThisThread("srm-worker");
    Loop();
  });
}

WorkerPool::~WorkerPool() { Shutdown(); }

bool WorkerPool::Submit(Job&& job) {
  bool wake = false;
  {
    std::lock_guard lock(mu_);
    if (queue_.size() >= queue_max_) return false;
    queue_.push_back({std::move(job), std::chrono::steady_clock::now()});
    // A busy worker looks at the queue before it sleeps: a sleeping one is woken only when the
    // queued jobs outnumber the wake-ups already on their way.
    if (idle_ > waking_ && queue_.size() > waking_) {
      ++waking_;
      ++wakeups_;
      wake = true;
    }
  }
  if (wake) cv_.notify_one();
  return true;
}

void WorkerPool::Shutdown() {
  {
    std::lock_guard lock(mu_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
}

size_t WorkerPool::queued() const {
  std::lock_guard lock(mu_);
  return queue_.size();
}

size_t WorkerPool::busy() const {
  std::lock_guard lock(mu_);
  return busy_;
}

size_t WorkerPool::wakeups() const {
  std::lock_guard lock(mu_);
  return wakeups_;
}

void WorkerPool::Loop() {
  std::unique_lock lock(mu_);
  for (;;) {
    while (!stopping_ && queue_.empty()) {
      ++idle_;
      cv_.wait(lock);
      --idle_;
      if (waking_ > 0) --waking_;  // woken (or spuriously: the next Submit then wakes another)
    }
    if (queue_.empty()) return;  // stopping, and nothing left to run
    Item item = std::move(queue_.front());
    queue_.pop_front();
    ++busy_;
    lock.unlock();
    const bool expired = std::chrono::steady_clock::now() - item.queued_at > max_wait_;
    item.job(expired);  // jobs catch their own exceptions (the transport wraps every handler)
    item.job = nullptr;
    lock.lock();
    --busy_;
  }
}

}  // namespace srm::api::http
