// Server configuration from a JSON file, then SRM_* environment variables, then flags (each
// overriding the one before). Plain value.
#pragma once

#include <string>

#include "core/result.h"

namespace srm::server {

struct Config {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string data_dir = "./data";
  std::string db;            // "sqlite:PATH" or a path; default DATA_DIR/srm.db
  bool demo = false;
  int threads = 96;
  size_t max_body_bytes = 1 << 20;
  std::string tls_cert, tls_key;
  std::string web_root;      // default: the built web UI next to the binary, if present
  std::string log_level = "info";
  bool access_log = true;
};

// Applies a JSON config file (keys as in Config) onto cfg; names the key at fault.
Status ApplyConfigFile(const std::string& path, Config* cfg);
// Applies SRM_HOST, SRM_PORT, SRM_DATA, SRM_DB, SRM_DEMO, SRM_THREADS, SRM_MAX_BODY_BYTES,
// SRM_TLS_CERT, SRM_TLS_KEY, SRM_WEB_ROOT, SRM_LOG_LEVEL.
Status ApplyEnvironment(Config* cfg);
// The SQLite file the config points at.
std::string SqlitePath(const Config& cfg);

}  // namespace srm::server
