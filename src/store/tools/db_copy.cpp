// `srm db copy --from sqlite:PATH --to postgresql://...`: a generic, table-by-table copy. Table and
// column names come from the two schemas (never from input), are checked to be plain identifiers
// and quoted; every value is a bound parameter.
#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <map>
#include <set>

#include "store/audit_chain.h"
#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_incident_store.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/tools/db_tools.h"
#include "store/tools/sqlite_raw.h"

namespace srm::store {
namespace {

using postgres::Params;

// Bookkeeping tables each store keeps for itself (its schema version): never copied.
bool IsBookkeeping(const std::string& table) {
  return table == "schema_migrations" || table.ends_with("schema_version");
}

// Tables whose rows a migration seeds (0018: the fund's one account and its expenditure
// authorities), so every new database holds them: the source's rows replace them in the copy.
bool SeededByMigration(const std::string& table) { return table == "fund_accounts" || table == "fund_authorities"; }

bool PlainIdentifier(const std::string& name) {
  return !name.empty() && name.size() <= 63 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::string Quoted(const std::string& identifier) { return "\"" + identifier + "\""; }

// Tables ordered so that every table comes after the tables its foreign keys reference.
Result<std::vector<std::string>> DependencyOrder(tools::RawSqlite& db, const std::vector<std::string>& tables) {
  std::map<std::string, std::set<std::string>> references;
  for (const std::string& table : tables) {
    SRM_ASSIGN(targets, db.Column("SELECT \"table\" FROM pragma_foreign_key_list(?1)", {table}));
    for (const std::string& target : targets)
      if (target != table) references[table].insert(target);
  }
  std::vector<std::string> ordered;
  std::set<std::string> placed;
  while (ordered.size() < tables.size()) {
    bool progress = false;
    for (const std::string& table : tables) {
      if (placed.contains(table)) continue;
      const bool ready = std::all_of(references[table].begin(), references[table].end(), [&](const std::string& t) {
        return placed.contains(t) || std::find(tables.begin(), tables.end(), t) == tables.end();
      });
      if (!ready) continue;
      ordered.push_back(table);
      placed.insert(table);
      progress = true;
    }
    if (!progress) return Internal("the SQLite tables' foreign keys form a cycle; cannot order the copy");
  }
  return ordered;
}

// The value of column `i` of the current row, as PostgreSQL reads it back exactly.
Result<postgres::Param> ValueOf(sqlite3_stmt* row, int i, const std::string& where) {
  switch (sqlite3_column_type(row, i)) {
    case SQLITE_NULL:
      return postgres::Param();
    case SQLITE_INTEGER:
      return postgres::Param(std::to_string(sqlite3_column_int64(row, i)));
    case SQLITE_FLOAT: {
      char buffer[64];
      auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, sqlite3_column_double(row, i));
      if (error != std::errc()) return Internal("cannot format a number in " + where);
      return postgres::Param(std::string(buffer, end));
    }
    case SQLITE_TEXT: {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(row, i));
      return postgres::Param(std::string(text, static_cast<size_t>(sqlite3_column_bytes(row, i))));
    }
    default:
      return Invalid("unsupported_value", where + " holds a BLOB, which no srm table stores");
  }
}

// Copies `table` (columns in SQLite's order) inside the caller's PostgreSQL transaction.
Result<int64_t> CopyTable(tools::RawSqlite& source, postgres::Connection& target, const std::string& table,
                          const std::vector<std::string>& columns) {
  std::string column_list;
  for (size_t i = 0; i < columns.size(); ++i) column_list += (i ? ", " : "") + Quoted(columns[i]);
  // A WITHOUT ROWID table (sra_access_log since 0022) has no rowid: its rows in primary key order.
  SRM_ASSIGN(without_rowid, source.Column("SELECT wr FROM pragma_table_list WHERE schema = 'main' AND name = ?1", {table}));
  std::string order = "rowid";
  if (!without_rowid.empty() && without_rowid[0] == "1") {
    SRM_ASSIGN(key, source.Column("SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk", {table}));
    order.clear();
    for (size_t i = 0; i < key.size(); ++i) order += (i ? ", " : "") + Quoted(key[i]);
  }
  SRM_ASSIGN(select, source.Prepare("SELECT " + column_list + " FROM " + Quoted(table) + " ORDER BY " + order));
  // Rows per INSERT: fewer round trips, well under PostgreSQL's 65535 parameters.
  const size_t per_statement = std::max<size_t>(1, 2000 / columns.size());
  const std::string insert_head = "INSERT INTO " + Quoted(table) + " (" + column_list + ") VALUES ";
  auto statement_for = [&](size_t rows) {
    std::string sql = insert_head;
    int n = 1;
    for (size_t r = 0; r < rows; ++r) {
      sql += r ? ", (" : "(";
      for (size_t c = 0; c < columns.size(); ++c) sql += (c ? ", $" : "$") + std::to_string(n++);
      sql += ")";
    }
    return sql;
  };
  const std::string full_batch_sql = statement_for(per_statement);
  int64_t copied = 0;
  Params batch;
  size_t in_batch = 0;
  auto flush = [&]() -> Status {
    if (in_batch == 0) return {};
    SRM_TRY(target.Query(in_batch == per_statement ? full_batch_sql : statement_for(in_batch), batch));
    copied += static_cast<int64_t>(in_batch);
    batch = Params();
    in_batch = 0;
    return {};
  };
  while (true) {
    SRM_ASSIGN(has_row, select.Step());
    if (!has_row) break;
    for (size_t c = 0; c < columns.size(); ++c) {
      SRM_ASSIGN(value, ValueOf(select.get(), static_cast<int>(c), table + "." + columns[c]));
      batch.Add(value);
    }
    if (++in_batch == per_statement) SRM_TRY(flush());
  }
  SRM_TRY(flush());
  // Identity columns (ids PostgreSQL generates) continue after the copied ids.
  for (const std::string& column : columns) {
    SRM_ASSIGN(sequence, target.Run("SELECT pg_get_serial_sequence($1, $2)", Quoted(table), column));
    if (sequence.size() == 0 || sequence.Text(0, 0).empty()) continue;
    SRM_ASSIGN(next, target.Query("SELECT COALESCE(MAX(" + Quoted(column) + "), 0) + 1 FROM " + Quoted(table), Params()));
    SRM_TRY(target.Run("SELECT setval($1::regclass, $2, false)", sequence.Text(0, 0), next.Int(0, 0)));
  }
  return copied;
}

}  // namespace

