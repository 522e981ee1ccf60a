#include "service/money/sla_events.h"

#include <nlohmann/json.hpp>
#include <set>

#include "domain/sra_json.h"

namespace srm::service::sla_detail {

using domain::records::ClearanceLeg;
using domain::records::ComplianceItem;

namespace {

constexpr int kPage = 500;

Status TooMany(int cap) {
  return Unprocessable("report_too_many_events",
                       "more than " + std::to_string(cap) + " events for one metric: ask for a shorter period", "from");
}

// Reads every page of a list; `keep` decides per row. Refuses beyond `cap` rows read.
template <typename T, typename ListFn, typename Keep>
Status ReadAll(ListFn list, int cap, Keep keep) {
  store::PageRequest page{kPage, ""};
  int read = 0;
  for (;;) {
    SRM_ASSIGN(got, list(page));
    for (const T& r : got.items) {
      if (++read > cap) return TooMany(cap);
      SRM_TRY(keep(r));
    }
    if (got.next.empty()) return {};
    page.after = got.next;
  }
}

bool InScope(const SlaScope& s, const std::string& country_id) {
  return s.country_id.empty() || s.country_id == country_id;
}

}  // namespace

Result<Calendars> Calendars::Load(store::Store* st) {
  Calendars c;
  SRM_TRY(ReadAll<domain::records::CountryCalendar>(
      [&](const store::PageRequest& p) { return st->ListCountryCalendars({}, p); }, 10'000,
      [&](const domain::records::CountryCalendar& r) -> Status {
        c.records.push_back(r);
        auto week = domain::ParseWorkingWeek(r.working_week);
        if (!week) return {};  // unreadable: its events are counted in the default calendar, and say so
        std::vector<std::string> days;
        for (const auto& h : r.holidays) days.push_back(h.date);
        auto cal = domain::WorkingCalendar::Make(r.time_zone, *week, days);
        if (!cal) return {};
        c.by_country_[r.country_id] = std::make_shared<const domain::WorkingCalendar>(*cal);
        for (const auto& z : r.area_zones) {
          auto area_cal = domain::WorkingCalendar::Make(z.time_zone, *week, days);
          if (area_cal) c.by_area_[z.area_id] = std::make_shared<const domain::WorkingCalendar>(*area_cal);
        }
        return {};
      }));
  return c;
}

const domain::WorkingCalendar* Calendars::For(const std::string& country_id, const std::string& area_id) const {
  if (auto it = by_area_.find(area_id); it != by_area_.end()) return it->second.get();
  if (auto it = by_country_.find(country_id); it != by_country_.end()) return it->second.get();
  return nullptr;
}

Result<std::vector<domain::SraPublicationEvent>> SraEvents(store::Store* st, const SlaScope& s, int cap) {
  // The organization's presence: the areas where it has programmes. An area SRA is the DSS service
  // to the organizations present in its area.
  SRM_ASSIGN(programmes, st->ListProgrammes(""));
  std::set<std::string> areas;
  for (const auto& prog : programmes)
    if (prog.organization_id == s.organization_id) areas.insert(prog.area_id);
  std::vector<domain::SraPublicationEvent> out;
  int read = 0;
  for (const auto& area_id : areas) {
    store::SraFilter f;
    f.area_id = area_id;
    // Published versions, and the versions still on their way to publication: those count as
    // breaches once past the target (domain/sla.h), however long ago they were last touched.
    f.statuses = {"published", "superseded", "draft", "in_review", "reviewed", "endorsed", "returned"};
    std::vector<store::SraRow> rows;
    SRM_TRY(ReadAll<store::SraRow>([&](const store::PageRequest& p) { return st->ListSras(f, p); }, cap,
                                   [&](const store::SraRow& r) -> Status {
                                     if (++read > cap) return TooMany(cap);
                                     const bool unpublished = r.status != "published" && r.status != "superseded";
                                     if (r.kind == "area" && InScope(s, r.country_id) &&
                                         (unpublished || r.updated_at >= s.updated_from))
                                       rows.push_back(r);
                                     return {};
                                   }));
    for (const auto& row : rows) {
      SRM_ASSIGN(full, st->GetSra(row.id));
      if (!full || full->doc.empty()) continue;
      auto doc = nlohmann::json::parse(full->doc, nullptr, false);
      if (doc.is_discarded()) continue;
      auto sra = domain::SraFromJson(doc);
      if (!sra) continue;
      domain::SraPublicationEvent e{sra->id, sra->series_id, sra->area_id, sra->country_id, sra->version,
                                    sra->created_at, sra->published_at, 0};
      for (const auto& t : sra->history)
        if (t.action == "return") ++e.returns;
      out.push_back(std::move(e));
    }
  }
  return out;
}

Result<std::vector<domain::ClearanceDecisionEvent>> ClearanceEvents(store::Store* st, const SlaScope& s, int cap) {
  store::ClearanceLegFilter f;
  f.organization_id = s.organization_id;
  f.statuses = {"approved", "refused", "referred"};
  std::vector<domain::ClearanceDecisionEvent> out;
  SRM_TRY(ReadAll<ClearanceLeg>([&](const store::PageRequest& p) { return st->ListClearanceLegs(f, p); }, cap,
                                [&](const ClearanceLeg& l) -> Status {
                                  if (!InScope(s, l.country_id)) return {};
                                  if (l.status == "referred") {  // waiting for the adviser: pending
                                    out.push_back({l.id, l.request_id, l.area_id, l.country_id, l.status,
                                                   l.created_at, ""});
                                    return {};
                                  }
                                  // Decided by the DSS security adviser (not the executive office's
                                  // Very High acceptance: that is the organization's own step).
                                  if (l.decided_role != "dss_security_adviser" || l.updated_at < s.updated_from)
                                    return {};
                                  out.push_back({l.id, l.request_id, l.area_id, l.country_id, l.status, l.created_at,
                                                 l.decided_at});
                                  return {};
                                }));
  return out;
}

Result<std::vector<domain::MossItemEvent>> MossEvents(store::Store* st, const SlaScope& s, int cap) {
  store::ComplianceFilter f;
  f.organization_id = s.organization_id;
  std::vector<domain::MossItemEvent> out;
  SRM_TRY(ReadAll<ComplianceItem>([&](const store::PageRequest& p) { return st->ListComplianceItems(f, p); }, cap,
                                  [&](const ComplianceItem& c) -> Status {
                                    if (!InScope(s, c.country_id)) return {};
                                    domain::MossItemEvent e{c.id, c.location_id, c.area_id, c.country_id,
                                                            c.requirement, c.due_date, "", ""};
                                    for (const auto& h : c.history)
                                      if (h.status == "compliant" || h.status == "not_applicable") {
                                        e.closed_at = h.at;
                                        e.closed_status = h.status;
                                        break;
                                      }
                                    out.push_back(std::move(e));
                                    return {};
                                  }));
  return out;
}

Result<std::vector<domain::FundRequestEvent>> FundEvents(store::Store* st, const SlaScope& s, int cap) {
  store::FundRequestFilter f;
  f.organization_id = s.organization_id;
  std::vector<domain::FundRequestEvent> out;
  SRM_TRY(ReadAll<domain::records::FundRequest>(
      [&](const store::PageRequest& p) { return st->ListFundRequests(f, p); }, cap,
      [&](const domain::records::FundRequest& r) -> Status {
        if (!InScope(s, r.country_id)) return {};
        if (r.status != "submitted" && r.updated_at < s.updated_from) return {};  // answered before the period
        out.push_back({r.id, r.area_id, r.country_id, r.status, r.routed_to, r.submitted_at,
                       r.decided_at.value_or("")});
        return {};
      }));
  return out;
}

}  // namespace srm::service::sla_detail
