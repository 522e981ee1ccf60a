// The store contract: the audit chain, durability, concurrency and hostile values.
#include "store/store_conformance.h"

namespace srm::store::conformance {
namespace {

TEST_P(StoreConformanceTest, AuditEntriesFormAHashChain) {
  SRM_ASSERT_OK_AND_ASSIGN(empty, store().VerifyAudit());
  EXPECT_TRUE(empty.ok);
  EXPECT_EQ(empty.entries, 0);

  AuditEvent create = AuditOf("user.create", "user", "usr_1", R"({"username":"alice"})");
  create.before = "";
  SRM_ASSERT_OK(store().CreateUser(SampleUser("usr_1", "alice"), create));
  clock_.Advance(1500);
  AuditEvent update = AuditOf("user.update", "user", "usr_1", R"({"disabled":true})");
  update.before = R"({"disabled":false})";
  SRM_ASSERT_OK(store().UpdateUser(SampleUser("usr_1", "alice"), update));
  clock_.Advance(1500);
  SRM_ASSERT_OK(store().PutRegion({"reg_1", "Africa"}, AuditOf("region.put", "region", "reg_1")));

  SRM_ASSERT_OK_AND_ASSIGN(chain, store().ListAudit("", {50, ""}));
  ASSERT_EQ(chain.items.size(), 3u);
  EXPECT_EQ(chain.total, 3);
  EXPECT_TRUE(chain.next.empty());
  std::string previous = kGenesisHash;
  for (size_t i = 0; i < chain.items.size(); ++i) {
    const AuditEntry& e = chain.items[i];
    EXPECT_EQ(e.seq, static_cast<int64_t>(i + 1));
    EXPECT_EQ(e.prev_hash, previous);
    EXPECT_EQ(e.hash, AuditEntryHash(e));
    previous = e.hash;
  }
  const AuditEntry& second = chain.items[1];
  EXPECT_EQ(second.at, FormatTimestamp(clock_.NowMillis() - 1500));
  EXPECT_EQ(second.event.actor_id, "usr_admin");
  EXPECT_EQ(second.event.actor_name, "admin");
  EXPECT_EQ(second.event.role, "admin");
  EXPECT_EQ(second.event.action, "user.update");
  EXPECT_EQ(second.event.object_type, "user");
  EXPECT_EQ(second.event.object_id, "usr_1");
  EXPECT_EQ(second.event.before, R"({"disabled":false})");
  EXPECT_EQ(second.event.after, R"({"disabled":true})");
  EXPECT_EQ(second.event.request_id, "req-test");

  SRM_ASSERT_OK_AND_ASSIGN(of_user, store().ListAudit("usr_1", {50, ""}));
  EXPECT_EQ(of_user.total, 2);
  ASSERT_EQ(of_user.items.size(), 2u);
  EXPECT_EQ(of_user.items[0].seq, 1);
  EXPECT_EQ(of_user.items[1].seq, 2);
}

TEST_P(StoreConformanceTest, ListAuditPaginatesInChainOrder) {
  for (int i = 0; i < 12; ++i)
    SRM_ASSERT_OK(store().PutRegion({"reg_" + std::to_string(i % 3), "R"},
                                    AuditOf("region.put", "region", "reg_" + std::to_string(i % 3))));
  std::vector<int64_t> seqs;
  PageRequest request{3, ""};
  for (int pages = 0; pages < 10; ++pages) {
    SRM_ASSERT_OK_AND_ASSIGN(page, store().ListAudit("reg_1", request));
    EXPECT_EQ(page.total, 4);
    for (const AuditEntry& e : page.items) seqs.push_back(e.seq);
    if (page.next.empty()) break;
    request.after = page.next;
  }
  EXPECT_EQ(seqs, (std::vector<int64_t>{2, 5, 8, 11}));

  auto bad = store().ListAudit("", {5, "seven"});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, "bad_cursor");
}

TEST_P(StoreConformanceTest, ListAuditNewestFirstNarrowsByTypeObjectsActorActionAndTime) {
  // seq 1..12: regions and users in turn; every third by "other"; actions region.put / user.create
  // / user.update; one second apart, so `at` bounds cut the chain where expected.
  for (int i = 0; i < 12; ++i) {
    clock_.Advance(1000);
    const bool region = i % 2 == 0;
    AuditEvent e = region ? AuditOf("region.put", "region", "reg_" + std::to_string(i % 4))
                          : AuditOf(i % 4 == 1 ? "user.create" : "user.update", "user", "usr_" + std::to_string(i % 4));
    if (i % 3 == 0) e.actor_name = "other";
    if (region)
      SRM_ASSERT_OK(store().PutRegion({e.object_id, "R"}, e));
    else  // the store records the event as given: one new user per entry serves for both actions
      SRM_ASSERT_OK(store().CreateUser(SampleUser("usr_n" + std::to_string(i), "u" + std::to_string(i)), e));
  }
  auto seqs = [&](const AuditQuery& q, int limit = 50) {
    std::vector<int64_t> out;
    int64_t total = -1;
    PageRequest request{limit, ""};
    for (int pages = 0; pages < 20; ++pages) {
      auto page = store().ListAuditNewestFirst(q, request);
      EXPECT_TRUE(page.has_value()) << (page ? "" : ErrorText(page.error()));
      if (!page) break;
      EXPECT_LE(page->items.size(), static_cast<size_t>(limit));
      for (const AuditEntry& e : page->items) out.push_back(e.seq);
      if (total < 0) total = page->total;
      EXPECT_EQ(page->total, total) << "every page counts the same matches";
      if (page->next.empty()) break;
      request.after = page->next;
    }
    EXPECT_EQ(total, static_cast<int64_t>(out.size())) << "total counts every match";
    return out;
  };
  using V = std::vector<int64_t>;
  EXPECT_EQ(seqs({.object_type = "region"}), (V{11, 9, 7, 5, 3, 1}));
  EXPECT_EQ(seqs({.object_type = "region"}, 4), (V{11, 9, 7, 5, 3, 1})) << "pages of 4 neither skip nor repeat";
  EXPECT_EQ(seqs({.object_type = "region", .object_ids = std::vector<std::string>{"reg_0"}}), (V{9, 5, 1}));
  EXPECT_EQ(seqs({.object_type = "region", .object_ids = std::vector<std::string>{}}), V{}) << "a scope of no object";
  EXPECT_EQ(seqs({.object_type = "user", .actor_name = "other"}), (V{10, 4}));
  EXPECT_EQ(seqs({.object_type = "user", .action = "user.create"}), (V{10, 6, 2}));
  EXPECT_EQ(seqs({.action = "user."}), (V{12, 10, 8, 6, 4, 2})) << "a prefix ending in '.'";
  EXPECT_EQ(seqs({.action = "user"}), V{}) << "without the dot, an exact action";
  EXPECT_EQ(seqs({.action = "user.' OR '1'='1"}), V{}) << "values are bound, never SQL";
  SRM_ASSERT_OK_AND_ASSIGN(third, store().ListAudit("", {1, "2"}));  // seq 3
  SRM_ASSERT_OK_AND_ASSIGN(fifth, store().ListAudit("", {1, "4"}));  // seq 5
  EXPECT_EQ(seqs({.object_type = "region", .from = third.items.at(0).at, .to = fifth.items.at(0).at}), (V{5, 3}));

  SRM_ASSERT_OK_AND_ASSIGN(counted, store().ListAuditNewestFirst({.object_type = "region"}, {2, ""}));
  EXPECT_EQ(counted.total, 6);
  EXPECT_EQ(counted.items.size(), 2u);
  auto bad = store().ListAuditNewestFirst({}, {5, "seven"});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, "bad_cursor");
}

