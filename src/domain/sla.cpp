#include "domain/sla.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace srm::domain {

namespace {

std::string MonthOf(calendar::Day d) { return calendar::FormatIsoDate(d).substr(0, 7); }

// Counts in UTC, Monday to Friday, for a country without a calendar.
const WorkingCalendar& DefaultCalendar() {
  static const WorkingCalendar c = *WorkingCalendar::Make("UTC", *ParseWorkingWeek("mon,tue,wed,thu,fri"), {});
  return c;
}

struct Resolved {
  const WorkingCalendar* cal;
  std::string name;
};
Resolved Resolve(const CalendarFor& calendars, const std::string& country_id, const std::string& area_id) {
  const WorkingCalendar* c = calendars ? calendars(country_id, area_id) : nullptr;
  if (c != nullptr) return {c, country_id};
  return {&DefaultCalendar(), "default"};
}

SlaMetricReport Start(const records::SlaTarget& t) {
  SlaMetricReport r;
  r.target = t;
  const SlaMetricInfo* info = FindSlaMetric(t.metric);
  r.comparison = info == nullptr || info->at_most ? "at_most" : "at_least";
  return r;
}

// The instant open events are measured up to: the end of the period's last local day, or the
// report's own instant if earlier (nothing is known past now).
int64_t AsOf(const WorkingCalendar& cal, const SlaPeriod& p) {
  const int64_t end = cal.DayStartMillis(p.to + 1);
  return p.now_millis > 0 ? std::min(end, p.now_millis) : end;
}

bool Meets(const SlaMetricReport& r, double v) {
  return r.comparison == "at_most" ? v <= r.target.threshold : v >= r.target.threshold;
}

// An item not finished at the report's as-of instant that has waited `waited` so far (working days
// or hours): pending while that still meets the target, else a breach of the period, listed with
// what it has waited, in the month of the period's last local day.
void CountUnfinished(SlaMetricReport* r, const WorkingCalendar& cal, int64_t as_of, double waited, SlaEventLine line) {
  if (Meets(*r, waited)) {
    ++r->pending;
    return;
  }
  ++r->pending_breaches;
  line.value = waited;
  line.within_target = false;
  line.month = MonthOf(cal.LocalDay(as_of - 1));
  r->events.push_back(std::move(line));
}

// Mean of the event values, overall and by month; met against the threshold.
void FinishMean(SlaMetricReport* r) {
  std::sort(r->events.begin(), r->events.end(),
            [](const SlaEventLine& a, const SlaEventLine& b) {
              // Ended events oldest first, then the breaches still pending (no end yet).
              return std::tuple(a.end_at.empty(), a.end_at, a.id) < std::tuple(b.end_at.empty(), b.end_at, b.id);
            });
  std::map<std::string, std::pair<int, double>> by_month;
  double sum = 0;
  for (const auto& e : r->events) {
    sum += *e.value;
    auto& m = by_month[e.month];
    m.first += 1;
    m.second += *e.value;
  }
  r->count = static_cast<int>(r->events.size());
  if (r->count > 0) {
    r->measured = RoundHundredths(sum / r->count);
    r->met = Meets(*r, *r->measured);
  }
  for (const auto& [month, m] : by_month) r->months.push_back({month, m.first, RoundHundredths(m.second / m.first)});
}

}  // namespace

double RoundHundredths(double v) { return std::round(v * 100.0) / 100.0; }

const std::vector<SlaMetricInfo>& SlaMetrics() {
  static const std::vector<SlaMetricInfo> metrics = {
      {kSraDraftToPublicationDays, "days", true, 1, 365, true},
      {kClearanceLegDecisionHours, "hours", true, 1, 2000, true},
      {kMossItemsClosedOnTimePct, "pct", false, 1, 100, true},
      // Issue 16: the emergency fund's requests, submission -> decision, in working days.
      {kFundRequestAnswerDays, "days", true, 1, 365, true},
  };
  return metrics;
}

const SlaMetricInfo* FindSlaMetric(std::string_view metric) {
  for (const auto& m : SlaMetrics())
    if (m.metric == metric) return &m;
  return nullptr;
}

