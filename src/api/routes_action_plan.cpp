// Routes of the action plan (issue 16; 002 § 49): items by category with lead, milestones, status
// and typed evidence links, and the progress view. Who may do what: service/governance/action_plan.h.
#include <nlohmann/json.hpp>

#include "api/list_export.h"
#include "api/list_query.h"
#include "api/routes.h"
#include "core/strict_json.h"
#include "domain/records/governance_records_json.h"
#include "service/governance/action_plan.h"

namespace srm::api {

namespace {

Result<service::ActionPlanService*> Svc(const ApiDeps* d) {
  if (!d->action_plan) return Unavailable("the action plan service is not configured");
  return d->action_plan;
}

json ProgressJson(const domain::governance::ItemProgress& p) {
  return {{"milestones_total", p.milestones_total}, {"milestones_done", p.milestones_done},
          {"milestones_overdue", p.milestones_overdue}, {"percent", p.percent}, {"state", p.state}};
}

json ItemJson(const service::ActionItemRead& r) {
  json j = domain::records::ToJson(r.item);
  j["progress"] = ProgressJson(r.progress);
  return j;
}

Result<service::ActionItemInput> ItemFrom(const json& body) {
  SRM_TRY(strict_json::Object(body));
  SRM_TRY(strict_json::OnlyFields(
      body, {"code", "title", "category", "model", "lead", "lead_body_id", "due_on", "source", "milestones"}));
  service::ActionItemInput in;
  SRM_ASSIGN(code, strict_json::Text(body, "code", true, 32));
  SRM_ASSIGN(title, strict_json::Text(body, "title", true, 500));
  SRM_ASSIGN(category, strict_json::Text(body, "category", true, 32));
  SRM_ASSIGN(model, strict_json::Text(body, "model", false, 32));
  SRM_ASSIGN(lead, strict_json::Text(body, "lead", true, 200));
  SRM_ASSIGN(lead_body, strict_json::Text(body, "lead_body_id", false, 64));
  SRM_ASSIGN(due, strict_json::Date(body, "due_on", false));
  SRM_ASSIGN(source, strict_json::Text(body, "source", false, 2000));
  in = {code, title, category, model, lead, lead_body, due, source, {}};
  if (auto it = body.find("milestones"); it != body.end() && !it->is_null()) {
    SRM_TRY(strict_json::Array(*it, "milestones", 100));
    for (size_t i = 0; i < it->size(); ++i) {
      const std::string prefix = strict_json::ItemPrefix("milestones", i);
      SRM_TRY(strict_json::Object((*it)[i], prefix));
      SRM_TRY(strict_json::OnlyFields((*it)[i], {"title", "due_on"}, prefix));
      SRM_ASSIGN(mt, strict_json::Text((*it)[i], "title", true, 500, prefix));
      SRM_ASSIGN(md, strict_json::Date((*it)[i], "due_on", true, prefix));
      in.milestones.push_back({"", mt, md, std::nullopt});
    }
  }
  return in;
}

// A POST without a body (schema Empty): nothing, or an empty object.
Status NoFields(const json& body) {
  if (body.is_null()) return {};
  SRM_TRY(strict_json::Object(body));
  return strict_json::OnlyFields(body, {});
}

}  // namespace

void AddActionPlanRoutes(std::vector<Route>* t, const ApiDeps* d) {
  auto add = [t](std::string m, std::string path, Handler h) {
    t->push_back({std::move(m), std::move(path), Auth::kRequired, std::move(h)});
  };
  add("GET", "/api/v1/action-plan/items",
      ExportableList(d, "action_plan_items", [d](Ctx& c, const store::PageRequest& page) -> Result<json> {
        SRM_ASSIGN(svc, Svc(d));
        // Search (code, title, lead), due dates and sort.
        SRM_ASSIGN(narrow, ListQueryFrom(c, {{"category", "status"}, {"updated", "code", "due"}, "due_from", "due_to"}));
        store::ActionPlanFilter f{c.Query("category"), c.Query("status"), std::move(narrow)};
        if (f.category.size() > 32 || f.status.size() > 32) return Invalid("invalid_value", "a filter is too long");
        SRM_ASSIGN(rows, svc->List(c.principal, f, page));
        return PageJson(rows, ItemJson);
      }));
  add("POST", "/api/v1/action-plan/items", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Svc(d));
    SRM_ASSIGN(in, ItemFrom(c.body));
    SRM_ASSIGN(r, svc->Create(c.principal, in));
    return JsonReply(ItemJson(r), 201);
  });
  add("GET", "/api/v1/action-plan/items/{id}", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Svc(d));
    SRM_ASSIGN(r, svc->Get(c.principal, c.Param(1)));
    return JsonReply(ItemJson(r));
  });
  add("POST", "/api/v1/action-plan/items/{id}/status", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Svc(d));
    SRM_TRY(strict_json::Object(c.body));
    SRM_TRY(strict_json::OnlyFields(c.body, {"status"}));
    SRM_ASSIGN(status, strict_json::Text(c.body, "status", true, 32));
    SRM_ASSIGN(r, svc->SetStatus(c.principal, c.Param(1), status));
    return JsonReply(ItemJson(r));
  });
  add("POST", "/api/v1/action-plan/items/{id}/milestones", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Svc(d));
    SRM_TRY(strict_json::Object(c.body));
    SRM_TRY(strict_json::OnlyFields(c.body, {"title", "due_on"}));
    SRM_ASSIGN(title, strict_json::Text(c.body, "title", true, 500));
    SRM_ASSIGN(due, strict_json::Date(c.body, "due_on", true));
    SRM_ASSIGN(r, svc->AddMilestone(c.principal, c.Param(1), title, due));
    return JsonReply(ItemJson(r), 201);
  });
  add("POST", "/api/v1/action-plan/items/{id}/milestones/{mid}/complete", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Svc(d));
    SRM_TRY(NoFields(c.body));
    SRM_ASSIGN(r, svc->CompleteMilestone(c.principal, c.Param(1), c.Param(2)));
    return JsonReply(ItemJson(r));
  });
  add("POST", "/api/v1/action-plan/items/{id}/evidence", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Svc(d));
    SRM_TRY(strict_json::Object(c.body));
    SRM_TRY(strict_json::OnlyFields(c.body, {"kind", "target_id", "note"}));
    SRM_ASSIGN(kind, strict_json::Text(c.body, "kind", true, 32));
    SRM_ASSIGN(target, strict_json::Text(c.body, "target_id", true, 64));
    SRM_ASSIGN(note, strict_json::Text(c.body, "note", false, 2000));
    SRM_ASSIGN(r, svc->LinkEvidence(c.principal, c.Param(1), kind, target, note));
    return JsonReply(ItemJson(r), 201);
  });
  add("GET", "/api/v1/action-plan/progress", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Svc(d));
    SRM_ASSIGN(p, svc->Progress(c.principal));
    json cats = json::array(), items = json::array();
    for (const auto& cp : p.categories)
      cats.push_back({{"category", cp.category}, {"items", cp.items}, {"done", cp.done}, {"overdue", cp.overdue},
                      {"blocked", cp.blocked}, {"percent", cp.percent}});
    for (const auto& r : p.items)
      items.push_back({{"id", r.item.id}, {"code", r.item.code}, {"title", r.item.title},
                       {"category", r.item.category}, {"status", r.item.status}, {"lead", r.item.lead},
                       {"due_on", r.item.due_on.empty() ? json(nullptr) : json(r.item.due_on)},
                       {"evidence_count", r.item.evidence.size()}, {"progress", ProgressJson(r.progress)}});
    return JsonReply({{"percent", p.percent}, {"categories", cats}, {"items", items}});
  });
}

}  // namespace srm::api
