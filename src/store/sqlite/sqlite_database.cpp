#include "store/sqlite/sqlite_database.h"

#include <variant>

#include "store/sqlite/json_array.h"

namespace srm::store::sqlite {
namespace {

// A list is bound as one JSON array and opened with json_each.
std::string InJsonList(std::string_view expr) {
  return std::string(expr) + " IN (SELECT value FROM json_each(?))";
}

// SQLite's lower() folds ASCII letters only (no ICU), as the PostgreSQL spelling does.
std::string ContainsLowerAscii(std::string_view expr) { return "instr(lower(" + std::string(expr) + "), ?) > 0"; }

constexpr sql::Dialect kDialect{
    .name = "sqlite",
    .in_list = InJsonList,
    .lock_key_sql = "",    // BEGIN IMMEDIATE holds the database's one write lock
    .lock_named_sql = "",
    .for_share = "",
    .checkpoints_in_database = false,  // one server per file: checkpoints are in its anchor's file
    .contains_folded = ContainsLowerAscii,
};

class StatementRow final : public sql::Row {
 public:
  explicit StatementRow(const Statement& s) : s_(s) {}
  std::string Text(int column) const override { return s_.Text(column); }
  int64_t Int(int column) const override { return s_.Int(column); }
  double Real(int column) const override { return s_.Real(column); }
  bool IsNull(int column) const override { return s_.IsNull(column); }

 private:
  const Statement& s_;
};

// `params` outlive `statement` in every caller: their texts are bound without a copy.
void BindValues(Statement& statement, const sql::Values& params) {
  int index = 0;
  for (const sql::Value& value : params) {
    ++index;
    std::visit(
        [&](const auto& v) {
          using V = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<V, sql::Null>) {
            statement.Bind(index, NullIfEmpty{""});
          } else if constexpr (std::is_same_v<V, sql::TextList>) {
            statement.Bind(index, JsonStringArray(v.values));  // a temporary: copied
          } else if constexpr (std::is_same_v<V, std::string>) {
            statement.BindUncopied(index, v);
          } else if constexpr (std::is_same_v<V, sql::TextRef>) {
            statement.BindUncopied(index, v.text);
          } else {
            statement.Bind(index, v);
          }
        },
        value.get());
  }
}

class SqliteExecutor final : public sql::Executor {
 public:
  explicit SqliteExecutor(Connection& c) : c_(c) {}
  const sql::Dialect& dialect() const override { return kDialect; }

  Status Query(std::string_view sql, const sql::Values& params, const sql::RowVisitor& visit) override {
    SRM_ASSIGN(statement, c_.Prepare(sql));
    BindValues(statement, params);
    const StatementRow row(statement);
    while (true) {
      SRM_ASSIGN(has_row, statement.Step());
      if (!has_row) return {};
      SRM_ASSIGN(more, visit(row));
      if (!more) return {};
    }
  }

  Result<int64_t> Execute(std::string_view sql, const sql::Values& params) override {
    SRM_ASSIGN(statement, c_.Prepare(sql));
    BindValues(statement, params);
    SRM_TRY(statement.Run());
    return c_.Changes();
  }

  Status Script(std::string_view sql) override { return c_.Exec(sql); }

 private:
  Connection& c_;
};

// Runs `body` between `begin` and COMMIT on `c`; on any failure rolls back and returns the error.
Status RunTransaction(Connection& c, std::string_view begin, const std::function<Status()>& body) {
  SRM_TRY(c.ExecPrepared(begin));
  Status result = body();
  if (result) result = c.ExecPrepared("COMMIT");
  if (!result && c.InTransaction()) (void)c.ExecPrepared("ROLLBACK");
  return result;
}

}  // namespace

const sql::Dialect& SqliteDialect() { return kDialect; }

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::Open(const std::string& path, int readers,
                                                             int busy_timeout_ms) {
  SRM_ASSIGN(writer, Connection::Open(path, ConnectionRole::kWriter, busy_timeout_ms));
  const int reader_count = IsInMemory(path) ? 0 : readers;
  std::vector<std::unique_ptr<Connection>> pool;
  pool.reserve(static_cast<size_t>(reader_count));
  for (int i = 0; i < reader_count; ++i) {
    SRM_ASSIGN(reader, Connection::Open(path, ConnectionRole::kReader, busy_timeout_ms));
    pool.push_back(std::move(reader));
  }
  return std::make_unique<SqliteDatabase>(std::move(writer), std::move(pool));
}

Status SqliteDatabase::Transact(sql::TxKind kind, const std::function<Status(sql::Executor&)>& body) {
  const bool write = kind == sql::TxKind::kWrite;
  auto lease = write ? pool_.Writer() : pool_.Reader();
  Connection& c = *lease;
  SqliteExecutor executor(c);
  return RunTransaction(c, write ? "BEGIN IMMEDIATE" : "BEGIN", [&] { return body(executor); });
}

Status SqliteDatabase::ReadOnce(const std::function<Status(sql::Executor&)>& body) {
  auto lease = pool_.Reader();
  SqliteExecutor executor(*lease);
  return body(executor);
}

Status SqliteDatabase::WriteOnConnection(const std::function<Status(Connection&)>& body) {
  auto lease = pool_.Writer();
  Connection& c = *lease;
  return RunTransaction(c, "BEGIN IMMEDIATE", [&] { return body(c); });
}

Status SqliteDatabase::OnWriter(const std::function<Status(Connection&)>& body) {
  auto lease = pool_.Writer();
  return body(*lease);
}

}  // namespace srm::store::sqlite
