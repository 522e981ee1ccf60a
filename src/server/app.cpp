#include "server/app.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>

#include "core/safe_json.h"
#include "store/idempotency.h"
#include "store/postgres/pg_incident_store.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"

namespace srm::server {

cli::CliServices App::Services() {
  cli::CliServices s{store.get(), methods.get(), auth.get(), sras.get(), admin.get(), &clock};
  s.documents = documents.get();
  s.exports = exports.get();
  s.access_log = access_log.get();
  return s;
}

namespace {

// The SQLite file of the config (DATA/srm.db by default), its directory created when missing.
Status OpenSqlite(const Config& cfg, App* app) {
  const std::string path = SqlitePath(cfg);
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path().empty()
                                          ? std::filesystem::path(".")
                                          : std::filesystem::path(path).parent_path(), ec);
  if (ec) return Invalid("invalid_config", "cannot create data directory for " + path + ": " + ec.message(), "data_dir");
  store::SqliteOptions opts;
  opts.path = path;
  opts.clock = &app->clock;
  opts.audit_anchor = app->anchor.get();
  opts.busy_timeout_ms = cfg.db_timeout_ms;
  // One reader per HTTP worker: a request never waits for a free connection.
  opts.readers = EffectiveThreads(cfg);
  SRM_ASSIGN(st, store::OpenSqliteStore(opts));
  app->store = std::move(st);
  return {};
}

// The audit anchor of the config: key and checkpoint file outside the data directory.
Status OpenAnchor(const Config& cfg, App* app) {
  SRM_TRY(CheckAuditPaths(cfg));
  store::AuditAnchorOptions opts;
  opts.key_path = AuditKeyPath(cfg);
  opts.checkpoint_path = AuditCheckpointPath(cfg);
  opts.server_id = cfg.server_id;
  opts.clock = &app->clock;
  opts.on_error = [](const std::string& message) {
    spdlog::error("{}", SafeDump({{"msg", "audit checkpoint not written"}, {"detail", message}}));
  };
  SRM_ASSIGN(anchor, store::AuditAnchor::Open(opts));
  app->anchor = std::move(anchor);
  return {};
}

}  // namespace

