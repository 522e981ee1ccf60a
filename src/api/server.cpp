#include "api/server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <regex>

#include "domain/sra_json.h"
#include "security/crypto.h"

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

struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
};

Reply JsonReply(const json& j, int status = 200) { return Reply{status, j.dump(), "application/json", {}}; }

struct Ctx {
  const httplib::Request& req;
  Principal principal;
  json body;
  std::string request_id;
  std::string secret;  // the cookie or bearer secret that authenticated this request
  std::string Param(size_t i) const { return i < req.matches.size() ? std::string(req.matches[i]) : std::string(); }
  std::string Query(const char* k) const { return req.has_param(k) ? req.get_param_value(k) : std::string(); }
};

using Handler = std::function<Result<Reply>(Ctx&)>;

enum class Auth { kNone, kRequired };

struct Route {
  std::string method;    // GET, POST, PUT, DELETE
  std::string pattern;   // regex for the HTTP library
  std::string path;      // OpenAPI path
  Auth auth;
  Handler handler;
};

Result<store::PageRequest> PageFrom(const Ctx& c) {
  store::PageRequest p;
  const std::string limit = c.Query("limit");
  if (!limit.empty()) {
    if (limit.size() > 4 || limit.find_first_not_of("0123456789") != std::string::npos)
      return Invalid("invalid_value", "limit must be a number 1-500", "limit");
    p.limit = std::stoi(limit);
    if (p.limit < 1 || p.limit > 500) return Invalid("out_of_range", "limit must be 1-500", "limit");
  }
  p.after = c.Query("cursor");
  if (p.after.size() > 200) return Invalid("invalid_value", "cursor is malformed", "cursor");
  return p;
}

json SraSummary(const store::SraRow& r) {
  return {{"id", r.id},           {"series_id", r.series_id},       {"version", r.version},
          {"kind", r.kind},       {"title", r.title},               {"area_id", r.area_id},
          {"country_id", r.country_id}, {"organization_id", r.organization_id}, {"status", r.status},
          {"method_version", r.method_version}, {"overall_residual_risk", r.overall_residual.empty() ? json(nullptr) : json(r.overall_residual)},
          {"review_due", r.review_due}, {"created_at", r.created_at}, {"updated_at", r.updated_at},
          {"revision", r.revision}};
}

template <typename T, typename F>
json PageJson(const store::Page<T>& page, F&& item) {
  json items = json::array();
  for (const auto& x : page.items) items.push_back(item(x));
  return {{"items", items}, {"next_cursor", page.next.empty() ? json(nullptr) : json(page.next)}, {"total", page.total}};
}

Reply DocReply(const service::SraDoc& d, int status = 200) {
  return Reply{status, d.json, "application/json", {{"ETag", "\"" + std::to_string(d.revision) + "\""}}};
}

