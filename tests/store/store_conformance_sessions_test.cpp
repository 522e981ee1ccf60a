// The store contract: sessions, tokens and login throttling.
#include "store/store_conformance.h"

#include "store/grants_json.h"

namespace srm::store::conformance {
namespace {

TEST_P(StoreConformanceTest, OldAttemptsArePruned) {
  SRM_ASSERT_OK_AND_ASSIGN(a, store().ReserveAttempt({{"user", "alice", 5}}, "att_1", 0, 100));
  SRM_ASSERT_OK_AND_ASSIGN(b, store().ReserveAttempt({{"user", "alice", 5}}, "att_2", 0, 200));
  SRM_ASSERT_OK_AND_ASSIGN(c, store().ReserveAttempt({{"addr", "10.0.0.1", 5}}, "att_3", 0, 300));
  ASSERT_TRUE(a && b && c);
  SRM_ASSERT_OK(store().PruneAttempts(200));  // strictly older than 200 go
  SRM_ASSERT_OK_AND_ASSIGN(alice_left, store().CountAttempts("user", "alice", 0));
  EXPECT_EQ(alice_left, 1);
  SRM_ASSERT_OK_AND_ASSIGN(addr_left, store().CountAttempts("addr", "10.0.0.1", 0));
  EXPECT_EQ(addr_left, 1);
}

TEST_P(StoreConformanceTest, SessionsAreFoundDeletedAndExpired) {
  SRM_ASSERT_OK(store().CreateUser(SampleUser("usr_alice", "alice"), AuditOf("user.create", "user", "usr_alice")));
  const Session short_lived{"hash_short", "usr_alice", "cookie", "csrf-1", 100, 1000, "ses_1", ""};
  const Session long_lived{"hash_long", "usr_alice", "api", "", 100, 5000, "tok_1", "backup job"};
  SRM_ASSERT_OK(store().PutSession(short_lived, AuditOf("session.create", "session", "usr_alice")));
  SRM_ASSERT_OK(store().PutSession(long_lived, AuditOf("token.create", "session", "usr_alice")));

  SRM_ASSERT_OK_AND_ASSIGN(found, store().FindSession("hash_short"));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->user_id, "usr_alice");
  EXPECT_EQ(found->kind, "cookie");
  EXPECT_EQ(found->csrf_token, "csrf-1");
  EXPECT_EQ(found->created_ms, 100);
  EXPECT_EQ(found->expires_ms, 1000);
  EXPECT_EQ(found->session_id, "ses_1");
  SRM_ASSERT_OK_AND_ASSIGN(api, store().FindSession("hash_long"));
  ASSERT_TRUE(api.has_value());
  EXPECT_EQ(api->kind, "api");
  EXPECT_EQ(api->name, "backup job");

  SRM_ASSERT_OK(store().DeleteExpiredSessions(1000));
  SRM_ASSERT_OK_AND_ASSIGN(expired, store().FindSession("hash_short"));
  EXPECT_FALSE(expired.has_value());
  SRM_ASSERT_OK_AND_ASSIGN(still_there, store().FindSession("hash_long"));
  EXPECT_TRUE(still_there.has_value());

  SRM_ASSERT_OK(store().DeleteSession("hash_long", AuditOf("session.delete", "session", "usr_alice")));
  SRM_ASSERT_OK_AND_ASSIGN(deleted, store().FindSession("hash_long"));
  EXPECT_FALSE(deleted.has_value());
  SRM_ASSERT_OK(store().DeleteSession("hash_long", AuditOf("session.delete", "session", "usr_alice")));

