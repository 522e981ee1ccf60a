#include "api/http/worker_pool.h"

#include <algorithm>

namespace srm::api::http {

WorkerPool::WorkerPool(int threads, size_t queue_max, std::chrono::milliseconds max_wait)
    : queue_max_(std::max<size_t>(queue_max, 1)), max_wait_(max_wait) {
  const int n = std::max(threads, 1);
  threads_.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) threads_.emplace_back([this] { Loop(); });
}

WorkerPool::~WorkerPool() { Shutdown(); }

bool WorkerPool::Submit(Job&& job) {
  {
    std::lock_guard lock(mu_);
    if (queue_.size() >= queue_max_) return false;
    queue_.push_back({std::move(job), std::chrono::steady_clock::now()});
  }
  cv_.notify_one();
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

void WorkerPool::Loop() {
  std::unique_lock lock(mu_);
  for (;;) {
    cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
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
