// Routes of the security workforce (issue 16): security personnel (personal data: who reads it,
// service/governance/workforce.h), the audited purge, surge deployments paid by the fund, and the
// coverage of each area.
#include <nlohmann/json.hpp>

#include "api/list_export.h"
#include "api/list_query.h"
#include "api/routes.h"
#include "core/strict_json.h"
#include "domain/records/governance_records_json.h"
#include "service/governance/workforce.h"

namespace srm::api {

namespace {

using domain::records::SecurityPersonnel;
using domain::records::SurgeDeployment;

Result<service::WorkforceService*> Svc(const ApiDeps* d) {
  if (!d->workforce) return Unavailable("the workforce service is not configured");
  return d->workforce;
}

Result<std::vector<std::string>> TextList(const json& body, const char* key) {
  std::vector<std::string> out;
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return out;
  SRM_TRY(strict_json::Array(*it, key, 50));
  for (size_t i = 0; i < it->size(); ++i) {
    const json& v = (*it)[i];
    const std::string field = std::string(key) + "[" + std::to_string(i) + "]";
    if (!v.is_string()) return Invalid("invalid_type", field + " must be a string", field);
    const std::string s = v.get<std::string>();
    if (s.empty() || s.size() > 100) return Invalid("invalid_value", field + " must be 1-100 characters", field);
    SRM_TRY(strict_json::PlainText(s, field));
    out.push_back(s);
  }
  return out;
}

Result<service::PersonnelInput> PersonnelFrom(const json& body) {
  SRM_TRY(strict_json::Object(body));
  SRM_TRY(strict_json::OnlyFields(body, {"user_id", "full_name", "organization_id", "country_id", "area_id",
                                         "category", "post", "status", "skills", "languages"}));
  service::PersonnelInput in;
  SRM_ASSIGN(user, strict_json::Text(body, "user_id", false, 64));
  SRM_ASSIGN(name, strict_json::Text(body, "full_name", false, 200));
  SRM_ASSIGN(org, strict_json::Text(body, "organization_id", true, 64));
  SRM_ASSIGN(country, strict_json::Text(body, "country_id", false, 64));
  SRM_ASSIGN(area, strict_json::Text(body, "area_id", false, 64));
  SRM_ASSIGN(category, strict_json::Text(body, "category", true, 32));
  SRM_ASSIGN(post, strict_json::Text(body, "post", true, 200));
  SRM_ASSIGN(status, strict_json::Text(body, "status", false, 16));
  SRM_ASSIGN(skills, TextList(body, "skills"));
  SRM_ASSIGN(languages, TextList(body, "languages"));
  in.user_id = user;
  in.full_name = name;
  in.organization_id = org;
  in.country_id = country;
  in.area_id = area;
  in.category = category;
  in.post = post;
  if (!status.empty()) in.status = status;
  in.skills = skills;
  in.languages = languages;
  return in;
}

json PersonJson(const SecurityPersonnel& p) { return domain::records::ToJson(p, true); }

json CoverageJson(const service::AreaCoverage& a) {
  const auto& c = a.coverage;
  return {{"area_id", a.area_id},
          {"area_name", a.area_name},
          {"country_id", a.country_id},
          {"security_professionals", c.security_professionals},
          {"surge", c.surge},
          {"personnel", c.personnel},
          {"vacancies", c.vacancies},
          {"personnel_per_professional",
           c.personnel_per_professional ? json(*c.personnel_per_professional) : json(nullptr)},
          {"state", c.state}};
}

// A POST without a body (schema Empty): nothing, or an empty object.
Status NoFields(const json& body) {
  if (body.is_null()) return {};
  SRM_TRY(strict_json::Object(body));
  return strict_json::OnlyFields(body, {});
}

}  // namespace

void AddWorkforceRoutes(std::vector<Route>* t, const ApiDeps* d) {
  auto add = [t](std::string m, std::string path, Handler h) {
    t->push_back({std::move(m), std::move(path), Auth::kRequired, std::move(h)});
  };
  add("GET", "/api/v1/workforce",
      ExportableList(d, "workforce", [d](Ctx& c, const store::PageRequest& page) -> Result<json> {
        SRM_ASSIGN(svc, Svc(d));
        store::WorkforceFilter f;
        // Search (name, post) and sort.
        SRM_ASSIGN(narrow, ListQueryFrom(c, {{"organization_id", "area_id", "status"}, {"updated", "name"}}));
        f.narrow = std::move(narrow);
        f.organization_id = c.Query("organization_id");
        f.area_id = c.Query("area_id");
        f.status = c.Query("status");
        if (f.organization_id.size() > 64 || f.area_id.size() > 64 || f.status.size() > 16)
          return Invalid("invalid_value", "a filter is too long");
        SRM_ASSIGN(rows, svc->List(c.principal, f, page));
        return PageJson(rows, PersonJson);
      }));
  add("POST", "/api/v1/workforce", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Svc(d));
    SRM_ASSIGN(in, PersonnelFrom(c.body));
    SRM_ASSIGN(r, svc->Create(c.principal, in));
    return JsonReply(PersonJson(r), 201);
  });
  add("GET", "/api/v1/workforce/coverage", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Svc(d));
    const std::string country = c.Query("country_id");
    if (country.size() > 64) return Invalid("invalid_value", "country_id is too long", "country_id");
    SRM_ASSIGN(rows, svc->Coverage(c.principal, country));
    json a = json::array();
    for (const auto& r : rows) a.push_back(CoverageJson(r));
    return JsonReply({{"items", a}});
  });
  add("POST", "/api/v1/workforce/purge", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Svc(d));
    SRM_TRY(NoFields(c.body));
    SRM_ASSIGN(r, svc->Purge(c.principal));
    return JsonReply({{"purged", r.purged_ids.size()}, {"purged_ids", r.purged_ids}, {"today", r.today},
                      {"retention_days", r.retention_days}});
  });
  add("GET", "/api/v1/workforce/{id}", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Svc(d));
    SRM_ASSIGN(r, svc->Get(c.principal, c.Param(1)));
    return JsonReply(PersonJson(r));
  });
  add("POST", "/api/v1/workforce/{id}/leave", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Svc(d));
    SRM_TRY(strict_json::Object(c.body));
    SRM_TRY(strict_json::OnlyFields(c.body, {"left_on"}));
    SRM_ASSIGN(left, strict_json::Date(c.body, "left_on", true));
    SRM_ASSIGN(r, svc->Leave(c.principal, c.Param(1), left));
    return JsonReply(PersonJson(r));
  });
  add("GET", "/api/v1/surge-deployments",
      ExportableList(d, "surge_deployments", [d](Ctx& c, const store::PageRequest& page) -> Result<json> {
        SRM_ASSIGN(svc, Svc(d));
        store::WorkforceFilter f;
        f.area_id = c.Query("area_id");
        f.personnel_id = c.Query("personnel_id");
        f.status = c.Query("status");
        if (f.area_id.size() > 64 || f.personnel_id.size() > 64 || f.status.size() > 16)
          return Invalid("invalid_value", "a filter is too long");
        SRM_ASSIGN(rows, svc->ListDeployments(c.principal, f, page));
        return PageJson(rows, [](const SurgeDeployment& x) { return domain::records::ToJson(x); });
      }));
  add("POST", "/api/v1/surge-deployments", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Svc(d));
    SRM_TRY(strict_json::Object(c.body));
    SRM_TRY(strict_json::OnlyFields(c.body, {"personnel_id", "area_id", "from", "to", "fund_request_id", "purpose"}));
    SRM_ASSIGN(person, strict_json::Text(c.body, "personnel_id", true, 64));
    SRM_ASSIGN(area, strict_json::Text(c.body, "area_id", true, 64));
    SRM_ASSIGN(from, strict_json::Date(c.body, "from", true));
    SRM_ASSIGN(to, strict_json::Date(c.body, "to", true));
    SRM_ASSIGN(fund, strict_json::Text(c.body, "fund_request_id", false, 64));
    SRM_ASSIGN(purpose, strict_json::Text(c.body, "purpose", true, 2000));
    SRM_ASSIGN(x, svc->Deploy(c.principal, {person, area, from, to, fund, purpose}));
    return JsonReply(domain::records::ToJson(x), 201);
  });
  add("POST", "/api/v1/surge-deployments/{id}/cancel", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Svc(d));
    SRM_TRY(NoFields(c.body));
    SRM_ASSIGN(x, svc->Cancel(c.principal, c.Param(1)));
    return JsonReply(domain::records::ToJson(x));
  });
}

}  // namespace srm::api
