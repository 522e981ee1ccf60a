#include "api/server.h"

#include "api/routes.h"
#include <httplib.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <regex>

#include "domain/sra_json.h"
#include "security/crypto.h"
#include "store/idempotency.h"

namespace srm::api {

using nlohmann::json;
using service::Principal;

namespace {

constexpr const char* kSessionCookie = "srm_session";
constexpr int kMaxJsonDepth = 64;

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
  return j.dump();
}

// Rejects nesting deeper than kMaxJsonDepth before parsing, so no input can exhaust the stack.
bool DepthWithin(const std::string& s) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : s) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '[' || c == '{') { if (++depth > kMaxJsonDepth) return false; }
    else if (c == ']' || c == '}') --depth;
  }
  return true;
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

// An id in a path: 1-64 of [A-Za-z0-9_.-] (pack versions have dots). Anything else cannot name
// a record.
bool ValidId(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) return false;
  return true;
}

// A file upload (an incident CSV): the body is passed on as it is, not parsed as JSON.
bool IsUpload(const httplib::Request& req) {
  const std::string type = req.get_header_value("Content-Type");
  return type.rfind("text/csv", 0) == 0 || type.rfind("application/octet-stream", 0) == 0;
}

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

struct ApiServer::Impl {
  ApiDeps d;
  ApiOptions o;
  std::unique_ptr<httplib::Server> http;
  std::atomic<bool> stopping{false};

  Impl(ApiDeps deps, ApiOptions opts) : d(deps), o(std::move(opts)) {
    if (o.tls) http = std::make_unique<httplib::SSLServer>(o.tls_cert.c_str(), o.tls_key.c_str());
    else http = std::make_unique<httplib::Server>();
  }

  static std::vector<Route> Table(Impl* self);
  void Install();
  void Dispatch(const Route& r, const httplib::Request& req, httplib::Response& res, std::vector<std::string> params);
  Result<std::pair<Principal, std::string>> Authenticate(const httplib::Request& req);
  void SendError(httplib::Response& res, const Error& e);
  std::string SessionCookie(const std::string& value, int64_t max_age_s) const;
};

std::string ApiServer::Impl::SessionCookie(const std::string& value, int64_t max_age_s) const {
  std::string c = std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                  std::to_string(max_age_s);
  if (o.tls) c += "; Secure";
  return c;
}

void ApiServer::Impl::SendError(httplib::Response& res, const Error& e) {
  res.status = HttpStatus(e);
  if (e.kind == ErrorKind::kThrottled) res.set_header("Retry-After", "900");
  if (e.kind == ErrorKind::kUnavailable) res.set_header("Retry-After", "1");
  if (e.kind == ErrorKind::kInternal) spdlog::error("{}", json{{"msg", "internal error"}, {"detail", e.message}}.dump());
  // Internal details stay in the log; the client gets a stable reason.
  const std::string msg = e.kind == ErrorKind::kInternal ? "internal error; the request changed nothing" : e.message;
  res.set_content(ErrorBody(e.code, msg, e.field), "application/json");
}