  Status orphan = store().PutSession({"hash_x", "usr_none", "cookie", "c", 0, 1, "ses_x", ""},
                                     AuditOf("session.create", "session", "x"));
  ASSERT_FALSE(orphan.has_value());
  EXPECT_EQ(orphan.error().code, "unknown_reference");
}

// perf12: remembered parses answer exactly what parsing answers; a corrupt text is refused every
// time, also after it was read once and after good texts were remembered.
TEST(GrantsJsonTest, RememberedParsesMatchParsingAndCorruptTextIsAlwaysRefused) {
  const std::vector<domain::RoleGrant> grants{{domain::Role::kSecurityProfessional, "org_undp", "cty_af", ""},
                                              {domain::Role::kAuditor, "", "", ""}};
  const std::string text = GrantsToJson(grants);
  for (int i = 0; i < 3; ++i) {
    SRM_ASSERT_OK_AND_ASSIGN(read, GrantsFromJson(text));
    EXPECT_EQ(read, grants);
  }
  const std::string other = GrantsToJson({{domain::Role::kAdmin, "", "", ""}});
  SRM_ASSERT_OK_AND_ASSIGN(admin, GrantsFromJson(other));
  ASSERT_EQ(admin.size(), 1u);
  EXPECT_EQ(admin[0].role, domain::Role::kAdmin);
  for (const std::string& bad : {std::string("[{\"role\":\"nobody\",\"org_id\":\"\",\"country_id\":\"\",\"area_id\":\"\"}]"),
                                std::string("not json"), text.substr(0, text.size() - 1)}) {
    for (int i = 0; i < 2; ++i) {
      auto refused = GrantsFromJson(bad);
      ASSERT_FALSE(refused.has_value());
      EXPECT_EQ(refused.error().code, "corrupt_grants");
    }
  }
  // More distinct texts than are remembered: the first is still read right afterwards.
  for (int i = 0; i < 300; ++i) {
    SRM_ASSERT_OK_AND_ASSIGN(one, GrantsFromJson(GrantsToJson({{domain::Role::kAuditor, "org_" + std::to_string(i), "", ""}})));
    ASSERT_EQ(one.size(), 1u);
    EXPECT_EQ(one[0].org_id, "org_" + std::to_string(i));
  }
  SRM_ASSERT_OK_AND_ASSIGN(again, GrantsFromJson(text));
  EXPECT_EQ(again, grants);
}

// perf12: the grants are parsed once per distinct stored text (store/grants_json.cpp), so a
// grant changed between two reads must be what the very next read answers, and a change back
// too, on every backend (a server sharing the database sees only the row it reads).
TEST_P(StoreConformanceTest, ChangedGrantsAreReadByTheNextSessionLookup) {
  PutGeography();
  domain::User alice = SampleUser("usr_alice", "alice");
  SRM_ASSERT_OK(store().CreateUser(alice, AuditOf("user.create", "user", "usr_alice")));
  SRM_ASSERT_OK(store().PutSession({"hash_a", "usr_alice", "cookie", "csrf-a", 100, 1000, "ses_a", ""},
                                   AuditOf("session.create", "session", "usr_alice")));
  const std::vector<domain::RoleGrant> first = alice.grants;
  for (int round = 0; round < 2; ++round) {
    SRM_ASSERT_OK_AND_ASSIGN(before, store().FindSessionUser("hash_a"));
    ASSERT_TRUE(before.has_value());
    EXPECT_EQ(before->user.grants, first);

    alice.grants = {{domain::Role::kAuditor, "", "", ""}};  // the professional grant revoked
    SRM_ASSERT_OK(store().UpdateUser(alice, AuditOf("user.update", "user", "usr_alice")));
    SRM_ASSERT_OK_AND_ASSIGN(revoked, store().FindSessionUser("hash_a"));
    ASSERT_TRUE(revoked.has_value());
    EXPECT_EQ(revoked->user.grants, alice.grants);

    alice.grants = first;  // and given back
    SRM_ASSERT_OK(store().UpdateUser(alice, AuditOf("user.update", "user", "usr_alice")));
  }
  alice.disabled = true;
  SRM_ASSERT_OK(store().UpdateUser(alice, AuditOf("user.update", "user", "usr_alice")));
  SRM_ASSERT_OK_AND_ASSIGN(disabled, store().FindSessionUser("hash_a"));
  EXPECT_FALSE(disabled.has_value());  // disabling ends the user's sessions at once
}

// Authentication reads the session, its user and the organization's code in one query.
TEST_P(StoreConformanceTest, SessionIsFoundWithItsUserAndOrganizationCode) {
  PutGeography();
  SRM_ASSERT_OK(store().CreateUser(SampleUser("usr_alice", "alice"), AuditOf("user.create", "user", "usr_alice")));
  domain::User orgless = SampleUser("usr_bob", "bob");
  orgless.organization_id = "";
  SRM_ASSERT_OK(store().CreateUser(orgless, AuditOf("user.create", "user", "usr_bob")));
  SRM_ASSERT_OK(store().PutSession({"hash_a", "usr_alice", "cookie", "csrf-a", 100, 1000, "ses_a", ""},
                                   AuditOf("session.create", "session", "usr_alice")));
  SRM_ASSERT_OK(store().PutSession({"hash_b", "usr_bob", "token", "", 100, 1000, "ses_b", ""},
                                   AuditOf("session.create", "session", "usr_bob")));

  SRM_ASSERT_OK_AND_ASSIGN(alice, store().FindSessionUser("hash_a"));
  ASSERT_TRUE(alice.has_value());
  EXPECT_EQ(alice->session.user_id, "usr_alice");
  EXPECT_EQ(alice->session.kind, "cookie");
  EXPECT_EQ(alice->session.csrf_token, "csrf-a");
  EXPECT_EQ(alice->session.expires_ms, 1000);
  EXPECT_EQ(alice->session.session_id, "ses_a");
  SRM_ASSERT_OK_AND_ASSIGN(alice_alone, store().GetUser("usr_alice"));
  EXPECT_EQ(alice->user, *alice_alone);  // the same user GetUser reads, grants included
  EXPECT_EQ(alice->organization_code, "UNDP");

  SRM_ASSERT_OK_AND_ASSIGN(bob, store().FindSessionUser("hash_b"));
  ASSERT_TRUE(bob.has_value());
  EXPECT_EQ(bob->user.id, "usr_bob");
  EXPECT_EQ(bob->organization_code, "");

  SRM_ASSERT_OK_AND_ASSIGN(none, store().FindSessionUser("hash_none"));
  EXPECT_FALSE(none.has_value());
}

// One sign-in: a cookie row and a token row sharing a session id.
void PutSignIn(Store& store, const std::string& user_id, const std::string& session_id, int64_t expires_ms = 10'000) {
  SRM_ASSERT_OK(store.PutSessions({{"cookie_" + session_id, user_id, "cookie", "csrf", 100, expires_ms, session_id, ""},
                                   {"token_" + session_id, user_id, "token", "", 100, expires_ms, session_id, ""}},
                                  AuditOf("auth.login", "user", user_id)));
}

bool Exists(Store& store, const std::string& token_hash) {
  auto found = store.FindSession(token_hash);
  EXPECT_TRUE(found.has_value());
  return found.has_value() && found->has_value();
}

TEST_P(StoreConformanceTest, SigningOutWithEitherSecretEndsTheWholeSignIn) {
  SRM_ASSERT_OK(store().CreateUser(SampleUser("usr_alice", "alice"), AuditOf("user.create", "user", "usr_alice")));
  PutSignIn(store(), "usr_alice", "ses_a");
  PutSignIn(store(), "usr_alice", "ses_b");
  EXPECT_EQ(AuditCount(store()), 3);  // a sign-in is one write, one audit entry

  // Out with the cookie: the token of that sign-in goes too; the other sign-in stays.
  SRM_ASSERT_OK(store().DeleteSession("cookie_ses_a", AuditOf("auth.logout", "user", "usr_alice")));
  EXPECT_FALSE(Exists(store(), "cookie_ses_a"));
  EXPECT_FALSE(Exists(store(), "token_ses_a"));
  EXPECT_TRUE(Exists(store(), "cookie_ses_b"));
  // Out with the token: the cookie goes too.
  SRM_ASSERT_OK(store().DeleteSession("token_ses_b", AuditOf("auth.logout", "user", "usr_alice")));
  EXPECT_FALSE(Exists(store(), "cookie_ses_b"));
  EXPECT_FALSE(Exists(store(), "token_ses_b"));
}

TEST_P(StoreConformanceTest, TokensAreListedAndRevokedByIdOnlyForTheirOwner) {
  SRM_ASSERT_OK(store().CreateUser(SampleUser("usr_alice", "alice"), AuditOf("user.create", "user", "usr_alice")));
  SRM_ASSERT_OK(store().CreateUser(SampleUser("usr_bob", "bob"), AuditOf("user.create", "user", "usr_bob")));
  SRM_ASSERT_OK(store().PutSession({"h_t2", "usr_alice", "api", "", 200, 9000, "tok_2", "reports"},
                                   AuditOf("auth.token.create", "user", "usr_alice")));
  SRM_ASSERT_OK(store().PutSession({"h_t1", "usr_alice", "api", "", 100, 9000, "tok_1", "backup"},
                                   AuditOf("auth.token.create", "user", "usr_alice")));
  SRM_ASSERT_OK(store().PutSession({"h_t3", "usr_bob", "api", "", 100, 9000, "tok_3", "bob's"},
                                   AuditOf("auth.token.create", "user", "usr_bob")));
  PutSignIn(store(), "usr_alice", "ses_a");

  SRM_ASSERT_OK_AND_ASSIGN(tokens, store().ListSessions("usr_alice", "api"));
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].session_id, "tok_1");  // oldest first
  EXPECT_EQ(tokens[0].name, "backup");
  EXPECT_EQ(tokens[1].session_id, "tok_2");

  const int64_t before = AuditCount(store());
  Status not_hers = store().RevokeSession("usr_alice", "tok_3", AuditOf("auth.token.revoke", "user", "usr_alice"));
  ASSERT_FALSE(not_hers.has_value());
  EXPECT_EQ(not_hers.error().kind, ErrorKind::kNotFound);
  EXPECT_TRUE(Exists(store(), "h_t3"));
  EXPECT_EQ(AuditCount(store()), before);  // refused: nothing audited

  SRM_ASSERT_OK(store().RevokeSession("usr_alice", "tok_1", AuditOf("auth.token.revoke", "user", "usr_alice")));
  EXPECT_FALSE(Exists(store(), "h_t1"));
  EXPECT_TRUE(Exists(store(), "h_t2"));
  EXPECT_TRUE(Exists(store(), "cookie_ses_a"));
  EXPECT_EQ(AuditCount(store()), before + 1);
}

