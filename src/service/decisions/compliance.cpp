// Compliance items: one MOSS/RSM requirement at an office or residence, with evidence; checklists
// generated from the area's published SRA; overdue lists and compliance rates.
#include "service/decisions/internal.h"

#include <algorithm>

#include "domain/compliance.h"
#include "domain/sra_json.h"

namespace srm::service {

using domain::Role;
using domain::records::ComplianceItem;
using nlohmann::json;
using store::Page;
using store::PageRequest;
using namespace decision_kinds;
using namespace decision_detail;

namespace {

constexpr std::initializer_list<Role> kManagers = {Role::kSecurityCell, Role::kSecurityProfessional, Role::kDssDesk,
                                                   Role::kHqSecurity};

bool MayManageCompliance(const Principal& p, const std::string& org, const std::string& country, const std::string& area) {
  for (Role r : {Role::kSecurityProfessional, Role::kSecurityCell, Role::kDssDesk})
    if (HoldsInterAgencyRoleIn(p, r, country, area)) return true;
  return ActsForOwnOrganization(p, Role::kHqSecurity, org, country, area);
}

struct LocationInfo {
  domain::Location loc;
  domain::Area area;
};

Result<LocationInfo> FindLocation(store::Store* st, const std::string& id) {
  if (!ValidId(id)) return Unprocessable("unknown_location", "unknown location", "location_id");
  SRM_ASSIGN(all, st->ListLocations(""));
  for (auto& l : all)
    if (l.id == id) {
      SRM_ASSIGN(a, st->GetArea(l.area_id));
      if (!a) break;
      return LocationInfo{std::move(l), *a};
    }
  return Unprocessable("unknown_location", "unknown location '" + id + "'", "location_id");
}

// The organization named ("" = the principal's), which must exist.
Result<std::string> OrgFor(store::Store* st, const Principal& p, const std::string& org) {
  if (org.empty()) return p.user.organization_id;
  SRM_ASSIGN(orgs, st->ListOrganizations());
  for (const auto& o : orgs)
    if (o.id == org) return org;
  return Unprocessable("unknown_organization", "unknown organization '" + org + "'", "organization_id");
}

ComplianceItem NewItem(const std::string& id, const LocationInfo& li, const std::string& org,
                       const std::string& requirement, const std::string& category, const std::string& due,
                       const std::string& owner, const std::string& sra_id, const std::string& measure_id,
                       const Principal& p, const std::string& now) {
  ComplianceItem r;
  r.id = id;
  r.location_id = li.loc.id;
  r.location_name = li.loc.name;
  r.location_kind = li.loc.kind;
  r.area_id = li.area.id;
  r.country_id = li.area.country_id;
  r.organization_id = org;
  r.requirement = requirement;
  r.moss_category = category;
  r.sra_id = sra_id;
  r.measure_id = measure_id;
  r.status = "open";
  r.due_date = due;
  r.owner = owner;
  r.created_by = p.user.username;
  r.created_at = r.updated_at = now;
  return r;
}

// The areas and organization a listing of compliance is held to.
Status ScopeCompliance(store::Store* st, const Principal& p, DecisionRecords::ComplianceQuery* q) {
  bool any_wide = false;
  for (const auto& g : p.user.grants) any_wide = any_wide || IsCrossOrganizationGrant(g);
  if (!any_wide) {
    q->org_id = p.user.organization_id;
    return {};
  }
  SRM_ASSIGN(areas, AreasWhereHolds(st, p, IsCrossOrganizationGrant));
  q->areas = std::move(areas);
  return {};
}

}  // namespace

Result<ComplianceItem> DecisionService::CreateComplianceItem(const Principal& p, const ComplianceItemInput& in) {
  SRM_TRY(DayOf(in.due_date, "due_date"));
  SRM_ASSIGN(li, FindLocation(store_, in.location_id));
  SRM_ASSIGN(org, OrgFor(store_, p, in.organization_id));
  SRM_ASSIGN(pack, methods_->Active());
  if (!domain::IsMossCategory(*pack, in.moss_category))
    return Unprocessable("unknown_category", "moss_category must be one of the pack's MOSS/RSM categories", "moss_category");
  if (!MayManageCompliance(p, org, li.area.country_id, li.area.id))
    return Forbidden("compliance items are set by the security professionals, the security cell or the DSS desk of the "
                     "area, or the agency HQ security office of the organization");
  const std::string now = Now();
  ComplianceItem item = NewItem(ids_->NewId("cmp"), li, org, in.requirement, in.moss_category, in.due_date, in.owner,
                                "", "", p, now);
  store::AuditEvent ev{p.user.id, p.user.username, RoleLabel(p, kManagers), "compliance.create", kCompliance, item.id,
                       "", AuditBody(item).dump(), p.request_id};
  SRM_TRY(records_->Commit({DecisionRecords::Put(item, 0)}, {ev}));
  item.revision = 1;
  return item;
}

Status DecisionService::ChecklistsOnPublish(Batch& b, const domain::Sra& sra) {
  DecisionRecords::ComplianceQuery q;
  q.area_id = sra.area_id;
  SRM_ASSIGN(existing, records_->AllCompliance(q, true));
  // (location, organization) -> the measures its checklist already holds.
  std::map<std::pair<std::string, std::string>, std::set<std::string>> have;
  for (const auto& e : existing)
    if (!e.sra_id.empty()) have[{e.location_id, e.organization_id}].insert(e.measure_id);
  if (have.empty()) return {};
  SRM_ASSIGN(pack, methods_->Get(sra.method_version));
  SRM_ASSIGN(area, store_->GetArea(sra.area_id));
  if (!area) return {};
  SRM_ASSIGN(locations, store_->ListLocations(sra.area_id));
  const std::string due = domain::DayString(*domain::DayNumber(b.today) + 90);
  const auto by_category = domain::MeasuresByCategory(*pack, sra);
  for (const auto& [key, ids] : have) {
    auto loc = std::find_if(locations.begin(), locations.end(), [&](const auto& l) { return l.id == key.first; });
    if (loc == locations.end()) continue;
    const LocationInfo li{*loc, *area};
    const bool residence = li.loc.kind == "residence";
    int added = 0;
    for (const auto& [cat, measures] : by_category) {
      if ((cat == domain::kRsmCategory) != residence) continue;
      for (const auto& mm : measures) {
        if (ids.contains(mm.measure.id)) continue;
        ComplianceItem item = NewItem(ids_->NewId("cmp"), li, key.second, mm.measure.description, cat, due,
                                      mm.measure.owner, sra.id, mm.measure.id, b.p, b.now);
        b.writes.push_back(DecisionRecords::Put(item, 0));
        ++added;
      }
    }
    if (added > 0)
      b.Audit("compliance.checklist", "location", li.loc.id, nullptr,
              {{"organization_id", key.second}, {"sra_id", sra.id}, {"items", added}, {"cause", "sra_published"}});
  }
  return {};
}

Result<ChecklistResult> DecisionService::GenerateChecklist(const Principal& p, const ChecklistInput& in) {
  SRM_ASSIGN(li, FindLocation(store_, in.location_id));
  SRM_ASSIGN(org, OrgFor(store_, p, in.organization_id));
  if (in.due_date) SRM_TRY(DayOf(*in.due_date, "due_date"));
  const std::string due = in.due_date ? *in.due_date : domain::DayString(*domain::DayNumber(Today()) + 90);
  if (!MayManageCompliance(p, org, li.area.country_id, li.area.id))
    return Forbidden("compliance checklists are set by the security professionals, the security cell or the DSS desk "
                     "of the area, or the agency HQ security office of the organization");
  Batch b(p, RoleLabel(p, kManagers), Now(), Today());
  SRM_ASSIGN(f, Facts(b, li.area.id));
  if (!f->sra)
    return Unprocessable("no_published_sra", "the area has no published SRA: MOSS/RSM rest on one", "location_id");
  SRM_ASSIGN(sra_row, store_->GetSra(f->sra->sra_id));
  if (!sra_row) return Internal("published SRA vanished");
  json d = json::parse(sra_row->doc, nullptr, false);
  if (d.is_discarded()) return Internal("stored SRA is not valid JSON");
  SRM_ASSIGN(sra, domain::SraFromJson(d));
  DecisionRecords::ComplianceQuery existing_q;
  existing_q.location_id = li.loc.id;
  existing_q.org_id = org;
  SRM_ASSIGN(existing, records_->AllCompliance(existing_q, true));
  std::set<std::string> have;
  for (const auto& e : existing) have.insert(e.measure_id);
  const bool residence = li.loc.kind == "residence";
  ChecklistResult out{li.loc.id, org, sra.id, residence ? "rsm" : "moss", {}, 0};
  for (const auto& [cat, measures] : domain::MeasuresByCategory(*f->pack, sra)) {
    if ((cat == domain::kRsmCategory) != residence) continue;
    for (const auto& mm : measures) {
      if (have.contains(mm.measure.id)) {
        ++out.skipped;
        continue;
      }
      ComplianceItem item = NewItem(ids_->NewId("cmp"), li, org, mm.measure.description, cat, due,
                                    in.owner.empty() ? mm.measure.owner : in.owner, sra.id, mm.measure.id, p, b.now);
      b.writes.push_back(DecisionRecords::Put(item, 0));
      item.revision = 1;
      out.created.push_back(std::move(item));
    }
  }
  if (!out.created.empty()) {
    b.Audit("compliance.checklist", "location", li.loc.id, nullptr,
            {{"organization_id", org}, {"sra_id", sra.id}, {"items", out.created.size()}});
    SRM_TRY(records_->Commit(b.writes, b.audit));
  }
  return out;
}

Result<ComplianceItem> DecisionService::GetComplianceItem(const Principal& p, const std::string& id) {
  if (!ValidId(id)) return NotFound("compliance item");
  SRM_ASSIGN(found, records_->ComplianceItem(id));
  if (!found) return NotFound("compliance item " + id);
  if (!MayReadOrganizationRecord(p, found->organization_id, found->country_id, found->area_id))
    return Forbidden("this item belongs to another organization");
  return std::move(*found);
}

Result<ComplianceItem> DecisionService::UpdateComplianceItem(const Principal& p, const std::string& id,
                                                             const ComplianceUpdateInput& in) {
  if (!ValidId(id)) return NotFound("compliance item");
  SRM_ASSIGN(found, records_->ComplianceItem(id));
  if (!found) return NotFound("compliance item " + id);
  ComplianceItem item = std::move(*found);
  const bool manager = MayManageCompliance(p, item.organization_id, item.country_id, item.area_id);
  const bool member = item.organization_id == p.user.organization_id && MayWrite(p);
  if (!manager && !member) {
    if (!MayReadOrganizationRecord(p, item.organization_id, item.country_id, item.area_id))
      return Forbidden("this item belongs to another organization");
    return Forbidden("read-only: compliance is updated by the item's organization or the area's security roles");
  }
  if (in.due_date) SRM_TRY(DayOf(*in.due_date, "due_date"));
  if (in.revision && *in.revision != item.revision)
    return Conflict("stale_revision", "this item was changed by someone else; reload it");
  const int64_t revision = item.revision;
  const std::string before = item.status.empty() ? "open" : item.status;
  const std::string evidence = in.evidence.value_or(""), comment = in.comment.value_or("");
  const std::string now = Now();
  if (in.due_date) item.due_date = *in.due_date;
  if (in.owner) item.owner = *in.owner;
  const bool has_evidence = !evidence.empty() || !item.evidence.empty();
  const bool has_comment = !Blank(comment);
  if (!evidence.empty()) item.evidence.push_back({evidence, p.user.username, now});
  if (has_comment) item.comment = comment;
  if (in.status && !in.status->empty()) {
    auto st = domain::ComplianceStatusFromName(*in.status);
    if (!st)
      return Unprocessable("invalid_status", "status must be open, in_progress, compliant, non_compliant or not_applicable",
                           "status");
    auto check = domain::CheckComplianceUpdate(*st, has_evidence, has_comment);
    if (!check.ok) return Unprocessable(check.code, check.message, check.field);
    item.status = *in.status;
  }
  item.updated_at = now;
  item.history.push_back({now, p.user.username, item.status, evidence, comment});
  store::AuditEvent ev{p.user.id, p.user.username, manager ? RoleLabel(p, kManagers) : RoleLabel(p, {}),
                       "compliance.update", kCompliance, id, json{{"status", before}}.dump(),
                       json{{"status", item.status}, {"evidence", evidence}, {"comment", comment}}.dump(), p.request_id};
  SRM_TRY(records_->Commit({DecisionRecords::Put(item, revision)}, {ev}));
  item.revision = revision + 1;
  return item;
}

Result<Page<ComplianceItem>> DecisionService::ListCompliance(const Principal& p, const ComplianceQuery& q,
                                                             const PageRequest& page) {
  DecisionRecords::ComplianceQuery rq;
  rq.area_id = q.area_id;
  rq.location_id = q.location_id;
  rq.narrow = q.narrow;  // Narrows only; ScopeCompliance below restricts as before
  if (!q.status.empty()) {
    if (!domain::ComplianceStatusFromName(q.status)) return Invalid("invalid_value", "unknown status '" + q.status + "'", "status");
    rq.status = q.status;
  }
  bool any_wide = false;
  for (const auto& g : p.user.grants) any_wide = any_wide || IsCrossOrganizationGrant(g);
  if (!any_wide && !q.org_id.empty() && q.org_id != p.user.organization_id)
    return Forbidden("you see the compliance of your own organization only");
  if (any_wide) rq.org_id = q.org_id;
  SRM_TRY(ScopeCompliance(store_, p, &rq));
  if (!q.overdue_only) return records_->ListCompliance(rq, page);
  // Overdue: past the due date and not done. The store filters the rest; the date test is here.
  const std::string today = Today();
  SRM_ASSIGN(all, records_->AllCompliance(rq, true));
  std::vector<ComplianceItem> overdue;
  for (auto& r : all) {
    auto st = domain::ComplianceStatusFromName(r.status);
    if (st && domain::IsOverdue(*st, r.due_date, today)) overdue.push_back(std::move(r));
  }
  std::sort(overdue.begin(), overdue.end(), [](const ComplianceItem& a, const ComplianceItem& b) {
    return a.due_date != b.due_date ? a.due_date < b.due_date : a.id < b.id;  // most overdue first
  });
  return OffsetPage(std::move(overdue), page);
}

Result<Page<ComplianceRateRow>> DecisionService::ComplianceRates(const Principal& p, const std::string& group_by,
                                                                 const PageRequest& page) {
  if (group_by != "area" && group_by != "organization")
    return Invalid("invalid_value", "group_by must be area or organization", "group_by");
  DecisionRecords::ComplianceQuery q;
  SRM_TRY(ScopeCompliance(store_, p, &q));
  SRM_ASSIGN(all, records_->AllCompliance(q, false));
  const std::string today = Today();
  std::map<std::string, domain::ComplianceRate> rates;
  for (const auto& r : all) {
    auto st = domain::ComplianceStatusFromName(r.status);
    if (!st) continue;
    domain::AddToRate(&rates[group_by == "area" ? r.area_id : r.organization_id], *st, r.due_date, today);
  }
  std::map<std::string, std::string> names;
  if (group_by == "area") {
    SRM_ASSIGN(areas, store_->ListAreas("", false));
    for (const auto& a : areas) names[a.id] = a.name;
  } else {
    SRM_ASSIGN(orgs, store_->ListOrganizations());
    for (const auto& o : orgs) names[o.id] = o.name;
  }
  std::vector<ComplianceRateRow> items;
  for (auto& [key, rate] : rates) {
    domain::FinishRate(&rate);
    items.push_back({key, names.contains(key) ? names[key] : key, rate});
  }
  return OffsetPage(std::move(items), page);
}

}  // namespace srm::service
