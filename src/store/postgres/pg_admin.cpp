// URLs and database creation for the PostgreSQL backend: what tests, `srm db copy` and operators
// need around a store, kept apart from the store itself.
#include <algorithm>

#include "store/postgres/pg_connection.h"
#include "store/postgres/postgres_store.h"

namespace srm::store {
namespace {

// Where the authority (user:password@host:port) of a URL starts and ends; npos when not a URL.
struct UrlParts {
  size_t authority_begin = std::string::npos;
  size_t authority_end = std::string::npos;  // at '/', '?' or the end
};

UrlParts Split(const std::string& url) {
  UrlParts parts;
  const size_t scheme = url.find("://");
  if (scheme == std::string::npos) return parts;
  parts.authority_begin = scheme + 3;
  parts.authority_end = url.find_first_of("/?", parts.authority_begin);
  if (parts.authority_end == std::string::npos) parts.authority_end = url.size();
  return parts;
}

bool ValidDatabaseName(const std::string& name) {
  return !name.empty() && name.size() <= 63 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

Status RunAdmin(const std::string& url, const std::string& sql) {
  SRM_ASSIGN(connection, postgres::Connection::Open({url, 5, 10000}));
  return connection->Exec(sql);
}

}  // namespace

bool IsPostgresUrl(std::string_view text) {
  return text.starts_with("postgresql://") || text.starts_with("postgres://");
}

std::string RedactPostgresUrl(const std::string& url) {
  std::string out = url;
  const UrlParts parts = Split(out);
  if (parts.authority_begin != std::string::npos) {
    const size_t at = out.rfind('@', parts.authority_end);
    if (at != std::string::npos && at >= parts.authority_begin) {
      const size_t colon = out.find(':', parts.authority_begin);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  // password=... among the query parameters.
  for (size_t pos = out.find("password="); pos != std::string::npos; pos = out.find("password=", pos + 1)) {
    if (pos > 0 && out[pos - 1] != '?' && out[pos - 1] != '&') continue;
    const size_t value = pos + 9;
    size_t end = out.find('&', value);
    if (end == std::string::npos) end = out.size();
    out.replace(value, end - value, "***");
  }
  return out;
}

Result<std::string> PostgresUrlWithDatabase(const std::string& url, const std::string& database) {
  if (!IsPostgresUrl(url)) return Invalid("bad_url", "not a postgresql:// URL: " + RedactPostgresUrl(url), "db");
  const UrlParts parts = Split(url);
  size_t path_end = url.find('?', parts.authority_end);
  if (path_end == std::string::npos) path_end = url.size();
  std::string out = url.substr(0, parts.authority_end) + "/" + database + url.substr(path_end);
  return out;
}

Status CreatePostgresDatabase(const std::string& url, const std::string& name) {
  if (!ValidDatabaseName(name))
    return Invalid("bad_database_name", "a database name must be 1-63 of a-z, 0-9 and _", "name");
  // An identifier cannot be a bound parameter: the name is checked above and quoted here.
  return RunAdmin(url, "CREATE DATABASE \"" + name + "\" ENCODING 'UTF8' TEMPLATE template0");
}

Status DropPostgresDatabase(const std::string& url, const std::string& name) {
  if (!ValidDatabaseName(name))
    return Invalid("bad_database_name", "a database name must be 1-63 of a-z, 0-9 and _", "name");
  return RunAdmin(url, "DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
}

}  // namespace srm::store
