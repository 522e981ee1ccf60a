// Internal to the api module: what a route handler sees and returns, and the helpers route groups
// share. Route groups live in routes_*.cpp files and are assembled by server.cpp.
#pragma once


#include <charconv>
#include <cstdio>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "api/http/message.h"
#include "api/server.h"
#include "core/safe_json.h"

namespace srm::api {

using nlohmann::json;
using service::Principal;

struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  // Instead of `body`: a file made for this answer (an export), sent in pieces and then removed
  // (api/http/message.h Response::set_file); file_owner removes it however the answer ends.
  std::string file;
  std::shared_ptr<void> file_owner;
  // The body's references are named already (api/reference_names.h): not parsed again to name them.
  bool names_filled = false;
};

// SafeDump: a stored text that is not UTF-8 (written before the edge checks, or by a tool) is
// answered with U+FFFD instead of failing the request. Inside a signed-in route the answer's
// references are named on the json before its one dump (api/reference_names.cpp).
Reply JsonReply(const json& j, int status = 200);
Reply JsonReply(json&& j, int status = 200);

struct Ctx {
  const http::Request& req;  // library-independent (api/http/message.h)
  Principal principal;
  json body;
  std::string request_id;
  std::string secret;  // the cookie or bearer secret that authenticated this request
  std::vector<std::string> params;  // path parameters in order ({id}, {sid}, ...)
  // Where the request comes from (api/client_addr.h): the peer, or the client a trusted proxy
  // names in X-Forwarded-For. Set once by Dispatch.
  std::string client_addr = {};
  // The i-th path parameter, 1-based like regex groups.
  std::string Param(size_t i) const { return i >= 1 && i <= params.size() ? params[i - 1] : std::string(); }
  std::string Query(const char* k) const { return req.has_param(k) ? req.get_param_value(k) : std::string(); }
};

using Handler = std::function<Result<Reply>(Ctx&)>;

enum class Auth { kNone, kRequired };

struct Route {
  std::string method;    // GET, POST, PUT, DELETE
  std::string path;      // as in the OpenAPI document, "{name}" for a parameter; routing matches it by segments
  Auth auth;
  Handler handler;
  std::vector<std::string> segments;  // the path split at '/', "{}" for a parameter
  bool upload = false;  // also takes a file as text/csv or application/octet-stream (else JSON only)
};

inline Result<store::PageRequest> PageFrom(const Ctx& c) {
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

// What the workflow expects next in a status (the inbox says it), or null when nothing.
inline json NextAction(const std::string& status) {
  if (status == "draft" || status == "returned") return "submit";
  if (status == "in_review") return "review";
  if (status == "reviewed") return "endorse";
  if (status == "endorsed") return "approve";
  return nullptr;
}

inline json SraSummary(const store::SraRow& r) {
  return {{"id", r.id},           {"series_id", r.series_id},       {"version", r.version},
          {"kind", r.kind},       {"title", r.title},               {"area_id", r.area_id},
          {"country_id", r.country_id}, {"organization_id", r.organization_id}, {"status", r.status},
          {"method_version", r.method_version}, {"overall_residual_risk", r.overall_residual.empty() ? json(nullptr) : json(r.overall_residual)},
          {"review_due", r.review_due}, {"created_at", r.created_at}, {"updated_at", r.updated_at},
          {"revision", r.revision}, {"next_action", NextAction(r.status)}};
}

template <typename T, typename F>
json PageJson(const store::Page<T>& page, F&& item) {
  json items = json::array();
  for (const auto& x : page.items) items.push_back(item(x));
  return {{"items", items}, {"next_cursor", page.next.empty() ? json(nullptr) : json(page.next)}, {"total", page.total}};
}

// The ETag names the exact bytes, not only the revision: the document carries the reader's own
// `actions` and today's `validity`, so two readers (or one reader on two days) of one revision must
// not be answered each other's 304. A read rendered from a kept view brings its bytes' hash
// (SraDoc::json_hash, made from hashes kept with the view); any other document is hashed here.
// Takes the document by value: a caller done with it moves it in (no copy of the body).
inline Reply DocReply(service::SraDoc d, int status = 200) {
  const uint64_t hash = d.json_hash ? *d.json_hash : std::hash<std::string_view>{}(d.json);
  static constexpr char kHex[] = "0123456789abcdef";
  char tag[48];
  char* p = tag;
  *p++ = '"';
  p = std::to_chars(p, tag + sizeof tag, d.revision).ptr;
  *p++ = '-';
  for (int shift = 60; shift >= 0; shift -= 4) *p++ = kHex[(hash >> shift) & 15];  // as "%016zx"
  *p++ = '"';
  return Reply{.status = status, .body = std::move(d.json), .content_type = "application/json",
               .headers = {{"ETag", std::string(tag, p)}}};
}

inline json AreaJson(const domain::Area& a, bool geometry) {
  json j{{"id", a.id}, {"country_id", a.country_id}, {"name", a.name}};
  if (geometry) j["geometry"] = a.geometry.empty() ? json(nullptr) : json::parse(a.geometry, nullptr, false);
  return j;
}


// Route groups: each appends its routes. `d` outlives the server.
void AddSraRoutes(std::vector<Route>* t, const ApiDeps* d);
void AddAdminRoutes(std::vector<Route>* t, const ApiDeps* d);
void AddEvidenceRoutes(std::vector<Route>* t, const ApiDeps* d);
void AddDecisionRoutes(std::vector<Route>* t, const ApiDeps* d);
void AddAccessLogRoutes(std::vector<Route>* t, const ApiDeps* d);  // routes_access_log.cpp (issue 17)
void AddBudgetRoutes(std::vector<Route>* t, const ApiDeps* d);  // routes_budgets.cpp
void AddCatalogRoutes(std::vector<Route>* t, const ApiDeps* d);  // routes_money_catalog.cpp (issue 15)
void AddSlaRoutes(std::vector<Route>* t, const ApiDeps* d);     // routes_slas.cpp
void AddFundRoutes(std::vector<Route>* t, const ApiDeps* d);    // routes_fund.cpp (issue 16)
void AddGovernanceRoutes(std::vector<Route>* t, const ApiDeps* d);  // routes_governance.cpp (issue 16)
void AddActionPlanRoutes(std::vector<Route>* t, const ApiDeps* d);  // routes_action_plan.cpp (issue 16)
void AddWorkforceRoutes(std::vector<Route>* t, const ApiDeps* d);   // routes_workforce.cpp (issue 16)
void AddExportRoutes(std::vector<Route>* t, const ApiDeps* d);  // routes_exports.cpp (issue 17)
void AddDashboardRoutes(std::vector<Route>* t, const ApiDeps* d);  // routes_dashboard.cpp (issue 18)
void AddReviewCommentRoutes(std::vector<Route>* t, const ApiDeps* d);  // routes_review_comments.cpp (issue 18)
// Sign-in, sign-out, me, integration tokens (routes_auth.cpp). secure_cookies: served over TLS.
void AddAuthRoutes(std::vector<Route>* t, const ApiDeps* d, bool secure_cookies);

// The session cookie's name, and a Set-Cookie value for it (max_age_s 0 clears it).
inline constexpr const char* kSessionCookie = "srm_session";
std::string SessionCookie(const std::string& value, int64_t max_age_s, bool secure);

// Every value of a header, in the order received (a header may be sent more than once).
inline std::vector<std::string> HeaderValues(const http::Request& req, const char* name) {
  std::vector<std::string> out;
  for (const auto& [k, v] : req.headers)
    if (http::IEquals(k, name)) out.push_back(v);
  return out;
}

}  // namespace srm::api