TEST_P(StoreConformanceTest, APasswordChangeEndsEveryOtherSessionAndToken) {
  SRM_ASSERT_OK(store().CreateUser(SampleUser("usr_alice", "alice"), AuditOf("user.create", "user", "usr_alice")));
  SRM_ASSERT_OK(store().CreateUser(SampleUser("usr_bob", "bob"), AuditOf("user.create", "user", "usr_bob")));
  PutSignIn(store(), "usr_alice", "ses_here");
  PutSignIn(store(), "usr_alice", "ses_elsewhere");
  PutSignIn(store(), "usr_bob", "ses_bob");
  SRM_ASSERT_OK(store().PutSession({"h_tok", "usr_alice", "api", "", 100, 9000, "tok_1", "ci"},
                                   AuditOf("auth.token.create", "user", "usr_alice")));

  SRM_ASSERT_OK(store().SetPasswordHash("usr_alice", "$argon2id$new", "ses_here",
                                        AuditOf("user.password", "user", "usr_alice")));
  SRM_ASSERT_OK_AND_ASSIGN(alice, store().GetUser("usr_alice"));
  EXPECT_EQ(alice->password_hash, "$argon2id$new");
  EXPECT_TRUE(Exists(store(), "cookie_ses_here"));  // the sign-in that changed it
  EXPECT_TRUE(Exists(store(), "token_ses_here"));
  EXPECT_FALSE(Exists(store(), "cookie_ses_elsewhere"));
  EXPECT_FALSE(Exists(store(), "token_ses_elsewhere"));
  EXPECT_FALSE(Exists(store(), "h_tok"));
  EXPECT_TRUE(Exists(store(), "cookie_ses_bob"));  // another user's: untouched

  // An administrator's reset keeps none.
  SRM_ASSERT_OK(store().SetPasswordHash("usr_alice", "$argon2id$reset", "", AuditOf("user.password", "user", "usr_alice")));
  EXPECT_FALSE(Exists(store(), "cookie_ses_here"));
  EXPECT_FALSE(Exists(store(), "token_ses_here"));

  Status ghost = store().SetPasswordHash("usr_ghost", "$x", "", AuditOf("user.password", "user", "usr_ghost"));
  ASSERT_FALSE(ghost.has_value());
  EXPECT_EQ(ghost.error().kind, ErrorKind::kNotFound);
}

