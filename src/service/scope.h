// Scope: which areas and which organizations' records a principal may see or act for. The one
// place for these rules; each name says which of the different questions it answers.
//
// Reading SRAs:
//   - an area SRA is shared by every organization present in its area: anyone holding a grant
//     that covers the area reads it (Principal::CanSeeArea);
//   - a specific SRA is an organization's own (one mission or programme): besides covering its
//     area, the reader must be of its organization, or an administrator or auditor, or hold one of
//     the inter-agency roles that work on SRAs in its area — security professional (drafts),
//     security cell (reviews), SMT (endorses), DSS desk (approves) — on a grant not restricted to
//     one organization.
//   Writes are held to the same rule first (nobody changes what they cannot read), then to their
//   own role checks. Lists apply it in the store query (store::SraFilter / DocFilter), so pages are
//   full and totals count only what the reader sees.
//
// Reading decision records (clearances, activities, compliance): an organization reads its own;
// the administrator and auditor read everything; the DSS desk, the security cell and security
// professionals ("cross-organization readers") read every organization's records in the areas
// their grants cover, when the grant is not restricted to one organization.
//
// Acting: an inter-agency role (security cell, DSS desk, SMT, ...) acts in an area on a grant not
// restricted to one organization; an agency role (HQ security, executive office) acts for its own
// organization only.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "service/principal.h"
#include "store/store.h"

namespace srm::service {

// ---- roles ----

// Administrator or auditor: reads everything everywhere.
bool IsGlobalReader(domain::Role r);
// A grant that reads every organization's decision records in its areas.
bool IsCrossOrganizationGrant(const domain::RoleGrant& g);
// Anything but a read-only (auditor-only) principal.
bool MayWrite(const Principal& p);

// ---- decision records ----

// True when the principal reads every organization's decision records in this area (the SMT of
// the area too when with_smt: it reads the headcount).
bool ReadsEveryOrganizationIn(const Principal& p, const std::string& country_id, const std::string& area_id,
                              bool with_smt = false);
// A record of `org_id` in an area: its own organization, or a reader of every organization there.
bool MayReadOrganizationRecord(const Principal& p, const std::string& org_id, const std::string& country_id,
                               const std::string& area_id);
// The principal holds inter-agency role r for the area: a grant of r not restricted to one
// organization whose scope covers the area.
bool HoldsInterAgencyRoleIn(const Principal& p, domain::Role r, const std::string& country_id,
                            const std::string& area_id);
// Agency role r held by a member of `org_id`, covering the area: acting for its own organization.
bool ActsForOwnOrganization(const Principal& p, domain::Role r, const std::string& org_id,
                            const std::string& country_id, const std::string& area_id);
// Any grant of role r (whatever its organization) whose country/area covers the area: who works
// on an area's SRA (SRA writes).
bool HoldsRoleCoveringArea(const Principal& p, domain::Role r, const std::string& country_id,
                           const std::string& area_id);
// The areas where the principal holds a grant `pick` accepts; nullopt = every area (a global
// reader or a grant without country or area).
Result<std::optional<std::vector<std::string>>> AreasWhereHolds(store::Store* st, const Principal& p,
                                                                const std::function<bool(const domain::RoleGrant&)>& pick);
// AreasWhereHolds for the cross-organization readers, applied to a document filter
// (restrict_areas); nothing changes when it is every area.
Status RestrictToCrossOrganizationAreas(store::Store* st, const Principal& p, store::DocFilter* f);

// ---- SRAs ----

// True when the principal reads every organization's specific SRAs in this area.
bool ReadsOtherOrganizationsSpecificSras(const Principal& p, const std::string& country_id,
                                         const std::string& area_id);
// The rule. kind is "area" or "specific" (store::SraRow::kind).
bool MaySeeSra(const Principal& p, const std::string& kind, const std::string& organization_id,
               const std::string& country_id, const std::string& area_id);
inline bool MaySeeSra(const Principal& p, const store::SraRow& row) {
  return MaySeeSra(p, row.kind, row.organization_id, row.country_id, row.area_id);
}
// Restricts an SRA listing to the rows MaySeeSra allows (replaces area_ids).
Status ScopeSraList(store::Store* st, const Principal& p, store::SraFilter* f);
// Restricts a listing of documents about specific SRAs (their approvals, review proposals: org_id
// is the SRA's organization for a specific SRA, "" for an area SRA) the same way.
Status ScopeSraDocList(store::Store* st, const Principal& p, store::DocFilter* f);

}  // namespace srm::service
