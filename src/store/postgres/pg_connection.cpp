#include "store/postgres/pg_connection.h"

#include <libpq-fe.h>

#include <poll.h>

#include <charconv>
#include <chrono>
#include <cstring>
#include <utility>

#include "store/postgres/postgres_store.h"
#include "store/sql/constraint_codes.h"

namespace srm::store::postgres {
namespace {

std::string Field(const PGresult* result, int field) {
  if (result == nullptr) return {};
  const char* value = PQresultErrorField(result, field);
  return value != nullptr ? value : "";
}

// libpq messages end with a newline; keep the first line only.
std::string FirstLine(std::string text) {
  const size_t end = text.find('\n');
  if (end != std::string::npos) text.resize(end);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.pop_back();
  return text;
}

void IgnoreNotice(void*, const char*) {}

struct ClearResult {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ClearResult>;

bool Succeeded(const PGresult* result) {
  if (result == nullptr) return false;
  const ExecStatusType status = PQresultStatus(result);
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

}  // namespace

// --- Params ---

Params& Params::Add(std::string_view text) {
  if (text.find('\0') != std::string_view::npos && !invalid_)
    invalid_ = Invalid("invalid_text", "text contains a NUL character, which cannot be stored").error();
  values_.emplace_back(std::string(text));
  return *this;
}

Params& Params::Add(int64_t value) {
  values_.emplace_back(std::to_string(value));
  return *this;
}

Params& Params::Add(double value) {
  char buffer[64];
  // Shortest text that reads back as the same double (PostgreSQL parses it exactly).
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  values_.emplace_back(error == std::errc() ? std::string(buffer, end) : std::to_string(value));
  return *this;
}

Params& Params::Add(NullIfEmpty value) {
  if (value.text.empty()) {
    values_.emplace_back(std::nullopt);
    return *this;
  }
  return Add(value.text);
}

Params& Params::Add(TextArray value) {
  // An array literal, {"a","b"}: every element quoted, backslash and quote escaped. Bound as one
  // parameter, so nothing in it is ever read as SQL.
  std::string literal = "{";
  for (size_t i = 0; i < value.values.size(); ++i) {
    const std::string& element = value.values[i];
    if (element.find('\0') != std::string::npos && !invalid_)
      invalid_ = Invalid("invalid_text", "text contains a NUL character, which cannot be stored").error();
    if (i > 0) literal += ',';
    literal += '"';
    for (char ch : element) {
      if (ch == '"' || ch == '\\') literal += '\\';
      if (ch != '\0') literal += ch;
    }
    literal += '"';
  }
  literal += '}';
  values_.emplace_back(std::move(literal));
  return *this;
}

Params& Params::Add(const Param& value) {
  if (!value) {
    values_.emplace_back(std::nullopt);
    return *this;
  }
  return Add(std::string_view(*value));
}

// --- Rows ---

void Rows::Free::operator()(pg_result* r) const { PQclear(r); }

Rows::Rows(pg_result* result) : result_(result) {}

int Rows::size() const { return result_ ? PQntuples(result_.get()) : 0; }

std::string Rows::Text(int row, int column) const {
  if (!result_ || PQgetisnull(result_.get(), row, column)) return {};
  return std::string(PQgetvalue(result_.get(), row, column),
                     static_cast<size_t>(PQgetlength(result_.get(), row, column)));
}

int64_t Rows::Int(int row, int column) const {
  if (!result_ || PQgetisnull(result_.get(), row, column)) return 0;
  const char* text = PQgetvalue(result_.get(), row, column);
  int64_t value = 0;
  std::from_chars(text, text + PQgetlength(result_.get(), row, column), value);
  return value;
}

bool Rows::IsNull(int row, int column) const { return !result_ || PQgetisnull(result_.get(), row, column); }

double Rows::Real(int row, int column) const {
  if (!result_ || PQgetisnull(result_.get(), row, column)) return 0;
  const char* text = PQgetvalue(result_.get(), row, column);
  double value = 0;
  std::from_chars(text, text + PQgetlength(result_.get(), row, column), value);
  return value;
}

int64_t Rows::Affected() const {
  if (!result_) return 0;
  const char* text = PQcmdTuples(result_.get());
  int64_t value = 0;
  if (text != nullptr) std::from_chars(text, text + std::strlen(text), value);
  return value;
}

// --- Connection ---

Result<std::unique_ptr<Connection>> Connection::Open(const ConnectOptions& options) {
  const std::string timeout = std::to_string(options.connect_timeout_s);
  // Defaults first, then the URL (which may override them), then what the store relies on.
  const char* keys[] = {"connect_timeout", "application_name",    "keepalives",
                        "keepalives_idle", "keepalives_interval", "keepalives_count",
                        "dbname",          "client_encoding",     nullptr};
  const char* values[] = {timeout.c_str(), "srm", "1", "30", "10", "3", options.url.c_str(), "UTF8", nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
  const std::string redacted = RedactPostgresUrl(options.url);
  if (conn == nullptr)
    return Fail(ErrorKind::kUnavailable, "database_unavailable", "out of memory connecting to " + redacted);
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = FirstLine(PQerrorMessage(conn));
    PQfinish(conn);
    return Fail(ErrorKind::kUnavailable, "database_unavailable",
                "cannot connect to the database at " + redacted + ": " + message);
  }
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  std::unique_ptr<Connection> connection(new Connection(conn, redacted));
  PQsetNoticeReceiver(conn, &Connection::OnNotice, connection.get());
  // Our own integer, not input: formatted into the statement because SET takes no parameters.
  SRM_TRY(connection->Exec("SET lock_timeout = " + std::to_string(std::max(0, options.lock_timeout_ms))));
  if (options.statement_timeout_ms > 0) {
    SRM_TRY(connection->Exec("SET statement_timeout = " + std::to_string(options.statement_timeout_ms)));
    connection->statement_timeout_ms_ = options.statement_timeout_ms;
  }
  return connection;
}

Connection::~Connection() { PQfinish(conn_); }

Error Connection::ErrorOf(pg_result* result, std::string_view during) const {
  const std::string sqlstate = Field(result, PG_DIAG_SQLSTATE);
  std::string primary = Field(result, PG_DIAG_MESSAGE_PRIMARY);
  if (primary.empty()) primary = FirstLine(PQerrorMessage(conn_));
  const std::string statement(during.substr(0, during.find('\n')));
  const std::string message = statement + ": " + primary;

  // The connection is gone (server stopped or restarted, network cut): nothing can be known about
  // work not yet committed, and the server rolls it back.
  if (PQstatus(conn_) == CONNECTION_BAD || sqlstate.starts_with("08") || sqlstate == "57P01" || sqlstate == "57P02" ||
      sqlstate == "57P03")
    return Fail(ErrorKind::kUnavailable, "database_unavailable",
                "lost the connection to the database at " + redacted_url_ + ": " + primary)
        .error();
  if (sqlstate == "40001" || sqlstate == "40P01")
    return Fail(ErrorKind::kUnavailable, "database_conflict", "concurrent writes collided, retry: " + message).error();
  if (sqlstate == "57014" && statement_timeout_ms_ > 0) {  // our statement_timeout: the database is stuck
    last_timeout_ = true;
    return Fail(ErrorKind::kUnavailable, "database_unavailable",
                "the database did not finish within " + std::to_string(statement_timeout_ms_) + " ms: " + message)
        .error();
  }
  if (sqlstate == "55P03" || sqlstate == "57014")
    return Fail(ErrorKind::kUnavailable, "database_busy", message).error();
  if (sqlstate.starts_with("53"))
    return Fail(ErrorKind::kUnavailable, "database_unavailable", "the database is out of resources: " + message)
        .error();
  if (sqlstate == "23505") {
    const std::string constraint = Field(result, PG_DIAG_CONSTRAINT_NAME);
    for (const sql::KnownConstraint& known : sql::KnownConstraints())
      if (constraint == known.postgres_name)
        return Conflict(std::string(known.code), std::string(known.message)).error();
    return Conflict("duplicate", message).error();
  }
  if (sqlstate == "23503") return Unprocessable("unknown_reference", "a referenced record does not exist").error();
  if (sqlstate == "23502") return Invalid("missing_field", message).error();
  if (sqlstate == "23001") return Conflict("append_only", message).error();
  if (sqlstate.starts_with("23")) return Invalid("constraint_failed", message).error();
  if (sqlstate == "22021" || sqlstate == "22P05")
    return Invalid("invalid_text", "text is not valid UTF-8: " + primary).error();
  if (sqlstate == "XX001" || sqlstate == "XX002")
    return Fail(ErrorKind::kInternal, "database_corrupt", message).error();
  return Fail(ErrorKind::kInternal, "database_error", message + (sqlstate.empty() ? "" : " (" + sqlstate + ")"))
      .error();
}

Result<Rows> Connection::Query(std::string_view sql, const Params& params) {
  last_timeout_ = false;
  if (params.invalid()) return std::unexpected(*params.invalid());
  auto found = prepared_.find(sql);
  if (found == prepared_.end()) {
    std::string name = "srm_" + std::to_string(prepared_.size() + 1);
    bool prepare_timed_out = false;
    ResultPtr prepared(!Deadlined() ? PQprepare(conn_, name.c_str(), std::string(sql).c_str(), 0, nullptr)
                       : PQsendPrepare(conn_, name.c_str(), std::string(sql).c_str(), 0, nullptr) == 1
                           ? Await(&prepare_timed_out)
                           : nullptr);
    if (prepare_timed_out) return std::unexpected(TimedOut(sql));
    if (!Succeeded(prepared.get())) return std::unexpected(ErrorOf(prepared.get(), sql));
    found = prepared_.emplace(std::string(sql), std::move(name)).first;
  }
  const std::vector<Param>& values = params.values();
  std::vector<const char*> pointers;
  pointers.reserve(values.size());
  for (const Param& value : values) pointers.push_back(value ? value->c_str() : nullptr);
  if (!Deadlined()) {
    ResultPtr result(PQexecPrepared(conn_, found->second.c_str(), static_cast<int>(pointers.size()), pointers.data(),
                                    nullptr, nullptr, 0));
    if (!Succeeded(result.get())) return std::unexpected(ErrorOf(result.get(), sql));
    return Rows(result.release());
  }
  bool timed_out = false;
  ResultPtr result(PQsendQueryPrepared(conn_, found->second.c_str(), static_cast<int>(pointers.size()),
                                       pointers.data(), nullptr, nullptr, 0) == 1
                       ? Await(&timed_out)
                       : nullptr);
  if (timed_out) return std::unexpected(TimedOut(sql));
  if (!Succeeded(result.get())) return std::unexpected(ErrorOf(result.get(), sql));
  return Rows(result.release());
}

Status Connection::Exec(std::string_view sql) {
  last_timeout_ = false;
  if (sql.starts_with("BEGIN")) timeout_lifted_ = false;
  if (!Deadlined()) {
    ResultPtr result(PQexec(conn_, std::string(sql).c_str()));
    if (!Succeeded(result.get())) return std::unexpected(ErrorOf(result.get(), sql));
    return {};
  }
  sync_wait_cancelled_ = false;
  bool timed_out = false;
  ResultPtr result(PQsendQuery(conn_, std::string(sql).c_str()) == 1 ? Await(&timed_out) : nullptr);
  if (timed_out) return std::unexpected(TimedOut(sql));
  if (!Succeeded(result.get())) return std::unexpected(ErrorOf(result.get(), sql));
  if (sync_wait_cancelled_) {
    last_timeout_ = true;
    // The commit is written on the primary but not confirmed by the synchronous standby the
    // server is configured to wait for: it may be lost at a failover. Not acknowledged.
    return Fail(ErrorKind::kUnavailable, "database_unavailable",
                "the database did not confirm the commit within " + std::to_string(statement_timeout_ms_) +
                    " ms (no synchronous standby answered), so the change may or may not be kept; retry with the "
                    "same Idempotency-Key, or check before retrying");
  }
  return {};
}

pg_result* Connection::Await(bool* timed_out) {
  // The server cancels the statement at statement_timeout; this deadline, 2 s later, is for a
  // server (or network) that answers nothing at all.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(statement_timeout_ms_ + 2000);
  PGresult* last = nullptr;
  for (;;) {
    while (PQisBusy(conn_)) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      pollfd p{PQsocket(conn_), POLLIN, 0};
      const int ready = left.count() > 0 ? ::poll(&p, 1, static_cast<int>(left.count())) : 0;
      if (ready == 0 || (ready < 0 && errno != EINTR)) {
        if (last != nullptr) PQclear(last);
        timed_out_ = true;
        last_timeout_ = true;
        *timed_out = true;
        return nullptr;
      }
      if (ready > 0 && PQconsumeInput(conn_) == 0) break;  // the connection failed: PQgetResult says so
    }
    PGresult* next = PQgetResult(conn_);
    if (next == nullptr) return last;
    if (last != nullptr) PQclear(last);
    last = next;
    if (PQstatus(conn_) == CONNECTION_BAD) return last;
  }
}

Status Connection::NoTimeoutInThisTransaction() {
  if (statement_timeout_ms_ <= 0) return {};
  SRM_TRY(Exec("SET LOCAL statement_timeout = 0"));
  timeout_lifted_ = true;
  return {};
}

bool Connection::TimedOut(const Error& e) const {
  return last_timeout_ && e.kind == ErrorKind::kUnavailable && e.code == "database_unavailable";
}

Error Connection::TimedOut(std::string_view during) const {
  const std::string statement(during.substr(0, during.find('\n')));
  return Fail(ErrorKind::kUnavailable, "database_unavailable",
              "the database did not answer within " + std::to_string(statement_timeout_ms_ + 2000) + " ms (" +
                  statement + "); the connection is dropped")
      .error();
}

void Connection::OnNotice(void* self, const PGresult* notice) {
  const char* text = PQresultErrorField(notice, PG_DIAG_MESSAGE_PRIMARY);
  if (text != nullptr && std::strncmp(text, "canceling wait for synchronous replication", 42) == 0)
    static_cast<Connection*>(self)->sync_wait_cancelled_ = true;
}

bool Connection::Broken() const { return timed_out_ || PQstatus(conn_) == CONNECTION_BAD; }

bool Connection::InTransaction() const {
  const PGTransactionStatusType status = PQtransactionStatus(conn_);
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

bool IsConnectionLost(const Error& e) { return e.kind == ErrorKind::kUnavailable && e.code == "database_unavailable"; }

bool IsRetryableConflict(const Error& e) { return e.kind == ErrorKind::kUnavailable && e.code == "database_conflict"; }

}  // namespace srm::store::postgres
