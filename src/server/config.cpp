#include "server/config.h"

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

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
  if (key == "max_body_bytes") {
    if (!v.is_number_integer() || v.get<long long>() < 1024 || v.get<long long>() > (1LL << 30))
      return bad("an integer 1024-1073741824");
    c->max_body_bytes = v.get<size_t>();
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
  struct Var { const char* env; const char* key; char type; };
  const Var vars[] = {{"SRM_HOST", "host", 's'},       {"SRM_PORT", "port", 'i'},
                      {"SRM_DATA", "data_dir", 's'},   {"SRM_DB", "db", 's'},
                      {"SRM_DEMO", "demo", 'b'},       {"SRM_THREADS", "threads", 'i'},
                      {"SRM_MAX_BODY_BYTES", "max_body_bytes", 'i'}, {"SRM_TLS_CERT", "tls_cert", 's'},
                      {"SRM_TLS_KEY", "tls_key", 's'}, {"SRM_WEB_ROOT", "web_root", 's'},
                      {"SRM_LOG_LEVEL", "log_level", 's'}};
  for (const auto& v : vars) {
    const char* val = std::getenv(v.env);
    if (!val) continue;
    json j;
    if (v.type == 's') j = val;
    else if (v.type == 'b') j = std::string(val) == "1" || std::string(val) == "true";
    else {
      char* end = nullptr;
      long long n = std::strtoll(val, &end, 10);
      if (!*val || *end) return Invalid("invalid_config", std::string(v.env) + " must be an integer", v.key);
      j = n;
    }
    SRM_TRY(SetField(cfg, v.key, j, v.env));
  }
  return {};
}

std::string SqlitePath(const Config& cfg) {
  if (cfg.db.empty()) return cfg.data_dir + "/srm.db";
  if (cfg.db.rfind("sqlite:", 0) == 0) return cfg.db.substr(7);
  return cfg.db;
}

}  // namespace srm::server