Result<std::vector<std::string>> CheckSlaDraft(const SlaDraft& d, const std::vector<CatalogServiceRef>& catalog) {
  // 1
  if (d.organization_id.empty())
    return Unprocessable("organization_required", "an agreement names the organization receiving the services",
                         "organization_id");
  // 2-4
  auto from = calendar::ParseIsoDate(d.from);
  auto to = calendar::ParseIsoDate(d.to);
  if (!from) return Unprocessable("period_invalid", "from is a YYYY-MM-DD date", "from");
  if (!to) return Unprocessable("period_invalid", "to is a YYYY-MM-DD date", "to");
  if (*from > *to) return Unprocessable("period_reversed", "from is after to", "from");
  if (*to - *from + 1 > kMaxSlaPeriodDays)
    return Unprocessable("period_too_long", "an agreement covers at most three years; renew it after", "to");
  // 5-7
  std::vector<std::string> covered;
  if (d.services) {
    std::set<std::string> seen;
    for (const auto& code : *d.services) {
      if (!seen.insert(code).second)
        return Unprocessable("duplicate_service", "service " + code + " is listed twice", "services");
      const bool known = std::any_of(catalog.begin(), catalog.end(), [&](const auto& s) { return s.code == code; });
      if (!known) return Unprocessable("unknown_service", "service " + code + " is not in the catalog", "services");
    }
    for (const auto& s : catalog)
      if (s.provider == "dss" && !seen.contains(s.code))
        return Unprocessable("collective_service_not_optional",
                             "service " + s.code +
                                 " is a collective DSS service: every agreement covers it, nobody opts out",
                             "services");
    for (const auto& s : catalog)
      if (seen.contains(s.code)) covered.push_back(s.code);
  } else {
    for (const auto& s : catalog)
      if (s.provider == "dss") covered.push_back(s.code);
  }
  // 8-13
  if (d.targets.empty()) return Unprocessable("targets_required", "an agreement has at least one target", "targets");
  std::set<std::string> metrics;
  for (size_t i = 0; i < d.targets.size(); ++i) {
    const auto& t = d.targets[i];
    const std::string field = "targets[" + std::to_string(i) + "]";
    const SlaMetricInfo* info = FindSlaMetric(t.metric);
    if (info == nullptr) return Unprocessable("unknown_metric", "no metric " + t.metric, field + ".metric");
    if (!info->measurable)
      return Unprocessable("metric_not_measurable",
                           t.metric + " is measured from the emergency fund's requests, which do not exist yet",
                           field + ".metric");
    if (!metrics.insert(t.metric).second)
      return Unprocessable("duplicate_metric", "one target per metric", field + ".metric");
    if (t.unit != info->unit)
      return Unprocessable("unit_mismatch", t.metric + " is counted in " + std::string(info->unit), field + ".unit");
    if (t.threshold < info->min_threshold || t.threshold > info->max_threshold)
      return Unprocessable("threshold_out_of_range",
                           t.metric + " takes a threshold from " + std::to_string(info->min_threshold) + " to " +
                               std::to_string(info->max_threshold),
                           field + ".threshold");
  }
  return covered;
}

SlaMetricReport MeasureSraPublication(const records::SlaTarget& t, const std::vector<SraPublicationEvent>& events,
                                      const CalendarFor& calendars, const SlaPeriod& p) {
  SlaMetricReport r = Start(t);
  for (const auto& e : events) {
    auto start = calendar::ParseTimestamp(e.drafted_at);
    if (!start) continue;  // a malformed stamp: no event to count
    auto end = calendar::ParseTimestamp(e.published_at);
    auto [cal, name] = Resolve(calendars, e.country_id, e.area_id);
    const int64_t as_of = AsOf(*cal, p);
    if (!end || *end >= as_of) {  // not published by the report's as-of instant
      if (*start >= as_of) continue;  // drafted after it
      // The working dates begun by the as-of instant's last millisecond: the period's own days
      // (as_of itself is the first instant of the day after).
      CountUnfinished(&r, *cal, as_of, cal->WorkingDays(*start, as_of - 1),
                      {"sra_version", e.sra_id, e.country_id, e.area_id, e.drafted_at, "", {}, false,
                       "version=" + std::to_string(e.version) + ";returns=" + std::to_string(e.returns) +
                           ";pending=unpublished",
                       name, ""});
      continue;
    }
    const calendar::Day day = cal->LocalDay(*end);
    if (day < p.from || day > p.to) continue;
    SlaEventLine line{"sra_version", e.sra_id, e.country_id, e.area_id, e.drafted_at, e.published_at,
                      static_cast<double>(cal->WorkingDays(*start, *end)), false,
                      "version=" + std::to_string(e.version) + ";returns=" + std::to_string(e.returns), name,
                      MonthOf(day)};
    line.within_target = Meets(r, *line.value);
    r.events.push_back(std::move(line));
  }
  FinishMean(&r);
  return r;
}

