#include "service/money/slas.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "core/ids.h"
#include "service/money/sla_events.h"

namespace srm::service {

using domain::Role;
using domain::records::ServiceLevelAgreement;

namespace {

constexpr const char* kSla = "service_level_agreement";

nlohmann::json AuditJson(const ServiceLevelAgreement& s) {
  nlohmann::json targets = nlohmann::json::array();
  for (const auto& t : s.targets) targets.push_back({{"metric", t.metric}, {"threshold", t.threshold}, {"unit", t.unit}});
  return {{"id", s.id},       {"organization_id", s.organization_id}, {"country_id", s.country_id},
          {"title", s.title}, {"from", s.from},                       {"to", s.to},
          {"services", s.services}, {"targets", targets}};
}

}  // namespace

SlaService::SlaService(store::Store* store, const Clock* clock, IdGen* ids) : store_(store), clock_(clock), ids_(ids) {}

bool SlaService::ReadsAll(const Principal& p) const {
  return std::any_of(p.user.grants.begin(), p.user.grants.end(), [](const domain::RoleGrant& g) {
    return g.role == Role::kAdmin || g.role == Role::kAuditor || (g.role == Role::kDssDesk && g.org_id.empty());
  });
}

bool SlaService::ReadsOwn(const Principal& p, const std::string& organization_id) const {
  if (p.user.organization_id != organization_id) return false;
  return std::any_of(p.user.grants.begin(), p.user.grants.end(), [&](const domain::RoleGrant& g) {
    const bool role = g.role == Role::kHqSecurity || g.role == Role::kFinance || g.role == Role::kSmt;
    return role && (g.org_id.empty() || g.org_id == organization_id);
  });
}

Result<std::vector<domain::CatalogServiceRef>> SlaService::Catalog() {
  std::vector<domain::CatalogServiceRef> out;
  store::PageRequest page{500, ""};
  for (;;) {
    SRM_ASSIGN(got, store_->ListSecurityServices({.code = "", .current_only = true}, page));
    for (const auto& s : got.items) out.push_back({s.code, s.provider});
    if (got.next.empty()) break;
    page.after = got.next;
  }
  // Catalog order: by code, so the covered list reads the same every time.
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.code < b.code; });
  return out;
}

Result<ServiceLevelAgreement> SlaService::Create(const Principal& p, const SlaInput& in) {
  // The provider (DSS desk) or an administrator; a desk grant restricted to one country agrees
  // only for that country.
  std::string role;
  for (const auto& g : p.user.grants) {
    if (g.role == Role::kAdmin) role = "admin";
    if (role.empty() && g.role == Role::kDssDesk && g.org_id.empty() && g.area_id.empty() &&
        (g.country_id.empty() || (!in.country_id.empty() && g.country_id == in.country_id)))
      role = "dss_desk";
  }
  if (role.empty())
    return Fail(ErrorKind::kForbidden, "dss_desk_required",
                "service-level agreements are made by the DSS desk (for its countries) or an administrator");
  // References before the rules: an unknown organization or country is the caller's first problem.
  if (!in.organization_id.empty()) {
    SRM_ASSIGN(orgs, store_->ListOrganizations());
    if (std::none_of(orgs.begin(), orgs.end(), [&](const auto& o) { return o.id == in.organization_id; }))
      return Unprocessable("unknown_organization", "unknown organization '" + in.organization_id + "'",
                           "organization_id");
  }
  if (!in.country_id.empty()) {
    SRM_ASSIGN(countries, store_->ListCountries());
    if (std::none_of(countries.begin(), countries.end(), [&](const auto& c) { return c.id == in.country_id; }))
      return Unprocessable("unknown_country", "unknown country '" + in.country_id + "'", "country_id");
  }
  SRM_ASSIGN(catalog, Catalog());
  domain::SlaDraft draft{in.organization_id, in.country_id, in.from, in.to, in.services, in.targets};
  SRM_ASSIGN(covered, domain::CheckSlaDraft(draft, catalog));

  ServiceLevelAgreement s;
  s.id = ids_->NewId("sla");
  s.organization_id = in.organization_id;
  s.country_id = in.country_id;
  s.title = in.title;
  s.from = in.from;
  s.to = in.to;
  s.services = std::move(covered);
  s.targets = in.targets;
  s.created_by = {p.user.id, p.user.username};
  s.created_at = s.updated_at = FormatTimestamp(clock_->NowMillis());
  store::WriteBatch batch;
  batch.records.push_back({store::AnyRecord(s), 0});
  store::AuditEvent audit{p.user.id, p.user.username, role, "sla.create", kSla, s.id, "", AuditJson(s).dump(),
                          p.request_id};
  SRM_TRY(store_->Write(batch, {audit}));
  s.revision = 1;
  return s;
}