Result<CopyReport> CopySqliteToPostgres(const std::string& sqlite_path, const std::string& pg_url) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(sqlite_path, ec))
    return Invalid("no_source", "no SQLite database at " + sqlite_path, "from");
  if (!IsPostgresUrl(pg_url)) return Invalid("bad_url", "--to must be a postgresql:// URL", "to");

  // Both schemas up to date, and the source chain intact: a broken chain is not carried over.
  AuditVerification source_chain;
  {
    SRM_ASSIGN(source_store, OpenSqliteStore({sqlite_path, 0, nullptr}));
    SRM_TRY(source_store->Migrate());
    SRM_ASSIGN(verified, source_store->VerifyAudit());
    source_chain = verified;
  }
  if (!source_chain.ok)
    return Conflict("source_chain_broken", "the source audit chain does not verify (" + source_chain.reason +
                                               "); nothing was copied");
  {
    SRM_ASSIGN(target_store, OpenPostgresStore({.url = pg_url, .max_connections = 1}));
    SRM_TRY(target_store->Migrate());
    // The incident tables too (their own schema version), so incidents are carried across.
    SRM_ASSIGN(target_incidents, OpenPostgresIncidentStore({.url = pg_url, .max_connections = 1}));
    SRM_TRY(target_incidents->Migrate());
  }

  SRM_ASSIGN(source, tools::RawSqlite::Open(sqlite_path, tools::RawSqlite::Mode::kExisting));
  // One read transaction: every table is read from the same snapshot.
  SRM_TRY(source.Exec("BEGIN"));
  SRM_ASSIGN(all_tables, source.Column("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                                       "ORDER BY name",
                                       {}));
  SRM_ASSIGN(target, postgres::Connection::Open({pg_url, 5, 60000}));
  SRM_ASSIGN(pg_tables, target->Query("SELECT table_name FROM information_schema.tables "
                                      "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
                                      Params()));
  std::set<std::string> in_target;
  for (int i = 0; i < pg_tables.size(); ++i) in_target.insert(pg_tables.Text(i, 0));

  CopyReport report;
  std::vector<std::string> tables;
  for (const std::string& table : all_tables) {
    if (IsBookkeeping(table)) continue;
    if (!PlainIdentifier(table)) return Invalid("unexpected_table", "unexpected table name in the source: " + table);
    if (in_target.contains(table)) {
      tables.push_back(table);
      continue;
    }
    SRM_ASSIGN(count, source.Column("SELECT COUNT(*) FROM " + Quoted(table), {}));
    if (!count.empty() && count[0] != "0")
      return Invalid("no_target_table", "the source table " + table + " holds " + count[0] +
                                            " rows but this build's PostgreSQL schema has no such table; nothing was "
                                            "copied");
    report.skipped.push_back(table);
  }
  SRM_ASSIGN(ordered, DependencyOrder(source, tables));

  SRM_TRY(target->Exec("BEGIN"));
  Status copied = [&]() -> Status {
    // Audited writers of any server wait for the copy (they take the same lock), so nothing can
    // slip into the chain between the emptiness check and the commit.
    SRM_TRY(target->Run("SELECT pg_advisory_xact_lock($1::bigint)", int64_t{0x53524d4155444954}));
    for (const std::string& table : ordered) {
      if (SeededByMigration(table)) continue;
      SRM_ASSIGN(rows, target->Query("SELECT EXISTS (SELECT 1 FROM " + Quoted(table) + ")", Params()));
      if (rows.size() > 0 && rows.Text(0, 0) == "t")
        return Conflict("target_not_empty", "the target database already holds rows in " + table +
                                                "; db copy only fills an empty database");
    }
    for (const std::string& table : ordered) {
      SRM_ASSIGN(source_columns, source.Column("SELECT name FROM pragma_table_info(?1) ORDER BY cid", {table}));
      SRM_ASSIGN(target_columns,
                 target->Run("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                             "AND table_name = $1",
                             table));
      std::set<std::string> expected(source_columns.begin(), source_columns.end()), found;
      for (int i = 0; i < target_columns.size(); ++i) found.insert(target_columns.Text(i, 0));
      if (expected != found)
        return Invalid("schema_mismatch", "the columns of " + table + " differ between the SQLite and PostgreSQL "
                                              "schemas; nothing was copied");
      for (const std::string& column : source_columns)
        if (!PlainIdentifier(column)) return Invalid("unexpected_column", "unexpected column " + table + "." + column);
      if (SeededByMigration(table)) SRM_TRY(target->Exec("DELETE FROM " + Quoted(table)));
      SRM_ASSIGN(count, CopyTable(source, *target, table, source_columns));
      report.tables.emplace_back(table, count);
      report.rows += count;
    }
    return target->Exec("COMMIT");
  }();
  if (!copied) {
    if (!target->Broken() && target->InTransaction()) (void)target->Exec("ROLLBACK");
    return std::unexpected(copied.error());
  }
  (void)source.Exec("COMMIT");

  SRM_ASSIGN(check_store, OpenPostgresStore({.url = pg_url, .max_connections = 1}));
  SRM_ASSIGN(chain, check_store->VerifyAudit());
  report.chain = chain;
  if (!chain.ok || chain.entries != source_chain.entries || chain.head_hash != source_chain.head_hash)
    return Internal("the copied audit chain does not match the source (" + std::to_string(chain.entries) + " vs " +
                    std::to_string(source_chain.entries) + " entries" + (chain.ok ? "" : "; " + chain.reason) + ")");
  return report;
}

}  // namespace srm::store
