// The HTTP API under /api/v1 (and the web UI's static files), served by the event-driven
// transport of api/http/http_server.h (docs/http-server.md); no HTTP library is named outside
// api/http. Bind/Serve/Stop may be called from different threads; Stop is idempotent and lets
// in-flight requests finish before Serve returns.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "api/http/http_server.h"
#include "core/clock.h"
#include "core/result.h"
#include "service/admin.h"
#include "service/auth.h"
#include "service/evidence.h"
#include "service/methods.h"
#include "service/sras.h"
#include "service/sra_documents.h"
#include "store/store.h"

namespace srm::service {
class DecisionService;
class AuditService;
class AccessLog;
class BudgetService;
class FundService;
class GovernanceService;
class ActionPlanService;
class WorkforceService;
class CatalogService;
class SlaService;
class ExportService;
class ReviewCommentService;
}  // namespace srm::service

namespace srm::api {

struct ApiOptions {
  size_t max_body_bytes = 1 << 20;  // 1 MiB: an SRA edit is a few KiB
  size_t max_upload_bytes = 64 << 20;  // text/csv uploads (incident files); JSON bodies keep max_body_bytes
  int threads = 16;                 // worker threads for route handlers (connections need none)
  bool tls = false;                 // cookies get Secure, HSTS is sent
  std::string tls_cert, tls_key;
  std::string web_root;             // directory of the built web UI; empty = API only
  std::string version = "0.1.0";
  bool access_log = true;
  bool demo = false;                // told to the sign-in page so it can list the demo users
  // Peers whose X-Forwarded-For names the client (api/client_addr.h); exact addresses.
  std::vector<std::string> trusted_proxies;
  size_t max_login_body_bytes = 8 << 10;  // a sign-in body, refused from Content-Length above this
  // Where upload bodies stream to (0600 files); empty: the evidence service's upload directory.
  std::string upload_dir;
  // Connection limits, time-outs, the worker queue (docs/http-server.md); `threads` sets workers.
  http::Limits http;
};

struct ApiDeps {
  store::Store* store = nullptr;
  service::AuthService* auth = nullptr;
  service::SraService* sras = nullptr;
  service::AdminService* admin = nullptr;
  service::MethodRegistry* methods = nullptr;
  const Clock* clock = nullptr;
  service::DecisionService* decisions = nullptr;  // clearance, EGS, MOSS/compliance, activities
  service::EvidenceService* evidence = nullptr;  // incidents, indicators, review proposals
  service::AuditService* audit = nullptr;        // audit verification against the signed checkpoints
  service::AccessLog* access_log = nullptr;      // who read or exported what (issue 17); null: nothing recorded
  service::SraDocumentService* documents = nullptr;  // the SRA as PDF (issue 17)
  service::CatalogService* catalog = nullptr;   // the results chain and the universal price list (issue 15)
  service::BudgetService* budgets = nullptr;     // local cost-shared security budgets (issue 15)
  service::SlaService* slas = nullptr;           // service-level agreements and their reports (issue 15)
  service::FundService* fund = nullptr;          // the emergency security fund (issue 16)
  service::GovernanceService* governance = nullptr;  // governance bodies, meetings, decisions (issue 16)
  service::ActionPlanService* action_plan = nullptr;  // the action plan (issue 16)
  service::WorkforceService* workforce = nullptr;     // the security workforce, surge deployments (issue 16)
  service::ExportService* exports = nullptr;    // registers, heatmaps, ?format=csv|xlsx lists (issue 17)
  service::ReviewCommentService* review_comments = nullptr;  // comments on an SRA version (issue 18)
};

// A route as the OpenAPI document names it, e.g. {"get", "/api/v1/sras/{id}"}.
struct RouteInfo {
  std::string method;
  std::string path;
};

class ApiServer {
 public:
  ApiServer(ApiDeps deps, ApiOptions opts);
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  // Binds host:port (port 0 picks a free one); returns the bound port.
  Result<int> Bind(const std::string& host, int port);
  // Serves until Stop(); returns once workers have finished their requests.
  Status Serve();
  void Stop();

  // Every route the server registers, for the OpenAPI conformance test.
  static std::vector<RouteInfo> Routes();
  // The OpenAPI 3 document served at /api/v1/openapi.json.
  static std::string_view OpenApiJson();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace srm::api
