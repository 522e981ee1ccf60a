#include "store/postgres/pg_database.h"

#include <algorithm>
#include <variant>

namespace srm::store::postgres {
namespace {

// A list is bound as one text[] parameter.
std::string AnyOfArray(std::string_view expr) { return std::string(expr) + " = ANY(?::text[])"; }

// translate() folds ASCII letters only, as SQLite's lower() does (lower() here would fold "É" too).
std::string ContainsLowerAscii(std::string_view expr) {
  return "strpos(translate(" + std::string(expr) +
         ", 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), ?) > 0";
}

constexpr sql::Dialect kDialect{
    .name = "postgres",
    .in_list = AnyOfArray,
    .lock_key_sql = "SELECT pg_advisory_xact_lock(?1::bigint)",
    .lock_named_sql = "SELECT pg_advisory_xact_lock(?1::int, hashtext(?2))",
    .for_share = " FOR SHARE",
    .checkpoints_in_database = true,  // several servers share the database and verify each other
    .contains_folded = ContainsLowerAscii,
};

class ResultRow final : public sql::Row {
 public:
  ResultRow(const Rows& rows, int index) : rows_(rows), index_(index) {}
  std::string Text(int column) const override { return rows_.Text(index_, column); }
  int64_t Int(int column) const override { return rows_.Int(index_, column); }
  double Real(int column) const override { return rows_.Real(index_, column); }
  bool IsNull(int column) const override { return rows_.IsNull(index_, column); }
  void Set(int index) { index_ = index; }

 private:
  const Rows& rows_;
  int index_;
};

Params ToParams(const sql::Values& values) {
  Params params;
  for (const sql::Value& value : values) {
    std::visit(
        [&](const auto& v) {
          using V = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<V, sql::Null>) {
            params.Add(Param());
          } else if constexpr (std::is_same_v<V, sql::TextList>) {
            params.Add(TextArray{v.values});
          } else if constexpr (std::is_same_v<V, sql::TextRef>) {
            params.Add(v.text);
          } else {
            params.Add(v);
          }
        },
        value.get());
  }
  return params;
}

class PgExecutor final : public sql::Executor {
 public:
  explicit PgExecutor(Connection& c) : c_(c) {}
  const sql::Dialect& dialect() const override { return kDialect; }

  Status Query(std::string_view sql, const sql::Values& params, const sql::RowVisitor& visit) override {
    SRM_ASSIGN(rows, c_.Query(DollarPlaceholders(sql), ToParams(params)));
    ResultRow row(rows, 0);
    for (int i = 0; i < rows.size(); ++i) {
      row.Set(i);
      SRM_ASSIGN(more, visit(row));
      if (!more) break;
    }
    return {};
  }

  Result<int64_t> Execute(std::string_view sql, const sql::Values& params) override {
    SRM_ASSIGN(rows, c_.Query(DollarPlaceholders(sql), ToParams(params)));
    return rows.Affected();
  }

  Status Script(std::string_view sql) override { return c_.Exec(sql); }
  Status NoTimeoutInThisTransaction() override { return c_.NoTimeoutInThisTransaction(); }

 private:
  Connection& c_;
};

}  // namespace

const sql::Dialect& PostgresDialect() { return kDialect; }

std::string DollarPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int highest = 0;
  char quote = 0;  // inside '...' or "..."
  for (size_t i = 0; i < sql.size(); ++i) {
    const char ch = sql[i];
    if (quote != 0) {
      if (ch == quote) quote = 0;
      out += ch;
      continue;
    }
    if (ch == '\'' || ch == '"') {
      quote = ch;
      out += ch;
      continue;
    }
    if (ch != '?') {
      out += ch;
      continue;
    }
    int number = 0;
    size_t j = i + 1;
    while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') number = number * 10 + (sql[j++] - '0');
    if (j == i + 1) number = highest + 1;
    highest = std::max(highest, number);
    out += '$';
    out += std::to_string(number);
    i = j - 1;
  }
  return out;
}

Status PgDatabase::Transact(sql::TxKind kind, const std::function<Status(sql::Executor&)>& body) {
  return RunTransaction(pool_, kind == sql::TxKind::kWrite ? TxKind::kWrite : TxKind::kRead,
                        [&](Connection& c) -> Status {
                          PgExecutor executor(c);
                          return body(executor);
                        });
}

Status PgDatabase::ReadOnce(const std::function<Status(sql::Executor&)>& body) {
  // Once more on a fresh connection when a stale pooled one turns out lost (nothing was written).
  for (int attempt = 1;; ++attempt) {
    SRM_ASSIGN(lease, pool_.Acquire());
    PgExecutor executor(*lease);
    Status result = body(executor);
    if (result || !IsConnectionLost(result.error()) || attempt > 1 || lease->TimedOut(result.error())) return result;
    lease.Discard();
    pool_.DiscardIdle();
  }
}

}  // namespace srm::store::postgres