json AreaJson(const domain::Area& a, bool geometry) {
  json j{{"id", a.id}, {"country_id", a.country_id}, {"name", a.name}};
  if (geometry) j["geometry"] = a.geometry.empty() ? json(nullptr) : json::parse(a.geometry, nullptr, false);
  return j;
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
  void Dispatch(const Route& r, const httplib::Request& req, httplib::Response& res);
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

void ApiServer::Impl::Dispatch(const Route& r, const httplib::Request& req, httplib::Response& res) {
  std::string rid = req.get_header_value("X-Request-Id");
  bool rid_ok = !rid.empty() && rid.size() <= 64 &&
                std::all_of(rid.begin(), rid.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; });
  if (!rid_ok) rid = security::RandomHex(8);
  res.set_header("X-Request-Id", rid);
  Ctx c{req, {}, json(), rid, ""};
  try {
    if (r.auth == Auth::kRequired) {
      auto a = Authenticate(req);
      if (!a) return SendError(res, a.error());
      c.principal = std::move(a->first);
      c.secret = std::move(a->second);
      c.principal.request_id = rid;
    }
    if (req.method == "POST" || req.method == "PUT") {
      if (req.body.empty()) {
        c.body = json::object();
      } else {
        if (!DepthWithin(req.body)) return SendError(res, Invalid("too_deep", "JSON nesting is too deep", "$").error());
        c.body = json::parse(req.body, nullptr, false);
        if (c.body.is_discarded())
          return SendError(res, Error{ErrorKind::kInvalid, "invalid_json", "request body is not valid JSON", "$", false});
      }
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
    t.push_back({std::move(m), std::move(pattern), std::move(path), a, std::move(h)});
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

  // ---- SRAs ----
  add("GET", "/api/v1/sras", "/api/v1/sras", Auth::kRequired, [s](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(page, PageFrom(c));
    store::SraFilter f;
    f.area_id = c.Query("area_id");
    f.country_id = c.Query("country_id");
    if (f.area_id.size() > 64 || f.country_id.size() > 64) return Invalid("invalid_value", "id too long", "area_id");
    const std::string status = c.Query("status");
    if (!status.empty()) {
      if (!domain::StatusFromName(status)) return Invalid("invalid_value", "unknown status '" + status + "'", "status");
      f.statuses = {status};
    }
    SRM_ASSIGN(rows, s->d.sras->List(c.principal, f, page));
    return JsonReply(PageJson(rows, SraSummary));
  });
  add("POST", "/api/v1/sras", "/api/v1/sras", Auth::kRequired, [s](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(doc, s->d.sras->Create(c.principal, c.body));
    return DocReply(doc, 201);
  });
  add("GET", "/api/v1/sras/" + id, "/api/v1/sras/{id}", Auth::kRequired, [s](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(doc, s->d.sras->Get(c.principal, c.Param(1)));
    return DocReply(doc);
  });
  add("PUT", "/api/v1/sras/" + id, "/api/v1/sras/{id}", Auth::kRequired, [s](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(doc, s->d.sras->Update(c.principal, c.Param(1), c.body));
    return DocReply(doc);
  });
  add("POST", "/api/v1/sras/" + id + "/scenarios", "/api/v1/sras/{id}/scenarios", Auth::kRequired, [s](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(doc, s->d.sras->AddScenario(c.principal, c.Param(1), c.body));
    return DocReply(doc, 201);
  });
  add("PUT", "/api/v1/sras/" + id + "/scenarios/" + id, "/api/v1/sras/{id}/scenarios/{sid}", Auth::kRequired,
      [s](Ctx& c) -> Result<Reply> {
        SRM_ASSIGN(doc, s->d.sras->UpdateScenario(c.principal, c.Param(1), c.Param(2), c.body));
        return DocReply(doc);
      });
  add("DELETE", "/api/v1/sras/" + id + "/scenarios/" + id, "/api/v1/sras/{id}/scenarios/{sid}", Auth::kRequired,
      [s](Ctx& c) -> Result<Reply> {
        SRM_ASSIGN(doc, s->d.sras->DeleteScenario(c.principal, c.Param(1), c.Param(2)));
        return DocReply(doc);
      });
  add("POST", "/api/v1/sras/" + id + "/transitions", "/api/v1/sras/{id}/transitions", Auth::kRequired,
      [s](Ctx& c) -> Result<Reply> {
        SRM_ASSIGN(doc, s->d.sras->Transition(c.principal, c.Param(1), c.body));
        return DocReply(doc);
      });
  add("POST", "/api/v1/sras/" + id + "/revise", "/api/v1/sras/{id}/revise", Auth::kRequired, [s](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(doc, s->d.sras->Revise(c.principal, c.Param(1)));
    return DocReply(doc, 201);
  });
  add("GET", "/api/v1/sras/" + id + "/versions", "/api/v1/sras/{id}/versions", Auth::kRequired, [s](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(rows, s->d.sras->Versions(c.principal, c.Param(1)));
    json items = json::array();
    for (const auto& r : rows) items.push_back(SraSummary(r));
    return JsonReply({{"items", items}});
  });
  add("GET", "/api/v1/sras/" + id + "/diff", "/api/v1/sras/{id}/diff", Auth::kRequired, [s](Ctx& c) -> Result<Reply> {
    int from = 0;
    const std::string f = c.Query("from");
    if (!f.empty()) {
      if (f.size() > 6 || f.find_first_not_of("0123456789") != std::string::npos)
        return Invalid("invalid_value", "from must be a version number", "from");
      from = std::stoi(f);
    }
    SRM_ASSIGN(diff, s->d.sras->Diff(c.principal, c.Param(1), from));
    return Reply{200, diff, "application/json", {}};
  });
  add("GET", "/api/v1/sras/" + id + "/audit", "/api/v1/sras/{id}/audit", Auth::kRequired, [s](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(page, PageFrom(c));
    SRM_ASSIGN(rows, s->d.admin->Audit(c.principal, c.Param(1), page));
    return JsonReply(PageJson(rows, [](const store::AuditEntry& e) {
      return json{{"seq", e.seq}, {"at", e.at}, {"actor", e.event.actor_name}, {"role", e.event.role},
                  {"action", e.event.action}, {"before", e.event.before}, {"after", e.event.after}};
    }));
  });
  add("GET", "/api/v1/inbox", "/api/v1/inbox", Auth::kRequired, [s](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(page, PageFrom(c));
    SRM_ASSIGN(rows, s->d.sras->Inbox(c.principal, page));
    return JsonReply(PageJson(rows, SraSummary));
  });

  // ---- audit ----
  add("GET", "/api/v1/audit", "/api/v1/audit", Auth::kRequired, [s](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(page, PageFrom(c));
    const std::string obj = c.Query("object_id");
    if (obj.size() > 64) return Invalid("invalid_value", "object_id too long", "object_id");
    SRM_ASSIGN(rows, s->d.admin->Audit(c.principal, obj, page));
    return JsonReply(PageJson(rows, [](const store::AuditEntry& e) {
      return json{{"seq", e.seq}, {"at", e.at}, {"actor_id", e.event.actor_id}, {"actor", e.event.actor_name},
                  {"role", e.event.role}, {"action", e.event.action}, {"object_type", e.event.object_type},
                  {"object_id", e.event.object_id}, {"before", e.event.before}, {"after", e.event.after},
                  {"request_id", e.event.request_id}, {"prev_hash", e.prev_hash}, {"hash", e.hash}};
    }));
  });
  add("GET", "/api/v1/audit/verify", "/api/v1/audit/verify", Auth::kRequired, [s](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(v, s->d.admin->VerifyAudit(c.principal));
    return JsonReply({{"ok", v.ok}, {"entries", v.entries},
                      {"first_bad", v.first_bad ? json(*v.first_bad) : json(nullptr)}, {"reason", v.reason}});
  });

  // ---- users ----
  add("GET", "/api/v1/users", "/api/v1/users", Auth::kRequired, [s](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(page, PageFrom(c));
    SRM_ASSIGN(rows, s->d.admin->ListUsers(c.principal, page));
    return JsonReply(PageJson(rows, service::UserToJson));
  });
  add("POST", "/api/v1/users", "/api/v1/users", Auth::kRequired, [s](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(u, s->d.admin->CreateUser(c.principal, c.body));
    return JsonReply(service::UserToJson(u), 201);
  });
  add("GET", "/api/v1/users/" + id, "/api/v1/users/{id}", Auth::kRequired, [s](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(u, s->d.admin->GetUser(c.principal, c.Param(1)));
    return JsonReply(service::UserToJson(u));
  });
  add("PUT", "/api/v1/users/" + id, "/api/v1/users/{id}", Auth::kRequired, [s](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(u, s->d.admin->UpdateUser(c.principal, c.Param(1), c.body));
    return JsonReply(service::UserToJson(u));
  });
  add("POST", "/api/v1/users/" + id + "/password", "/api/v1/users/{id}/password", Auth::kRequired,
      [s](Ctx& c) -> Result<Reply> {
        SRM_TRY(s->d.admin->SetPassword(c.principal, c.Param(1), c.body));
        return Reply{204, "", "application/json", {}};
      });

  // ---- reference data ----
  add("GET", "/api/v1/organizations", "/api/v1/organizations", Auth::kRequired, [s](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(list, s->d.admin->Organizations(c.principal));
    json items = json::array();
    for (const auto& o : list) items.push_back({{"id", o.id}, {"code", o.code}, {"name", o.name}});
    return JsonReply({{"items", items}});
  });
  add("GET", "/api/v1/countries", "/api/v1/countries", Auth::kRequired, [s](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(list, s->d.admin->Countries(c.principal));
    json items = json::array();
    for (const auto& o : list) items.push_back({{"id", o.id}, {"region_id", o.region_id}, {"iso2", o.iso2}, {"name", o.name}});
    return JsonReply({{"items", items}});
  });
  add("GET", "/api/v1/areas", "/api/v1/areas", Auth::kRequired, [s](Ctx& c) -> Result<Reply> {
    const bool geometry = c.Query("geometry") == "1" || c.Query("geometry") == "true";
    const std::string country = c.Query("country_id");
    if (country.size() > 64) return Invalid("invalid_value", "country_id too long", "country_id");
    SRM_ASSIGN(list, s->d.admin->Areas(c.principal, country, geometry));
    json items = json::array();
    for (const auto& a : list) items.push_back(AreaJson(a, geometry));
    return JsonReply({{"items", items}});
  });
  add("GET", "/api/v1/areas/" + id, "/api/v1/areas/{id}", Auth::kRequired, [s](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(a, s->d.admin->Area(c.principal, c.Param(1)));
    return JsonReply(AreaJson(a, true));
  });
  add("GET", "/api/v1/programmes", "/api/v1/programmes", Auth::kRequired, [s](Ctx& c) -> Result<Reply> {
    const std::string area = c.Query("area_id");
    SRM_ASSIGN(list, s->d.admin->Programmes(c.principal, area));
    json items = json::array();
    for (const auto& p : list)
      items.push_back({{"id", p.id}, {"organization_id", p.organization_id}, {"area_id", p.area_id}, {"name", p.name},
                       {"activity", p.activity}, {"pc", p.pc}, {"international", p.international},
                       {"national", p.national}, {"on_mission", p.on_mission}});
    return JsonReply({{"items", items}});
  });
  return t;
}

void ApiServer::Impl::Install() {
  httplib::Server& h = *http;
  h.new_task_queue = [n = o.threads] { return new httplib::ThreadPool(static_cast<size_t>(n)); };
  h.set_payload_max_length(o.max_body_bytes);
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

  auto routes = std::make_shared<std::vector<Route>>(Table(this));
  for (size_t i = 0; i < routes->size(); ++i) {
    const Route& r = (*routes)[i];
    auto fn = [this, routes, i](const httplib::Request& req, httplib::Response& res) {
      Dispatch((*routes)[i], req, res);
      if (req.path.rfind("/api/", 0) == 0) res.set_header("Cache-Control", "no-store");
    };
    if (r.method == "GET") h.Get(r.pattern, fn);
    else if (r.method == "POST") h.Post(r.pattern, fn);
    else if (r.method == "PUT") h.Put(r.pattern, fn);
    else if (r.method == "DELETE") h.Delete(r.pattern, fn);
  }
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
