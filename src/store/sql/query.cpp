#include "store/sql/query.h"

#include <charconv>

namespace srm::store::sql {

Status RequireId(const std::string& id, std::string_view what) {
  if (id.empty()) return Invalid("missing_id", std::string(what) + " needs an id", "id");
  return {};
}

std::string WhereClause::Sql() const {
  std::string sql;
  for (size_t i = 0; i < conditions_.size(); ++i) {
    sql += i == 0 ? " WHERE " : " AND ";
    sql += conditions_[i];
  }
  return sql;
}

Status AddNewestFirstCursor(WhereClause* after, const std::string& cursor) {
  if (cursor.empty()) return {};
  const size_t bar = cursor.find('|');
  if (bar == std::string::npos) return Invalid("bad_cursor", "unrecognised page cursor", "after");
  std::string updated_at = cursor.substr(0, bar);
  after->Add("(updated_at < ? OR (updated_at = ? AND id < ?))", updated_at, updated_at, cursor.substr(bar + 1));
  return {};
}

Status AddSortCursor(WhereClause* after, const SortOrder& order, const std::string& cursor) {
  if (cursor.empty()) return {};
  const size_t bar = cursor.rfind('|');
  if (bar == std::string::npos) return Invalid("bad_cursor", "unrecognised page cursor", "after");
  const std::string key = cursor.substr(0, bar);
  const std::string id = cursor.substr(bar + 1);
  const char* cmp = order.descending ? " < ?" : " > ?";
  const std::string cond = "(" + order.expr + cmp + " OR (" + order.expr + " = ? AND id" + cmp + "))";
  Values values = order.values;
  if (order.numeric) {
    int64_t n = 0;
    const auto r = std::from_chars(key.data(), key.data() + key.size(), n);
    if (key.empty() || r.ec != std::errc() || r.ptr != key.data() + key.size())
      return Invalid("bad_cursor", "unrecognised page cursor", "after");
    values.emplace_back(n);
    values.insert(values.end(), order.values.begin(), order.values.end());
    values.emplace_back(n);
  } else {
    values.emplace_back(key);
    values.insert(values.end(), order.values.begin(), order.values.end());
    values.emplace_back(key);
  }
  values.emplace_back(id);
  after->AddWith(cond, values);
  return {};
}

std::string OrderBySql(const SortOrder& order) {
  const char* dir = order.descending ? " DESC" : " ASC";
  return " ORDER BY " + order.expr + dir + ", id" + dir;
}

void AddTextSearch(WhereClause* w, const Dialect& d, const std::string& text, const std::vector<std::string>& columns) {
  if (text.empty() || columns.empty()) return;
  const std::string folded = FoldAscii(text);
  std::string cond = "(";
  Values values;
  for (size_t i = 0; i < columns.size(); ++i) {
    cond += (i ? " OR " : "") + d.ContainsFolded(columns[i]);
    values.emplace_back(folded);
  }
  w->AddWith(cond + ")", values);
}

std::string FoldAscii(std::string text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

SortOrder RankOrder(std::string_view expr, const std::vector<std::string>& levels, bool descending) {
  SortOrder order;
  order.descending = descending;
  order.numeric = true;
  if (levels.empty()) {  // no pack: every row ranks alike, id decides
    order.expr = "(0)";
    return order;
  }
  order.expr = "(CASE " + std::string(expr);
  for (size_t i = 0; i < levels.size(); ++i) {
    order.expr += " WHEN ? THEN " + std::to_string(i + 1);
    order.values.emplace_back(levels[i]);
  }
  order.expr += " ELSE 0 END)";
  order.descending = descending;
  order.numeric = true;
  return order;
}

bool ParseDotCursor(const std::string& text, int64_t* a, int64_t* b) {
  const size_t dot = text.find('.');
  if (dot == std::string::npos) return false;
  const char* begin = text.data();
  const char* end = begin + text.size();
  auto first = std::from_chars(begin, begin + dot, *a);
  auto second = std::from_chars(begin + dot + 1, end, *b);
  return first.ec == std::errc() && first.ptr == begin + dot && second.ec == std::errc() && second.ptr == end;
}

Result<int64_t> Scalar(Executor& e, std::string_view sql, const Values& params) {
  int64_t value = 0;
  SRM_TRY(e.Query(sql, params, [&](const Row& row) -> Result<bool> {
    value = row.Int(0);
    return false;
  }));
  return value;
}

}  // namespace srm::store::sql
