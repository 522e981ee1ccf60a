// Search, filters and sort of the list routes (issue 18): the query parameters are read
// and checked here, once for every list, and handed to the store as a store::ListNarrowing whose
// values are always bound. A narrowing only ever removes rows from what the reader's scope shows.
//
//   q=<text>            contained in the list's text columns (ASCII letters case-folded), ≤ 200 bytes
//   sort=<key>|-<key>   one of the list's sort keys, "-" for descending; none = newest change first
//   <date keys>         YYYY-MM-DD, inclusive bounds on the list's date column
//
// Reasons (400): unknown_parameter (a query key the list does not take), unknown_sort,
// invalid_value (not UTF-8, control characters, a bad date), too_long.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "api/routes.h"
#include "store/list_narrowing.h"

namespace srm::api {

struct ListQuerySpec {
  std::initializer_list<std::string_view> filters;    // the list's own keys (status, area_id, ...)
  std::initializer_list<std::string_view> sort_keys;  // "title", "due", ...
  const char* date_from_key = nullptr;                // e.g. "due_from"; nullptr = no date filter
  const char* date_to_key = nullptr;
};

// Every query key is one of spec.filters, q, sort, the date keys, or the paging and export keys
// (limit, cursor, format, lang); then the narrowing they ask for.
Result<store::ListNarrowing> ListQueryFrom(const Ctx& c, const ListQuerySpec& spec);

// A filter value: printable UTF-8 of at most max_bytes.
Status CheckFilterValue(const std::string& value, const char* key, size_t max_bytes = 64);

}  // namespace srm::api
