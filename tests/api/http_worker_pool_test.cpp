// The HTTP transport's worker pool (src/api/http/worker_pool.h) on its own: a worker that
// finishes a job takes the queued ones without being woken, a sleeping worker is woken when the
// others are busy, no job is left in the queue while workers sleep, and a full queue refuses.
// Outcomes only: a wait in a test is a bound for a failure to show, never a measured time.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "api/http/worker_pool.h"

namespace srm::api::http {
namespace {

using namespace std::chrono_literals;

// Waits (at most 10 s, so that a failure fails instead of hanging) until `done` holds.
template <class F>
bool WaitFor(F done) {
  for (int i = 0; i < 2000 && !done(); ++i) std::this_thread::sleep_for(5ms);
  return done();
}

TEST(HttpWorkerPool, AWorkerThatFinishesTakesTheQueuedJobsWithoutBeingWoken) {
  WorkerPool pool(1, 16, 60s);
  std::promise<void> started, release;
  std::shared_future<void> released = release.get_future().share();
  std::mutex mu;
  std::vector<int> order;
  std::vector<std::thread::id> ran_on;
  auto record = [&](int n) {
    std::lock_guard l(mu);
    order.push_back(n);
    ran_on.push_back(std::this_thread::get_id());
  };
  ASSERT_TRUE(pool.Submit([&](bool) {
    started.set_value();
    released.wait();
    record(1);
  }));
  ASSERT_EQ(started.get_future().wait_for(10s), std::future_status::ready);
  // The only worker is busy: queuing wakes nobody.
  const size_t woken = pool.wakeups();
  ASSERT_TRUE(pool.Submit([&](bool expired) {
    EXPECT_FALSE(expired);
    record(2);
  }));
  ASSERT_TRUE(pool.Submit([&](bool) { record(3); }));
  EXPECT_EQ(pool.wakeups(), woken);
  EXPECT_EQ(pool.queued(), 2u);
  release.set_value();
  ASSERT_TRUE(WaitFor([&] {
    std::lock_guard l(mu);
    return order.size() == 3;
  }));
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(ran_on[1], ran_on[0]);
  EXPECT_EQ(ran_on[2], ran_on[0]);
  EXPECT_EQ(pool.wakeups(), woken);  // the finishing worker went on without sleeping
}

TEST(HttpWorkerPool, ASleepingWorkerIsWokenWhenTheOthersAreBusy) {
  WorkerPool pool(2, 16, 60s);
  // Each job waits for the other to have started: both finish only if both workers run them.
  std::promise<void> a_started, b_started;
  std::shared_future<void> a = a_started.get_future().share(), b = b_started.get_future().share();
  std::atomic<int> finished{0};
  ASSERT_TRUE(pool.Submit([&](bool) {
    a_started.set_value();
    if (b.wait_for(10s) == std::future_status::ready) ++finished;
  }));
  ASSERT_EQ(a.wait_for(10s), std::future_status::ready);
  ASSERT_TRUE(pool.Submit([&](bool) {
    b_started.set_value();
    if (a.wait_for(10s) == std::future_status::ready) ++finished;
  }));
  EXPECT_TRUE(WaitFor([&] { return finished.load() == 2; }));
}

TEST(HttpWorkerPool, NoJobStaysQueuedWhileWorkersSleep) {
  // Many submitters and short jobs: every job runs without Shutdown having to run the rest.
  WorkerPool pool(4, 100000, 60s);
  constexpr int kSubmitters = 8, kJobs = 2000;
  std::atomic<int> ran{0};
  std::vector<std::thread> submitters;
  for (int t = 0; t < kSubmitters; ++t)
    submitters.emplace_back([&] {
      for (int i = 0; i < kJobs; ++i) {
        ASSERT_TRUE(pool.Submit([&](bool) { ++ran; }));
        if (i % 64 == 0) std::this_thread::yield();  // let workers go to sleep now and then
      }
    });
  for (auto& t : submitters) t.join();
  EXPECT_TRUE(WaitFor([&] { return ran.load() == kSubmitters * kJobs; })) << ran.load();
  EXPECT_EQ(pool.queued(), 0u);
  // Single jobs, each submitted to a pool whose workers are all asleep, are each answered too.
  for (int i = 0; i < 50; ++i) {
    std::promise<void> done;
    auto f = done.get_future();
    ASSERT_TRUE(pool.Submit([&](bool) { done.set_value(); }));
    ASSERT_EQ(f.wait_for(10s), std::future_status::ready) << i;
  }
}

// Holds a pool's only worker busy with one job until Release(): what is submitted meanwhile queues.
// The job keeps its own copy of the release signal, so it never reaches back into this object.
class Occupied {
 public:
  explicit Occupied(WorkerPool& pool) : released_(release_.get_future().share()) {
    ok_ = pool.Submit([this, released = released_](bool) {
      started_.set_value();
      released.wait();
    });
    ok_ = ok_ && started_.get_future().wait_for(10s) == std::future_status::ready;
  }
  bool ok() const { return ok_; }
  void Release() { release_.set_value(); }

 private:
  std::promise<void> started_, release_;
  std::shared_future<void> released_;
  bool ok_ = false;
};

TEST(HttpWorkerPool, AFullQueueRefusesAndLeavesTheJobWithTheCaller) {
  WorkerPool pool(1, 2, 60s);
  Occupied busy(pool);
  ASSERT_TRUE(busy.ok());
  std::atomic<int> ran{0};
  ASSERT_TRUE(pool.Submit([&](bool) { ++ran; }));
  ASSERT_TRUE(pool.Submit([&](bool) { ++ran; }));
  bool kept_ran = false;
  WorkerPool::Job refused = [&](bool) { kept_ran = true; };
  EXPECT_FALSE(pool.Submit(std::move(refused)));
  ASSERT_TRUE(refused);  // still the caller's
  refused(true);
  EXPECT_TRUE(kept_ran);
  busy.Release();
  EXPECT_TRUE(WaitFor([&] { return ran.load() == 2; }));
}

TEST(HttpWorkerPool, AJobThatWaitedLongerThanMaxWaitIsToldSo) {
  WorkerPool pool(1, 4, 1ms);
  Occupied busy(pool);
  ASSERT_TRUE(busy.ok());
  std::promise<bool> expired;
  ASSERT_TRUE(pool.Submit([&](bool e) { expired.set_value(e); }));
  std::this_thread::sleep_for(20ms);  // longer than max_wait: the queued job has expired
  busy.Release();
  auto f = expired.get_future();
  ASSERT_EQ(f.wait_for(10s), std::future_status::ready);
  EXPECT_TRUE(f.get());
}

}  // namespace
}  // namespace srm::api::http
