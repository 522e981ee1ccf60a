// Internal to the SQL stores: composing filters and reading rows, written once for every backend.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/result.h"
#include "store/sql/database.h"
#include "store/store.h"

namespace srm::store::sql {

inline constexpr int kMaxPageLimit = 500;

// PageRequest.limit clamped to 1..kMaxPageLimit.
inline int ClampLimit(int limit) { return std::clamp(limit, 1, kMaxPageLimit); }

Status RequireId(const std::string& id, std::string_view what);

// A WHERE clause composed from fixed SQL fragments with bare ? placeholders (numbered in order);
// values are always bound, never inlined.
class WhereClause {
 public:
  template <typename... Vs>
  void Add(std::string condition, Vs&&... values) {
    conditions_.push_back(std::move(condition));
    (values_.emplace_back(std::forward<Vs>(values)), ...);
  }
  // A condition with its values already listed (the risk rank's level names).
  void AddWith(std::string condition, const Values& values) {
    conditions_.push_back(std::move(condition));
    values_.insert(values_.end(), values.begin(), values.end());
  }
  // "" or " WHERE a AND b ...".
  std::string Sql() const;
  const Values& values() const { return values_; }

 private:
  std::vector<std::string> conditions_;
  Values values_;
};

// "(updated_at|id)" cursors of the newest-first lists: adds the condition for rows after `cursor`.
Status AddNewestFirstCursor(WhereClause* after, const std::string& cursor);

// A list in a chosen order: `expr` (with `values` bound at its ?s) then id, both in one
// direction, so keyset pages neither skip nor repeat rows. Cursors are "<sort value>|<id>" (ids
// hold no '|'); an integer sort value (`numeric`) is bound as a number.
struct SortOrder {
  std::string expr = "updated_at";
  bool descending = true;
  bool numeric = false;
  Values values;
};
inline SortOrder SortBy(std::string expr, bool descending) {
  SortOrder order;
  order.expr = std::move(expr);
  order.descending = descending;
  return order;
}
Status AddSortCursor(WhereClause* after, const SortOrder& order, const std::string& cursor);
std::string OrderBySql(const SortOrder& order);
// The text search of ListNarrowing: text occurs in any of `columns` (each with ASCII folding).
void AddTextSearch(WhereClause* w, const Dialect& d, const std::string& text, const std::vector<std::string>& columns);
// ASCII letters to lower case (the bound side of Dialect::ContainsFolded).
std::string FoldAscii(std::string text);
// `CASE expr WHEN ?(level 0) THEN 1 ... ELSE 0 END` with the level names as its values.
SortOrder RankOrder(std::string_view expr, const std::vector<std::string>& levels, bool descending);
// Revisioned writes inside the caller's transaction (sql_store_records.cpp): kConflict
// "stale_revision" when a row is not at the expected revision.
Status StaleRevision(const std::string& what, int64_t expected_revision);
Status CheckRevision(int64_t expected_revision);
Status WriteSraRows(Executor& e, const std::vector<SraWrite>& writes);
Status WriteDocRows(Executor& e, const std::vector<DocWrite>& docs);

// Cursors "a.b" of two integers (the incident lists); false when malformed.
bool ParseDotCursor(const std::string& text, int64_t* a, int64_t* b);

// Turns the current row into a T; `read_row` may return T or Result<T>.
template <typename T, typename ReadRow>
Result<T> ReadAs(ReadRow& read_row, const Row& row) {
  if constexpr (std::is_same_v<std::invoke_result_t<ReadRow&, const Row&>, Result<T>>) {
    return read_row(row);
  } else {
    return Result<T>(read_row(row));
  }
}

// Every row of one statement as a T.
template <typename T, typename ReadRow>
Result<std::vector<T>> Collect(Executor& e, std::string_view sql, const Values& params, ReadRow read_row) {
  std::vector<T> out;
  SRM_TRY(e.Query(sql, params, [&](const Row& row) -> Result<bool> {
    SRM_ASSIGN(item, ReadAs<T>(read_row, row));
    out.push_back(std::move(item));
    return true;
  }));
  return out;
}

// The first row of one statement as a T, or nullopt.
template <typename T, typename ReadRow>
Result<std::optional<T>> First(Executor& e, std::string_view sql, const Values& params, ReadRow read_row) {
  std::optional<T> out;
  SRM_TRY(e.Query(sql, params, [&](const Row& row) -> Result<bool> {
    SRM_ASSIGN(item, ReadAs<T>(read_row, row));
    out = std::move(item);
    return false;
  }));
  return out;
}

// The integer in the first column of the first row (COUNT(*), MAX(...)), 0 when no row.
Result<int64_t> Scalar(Executor& e, std::string_view sql, const Values& params = {});

// Lone reads outside a transaction.
template <typename T, typename ReadRow>
Result<std::vector<T>> ReadAll(Database& db, std::string_view sql, const Values& params, ReadRow read_row) {
  std::vector<T> out;
  SRM_TRY(db.ReadOnce([&](Executor& e) -> Status {
    SRM_ASSIGN(rows, Collect<T>(e, sql, params, read_row));
    out = std::move(rows);
    return {};
  }));
  return out;
}
template <typename T, typename ReadRow>
Result<std::optional<T>> ReadOne(Database& db, std::string_view sql, const Values& params, ReadRow read_row) {
  std::optional<T> out;
  SRM_TRY(db.ReadOnce([&](Executor& e) -> Status {
    SRM_ASSIGN(row, First<T>(e, sql, params, read_row));
    out = std::move(row);
    return {};
  }));
  return out;
}

// The SQL of one keyset-paginated listing.
struct PageQuery {
  std::string_view count_sql;   // "SELECT COUNT(*) FROM t"
  std::string_view select_sql;  // "SELECT columns FROM t"
  std::string_view order_by;    // " ORDER BY ..." matching the cursor condition
  Values order_values = {};     // bound at order_by's ?s (a rank by name)
};

// One page in one read transaction (count and rows see the same snapshot). `filter` selects the
// rows counted in total; `after_cursor` is the filter plus the cursor condition.
// `complete` (optional) runs in the same transaction on the page's items: reads what the row
// alone does not hold (child rows), one query per kind for the whole page.
template <typename T, typename ReadRow, typename CursorOf>
Result<Page<T>> FetchPage(Database& db, const PageQuery& query, const WhereClause& filter,
                          const WhereClause& after_cursor, int limit, ReadRow read_row, CursorOf cursor_of,
                          const std::function<Status(Executor&, std::vector<T>&)>& complete = {}) {
  const std::string count_sql = std::string(query.count_sql) + filter.Sql();
  const std::string select_sql =
      std::string(query.select_sql) + after_cursor.Sql() + std::string(query.order_by) + " LIMIT ?";
  Values select_params = after_cursor.values();
  select_params.insert(select_params.end(), query.order_values.begin(), query.order_values.end());
  select_params.emplace_back(static_cast<int64_t>(limit) + 1);  // one more shows whether a next page exists
  Page<T> page;
  SRM_TRY(db.Transact(TxKind::kRead, [&](Executor& e) -> Status {
    page = Page<T>{};
    SRM_ASSIGN(total, Scalar(e, count_sql, filter.values()));
    SRM_ASSIGN(items, Collect<T>(e, select_sql, select_params, read_row));
    page.total = total;
    if (items.size() > static_cast<size_t>(limit)) {
      items.resize(static_cast<size_t>(limit));
      page.next = cursor_of(items.back());
    }
    if (complete) SRM_TRY(complete(e, items));
    page.items = std::move(items);
    return {};
  }));
  return page;
}

}  // namespace srm::store::sql
