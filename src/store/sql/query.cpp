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
