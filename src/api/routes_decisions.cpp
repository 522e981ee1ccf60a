// Routes of the decisions that rest on the SRA: security clearance (requests, approver inbox,
// headcount), Executive Group on Security go/no-go, specific SRA approvals, acceptable risk per
// activity, MOSS/RSM and compliance, and the notifications these produce.
#include "api/routes.h"
#include "api/decision_json.h"
#include "api/list_export.h"
#include "api/list_query.h"
#include "core/calendar.h"
#include "domain/records/decision_records_json.h"
#include "service/decisions.h"

namespace srm::api {

namespace {

Result<service::DecisionService*> Decisions(const ApiDeps* d) {
  if (!d->decisions) return Unavailable("the decision service is not configured");
  return d->decisions;
}

// A record as the API answers it (domain/records/decision_records_json.h).
auto AsJson = [](const auto& r) { return domain::records::ToJson(r); };

Status IdQuery(const Ctx& c, const char* key, std::string* out) {
  *out = c.Query(key);
  if (out->size() > 64) return Invalid("invalid_value", std::string(key) + " is too long", key);
  return {};
}

Result<bool> BoolQuery(const Ctx& c, const char* key) {
  const std::string v = c.Query(key);
  if (v.empty() || v == "false" || v == "0") return false;
  if (v == "true" || v == "1") return true;
  return Invalid("invalid_value", std::string(key) + " must be true or false", key);
}

}  // namespace

void AddDecisionRoutes(std::vector<Route>* t, const ApiDeps* d) {
  auto add = [t](std::string m, std::string path, Auth a, Handler h) {
    t->push_back({std::move(m), std::move(path), a, std::move(h)});
  };

  // ---- security clearance ----
  // Literal paths come before /clearances/{id} so "inbox" and "preview" are never taken for ids.
  // ?format=csv|xlsx: the whole filtered list as a file (api/list_export.h).
  add("GET", "/api/v1/clearances", Auth::kRequired,
      ExportableList(d, "clearances", [d](Ctx& c, const store::PageRequest& page) -> Result<json> {
        SRM_ASSIGN(svc, Decisions(d));
        // Search (traveller, activity, mission), area, travel dates and sort.
        SRM_ASSIGN(narrow, ListQueryFrom(c, {{"status", "organization_id", "area_id"},
                                             {"updated", "from", "traveller"}, "travel_from", "travel_to"}));
        std::string status, org, area;
        SRM_TRY(IdQuery(c, "status", &status));
        SRM_TRY(IdQuery(c, "organization_id", &org));
        SRM_TRY(IdQuery(c, "area_id", &area));
        SRM_TRY(CheckFilterValue(status, "status"));
        SRM_TRY(CheckFilterValue(area, "area_id"));
        SRM_ASSIGN(rows, svc->ListClearances(c.principal, status, org, page, area, narrow));
        return PageJson(rows, AsJson);
      }));
  add("POST", "/api/v1/clearances", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Decisions(d));
    SRM_ASSIGN(in, ClearanceInputFrom(c.body));
    SRM_ASSIGN(out, svc->CreateClearance(c.principal, in));
    return JsonReply(ToJson(out), 201);
  });
  add("POST", "/api/v1/clearances/preview", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Decisions(d));
    SRM_ASSIGN(in, ClearanceInputFrom(c.body));
    SRM_ASSIGN(out, svc->PreviewClearance(c.principal, in));
    return JsonReply(ToJson(out));
  });
  add("GET", "/api/v1/clearances/inbox", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Decisions(d));
    SRM_ASSIGN(page, PageFrom(c));
    std::string queue;
    SRM_TRY(IdQuery(c, "queue", &queue));
    SRM_ASSIGN(rows, svc->ClearanceInbox(c.principal, queue, page));
    return JsonReply(PageJson(rows, AsJson));
  });
  add("GET", "/api/v1/clearances/{id}", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Decisions(d));
    SRM_ASSIGN(out, svc->GetClearance(c.principal, c.Param(1)));
    return JsonReply(ToJson(out));
  });
  add("POST", "/api/v1/clearances/{id}/legs/{leg_id}/decision",
      Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
        SRM_ASSIGN(svc, Decisions(d));
        SRM_ASSIGN(in, LegDecisionInputFrom(c.body));
        SRM_ASSIGN(out, svc->DecideReferredLeg(c.principal, c.Param(1), c.Param(2), in));
        return JsonReply(AsJson(out));
      });
  add("GET", "/api/v1/areas/{id}/headcount", Auth::kRequired,
      [d](Ctx& c) -> Result<Reply> {
        SRM_ASSIGN(svc, Decisions(d));
        SRM_ASSIGN(page, PageFrom(c));
        std::string date;
        SRM_TRY(IdQuery(c, "date", &date));
        SRM_ASSIGN(rows, svc->Headcount(c.principal, c.Param(1), date, page));
        json out = PageJson(rows, [](const service::HeadcountEntry& e) { return ToJson(e); });
        out["area_id"] = c.Param(1);
        // The count of people: registered programme personnel plus the travellers listed here.
        SRM_ASSIGN(sum, svc->HeadcountSummary(c.principal, c.Param(1), date));
        json by_org = json::array();
        for (const auto& o : sum.by_organization)
          by_org.push_back({{"organization_id", o.organization_id}, {"registered", o.registered},
                            {"travellers", o.travellers}, {"total", o.registered + o.travellers}});
        out["date"] = sum.date;
        out["headcount"] = {{"registered", sum.registered}, {"travellers", sum.travellers}, {"total", sum.total},
                            {"by_organization", by_org}};
        return JsonReply(out);
      });

  // ---- Executive Group on Security ----
  // The no-go decisions in force today in the reader's areas: the map and the dashboard show them.
  add("GET", "/api/v1/no-go-areas", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Decisions(d));
    std::string date;
    SRM_TRY(IdQuery(c, "date", &date));
    SRM_ASSIGN(list, svc->NoGoInForce(c.principal, date));
    json items = json::array();
    for (const auto& n : list) items.push_back(NoGoJson(n));
    return JsonReply({{"items", items}});
  });
  add("GET", "/api/v1/egs-decisions", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Decisions(d));
    // Search (area, reason, meeting, recorder), decision, the window's dates and sort.
    SRM_ASSIGN(narrow, ListQueryFrom(c, {{"area_id", "decision"}, {"updated", "from", "area", "decided"},
                                         "window_from", "window_to"}));
    SRM_ASSIGN(page, PageFrom(c));
    std::string area;
    SRM_TRY(IdQuery(c, "area_id", &area));
    const std::string decision = c.Query("decision");
    if (!decision.empty() && decision != "go" && decision != "no_go")
      return Invalid("invalid_value", "decision must be go or no_go", "decision");
    SRM_ASSIGN(rows, svc->ListEgs(c.principal, area, page, decision, narrow));
    return JsonReply(PageJson(rows, AsJson));
  });
  add("POST", "/api/v1/egs-decisions", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Decisions(d));
    SRM_ASSIGN(in, EgsInputFrom(c.body));
    SRM_ASSIGN(out, svc->RecordEgs(c.principal, in));
    return JsonReply(ToJson(out), 201);
  });
  add("GET", "/api/v1/egs-decisions/{id}", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Decisions(d));
    SRM_ASSIGN(out, svc->GetEgs(c.principal, c.Param(1)));
    return JsonReply(AsJson(out));
  });

  // ---- specific SRAs ----
  add("GET", "/api/v1/specific-sras", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Decisions(d));
    SRM_ASSIGN(page, PageFrom(c));
    std::string status;
    SRM_TRY(IdQuery(c, "status", &status));
    SRM_ASSIGN(awaiting, BoolQuery(c, "awaiting_me"));
    SRM_ASSIGN(rows, svc->ListSpecific(c.principal, status, awaiting, page));
    return JsonReply(PageJson(rows, AsJson));
  });
  add("GET", "/api/v1/specific-sras/{id}", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Decisions(d));
    SRM_ASSIGN(out, svc->GetSpecific(c.principal, c.Param(1)));
    return JsonReply(AsJson(out));
  });
  add("POST", "/api/v1/specific-sras/{id}/transitions", Auth::kRequired,
      [d](Ctx& c) -> Result<Reply> {
        SRM_ASSIGN(svc, Decisions(d));
        SRM_ASSIGN(in, SpecificTransitionInputFrom(c.body));
        SRM_ASSIGN(out, svc->TransitionSpecific(c.principal, c.Param(1), in));
        return JsonReply(ToJson(out));
      });

  // ---- acceptable risk per activity ----
  add("GET", "/api/v1/activities", Auth::kRequired,
      ExportableList(d, "activities", [d](Ctx& c, const store::PageRequest& page) -> Result<json> {
        SRM_ASSIGN(svc, Decisions(d));
        // Search (programme, activity, area), organization, decision dates and sort.
        SRM_ASSIGN(narrow, ListQueryFrom(c, {{"area_id", "status", "organization_id"},
                                             {"updated", "programme", "area", "pc", "risk"}, "decided_from", "decided_to"}));
        std::string area, status, org;
        SRM_TRY(IdQuery(c, "area_id", &area));
        SRM_TRY(IdQuery(c, "status", &status));
        SRM_TRY(IdQuery(c, "organization_id", &org));
        SRM_TRY(CheckFilterValue(status, "status"));
        SRM_TRY(CheckFilterValue(org, "organization_id"));
        // decided_at is a timestamp: "decided on or before the day" is "before the next day".
        if (!narrow.date_to.empty())
          narrow.date_to = calendar::FormatIsoDate(calendar::AddDays(*calendar::ParseIsoDate(narrow.date_to), 1));
        if (narrow.sort == "risk" && d->methods) {
          SRM_ASSIGN(pack, d->methods->Active());
          narrow.risk_levels.assign(pack->risk_levels.begin(), pack->risk_levels.end());
        }
        SRM_ASSIGN(rows, svc->ListActivities(c.principal, area, status, page, org, narrow));
        return ToJson(rows);
      }));
  add("GET", "/api/v1/programmes/managers", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Decisions(d));
    std::string org;
    SRM_TRY(IdQuery(c, "organization_id", &org));
    if (org.empty()) return Invalid("required", "organization_id is required", "organization_id");
    SRM_ASSIGN(rows, svc->ManagerCandidates(c.principal, org));
    json items = json::array();
    for (const auto& u : rows) items.push_back({{"id", u.id}, {"username", u.username}, {"display_name", u.display_name}});
    return JsonReply(json{{"items", std::move(items)}});
  });
  add("POST", "/api/v1/programmes", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Decisions(d));
    SRM_ASSIGN(in, ProgrammeInputFrom(c.body));
    SRM_ASSIGN(out, svc->RegisterProgramme(c.principal, in));
    return JsonReply(ToJson(out), 201);
  });
  add("GET", "/api/v1/activities/{id}", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Decisions(d));
    SRM_ASSIGN(out, svc->GetActivity(c.principal, c.Param(1)));
    return JsonReply(ToJson(out));
  });
  add("POST", "/api/v1/activities/{id}/pc-assessment", Auth::kRequired,
      [d](Ctx& c) -> Result<Reply> {
        SRM_ASSIGN(svc, Decisions(d));
        SRM_ASSIGN(in, PcAssessmentInputFrom(c.body));
        SRM_ASSIGN(out, svc->RecordPcAssessment(c.principal, c.Param(1), in));
        return JsonReply(ToJson(out), 201);
      });
  add("GET", "/api/v1/activities/{id}/pc-assessment", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Decisions(d));
    SRM_ASSIGN(out, svc->GetPcAssessment(c.principal, c.Param(1)));
    if (!out) return NotFound("PC assessment of programme " + c.Param(1));
    return JsonReply(domain::records::ToJson(*out));
  });
  add("POST", "/api/v1/activities/{id}/pc-assessment/confirm", Auth::kRequired,
      [d](Ctx& c) -> Result<Reply> {
        SRM_ASSIGN(svc, Decisions(d));
        SRM_ASSIGN(comment, CommentFrom(c.body));
        SRM_ASSIGN(out, svc->ConfirmPcAssessment(c.principal, c.Param(1), comment));
        return JsonReply(ToJson(out), 200);
      });
  add("POST", "/api/v1/activities/{id}/exec-approval", Auth::kRequired,
      [d](Ctx& c) -> Result<Reply> {
        SRM_ASSIGN(svc, Decisions(d));
        SRM_ASSIGN(comment, CommentFrom(c.body));
        SRM_ASSIGN(out, svc->RecordExecApproval(c.principal, c.Param(1), comment));
        return JsonReply(AsJson(out), 201);
      });

  add("POST", "/api/v1/activities/{id}/acceptance", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Decisions(d));
    SRM_ASSIGN(in, AcceptanceInputFrom(c.body));
    SRM_ASSIGN(out, svc->AcceptRisk(c.principal, c.Param(1), in));
    return JsonReply(ToJson(out), 201);
  });
  add("GET", "/api/v1/activities/{id}/acceptances", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Decisions(d));
    SRM_ASSIGN(rows, svc->ListAcceptances(c.principal, c.Param(1)));
    json items = json::array();
    for (const auto& r : rows) items.push_back(AsJson(r));
    return JsonReply(json{{"items", std::move(items)}});
  });

  // ---- avoidance (the Designated Official) ----
  add("GET", "/api/v1/avoidance", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Decisions(d));
    // search (area, reason, destination, personnel, decider), area and kind filters, sort.
    SRM_ASSIGN(narrow, ListQueryFrom(c, {{"area_id", "kind"}, {"decided", "from", "area", "updated"}}));
    SRM_ASSIGN(page, PageFrom(c));
    store::AvoidanceFilter f;
    f.narrow = std::move(narrow);
    SRM_TRY(IdQuery(c, "area_id", &f.area_id));
    f.kind = c.Query("kind");
    if (!f.kind.empty() && f.kind != "relocation" && f.kind != "evacuation" && f.kind != "alternative_modality")
      return Invalid("invalid_value", "kind must be relocation, evacuation or alternative_modality", "kind");
    SRM_ASSIGN(rows, svc->ListAvoidance(c.principal, std::move(f), page));
    return JsonReply(PageJson(rows, AsJson));
  });
  add("POST", "/api/v1/avoidance", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Decisions(d));
    SRM_ASSIGN(in, AvoidanceInputFrom(c.body));
    SRM_ASSIGN(out, svc->RecordAvoidance(c.principal, in));
    return JsonReply(AsJson(out), 201);
  });

  // ---- MOSS / RSM and compliance ----
  add("GET", "/api/v1/moss", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Decisions(d));
    std::string country, area;
    SRM_TRY(IdQuery(c, "country_id", &country));
    SRM_TRY(IdQuery(c, "area_id", &area));
    SRM_ASSIGN(out, svc->Moss(c.principal, country, area));
    return JsonReply(ToJson(out));
  });
  add("GET", "/api/v1/compliance/items", Auth::kRequired,
      ExportableList(d, "compliance", [d](Ctx& c, const store::PageRequest& page) -> Result<json> {
    SRM_ASSIGN(svc, Decisions(d));
    service::DecisionService::ComplianceQuery q;
    // Search (requirement, location, owner), due dates and sort.
    SRM_ASSIGN(narrow, ListQueryFrom(c, {{"area_id", "organization_id", "location_id", "status", "overdue"},
                                         {"updated", "due", "location"}, "due_from", "due_to"}));
    q.narrow = std::move(narrow);
    SRM_TRY(IdQuery(c, "area_id", &q.area_id));
    SRM_TRY(IdQuery(c, "organization_id", &q.org_id));
    SRM_TRY(IdQuery(c, "location_id", &q.location_id));
    SRM_TRY(IdQuery(c, "status", &q.status));
    SRM_ASSIGN(overdue, BoolQuery(c, "overdue"));
    q.overdue_only = overdue;
    SRM_ASSIGN(rows, svc->ListCompliance(c.principal, q, page));
    return PageJson(rows, AsJson);
  }));
  add("POST", "/api/v1/compliance/items", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Decisions(d));
    SRM_ASSIGN(in, ComplianceItemInputFrom(c.body));
    SRM_ASSIGN(out, svc->CreateComplianceItem(c.principal, in));
    return JsonReply(AsJson(out), 201);
  });
  add("GET", "/api/v1/compliance/items/{id}", Auth::kRequired,
      [d](Ctx& c) -> Result<Reply> {
        SRM_ASSIGN(svc, Decisions(d));
        SRM_ASSIGN(out, svc->GetComplianceItem(c.principal, c.Param(1)));
        return JsonReply(AsJson(out));
      });
  add("PUT", "/api/v1/compliance/items/{id}", Auth::kRequired,
      [d](Ctx& c) -> Result<Reply> {
        SRM_ASSIGN(svc, Decisions(d));
        SRM_ASSIGN(in, ComplianceUpdateInputFrom(c.body));
        SRM_ASSIGN(out, svc->UpdateComplianceItem(c.principal, c.Param(1), in));
        return JsonReply(AsJson(out));
      });
  add("POST", "/api/v1/compliance/checklists", Auth::kRequired,
      [d](Ctx& c) -> Result<Reply> {
        SRM_ASSIGN(svc, Decisions(d));
        SRM_ASSIGN(in, ChecklistInputFrom(c.body));
        SRM_ASSIGN(out, svc->GenerateChecklist(c.principal, in));
        return JsonReply(ToJson(out), 201);
      });
  add("GET", "/api/v1/compliance/rates", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Decisions(d));
    SRM_ASSIGN(page, PageFrom(c));
    std::string group = c.Query("group_by");
    if (group.empty()) group = "area";
    SRM_ASSIGN(rows, svc->ComplianceRates(c.principal, group, page));
    json out = PageJson(rows, [&group](const service::ComplianceRateRow& r) { return ToJson(r, group); });
    out["group_by"] = group;
    return JsonReply(out);
  });

  // ---- notifications ----
  add("GET", "/api/v1/notifications", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Decisions(d));
    SRM_ASSIGN(page, PageFrom(c));
    SRM_ASSIGN(unread, BoolQuery(c, "unread"));
    SRM_ASSIGN(rows, svc->Notifications(c.principal, unread, page));
    return JsonReply(PageJson(rows, AsJson));
  });
  add("POST", "/api/v1/notifications/{id}/read", Auth::kRequired,
      [d](Ctx& c) -> Result<Reply> {
        SRM_ASSIGN(svc, Decisions(d));
        SRM_ASSIGN(out, svc->MarkNotificationRead(c.principal, c.Param(1)));
        return JsonReply(AsJson(out));
      });
}

}  // namespace srm::api
