#include "service/sra_read_cache.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace srm::service {

using nlohmann::json;

std::string JsonQuoted(std::string_view text) {
  // Printable ASCII other than `"` and `\` is written as it is; any other text goes through dump().
  const bool plain =
      std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c <= 0x7e && c != '"' && c != '\\'; });
  if (!plain) return json(text).dump();
  std::string out;
  out.reserve(text.size() + 3);
  out.push_back('"');
  out += text;
  out.push_back('"');
  return out;
}

namespace {
// `"key":` as json::dump() writes a member's key (the same escaping as a string value).
std::string KeyPrefix(const std::string& key) { return JsonQuoted(key) + ":"; }

uint64_t MemberHash(std::string_view text) { return std::hash<std::string_view>{}(text); }

// Folds the hash of the next member written into the hash of those before it (order matters).
uint64_t Fold(uint64_t h, uint64_t member) {
  h ^= member + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h * 0xff51afd7ed558ccdULL;
}
constexpr uint64_t kEmptyHash = 0xcbf29ce484222325ULL;
}  // namespace

SraReadView SraReadView::Make(std::string stored, PackPtr pack, domain::Sra sra, const json& doc) {
  SraReadView v{std::move(stored), std::move(pack), std::move(sra), {}};
  if (doc.is_object()) {
    v.members.reserve(doc.size());
    // json's object is a std::map: items() walks it in key order, the order dump() writes.
    for (const auto& [k, val] : doc.items()) v.members.emplace_back(k, KeyPrefix(k) + val.dump());
    v.member_hashes.reserve(v.members.size());
    for (const auto& m : v.members) v.member_hashes.push_back(MemberHash(m.second));
  }
  return v;
}

std::string SraReadView::Render(std::vector<std::pair<std::string, json>> extra, uint64_t* bytes_hash) const {
  std::vector<std::pair<std::string, std::string>> written;
  written.reserve(extra.size());
  for (auto& [k, val] : extra) written.emplace_back(std::move(k), val.dump());
  return RenderWritten(std::move(written), bytes_hash);
}

std::string SraReadView::RenderWritten(std::vector<std::pair<std::string, std::string>> extra,
                                       uint64_t* bytes_hash) const {
  std::sort(extra.begin(), extra.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> dumped;
  dumped.reserve(extra.size());
  size_t total = 2;
  for (const auto& m : members) total += m.second.size() + 1;
  for (const auto& [k, val] : extra) {
    dumped.push_back(KeyPrefix(k) + val);
    total += dumped.back().size() + 1;
  }
  std::string out;
  out.reserve(total);
  out.push_back('{');
  bool first = true;
  uint64_t h = kEmptyHash;
  const auto put = [&](const std::string& member, uint64_t member_hash) {
    if (!first) out.push_back(',');
    first = false;
    out += member;
    h = Fold(h, member_hash);
  };
  // A merge of two sorted lists; on the same key the extra member wins (as doc[key] = value).
  size_t i = 0, j = 0;
  while (i < members.size() || j < extra.size()) {
    if (j == extra.size() || (i < members.size() && members[i].first < extra[j].first)) {
      put(members[i].second, i < member_hashes.size() ? member_hashes[i] : MemberHash(members[i].second));
      ++i;
    } else {
      if (i < members.size() && members[i].first == extra[j].first) ++i;
      put(dumped[j], MemberHash(dumped[j]));
      ++j;
    }
  }
  out.push_back('}');
  if (bytes_hash != nullptr) *bytes_hash = h;
  return out;
}

size_t SraReadView::bytes() const {
  size_t n = sizeof(SraReadView) + stored.size() * 2;  // the members hold about the document again
  for (const auto& m : members) n += m.first.size() + 64;
  return n;
}

std::shared_ptr<const SraReadView> SraReadCache::Find(const std::string& id, std::string_view stored) const {
  std::lock_guard lock(mu_);
  auto it = views_.find(id);
  if (it == views_.end() || it->second->stored != stored) return nullptr;
  return it->second;
}

std::shared_ptr<const SraReadView> SraReadCache::Kept(const std::string& id) const {
  std::lock_guard lock(mu_);
  auto it = views_.find(id);
  return it == views_.end() ? nullptr : it->second;
}

void SraReadCache::Put(const std::string& id, std::shared_ptr<const SraReadView> view) {
  if (!view || view->bytes() > max_bytes_) return;
  std::lock_guard lock(mu_);
  auto [it, inserted] = views_.try_emplace(id, view);
  if (!inserted) {
    bytes_ -= it->second->bytes();
    it->second = view;
  } else {
    order_.push_back(id);
  }
  bytes_ += view->bytes();
  while ((views_.size() > max_entries_ || bytes_ > max_bytes_) && !order_.empty()) {
    auto old = views_.find(order_.front());
    order_.pop_front();
    if (old == views_.end()) continue;
    bytes_ -= old->second->bytes();
    views_.erase(old);
  }
}

size_t SraReadCache::size() const {
  std::lock_guard lock(mu_);
  return views_.size();
}

}  // namespace srm::service
