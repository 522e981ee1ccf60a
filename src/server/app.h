// Wiring: the one place that chooses the store backend and builds the services on it.
#pragma once

#include <memory>

#include "cli/commands.h"
#include "security/crypto.h"
#include "security/password_hasher.h"
#include "server/config.h"
#include "service/admin.h"
#include "service/access_log.h"
#include "service/audit.h"
#include "service/auth.h"
#include "service/evidence.h"
#include "service/exports.h"
#include "service/decisions.h"
#include "service/methods.h"
#include "service/money/budgets.h"
#include "service/governance/action_plan.h"
#include "service/governance/governance.h"
#include "service/governance/workforce.h"
#include "service/money/fund.h"
#include "service/money/catalog.h"
#include "service/money/slas.h"
#include "service/review_comments.h"
#include "service/sras.h"
#include "service/sra_documents.h"
#include "store/audit_anchor.h"
#include "store/incident_store.h"
#include "store/store.h"

namespace srm::server {

struct App {
  // The audit chain's signing key and checkpoint file; declared first so it outlives the store,
  // which records every committed head in it.
  std::unique_ptr<store::AuditAnchor> anchor;
  std::unique_ptr<store::Store> store;
  SystemClock clock;
  security::RandomIdGen ids;
  std::unique_ptr<service::MethodRegistry> methods;
  // argon2id behind a bounded queue (config password_hash_*): used through auth.
  std::unique_ptr<security::PasswordHasher> hasher;
  std::unique_ptr<service::AuthService> auth;
  std::unique_ptr<service::SraService> sras;
  std::unique_ptr<service::SraDocumentService> documents;  // the SRA as PDF (issue 17)
  std::unique_ptr<service::AdminService> admin;
  std::unique_ptr<service::AuditService> audit;  // verification against the checkpoints, re-anchoring
  // Who read or exported what (issue 17): its writer thread flushes into the store on
  // destruction, so it is declared after the store (destroyed before it).
  std::unique_ptr<service::AccessLog> access_log;
  std::unique_ptr<service::DecisionService> decisions;
  std::unique_ptr<service::CatalogService> catalog;  // the results chain and the universal price list (issue 15)
  std::unique_ptr<service::BudgetService> budgets;  // local cost-shared security budgets (issue 15)
  std::unique_ptr<service::SlaService> slas;        // service-level agreements (issue 15)
  std::unique_ptr<service::FundService> fund;       // the emergency security fund (issue 16)
  std::unique_ptr<service::GovernanceService> governance;  // governance bodies, meetings, decisions (issue 16)
  std::unique_ptr<service::ActionPlanService> action_plan;  // the action plan (issue 16)
  std::unique_ptr<service::WorkforceService> workforce;     // the security workforce (issue 16)
  std::unique_ptr<service::ReviewCommentService> review_comments;  // comments on an SRA version (issue 18)
  // Incident evidence (SQLite only for now); declared last so they close first.
  std::unique_ptr<store::IncidentStore> incidents;
  std::unique_ptr<service::EvidenceService> evidence;
  // Registers, heatmaps and list exports (issue 17): its jobs read the services above, so it goes first.
  std::unique_ptr<service::ExportService> exports;

  cli::CliServices Services();
};

// Opens the store named by the config, applies migrations and installs the default pack.
Result<std::unique_ptr<App>> OpenApp(const Config& cfg);

}  // namespace srm::server
