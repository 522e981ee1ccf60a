// security/password_hasher.h: at most max_active hashes at once, at most max_queued waiting, then
// "busy" at once. Outcomes only: the test holds slots itself instead of racing real hashes.
#include "security/password_hasher.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace srm::security {
namespace {

// Waits (bounded) until `n` callers wait in line at the gate.
bool WaitForQueued(const WorkGate& gate, int n) {
  for (int i = 0; i < 4000 && gate.queued() < n; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return gate.queued() == n;
}

TEST(WorkGateTest, ALimitOfOneAndALineOfOneRefusesTheThird) {
  WorkGate gate(1, 1, 60'000);
  auto first = gate.Enter();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(gate.active(), 1);

  bool second_entered = false;
  std::thread second([&] {
    auto t = gate.Enter();  // waits in line for the slot
    second_entered = t.has_value();
  });
  ASSERT_TRUE(WaitForQueued(gate, 1));

  auto third = gate.Enter();  // the line is full: refused at once
  ASSERT_FALSE(third.has_value());
  EXPECT_EQ(third.error().kind, ErrorKind::kUnavailable);
  EXPECT_EQ(third.error().code, "busy");

  first->Release();
  second.join();
  EXPECT_TRUE(second_entered);
  EXPECT_EQ(gate.active(), 0);  // the second's ticket ended with its thread
  EXPECT_EQ(gate.queued(), 0);
  EXPECT_TRUE(gate.Enter().has_value());
}

TEST(WorkGateTest, AWaitThatRunsOutIsBusy) {
  WorkGate gate(1, 4, 0);
  auto held = gate.Enter();
  ASSERT_TRUE(held.has_value());
  auto waited = gate.Enter();
  ASSERT_FALSE(waited.has_value());
  EXPECT_EQ(waited.error().code, "busy");
  EXPECT_EQ(gate.queued(), 0);
}

TEST(WorkGateTest, TheDefaultIsAtMostFourAtOnce) {
  WorkGate gate(0, 0, 0);
  EXPECT_GE(gate.max_active(), 1);
  EXPECT_LE(gate.max_active(), 4);
  std::vector<WorkGate::Ticket> held;
  for (int i = 0; i < gate.max_active(); ++i) {
    auto t = gate.Enter();
    ASSERT_TRUE(t.has_value());
    held.push_back(std::move(*t));
  }
  EXPECT_FALSE(gate.Enter().has_value());  // no line at all: busy
  held.pop_back();
  EXPECT_TRUE(gate.Enter().has_value());
}

TEST(PasswordHasherTest, HashesAndVerifiesThroughTheGate) {
  ASSERT_TRUE(InitCrypto().has_value());
  PasswordHasher hasher(PasswordCost::Minimum(), {.max_active = 1, .max_queued = 0, .max_wait_ms = 0});
  auto hash = hasher.Hash("correct horse battery");
  ASSERT_TRUE(hash.has_value());
  EXPECT_EQ(*hasher.Verify("correct horse battery", *hash), true);
  EXPECT_EQ(*hasher.Verify("wrong", *hash), false);
  EXPECT_EQ(*hasher.VerifyDummy("correct horse battery"), false);
  EXPECT_EQ(*hasher.Verify("anything", ""), false);

  // While the only slot is taken, every kind of call is refused busy, the dummy one too.
  auto held = hasher.gate().Enter();
  ASSERT_TRUE(held.has_value());
  for (auto r : {hasher.Verify("x", *hash), hasher.VerifyDummy("x")}) {
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, "busy");
  }
  EXPECT_FALSE(hasher.Hash("x").has_value());
}

}  // namespace
}  // namespace srm::security
