#include "api/server.h"

#include "core/json_depth.h"
#include "api/request_edge.h"
#include "api/client_addr.h"
#include "api/routes.h"
#include "api/reference_names.h"
#include "api/http/http_server.h"
#include "api/http/static_files.h"
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>

#include "core/ids.h"
#include "core/private_files.h"
#include "core/safe_json.h"
#include "domain/sra_body_json.h"
#include "domain/sra_json.h"
#include "security/crypto.h"
#include "store/idempotency.h"

namespace srm::api {

using nlohmann::json;
using service::Principal;

namespace {

// A request id: 8 random bytes in hex, as security::RandomHex(8) makes them, from the same
// source, but drawn 16 ids at a time: one getrandom() system call per 16 requests, not per request.
std::string NewRequestId() {
  constexpr size_t kIdChars = 16, kIdsPerDraw = 16;
  thread_local std::string pool;
  thread_local size_t next = 0;
  if (next + kIdChars > pool.size()) {
    pool = security::RandomHex(kIdChars / 2 * kIdsPerDraw);
    next = 0;
  }
  std::string id = pool.substr(next, kIdChars);
  next += kIdChars;
  return id;
}

// ---- one error -> HTTP mapping ----
int HttpStatus(const Error& e) {
  switch (e.kind) {
    case ErrorKind::kInvalid: return e.unprocessable ? 422 : 400;
    case ErrorKind::kUnauthenticated: return 401;
    case ErrorKind::kForbidden: return 403;
    case ErrorKind::kNotFound: return 404;
    case ErrorKind::kConflict: return 409;
    case ErrorKind::kTooLarge: return 413;
    case ErrorKind::kThrottled: return 429;
    case ErrorKind::kUnavailable: return 503;
    case ErrorKind::kInternal: return 500;
  }
  return 500;
}

std::string ErrorBody(const std::string& code, const std::string& message, const std::string& field) {
  json j{{"error", {{"code", code}, {"message", message}, {"field", field.empty() ? json(nullptr) : json(field)}}}};
  return SafeDump(j);  // messages may quote the path or a parameter
}

// Appends s (valid UTF-8) as a JSON string, escaped as nlohmann::json::dump() escapes it.
void AppendJsonString(std::string* out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  // Runs of characters written as they are go in one append (a log line's path and request id
  // usually are one run each); a character per push_back was most of writing the line.
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': *out += "\\\""; break;
      case '\\': *out += "\\\\"; break;
      case '\b': *out += "\\b"; break;
      case '\f': *out += "\\f"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      case '\t': *out += "\\t"; break;
      default:
        *out += "\\u00";  // another control character
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 15]);
    }
  }
  out->append(s.data() + run, s.size() - run);
  out->push_back('"');
}

// A request failed on our side (an exception escaped): logged with its request id, answered 500.
void InternalFault(http::Response& res, const std::string& rid, const std::string& method, const std::string& path,
                   const std::string& what) {
  spdlog::error("{}", SafeDump(json{{"msg", "request failed: internal error"}, {"request_id", rid}, {"method", method},
                                    {"path", path}, {"detail", what}}));
  res.status = 500;
  res.set_content(ErrorBody("internal", "internal error; the server log has the details under request id " + rid, ""),
                  "application/json");
}

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < path.size()) {
    if (path[pos] == '/') { ++pos; continue; }
    size_t end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    out.push_back(path.substr(pos, end - pos));
    pos = end;
  }
  return out;
}

// An id in a path follows the one id rule (core/ids.h); anything else cannot name a record.

