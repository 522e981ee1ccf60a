// Idempotency-Key on creating requests, over real HTTP, on SQLite (and on PostgreSQL in the second
// test pass): a repeat returns the first answer and creates nothing; a reused key with another body,
// another user's key, racing repeats and malformed keys are each answered clearly.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "api/test_server.h"

namespace srm::testing {
namespace {

int64_t CountTitled(TestServer& s, const std::string& token, const std::string& title) {
  auto list = s.Call("GET", "/api/v1/sras?limit=500", json(), token);
  int64_t n = 0;
  for (const auto& item : list.body["items"])
    if (item.value("title", "") == title) ++n;
  return n;
}

httplib::Headers WithKey(const std::string& token, const std::string& key) {
  httplib::Headers h = TestServer::Auth(token);
  h.emplace("Idempotency-Key", key);
  return h;
}

TEST(IdempotencyTest, ARepeatReturnsTheFirstAnswerAndCreatesNothing) {
  TestServer s;
  const std::string sp = s.Login("sp");
  const std::string body = json{{"area_id", "area_2"}, {"title", "idempotent one"}}.dump();
  auto first = s.Call("POST", "/api/v1/sras", body, WithKey(sp, "key-1"));
  ASSERT_EQ(first.status, 201) << first.raw;
  auto again = s.Call("POST", "/api/v1/sras", body, WithKey(sp, "key-1"));
  ASSERT_EQ(again.status, 201) << again.raw;
  EXPECT_EQ(again.body["id"], first.body["id"]);
  EXPECT_EQ(again.raw, first.raw);
  std::map<std::string, std::string> headers(again.headers.begin(), again.headers.end());
  EXPECT_EQ(headers["Idempotent-Replayed"], "true");
  EXPECT_EQ(CountTitled(s, sp, "idempotent one"), 1);

  // Without a key every request is its own.
  const std::string plain = json{{"area_id", "area_2"}, {"title", "no key"}}.dump();
  EXPECT_EQ(s.Call("POST", "/api/v1/sras", plain, TestServer::Auth(sp)).status, 201);
  EXPECT_EQ(s.Call("POST", "/api/v1/sras", plain, TestServer::Auth(sp)).status, 201);
  EXPECT_EQ(CountTitled(s, sp, "no key"), 2);

  // The chain holds one creation for the keyed request.
  auto verify = s.Call("GET", "/api/v1/audit/verify", json(), s.Login("auditor"));
  EXPECT_EQ(verify.body["ok"], true) << verify.raw;
}

TEST(IdempotencyTest, AKeyReusedForAnotherRequestIsRefused) {
  TestServer s;
  const std::string sp = s.Login("sp");
  ASSERT_EQ(s.Call("POST", "/api/v1/sras", json{{"area_id", "area_2"}, {"title", "first use"}}.dump(),
                   WithKey(sp, "reused"))
                .status,
            201);
  auto other = s.Call("POST", "/api/v1/sras", json{{"area_id", "area_2"}, {"title", "second use"}}.dump(),
                      WithKey(sp, "reused"));
  EXPECT_EQ(other.status, 422) << other.raw;
  EXPECT_EQ(other.Code(), "idempotency_key_reused");
  EXPECT_EQ(other.Field(), "Idempotency-Key");
  EXPECT_EQ(CountTitled(s, sp, "second use"), 0);
}

TEST(IdempotencyTest, KeysBelongToTheirUser) {
  TestServer s;
  const std::string sp = s.Login("sp"), cell = s.Login("cell");
  const std::string body = json{{"area_id", "area_2"}, {"title", "mine"}}.dump();
  ASSERT_EQ(s.Call("POST", "/api/v1/sras", body, WithKey(sp, "shared-key")).status, 201);
  // Another user with the same key gets their own answer (here: not allowed to create SRAs), never
  // the first user's.
  auto theirs = s.Call("POST", "/api/v1/sras", body, WithKey(cell, "shared-key"));
  EXPECT_EQ(theirs.status, 403) << theirs.raw;
}

TEST(IdempotencyTest, RacingRepeatsCreateOneRecord) {
  TestServer s;
  const std::string sp = s.Login("sp");
  const std::string body = json{{"area_id", "area_2"}, {"title", "raced"}}.dump();
  std::vector<std::thread> threads;
  std::mutex mu;
  std::set<std::string> ids;
  std::atomic<int> odd{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      auto r = s.Call("POST", "/api/v1/sras", body, WithKey(sp, "race-key"));
      if (r.status == 201) {
        std::lock_guard lock(mu);
        ids.insert(r.body["id"].get<std::string>());
      } else if (!(r.status == 409 && r.Code() == "idempotency_key_in_use")) {
        ++odd;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(odd.load(), 0);
  EXPECT_EQ(ids.size(), 1u);
  EXPECT_EQ(CountTitled(s, sp, "raced"), 1);
  // Once settled, every repeat is answered with that one record.
  auto settled = s.Call("POST", "/api/v1/sras", body, WithKey(sp, "race-key"));
  EXPECT_EQ(settled.status, 201);
  if (!ids.empty()) {
    EXPECT_EQ(settled.body["id"], *ids.begin());
  }
}

TEST(IdempotencyTest, MalformedKeysAndRefusedRequests) {
  TestServer s;
  const std::string sp = s.Login("sp");
  const std::string body = json{{"area_id", "area_2"}, {"title", "k"}}.dump();
  auto too_long = s.Call("POST", "/api/v1/sras", body, WithKey(sp, std::string(300, 'k')));
  EXPECT_EQ(too_long.status, 400);
  EXPECT_EQ(too_long.Code(), "invalid_idempotency_key");
  // A refused request records nothing: after fixing the input, the same key goes through.
  auto refused = s.Call("POST", "/api/v1/sras", json{{"area_id", "nope"}, {"title", "fixed later"}}.dump(),
                        WithKey(sp, "fix-me"));
  EXPECT_GE(refused.status, 400);
  EXPECT_LT(refused.status, 500);
  auto wrong_body_same_key = s.Call("POST", "/api/v1/sras", json{{"area_id", "area_2"}, {"title", "fixed later"}}.dump(),
                                    WithKey(sp, "fix-me"));
  EXPECT_EQ(wrong_body_same_key.status, 201) << wrong_body_same_key.raw;
}

}  // namespace
}  // namespace srm::testing
