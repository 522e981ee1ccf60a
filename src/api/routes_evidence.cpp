// Routes of the evidence engine: incident import (upload, then a job to poll), indicators and
// incidents of an area, and review proposals. Roles and scope are checked by the service.
#include <filesystem>

#include "api/evidence_body_json.h"
#include "api/list_export.h"
#include "api/routes.h"
#include "core/calendar.h"
#include "evidence/formats.h"
#include "service/evidence.h"

namespace srm::api {
namespace {

Result<service::EvidenceService*> Evidence(const ApiDeps* d) {
  if (d->evidence == nullptr)
    return Unavailable("incident evidence is not available with this database backend yet");
  return d->evidence;
}

Result<int32_t> DayParam(const Ctx& c, const char* name, int32_t fallback) {
  const std::string v = c.Query(name);
  if (v.empty()) return fallback;
  const auto day = calendar::ParseIsoDate(v);
  if (!day) return Invalid("invalid_value", std::string(name) + " must be a date YYYY-MM-DD", name);
  return *day;
}

json RefusalJson(const store::StoredRefusal& r) {
  return {{"line", r.row.line}, {"field", r.row.field.empty() ? json(nullptr) : json(r.row.field)},
          {"reason", r.row.reason}, {"excerpt", r.row.excerpt}};
}

}  // namespace

void AddEvidenceRoutes(std::vector<Route>* t, const ApiDeps* d) {
  auto add = [t](std::string m, std::string path, Auth a, Handler h) {
    t->push_back({std::move(m), std::move(path), a, std::move(h)});
  };
  // The file is the body (Content-Type text/csv), or a JSON object {csv, file_name, mapping, areas}
  // when a custom column mapping comes with it. Returns 202 with the job to poll.
  add("POST", "/api/v1/incidents/import", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(ev, Evidence(d));
    service::ImportRequest r;
    r.areas = c.Query("areas").empty() ? "all" : c.Query("areas");
    r.file_name = c.Query("file_name").empty() ? "upload.csv" : c.Query("file_name");
    const std::string mapping_name = c.Query("mapping");
    if (!mapping_name.empty()) {
      std::string_view text = evidence::ShippedMapping(mapping_name);
      if (text.empty()) return Invalid("unknown_mapping", "no column mapping named '" + mapping_name + "'", "mapping");
      r.mapping_json = std::string(text);
    }
    std::string csv;
    if (c.body.is_object() && !c.body.empty()) {
      SRM_ASSIGN(in, ImportBodyFrom(c.body));
      csv = std::move(in.csv);
      if (in.file_name) r.file_name = std::move(*in.file_name);
      if (in.areas) r.areas = std::move(*in.areas);
      if (in.mapping_json) r.mapping_json = std::move(*in.mapping_json);
    } else if (!c.req.body_file.empty()) {
      // The file was streamed to disk as it arrived (api/http/http_server.h): the job takes it over.
      std::error_code ec;
      if (std::filesystem::file_size(c.req.body_file, ec) == 0 || ec)
        return Invalid("required", "the request carries no file (send it as text/csv)", "file");
      SRM_ASSIGN(job, ev->StartUploadedFileImport(c.principal, r, c.req.body_file));
      Reply rep = JsonReply(service::ImportJobJson(job), 202);
      rep.headers.push_back({"Location", "/api/v1/imports/" + job.id});
      return rep;
    } else {
      csv = c.req.body;
    }
    if (csv.empty()) return Invalid("required", "the request carries no file (send it as text/csv)", "file");
    // The service keeps the upload in its private directory (0600) until the job ends.
    SRM_ASSIGN(job, ev->StartUploadedImport(c.principal, r, csv));
    Reply rep = JsonReply(service::ImportJobJson(job), 202);
    rep.headers.push_back({"Location", "/api/v1/imports/" + job.id});
    return rep;
  });
  t->back().upload = true;  // the file itself as text/csv, or the JSON form above
  add("GET", "/api/v1/imports/{id}", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(ev, Evidence(d));
    SRM_ASSIGN(job, ev->GetImport(c.principal, c.Param(1)));
    return JsonReply(service::ImportJobJson(job));
  });
  add("GET", "/api/v1/imports/{id}/refused", Auth::kRequired,
      [d](Ctx& c) -> Result<Reply> {
        SRM_ASSIGN(ev, Evidence(d));
        SRM_ASSIGN(page, PageFrom(c));
        SRM_ASSIGN(rows, ev->Refused(c.principal, c.Param(1), page));
        return JsonReply(PageJson(rows, RefusalJson));
      });
  add("GET", "/api/v1/imports/{id}/unplaced", Auth::kRequired,
      [d](Ctx& c) -> Result<Reply> {
        SRM_ASSIGN(ev, Evidence(d));
        SRM_ASSIGN(page, PageFrom(c));
        SRM_ASSIGN(rows, ev->Unplaced(c.principal, c.Param(1), page));
        return JsonReply(PageJson(rows, service::IncidentJson));
      });
  add("GET", "/api/v1/areas/{id}/indicators", Auth::kRequired,
      [d](Ctx& c) -> Result<Reply> {
        SRM_ASSIGN(ev, Evidence(d));
        int period = 0;
        const std::string p = c.Query("period_days");
        if (!p.empty()) {
          if (p.size() > 4 || p.find_first_not_of("0123456789") != std::string::npos)
            return Invalid("invalid_value", "period_days must be a number of days", "period_days");
          period = std::stoi(p);
          if (period < 1) return Invalid("out_of_range", "period_days must be between 1 and 3650", "period_days");
        }
        const std::string as_of = c.Query("as_of");
        if (as_of.size() > 10) return Invalid("invalid_value", "as_of must be YYYY-MM-DD", "as_of");
        SRM_ASSIGN(in, ev->Indicators(c.principal, c.Param(1), as_of, period));
        json cats = json::array();
        for (size_t i = 0; i < in.categories.size(); ++i) {
          json x = i < in.verdicts.size()
                       ? service::CategoryIndicatorsJson(in.categories[i], in.verdicts[i], in.covered_by[i])
                       : service::IndicatorsJson(in.categories[i]);
          if (i < in.monthly.size()) x["monthly"] = in.monthly[i];  // counts, one per entry of "months"
          cats.push_back(std::move(x));
        }
        return JsonReply({{"area", AreaJson(in.area, false)},
                          {"as_of", in.as_of},
                          {"months", in.months},
                          {"period_days", in.period_days},
                          {"method_version", in.method_version},
                          {"categories", cats}});
      });
  // The evidence for a scenario being written (the wizard's likelihood step): the incidents of its
  // category that its filter keeps, or "no evidence" with the reason. Reads only; POST because the
  // filter is a structured body.
  add("POST", "/api/v1/areas/{id}/scenario-evidence", Auth::kRequired,
      [d](Ctx& c) -> Result<Reply> {
        SRM_ASSIGN(ev, Evidence(d));
        SRM_ASSIGN(q, ScenarioEvidenceQueryFrom(c.body));
        SRM_ASSIGN(e, ev->ScenarioSuggestion(c.principal, c.Param(1), q.threat_category, q.filter, q.period_days));
        return JsonReply(service::ScenarioEvidenceJson(e));
      });
  add("GET", "/api/v1/areas/{id}/incidents", Auth::kRequired,
      ExportableList(d, "incidents", [d](Ctx& c, const store::PageRequest& page) -> Result<json> {
        SRM_ASSIGN(ev, Evidence(d));
        store::IncidentFilter f;
        SRM_ASSIGN(from, DayParam(c, "from", INT32_MIN));
        SRM_ASSIGN(to, DayParam(c, "to", INT32_MAX));
        if (from != INT32_MIN && to != INT32_MAX && from > to)
          return Invalid("out_of_range", "from must not be after to", "from");
        f.from_day = from;
        f.to_day = to;
        f.category = c.Query("category");
        if (!f.category.empty()) {
          SRM_ASSIGN(params, ev->Params());
          if (!domain::IsThreatCategory(*params.first, f.category))
            return Invalid("invalid_value", "unknown threat category '" + f.category + "'", "category");
        }
        SRM_ASSIGN(rows, ev->Incidents(c.principal, c.Param(1), f, page));
        return PageJson(rows, service::IncidentJson);
      }));
  add("GET", "/api/v1/review-proposals", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(ev, Evidence(d));
    SRM_ASSIGN(page, PageFrom(c));
    SRM_ASSIGN(rows, ev->Proposals(c.principal, page));
    return JsonReply(PageJson(rows, [](const store::DocRow& r) {
      json doc = json::parse(r.doc, nullptr, false);
      if (doc.is_discarded()) doc = json::object();
      doc["status"] = r.status;
      return doc;
    }));
  });
  add("POST", "/api/v1/review-proposals/evaluate", Auth::kRequired,
      [d](Ctx& c) -> Result<Reply> {
        SRM_ASSIGN(ev, Evidence(d));
        SRM_ASSIGN(n, ev->EvaluateTriggers(c.principal));
        return JsonReply({{"proposed", n}});
      });
}

}  // namespace srm::api
