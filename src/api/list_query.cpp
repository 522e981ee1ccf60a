#include "api/list_query.h"

#include "api/request_edge.h"
#include "core/calendar.h"

namespace srm::api {
namespace {

constexpr size_t kMaxSearchBytes = 200;
constexpr std::string_view kPagingKeys[] = {"limit", "cursor", "format", "lang"};

bool Listed(std::initializer_list<std::string_view> keys, std::string_view k) {
  for (std::string_view x : keys)
    if (x == k) return true;
  return false;
}

Result<std::string> DateParam(const Ctx& c, const char* key) {
  if (!key) return std::string();
  std::string v = c.Query(key);
  if (v.empty()) return v;
  if (v.size() > 10 || !calendar::ParseIsoDate(v))
    return Invalid("invalid_value", std::string(key) + " must be a date YYYY-MM-DD", key);
  return v;
}

}  // namespace

Status CheckFilterValue(const std::string& value, const char* key, size_t max_bytes) {
  if (value.size() > max_bytes)
    return Invalid("too_long", std::string(key) + " is longer than " + std::to_string(max_bytes) + " bytes", key);
  for (unsigned char ch : value)
    if (ch < 0x20 || ch == 0x7f) return Invalid("invalid_value", std::string(key) + " holds a control character", key);
  if (!ValidUtf8(value)) return Invalid("invalid_value", std::string(key) + " is not UTF-8 text", key);
  return {};
}

Result<store::ListNarrowing> ListQueryFrom(const Ctx& c, const ListQuerySpec& spec) {
  for (const auto& [k, v] : c.req.params) {
    (void)v;
    const bool known = k == "q" || k == "sort" || Listed(spec.filters, k) ||
                       (spec.date_from_key && k == spec.date_from_key) || (spec.date_to_key && k == spec.date_to_key);
    bool paging = false;
    for (std::string_view p : kPagingKeys) paging = paging || k == p;
    if (!known && !paging) {
      // The key is echoed only when it is plain (request_edge's rule for fields).
      const bool plain = !k.empty() && k.size() <= 64 && k.find_first_not_of(
          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.") == std::string::npos;
      return Invalid("unknown_parameter", plain ? "this list takes no parameter '" + k + "'"
                                                : std::string("this list takes no such parameter"),
                     plain ? k : std::string("query"));
    }
  }
  store::ListNarrowing n;
  n.text = c.Query("q");
  SRM_TRY(CheckFilterValue(n.text, "q", kMaxSearchBytes));
  std::string sort = c.Query("sort");
  SRM_TRY(CheckFilterValue(sort, "sort", 32));
  if (!sort.empty()) {
    n.descending = sort[0] == '-';
    if (n.descending) sort.erase(0, 1);
    if (!Listed(spec.sort_keys, sort)) {
      std::string keys;
      for (std::string_view x : spec.sort_keys) keys += (keys.empty() ? "" : ", ") + std::string(x);
      return Invalid("unknown_sort", "sort must be one of " + keys + " (with '-' for descending)", "sort");
    }
    n.sort = sort;
  }
  SRM_ASSIGN(from, DateParam(c, spec.date_from_key));
  SRM_ASSIGN(to, DateParam(c, spec.date_to_key));
  n.date_from = std::move(from);
  n.date_to = std::move(to);
  return n;
}

}  // namespace srm::api
