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
    // The extras already written (a read writes its own members directly): the same bytes.
    std::vector<std::pair<std::string, std::string>> written;
    for (const auto& [k, v] : c.extra) written.emplace_back(k, v.dump());
    EXPECT_EQ(ViewOf(c.doc).RenderWritten(written), whole.dump()) << c.name;
  }
}

TEST(SraReadView, QuotesTextAsDumpDoes) {
  for (const std::string text : {"", "in_force", "valid until 2027-01-01", "quote\"", "back\\slash", "tab\t", "nl\n",
                                 "\x01\x1f", "\x7f", "é ü ٩", "/slash", "~"})
    EXPECT_EQ(JsonQuoted(text), json(text).dump()) << text;
}

// The ETag of a read names the bytes sent (api/routes.h DocReply); Render hands their hash with
// them, made from hashes kept with the view. It must follow the bytes: the same bytes, however
// split between the kept members and the per-read extras, give the same hash; any change to a
// member (a person renamed in the history, the reader's actions, today's validity) another.
TEST(SraReadView, HashesTheBytesItRenders) {
  using Extra = std::vector<std::pair<std::string, json>>;
  const auto hash_of = [](const json& doc, const Extra& extra, std::string* bytes = nullptr) {
    uint64_t h = 0;
    std::string out = ViewOf(doc).Render(extra, &h);
    if (bytes) *bytes = out;
    return h;
  };
  const json doc = {{"id", "sra_1"}, {"history", {{{"by", "dss"}, {"by_name", "Dana"}}}}, {"title", "T"}};
  const Extra extra = {{"validity", {{"in_force", true}}}, {"actions", {"revise"}}};
  std::string bytes, again_bytes;
  const uint64_t first = hash_of(doc, extra, &bytes);
  EXPECT_EQ(hash_of(doc, extra, &again_bytes), first);
  EXPECT_EQ(again_bytes, bytes);
  // The same bytes with the members split otherwise between the view and the extras.
  json moved = doc;
  moved.erase("title");
  Extra more = extra;
  more.emplace_back("title", "T");
  std::string moved_bytes;
  EXPECT_EQ(hash_of(moved, more, &moved_bytes), first);
  EXPECT_EQ(moved_bytes, bytes);
  // An extra replacing a kept member of the same key: the replaced member is not in the bytes.
  json stale = doc;
  stale["actions"] = {"edit"};
  EXPECT_EQ(hash_of(stale, extra), first);
  // Any change to the bytes changes the hash.
  json renamed = doc;
  renamed["history"][0]["by_name"] = "Dana Renamed";
  EXPECT_NE(hash_of(renamed, extra), first);
  EXPECT_NE(hash_of(doc, {{"validity", {{"in_force", false}}}, {"actions", {"revise"}}}), first);
  EXPECT_NE(hash_of(doc, {{"validity", {{"in_force", true}}}, {"actions", json::array()}}), first);
  EXPECT_NE(hash_of(json{{"a", "x"}}, {{"b", "y"}}), hash_of(json{{"a", "y"}}, {{"b", "x"}}));
  EXPECT_NE(hash_of(json::object(), {}), hash_of(json{{"a", ""}}, {}));
  // Without a hash asked for, the same bytes.
  EXPECT_EQ(ViewOf(doc).Render(extra), bytes);
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
