// Service-level agreements (issue 15; SRM-METHOD.md section 8): what an agreement may say, and the
// measured value of each target computed from the system's own events. Pure: the service reads
// the events and the calendars, these functions only count.
//
// Metrics (each with its unit and which way a target points):
//   sra_draft_to_publication_days  days   at most  working days from an area SRA version's draft
//                                                  (created_at) to its publication; returns in
//                                                  between are part of the time (a version returned
//                                                  twice counts from its first draft).
//   clearance_leg_decision_hours   hours  at most  working hours from a leg's request (created_at)
//                                                  to the DSS security adviser's decision.
//   moss_items_closed_on_time_pct  pct    at least share of MOSS/RSM items due in the period that
//                                                  were closed (compliant or not applicable) on or
//                                                  before their due date, local time.
//   fund_request_answer_days       days   at most  a fund request's submission -> its decision
//                                                  (issue 16's emergency fund), in working days
// A days/hours metric's measured value is the mean over the events that ended in the period and
// the breaches still pending at its end: an SRA version not yet published, or a leg not yet
// decided, at the report's "as of" instant (the end of the period's last local day, or now if
// earlier) whose time so far already exceeds the target is a breach of the period, counted with
// the time so far (a lower bound: it can only grow). One still within its target is pending and
// not in the figure. A MOSS item due in the period and still open after its due date is late.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/records/decision_records.h"
#include "domain/working_time.h"