TEST_P(StoreConformanceTest, DisablingEndsSessionsForGoodAndADisabledUserGetsNone) {
  domain::User alice = SampleUser("usr_alice", "alice");
  SRM_ASSERT_OK(store().CreateUser(alice, AuditOf("user.create", "user", "usr_alice")));
  PutSignIn(store(), "usr_alice", "ses_a");
  SRM_ASSERT_OK(store().PutSession({"h_tok", "usr_alice", "api", "", 100, 9000, "tok_1", "ci"},
                                   AuditOf("auth.token.create", "user", "usr_alice")));

  alice.disabled = true;
  SRM_ASSERT_OK(store().UpdateUser(alice, AuditOf("user.update", "user", "usr_alice")));
  EXPECT_FALSE(Exists(store(), "cookie_ses_a"));
  EXPECT_FALSE(Exists(store(), "token_ses_a"));
  EXPECT_FALSE(Exists(store(), "h_tok"));

  const int64_t before = AuditCount(store());
  Status refused = store().PutSessions({{"cookie_late", "usr_alice", "cookie", "c", 100, 9000, "ses_late", ""}},
                                       AuditOf("auth.login", "user", "usr_alice"));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, "user_disabled");
  EXPECT_FALSE(Exists(store(), "cookie_late"));
  EXPECT_EQ(AuditCount(store()), before);

  // Enabled again: nothing comes back.
  alice.disabled = false;
  SRM_ASSERT_OK(store().UpdateUser(alice, AuditOf("user.update", "user", "usr_alice")));
  EXPECT_FALSE(Exists(store(), "cookie_ses_a"));
  EXPECT_FALSE(Exists(store(), "h_tok"));
}