Result<store::Page<ServiceLevelAgreement>> SlaService::List(const Principal& p, const std::string& organization_id,
                                                            const store::PageRequest& page, store::ListNarrowing narrow) {
  store::SlaFilter f{organization_id, std::move(narrow)};  // The narrowing only removes rows
  if (!ReadsAll(p)) {
    if (!ReadsOwn(p, p.user.organization_id))
      return Fail(ErrorKind::kForbidden, "sla_reader_required",
                  "service-level agreements are read by the organization's HQ security, finance and SMT members, "
                  "the DSS desk and auditors");
    // Their own organization's, whatever they asked for: another's yields an empty page, not a hint.
    if (!organization_id.empty() && organization_id != p.user.organization_id) return store::Page<ServiceLevelAgreement>{};
    f.organization_id = p.user.organization_id;
  }
  return store_->ListServiceLevelAgreements(f, page);
}

Result<ServiceLevelAgreement> SlaService::Get(const Principal& p, const std::string& id) {
  if (!ValidId(id)) return NotFound("service-level agreement");
  SRM_ASSIGN(found, store_->GetServiceLevelAgreement(id));
  if (!found) return NotFound("service-level agreement " + id);
  if (ReadsAll(p) || ReadsOwn(p, found->organization_id)) return std::move(*found);
  // Another organization's agreement does not exist for this reader.
  if (found->organization_id != p.user.organization_id) return NotFound("service-level agreement " + id);
  return Fail(ErrorKind::kForbidden, "sla_reader_required",
              "your organization's agreements are read by its HQ security, finance and SMT members");
}

Result<SlaReport> SlaService::Report(const Principal& p, const std::string& id, const std::string& from,
                                     const std::string& to) {
  SRM_ASSIGN(sla, Get(p, id));
  auto from_day = calendar::ParseIsoDate(from);
  auto to_day = calendar::ParseIsoDate(to);
  if (!from_day) return Invalid("invalid_value", "from is a YYYY-MM-DD date", "from");
  if (!to_day) return Invalid("invalid_value", "to is a YYYY-MM-DD date", "to");
  if (*from_day > *to_day) return Unprocessable("period_reversed", "from is after to", "from");
  if (*to_day - *from_day + 1 > kMaxSlaReportDays)
    return Unprocessable("report_period_too_long",
                         "a report covers at most " + std::to_string(kMaxSlaReportDays) + " days; ask for each year",
                         "to");
  const int64_t now = clock_->NowMillis();
  SRM_ASSIGN(cals, sla_detail::Calendars::Load(store_));
  domain::CalendarFor calendar_for = [&cals](const std::string& c, const std::string& a) { return cals.For(c, a); };
  // Local dates span UTC -14h..+14h: a row last updated more than a day before the period began
  // cannot hold an event that ended in it.
  sla_detail::SlaScope scope{sla.organization_id, sla.country_id,
                             calendar::FormatTimestamp(calendar::MillisOfDay(*from_day - 1))};
  const domain::SlaPeriod period{*from_day, *to_day, calendar::DayOfMillis(now), now};

  SlaReport r;
  r.from = from;
  r.to = to;
  r.generated_at = FormatTimestamp(now);
  for (const auto& t : sla.targets) {
    if (t.metric == domain::kSraDraftToPublicationDays) {
      SRM_ASSIGN(events, sla_detail::SraEvents(store_, scope, kMaxSlaEventsPerMetric));
      r.metrics.push_back(domain::MeasureSraPublication(t, events, calendar_for, period));
    } else if (t.metric == domain::kClearanceLegDecisionHours) {
      SRM_ASSIGN(events, sla_detail::ClearanceEvents(store_, scope, kMaxSlaEventsPerMetric));
      r.metrics.push_back(domain::MeasureClearanceDecisions(t, events, calendar_for, period));
    } else if (t.metric == domain::kMossItemsClosedOnTimePct) {
      SRM_ASSIGN(events, sla_detail::MossEvents(store_, scope, kMaxSlaEventsPerMetric));
      r.metrics.push_back(domain::MeasureMossOnTime(t, events, calendar_for, period));
    } else if (t.metric == domain::kFundRequestAnswerDays) {
      SRM_ASSIGN(events, sla_detail::FundEvents(store_, scope, kMaxSlaEventsPerMetric));
      r.metrics.push_back(domain::MeasureFundRequestAnswers(t, events, calendar_for, period));
    } else {
      // A metric this version does not measure cannot be stored (the rules refuse it); one stored
      // by a later version is reported without a figure rather than guessed.
      domain::SlaMetricReport none;
      none.target = t;
      none.comparison = "at_most";
      r.metrics.push_back(std::move(none));
    }
  }
  std::set<std::string> used;
  for (const auto& m : r.metrics)
    for (const auto& e : m.events) used.insert(e.calendar);
  for (const auto& c : cals.records)
    if (used.contains(c.country_id))
      r.calendars.push_back({c.country_id, c.time_zone, c.working_week, static_cast<int>(c.holidays.size())});
  r.sla = std::move(sla);
  return r;
}

}  // namespace srm::service