bool MatchPath(const std::vector<std::string>& pattern, const std::vector<std::string_view>& segs,
               std::vector<std::string>* params) {
  if (pattern.size() != segs.size()) return false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == "{}") {
      if (!ValidId(segs[i])) return false;
      params->emplace_back(segs[i]);
    } else if (pattern[i] != segs[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

// The API on the HTTP transport (api/http/http_server.h): the transport asks Route what to do
// with each request head, and calls Error and Finish for every answer.
struct ApiServer::Impl : http::Handler {
  ApiDeps d;
  ApiOptions o;
  std::vector<api::Route> routes;
  http::StaticFiles static_files;
  http::Fields security_headers;
  std::string upload_dir;  // where upload bodies stream to: the evidence service's private directory
  std::atomic<bool> stopping{false};
  // When a request last found the database unavailable, and last completed: while the failure is
  // the newer, /readyz answers 503 at once, on the connection thread, without queueing a probe.
  std::atomic<int64_t> db_failed_ms{0}, db_ok_ms{0};
  static int64_t NowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }
  // The failure is newer than the last success and recent (after 2 s /readyz probes again).
  bool DatabaseFailing() const {
    const int64_t failed = db_failed_ms.load();
    return failed > db_ok_ms.load() && NowMs() - failed < 2000;
  }
  std::unique_ptr<http::Server> http;  // last: stopped and destroyed before what it calls

  Impl(ApiDeps deps, ApiOptions opts);

  static std::vector<api::Route> Table(Impl* self);
  void Dispatch(const api::Route& r, const http::Request& req, http::Response& res, std::vector<std::string> params);
  Result<std::pair<Principal, std::string>> Authenticate(const http::Request& req);
  void SendError(http::Response& res, const srm::Error& e);

  http::Plan Route(http::Request& req) override;
  http::Response Error(int status, std::string_view code, std::string_view message) override;
  void Finish(const http::Request& req, http::Response& res) override;
};

void ApiServer::Impl::SendError(http::Response& res, const srm::Error& e) {
  res.status = HttpStatus(e);
  if (e.code == "database_unavailable") db_failed_ms = NowMs();
  if (e.kind == ErrorKind::kThrottled) res.set_header("Retry-After", "900");
  if (e.kind == ErrorKind::kUnavailable) res.set_header("Retry-After", "1");
  if (e.kind == ErrorKind::kInternal) spdlog::error("{}", SafeDump(json{{"msg", "internal error"}, {"detail", e.message}}));
  // Internal details stay in the log; the client gets a stable reason.
  const std::string msg = e.kind == ErrorKind::kInternal ? "internal error; the request changed nothing" : e.message;
  res.set_content(ErrorBody(e.code, msg, e.field), "application/json");
}

Result<std::pair<Principal, std::string>> ApiServer::Impl::Authenticate(const http::Request& req) {
  const std::string authz = req.get_header_value("Authorization");
  if (!authz.empty()) {
    if (authz.rfind("Bearer ", 0) != 0)
      return Fail(ErrorKind::kUnauthenticated, "unauthenticated", "Authorization must be 'Bearer <token>'");
    std::string secret = authz.substr(7);
    SRM_ASSIGN(p, d.auth->Authenticate(secret, "token", nullptr));
    return std::pair{std::move(p), std::move(secret)};
  }
  // Cookie header: find srm_session=...
  const std::string cookies = req.get_header_value("Cookie");
  std::string secret;
  const std::string key = std::string(kSessionCookie) + "=";
  for (size_t pos = 0; pos < cookies.size();) {
    size_t end = cookies.find(';', pos);
    if (end == std::string::npos) end = cookies.size();
    std::string part = cookies.substr(pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.erase(0, 1);
    if (part.rfind(key, 0) == 0) secret = part.substr(key.size());
    pos = end + 1;
  }
  if (secret.empty()) return Fail(ErrorKind::kUnauthenticated, "unauthenticated", "sign in first");
  std::string csrf;
  SRM_ASSIGN(p, d.auth->Authenticate(secret, "cookie", &csrf));
  // Cookies are sent by the browser on its own; a write must also prove it came from our page.
  if (req.method != "GET" && req.method != "HEAD") {
    const std::string sent = req.get_header_value("X-CSRF-Token");
    if (sent.empty() || !security::ConstantTimeEquals(sent, csrf))
      return Fail(ErrorKind::kForbidden, "csrf_failed", "missing or wrong X-CSRF-Token header");
  }
  return std::pair{std::move(p), std::move(secret)};
}

void ApiServer::Impl::Dispatch(const api::Route& r, const http::Request& req, http::Response& res,
                               std::vector<std::string> params) {
  std::string rid = req.get_header_value("X-Request-Id");
  bool rid_ok = !rid.empty() && rid.size() <= 64 &&
                std::all_of(rid.begin(), rid.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; });
  if (!rid_ok) rid = NewRequestId();
  res.set_header("X-Request-Id", rid);
  Ctx c{req, {}, json(), rid, "", std::move(params)};
  c.client_addr = ClientAddress(req.remote_addr, HeaderValues(req, "X-Forwarded-For"), o.trusted_proxies);
  try {
    if (r.auth == Auth::kRequired) {
      auto a = Authenticate(req);
      if (!a) return SendError(res, a.error());
      c.principal = std::move(a->first);
      c.secret = std::move(a->second);
      c.principal.request_id = rid;
    }
    // JSON only where JSON is read (415 otherwise: a cross-site form or text/plain request never
    // reaches a handler); a CSV file only on a route that takes an upload, passed on unparsed.
    std::error_code size_ec;  // an upload may have been streamed to a file (api/http/http_server.h)
    const size_t body_size = req.body_file.empty() ? req.body.size()
                                                   : static_cast<size_t>(std::filesystem::file_size(req.body_file, size_ec));
    const BodyKind body_kind = req.method == "POST" || req.method == "PUT"
                                   ? ClassifyBody(req.get_header_value("Content-Type"), body_size, r.upload)
                                   : BodyKind::kEmpty;
    if (body_kind == BodyKind::kUnsupported) {
      res.status = 415;
      res.set_content(ErrorBody("unsupported_media_type",
                                r.upload ? "send the file as text/csv or a JSON body as application/json"
                                         : "send the body as application/json",
                                "Content-Type"),
                      "application/json");
      return;
    }
    if ((req.method == "POST" || req.method == "PUT") && body_kind != BodyKind::kCsv) {
      if (req.body.size() > o.max_body_bytes)
        return SendError(res, Fail(ErrorKind::kTooLarge, "body_too_large", "request body exceeds the size limit").error());
      if (req.body.empty()) {
        c.body = json::object();
      } else {
        if (!DepthWithin(req.body)) return SendError(res, Invalid("too_deep", "JSON nesting is too deep", "$").error());
        c.body = json::parse(req.body, nullptr, false);
        if (c.body.is_discarded())
          return SendError(res, srm::Error{ErrorKind::kInvalid, "invalid_json", "request body is not valid JSON", "$", false});
      }
    }
    // A creating request with an Idempotency-Key runs at most once per user and key; a repeat gets
    // the first answer (store/idempotency.h). Sign-in is left out: its answer holds a secret.
    const std::string idempotency_key = req.get_header_value("Idempotency-Key");
    if (!idempotency_key.empty() && req.method == "POST" && r.auth == Auth::kRequired &&
        req.path.rfind("/api/v1/auth/", 0) != 0) {
      auto outcome = store::RunIdempotent(
          *d.store, *d.clock, c.principal.user.id, idempotency_key,
          // An upload streamed to a file counts with its bytes, as a body in memory does.
          req.body_file.empty() ? security::Sha256Hex(req.method + " " + req.path + "\n" + req.body)
                                : security::Sha256HexWithFile(req.method + " " + req.path + "\n", req.body_file),
          [&]() -> Result<store::IdempotentReply> {
            SRM_ASSIGN(reply, r.handler(c));
            return store::IdempotentReply{reply.status, std::move(reply.body), reply.content_type, reply.headers};
          },
          [](const srm::Error& e) {
            const std::string msg = e.kind == ErrorKind::kInternal ? "internal error" : e.message;
            return store::IdempotentReply{HttpStatus(e), ErrorBody(e.code, msg, e.field), "application/json", {}};
          });
      if (!outcome) return SendError(res, outcome.error());
      res.status = outcome->reply.status;
      for (auto& [k, v] : outcome->reply.headers) res.set_header(k.c_str(), v);
      if (outcome->replayed) res.set_header("Idempotent-Replayed", "true");
      if (res.status != 204) res.set_content(std::move(outcome->reply.body), outcome->reply.content_type.c_str());
      return;
    }
    auto out = r.handler(c);
    if (!out) return SendError(res, out.error());
    res.status = out->status;
    for (auto& [k, v] : out->headers) res.set_header(k.c_str(), v);
    // A document whose version the client already holds (If-None-Match: its ETag, e.g. a published
    // SRA, which never changes): 304, after the same authentication and scope checks.
    if (req.method == "GET" && out->status == 200) {
      const std::string etag = res.get_header_value("ETag");
      if (!etag.empty() && req.get_header_value("If-None-Match") == etag) {
        res.status = 304;
        return;
      }
    }
    if (!out->file.empty()) {
      res.content_type = out->content_type;
      res.body_file = std::move(out->file);
      res.body_file_owner = std::move(out->file_owner);
      return;
    }
    if (out->status != 204) res.set_content(std::move(out->body), out->content_type.c_str());
  } catch (const std::exception& e) {
    // Something we did not foresee threw (a JSON type error, a bad stored record): our fault, not the
    // client's, so 500 with the details in the log only. The server stays up.
    InternalFault(res, rid, req.method, req.path, e.what());
  } catch (...) {
    InternalFault(res, rid, req.method, req.path, "unknown exception");
  }
}

std::vector<api::Route> ApiServer::Impl::Table(Impl* s) {
  std::vector<api::Route> t;
  auto add = [&](std::string m, std::string path, Auth a, api::Handler h) {
    t.push_back({std::move(m), std::move(path), a, std::move(h), {}});
  };

  add("GET", "/healthz", Auth::kNone, [](Ctx&) -> Result<Reply> { return JsonReply({{"status", "ok"}}); });
  add("GET", "/readyz", Auth::kNone, [s](Ctx&) -> Result<Reply> {
    if (s->stopping) return Unavailable("shutting down");
    if (s->DatabaseFailing()) return Unavailable("database unavailable: requests found it not answering");
    auto m = s->d.store->ActiveMethod();
    if (!m) return Unavailable("database not ready: " + m.error().message);
    return JsonReply({{"status", "ready"}});
  });
  add("GET", "/api/v1/openapi.json", Auth::kNone, [](Ctx&) -> Result<Reply> {
    return Reply{.status = 200, .body = std::string(OpenApiJson()), .content_type = "application/json"};
  });

  add("GET", "/api/v1/config", Auth::kNone, [s](Ctx&) -> Result<Reply> {
    return JsonReply({{"demo", s->o.demo}, {"version", s->o.version}});
  });

  // ---- methodology ----
  add("GET", "/api/v1/method", Auth::kRequired, [s](Ctx&) -> Result<Reply> {
    SRM_ASSIGN(pack, s->d.methods->Active());
    return JsonReply(domain::MethodToJson(*pack));
  });
  add("GET", "/api/v1/methods", Auth::kRequired, [s](Ctx&) -> Result<Reply> {
    SRM_ASSIGN(list, s->d.store->ListMethods());
    json items = json::array();
    for (const auto& m : list) items.push_back({{"version", m.version}, {"active", m.active}, {"installed_at", m.installed_at}});
    return JsonReply({{"items", items}});
  });
  add("GET", "/api/v1/methods/{version}", Auth::kRequired, [s](Ctx& c) -> Result<Reply> {
    // An SRA is shown with the pack it was assessed under, which need not be the active one.
    SRM_ASSIGN(pack, s->d.methods->Get(c.Param(1)));
    return JsonReply(domain::MethodToJson(*pack));
  });
  add("POST", "/api/v1/methods", Auth::kRequired, [s](Ctx& c) -> Result<Reply> {
    const bool activate = c.Query("activate") != "false";
    SRM_ASSIGN(pack, s->d.methods->Install(c.principal, c.body.dump(), activate));
    return JsonReply({{"version", pack->version}, {"active", activate}}, 201);
  });
  add("POST", "/api/v1/risk/evaluate", Auth::kRequired, [s](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(pack, s->d.methods->Active());
    SRM_ASSIGN(rating, domain::RiskRatingFrom(*pack, c.body));
    const int l = rating.likelihood, i = rating.impact;
    const int level = domain::RiskIndex(*pack, l, i);
    return JsonReply({{"likelihood", pack->likelihoods[l]}, {"impact", pack->impacts[i]},
                      {"level", pack->risk_levels[level]}, {"level_score", level + 1},
                      {"method_version", pack->version}});
  });

  AddAuthRoutes(&t, &s->d, s != nullptr && s->o.tls);
  AddSraRoutes(&t, &s->d);
  AddAdminRoutes(&t, &s->d);
  AddEvidenceRoutes(&t, &s->d);
  AddDecisionRoutes(&t, &s->d);
  AddAccessLogRoutes(&t, &s->d);
  AddCatalogRoutes(&t, &s->d);
  AddBudgetRoutes(&t, &s->d);
  AddSlaRoutes(&t, &s->d);
  AddFundRoutes(&t, &s->d);
  AddGovernanceRoutes(&t, &s->d);
  AddActionPlanRoutes(&t, &s->d);
  AddWorkforceRoutes(&t, &s->d);
  AddExportRoutes(&t, &s->d);
  AddDashboardRoutes(&t, &s->d);
  AddReviewCommentRoutes(&t, &s->d);
  // Issue 18: answers name the users, SRAs, measures, EGS decisions and countries
  // they point at, for the signed-in reader (api/reference_names.h).
  for (api::Route& r : t)
    if (r.auth == Auth::kRequired) r.handler = api::WithReferenceNames(std::move(r.handler), &s->d);
  for (api::Route& r : t)
    for (std::string_view seg : SplitPath(r.path))
      r.segments.emplace_back(seg.front() == '{' ? std::string("{}") : std::string(seg));
  return t;
}

ApiServer::Impl::Impl(ApiDeps deps, ApiOptions opts)
    : d(deps), o(std::move(opts)), static_files(o.web_root) {
  security_headers = {{"X-Content-Type-Options", "nosniff"},
                      {"X-Frame-Options", "DENY"},
                      {"Referrer-Policy", "no-referrer"},
                      {"Content-Security-Policy",
                       "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                       "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"},
                      {"Cross-Origin-Opener-Policy", "same-origin"}};
  if (o.tls) security_headers.emplace_back("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  routes = Table(this);
  // Uploads stream to the evidence service's private directory (0700), where its jobs read them.
  upload_dir = !o.upload_dir.empty() ? o.upload_dir : d.evidence ? d.evidence->upload_directory() : std::string();
  if (!upload_dir.empty() && !EnsurePrivateDirectory(upload_dir)) upload_dir.clear();
  http::Limits limits = o.http;
  limits.workers = o.threads;
  std::optional<http::TlsFiles> tls;
  if (o.tls) tls = http::TlsFiles{o.tls_cert, o.tls_key};
  http = std::make_unique<http::Server>(this, limits, std::move(tls));
}

// ---- the HTTP front: what the transport (api/http/http_server.h) asks of the API ----

http::Plan ApiServer::Impl::Route(http::Request& req) {
  http::Plan plan;
  plan.kind = http::Plan::Kind::kRespond;
  http::Response& res = plan.response;
  // Every request, before routing and before the static files: a path, query or header that is not
  // clean UTF-8 text within its limits is refused here (api/request_edge.h), so nothing later (a
  // handler, a log line, the file system) sees a NUL or bytes that are not UTF-8.
  if (auto ok = CheckRequestEdge(req.method, req.path, req.params, req.headers); !ok) {
    res.set_header("X-Request-Id", security::RandomHex(8));
    res.set_header("Cache-Control", "no-store");
    SendError(res, ok.error());
    return plan;
  }
  const bool api = req.path.rfind("/api/", 0) == 0 || req.path == "/healthz" || req.path == "/readyz";
  if (!api) {
    // The web UI's files. Hashed assets never change; index.html must always be revalidated.
    if ((req.method == "GET" || req.method == "HEAD") && static_files.enabled()) {
      if (auto file = static_files.Serve(req)) {
        res = std::move(*file);
        res.set_header("Cache-Control", req.path.rfind("/assets/", 0) == 0 ? "public, max-age=31536000, immutable"
                                                                           : "no-cache");
        return plan;
      }
    }
    res.status = 404;
    res.set_content(ErrorBody("not_found", "no such endpoint: " + req.method + " " + req.path, ""), "application/json");
    return plan;
  }
  // Routing by path segments: one pass over a small table. Unmatched paths get our 404/405 shape.
  const std::vector<std::string_view> segs = SplitPath(req.path);
  bool path_known = false;
  for (const api::Route& r : routes) {
    std::vector<std::string> params;
    if (!MatchPath(r.segments, segs, &params)) continue;
    path_known = true;
    if (r.method != req.method) continue;
    const bool no_store = req.path.rfind("/api/", 0) == 0;
    auto run = [this, &r, params = std::move(params), no_store](http::Request& q) {
      http::Response out;
      Dispatch(r, q, out, params);
      if (no_store) out.set_header("Cache-Control", "no-store");
      if (out.status < 500 && r.path != "/healthz") db_ok_ms = NowMs();  // the database answered
      return out;
    };
    // Not ready while stopping, or while requests find the database unavailable: said at once.
    if (r.path == "/readyz" && (stopping || DatabaseFailing())) {
      res = run(req);
      return plan;
    }
    // Liveness never waits behind the workers and never touches the database.
    if (r.path == "/healthz") {
      res = run(req);
      return plan;
    }
    plan.kind = http::Plan::Kind::kWork;
    plan.handle = std::move(run);
    // Body limits by route, checked from Content-Length before the body is read: a sign-in is a
    // few hundred bytes; a file upload may be large, but only once its sender is authenticated.
    plan.max_body = r.path == "/api/v1/auth/login" ? o.max_login_body_bytes : o.max_body_bytes;
    const std::string type = req.get_header_value("Content-Type");
    if (r.upload && r.auth == Auth::kRequired && ClassifyBody(type, 1, true) == BodyKind::kCsv) {
      plan.body_dir = upload_dir;
      plan.admit = [this](http::Request& q, size_t* max_body) -> std::optional<http::Response> {
        auto who = Authenticate(q);
        if (!who) {
          http::Response refused;
          refused.set_header("X-Request-Id", security::RandomHex(8));
          refused.set_header("Cache-Control", "no-store");
          SendError(refused, who.error());
          return refused;
        }
        *max_body = o.max_upload_bytes;
        return std::nullopt;
      };
    }
    return plan;
  }
  res.status = path_known ? 405 : 404;
  res.set_header("Cache-Control", "no-store");
  res.set_content(path_known ? ErrorBody("method_not_allowed", req.method + " is not allowed on " + req.path, "")
                             : ErrorBody("not_found", "no such endpoint: " + req.method + " " + req.path, ""),
                  "application/json");
  return plan;
}

// Errors the transport produces itself (400 malformed, 413 body, 503 busy) get our error shape.
http::Response ApiServer::Impl::Error(int status, std::string_view code, std::string_view message) {
  http::Response res;
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(ErrorBody(std::string(code), std::string(message), ""), "application/json");
  return res;
}

// Every answer: the hardening headers, then one access-log line.
void ApiServer::Impl::Finish(const http::Request& req, http::Response& res) {
  for (const auto& [k, v] : security_headers)
    if (!res.has_header(k)) res.set_header(k, v);
  if (!o.access_log) return;
  const std::string rid = res.get_header_value("X-Request-Id");
  // The same object nlohmann::json would write (keys in its order), built directly: one line per
  // request is on every request's path (a fifth of the server's CPU when built as a json object).
  // Text that is not UTF-8 (a refused path) takes the safe, slower way.
  if (!ValidUtf8(req.method) || !ValidUtf8(req.path) || !ValidUtf8(rid)) {
    spdlog::info("{}", SafeDump(json{{"msg", "http"}, {"request_id", rid}, {"method", req.method}, {"path", req.path},
                                     {"status", res.status}, {"bytes", res.body.size()}}));
    return;
  }
  std::string line;
  line.reserve(96 + req.path.size());
  line += "{\"bytes\":";
  line += std::to_string(res.body.size());
  line += ",\"method\":";
  AppendJsonString(&line, req.method);
  line += ",\"msg\":\"http\",\"path\":";
  AppendJsonString(&line, req.path);
  line += ",\"request_id\":";
  AppendJsonString(&line, rid);
  line += ",\"status\":";
  line += std::to_string(res.status);
  line += '}';
  spdlog::info("{}", line);
}

ApiServer::ApiServer(ApiDeps deps, ApiOptions opts) : impl_(std::make_unique<Impl>(deps, std::move(opts))) {}
ApiServer::~ApiServer() { Stop(); }

// Loads the TLS files, binds and listens; a port another server listens on is refused.
Result<int> ApiServer::Bind(const std::string& host, int port) { return impl_->http->Listen(host, port); }

Status ApiServer::Serve() { return impl_->http->Run(); }

void ApiServer::Stop() {
  impl_->stopping = true;
  if (impl_->http) impl_->http->Stop();
}

std::vector<RouteInfo> ApiServer::Routes() {
  std::vector<RouteInfo> out;
  for (const auto& r : Impl::Table(nullptr)) {
    std::string m = r.method;
    for (auto& ch : m) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    out.push_back({m, r.path});
  }
  return out;
}

}  // namespace srm::api
