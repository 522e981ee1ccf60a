// Routes of administration: the audit log, users, reference data.
#include <map>

#include "api/decision_json.h"
#include "api/list_query.h"
#include "api/routes.h"
#include "service/decisions.h"
#include "service/audit.h"
#include "store/audit_checkpoint.h"

namespace srm::api {

namespace {

json CheckpointJson(const store::AuditCheckpoint& c) { return json::parse(store::CheckpointLine(c)); }

// GET /audit/verify: the chain and its signed checkpoints. reason/first_bad/detail name the first
// finding (lowest seq); findings lists them all.
json AuditReportJson(const service::AuditReport& r) {
  const store::AnchoredVerification& v = r.verification;
  const store::AuditFinding* first = v.first();
  json findings = json::array();
  for (const auto& f : v.findings) findings.push_back({{"reason", f.reason}, {"seq", f.seq}, {"detail", f.detail}});
  return {{"ok", v.ok},
          {"entries", v.chain.entries},
          {"head_hash", v.chain.head_hash},
          {"first_bad", first != nullptr ? json(first->seq) : json(nullptr)},
          {"reason", first != nullptr ? first->reason : ""},
          {"detail", first != nullptr ? first->detail : ""},
          {"findings", findings},
          {"checkpoints", {{"checked", v.checkpoints}, {"newest", v.newest ? CheckpointJson(*v.newest) : json(nullptr)}}},
          {"checkpoint", r.head ? CheckpointJson(*r.head) : json(nullptr)},
          {"server_id", r.server_id},
          {"public_key", r.public_key}};
}

}  // namespace

void AddAdminRoutes(std::vector<Route>* t, const ApiDeps* d) {
  auto add = [t](std::string m, std::string path, Auth a, Handler h) {
    t->push_back({std::move(m), std::move(path), a, std::move(h), {}});
  };
  // ---- audit ----
  add("GET", "/api/v1/audit", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(page, PageFrom(c));
    const std::string obj = c.Query("object_id");
    if (obj.size() > 64) return Invalid("invalid_value", "object_id too long", "object_id");
    SRM_ASSIGN(rows, d->admin->Audit(c.principal, obj, page));
    return JsonReply(PageJson(rows, [](const store::AuditEntry& e) {
      return json{{"seq", e.seq}, {"at", e.at}, {"actor_id", e.event.actor_id}, {"actor", e.event.actor_name},
                  {"role", e.event.role}, {"action", e.event.action}, {"object_type", e.event.object_type},
                  {"object_id", e.event.object_id}, {"before", e.event.before}, {"after", e.event.after},
                  {"request_id", e.event.request_id}, {"prev_hash", e.prev_hash}, {"hash", e.hash}};
    }));
  });
  add("GET", "/api/v1/audit/verify", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    if (d->audit == nullptr) return Internal("the audit service is not wired");
    SRM_ASSIGN(report, d->audit->Verify(c.principal));
    return JsonReply(AuditReportJson(report));
  });

  // ---- users ----
  add("GET", "/api/v1/users", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(page, PageFrom(c));
    // Search (username, display name), organization, role held, disabled, sort.
    SRM_ASSIGN(narrow, ListQueryFrom(c, {{"organization_id", "role", "disabled"}, {"username", "name", "created"}}));
    store::UserFilter f;
    f.narrow = std::move(narrow);
    f.organization_id = c.Query("organization_id");
    SRM_TRY(CheckFilterValue(f.organization_id, "organization_id"));
    if (const std::string role = c.Query("role"); !role.empty()) {
      const std::optional<domain::Role> r = domain::RoleFromName(role);
      if (!r) return Invalid("invalid_value", "role is not a role name", "role");
      f.role = std::string(domain::RoleName(*r));  // the spelling the stored grants use
    }
    const std::string disabled = c.Query("disabled");
    if (disabled == "true") f.disabled = true;
    else if (disabled == "false") f.disabled = false;
    else if (!disabled.empty()) return Invalid("invalid_value", "disabled must be true or false", "disabled");
    SRM_ASSIGN(rows, d->admin->ListUsers(c.principal, f, page));
    return JsonReply(PageJson(rows, service::UserToJson));
  });
  add("POST", "/api/v1/users", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(u, d->admin->CreateUser(c.principal, c.body));
    return JsonReply(service::UserToJson(u), 201);
  });
  add("GET", "/api/v1/users/{id}", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(u, d->admin->GetUser(c.principal, c.Param(1)));
    return JsonReply(service::UserToJson(u));
  });
  add("PUT", "/api/v1/users/{id}", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(u, d->admin->UpdateUser(c.principal, c.Param(1), c.body));
    return JsonReply(service::UserToJson(u));
  });
  add("POST", "/api/v1/users/{id}/password", Auth::kRequired,
      [d](Ctx& c) -> Result<Reply> {
        SRM_TRY(d->admin->SetPassword(c.principal, c.Param(1), c.body));
        return Reply{.status = 204, .body = "", .content_type = "application/json"};
      });

  // ---- reference data ----
  add("GET", "/api/v1/organizations", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(list, d->admin->Organizations(c.principal));
    json items = json::array();
    for (const auto& o : list) items.push_back({{"id", o.id}, {"code", o.code}, {"name", o.name}});
    return JsonReply({{"items", items}});
  });
  add("GET", "/api/v1/countries", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(list, d->admin->Countries(c.principal));
    json items = json::array();
    for (const auto& o : list) items.push_back({{"id", o.id}, {"region_id", o.region_id}, {"iso2", o.iso2}, {"name", o.name}});
    return JsonReply({{"items", items}});
  });
  add("GET", "/api/v1/areas", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    const bool geometry = c.Query("geometry") == "1" || c.Query("geometry") == "true";
    const std::string country = c.Query("country_id");
    if (country.size() > 64) return Invalid("invalid_value", "country_id too long", "country_id");
    const bool with_risk = c.Query("with") == "risk";
    SRM_ASSIGN(list, d->admin->Areas(c.principal, country, geometry));
    // with=risk: each area's current published SRA and its overall residual risk, for the map.
    std::map<std::string, store::SraRow> published;
    if (with_risk) {
      store::SraFilter f;
      f.country_id = country;
      f.statuses = {"published"};
      store::PageRequest page{500, ""};
      do {
        SRM_ASSIGN(rows, d->sras->List(c.principal, f, page));
        // Newest first: the first area SRA seen for an area is its current one. Specific SRAs
        // cover one mission, not the area.
        for (auto& r : rows.items)
          if (r.kind == "area") published.emplace(r.area_id, std::move(r));
        page.after = rows.next;
      } while (!page.after.empty());
    }
    // Each area's EGS no-go in force today, or null: the map styles and labels it.
    std::map<std::string, service::AreaNoGo> no_go;
    if (d->decisions) {
      SRM_ASSIGN(in_force, d->decisions->NoGoInForce(c.principal, ""));
      for (auto& n : in_force) no_go.emplace(n.area_id, std::move(n));
    }
    json items = json::array();
    for (const auto& a : list) {
      json j = AreaJson(a, geometry);
      auto ng = no_go.find(a.id);
      j["egs_no_go"] = ng == no_go.end() ? json(nullptr) : api::NoGoJson(ng->second);
      if (with_risk) {
        auto it = published.find(a.id);
        j["published_sra_id"] = it == published.end() ? json(nullptr) : json(it->second.id);
        j["overall_residual_risk"] = it == published.end() || it->second.overall_residual.empty()
                                         ? json(nullptr) : json(it->second.overall_residual);
        j["review_due"] = it == published.end() ? json(nullptr) : json(it->second.review_due);
      }
      items.push_back(std::move(j));
    }
    return JsonReply({{"items", items}});
  });
  add("GET", "/api/v1/areas/{id}", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(a, d->admin->Area(c.principal, c.Param(1)));
    return JsonReply(AreaJson(a, true));
  });
  add("GET", "/api/v1/programmes", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    const std::string area = c.Query("area_id");
    SRM_ASSIGN(list, d->admin->Programmes(c.principal, area));
    json items = json::array();
    for (const auto& p : list) items.push_back(ProgrammeJson(p));
    return JsonReply({{"items", items}});
  });
}

}  // namespace srm::api
