// `srm`: the server and its operator commands. Parses flags, loads configuration, wires the app.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>
#include <tuple>
#include <chrono>
#include <mutex>
#include <condition_variable>

#include "api/server.h"
#include "cli/commands.h"
#include "core/safe_json.h"
#include "server/app.h"
#include "server/audit_cli.h"
#include "server/buffered_stdout_sink.h"
#include "server/db_cli.h"
#include "server/evidence_cli.h"
#include "server/evidence_wiring.h"
#include "service/demo.h"
#include "store/postgres/postgres_store.h"
#include "core/thread_name.h"

namespace {

using srm::server::Config;

// The database as logs and messages name it: the SQLite path, or the PostgreSQL URL without its password.
std::string DescribeDb(const Config& cfg) {
  return srm::store::IsPostgresUrl(cfg.db) ? srm::store::RedactPostgresUrl(cfg.db) : srm::server::SqlitePath(cfg);
}

std::string ReadPassword(const std::string& prompt) {
  std::string pw;
  const bool tty = isatty(STDIN_FILENO);
  termios old{};
  if (tty) {
    std::cerr << prompt << std::flush;
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::getline(std::cin, pw);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << "\n";
  }
  if (!pw.empty() && pw.back() == '\r') pw.pop_back();
  return pw;
}

std::string DefaultWebRoot() {
  // The built UI sits at <repo>/web/dist; the binary at <repo>/build/srm.
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  for (auto dir = exe.parent_path(); !dir.empty() && dir != dir.root_path(); dir = dir.parent_path()) {
    auto candidate = dir / "web" / "dist";
    if (std::filesystem::exists(candidate / "index.html", ec)) return candidate.string();
  }
  return {};
}

void SetupLogging(const Config& cfg) {
  auto logger = std::make_shared<spdlog::logger>("srm", std::make_shared<srm::server::BufferedStdoutSink>());
  // Every line is one JSON object; messages are JSON objects themselves.
  logger->set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","event":%v})", spdlog::pattern_time_type::utc);
  logger->set_level(spdlog::level::from_str(cfg.log_level));
  // Warnings and errors reach the log at once, everything else within a second (the sink buffers:
  // buffered_stdout_sink.h).
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(logger);
  spdlog::flush_every(std::chrono::seconds(1));
}

std::string Msg(const std::string& msg, nlohmann::json extra = nlohmann::json::object()) {
  extra["msg"] = msg;
  return srm::SafeDump(extra);  // details may quote what a client or a file held
}

// A background job that failed on our side (an exception) is logged here with its job id; the job
// itself is recorded failed with code "internal".
void LogJobFaults(srm::server::App& a) {
  if (!a.evidence) return;
  a.evidence->SetFaultLog([](const std::string& job_id, const std::string& detail) {
    spdlog::error("{}", Msg("background job failed: internal error", {{"job_id", job_id}, {"detail", detail}}));
  });
}