Result<std::pair<Principal, std::string>> ApiServer::Impl::Authenticate(const httplib::Request& req) {
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

void ApiServer::Impl::Dispatch(const Route& r, const httplib::Request& req, httplib::Response& res,
                               std::vector<std::string> params) {
  std::string rid = req.get_header_value("X-Request-Id");
  bool rid_ok = !rid.empty() && rid.size() <= 64 &&
                std::all_of(rid.begin(), rid.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; });
  if (!rid_ok) rid = security::RandomHex(8);
  res.set_header("X-Request-Id", rid);
  Ctx c{req, {}, json(), rid, "", std::move(params)};
  try {
    if (r.auth == Auth::kRequired) {
      auto a = Authenticate(req);
      if (!a) return SendError(res, a.error());
      c.principal = std::move(a->first);
      c.secret = std::move(a->second);
      c.principal.request_id = rid;
    }
    if ((req.method == "POST" || req.method == "PUT") && !IsUpload(req)) {
      if (req.body.size() > o.max_body_bytes)
        return SendError(res, Fail(ErrorKind::kTooLarge, "body_too_large", "request body exceeds the size limit").error());
      if (req.body.empty()) {
        c.body = json::object();
      } else {
        if (!DepthWithin(req.body)) return SendError(res, Invalid("too_deep", "JSON nesting is too deep", "$").error());
        c.body = json::parse(req.body, nullptr, false);
        if (c.body.is_discarded())
          return SendError(res, Error{ErrorKind::kInvalid, "invalid_json", "request body is not valid JSON", "$", false});
      }
    }
    // A creating request with an Idempotency-Key runs at most once per user and key; a repeat gets
    // the first answer (store/idempotency.h). Sign-in is left out: its answer holds a secret.
    const std::string idempotency_key = req.get_header_value("Idempotency-Key");
    if (!idempotency_key.empty() && req.method == "POST" && r.auth == Auth::kRequired &&
        req.path.rfind("/api/v1/auth/", 0) != 0) {
      auto outcome = store::RunIdempotent(
          *d.store, *d.clock, c.principal.user.id, idempotency_key,
          security::Sha256Hex(req.method + " " + req.path + "\n" + req.body),
          [&]() -> Result<store::IdempotentReply> {
            SRM_ASSIGN(reply, r.handler(c));
            return store::IdempotentReply{reply.status, std::move(reply.body), reply.content_type, reply.headers};
          },
          [](const Error& e) {
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
    if (out->status != 204) res.set_content(std::move(out->body), out->content_type.c_str());
  } catch (const std::exception& e) {
    // A library threw (e.g. a JSON type error we did not foresee): the request fails, the server stays up.
    spdlog::error("{}", json{{"msg", "request failed"}, {"method", req.method}, {"path", req.path}, {"detail", e.what()}}.dump());
    SendError(res, Error{ErrorKind::kInvalid, "invalid_request", "the request could not be processed", "", false});
  }
}

std::vector<Route> ApiServer::Impl::Table(Impl* s) {
  const std::string id = "([A-Za-z0-9_\\-]{1,64})";
  std::vector<Route> t;
  auto add = [&](std::string m, std::string pattern, std::string path, Auth a, Handler h) {
    t.push_back({std::move(m), std::move(pattern), std::move(path), a, std::move(h), {}});
  };

  add("GET", "/healthz", "/healthz", Auth::kNone, [](Ctx&) -> Result<Reply> { return JsonReply({{"status", "ok"}}); });
  add("GET", "/readyz", "/readyz", Auth::kNone, [s](Ctx&) -> Result<Reply> {
    if (s->stopping) return Unavailable("shutting down");
    auto m = s->d.store->ActiveMethod();
    if (!m) return Unavailable("database not ready: " + m.error().message);
    return JsonReply({{"status", "ready"}});
  });
  add("GET", "/api/v1/openapi.json", "/api/v1/openapi.json", Auth::kNone, [](Ctx&) -> Result<Reply> {
    return Reply{200, std::string(OpenApiJson()), "application/json", {}};
  });

  add("GET", "/api/v1/config", "/api/v1/config", Auth::kNone, [s](Ctx&) -> Result<Reply> {
    return JsonReply({{"demo", s->o.demo}, {"version", s->o.version}});
  });

  // ---- authentication ----
  add("POST", "/api/v1/auth/login", "/api/v1/auth/login", Auth::kNone, [s](Ctx& c) -> Result<Reply> {
    if (!c.body.is_object() || !c.body.contains("username") || !c.body["username"].is_string())
      return Invalid("required", "username is required", "username");
    if (!c.body.contains("password") || !c.body["password"].is_string())
      return Invalid("required", "password is required", "password");
    SRM_ASSIGN(r, s->d.auth->Login(c.body["username"], c.body["password"], c.req.remote_addr, c.request_id));
    json out{{"user", service::UserToJson(r.user)}, {"csrf_token", r.csrf_token}, {"token", r.bearer_token},
             {"expires_at", FormatTimestamp(r.expires_ms)}};
    Reply rep = JsonReply(out);
    rep.headers.push_back({"Set-Cookie", s->SessionCookie(r.session_secret, s->d.auth->options().session_ttl_ms / 1000)});
    return rep;
  });
  add("POST", "/api/v1/auth/logout", "/api/v1/auth/logout", Auth::kRequired, [s](Ctx& c) -> Result<Reply> {
    SRM_TRY(s->d.auth->Logout(c.principal, c.secret));
    Reply rep{204, "", "application/json", {}};
    rep.headers.push_back({"Set-Cookie", s->SessionCookie("", 0)});
    return rep;
  });
  add("GET", "/api/v1/auth/me", "/api/v1/auth/me", Auth::kRequired, [s](Ctx& c) -> Result<Reply> {
    json out{{"user", service::UserToJson(c.principal.user)}, {"session_kind", c.principal.session_kind}};
    if (c.principal.session_kind == "cookie") {
      std::string csrf;
      SRM_TRY(s->d.auth->Authenticate(c.secret, "cookie", &csrf));
      out["csrf_token"] = csrf;
    }
    return JsonReply(out);
  });

  // ---- methodology ----
  add("GET", "/api/v1/method", "/api/v1/method", Auth::kRequired, [s](Ctx&) -> Result<Reply> {
    SRM_ASSIGN(pack, s->d.methods->Active());
    return JsonReply(domain::MethodToJson(*pack));
  });
  add("GET", "/api/v1/methods", "/api/v1/methods", Auth::kRequired, [s](Ctx&) -> Result<Reply> {
    SRM_ASSIGN(list, s->d.store->ListMethods());
    json items = json::array();
    for (const auto& m : list) items.push_back({{"version", m.version}, {"active", m.active}, {"installed_at", m.installed_at}});
    return JsonReply({{"items", items}});
  });
  add("GET", "/api/v1/methods/" + id, "/api/v1/methods/{version}", Auth::kRequired, [s](Ctx& c) -> Result<Reply> {
    // An SRA is shown with the pack it was assessed under, which need not be the active one.
    SRM_ASSIGN(pack, s->d.methods->Get(c.Param(1)));
    return JsonReply(domain::MethodToJson(*pack));
  });
  add("POST", "/api/v1/methods", "/api/v1/methods", Auth::kRequired, [s](Ctx& c) -> Result<Reply> {
    const bool activate = c.Query("activate") != "false";
    SRM_ASSIGN(pack, s->d.methods->Install(c.principal, c.body.dump(), activate));
    return JsonReply({{"version", pack->version}, {"active", activate}}, 201);
  });
  add("POST", "/api/v1/risk/evaluate", "/api/v1/risk/evaluate", Auth::kRequired, [s](Ctx& c) -> Result<Reply> {
    if (!c.body.is_object()) return Invalid("invalid_type", "body must be a JSON object", "$");
    if (!c.body.contains("likelihood")) return Invalid("required", "likelihood is required", "likelihood");
    if (!c.body.contains("impact")) return Invalid("required", "impact is required", "impact");
    SRM_ASSIGN(pack, s->d.methods->Active());
    SRM_ASSIGN(l, domain::ScaleFromJson(pack->likelihoods, c.body["likelihood"], "likelihood"));
    SRM_ASSIGN(i, domain::ScaleFromJson(pack->impacts, c.body["impact"], "impact"));
    const int level = domain::RiskIndex(*pack, l, i);
    return JsonReply({{"likelihood", pack->likelihoods[l]}, {"impact", pack->impacts[i]},
                      {"level", pack->risk_levels[level]}, {"level_score", level + 1},
                      {"method_version", pack->version}});
  });

  AddSraRoutes(&t, &s->d, id);
  AddAdminRoutes(&t, &s->d, id);
  AddEvidenceRoutes(&t, &s->d, id);
  AddDecisionRoutes(&t, &s->d, id);
  for (Route& r : t)
    for (std::string_view seg : SplitPath(r.path))
      r.segments.emplace_back(seg.front() == '{' ? std::string("{}") : std::string(seg));
  return t;
}

void ApiServer::Impl::Install() {
  httplib::Server& h = *http;
  h.new_task_queue = [n = o.threads] { return new httplib::ThreadPool(static_cast<size_t>(n)); };
  h.set_payload_max_length(std::max(o.max_body_bytes, o.max_upload_bytes));
  h.set_keep_alive_max_count(10000);
  h.set_keep_alive_timeout(10);
  h.set_read_timeout(30);
  h.set_write_timeout(30);
  h.set_tcp_nodelay(true);
  httplib::Headers security{{"X-Content-Type-Options", "nosniff"},
                            {"X-Frame-Options", "DENY"},
                            {"Referrer-Policy", "no-referrer"},
                            {"Content-Security-Policy",
                             "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                             "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"},
                            {"Cross-Origin-Opener-Policy", "same-origin"}};
  if (o.tls) security.emplace("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  h.set_default_headers(security);

  // Routing by path segments instead of the library's list of std::regex, one per route: one
  // cheap pattern per method hands every API request to a single pass over a small table.
  // Unmatched /api/ paths get our 404/405 error shape; other GETs fall to the static web UI.
  auto routes = std::make_shared<std::vector<Route>>(Table(this));
  auto route = [this, routes](const httplib::Request& req, httplib::Response& res) {
    std::vector<std::string_view> segs = SplitPath(req.path);
    bool path_known = false;
    for (const Route& r : *routes) {
      std::vector<std::string> params;
      if (!MatchPath(r.segments, segs, &params)) continue;
      path_known = true;
      if (r.method != req.method) continue;
      Dispatch(r, req, res, std::move(params));
      if (req.path.rfind("/api/", 0) == 0) res.set_header("Cache-Control", "no-store");
      return;
    }
    res.status = path_known ? 405 : 404;
    res.set_header("Cache-Control", "no-store");
    res.set_content(path_known ? ErrorBody("method_not_allowed", req.method + " is not allowed on " + req.path, "")
                               : ErrorBody("not_found", "no such endpoint: " + req.method + " " + req.path, ""),
                    "application/json");
  };
  const std::string api_paths = R"(/(api/.*|healthz|readyz))";
  h.Get(api_paths, route);
  h.Post(api_paths, route);
  h.Put(api_paths, route);
  h.Delete(api_paths, route);
  if (!o.web_root.empty()) {
    h.set_mount_point("/", o.web_root);
    // Hashed assets never change; index.html must always be revalidated.
    h.set_file_request_handler([](const httplib::Request& req, httplib::Response& res) {
      if (req.path.rfind("/assets/", 0) == 0) res.set_header("Cache-Control", "public, max-age=31536000, immutable");
      else res.set_header("Cache-Control", "no-cache");
    });
  }
  // Errors the library produces itself (404 route, 413 body, 400 parse) get our error shape.
  h.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    std::string code = "http_" + std::to_string(res.status), msg = "request failed";
    if (res.status == 404) { code = "not_found"; msg = "no such endpoint: " + req.method + " " + req.path; }
    else if (res.status == 413) { code = "body_too_large"; msg = "request body exceeds the size limit"; }
    else if (res.status == 400) { code = "bad_request"; msg = "malformed HTTP request"; }
    else if (res.status == 405) { code = "method_not_allowed"; msg = "method not allowed"; }
    res.set_content(ErrorBody(code, msg, ""), "application/json");
  });
  h.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown";
    try { if (ep) std::rethrow_exception(ep); } catch (const std::exception& e) { what = e.what(); } catch (...) {}
    spdlog::error("{}", json{{"msg", "unhandled exception"}, {"method", req.method}, {"path", req.path}, {"detail", what}}.dump());
    res.status = 500;
    res.set_content(ErrorBody("internal", "internal error; the request changed nothing", ""), "application/json");
  });
  if (o.access_log) {
    h.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      auto rid = res.get_header_value("X-Request-Id");
      spdlog::info("{}", json{{"msg", "http"}, {"request_id", rid}, {"method", req.method}, {"path", req.path},
                              {"status", res.status}, {"bytes", res.body.size()}}.dump());
    });
  }
}

ApiServer::ApiServer(ApiDeps deps, ApiOptions opts) : impl_(std::make_unique<Impl>(deps, std::move(opts))) {
  impl_->Install();
}
ApiServer::~ApiServer() { Stop(); }

Result<int> ApiServer::Bind(const std::string& host, int port) {
  if (!impl_->http->is_valid()) return Internal("TLS certificate or key could not be loaded");
  int bound = port == 0 ? impl_->http->bind_to_any_port(host) : (impl_->http->bind_to_port(host, port) ? port : -1);
  if (bound < 0) return Fail(ErrorKind::kUnavailable, "bind_failed", "cannot listen on " + host + ":" + std::to_string(port));
  return bound;
}

Status ApiServer::Serve() {
  if (!impl_->http->listen_after_bind() && !impl_->stopping)
    return Internal("the HTTP server stopped unexpectedly");
  return {};
}

void ApiServer::Stop() {
  impl_->stopping = true;
  if (impl_->http) impl_->http->stop();
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
