// The caller-independent part of an SRA's read model, kept between reads.
//
// Reading an SRA (SraService::Get) parses the stored document, rebuilds the domain object,
// recomputes its levels under its methodology pack and serializes it all again: that was most
// of the server's CPU for GET /sras/{id}. None of it depends on who reads or when, only on the
// stored bytes and the pack; what does depend on them (the caller's actions, today's validity)
// is added per read. Access control is never cached: Get checks the reader on every read
// before it asks here.
//
// Exact, not time-based: an entry is used only while the stored bytes it was built from are
// still the row's bytes (compared whole), or the row is still at the revision the entry was read
// at (the store bumps it on every write, so the bytes are those), the database's people's names
// epoch is still the one read with it, and its pack is still the one the registry hands out
// for that version; anything else rebuilds it. Published versions never change, so for them
// an entry lives until evicted. Bounded by entries and bytes; the oldest entry goes first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/sra.h"
#include "service/methods.h"

namespace srm::service {

struct SraReadView {
  std::string stored;  // the row's document this view was built from
  PackPtr pack;
  domain::Sra sra;     // parsed, levels recomputed under `pack`
  // The document's top-level members, sorted by key as nlohmann::json sorts them: the key and
  // `"key":value` exactly as json::dump() writes that member.
  std::vector<std::pair<std::string, std::string>> members;
  // std::hash of each member's text (members[i].second), computed once in Make: a read's ETag
  // names the bytes it sends, and Render combines these instead of hashing the whole body again.
  std::vector<uint64_t> member_hashes;
  // The row's revision `stored` was read at: the store bumps it on every write, so a row still at
  // this revision still holds `stored` (its document need not be read again).
  int64_t revision = 0;
  // The database's people's names epoch read with the row this view was built from
  // (store::SraRow::names_epoch): the people of its history are named as they were then
  // (history[].by_name, created_by_name), so a view is used only while the row still reads the
  // same epoch. The store raises it in the transaction that creates or renames a user, whichever
  // server does it, so a rename through another server behind the same database is seen too.
  int64_t names_epoch = 0;

  // Takes the document (an object) apart into `members`.
  static SraReadView Make(std::string stored, PackPtr pack, domain::Sra sra, const nlohmann::json& doc);
  // The document with `extra` members added (replacing a member of the same key), byte for byte
  // what json::dump() writes for that object. `extra` need not be sorted. With `bytes_hash`, also
  // a hash of the bytes returned: a function of the member texts written, in order (so equal
  // bytes give an equal hash, different bytes a different one but for collisions), made from
  // member_hashes and the extras alone.
  std::string Render(std::vector<std::pair<std::string, nlohmann::json>> extra, uint64_t* bytes_hash = nullptr) const;
  // The same with each extra member's value already written as json::dump() writes it (a read
  // writes its few per-reader members directly instead of building and dumping json values).
  std::string RenderWritten(std::vector<std::pair<std::string, std::string>> extra,
                            uint64_t* bytes_hash = nullptr) const;
  size_t bytes() const;
};

// No in-process names counter: it was one per process, so a rename through another
// server left this one's views naming the old name. The database's epoch replaces it rather than
// sitting beside it as a fast path: it comes in the same statement that already reads the row's
// revision on every GET (no round trip saved by a local counter), and it is raised in the very
// transaction of a rename made here too, so a local counter could only ever agree with it.

// `text` (UTF-8) as json::dump() writes a string: quoted, escaped as it escapes.
std::string JsonQuoted(std::string_view text);

class SraReadCache {
 public:
  explicit SraReadCache(size_t max_entries = 512, size_t max_bytes = 64u << 20)
      : max_entries_(max_entries), max_bytes_(max_bytes) {}

  // The view for this SRA when it was built from exactly `stored`; null otherwise.
  std::shared_ptr<const SraReadView> Find(const std::string& id, std::string_view stored) const;
  // The view kept for this SRA, whatever it was built from (compare its revision); null if none.
  std::shared_ptr<const SraReadView> Kept(const std::string& id) const;
  // Keeps the view (replacing the SRA's previous one), evicting the oldest beyond the bounds.
  void Put(const std::string& id, std::shared_ptr<const SraReadView> view);

  size_t size() const;

 private:
  const size_t max_entries_, max_bytes_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<const SraReadView>> views_;
  std::deque<std::string> order_;  // ids, oldest first (an id may appear again after a replacement)
  size_t bytes_ = 0;
};

}  // namespace srm::service
