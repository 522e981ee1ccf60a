// Who reads which SRA: the one rule of every route that returns an SRA, its content (versions,
// diff, the approval of a specific SRA, review proposals) or its audit trail.
//
//   - an area SRA is shared by every organization present in its area: anyone holding a grant
//     that covers the area reads it (Principal::CanSeeArea);
//   - a specific SRA is an organization's own (one mission or programme): besides covering its
//     area, the reader must be of its organization, or an administrator or auditor, or hold one of
//     the inter-agency roles that work on SRAs in its area — security professional (drafts),
//     security cell (reviews), SMT (endorses), DSS desk (approves) — on a grant not restricted to
//     one organization.
//
// Writes are held to the same rule first (nobody changes what they cannot read), then to their
// own role checks. Lists apply it in the store query (store::SraFilter / DocFilter), so pages are
// full and totals count only what the reader sees.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "service/principal.h"
#include "store/store.h"

namespace srm::service {

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
