#include "server/config.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstdlib>
#include <thread>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "security/crypto.h"
#include "store/postgres/postgres_store.h"

namespace srm::server {

using nlohmann::json;

namespace {
Status SetField(Config* c, const std::string& key, const json& v, const std::string& origin) {
  auto bad = [&](const char* want) {
    return Invalid("invalid_config", origin + ": " + key + " must be " + want, key);
  };
  auto str = [&](std::string* out) -> Status {
    if (!v.is_string()) return bad("a string");
    *out = v.get<std::string>();
    return {};
  };
  if (key == "host") return str(&c->host);
  if (key == "data_dir") return str(&c->data_dir);
  if (key == "db") return str(&c->db);
  if (key == "tls_cert") return str(&c->tls_cert);
  if (key == "tls_key") return str(&c->tls_key);
  if (key == "web_root") return str(&c->web_root);
  if (key == "log_level") return str(&c->log_level);
  if (key == "audit_key") return str(&c->audit_key);
  if (key == "audit_checkpoints") return str(&c->audit_checkpoints);
  if (key == "server_id") {
    SRM_TRY(str(&c->server_id));
    if (c->server_id.size() > 128) return bad("at most 128 characters");
    return {};
  }
  if (key == "port") {
    if (!v.is_number_integer() || v.get<int>() < 0 || v.get<int>() > 65535) return bad("a port number 0-65535");
    c->port = v.get<int>();
    return {};
  }
  if (key == "threads") {
    if (!v.is_number_integer() || v.get<int>() < 2 || v.get<int>() > 1024) return bad("an integer 2-1024");
    c->threads = v.get<int>();
    return {};
  }
  if (key == "db_timeout_ms") {
    if (!v.is_number_integer() || v.get<int>() < 100 || v.get<int>() > 600000) return bad("an integer 100-600000");
    c->db_timeout_ms = v.get<int>();
    return {};
  }
  if (key == "max_body_bytes") {
    if (!v.is_number_integer() || v.get<long long>() < 1024 || v.get<long long>() > (1LL << 30))
      return bad("an integer 1024-1073741824");
    c->max_body_bytes = v.get<size_t>();
    return {};
  }
  if (key == "trusted_proxies") {
    if (!v.is_array()) return bad("a list of IP addresses");
    std::vector<std::string> list;
    for (const json& a : v) {
      unsigned char buf[16];
      if (!a.is_string()) return bad("a list of IP addresses");
      const std::string s = a.get<std::string>();
      if (inet_pton(AF_INET, s.c_str(), buf) != 1 && inet_pton(AF_INET6, s.c_str(), buf) != 1)
        return Invalid("invalid_config", origin + ": trusted_proxies: '" + s + "' is not an IP address", key);
      list.push_back(s);
    }
    c->trusted_proxies = std::move(list);
    return {};
  }
  if (key == "password_min_entropy_bits") {
    if (!v.is_number() || v.get<double>() < 0 || v.get<double>() > 200) return bad("a number of bits 0-200");
    c->password_min_entropy_bits = v.get<double>();
    return {};
  }
  if (key == "password_hash_concurrency" || key == "password_hash_queue") {
    if (!v.is_number_integer() || v.get<int>() < 0 || v.get<int>() > 256) return bad("an integer 0-256");
    (key == "password_hash_queue" ? c->password_hash_queue : c->password_hash_concurrency) = v.get<int>();
    return {};
  }
  if (key == "sra_access_log") {
    if (!v.is_boolean()) return bad("true or false");
    c->sra_access_log = v.get<bool>();
    return {};
  }
  if (key == "sra_access_log_flush_ms" || key == "sra_access_log_wait_ms") {
    if (!v.is_number_integer() || v.get<int>() < 0 || v.get<int>() > 60000) return bad("an integer 0-60000");
    (key == "sra_access_log_flush_ms" ? c->sra_access_log_flush_ms : c->sra_access_log_wait_ms) = v.get<int>();
    return {};
  }
  if (key == "sra_access_log_batch" || key == "sra_access_log_queue") {
    if (!v.is_number_integer() || v.get<int>() < 1 || v.get<int>() > 1000000) return bad("an integer 1-1000000");
    (key == "sra_access_log_batch" ? c->sra_access_log_batch : c->sra_access_log_queue) = v.get<int>();
    return {};
  }
  if (key == "workforce_retention_days") {
    if (!v.is_number_integer() || v.get<long long>() < 0 || v.get<long long>() > 36500) return bad("an integer 0-36500");
    c->workforce_retention_days = v.get<int>();
    return {};
  }
  if (key == "export_job_threshold_rows") {
    if (!v.is_number_integer() || v.get<long long>() < 0 || v.get<long long>() > 100000000) return bad("an integer 0-100000000");
    c->export_job_threshold_rows = v.get<int64_t>();
    return {};
  }
  if (key == "demo" || key == "access_log") {
    if (!v.is_boolean()) return bad("true or false");
    (key == "demo" ? c->demo : c->access_log) = v.get<bool>();
    return {};
  }
  return Invalid("invalid_config", origin + ": unknown key '" + key + "'", key);
}
}  // namespace

namespace {

// A comma-separated list ("10.0.0.1, 10.0.0.2") as a JSON array of its items.
json SplitList(const std::string& text) {
  json list = json::array();
  std::string item;
  for (char ch : text + ",") {
    if (ch == ',') {
      if (!item.empty()) list.push_back(item);
      item.clear();
    } else if (ch != ' ') {
      item += ch;
    }
  }
  return list;
}

// Settings that can be given as text (environment variables, some flags): type s(tring),
// i(nteger), b(oolean), d(ecimal number), l(ist, comma-separated).
struct TextSetting { const char* env; const char* key; char type; };
constexpr TextSetting kTextSettings[] = {
    {"SRM_HOST", "host", 's'},       {"SRM_PORT", "port", 'i'},
    {"SRM_DATA", "data_dir", 's'},   {"SRM_DB", "db", 's'},
    {"SRM_DEMO", "demo", 'b'},       {"SRM_THREADS", "threads", 'i'},
    {"SRM_MAX_BODY_BYTES", "max_body_bytes", 'i'}, {"SRM_TLS_CERT", "tls_cert", 's'},
    {"SRM_TLS_KEY", "tls_key", 's'}, {"SRM_WEB_ROOT", "web_root", 's'},
    {"SRM_LOG_LEVEL", "log_level", 's'},
    {"SRM_TRUSTED_PROXIES", "trusted_proxies", 'l'},
    {"SRM_PASSWORD_MIN_ENTROPY_BITS", "password_min_entropy_bits", 'd'},
    {"SRM_PASSWORD_HASH_CONCURRENCY", "password_hash_concurrency", 'i'},
    {"SRM_PASSWORD_HASH_QUEUE", "password_hash_queue", 'i'},
    {"SRM_AUDIT_KEY", "audit_key", 's'},
    {"SRM_AUDIT_CHECKPOINTS", "audit_checkpoints", 's'},
    {"SRM_SERVER_ID", "server_id", 's'},
    {"SRM_DB_TIMEOUT_MS", "db_timeout_ms", 'i'},
    {"SRM_SRA_ACCESS_LOG", "sra_access_log", 'b'},
    {"SRM_SRA_ACCESS_LOG_FLUSH_MS", "sra_access_log_flush_ms", 'i'},
    {"SRM_SRA_ACCESS_LOG_BATCH", "sra_access_log_batch", 'i'},
    {"SRM_SRA_ACCESS_LOG_QUEUE", "sra_access_log_queue", 'i'},
    {"SRM_SRA_ACCESS_LOG_WAIT_MS", "sra_access_log_wait_ms", 'i'},
    {"SRM_EXPORT_JOB_THRESHOLD_ROWS", "export_job_threshold_rows", 'i'},
    {"SRM_WORKFORCE_RETENTION_DAYS", "workforce_retention_days", 'i'}};

Status ApplyText(Config* cfg, const TextSetting& v, const std::string& val, const std::string& origin) {
  json j;
  if (v.type == 's') j = val;
  else if (v.type == 'b') j = val == "1" || val == "true";
  else if (v.type == 'l') j = SplitList(val);
  else if (v.type == 'd') {
    char* end = nullptr;
    double n = std::strtod(val.c_str(), &end);
    if (val.empty() || *end) return Invalid("invalid_config", origin + " must be a number", v.key);
    j = n;
  } else {
    char* end = nullptr;
    long long n = std::strtoll(val.c_str(), &end, 10);
    if (val.empty() || *end) return Invalid("invalid_config", origin + " must be an integer", v.key);
    j = n;
  }
  return SetField(cfg, v.key, j, origin);
}

}  // namespace

Status ApplyConfigFile(const std::string& path, Config* cfg) {
  std::ifstream in(path);
  if (!in) return Invalid("invalid_config", "cannot read config file " + path, "config");
  std::stringstream ss;
  ss << in.rdbuf();
  json doc = json::parse(ss.str(), nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    return Invalid("invalid_config", path + ": not a JSON object", "config");
  for (auto it = doc.begin(); it != doc.end(); ++it) SRM_TRY(SetField(cfg, it.key(), it.value(), path));
  return {};
}

Status ApplyEnvironment(Config* cfg) {
  for (const auto& v : kTextSettings) {
    const char* val = std::getenv(v.env);
    if (!val) continue;
    SRM_TRY(ApplyText(cfg, v, val, v.env));
  }
  return {};
}

Status ApplySetting(const std::string& key, const std::string& text, const std::string& origin, Config* cfg) {
  for (const auto& v : kTextSettings)
    if (key == v.key) return ApplyText(cfg, v, text, origin);
  return Invalid("invalid_config", origin + ": unknown setting '" + key + "'", key);
}

int EffectiveThreads(const Config& cfg) {
  if (cfg.threads > 0) return cfg.threads;
  const int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  return std::clamp((store::IsPostgresUrl(cfg.db) ? 8 : 1) * cores, 2, 1024);
}

std::string SqlitePath(const Config& cfg) {
  if (cfg.db.empty()) return cfg.data_dir + "/srm.db";
  if (cfg.db.rfind("sqlite:", 0) == 0) return cfg.db.substr(7);
  return cfg.db;
}

namespace {

// The path made absolute and normal, symbolic links of its existing part resolved.
std::filesystem::path Resolved(const std::string& path) {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::weakly_canonical(std::filesystem::absolute(path, ec), ec);
  if (ec) p = std::filesystem::absolute(path).lexically_normal();
  return p;
}

bool Inside(const std::filesystem::path& path, const std::filesystem::path& dir) {
  auto d = dir.begin(), p = path.begin();
  for (; d != dir.end(); ++d, ++p) {
    if (d->empty()) continue;  // a trailing separator
    if (p == path.end() || *p != *d) return false;
  }
  return true;
}

// DATA_DIR-audit, beside the data directory.
std::filesystem::path DefaultAuditDir(const Config& cfg) {
  std::filesystem::path data = Resolved(cfg.data_dir);
  if (data.filename().empty()) data = data.parent_path();
  return data.parent_path() / (data.filename().string() + "-audit");
}

}  // namespace

std::string AuditKeyPath(const Config& cfg) {
  return cfg.audit_key.empty() ? (DefaultAuditDir(cfg) / "signing.key").string() : cfg.audit_key;
}

std::string AuditCheckpointPath(const Config& cfg) {
  if (!cfg.audit_checkpoints.empty()) return cfg.audit_checkpoints;
  // A PostgreSQL database is not in the data directory: its checkpoints get a file of their own,
  // named after the database, so that one data directory serving several databases (or a database
  // created afresh under the same data directory, as tests do) never mixes their checkpoints.
  if (store::IsPostgresUrl(cfg.db))
    return (DefaultAuditDir(cfg) / ("checkpoints-pg-" + security::Sha256Hex(store::RedactPostgresUrl(cfg.db)).substr(0, 12) +
                                    ".log"))
        .string();
  return (DefaultAuditDir(cfg) / "checkpoints.log").string();
}

Status CheckAuditPaths(const Config& cfg) {
  std::vector<std::filesystem::path> data_dirs{Resolved(cfg.data_dir)};
  if (cfg.db.rfind("postgres", 0) != 0) data_dirs.push_back(Resolved(SqlitePath(cfg)).parent_path());
  const std::pair<const char*, std::string> paths[] = {{"audit_key", AuditKeyPath(cfg)},
                                                       {"audit_checkpoints", AuditCheckpointPath(cfg)}};
  for (const auto& [key, path] : paths)
    for (const auto& dir : data_dirs)
      if (Inside(Resolved(path), dir))
        return Invalid("invalid_config",
                       std::string(key) + " (" + path + ") must lie outside the data directory " + dir.string() +
                           ": whoever can rewrite the database must not reach the audit anchor",
                       key);
  return {};
}

}  // namespace srm::server
