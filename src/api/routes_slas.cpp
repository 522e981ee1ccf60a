// Routes of the service-level agreements (issue 15, SRM-METHOD.md section 8): the agreements
// between DSS and an organization, and their reports measured from the system's own events. Who
// sees what: service/money/slas.h.
#include <nlohmann/json.hpp>

#include "api/list_query.h"
#include "api/list_export.h"
#include "api/routes.h"
#include "api/table_export.h"
#include "core/strict_json.h"
#include "domain/country_calendar_rules.h"
#include "service/money/slas.h"

namespace srm::api {

namespace {

using domain::records::ServiceLevelAgreement;

constexpr size_t kMaxServices = 200;
constexpr size_t kMaxTargets = 10;

Result<service::SlaService*> Slas(const ApiDeps* d) {
  if (!d->slas) return Unavailable("the service-level service is not configured");
  return d->slas;
}

json Nullable(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json SlaJson(const ServiceLevelAgreement& s) {
  json targets = json::array();
  for (const auto& t : s.targets) targets.push_back({{"metric", t.metric}, {"threshold", t.threshold}, {"unit", t.unit}});
  return {{"id", s.id},
          {"organization_id", s.organization_id},
          {"country_id", Nullable(s.country_id)},
          {"title", s.title},
          {"from", s.from},
          {"to", s.to},
          {"services", s.services},
          {"targets", std::move(targets)},
          {"created_by", {{"id", s.created_by.id}, {"username", s.created_by.username}}},
          {"created_at", s.created_at},
          {"updated_at", s.updated_at},
          {"revision", s.revision}};
}

json Optional(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json MetricJson(const domain::SlaMetricReport& m) {
  json events = json::array(), months = json::array();
  for (const auto& e : m.events)
    events.push_back({{"kind", e.kind},
                      {"id", e.id},
                      {"country_id", Nullable(e.country_id)},
                      {"area_id", Nullable(e.area_id)},
                      {"start_at", e.start_at},
                      {"end_at", Nullable(e.end_at)},
                      {"value", Optional(e.value)},
                      {"within_target", e.within_target},
                      {"detail", e.detail},
                      {"calendar", e.calendar},
                      {"month", e.month}});
  for (const auto& mo : m.months)
    months.push_back({{"month", mo.month}, {"count", mo.count}, {"measured", Optional(mo.measured)}});
  return {{"metric", m.target.metric},
          {"unit", m.target.unit},
          {"threshold", m.target.threshold},
          {"comparison", m.comparison},
          {"measured", Optional(m.measured)},
          {"met", m.met ? json(*m.met) : json(nullptr)},
          {"count", m.count},
          {"pending", m.pending},
          {"pending_breaches", m.pending_breaches},
          {"months", std::move(months)},
          {"events", std::move(events)}};
}

json ReportJson(const service::SlaReport& r) {
  json metrics = json::array(), calendars = json::array();
  for (const auto& m : r.metrics) metrics.push_back(MetricJson(m));
  for (const auto& c : r.calendars)
    calendars.push_back({{"country_id", c.country_id},
                         {"time_zone", c.time_zone},
                         {"working_week", c.working_week},
                         {"holidays", c.holidays}});
  return {{"sla", SlaJson(r.sla)},
          {"from", r.from},
          {"to", r.to},
          {"generated_at", r.generated_at},
          {"metrics", std::move(metrics)},
          {"calendars", std::move(calendars)}};
}

// POST /slas: {organization_id, country_id?, title, from, to, services?, targets: [{metric, threshold, unit}]}.
// Dates are read as text: the agreement rules (domain/sla.h) say what is wrong with them.
Result<service::SlaInput> SlaInputFrom(const json& body) {
  SRM_TRY(strict_json::Object(body));
  SRM_TRY(strict_json::OnlyFields(body, {"organization_id", "country_id", "title", "from", "to", "services", "targets"}));
  service::SlaInput in;
  SRM_ASSIGN(org, strict_json::Text(body, "organization_id", true, 64));
  SRM_ASSIGN(country, strict_json::Text(body, "country_id", false, 64));
  SRM_ASSIGN(title, strict_json::Text(body, "title", true, 200));
  SRM_ASSIGN(from, strict_json::Text(body, "from", true, 10));
  SRM_ASSIGN(to, strict_json::Text(body, "to", true, 10));
  in.organization_id = std::move(org);
  in.country_id = std::move(country);
  in.title = std::move(title);
  in.from = std::move(from);
  in.to = std::move(to);
  if (body.contains("services") && !body["services"].is_null()) {
    SRM_TRY(strict_json::Array(body["services"], "services", kMaxServices));
    std::vector<std::string> codes;
    for (size_t i = 0; i < body["services"].size(); ++i) {
      const json& v = body["services"][i];
      const std::string field = "services[" + std::to_string(i) + "]";
      if (!v.is_string()) return Invalid("invalid_type", field + " must be a service code", field);
      const auto& code = v.get_ref<const std::string&>();
      if (code.empty() || code.size() > 64) return Invalid("invalid_value", field + " must be a service code", field);
      SRM_TRY(strict_json::PlainText(code, field));
      codes.push_back(code);
    }
    in.services = std::move(codes);
  }
  if (!body.contains("targets")) return Invalid("required", "targets is required", "targets");
  SRM_TRY(strict_json::Array(body["targets"], "targets", kMaxTargets));
  for (size_t i = 0; i < body["targets"].size(); ++i) {
    const json& t = body["targets"][i];
    const std::string prefix = strict_json::ItemPrefix("targets", i);
    SRM_TRY(strict_json::Object(t, prefix));
    SRM_TRY(strict_json::OnlyFields(t, {"metric", "threshold", "unit"}, prefix));
    domain::records::SlaTarget target;
    SRM_ASSIGN(metric, strict_json::Text(t, "metric", true, 64, prefix));
    SRM_ASSIGN(unit, strict_json::Text(t, "unit", true, 16, prefix));
    SRM_ASSIGN(threshold, strict_json::OptionalInt(t, "threshold", "threshold must be an integer", prefix));
    if (!threshold) return Invalid("required", "threshold is required", prefix + "threshold");
    // The rules check the metric's own range; this only keeps the number an int.
    if (*threshold < -1'000'000 || *threshold > 1'000'000)
      return Unprocessable("threshold_out_of_range", "threshold is out of range", prefix + "threshold");
    target.metric = std::move(metric);
    target.unit = std::move(unit);
    target.threshold = static_cast<int>(*threshold);
    in.targets.push_back(std::move(target));
  }
  return in;
}

json CalendarJson(const service::CountryCalendarRead& r) {
  const auto& c = r.calendar;
  json holidays = json::array(), zones = json::array();
  for (const auto& h : c.holidays) holidays.push_back({{"date", h.date}, {"name", h.name}});
  for (const auto& z : c.area_zones) zones.push_back({{"area_id", z.area_id}, {"time_zone", z.time_zone}});
  return {{"country_id", c.country_id},
          {"stored", r.stored},
          {"time_zone", c.time_zone},
          {"working_week", c.working_week},
          {"holidays", std::move(holidays)},
          {"area_zones", std::move(zones)},
          {"updated_at", r.stored ? json(c.updated_at) : json(nullptr)},
          {"revision", r.stored ? c.revision : 0}};
}

// PUT /countries/{id}/calendar: {time_zone, working_week, holidays: [{date, name}], area_zones?: [{area_id, time_zone}], revision?}.
// Dates and zones are read as text: the calendar rules (domain/country_calendar_rules.h) say what is wrong.
Result<service::CountryCalendarInput> CalendarInputFrom(const json& body) {
  SRM_TRY(strict_json::Object(body));
  SRM_TRY(strict_json::OnlyFields(body, {"time_zone", "working_week", "holidays", "area_zones", "revision"}));
  service::CountryCalendarInput in;
  SRM_ASSIGN(zone, strict_json::Text(body, "time_zone", true, 64));
  SRM_ASSIGN(week, strict_json::Text(body, "working_week", true, 64));
  SRM_ASSIGN(revision, strict_json::OptionalInt(body, "revision", "revision must be an integer"));
  in.time_zone = std::move(zone);
  in.working_week = std::move(week);
  in.revision = revision;
  if (!body.contains("holidays")) return Invalid("required", "holidays is required (may be empty)", "holidays");
  SRM_TRY(strict_json::Array(body["holidays"], "holidays", domain::kMaxCountryHolidays));
  for (size_t i = 0; i < body["holidays"].size(); ++i) {
    const json& h = body["holidays"][i];
    const std::string prefix = strict_json::ItemPrefix("holidays", i);
    SRM_TRY(strict_json::Object(h, prefix));
    SRM_TRY(strict_json::OnlyFields(h, {"date", "name"}, prefix));
    SRM_ASSIGN(date, strict_json::Text(h, "date", true, 10, prefix));
    SRM_ASSIGN(name, strict_json::Text(h, "name", false, 200, prefix));
    in.holidays.push_back({std::move(date), std::move(name)});
  }
  if (body.contains("area_zones") && !body["area_zones"].is_null()) {
    SRM_TRY(strict_json::Array(body["area_zones"], "area_zones", domain::kMaxAreaZones));
    for (size_t i = 0; i < body["area_zones"].size(); ++i) {
      const json& z = body["area_zones"][i];
      const std::string prefix = strict_json::ItemPrefix("area_zones", i);
      SRM_TRY(strict_json::Object(z, prefix));
      SRM_TRY(strict_json::OnlyFields(z, {"area_id", "time_zone"}, prefix));
      SRM_ASSIGN(area, strict_json::Text(z, "area_id", true, 64, prefix));
      SRM_ASSIGN(tz, strict_json::Text(z, "time_zone", true, 64, prefix));
      in.area_zones.push_back({std::move(area), std::move(tz)});
    }
  }
  return in;
}

Result<json> ReportOf(const ApiDeps* d, Ctx& c) {
  SRM_ASSIGN(svc, Slas(d));
  const std::string from = c.Query("from"), to = c.Query("to");
  if (from.empty()) return Invalid("required", "from is required (YYYY-MM-DD)", "from");
  if (to.empty()) return Invalid("required", "to is required (YYYY-MM-DD)", "to");
  SRM_ASSIGN(r, svc->Report(c.principal, c.Param(1), from, to));
  return ReportJson(r);
}

}  // namespace

void AddSlaRoutes(std::vector<Route>* t, const ApiDeps* d) {
  auto add = [t](std::string m, std::string path, Handler h) {
    t->push_back({std::move(m), std::move(path), Auth::kRequired, std::move(h)});
  };
  // ?format=csv|xlsx: the whole filtered list as a file (api/list_export.h).
  add("GET", "/api/v1/slas", ExportableList(d, "slas", [d](Ctx& c, const store::PageRequest& page) -> Result<json> {
        SRM_ASSIGN(svc, Slas(d));
        const std::string org = c.Query("organization_id");
        if (org.size() > 64) return Invalid("invalid_value", "organization_id is too long", "organization_id");
        // Search (title, organization name) and sort (api/list_query.h).
        SRM_ASSIGN(narrow, ListQueryFrom(c, {{"organization_id"}, {"updated", "title", "from"}}));
        SRM_ASSIGN(rows, svc->List(c.principal, org, page, std::move(narrow)));
        return PageJson(rows, SlaJson);
      }));
  add("POST", "/api/v1/slas", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Slas(d));
    SRM_ASSIGN(in, SlaInputFrom(c.body));
    SRM_ASSIGN(s, svc->Create(c.principal, in));
    return JsonReply(SlaJson(s), 201);
  });
  add("GET", "/api/v1/slas/{id}", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Slas(d));
    SRM_ASSIGN(s, svc->Get(c.principal, c.Param(1)));
    return JsonReply(SlaJson(s));
  });
  // ?format=csv|xlsx: one row per event behind each figure, with its metric's figures (a metric
  // with no event: one row of figures alone).
  add("GET", "/api/v1/slas/{id}/report",
      WithTableExport(
          d, "sla_report",
          [d](Ctx& c) -> Result<Reply> {
            SRM_ASSIGN(j, ReportOf(d, c));
            return JsonReply(j);
          },
          [d](Ctx& c) -> Result<json> {
            SRM_ASSIGN(j, ReportOf(d, c));
            json rows = json::array();
            for (const json& m : j["metrics"]) {
              json figures = m;
              figures.erase("events");
              figures.erase("months");
              if (m["events"].empty()) rows.push_back(figures);
              for (const json& e : m["events"]) {
                json row = figures;
                row["event"] = e;
                rows.push_back(std::move(row));
              }
            }
            return rows;
          }));
  // A country's working time, which every report counts in (domain/working_time.h).
  add("GET", "/api/v1/countries/{id}/calendar", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Slas(d));
    SRM_ASSIGN(r, svc->GetCalendar(c.principal, c.Param(1)));
    return JsonReply(CalendarJson(r));
  });
  add("PUT", "/api/v1/countries/{id}/calendar", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Slas(d));
    SRM_ASSIGN(in, CalendarInputFrom(c.body));
    SRM_ASSIGN(saved, svc->PutCalendar(c.principal, c.Param(1), in));
    return JsonReply(CalendarJson({std::move(saved), true}));
  });
}

}  // namespace srm::api
