// Routes of security governance (issue 16): bodies with members, versioned terms of reference and
// obligations; meetings; decisions with who is tasked by when; what is due. Who may do what:
// service/governance/governance.h.
#include <nlohmann/json.hpp>

#include "api/list_export.h"
#include "api/list_query.h"
#include "api/routes.h"
#include "core/strict_json.h"
#include "domain/records/governance_records_json.h"
#include "service/governance/governance.h"

namespace srm::api {

namespace {

using domain::records::GovernanceBody;
using domain::records::GovernanceDecision;
using domain::records::GovernanceMeeting;
using domain::records::GovernanceMember;

Result<service::GovernanceService*> Svc(const ApiDeps* d) {
  if (!d->governance) return Unavailable("the governance service is not configured");
  return d->governance;
}

Result<GovernanceMember> MemberFrom(const json& body, const std::string& prefix = "") {
  SRM_TRY(strict_json::Object(body, prefix));
  SRM_TRY(strict_json::OnlyFields(body, {"user_id", "name", "organization_id", "member_role"}, prefix));
  GovernanceMember m;
  SRM_ASSIGN(user, strict_json::Text(body, "user_id", false, 64, prefix));
  SRM_ASSIGN(name, strict_json::Text(body, "name", true, 200, prefix));
  SRM_ASSIGN(org, strict_json::Text(body, "organization_id", false, 64, prefix));
  SRM_ASSIGN(role, strict_json::Text(body, "member_role", true, 32, prefix));
  m.user_id = std::move(user);
  m.name = std::move(name);
  m.organization_id = std::move(org);
  m.member_role = std::move(role);
  return m;
}

Result<service::BodyInput> BodyFrom(const json& body) {
  SRM_TRY(strict_json::Object(body));
  SRM_TRY(strict_json::OnlyFields(
      body, {"kind", "name", "country_id", "reports_to", "reports_to_body_id", "established_on", "members"}));
  service::BodyInput in;
  SRM_ASSIGN(kind, strict_json::Text(body, "kind", true, 40));
  SRM_ASSIGN(name, strict_json::Text(body, "name", true, 200));
  SRM_ASSIGN(country, strict_json::Text(body, "country_id", false, 64));
  SRM_ASSIGN(reports, strict_json::Text(body, "reports_to", false, 200));
  SRM_ASSIGN(reports_body, strict_json::Text(body, "reports_to_body_id", false, 64));
  SRM_ASSIGN(established, strict_json::Date(body, "established_on", true));
  in.kind = std::move(kind);
  in.name = std::move(name);
  in.country_id = std::move(country);
  in.reports_to = std::move(reports);
  in.reports_to_body_id = std::move(reports_body);
  in.established_on = std::move(established);
  if (auto it = body.find("members"); it != body.end() && !it->is_null()) {
    SRM_TRY(strict_json::Array(*it, "members", 200));
    for (size_t i = 0; i < it->size(); ++i) {
      SRM_ASSIGN(m, MemberFrom((*it)[i], strict_json::ItemPrefix("members", i)));
      in.members.push_back(std::move(m));
    }
  }
  return in;
}

json DueJson(const service::DueItem& d) {
  return {{"kind", d.kind},   {"id", d.id},         {"body_id", d.body_id}, {"body_name", d.body_name},
          {"title", d.title}, {"due_on", d.due_on}, {"state", d.state}};
}

Result<int> VersionParam(const std::string& v) {
  if (v.empty() || v.size() > 6 || v.find_first_not_of("0123456789") != std::string::npos) return NotFound("version");
  return std::stoi(v);
}

// A POST without a body (schema Empty): nothing, or an empty object.
Status NoFields(const json& body) {
  if (body.is_null()) return {};
  SRM_TRY(strict_json::Object(body));
  return strict_json::OnlyFields(body, {});
}

}  // namespace

void AddGovernanceRoutes(std::vector<Route>* t, const ApiDeps* d) {
  auto add = [t](std::string m, std::string path, Handler h) {
    t->push_back({std::move(m), std::move(path), Auth::kRequired, std::move(h)});
  };
  add("GET", "/api/v1/governance/bodies", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Svc(d));
    // Search (name, reports to) and sort.
    SRM_ASSIGN(narrow, ListQueryFrom(c, {{"kind"}, {"updated", "name"}}));
    SRM_ASSIGN(page, PageFrom(c));
    const std::string kind = c.Query("kind");
    if (kind.size() > 40) return Invalid("invalid_value", "kind is too long", "kind");
    SRM_ASSIGN(rows, svc->ListBodies(c.principal, kind, page, narrow));
    return JsonReply(PageJson(rows, [](const GovernanceBody& b) { return domain::records::ToJson(b); }));
  });
  add("POST", "/api/v1/governance/bodies", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Svc(d));
    SRM_ASSIGN(in, BodyFrom(c.body));
    SRM_ASSIGN(b, svc->CreateBody(c.principal, in));
    return JsonReply(domain::records::ToJson(b), 201);
  });
  add("GET", "/api/v1/governance/bodies/{id}", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Svc(d));
    SRM_ASSIGN(b, svc->GetBody(c.principal, c.Param(1)));
    return JsonReply(domain::records::ToJson(b));
  });
  add("POST", "/api/v1/governance/bodies/{id}/members", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Svc(d));
    SRM_ASSIGN(m, MemberFrom(c.body));
    SRM_ASSIGN(b, svc->AddMember(c.principal, c.Param(1), m));
    return JsonReply(domain::records::ToJson(b), 201);
  });
  add("POST", "/api/v1/governance/bodies/{id}/tor", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Svc(d));
    SRM_TRY(strict_json::Object(c.body));
    SRM_TRY(strict_json::OnlyFields(c.body, {"text"}));
    SRM_ASSIGN(text, strict_json::Text(c.body, "text", true, 100000));
    SRM_ASSIGN(b, svc->DraftTor(c.principal, c.Param(1), text));
    return JsonReply(domain::records::ToJson(b), 201);
  });
  add("POST", "/api/v1/governance/bodies/{id}/tor/{version}/publish", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Svc(d));
    SRM_TRY(NoFields(c.body));
    SRM_ASSIGN(version, VersionParam(c.Param(2)));
    SRM_ASSIGN(b, svc->PublishTor(c.principal, c.Param(1), version));
    return JsonReply(domain::records::ToJson(b));
  });
  add("POST", "/api/v1/governance/bodies/{id}/obligations/{oid}/complete", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Svc(d));
    SRM_TRY(NoFields(c.body));
    SRM_ASSIGN(b, svc->CompleteObligation(c.principal, c.Param(1), c.Param(2)));
    return JsonReply(domain::records::ToJson(b));
  });
  add("GET", "/api/v1/governance/meetings", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Svc(d));
    // Search (title, summary), the meeting dates and sort.
    SRM_ASSIGN(narrow, ListQueryFrom(c, {{"body_id"}, {"updated", "held", "title"}, "held_from", "held_to"}));
    SRM_ASSIGN(page, PageFrom(c));
    const std::string body = c.Query("body_id");
    if (body.size() > 64) return Invalid("invalid_value", "body_id is too long", "body_id");
    SRM_ASSIGN(rows, svc->ListMeetings(c.principal, body, page, narrow));
    return JsonReply(PageJson(rows, [](const GovernanceMeeting& m) { return domain::records::ToJson(m); }));
  });
  add("POST", "/api/v1/governance/meetings", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Svc(d));
    SRM_TRY(strict_json::Object(c.body));
    SRM_TRY(strict_json::OnlyFields(c.body, {"body_id", "held_on", "title", "summary"}));
    service::MeetingInput in;
    SRM_ASSIGN(body, strict_json::Text(c.body, "body_id", true, 64));
    SRM_ASSIGN(held, strict_json::Date(c.body, "held_on", true));
    SRM_ASSIGN(title, strict_json::Text(c.body, "title", true, 200));
    SRM_ASSIGN(summary, strict_json::Text(c.body, "summary", false, 20000));
    in = {body, held, title, summary};
    SRM_ASSIGN(m, svc->CreateMeeting(c.principal, in));
    return JsonReply(domain::records::ToJson(m), 201);
  });
  add("GET", "/api/v1/governance/decisions", ExportableList(d, "governance_decisions", [d](Ctx& c, const store::PageRequest& page) -> Result<json> {
    SRM_ASSIGN(svc, Svc(d));
    store::GovernanceFilter f;
    // Search (text, who is tasked), due dates and sort.
    SRM_ASSIGN(narrow, ListQueryFrom(c, {{"body_id", "meeting_id", "status"}, {"updated", "due"}, "due_from", "due_to"}));
    f.narrow = std::move(narrow);
    f.body_id = c.Query("body_id");
    f.meeting_id = c.Query("meeting_id");
    f.status = c.Query("status");
    if (f.body_id.size() > 64 || f.meeting_id.size() > 64 || f.status.size() > 16)
      return Invalid("invalid_value", "a filter is too long");
    SRM_ASSIGN(rows, svc->ListDecisions(c.principal, f, page));
    return PageJson(rows, [](const GovernanceDecision& x) { return domain::records::ToJson(x); });
  }));
  add("POST", "/api/v1/governance/decisions", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Svc(d));
    SRM_TRY(strict_json::Object(c.body));
    SRM_TRY(strict_json::OnlyFields(c.body, {"meeting_id", "text", "tasked_to", "tasked_user_id", "due_on"}));
    SRM_ASSIGN(meeting, strict_json::Text(c.body, "meeting_id", true, 64));
    SRM_ASSIGN(text, strict_json::Text(c.body, "text", true, 5000));
    SRM_ASSIGN(tasked, strict_json::Text(c.body, "tasked_to", false, 200));
    SRM_ASSIGN(tasked_user, strict_json::Text(c.body, "tasked_user_id", false, 64));
    SRM_ASSIGN(due, strict_json::Date(c.body, "due_on", false));
    SRM_ASSIGN(x, svc->CreateDecision(c.principal, {meeting, text, tasked, tasked_user, due}));
    return JsonReply(domain::records::ToJson(x), 201);
  });
  add("POST", "/api/v1/governance/decisions/{id}/complete", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Svc(d));
    SRM_TRY(NoFields(c.body));
    SRM_ASSIGN(x, svc->CompleteDecision(c.principal, c.Param(1)));
    return JsonReply(domain::records::ToJson(x));
  });
  add("GET", "/api/v1/governance/due", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Svc(d));
    SRM_ASSIGN(items, svc->Due(c.principal));
    json a = json::array();
    for (const auto& i : items) a.push_back(DueJson(i));
    return JsonReply({{"items", a}});
  });
}

}  // namespace srm::api
