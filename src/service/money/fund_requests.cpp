// Requests to deploy surge capacity (a security professional of the area): tied to the SRA in
// force in the area, or to an EGS decision or an incident there; routed at submission to the lowest expenditure
// authority that covers the amount. Submitting reserves nothing.
#include <algorithm>

#include "domain/records/fund_records_json.h"
#include "service/money/fund.h"

namespace srm::service {

using domain::Role;
using domain::records::FundRequest;

Result<FundRequest> FundService::Submit(const Principal& p, const FundRequestInput& in) {
  if (!ValidId(in.area_id)) return Unprocessable("unknown_area", "unknown area", "area_id");
  SRM_ASSIGN(area, store_->GetArea(in.area_id));
  if (!area) return Unprocessable("unknown_area", "unknown area '" + in.area_id + "'", "area_id");
  if (!p.HasFor(Role::kSecurityProfessional, {p.user.organization_id, area->country_id, area->id}))
    return Fail(ErrorKind::kForbidden, "security_professional_required",
                "a request to the fund is made by a security professional of the area");
  if (in.currency != domain::kFundCurrency)
    return Unprocessable("currency_not_fund", "the fund is kept in USD", "currency");
  if (in.days < 1 || in.days > 365) return Unprocessable("out_of_range", "days must be 1-365", "days");
  if (in.purpose.empty()) return Unprocessable("required", "purpose is required", "purpose");
  SRM_ASSIGN(authorities, store_->ListFundAuthorities());
  SRM_ASSIGN(authority, domain::RouteFundRequest(in.amount_minor, authorities));

  FundRequest r;
  // What the request rests on: an EGS decision or an incident in the area when named (one of
  // them), else the SRA in force there.
  if (!in.egs_id.empty() && in.incident_id)
    return Unprocessable("one_basis", "a request rests on an EGS decision or on an incident, not both", "incident_id");
  if (in.incident_id) {
    if (!incidents_)
      return Unprocessable("unknown_incident", "incidents are not available on this server", "incident_id");
    store::IncidentFilter f;
    f.area_id = area->id;
    f.id = *in.incident_id;
    store::Page<store::StoredIncident> found;
    if (f.id > 0) {
      SRM_ASSIGN(page, incidents_->ListIncidents(f, {1, ""}));
      found = std::move(page);
    }
    // An incident elsewhere (or not placed in any area) is no ground for this area's request.
    if (found.items.empty())
      return Unprocessable("unknown_incident",
                           "no incident " + std::to_string(*in.incident_id) + " placed in the area", "incident_id");
    r.basis_kind = "incident";
    r.basis_id = std::to_string(found.items.front().id);
  } else if (!in.egs_id.empty()) {
    std::optional<domain::records::EgsRecord> egs;
    if (ValidId(in.egs_id)) {
      SRM_ASSIGN(found, store_->GetEgsRecord(in.egs_id));
      egs = std::move(found);
    }
    if (!egs || egs->area_id != area->id)
      return Unprocessable("unknown_egs_decision", "no EGS decision '" + in.egs_id + "' in the area", "egs_id");
    r.basis_kind = "egs";
    r.basis_id = egs->id;
  } else {
    store::SraFilter f;
    f.area_id = area->id;
    f.statuses = {"published"};
    SRM_ASSIGN(sras, store_->ListSras(f, {20, ""}));
    auto in_force = std::find_if(sras.items.begin(), sras.items.end(), [](const auto& s) { return s.kind == "area"; });
    if (in_force == sras.items.end())
      return Unprocessable("no_sra_in_force",
                           "the area has no SRA in force: a request rests on it, or on an EGS decision (egs_id)",
                           "area_id");
    r.basis_kind = "sra";
    r.basis_id = in_force->id;
  }
  r.id = ids_->NewId("fnr");
  r.area_id = area->id;
  r.country_id = area->country_id;
  r.organization_id = p.user.organization_id;
  r.purpose = in.purpose;
  r.amount_minor = in.amount_minor;
  r.currency = in.currency;
  r.days = static_cast<int>(in.days);
  r.routed_to = authority.role;
  r.authority_id = authority.id;
  r.status = "submitted";
  r.requested_by = {p.user.id, p.user.username};
  r.submitted_at = r.created_at = r.updated_at = Now();
  store::WriteBatch batch;
  batch.records.push_back({store::AnyRecord(r), 0});
  SRM_TRY(store_->Write(batch, {{p.user.id, p.user.username, "security_professional", "fund.request.submit",
                                 "fund_request", r.id, "", domain::records::ToJson(r).dump(), p.request_id}}));
  r.revision = 1;
  return r;
}

Result<FundRequest> FundService::GetRequest(const Principal& p, const std::string& id) {
  SRM_ASSIGN(r, LoadRequest(id));
  // Another organization's request (or one outside the reader's areas) is not disclosed.
  if (!CanReadRequest(p, r)) return NotFound("fund request " + id);
  return r;
}

Result<store::Page<FundRequest>> FundService::ListRequests(const Principal& p, const FundRequestQuery& q,
                                                           const store::PageRequest& page) {
  store::FundRequestFilter f{.status = q.status, .area_id = q.area_id, .organization_id = q.organization_id};
  f.narrow = q.narrow;
  if (!Official(p)) {
    // A security professional: its organization's requests in the areas its grants cover.
    bool any = false, everywhere = false;
    std::vector<std::string> areas;
    for (const auto& g : p.user.grants) {
      if (g.role != Role::kSecurityProfessional) continue;
      if (!g.org_id.empty() && g.org_id != p.user.organization_id) continue;
      any = true;
      if (g.country_id.empty() && g.area_id.empty()) everywhere = true;
      else if (!g.area_id.empty()) areas.push_back(g.area_id);
      else {
        SRM_ASSIGN(in_country, store_->ListAreas(g.country_id, false));
        for (const auto& a : in_country) areas.push_back(a.id);
      }
    }
    if (!any) return Forbidden("the fund's requests are read by its officials and the requesting security professionals");
    // Another organization's filter narrows a requester's own list to nothing.
    if (!q.organization_id.empty() && q.organization_id != p.user.organization_id) return store::Page<FundRequest>{};
    f.organization_id = p.user.organization_id;
    if (!everywhere) f.areas = areas;
  }
  return store_->ListFundRequests(f, page);
}

}  // namespace srm::service
