// The events a service-level report is measured from, read from the system's own records: area
// SRA versions (draft -> publication), clearance legs (request -> the DSS security adviser's
// decision), MOSS/RSM compliance items (due date -> closed), and the country calendars to count
// them in. Internal to SlaService (service/money/slas.cpp).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/sla.h"
#include "store/store.h"

namespace srm::service::sla_detail {

// Where an agreement applies: the organization, and the country ("" = every country).
struct SlaScope {
  std::string organization_id, country_id;
  // UTC instants bounding the events that may end in the period (the local period widened by a
  // day each side for time zones); rows last updated before `updated_from` cannot have ended in it.
  std::string updated_from;
};

// The country calendars, built once per report.
class Calendars {
 public:
  static Result<Calendars> Load(store::Store* st);
  const domain::WorkingCalendar* For(const std::string& country_id, const std::string& area_id) const;
  std::vector<domain::records::CountryCalendar> records;

 private:
  std::map<std::string, std::shared_ptr<const domain::WorkingCalendar>> by_country_, by_area_;
};

// Each refuses with 422 "report_too_many_events" beyond `cap` rows read.
Result<std::vector<domain::SraPublicationEvent>> SraEvents(store::Store* st, const SlaScope& s, int cap);
Result<std::vector<domain::ClearanceDecisionEvent>> ClearanceEvents(store::Store* st, const SlaScope& s, int cap);
Result<std::vector<domain::MossItemEvent>> MossEvents(store::Store* st, const SlaScope& s, int cap);
// The organization's requests to the emergency fund (issue 16): decided ones and those waiting.
Result<std::vector<domain::FundRequestEvent>> FundEvents(store::Store* st, const SlaScope& s, int cap);

}  // namespace srm::service::sla_detail
