// Routes of authentication: sign-in, sign-out, the signed-in user, and integration tokens.
//
// One sign-in is one session: the HttpOnly cookie (for the browser, with a CSRF token) and the
// bearer token in the answer (for scripts) belong to it, and POST /auth/logout with either ends
// both. Long-lived tokens for integrations are made on purpose under /auth/tokens.
#include "api/routes.h"
#include "core/strict_json.h"

namespace srm::api {

std::string SessionCookie(const std::string& value, int64_t max_age_s, bool secure) {
  std::string c = std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                  std::to_string(max_age_s);
  if (secure) c += "; Secure";
  return c;
}

namespace {

json TokenJson(const service::ApiToken& t, int64_t now_ms) {
  json j{{"id", t.id},
         {"user_id", t.user_id},
         {"name", t.name},
         {"created_at", FormatTimestamp(t.created_ms)},
         {"expires_at", FormatTimestamp(t.expires_ms)},
         {"expired", t.expires_ms <= now_ms}};
  if (!t.secret.empty()) j["token"] = t.secret;
  return j;
}

// {name, expires_in_days?}: the name and the lifetime in milliseconds (0 = the default).
Result<std::pair<std::string, int64_t>> TokenRequest(const json& body) {
  SRM_TRY(strict_json::OnlyFields(body, {"name", "expires_in_days"}));
  if (!body.contains("name")) return Invalid("required", "name is required", "name");
  if (!body["name"].is_string()) return Invalid("invalid_type", "name must be a string", "name");
  int64_t ttl_ms = 0;
  if (body.contains("expires_in_days")) {
    const json& days = body["expires_in_days"];
    if (!days.is_number_integer()) return Invalid("invalid_type", "expires_in_days must be a whole number", "expires_in_days");
    const int64_t n = days.get<int64_t>();
    if (n < 1 || n > 366) return Invalid("out_of_range", "expires_in_days must be 1-366", "expires_in_days");
    ttl_ms = n * 24 * 3600 * 1000;
  }
  return std::pair{body["name"].get<std::string>(), ttl_ms};
}

}  // namespace

void AddAuthRoutes(std::vector<Route>* t, const ApiDeps* d, bool secure_cookies) {
  auto add = [t](std::string m, std::string path, Auth a, Handler h) {
    t->push_back({std::move(m), std::move(path), a, std::move(h), {}});
  };

  add("POST", "/api/v1/auth/login", Auth::kNone, [d, secure_cookies](Ctx& c) -> Result<Reply> {
    if (!c.body.is_object() || !c.body.contains("username") || !c.body["username"].is_string())
      return Invalid("required", "username is required", "username");
    if (!c.body.contains("password") || !c.body["password"].is_string())
      return Invalid("required", "password is required", "password");
    SRM_ASSIGN(r, d->auth->Login(c.body["username"], c.body["password"], c.client_addr, c.request_id));
    // The token is for scripts and belongs to this sign-in: signing out ends it with the cookie.
    // The web UI ignores it and relies on the HttpOnly cookie.
    json out{{"user", service::UserToJson(r.user)}, {"csrf_token", r.csrf_token}, {"token", r.bearer_token},
             {"expires_at", FormatTimestamp(r.expires_ms)}};
    Reply rep = JsonReply(out);
    rep.headers.push_back(
        {"Set-Cookie", SessionCookie(r.session_secret, d->auth->options().session_ttl_ms / 1000, secure_cookies)});
    return rep;
  });
  add("POST", "/api/v1/auth/logout", Auth::kRequired, [d, secure_cookies](Ctx& c) -> Result<Reply> {
    SRM_TRY(d->auth->Logout(c.principal, c.secret));
    Reply rep{204, "", "application/json", {}};
    rep.headers.push_back({"Set-Cookie", SessionCookie("", 0, secure_cookies)});
    return rep;
  });
  add("GET", "/api/v1/auth/me", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    json out{{"user", service::UserToJson(c.principal.user)}, {"session_kind", c.principal.session_kind}};
    if (c.principal.session_kind == "cookie") {
      std::string csrf;
      SRM_TRY(d->auth->Authenticate(c.secret, "cookie", &csrf));
      out["csrf_token"] = csrf;
    }
    return JsonReply(out);
  });

  // ---- integration tokens: the caller's own ----
  add("POST", "/api/v1/auth/tokens", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(req, TokenRequest(c.body));
    SRM_ASSIGN(token, d->auth->CreateToken(c.principal, req.first, req.second));
    return JsonReply(TokenJson(token, d->clock->NowMillis()), 201);
  });
  add("GET", "/api/v1/auth/tokens", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(tokens, d->auth->ListTokens(c.principal, c.principal.user.id));
    json items = json::array();
    for (const auto& tok : tokens) items.push_back(TokenJson(tok, d->clock->NowMillis()));
    return JsonReply({{"items", items}});
  });
  add("DELETE", "/api/v1/auth/tokens/{id}", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_TRY(d->auth->RevokeToken(c.principal, c.principal.user.id, c.Param(1)));
    return Reply{.status = 204, .body = "", .content_type = "application/json"};
  });

  // ---- integration tokens of a user: the user and administrators ----
  add("GET", "/api/v1/users/{id}/tokens", Auth::kRequired,
      [d](Ctx& c) -> Result<Reply> {
        SRM_ASSIGN(tokens, d->auth->ListTokens(c.principal, c.Param(1)));
        json items = json::array();
        for (const auto& tok : tokens) items.push_back(TokenJson(tok, d->clock->NowMillis()));
        return JsonReply({{"items", items}});
      });
  add("DELETE", "/api/v1/users/{id}/tokens/{token_id}", Auth::kRequired,
      [d](Ctx& c) -> Result<Reply> {
        SRM_TRY(d->auth->RevokeToken(c.principal, c.Param(1), c.Param(2)));
        return Reply{.status = 204, .body = "", .content_type = "application/json"};
      });
}

}  // namespace srm::api
