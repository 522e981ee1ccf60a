// What rests on the SRA made visible (issue 14 finding 7): the Executive Group on Security no-go
// decisions in force, for the map and the dashboard of everyone whose scope includes the area, and
// the headcount of an area: the personnel registered there (its programmes) plus the travellers
// whose cleared legs cover the day.
#include <map>
#include <set>

#include "service/decisions/internal.h"
#include "service/scope.h"

namespace srm::service {

using domain::records::ClearanceLeg;
using domain::records::EgsRecord;

Result<std::vector<AreaNoGo>> DecisionService::NoGoInForce(const Principal& p, const std::string& date) {
  const std::string day = date.empty() ? Today() : date;
  const auto day_number = domain::DayNumber(day);
  if (!day_number) return Invalid("invalid_date", "date must be YYYY-MM-DD", "date");
  // Every decision, by area: there are few (an EGS meets for areas in crisis).
  std::map<std::string, std::vector<EgsRecord>> by_area;
  store::PageRequest page{500, ""};
  for (;;) {
    SRM_ASSIGN(rows, records_->ListEgs("", std::nullopt, page));
    for (auto& r : rows.items) by_area[r.area_id].push_back(std::move(r));
    if (rows.next.empty()) break;
    page.after = rows.next;
  }
  std::vector<AreaNoGo> out;
  for (const auto& [area_id, records] : by_area) {
    const EgsRecord& any = records.front();
    if (!p.CanSeeArea(any.country_id, area_id)) continue;  // outside the reader's scope: not shown
    std::vector<domain::EgsDecision> decisions;
    for (const auto& e : records) {
      auto from = domain::DayNumber(e.from), to = domain::DayNumber(e.to);
      if (!from || !to) continue;
      decisions.push_back({e.id, e.decision == "no_go", *from, *to, e.created_at});
    }
    // The same rule the clearances use: the latest decision covering the day decides it.
    const auto in_force = domain::NoGoInForce(decisions, *day_number, *day_number);
    if (!in_force) continue;
    for (const auto& e : records) {
      if (e.id != in_force->id) continue;
      out.push_back({e.area_id, e.area_name, e.country_id, e.id, e.from, e.to, e.reason, e.meeting_ref, e.decided_at});
      break;
    }
  }
  return out;
}

Result<HeadcountTotals> DecisionService::HeadcountSummary(const Principal& p, const std::string& area_id,
                                                          const std::string& date) {
  if (!ValidId(area_id)) return NotFound("area");
  SRM_ASSIGN(area, store_->GetArea(area_id));
  if (!area) return NotFound("area " + area_id);
  if (!p.CanSeeArea(area->country_id, area->id)) return Forbidden("this area is outside your scope");
  const std::string day = date.empty() ? Today() : date;
  if (!domain::DayNumber(day)) return Invalid("invalid_date", "date must be YYYY-MM-DD", "date");
  // The same reading rule as the list of travellers: others' organizations only with the grant.
  const std::string only_org = ReadsEveryOrganizationIn(p, area->country_id, area->id, /*with_smt=*/true)
                                   ? std::string()
                                   : p.user.organization_id;
  HeadcountTotals out;
  out.area_id = area_id;
  out.date = day;
  std::map<std::string, HeadcountTotals::ByOrg> orgs;
  auto org = [&](const std::string& id) -> HeadcountTotals::ByOrg& {
    auto& o = orgs[id];
    o.organization_id = id;
    return o;
  };
  // Registered: the programmes' personnel based in the area (international and national staff).
  // Personnel "on mission" come and go: they are counted through their cleared legs below.
  SRM_ASSIGN(programmes, store_->ListProgrammes(area_id));
  for (const auto& pr : programmes) {
    if (!only_org.empty() && pr.organization_id != only_org) continue;
    const int n = pr.international + pr.national;
    org(pr.organization_id).registered += n;
    out.registered += n;
  }
  // Travellers: each person once, whatever the number of their legs covering the day.
  DecisionRecords::LegQuery q;
  q.area_id = area_id;
  q.statuses = {"cleared", "approved"};
  q.active_on = day;
  q.org_id = only_org;
  std::set<std::string> seen;
  store::PageRequest page{500, ""};
  for (;;) {
    SRM_ASSIGN(legs, records_->ListLegs(q, page));
    for (const ClearanceLeg& l : legs.items) {
      const std::string who = l.organization_id + "\x1f" + (l.traveller.user_id.empty() ? "name:" + l.traveller.name
                                                                                        : l.traveller.user_id);
      if (!seen.insert(who).second) continue;
      ++org(l.organization_id).travellers;
      ++out.travellers;
    }
    if (legs.next.empty()) break;
    page.after = legs.next;
  }
  out.total = out.registered + out.travellers;
  for (auto& [id, o] : orgs) out.by_organization.push_back(o);
  return out;
}

}  // namespace srm::service
