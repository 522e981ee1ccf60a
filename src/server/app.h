// Wiring: the one place that chooses the store backend and builds the services on it.
#pragma once

#include <memory>

#include "cli/commands.h"
#include "security/crypto.h"
#include "security/password_hasher.h"
#include "server/config.h"
#include "service/admin.h"
#include "service/audit.h"
#include "service/auth.h"
#include "service/evidence.h"
#include "service/decisions.h"
#include "service/methods.h"
#include "service/sras.h"
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
  std::unique_ptr<service::AdminService> admin;
  std::unique_ptr<service::AuditService> audit;  // verification against the checkpoints, re-anchoring
  std::unique_ptr<service::DecisionService> decisions;
  // Incident evidence (SQLite only for now); declared last so they close first.
  std::unique_ptr<store::IncidentStore> incidents;
  std::unique_ptr<service::EvidenceService> evidence;

  cli::CliServices Services();
};

// Opens the store named by the config, applies migrations and installs the default pack.
Result<std::unique_ptr<App>> OpenApp(const Config& cfg);

}  // namespace srm::server