TEST_P(StoreConformanceTest, AttemptsAreReservedUpToTheLimitOnEveryCounterOrOnNone) {
  const std::vector<AttemptCounter> counters{{"user", "alice", 3}, {"addr", "10.0.0.1", 4}};
  for (int i = 0; i < 3; ++i) {
    SRM_ASSERT_OK_AND_ASSIGN(ok, store().ReserveAttempt(counters, "att_" + std::to_string(i), 0, 100 + i));
    EXPECT_TRUE(ok) << i;
  }
  // The user's counter is full: nothing is recorded, not even on the address's.
  SRM_ASSERT_OK_AND_ASSIGN(full, store().ReserveAttempt(counters, "att_x", 0, 200));
  EXPECT_FALSE(full);
  SRM_ASSERT_OK_AND_ASSIGN(addr, store().CountAttempts("addr", "10.0.0.1", 0));
  EXPECT_EQ(addr, 3);
  // Another user from the same address still has one attempt there.
  SRM_ASSERT_OK_AND_ASSIGN(bob, store().ReserveAttempt({{"user", "bob", 3}, {"addr", "10.0.0.1", 4}}, "att_b", 0, 210));
  EXPECT_TRUE(bob);
  SRM_ASSERT_OK_AND_ASSIGN(carol, store().ReserveAttempt({{"user", "carol", 3}, {"addr", "10.0.0.1", 4}}, "att_c", 0, 220));
  EXPECT_FALSE(carol);

  // Outside the window (since_ms after the attempts) they no longer count.
  SRM_ASSERT_OK_AND_ASSIGN(later, store().ReserveAttempt(counters, "att_later", 300, 400));
  EXPECT_TRUE(later);
  EXPECT_EQ(AuditCount(store()), 0);  // throttling bookkeeping is not audited
}

TEST_P(StoreConformanceTest, AReleasedAttemptNoLongerCounts) {
  const std::vector<AttemptCounter> counters{{"user", "alice", 2}, {"addr", "10.0.0.1", 10}};
  SRM_ASSERT_OK_AND_ASSIGN(first, store().ReserveAttempt(counters, "att_1", 0, 100));
  SRM_ASSERT_OK_AND_ASSIGN(second, store().ReserveAttempt(counters, "att_2", 0, 110));
  ASSERT_TRUE(first && second);
  SRM_ASSERT_OK(store().ReleaseAttempt("att_2"));  // the right password
  SRM_ASSERT_OK_AND_ASSIGN(user_count, store().CountAttempts("user", "alice", 0));
  EXPECT_EQ(user_count, 1);
  SRM_ASSERT_OK_AND_ASSIGN(addr_count, store().CountAttempts("addr", "10.0.0.1", 0));
  EXPECT_EQ(addr_count, 1);
  SRM_ASSERT_OK_AND_ASSIGN(again, store().ReserveAttempt(counters, "att_3", 0, 120));
  EXPECT_TRUE(again);
  SRM_ASSERT_OK(store().ReleaseAttempt("att_unknown"));  // releasing nothing is no error
}

