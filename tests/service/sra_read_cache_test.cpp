// The SRA read cache: a view renders byte for byte what json::dump() writes for the whole
// document, and an entry is found only for the exact stored bytes it was built from.
#include "service/sra_read_cache.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace srm::service {
namespace {

using nlohmann::json;

SraReadView ViewOf(const json& doc) { return SraReadView::Make(doc.dump(), nullptr, domain::Sra{}, doc); }

TEST(SraReadView, RendersWhatDumpWritesWithTheExtraMembers) {
  struct Case {
    const char* name;
    json doc;
    std::vector<std::pair<std::string, json>> extra;
  };
  const std::vector<Case> cases = {
      {"empty document, no extras", json::object(), {}},
      {"empty document, extras", json::object(), {{"validity", {{"in_force", true}}}, {"actions", json::array()}}},
      {"extras sort between members",
       {{"acceptability", json::array({1, 2})}, {"id", "sra_1"}, {"zeta", nullptr}, {"b", {{"x", 1.5}}}},
       {{"validity", {{"reason", "in_force"}, {"valid_until", nullptr}}}, {"actions", {"edit", "revise"}}}},
      {"an extra replaces a stored member of the same key",
       {{"actions", {"stale"}}, {"validity", 1}, {"title", "T"}},
       {{"validity", {{"current", false}}}, {"actions", json::array()}}},
      {"keys and values that need escaping",
       {{"quote\"key", "line\nbreak"}, {"é", "ü\u0001"}, {"A", -3}, {"a", 4294967296LL}},
       {{"\\slash", "tab\t"}, {"Z", true}}},
  };
  for (const auto& c : cases) {
    json whole = c.doc;
    for (const auto& [k, v] : c.extra) whole[k] = v;
    EXPECT_EQ(ViewOf(c.doc).Render(c.extra), whole.dump()) << c.name;
  }
}

TEST(SraReadCache, FindsOnlyTheExactStoredBytes) {
  SraReadCache cache;
  const json doc = {{"id", "sra_1"}, {"revision", 3}};
  cache.Put("sra_1", std::make_shared<const SraReadView>(ViewOf(doc)));
  ASSERT_NE(cache.Find("sra_1", doc.dump()), nullptr);
  EXPECT_EQ(cache.Find("sra_1", json{{"id", "sra_1"}, {"revision", 4}}.dump()), nullptr);  // changed since
  EXPECT_EQ(cache.Find("sra_2", doc.dump()), nullptr);                                     // another SRA
  // A newer view of the same SRA replaces the older one.
  const json newer = {{"id", "sra_1"}, {"revision", 4}};
  cache.Put("sra_1", std::make_shared<const SraReadView>(ViewOf(newer)));
  EXPECT_EQ(cache.Find("sra_1", doc.dump()), nullptr);
  EXPECT_NE(cache.Find("sra_1", newer.dump()), nullptr);
  EXPECT_EQ(cache.size(), 1u);
}

// Kept hands out the SRA's view whatever bytes it was built from: the reader compares the
// revision it was read at with the row's (SraService::Get), the store skipping the document.
TEST(SraReadCache, KeepsOneViewPerSraWithTheRevisionItWasReadAt) {
  SraReadCache cache;
  EXPECT_EQ(cache.Kept("sra_1"), nullptr);
  SraReadView v = ViewOf(json{{"id", "sra_1"}});
  v.revision = 5;
  cache.Put("sra_1", std::make_shared<const SraReadView>(std::move(v)));
  ASSERT_NE(cache.Kept("sra_1"), nullptr);
  EXPECT_EQ(cache.Kept("sra_1")->revision, 5);
  EXPECT_EQ(cache.Kept("sra_2"), nullptr);
}

TEST(SraReadCache, StaysWithinItsBoundsOldestFirst) {
  SraReadCache by_count(3, 64u << 20);
  for (int i = 0; i < 5; ++i) {
    const json doc = {{"id", "sra_" + std::to_string(i)}};
    by_count.Put("sra_" + std::to_string(i), std::make_shared<const SraReadView>(ViewOf(doc)));
  }
  EXPECT_EQ(by_count.size(), 3u);
  EXPECT_EQ(by_count.Find("sra_0", json{{"id", "sra_0"}}.dump()), nullptr);
  EXPECT_NE(by_count.Find("sra_4", json{{"id", "sra_4"}}.dump()), nullptr);

  const json big = {{"text", std::string(4000, 'x')}};
  const size_t one = ViewOf(big).bytes();
  SraReadCache by_bytes(100, one * 2 + one / 2);
  for (int i = 0; i < 4; ++i) by_bytes.Put("sra_" + std::to_string(i), std::make_shared<const SraReadView>(ViewOf(big)));
  EXPECT_EQ(by_bytes.size(), 2u);
  EXPECT_NE(by_bytes.Find("sra_3", big.dump()), nullptr);
  SraReadCache too_small(100, one - 1);  // a view larger than the whole cache is not kept
  too_small.Put("sra_0", std::make_shared<const SraReadView>(ViewOf(big)));
  EXPECT_EQ(too_small.size(), 0u);
}

}  // namespace
}  // namespace srm::service