SlaMetricReport MeasureFundRequestAnswers(const records::SlaTarget& t, const std::vector<FundRequestEvent>& events,
                                          const CalendarFor& calendars, const SlaPeriod& p) {
  SlaMetricReport r = Start(t);
  for (const auto& e : events) {
    auto start = calendar::ParseTimestamp(e.submitted_at);
    if (!start) continue;  // a malformed stamp: no event to count
    auto end = calendar::ParseTimestamp(e.decided_at);
    auto [cal, name] = Resolve(calendars, e.country_id, e.area_id);
    const int64_t as_of = AsOf(*cal, p);
    if (!end || *end >= as_of) {  // not answered by the report's as-of instant
      if (*start >= as_of) continue;  // submitted after it
      CountUnfinished(&r, *cal, as_of, cal->WorkingDays(*start, as_of - 1),
                      {"fund_request", e.request_id, e.country_id, e.area_id, e.submitted_at, "", {}, false,
                       "routed_to=" + e.routed_to + ";pending=undecided", name, ""});
      continue;
    }
    const calendar::Day day = cal->LocalDay(*end);
    if (day < p.from || day > p.to) continue;
    SlaEventLine line{"fund_request", e.request_id, e.country_id, e.area_id, e.submitted_at, e.decided_at,
                      static_cast<double>(cal->WorkingDays(*start, *end)), false,
                      "routed_to=" + e.routed_to + ";status=" + e.status, name, MonthOf(day)};
    line.within_target = Meets(r, *line.value);
    r.events.push_back(std::move(line));
  }
  FinishMean(&r);
  return r;
}

SlaMetricReport MeasureClearanceDecisions(const records::SlaTarget& t,
                                          const std::vector<ClearanceDecisionEvent>& events,
                                          const CalendarFor& calendars, const SlaPeriod& p) {
  SlaMetricReport r = Start(t);
  for (const auto& e : events) {
    auto start = calendar::ParseTimestamp(e.requested_at);
    auto [cal, name] = Resolve(calendars, e.country_id, e.area_id);
    auto end = calendar::ParseTimestamp(e.decided_at);
    if (!start) continue;
    const int64_t as_of = AsOf(*cal, p);
    if (!end || *end >= as_of) {  // not decided by the report's as-of instant
      if (*start >= as_of) continue;  // requested after it
      CountUnfinished(&r, *cal, as_of, RoundHundredths(cal->WorkingHours(*start, as_of)),
                      {"clearance_leg", e.leg_id, e.country_id, e.area_id, e.requested_at, "", {}, false,
                       "request=" + e.request_id + ";status=" + e.status + ";pending=undecided", name, ""});
      continue;
    }
    const calendar::Day day = cal->LocalDay(*end);
    if (day < p.from || day > p.to) continue;
    SlaEventLine line{"clearance_leg", e.leg_id, e.country_id, e.area_id, e.requested_at, e.decided_at,
                      RoundHundredths(cal->WorkingHours(*start, *end)), false,
                      "request=" + e.request_id + ";status=" + e.status, name, MonthOf(day)};
    line.within_target = Meets(r, *line.value);
    r.events.push_back(std::move(line));
  }
  FinishMean(&r);
  return r;
}

SlaMetricReport MeasureMossOnTime(const records::SlaTarget& t, const std::vector<MossItemEvent>& items,
                                  const CalendarFor& calendars, const SlaPeriod& p) {
  SlaMetricReport r = Start(t);
  std::map<std::string, std::pair<int, int>> by_month;  // month -> (due, on time)
  int on_time = 0;
  for (const auto& e : items) {
    auto due = calendar::ParseIsoDate(e.due_date);
    if (!due || *due < p.from || *due > p.to) continue;
    auto [cal, name] = Resolve(calendars, e.country_id, e.area_id);
    auto closed = calendar::ParseTimestamp(e.closed_at);
    // Closed on or before the due date (local): on time. Closed later, or open after the due
    // date: late. Open and not yet past due: pending, not in the figure.
    bool ok = false;
    if (closed) {
      ok = cal->LocalDay(*closed) <= *due;
    } else if (*due >= p.today) {
      ++r.pending;
      continue;
    } else {
      ++r.pending_breaches;  // open past its due date: late, whenever it closes
    }
    SlaEventLine line{"moss_item", e.item_id, e.country_id, e.area_id,
                      calendar::FormatIsoDate(*due), e.closed_at, std::nullopt, ok,
                      "due=" + e.due_date + ";closed=" + (closed ? e.closed_status : std::string("open")) +
                          ";location=" + e.location_id,
                      name, MonthOf(*due)};
    // Sorted by due date: start_at carries it.
    r.events.push_back(std::move(line));
    auto& m = by_month[MonthOf(*due)];
    m.first += 1;
    m.second += ok ? 1 : 0;
    on_time += ok ? 1 : 0;
  }
  std::sort(r.events.begin(), r.events.end(),
            [](const SlaEventLine& a, const SlaEventLine& b) { return std::tie(a.start_at, a.id) < std::tie(b.start_at, b.id); });
  r.count = static_cast<int>(r.events.size());
  if (r.count > 0) {
    r.measured = RoundHundredths(100.0 * on_time / r.count);
    r.met = Meets(r, *r.measured);
  }
  for (const auto& [month, m] : by_month) r.months.push_back({month, m.first, RoundHundredths(100.0 * m.second / m.first)});
  return r;
}

}  // namespace srm::domain