TEST_P(StoreConformanceTest, OnlySettledOrAbandonedAttemptsAreFailures) {
  const std::vector<AttemptCounter> counters{{"user", "alice", 3}};
  for (const char* id : {"att_1", "att_2", "att_3"}) {
    SRM_ASSERT_OK_AND_ASSIGN(ok, store().ReserveAttempt(counters, id, 0, 100));
    EXPECT_TRUE(ok);
  }
  SRM_ASSERT_OK_AND_ASSIGN(full, store().ReserveAttempt(counters, "att_4", 0, 100));
  EXPECT_FALSE(full);  // three in flight fill the counter...
  SRM_ASSERT_OK_AND_ASSIGN(none, store().CountFailures("user", "alice", 0, 50));
  EXPECT_EQ(none, 0);  // ...but none of them is a failure yet
  SRM_ASSERT_OK(store().SettleAttempt("att_1"));
  SRM_ASSERT_OK(store().SettleAttempt("att_2"));
  SRM_ASSERT_OK(store().SettleAttempt("att_unknown"));  // settling nothing is no error
  SRM_ASSERT_OK_AND_ASSIGN(two, store().CountFailures("user", "alice", 0, 50));
  EXPECT_EQ(two, 2);
  // att_3 was never settled: once older than the cut-off its check was abandoned, and it counts.
  SRM_ASSERT_OK_AND_ASSIGN(three, store().CountFailures("user", "alice", 0, 101));
  EXPECT_EQ(three, 3);
  // Outside the window nothing counts; other subjects are apart.
  SRM_ASSERT_OK_AND_ASSIGN(old, store().CountFailures("user", "alice", 101, 200));
  EXPECT_EQ(old, 0);
  SRM_ASSERT_OK_AND_ASSIGN(bob, store().CountFailures("user", "bob", 0, 200));
  EXPECT_EQ(bob, 0);
}

TEST_P(StoreConformanceTest, ScopesAreSeparateKeySpaces) {
  // A username that looks like an address counter fills its own counter only.
  for (int i = 0; i < 3; ++i) {
    SRM_ASSERT_OK_AND_ASSIGN(ok, store().ReserveAttempt({{"user", "addr:127.0.0.31", 3}}, "att_" + std::to_string(i), 0, 100));
    EXPECT_TRUE(ok);
  }
  for (const char* subject : {"127.0.0.31", "addr:127.0.0.31"}) {
    SRM_ASSERT_OK_AND_ASSIGN(n, store().CountAttempts("addr", subject, 0));
    EXPECT_EQ(n, 0) << subject;
  }
  SRM_ASSERT_OK_AND_ASSIGN(address, store().ReserveAttempt({{"addr", "127.0.0.31", 3}}, "att_addr", 0, 100));
  EXPECT_TRUE(address);
}

TEST_P(StoreConformanceTest, ParallelReservationsNeverPassTheLimit) {
  // 40 guesses at once on one counter: exactly the limit get through, on every backend and pool
  // size (the count and the insert are one step).
  constexpr int kGuesses = 40;
  constexpr int kLimit = 5;
  std::atomic<int> granted{0}, failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kGuesses; ++t)
    threads.emplace_back([&, t] {
      auto r = store().ReserveAttempt({{"user", "victim", kLimit}, {"addr", "10.9.0." + std::to_string(t), 20}},
                                      "att_" + std::to_string(t), 0, 100);
      if (!r) ++failed;
      else if (*r) ++granted;
    });
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(granted.load(), kLimit);
  SRM_ASSERT_OK_AND_ASSIGN(count, store().CountAttempts("user", "victim", 0));
  EXPECT_EQ(count, kLimit);
}

// --- Methodology packs ---

}  // namespace
}  // namespace srm::store::conformance
