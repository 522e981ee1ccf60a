// Paging of results that are computed in memory rather than by a store query (rates, overdue
// items): the cursor is "o<offset>", a format distinct from the stores' own cursors.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/store.h"

namespace srm::service {

// Drains every page of a store listing (list(page) -> Result<Page<T>>) into one vector.
template <typename T, typename ListFn>
Result<std::vector<T>> AllPages(ListFn list) {
  std::vector<T> out;
  store::PageRequest page{500, ""};
  for (int guard = 0; guard < 100000; ++guard) {
    SRM_ASSIGN(rows, list(page));
    for (auto& r : rows.items) out.push_back(std::move(r));
    if (rows.next.empty()) break;
    page.after = rows.next;
  }
  return out;
}

// One page of an in-memory list.
template <typename T>
Result<store::Page<T>> OffsetPage(std::vector<T> all, const store::PageRequest& page) {
  size_t offset = 0;
  if (!page.after.empty()) {
    if (page.after.size() > 12 || page.after[0] != 'o' ||
        page.after.find_first_not_of("0123456789", 1) != std::string::npos || page.after.size() < 2)
      return Invalid("bad_cursor", "unrecognised page cursor", "cursor");
    offset = std::stoul(page.after.substr(1));
  }
  const size_t limit = static_cast<size_t>(std::clamp(page.limit, 1, 500));
  store::Page<T> out;
  out.total = static_cast<int64_t>(all.size());
  for (size_t i = offset; i < all.size() && i < offset + limit; ++i) out.items.push_back(std::move(all[i]));
  if (offset + limit < all.size()) out.next = "o" + std::to_string(offset + limit);
  return out;
}

// A page of one type turned into a page of another, cursor and total kept.
template <typename To, typename From, typename Fn>
store::Page<To> MapPage(store::Page<From>&& in, Fn fn) {
  store::Page<To> out;
  out.total = in.total;
  out.next = std::move(in.next);
  out.items.reserve(in.items.size());
  for (auto& x : in.items) out.items.push_back(fn(std::move(x)));
  return out;
}

}  // namespace srm::service