int Serve(const Config& cfg) {
  // Block termination signals in every thread; one thread waits for them and stops the server.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
  SetupLogging(cfg);  // after the mask: its flusher thread must not take SIGTERM either

  auto app = srm::server::OpenApp(cfg);
  if (!app) {
    spdlog::error("{}", Msg("cannot open the database", {{"detail", app.error().message}}));
    return 1;
  }
  srm::server::App& a = **app;
  LogJobFaults(a);
  if (cfg.demo) {
    auto st = srm::service::SeedDemo(a.store.get(), a.admin.get(), a.sras.get());
    if (!st) {
      spdlog::error("{}", Msg("demo data could not be loaded", {{"detail", st.error().message}}));
      return 1;
    }
    spdlog::warn("{}", Msg("DEMO MODE: demo users have the password 'demo'; never use demo mode for real data"));
  } else {
    auto n = srm::service::DisableDemoPasswords(a.store.get());
    if (n && *n > 0) spdlog::warn("{}", Msg("disabled accounts still holding the demo password", {{"count", *n}}));
  }
  // A log that does not verify is reported loudly; the server serves all the same.
  srm::server::CheckAuditAtStart(a);
  srm::api::ApiOptions opts;
  opts.max_body_bytes = cfg.max_body_bytes;
  opts.threads = srm::server::EffectiveThreads(cfg);
  opts.tls = !cfg.tls_cert.empty();
  opts.tls_cert = cfg.tls_cert;
  opts.tls_key = cfg.tls_key;
  opts.web_root = cfg.web_root.empty() ? DefaultWebRoot() : cfg.web_root;
  opts.access_log = cfg.access_log;
  opts.demo = cfg.demo;
  opts.trusted_proxies = cfg.trusted_proxies;
  srm::api::ApiServer server(srm::server::WithEvidence(a, {a.store.get(), a.auth.get(), a.sras.get(), a.admin.get(), a.methods.get(), &a.clock,
                              a.decisions.get()}),
                             opts);
  auto port = server.Bind(cfg.host, cfg.port);
  if (!port) {
    spdlog::error("{}", Msg(port.error().message));
    std::cerr << "srm serve: " << port.error().message << "\n";
    return 1;
  }
  std::thread waiter([&] {
    srm::NameThisThread("srm-signals");
    int sig = 0;
    sigwait(&signals, &sig);
    spdlog::info("{}", Msg("shutting down: finishing in-flight requests", {{"signal", sig}}));
    server.Stop();
  });
  // Housekeeping: expired sessions and old login failures, at start and every 10 minutes, so those
  // tables do not grow without bound. A failure is logged and tried again next time.
  std::mutex housekeeping_mu;
  std::condition_variable housekeeping_cv;
  bool stopping = false;
  std::thread housekeeper([&] {
    srm::NameThisThread("srm-housekeeper");
    std::unique_lock lock(housekeeping_mu);
    do {
      lock.unlock();
      try {  // a thread lets nothing escape: an exception would end the process
        if (auto done = a.auth->Housekeep(); !done)
          spdlog::warn("{}", Msg("housekeeping failed", {{"detail", done.error().message}}));
        // Issue 16: personal data of security personnel past its retention goes (audited).
        if (auto purged = a.workforce->Purge(srm::service::ConsolePrincipal("housekeeping")); !purged)
          spdlog::warn("{}", Msg("workforce purge failed", {{"detail", purged.error().message}}));
        else if (!purged->purged_ids.empty())
          spdlog::info("{}", Msg("workforce purge", {{"purged", purged->purged_ids.size()}}));
      } catch (const std::exception& e) {
        spdlog::error("{}", Msg("housekeeping failed: internal error", {{"job", "housekeeping"}, {"detail", e.what()}}));
      } catch (...) {
        spdlog::error("{}", Msg("housekeeping failed: internal error", {{"job", "housekeeping"}, {"detail", "unknown"}}));
      }
      lock.lock();
    } while (!housekeeping_cv.wait_for(lock, std::chrono::minutes(10), [&] { return stopping; }));
  });
  spdlog::info("{}", Msg("listening", {{"url", (opts.tls ? "https://" : "http://") + cfg.host + ":" + std::to_string(*port)},
                                       {"database", DescribeDb(cfg)},
                                       {"web_root", opts.web_root},
                                       {"demo", cfg.demo}}));
  // What the start logged is out before the first request is answered: scripts wait for the
  // server to answer and then read its start-up lines.
  spdlog::default_logger()->flush();
  auto served = server.Serve();
  // Serve() returned: wake the waiter if the server stopped for another reason.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  {
    std::lock_guard lock(housekeeping_mu);
    stopping = true;
  }
  housekeeping_cv.notify_all();
  housekeeper.join();
  app->reset();  // closes the database cleanly (checkpoints the WAL)
  spdlog::info("{}", Msg("stopped"));
  spdlog::default_logger()->flush();
  return served ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  // Everything srm creates (the database, its WAL, backups, uploads) is for its own user only;
  // the places that create files also set their modes explicitly.
  ::umask(077);
  CLI::App cli{"OpenSRM: security risk management for the UN security management system"};
  cli.require_subcommand(1);
  Config cfg;
  std::string config_file;
  cli.add_option("--config", config_file, "JSON configuration file")->check(CLI::ExistingFile);
  auto common = [&](CLI::App* sub) {
    sub->add_option("--data", cfg.data_dir, "data directory (default ./data)");
    sub->add_option("--db", cfg.db, "database: sqlite:PATH (default DATA/srm.db) or postgresql://user@host:port/dbname");
    sub->add_option("--audit-key", cfg.audit_key, "audit signing key, outside the data directory (default DATA-audit/signing.key)");
    sub->add_option("--audit-checkpoints", cfg.audit_checkpoints,
                    "signed audit checkpoint file, outside the data directory (default DATA-audit/checkpoints.log)");
    sub->add_option("--server-id", cfg.server_id, "name of this server in audit checkpoints (default hostname-keyid)");
  };

  auto* serve = cli.add_subcommand("serve", "run the HTTP server");
  common(serve);
  std::optional<int> port;
  std::optional<std::string> host;
  bool demo = false;
  serve->add_option("--port", port, "TCP port (0 = any free port)")->check(CLI::Range(0, 65535));
  serve->add_option("--host", host, "address to listen on (default 127.0.0.1)");
  serve->add_flag("--demo", demo, "load the Carana demo data set on first start (demo passwords!)");
  serve->add_option("--threads", cfg.threads, "worker threads for requests (default: 1 per core on SQLite, at least 2; 8 per core on PostgreSQL)")->check(CLI::Range(2, 1024));
  serve->add_option("--tls-cert", cfg.tls_cert, "TLS certificate (PEM)");
  serve->add_option("--tls-key", cfg.tls_key, "TLS private key (PEM)");
  serve->add_option("--web-root", cfg.web_root, "directory of the built web UI");
  serve->add_option("--log-level", cfg.log_level, "trace|debug|info|warn|error");
  std::optional<std::string> trusted_proxies, min_entropy;
  serve->add_option("--trusted-proxies", trusted_proxies,
                    "comma-separated addresses of reverse proxies whose X-Forwarded-For names the client");
  serve->add_option("--password-min-entropy-bits", min_entropy,
                    "zxcvbn strength a new password must reach (default 28)");

  auto* migrate = cli.add_subcommand("migrate", "apply database migrations");
  common(migrate);
  // Issue 16: removes the personal data of security personnel whose retention ran out (audited).
  auto* workforce_purge = cli.add_subcommand("workforce-purge", "purge security personnel data past its retention");
  common(workforce_purge);

  auto* user = cli.add_subcommand("user", "manage users")->require_subcommand(1);
  srm::cli::UserAddArgs ua;
  auto* user_add = user->add_subcommand("add", "create a user (password read from standard input)");
  common(user_add);
  user_add->add_option("username", ua.username)->required();
  user_add->add_option("--role", ua.role, "role: admin, security_professional, security_cell, smt, dss_desk, "
                                          "hq_security, executive_office, finance, auditor, designated_official, pc_lead");
  user_add->add_option("--org", ua.organization_id, "organization id");
  user_add->add_option("--country", ua.country_id, "scope the role to a country id");
  user_add->add_option("--area", ua.area_id, "scope the role to an SRM area id");
  user_add->add_option("--name", ua.display_name, "display name");
  std::string pw_user;
  auto* user_pw = user->add_subcommand("passwd", "set a user's password (read from standard input)");
  common(user_pw);
  user_pw->add_option("username", pw_user)->required();

  auto* method = cli.add_subcommand("method", "methodology packs")->require_subcommand(1);
  auto* method_show = method->add_subcommand("show", "print the active pack");
  common(method_show);
  std::string pack_file;
  bool keep_active = false;
  auto* method_install = method->add_subcommand("install", "install (and activate) a pack from a JSON file");
  common(method_install);
  method_install->add_option("file", pack_file)->required()->check(CLI::ExistingFile);
  method_install->add_flag("--no-activate", keep_active, "install without making it active");

  srm::server::AuditCli audit_cli;
  srm::server::AddAuditCommands(cli, &audit_cli, common);

  auto* sra = cli.add_subcommand("sra", "SRAs")->require_subcommand(1);
  std::string sra_id, out_path, format = "json", export_lang = "en";
  auto* sra_export = sra->add_subcommand("export", "export an SRA as JSON, its scenarios as CSV, its document as PDF or its register as Excel (recorded in its access log)");
  common(sra_export);
  sra_export->add_option("id", sra_id)->required();
  sra_export->add_option("-o,--output", out_path, "file to write (default standard output)");
  sra_export->add_option("--format", format, "json, csv, pdf or xlsx")->check(CLI::IsMember({"json", "csv", "pdf", "xlsx"}));
  sra_export->add_option("--lang", export_lang, "the PDF's or workbook's language: en, fr or ar")->check(CLI::IsMember({"en", "fr", "ar"}));

  srm::server::EvidenceCli evidence_cli;
  srm::server::AddEvidenceCommands(cli, &evidence_cli, common);

  srm::server::DbCli db_cli;
  srm::server::AddDbCommands(cli, &db_cli, common);

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }
  // Precedence: defaults < config file < environment < flags. Flags were parsed into cfg
  // already, so re-apply them over the file and environment.
  Config flags = cfg;
  Config merged;
  if (!config_file.empty()) {
    if (auto st = srm::server::ApplyConfigFile(config_file, &merged); !st) {
      srm::cli::PrintError(std::cerr, st.error());
      return 1;
    }
  }
  if (auto st = srm::server::ApplyEnvironment(&merged); !st) {
    srm::cli::PrintError(std::cerr, st.error());
    return 1;
  }
  const Config defaults;
  auto pick = [](auto& dst, const auto& flag, const auto& def) { if (flag != def) dst = flag; };
  pick(merged.data_dir, flags.data_dir, defaults.data_dir);
  pick(merged.db, flags.db, defaults.db);
  pick(merged.threads, flags.threads, defaults.threads);
  pick(merged.tls_cert, flags.tls_cert, defaults.tls_cert);
  pick(merged.tls_key, flags.tls_key, defaults.tls_key);
  pick(merged.web_root, flags.web_root, defaults.web_root);
  pick(merged.log_level, flags.log_level, defaults.log_level);
  pick(merged.audit_key, flags.audit_key, defaults.audit_key);
  pick(merged.audit_checkpoints, flags.audit_checkpoints, defaults.audit_checkpoints);
  pick(merged.server_id, flags.server_id, defaults.server_id);
  if (port) merged.port = *port;
  if (host) merged.host = *host;
  if (demo) merged.demo = true;
  for (auto [key, flag, value] : {std::tuple{"trusted_proxies", "--trusted-proxies", &trusted_proxies},
                                  std::tuple{"password_min_entropy_bits", "--password-min-entropy-bits", &min_entropy}}) {
    if (!*value) continue;
    if (auto st = srm::server::ApplySetting(key, **value, flag, &merged); !st) {
      srm::cli::PrintError(std::cerr, st.error());
      return 1;
    }
  }
  cfg = merged;

  if (*serve) return Serve(cfg);
  // Database commands work on the database itself, before (instead of) opening the app on it.
  if (int rc = srm::server::RunDbCommands(db_cli, cfg, std::cout, std::cerr); rc >= 0) return rc;

  auto app = srm::server::OpenApp(cfg);
  if (!app) {
    srm::cli::PrintError(std::cerr, app.error());
    return 1;
  }
  LogJobFaults(**app);
  auto services = (*app)->Services();
  if (*migrate) {
    std::cout << "database " << DescribeDb(cfg) << " is up to date\n";
    return 0;
  }
  if (*workforce_purge) {
    auto done = (*app)->workforce->Purge(srm::service::ConsolePrincipal(""));
    if (!done) {
      srm::cli::PrintError(std::cerr, done.error());
      return 1;
    }
    std::cout << "purged " << done->purged_ids.size() << " security personnel record(s) left more than "
              << done->retention_days << " days before " << done->today << "\n";
    return 0;
  }
  if (*user_add) {
    ua.password = ReadPassword("password for " + ua.username + ": ");
    return srm::cli::UserAdd(services, ua, std::cout, std::cerr);
  }
  if (*user_pw) return srm::cli::UserPasswd(services, pw_user, ReadPassword("new password: "), std::cout, std::cerr);
  if (*method_show) return srm::cli::MethodShow(services, std::cout, std::cerr);
  if (*method_install) return srm::cli::MethodInstall(services, pack_file, !keep_active, std::cout, std::cerr);
  if (int rc = srm::server::RunAuditCommands(audit_cli, **app, std::cout, std::cerr); rc >= 0) return rc;
  if (int rc = srm::server::RunEvidenceCommands(evidence_cli, **app, std::cout, std::cerr); rc >= 0) return rc;
  if (*sra_export) return srm::cli::SraExport(services, sra_id, format, out_path, std::cout, std::cerr, export_lang);
  return 1;
}