Result<std::unique_ptr<App>> OpenApp(const Config& cfg) {
  SRM_TRY(security::InitCrypto());
  auto app = std::make_unique<App>();
  SRM_TRY(OpenAnchor(cfg, app.get()));
  if (store::IsPostgresUrl(cfg.db)) {
    // Several servers may share this database: nothing here keeps state between requests.
    store::PostgresOptions opts;
    opts.url = cfg.db;
    opts.clock = &app->clock;
    opts.audit_anchor = app->anchor.get();
    opts.statement_timeout_ms = cfg.db_timeout_ms;
    // Opened on demand, one per busy HTTP worker, but bounded so several servers stay within the
    // database's max_connections (100 by default).
    opts.max_connections = std::min(EffectiveThreads(cfg), 32);
    SRM_ASSIGN(st, store::OpenPostgresStore(opts));
    app->store = std::move(st);
  } else if (cfg.db.rfind("postgres", 0) == 0) {
    return Invalid("invalid_config", "a PostgreSQL database is named by a URL: postgresql://user@host:port/dbname",
                   "db");
  } else {
    SRM_TRY(OpenSqlite(cfg, app.get()));
  }
  SRM_TRY(app->store->Migrate());
  // Creating requests with an Idempotency-Key record their key in the same transaction as their change.
  app->store = store::WithIdempotencyRecords(std::move(app->store));
  app->methods = std::make_unique<service::MethodRegistry>(app->store.get());
  SRM_TRY(app->methods->EnsureDefault());
  app->hasher = std::make_unique<security::PasswordHasher>(
      security::PasswordCost::Interactive(),
      security::HasherLimits{.max_active = cfg.password_hash_concurrency, .max_queued = cfg.password_hash_queue});
  service::AuthOptions auth_options;
  auth_options.min_password_entropy_bits = cfg.password_min_entropy_bits;
  app->auth = std::make_unique<service::AuthService>(app->store.get(), &app->clock, app->hasher.get(), auth_options);
  app->sras = std::make_unique<service::SraService>(app->store.get(), app->methods.get(), &app->clock, &app->ids);
  app->documents = std::make_unique<service::SraDocumentService>(app->store.get(), app->methods.get(), &app->clock);
  app->admin = std::make_unique<service::AdminService>(app->store.get(), app->auth.get(), &app->clock, &app->ids);
  app->audit = std::make_unique<service::AuditService>(app->store.get(), app->anchor.get());
  {
    service::AccessLogOptions access;
    access.enabled = cfg.sra_access_log;
    access.flush_interval_ms = cfg.sra_access_log_flush_ms;
    access.max_batch = static_cast<size_t>(cfg.sra_access_log_batch);
    access.queue_capacity = static_cast<size_t>(cfg.sra_access_log_queue);
    access.full_wait_ms = cfg.sra_access_log_wait_ms;
    access.on_error = [](const std::string& message) {
      spdlog::error("{}", SafeDump({{"msg", "access log"}, {"detail", message}}));
    };
    app->access_log = std::make_unique<service::AccessLog>(app->store.get(), &app->clock, &app->ids, std::move(access));
  }
  app->decisions =
      std::make_unique<service::DecisionService>(app->store.get(), app->methods.get(), &app->clock, &app->ids);
  app->catalog = std::make_unique<service::CatalogService>(app->store.get(), &app->clock, &app->ids);
  app->budgets =
      std::make_unique<service::BudgetService>(app->store.get(), app->methods.get(), &app->clock, &app->ids);
  app->slas = std::make_unique<service::SlaService>(app->store.get(), &app->clock, &app->ids);
  app->governance = std::make_unique<service::GovernanceService>(app->store.get(), &app->clock, &app->ids);
  app->action_plan = std::make_unique<service::ActionPlanService>(app->store.get(), &app->clock, &app->ids);
  app->workforce = std::make_unique<service::WorkforceService>(app->store.get(), &app->clock, &app->ids,
                                                               cfg.workforce_retention_days);
  app->fund = std::make_unique<service::FundService>(app->store.get(), &app->clock, &app->ids);
  app->review_comments =
      std::make_unique<service::ReviewCommentService>(app->store.get(), app->sras.get(), &app->clock, &app->ids);
  // Publishing an SRA re-decides the clearances and activity decisions resting on it, in the same transaction.
  app->sras->SetPublishHook([d = app->decisions.get()](const service::Principal& p, const domain::Sra& s,
                                                       const domain::MethodPack& m) { return d->OnPublish(p, s, m); });
  // Incidents live beside the main store, in the same database (the SQLite file, or the PostgreSQL
  // database) on connections of their own.
  {
    std::unique_ptr<store::IncidentStore> incidents;
    if (store::IsPostgresUrl(cfg.db)) {
      SRM_ASSIGN(pg, store::OpenPostgresIncidentStore({.url = cfg.db, .max_connections = 8}));
      incidents = std::move(pg);
    } else {
      SRM_ASSIGN(sqlite, store::OpenSqliteIncidentStore(SqlitePath(cfg)));
      incidents = std::move(sqlite);
    }
    SRM_TRY(incidents->Migrate());
    app->incidents = std::move(incidents);
    app->fund->SetIncidentStore(app->incidents.get());  // a fund request may rest on an incident
    app->evidence = std::make_unique<service::EvidenceService>(app->store.get(), app->incidents.get(),
                                                              app->methods.get(), &app->clock, &app->ids);
    // Uploads wait for their import job in a private directory of the data directory (not /tmp).
    app->evidence->SetUploadDirectory((std::filesystem::path(cfg.data_dir) / "uploads").string());
    // Setting a scenario's likelihood records the evidence's suggestion of that moment beside it.
    // The scenario's evidence filter narrows the incidents; a category no imported source records
    // is recorded as "no evidence" with its reason, not as a likelihood.
    app->sras->SetLikelihoodSuggester([ev = app->evidence.get()](
                                          const std::string& area_id, const std::string& category,
                                          const domain::IncidentSelector& filter,
                                          int period_days) -> Result<domain::LikelihoodSuggestion> {
      SRM_ASSIGN(e, ev->SuggestForScenario(area_id, category, filter, period_days));
      if (!e.indicators) {
        domain::LikelihoodSuggestion none;
        none.no_evidence_reason = e.verdict.reason;
        none.period_days = e.period_days;
        none.as_of = e.as_of;
        none.events = e.selected_events;
        return none;
      }
      const evidence::Indicators& in = *e.indicators;
      return domain::LikelihoodSuggestion{in.likelihood_index, in.probability, in.period_days,
                                          in.as_of,            in.events_in_lookback, in.explanation};
    });
  }
  {
    service::ExportOptions exports;
    // Export files wait in a private directory of the data directory (0700, files 0600).
    exports.dir = (std::filesystem::path(cfg.data_dir) / "exports").string();
    exports.job_threshold_rows = cfg.export_job_threshold_rows;
    app->exports = std::make_unique<service::ExportService>(app->store.get(), app->sras.get(), app->methods.get(),
                                                            &app->clock, &app->ids, std::move(exports));
  }
  return app;
}

}  // namespace srm::server