TEST_P(StoreConformanceTest, VerifyAuditIsOkAfterManyWrites) {
  PutGeography();
  for (int i = 0; i < 30; ++i) {
    clock_.Advance(10);
    const std::string id = std::to_string(i);
    SRM_ASSERT_OK(store().CreateUser(SampleUser("usr_" + id, "user" + id), AuditOf("user.create", "user", "usr_" + id)));
    SRM_ASSERT_OK(store().WriteSras({InsertOf(SampleSra("sra_" + id, "ser_" + id, 1, "are_kbl", "draft", "t"))},
                                    {AuditOf("sra.create", "sra", "sra_" + id), AuditOf("sra.note", "sra", "sra_" + id)}));
    SRM_ASSERT_OK(store().PutLocation({"loc_" + id, "are_kbl", "L", "office", 1, 2},
                                      AuditOf("location.put", "location", "loc_" + id)));
  }
  SRM_ASSERT_OK_AND_ASSIGN(verification, store().VerifyAudit());
  EXPECT_TRUE(verification.ok) << verification.reason;
  EXPECT_EQ(verification.entries, 4 + 30 * 4);
  EXPECT_FALSE(verification.first_bad.has_value());
}

// --- Durability and concurrency ---

TEST_P(StoreConformanceTest, DataSurvivesClosingAndReopening) {
  PutGeography();
  SRM_ASSERT_OK(store().CreateUser(SampleUser("usr_1", "alice"), AuditOf("user.create", "user", "usr_1")));
  SRM_ASSERT_OK(store().PutSession({"hash_1", "usr_1", "cookie", "csrf", 1, 99}, AuditOf("session.create", "session", "usr_1")));
  SRM_ASSERT_OK(store().InstallMethod({"v1", "{}", false, ""}, true, AuditOf("method.install", "method", "v1")));
  const SraRow row = SampleSra("sra_1", "ser_1", 1, "are_kbl", "draft", "t1");
  SRM_ASSERT_OK(store().WriteSras({InsertOf(row)}, {AuditOf("sra.create", "sra", "sra_1")}));
  SRM_ASSERT_OK_AND_ASSIGN(version_before, store().Migrate());

  SRM_ASSERT_OK(harness_->Reopen());

  SRM_ASSERT_OK_AND_ASSIGN(version_after, store().Migrate());
  EXPECT_EQ(version_after, version_before);
  SRM_ASSERT_OK_AND_ASSIGN(area, store().GetArea("are_kbl"));
  EXPECT_TRUE(area.has_value());
  SRM_ASSERT_OK_AND_ASSIGN(user, store().FindUserByName("alice"));
  ASSERT_TRUE(user.has_value());
  EXPECT_EQ(user->grants.size(), 2u);
  SRM_ASSERT_OK_AND_ASSIGN(session, store().FindSession("hash_1"));
  EXPECT_TRUE(session.has_value());
  SRM_ASSERT_OK_AND_ASSIGN(method, store().ActiveMethod());
  ASSERT_TRUE(method.has_value());
  EXPECT_EQ(method->version, "v1");
  SRM_ASSERT_OK_AND_ASSIGN(sra, store().GetSra("sra_1"));
  ASSERT_TRUE(sra.has_value());
  EXPECT_EQ(sra->doc, row.doc);

  // The chain continues where it stopped.
  SRM_ASSERT_OK(store().PutRegion({"reg_2", "Europe"}, AuditOf("region.put", "region", "reg_2")));
  SRM_ASSERT_OK_AND_ASSIGN(verification, store().VerifyAudit());
  EXPECT_TRUE(verification.ok) << verification.reason;
  EXPECT_EQ(verification.entries, 9);
}

