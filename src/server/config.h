// Server configuration from a JSON file, then SRM_* environment variables, then flags (each
// overriding the one before). Plain value.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace srm::server {

struct Config {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string data_dir = "./data";
  std::string db;            // "sqlite:PATH" or a path; default DATA_DIR/srm.db
  bool demo = false;
  // Workers for route handlers (connections need no thread of their own); 0 = EffectiveThreads.
  int threads = 0;
  size_t max_body_bytes = 1 << 20;
  std::string tls_cert, tls_key;
  std::string web_root;      // default: the built web UI next to the binary, if present
  std::string log_level = "info";
  bool access_log = true;
  // A database statement or commit (PostgreSQL) or wait for a lock (SQLite) longer than this
  // fails the request with 503 database_unavailable instead of holding its worker.
  int db_timeout_ms = 5000;
  // Peers whose X-Forwarded-For names the client (e.g. the nginx in front); exact addresses.
  // Requests from any other peer are throttled by the peer's own address.
  std::vector<std::string> trusted_proxies;
  double password_min_entropy_bits = 28;  // zxcvbn estimate a new password must reach
  int password_hash_concurrency = 0;      // argon2id hashes at once; 0 = min(cores, 4)
  int password_hash_queue = 8;            // waiting beyond them; more get 503 busy
  // The audit chain's anchor, outside the data directory (refused inside it): the Ed25519 signing
  // key (created 0600 when missing) and the signed checkpoint file. "" = DATA_DIR-audit/signing.key
  // and DATA_DIR-audit/checkpoints.log, a sibling of the data directory (./data-audit by default);
  // for a PostgreSQL database, DATA_DIR-audit/checkpoints-pg-<hash of its URL>.log.
  std::string audit_key;
  std::string audit_checkpoints;
  std::string server_id;                  // names this server's checkpoints; "" = hostname-<key id>
  // The SRA access log (service/access_log.h; issue 17): who read or exported what, written in
  // batches off the request path, every flush_ms or as soon as `batch` entries wait; at most
  // `queue` entries wait, and a request finding the queue full waits wait_ms, then gets 503.
  bool sra_access_log = true;
  int sra_access_log_flush_ms = 200;
  int sra_access_log_batch = 2000;
  int sra_access_log_queue = 20000;
  int sra_access_log_wait_ms = 250;
  // A ?format=csv|xlsx list export with more rows than this runs as a background job with progress
  // (202 + the job's URL); shorter ones are answered at once (service/exports.h).
  int64_t export_job_threshold_rows = 5000;
  // How long a security person's personal data is kept after they left (issue 16): then the purge
  // (POST /api/v1/workforce/purge or `srm workforce-purge`, e.g. from a daily timer) removes it.
  int workforce_retention_days = 730;
};

// Applies a JSON config file (keys as in Config) onto cfg; names the key at fault.
Status ApplyConfigFile(const std::string& path, Config* cfg);
// Applies SRM_HOST, SRM_PORT, SRM_DATA, SRM_DB, SRM_DEMO, SRM_THREADS, SRM_MAX_BODY_BYTES,
// SRM_TLS_CERT, SRM_TLS_KEY, SRM_WEB_ROOT, SRM_LOG_LEVEL, SRM_TRUSTED_PROXIES (comma-separated),
// SRM_PASSWORD_MIN_ENTROPY_BITS, SRM_PASSWORD_HASH_CONCURRENCY, SRM_PASSWORD_HASH_QUEUE,
// SRM_AUDIT_KEY, SRM_AUDIT_CHECKPOINTS, SRM_SERVER_ID, SRM_DB_TIMEOUT_MS, SRM_SRA_ACCESS_LOG,
// SRM_SRA_ACCESS_LOG_FLUSH_MS, SRM_SRA_ACCESS_LOG_BATCH, SRM_SRA_ACCESS_LOG_QUEUE, SRM_SRA_ACCESS_LOG_WAIT_MS,
// SRM_EXPORT_JOB_THRESHOLD_ROWS.
Status ApplyEnvironment(Config* cfg);
// Applies one setting given as text, as its environment variable would be read (a flag's value);
// origin names it in errors, e.g. "--trusted-proxies".
Status ApplySetting(const std::string& key, const std::string& text, const std::string& origin, Config* cfg);
// The SQLite file the config points at.
std::string SqlitePath(const Config& cfg);
// `threads`, or when 0: one per core on SQLite, at least 2 (handlers are CPU-bound there; more
// workers only take the CPU from the connection threads: docs/http-server.md, "Worker pool"), 8 per
// core on PostgreSQL (handlers wait on the network).
int EffectiveThreads(const Config& cfg);
// The audit signing key and checkpoint file the config points at (defaults resolved).
std::string AuditKeyPath(const Config& cfg);
std::string AuditCheckpointPath(const Config& cfg);
// kInvalid "invalid_config" when the key or the checkpoint file lies inside the data directory
// (or the SQLite file's directory), where whoever rewrites the database would reach it too.
Status CheckAuditPaths(const Config& cfg);

}  // namespace srm::server
