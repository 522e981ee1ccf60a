// Service-level agreements between DSS and an organization (issue 15, SRM-METHOD.md section 8):
// created by the DSS desk or an administrator, covering every collective (DSS) service of the
// catalog, with targets the system measures from its own events (domain/sla.h) in each country's
// working time (domain/working_time.h, country calendars of migration 0015).
//
// Who reads what:
//   - administrators, auditors and the DSS desk (the provider) read every agreement;
//   - the organization's own HQ security office, finance officers and SMT members read its
//     agreements and their reports;
//   - anybody else: another organization's agreement is not found (404), like other records;
//     their own organization's without one of those roles is 403.
// Every write is one transaction with its audit entry.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "domain/records/decision_records.h"
#include "domain/sla.h"
#include "service/principal.h"
#include "store/store.h"

namespace srm::service {

struct SlaInput {
  std::string organization_id, country_id, title, from, to;
  std::optional<std::vector<std::string>> services;  // absent: the collective services
  std::vector<domain::records::SlaTarget> targets;
};

struct SlaCalendarNote {
  std::string country_id, time_zone, working_week;
  int holidays = 0;
};

struct SlaReport {
  domain::records::ServiceLevelAgreement sla;
  std::string from, to, generated_at;
  std::vector<domain::SlaMetricReport> metrics;
  std::vector<SlaCalendarNote> calendars;  // the calendars the events were counted in
};

// A country's working-time calendar as read and written (GET/PUT /api/v1/countries/{id}/calendar).
struct CountryCalendarInput {
  std::string time_zone, working_week;
  std::vector<domain::records::CountryHoliday> holidays;
  std::vector<domain::records::AreaTimeZone> area_zones;
  std::optional<int64_t> revision;  // the revision read (a stale one is refused)
};
struct CountryCalendarRead {
  domain::records::CountryCalendar calendar;
  bool stored = true;  // false: none kept yet; the calendar shown is the default (UTC, Monday-Friday)
};

// Report periods: at most this many days (a year and a day: any calendar year fits).
inline constexpr int kMaxSlaReportDays = 366;
// Events read per metric for one report; beyond it the report is refused (narrow the period).
inline constexpr int kMaxSlaEventsPerMetric = 5000;

class SlaService {
 public:
  SlaService(store::Store* store, const Clock* clock, IdGen* ids);

  Result<domain::records::ServiceLevelAgreement> Create(const Principal& p, const SlaInput& in);
  Result<store::Page<domain::records::ServiceLevelAgreement>> List(const Principal& p,
                                                                   const std::string& organization_id,
                                                                   const store::PageRequest& page,
                                                                   store::ListNarrowing narrow = {});
  Result<domain::records::ServiceLevelAgreement> Get(const Principal& p, const std::string& id);
  // from/to: YYYY-MM-DD, inclusive, local dates of each event's country.
  Result<SlaReport> Report(const Principal& p, const std::string& id, const std::string& from,
                           const std::string& to);

  // Country calendars (service/money/country_calendars.cpp): read by every signed-in user (they
  // explain the figures); kept by an administrator or the DSS desk (an unscoped desk grant, or one
  // for that country). Every write audited.
  Result<CountryCalendarRead> GetCalendar(const Principal& p, const std::string& country_id);
  Result<domain::records::CountryCalendar> PutCalendar(const Principal& p, const std::string& country_id,
                                                       const CountryCalendarInput& in);

 private:
  bool ReadsAll(const Principal& p) const;
  bool ReadsOwn(const Principal& p, const std::string& organization_id) const;
  Result<std::vector<domain::CatalogServiceRef>> Catalog();

  store::Store* store_;
  const Clock* clock_;
  IdGen* ids_;
};

}  // namespace srm::service