TEST_P(StoreConformanceTest, ConcurrentWritersProduceOneValidChain) {
  constexpr int kThreads = 4;
  constexpr int kWritesPerThread = 50;
  std::atomic<int> failures{0};
  std::atomic<bool> writing{true};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kWritesPerThread; ++i) {
        const std::string id = std::to_string(t) + "_" + std::to_string(i);
        Status s = i % 2 == 0
                       ? store().PutOrganization({"org_" + id, "C" + id, "Org " + id},
                                                 AuditOf("organization.put", "organization", "org_" + id))
                       : store().WriteSras({InsertOf(SampleSra("sra_" + id, "ser_" + id, 1, "a", "draft", "t" + id))},
                                           {AuditOf("sra.create", "sra", "sra_" + id)});
        if (!s) ++failures;
      }
    });
  }
  // Readers run alongside the writers and must never fail.
  std::thread reader([&] {
    while (writing.load()) {
      if (!store().ListSras({}, {20, ""})) ++failures;
      if (!store().ListOrganizations()) ++failures;
    }
  });
  for (std::thread& thread : threads) thread.join();
  writing = false;
  reader.join();

  EXPECT_EQ(failures.load(), 0);
  SRM_ASSERT_OK_AND_ASSIGN(verification, store().VerifyAudit());
  EXPECT_TRUE(verification.ok) << verification.reason;
  EXPECT_EQ(verification.entries, kThreads * kWritesPerThread);
  SRM_ASSERT_OK_AND_ASSIGN(sras, store().ListSras({}, {1, ""}));
  EXPECT_EQ(sras.total, kThreads * kWritesPerThread / 2);
}

TEST_P(StoreConformanceTest, ValuesAreStoredVerbatimNeverInterpretedAsSql) {
  const std::string hostile = "o'brien\"; DROP TABLE users; -- ünïcödé ✓";
  domain::User u = SampleUser("usr_'1", hostile);
  u.display_name = hostile;
  SRM_ASSERT_OK(store().CreateUser(u, AuditOf("user.create", "user", hostile, hostile)));
  SRM_ASSERT_OK_AND_ASSIGN(found, store().FindUserByName(hostile));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->display_name, hostile);
  EXPECT_EQ(found->id, "usr_'1");
  SRM_ASSERT_OK_AND_ASSIGN(sras, store().ListSras(Filter([&](SraFilter& f) {
                                                       f.statuses = {hostile, "\"]"};
                                                       f.area_ids = {hostile};
                                                     }),
                                                     {10, ""}));
  EXPECT_EQ(sras.total, 0);
  SRM_ASSERT_OK_AND_ASSIGN(audit, store().ListAudit(hostile, {10, ""}));
  ASSERT_EQ(audit.items.size(), 1u);
  EXPECT_EQ(audit.items[0].event.after, hostile);
  SRM_ASSERT_OK_AND_ASSIGN(verification, store().VerifyAudit());
  EXPECT_TRUE(verification.ok);
}

}  // namespace
}  // namespace srm::store::conformance
