#include "server/config.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

namespace srm::server {
namespace {

int Cores() { return std::max(1, static_cast<int>(std::thread::hardware_concurrency())); }

TEST(EffectiveThreads, OnSqliteOneWorkerPerCoreAndNeverFewerThanTwo) {
  // CPU-bound handlers: a worker beyond the cores only takes CPU from the connection threads.
  Config c;
  EXPECT_EQ(EffectiveThreads(c), std::max(2, Cores()));
  c.db = "sqlite:/tmp/x.db";
  EXPECT_EQ(EffectiveThreads(c), std::max(2, Cores()));
}

TEST(EffectiveThreads, OnPostgresEightPerCoreSinceHandlersWaitOnTheNetwork) {
  Config c;
  c.db = "postgresql://srm@127.0.0.1:5432/srm";
  EXPECT_EQ(EffectiveThreads(c), std::min(8 * Cores(), 1024));
}

TEST(EffectiveThreads, AnExplicitCountWins) {
  Config c;
  c.threads = 7;
  EXPECT_EQ(EffectiveThreads(c), 7);
  c.db = "postgresql://srm@127.0.0.1:5432/srm";
  EXPECT_EQ(EffectiveThreads(c), 7);
}

}  // namespace
}  // namespace srm::server
