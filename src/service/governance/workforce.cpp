#include "service/governance/workforce.h"

#include <algorithm>
#include <map>

#include "core/calendar.h"
#include "core/ids.h"
#include "domain/records/governance_records_json.h"
#include "service/governance/record_commit.h"

namespace srm::service {

using domain::Role;
using domain::records::SecurityPersonnel;
using domain::records::SurgeDeployment;
using governance_detail::AllPages;
using governance_detail::CommitRecord;
namespace rules = domain::governance;

namespace {
constexpr const char* kPersonnel = "security_personnel";
constexpr const char* kSurge = "surge_deployment";

std::string Body(const SecurityPersonnel& p) { return domain::records::AuditJson(p).dump(); }
std::string Body(const SurgeDeployment& d) {
  nlohmann::json j = domain::records::ToJson(d);
  j.erase("revision");
  return j.dump();
}
}  // namespace

WorkforceService::WorkforceService(store::Store* store, const Clock* clock, IdGen* ids, int retention_days)
    : store_(store), clock_(clock), ids_(ids), retention_days_(retention_days) {}

std::string WorkforceService::Now() const { return FormatTimestamp(clock_->NowMillis()); }
std::string WorkforceService::Today() const {
  return calendar::FormatIsoDate(calendar::DayOfMillis(clock_->NowMillis()));
}

rules::Reader WorkforceService::ReaderOf(const Principal& p) const {
  return {p.user.id, p.user.organization_id, p.user.grants};
}

std::optional<std::vector<std::string>> WorkforceService::VisibleOrganizations(const Principal& p, bool* any) const {
  *any = true;
  if (p.Has(Role::kDssDesk) || p.Has(Role::kAuditor)) return std::nullopt;
  if (rules::CanRecordPersonnel(ReaderOf(p), p.user.organization_id).ok)
    return std::vector<std::string>{p.user.organization_id};
  *any = false;
  return std::vector<std::string>{};
}

Result<SecurityPersonnel> WorkforceService::Load(const std::string& id) {
  if (!ValidId(id)) return NotFound("security personnel");
  SRM_ASSIGN(r, store_->GetSecurityPersonnel(id));
  if (!r) return NotFound("security personnel");
  return *r;
}

Result<SecurityPersonnel> WorkforceService::Create(const Principal& p, const PersonnelInput& in) {
  SRM_ASSIGN(orgs, store_->ListOrganizations());
  if (!ValidId(in.organization_id) ||
      std::none_of(orgs.begin(), orgs.end(), [&](const auto& o) { return o.id == in.organization_id; }))
    return Unprocessable("unknown_organization", "no such organization", "organization_id");
  auto may = rules::CanRecordPersonnel(ReaderOf(p), in.organization_id);
  if (!may.ok) return Forbidden("only the organization's security managers and DSS record its security personnel");
  if (!rules::ValidPersonnelCategory(in.category))
    return Unprocessable("unknown_category", "category must be international, national or mission", "category");
  if (in.status != "serving" && in.status != "vacant")
    return Unprocessable("unknown_status", "status must be serving or vacant", "status");
  if (in.status == "serving" && in.full_name.empty())
    return Unprocessable("name_required", "serving personnel have a name", "full_name");
  std::string country = in.country_id;
  if (!in.area_id.empty()) {
    SRM_ASSIGN(area, ValidId(in.area_id) ? store_->GetArea(in.area_id) : Result<std::optional<domain::Area>>(std::nullopt));
    if (!area) return Unprocessable("unknown_area", "no such area", "area_id");
    country = area->country_id;
  }
  if (!in.user_id.empty()) {
    if (!ValidId(in.user_id)) return Unprocessable("unknown_user", "no such user", "user_id");
    SRM_ASSIGN(u, store_->GetUser(in.user_id));
    if (!u) return Unprocessable("unknown_user", "no such user", "user_id");
  }
  SecurityPersonnel r;
  r.id = ids_->NewId("spn");
  r.user_id = in.status == "vacant" ? "" : in.user_id;
  r.full_name = in.status == "vacant" ? "" : in.full_name;
  r.organization_id = in.organization_id;
  r.country_id = country;
  r.area_id = in.area_id;
  r.category = in.category;
  r.post = in.post;
  r.status = in.status;
  r.skills = in.skills;
  r.languages = in.languages;
  r.recorded_by = {p.user.id, p.user.username};
  r.created_at = r.updated_at = Now();
  SRM_TRY(CommitRecord(store_, p, may.reason, "security_personnel.create", kPersonnel, r, 0, "", Body(r)));
  return Load(r.id);
}

Result<store::Page<SecurityPersonnel>> WorkforceService::List(const Principal& p, const store::WorkforceFilter& f,
                                                              const store::PageRequest& page) {
  store::WorkforceFilter scoped = f;
  bool any = false;
  scoped.organizations = VisibleOrganizations(p, &any);
  if (!any) {
    // Nobody's rows but one's own.
    scoped.organizations.reset();
    scoped.user_id = p.user.id;
    if (p.user.id.empty()) return store::Page<SecurityPersonnel>{};
  }
  return store_->ListSecurityPersonnel(scoped, page);
}

Result<SecurityPersonnel> WorkforceService::Get(const Principal& p, const std::string& id) {
  SRM_ASSIGN(r, Load(id));
  if (!rules::PersonalDataAccess(ReaderOf(p), r).ok) return NotFound("security personnel");
  return r;
}

Result<SecurityPersonnel> WorkforceService::Leave(const Principal& p, const std::string& id, const std::string& left_on) {
  SRM_ASSIGN(r, Get(p, id));
  auto may = rules::CanRecordPersonnel(ReaderOf(p), r.organization_id);
  if (!may.ok) return Forbidden("only the organization's security managers and DSS record a departure");
  if (r.status != "serving") return Conflict("not_serving", "only serving personnel leave");
  SecurityPersonnel after = r;
  after.status = "left";
  after.left_on = left_on;
  after.updated_at = Now();
  SRM_TRY(CommitRecord(store_, p, may.reason, "security_personnel.leave", kPersonnel, after, r.revision, Body(r),
                       Body(after)));
  return Load(id);
}

Result<PurgeResult> WorkforceService::Purge(const Principal& p) {
  const bool console = p.session_kind == "cli" || p.session_kind == "system";
  if (!console && !p.Has(Role::kAdmin) && !p.Has(Role::kDssDesk))
    return Forbidden("only administrators and DSS run the workforce purge");
  PurgeResult out;
  out.today = Today();
  out.retention_days = retention_days_;
  store::WorkforceFilter left_only;
  left_only.status = "left";
  SRM_ASSIGN(left, AllPages<SecurityPersonnel>([&](const store::PageRequest& pg) {
               return store_->ListSecurityPersonnel(left_only, pg);
             }));
  const std::string now = Now();
  for (const auto& r : left) {
    auto v = rules::PurgeDue(r, out.today, retention_days_);
    if (!v.ok) continue;
    SecurityPersonnel after = rules::Purged(r, now);
    after.updated_at = now;
    SRM_TRY(CommitRecord(store_, p, console ? std::string("system") : p.RoleLabel(Role::kAdmin),
                         "security_personnel.purge", kPersonnel, after, r.revision, Body(r), Body(after)));
    out.purged_ids.push_back(r.id);
  }
  return out;
}

Result<SurgeDeployment> WorkforceService::Deploy(const Principal& p, const SurgeInput& in) {
  if (!ValidId(in.personnel_id)) return Unprocessable("unknown_personnel", "no such security personnel", "personnel_id");
  SRM_ASSIGN(person, store_->GetSecurityPersonnel(in.personnel_id));
  // Another organization's personnel, for someone who cannot see them, is as unknown as none.
  if (!person || !rules::PersonalDataAccess(ReaderOf(p), *person).ok)
    return Unprocessable("unknown_personnel", "no such security personnel", "personnel_id");
  auto may = rules::CanRecordPersonnel(ReaderOf(p), person->organization_id);
  if (!may.ok) return Forbidden("only the organization's security managers and DSS deploy its personnel");
  if (!ValidId(in.area_id)) return Unprocessable("unknown_area", "no such area", "area_id");
  SRM_ASSIGN(area, store_->GetArea(in.area_id));
  if (!area) return Unprocessable("unknown_area", "no such area", "area_id");
  store::WorkforceFilter of_person;
  of_person.personnel_id = in.personnel_id;
  SRM_ASSIGN(existing, AllPages<SurgeDeployment>([&](const store::PageRequest& pg) {
               return store_->ListSurgeDeployments(of_person, pg);
             }));
  auto v = rules::CanDeploy(*person, in.from, in.to, existing);
  if (!v.ok) {
    if (v.reason == "overlapping_deployment" || v.reason == "personnel_not_serving")
      return Conflict(v.reason, "the person cannot be deployed on these dates");
    return Unprocessable(v.reason, "from and to must be dates, from on or before to", "to");
  }
  bool found = false;
  std::string status, request_area;
  if (!in.fund_request_id.empty() && ValidId(in.fund_request_id)) {
    SRM_ASSIGN(req, store_->GetFundRequest(in.fund_request_id));
    if (req) {
      found = true;
      status = req->status;
      request_area = req->area_id;
    }
  }
  auto fund = rules::CanLinkFundRequest(!in.fund_request_id.empty(), found, status, request_area, in.area_id);
  if (!fund.ok) return Unprocessable(fund.reason, "the fund request cannot pay for this deployment", "fund_request_id");
  SurgeDeployment d;
  d.id = ids_->NewId("srg");
  d.personnel_id = person->id;
  d.organization_id = person->organization_id;
  d.area_id = in.area_id;
  d.from = in.from;
  d.to = in.to;
  d.fund_request_id = in.fund_request_id;
  d.purpose = in.purpose;
  d.status = "planned";
  d.recorded_by = {p.user.id, p.user.username};
  d.created_at = d.updated_at = Now();
  SRM_TRY(CommitRecord(store_, p, may.reason, "surge_deployment.create", kSurge, d, 0, "", Body(d)));
  SRM_ASSIGN(stored, store_->GetSurgeDeployment(d.id));
  if (!stored) return NotFound("surge deployment");
  return *stored;
}

Result<store::Page<SurgeDeployment>> WorkforceService::ListDeployments(const Principal& p,
                                                                       const store::WorkforceFilter& f,
                                                                       const store::PageRequest& page) {
  store::WorkforceFilter scoped = f;
  bool any = false;
  scoped.organizations = VisibleOrganizations(p, &any);
  if (!any) return Forbidden("surge deployments name people: the organization's security managers, DSS and auditors read them");
  return store_->ListSurgeDeployments(scoped, page);
}

Result<SurgeDeployment> WorkforceService::Cancel(const Principal& p, const std::string& id) {
  if (!ValidId(id)) return NotFound("surge deployment");
  SRM_ASSIGN(d, store_->GetSurgeDeployment(id));
  if (!d) return NotFound("surge deployment");
  auto may = rules::CanRecordPersonnel(ReaderOf(p), d->organization_id);
  if (!may.ok) {
    bool any = false;
    auto orgs = VisibleOrganizations(p, &any);
    if (!any) return NotFound("surge deployment");
    return Forbidden("only the organization's security managers and DSS cancel a deployment");
  }
  if (d->status == "cancelled") return Conflict("already_cancelled", "the deployment is already cancelled");
  SurgeDeployment after = *d;
  after.status = "cancelled";
  after.updated_at = Now();
  SRM_TRY(CommitRecord(store_, p, may.reason, "surge_deployment.cancel", kSurge, after, d->revision, Body(*d),
                       Body(after)));
  SRM_ASSIGN(stored, store_->GetSurgeDeployment(id));
  if (!stored) return NotFound("surge deployment");
  return *stored;
}

Result<std::vector<AreaCoverage>> WorkforceService::Coverage(const Principal& p, const std::string& country_id) {
  if (p.user.grants.empty() && p.session_kind != "cli" && p.session_kind != "system")
    return Forbidden("a user without a role reads no coverage");
  SRM_ASSIGN(areas, store_->ListAreas(country_id, false));
  SRM_ASSIGN(people, AllPages<SecurityPersonnel>([&](const store::PageRequest& pg) {
               return store_->ListSecurityPersonnel({}, pg);
             }));
  store::WorkforceFilter planned;
  planned.status = "planned";
  SRM_ASSIGN(surges, AllPages<SurgeDeployment>([&](const store::PageRequest& pg) {
               return store_->ListSurgeDeployments(planned, pg);
             }));
  const std::string today = Today();
  std::vector<AreaCoverage> out;
  for (const auto& a : areas) {
    int professionals = 0, vacancies = 0, surge = 0, personnel = 0;
    for (const auto& r : people) {
      if (r.area_id != a.id) continue;
      if (r.status == "serving") ++professionals;
      if (r.status == "vacant") ++vacancies;
    }
    for (const auto& d : surges)
      if (d.area_id == a.id && d.from <= today && today <= d.to) ++surge;
    SRM_ASSIGN(programmes, store_->ListProgrammes(a.id));
    for (const auto& pr : programmes) personnel += pr.international + pr.national;
    out.push_back({a.id, a.name, a.country_id, rules::CoverageOf(professionals, surge, personnel, vacancies)});
  }
  return out;
}

}  // namespace srm::service