namespace srm::domain {

inline constexpr std::string_view kSraDraftToPublicationDays = "sra_draft_to_publication_days";
inline constexpr std::string_view kClearanceLegDecisionHours = "clearance_leg_decision_hours";
inline constexpr std::string_view kMossItemsClosedOnTimePct = "moss_items_closed_on_time_pct";
inline constexpr std::string_view kFundRequestAnswerDays = "fund_request_answer_days";

struct SlaMetricInfo {
  std::string_view metric, unit;
  bool at_most = true;        // met when measured <= threshold (else >=)
  int min_threshold = 0, max_threshold = 0;
  bool measurable = true;     // false: its events do not exist yet (the hook for issue 16's fund)
};
// nullptr for an unknown metric.
const SlaMetricInfo* FindSlaMetric(std::string_view metric);
const std::vector<SlaMetricInfo>& SlaMetrics();

// A service of the catalog as the agreement rule needs it.
struct CatalogServiceRef {
  std::string code;
  std::string provider;  // dss | agency | joint; "dss" services are collective
};

// What a request asks for. services nullopt: the collective services, added automatically.
struct SlaDraft {
  std::string organization_id, country_id, from, to;
  std::optional<std::vector<std::string>> services;
  std::vector<records::SlaTarget> targets;
};

// Agreement periods are at most this long (an agreement is renewed, not open-ended).
inline constexpr int kMaxSlaPeriodDays = 3 * 366;

// The agreement rules, in order; the first that fails is the answer (code, field):
//  1. organization_required          no organization named
//  2. period_invalid                 from/to not YYYY-MM-DD dates
//  3. period_reversed                from after to
//  4. period_too_long                longer than kMaxSlaPeriodDays
//  5. duplicate_service              a code listed twice
//  6. unknown_service                a code the catalog does not have
//  7. collective_service_not_optional  a listed set that leaves out a DSS (collective) service
//  8. targets_required               no target
//  9. unknown_metric                 a metric not in SlaMetrics()
// 10. metric_not_measurable          a metric whose events do not exist yet (none today: the fund's
//                                    requests exist since issue 16)
// 11. duplicate_metric               two targets for one metric
// 12. unit_mismatch                  a unit other than the metric's
// 13. threshold_out_of_range         outside the metric's [min, max]
// On success: the services the agreement covers (the listed ones, or the collective ones when
// none are listed), in catalog order.
Result<std::vector<std::string>> CheckSlaDraft(const SlaDraft& d, const std::vector<CatalogServiceRef>& catalog);

// ---- events ----

// An area SRA version that reached publication.
struct SraPublicationEvent {
  std::string sra_id, series_id, area_id, country_id;
  int version = 1;
  std::string drafted_at, published_at;  // RFC 3339 UTC
  int returns = 0;                       // times it was returned before publication
};

// A clearance leg decided by the DSS security adviser (approve or refuse).
struct ClearanceDecisionEvent {
  std::string leg_id, request_id, area_id, country_id, status;
  std::string requested_at, decided_at;  // RFC 3339 UTC
};

// A request to the emergency security fund and when its authority answered it (issue 16).
struct FundRequestEvent {
  std::string request_id, area_id, country_id, status, routed_to;
  std::string submitted_at, decided_at;  // RFC 3339 UTC; decided_at "" while it waits
};

// A MOSS/RSM compliance item and when it was closed ("" = still open).
struct MossItemEvent {
  std::string item_id, location_id, area_id, country_id, requirement;
  std::string due_date;    // YYYY-MM-DD
  std::string closed_at;   // RFC 3339 UTC, the first time it became compliant or not applicable
  std::string closed_status;
};

// The calendar an event is counted with: its area's zone within its country's week and holidays.
// nullptr when the country has none; the event is then counted in UTC, Monday to Friday, and the
// report says so (calendar "default").
using CalendarFor = std::function<const WorkingCalendar*(const std::string& country_id, const std::string& area_id)>;

// ---- the report ----

struct SlaEventLine {
  std::string kind;  // sra_version | clearance_leg | moss_item | fund_request
  std::string id;
  std::string country_id, area_id;
  std::string start_at, end_at;      // the two events the number is measured between; end_at ""
                                     // for a pending breach (measured up to the report's as-of)
  std::optional<double> value;       // days or hours; for MOSS items null
  bool within_target = false;        // this event alone meets the target (on time, for MOSS)
  std::string detail;                // returns=2, status=approved, due=2026-03-01, ...
  std::string calendar;              // the calendar used: country id, or "default"
  std::string month;                 // YYYY-MM of the end (due date for MOSS items), local
};

struct SlaMonthFigure {
  std::string month;  // YYYY-MM
  int count = 0;
  std::optional<double> measured;
};

struct SlaMetricReport {
  records::SlaTarget target;
  std::string comparison;            // at_most | at_least
  std::optional<double> measured;    // null: no event in the period
  std::optional<bool> met;           // null with measured
  int count = 0;                     // events behind the figure
  int pending = 0;                   // still open and within its target so far (not in the figure)
  int pending_breaches = 0;          // still open past their target: in the figure, as breaches
  std::vector<SlaEventLine> events;  // oldest first
  std::vector<SlaMonthFigure> months;
};

// The period a report covers: local dates [from, to] inclusive; `today` bounds MOSS items (an
// open item not yet due is pending, not late).
struct SlaPeriod {
  calendar::Day from = 0, to = 0, today = 0;
  // The instant the report is made (milliseconds since the epoch): what is still open is measured
  // up to the period's end or this instant, whichever is earlier. 0: the period's end.
  int64_t now_millis = 0;
};

SlaMetricReport MeasureSraPublication(const records::SlaTarget& t, const std::vector<SraPublicationEvent>& events,
                                      const CalendarFor& calendars, const SlaPeriod& p);
SlaMetricReport MeasureClearanceDecisions(const records::SlaTarget& t,
                                          const std::vector<ClearanceDecisionEvent>& events,
                                          const CalendarFor& calendars, const SlaPeriod& p);
// Working days from submission to the decision (approve or refuse), counted as SRA publication
// is; a request still waiting past its target counts as a breach measured up to the as-of instant.
SlaMetricReport MeasureFundRequestAnswers(const records::SlaTarget& t, const std::vector<FundRequestEvent>& events,
                                          const CalendarFor& calendars, const SlaPeriod& p);
SlaMetricReport MeasureMossOnTime(const records::SlaTarget& t, const std::vector<MossItemEvent>& items,
                                  const CalendarFor& calendars, const SlaPeriod& p);

// Rounds to two decimals (what the report shows).
double RoundHundredths(double v);

}  // namespace srm::domain
