#include "api/list_export.h"

#include <filesystem>
#include <map>

#include "api/access_record.h"
#include "api/export_names.h"
#include "service/exports.h"

namespace srm::api {

namespace {

constexpr int kExportPageSize = 500;  // rows read from the store per page (the largest page a route serves)

// The columns of each exportable list, by kind. See list_export.h, "Adding a table".
const std::map<std::string_view, std::vector<ExportColumn>>& ListExports() {
  using T = ColumnType;
  static const std::map<std::string_view, std::vector<ExportColumn>> k = {
      {"sras",
       {{"id", "/id"}, {"title", "/title"}, {"kind", "/kind"}, {"version", "/version", T::kNumber},
        {"status", "/status"}, {"area_name", "/area_name"}, {"country_name", "/country_name"},
        {"organization_name", "/organization_name"}, {"overall_residual_risk", "/overall_residual_risk", T::kLevel},
        {"review_due", "/review_due"}, {"created_at", "/created_at"}, {"updated_at", "/updated_at"}}},
      // Issue 18: the audit entries across SRAs (GET /api/v1/audit/sras; auditors, administrators).
      {"sra_audit",
       {{"seq", "/seq", T::kNumber}, {"at", "/at"}, {"actor", "/actor_name", T::kText, "/actor"}, {"role", "/role"}, {"action", "/action"},
        {"sra_id", "/sra_id"}, {"sra_title", "/sra_title"}, {"sra_version", "/sra_version", T::kNumber},
        {"area_name", "/area_name"}, {"request_id", "/request_id"}, {"hash", "/hash"}}},
      {"clearances",
       {{"id", "/id"}, {"status", "/status"}, {"traveller", "/traveller/name"}, {"organization_name", "/organization_name"},
        {"country_name", "/country_name"}, {"activity", "/activity"}, {"pc", "/pc", T::kNumber},
        {"programme_id", "/programme_id"}, {"mission_ref", "/mission_ref"}, {"purpose", "/purpose"},
        {"from", "/from"}, {"to", "/to"}, {"legs", "/leg_ids", T::kList}, {"requested_by", "/requested_by/display_name", T::kText, "/requested_by/username"},
        {"created_at", "/created_at"}, {"updated_at", "/updated_at"}}},
      {"compliance",
       {{"id", "/id"}, {"status", "/status"}, {"requirement", "/requirement"}, {"moss_category", "/moss_category"},
        {"location_name", "/location_name"}, {"location_kind", "/location_kind"}, {"area_name", "/area_name"},
        {"country_name", "/country_name"}, {"organization_name", "/organization_name"}, {"due_date", "/due_date"},
        {"owner", "/owner"}, {"comment", "/comment"}, {"measure_description", "/measure_description"}, {"sra_title", "/sra_title"},
        {"created_at", "/created_at"}, {"updated_at", "/updated_at"}}},
      {"activities",
       {{"id", "/id"}, {"programme_name", "/programme_name"}, {"activity", "/activity"},
        {"organization_name", "/organization_name"}, {"area_name", "/area_name"},
        {"country_name", "/country_name"}, {"pc", "/pc", T::kNumber}, {"current_risk", "/current_risk", T::kLevel},
        {"residual_risk", "/residual_risk", T::kLevel}, {"status", "/status"},
        {"needs_pc_assessment", "/needs_pc_assessment"}, {"needs_exec_approval", "/needs_exec_approval"},
        {"never_acceptable", "/never_acceptable"}, {"sra_title", "/sra_title"}, {"decided_at", "/decided_at"}}},
      {"incidents",
       {{"id", "/id", T::kNumber}, {"date", "/date"}, {"source", "/source"}, {"source_id", "/source_id"},
        {"category", "/category"}, {"event_type", "/event_type"}, {"sub_event_type", "/sub_event_type"},
        {"actor_type", "/actor_type"}, {"country", "/country"}, {"admin1", "/admin1"}, {"location", "/location"},
        {"lat", "/lat", T::kNumber}, {"lon", "/lon", T::kNumber}, {"fatalities", "/fatalities", T::kNumber},
        {"aid_worker_victims", "/aid_worker_victims", T::kNumber}, {"un_victims", "/un_victims", T::kNumber},
        {"area_name", "/area_name"}, {"placement", "/placement"}, {"notes", "/notes"}}},
      // Issue 15, money (the tables of the pages Services & prices, Budget, Service levels).
      {"services",
       {{"id", "/id"}, {"code", "/code"}, {"name", "/name"}, {"description", "/description"},
        {"provider", "/provider"}, {"unit", "/unit"}, {"funding_source", "/funding_source"},
        {"version", "/version", T::kNumber}, {"superseded", "/superseded"}, {"created_by", "/created_by/display_name", T::kText, "/created_by/username"},
        {"created_at", "/created_at"}, {"updated_at", "/updated_at"}}},
      {"price_lists",
       {{"id", "/id"}, {"year", "/year", T::kNumber}, {"version", "/version", T::kNumber}, {"status", "/status"},
        {"currency", "/currency"}, {"item_count", "/item_count", T::kNumber}, {"derived_from_id", "/derived_from_id"},
        {"note", "/note"}, {"drafted_by", "/drafted_by/display_name", T::kText, "/drafted_by/username"}, {"published_by", "/published_by/display_name", T::kText, "/published_by/username"},
        {"published_at", "/published_at"}, {"created_at", "/created_at"}, {"updated_at", "/updated_at"}}},
      {"price_list_prices",
       {{"price_list_id", "/price_list_id"}, {"year", "/year", T::kNumber}, {"version", "/version", T::kNumber},
        {"status", "/status"}, {"service_code", "/service_code"}, {"unit_price_minor", "/unit_price_minor", T::kNumber},
        {"currency", "/currency"}}},
      {"budgets",
       {{"id", "/id"}, {"country_name", "/country_name"}, {"year", "/year", T::kNumber}, {"status", "/status"},
        {"currency", "/currency"}, {"total_minor", "/total_minor", T::kNumber}, {"line_count", "/line_count", T::kNumber},
        {"reference_date", "/reference_date"}, {"drafted_by", "/drafted_by/display_name", T::kText, "/drafted_by/username"},
        {"endorsed_by", "/endorsed_by/display_name", T::kText, "/endorsed_by/username"}, {"endorsed_at", "/endorsed_at"},
        {"approved_by", "/approved_by/display_name", T::kText, "/approved_by/username"}, {"approved_at", "/approved_at"}, {"updated_at", "/updated_at"}}},
      {"budget_lines",
       {{"id", "/id"}, {"sra_title", "/sra_title"}, {"measure_description", "/measure_description"}, {"service_code", "/service_code"},
        {"quantity", "/quantity", T::kNumber}, {"funding_source", "/funding_source"}, {"description", "/description"},
        {"price_list_id", "/price_list_id"}, {"unit_price_minor", "/unit_price_minor", T::kNumber},
        {"regional_factor_permille", "/regional_factor_permille", T::kNumber},
        {"amount_minor", "/amount_minor", T::kNumber}, {"currency", "/currency"}, {"added_by", "/added_by/display_name", T::kText, "/added_by/username"},
        {"added_at", "/added_at"}}},
      {"budget_apportionment",
       {{"budget_id", "/budget_id"}, {"organization_name", "/organization_name"}, {"headcount", "/headcount", T::kNumber},
        {"amount_minor", "/amount_minor", T::kNumber}, {"currency", "/currency"}, {"total_minor", "/total_minor", T::kNumber},
        {"basis", "/basis"}, {"fraction", "/fraction"}, {"exact_minor", "/exact_minor"},
        {"floor_minor", "/floor_minor", T::kNumber}, {"leftover_unit", "/leftover_unit"},
        {"last_year_fraction", "/last_year_fraction"}}},
      {"slas",
       {{"id", "/id"}, {"organization_name", "/organization_name"}, {"country_name", "/country_name"}, {"title", "/title"},
        {"from", "/from"}, {"to", "/to"}, {"services", "/services", T::kList}, {"created_by", "/created_by/display_name", T::kText, "/created_by/username"},
        {"created_at", "/created_at"}, {"updated_at", "/updated_at"}}},
      {"sla_report",
       {{"metric", "/metric"}, {"unit", "/unit"}, {"threshold", "/threshold", T::kNumber},
        {"comparison", "/comparison"}, {"measured", "/measured", T::kNumber}, {"met", "/met"},
        {"count", "/count", T::kNumber}, {"pending", "/pending", T::kNumber},
        {"pending_breaches", "/pending_breaches", T::kNumber}, {"event_kind", "/event/kind"},
        {"event_id", "/event/id"}, {"country_name", "/event/country_name"}, {"area_name", "/event/area_name"},
        {"start_at", "/event/start_at"}, {"end_at", "/event/end_at"}, {"value", "/event/value", T::kNumber},
        {"within_target", "/event/within_target"}, {"month", "/event/month"}, {"detail", "/event/detail"}}},
      {"fund_requests",
       {{"id", "/id"}, {"area_name", "/area_name"}, {"country_name", "/country_name"}, {"organization_name", "/organization_name"},
        {"purpose", "/purpose"}, {"amount_minor", "/amount_minor", T::kNumber}, {"currency", "/currency"},
        {"days", "/days", T::kNumber}, {"basis_kind", "/basis/kind"}, {"basis_id", "/basis/id"},
        {"routed_to", "/routed_to"}, {"status", "/status"}, {"requested_by", "/requested_by/display_name", T::kText, "/requested_by/username"},
        {"submitted_at", "/submitted_at"}, {"decided_by", "/decided_by/display_name", T::kText, "/decided_by/username"}, {"decided_at", "/decided_at"},
        {"decision_reason", "/decision_reason"}, {"disbursed_minor", "/disbursed_minor", T::kNumber},
        {"returned_minor", "/returned_minor", T::kNumber}}},
      {"fund_ledger",
       {{"id", "/id"}, {"movement_id", "/movement_id"}, {"seq", "/seq", T::kNumber}, {"at", "/at"}, {"kind", "/kind"},
        {"account", "/account"}, {"debit_minor", "/debit_minor", T::kNumber}, {"credit_minor", "/credit_minor", T::kNumber},
        {"currency", "/currency"}, {"request_id", "/request_id"}, {"contribution_id", "/contribution_id"},
        {"reverses", "/reverses"}, {"by", "/by/display_name", T::kText, "/by/username"}}},
      // Issue 16: governance decisions, the action plan, the security workforce, surge deployments.
      {"governance_decisions",
       {{"id", "/id"}, {"body_name", "/body_name"}, {"meeting_title", "/meeting_title"},
        {"meeting_held_on", "/meeting_held_on"}, {"text", "/text"}, {"tasked_to", "/tasked_to"},
        {"due_on", "/due_on"}, {"status", "/status"}, {"done_on", "/done_on"}}},
      {"action_plan_items",
       {{"id", "/id"}, {"code", "/code"}, {"title", "/title"}, {"category", "/category"}, {"model", "/model"},
        {"lead", "/lead"}, {"status", "/status"}, {"due_on", "/due_on"},
        {"percent", "/progress/percent", T::kNumber}, {"state", "/progress/state"},
        {"milestones_done", "/progress/milestones_done", T::kNumber},
        {"milestones_total", "/progress/milestones_total", T::kNumber}, {"source", "/source"}}},
      {"workforce",
       {{"id", "/id"}, {"full_name", "/full_name"}, {"organization_name", "/organization_name"},
        {"country_name", "/country_name"}, {"area_name", "/area_name"}, {"category", "/category"}, {"post", "/post"},
        {"status", "/status"}, {"skills", "/skills", T::kList}, {"languages", "/languages", T::kList},
        {"left_on", "/left_on"}}},
      {"surge_deployments",
       // The person by name only for whoever may read their personal data (export_names.h); the
       // id stays: the workforce file's id, and all a reader not entitled to the name gets.
       {{"id", "/id"}, {"personnel_id", "/personnel_id"}, {"personnel_name", "/personnel_name"},
        {"organization_name", "/organization_name"},
        {"area_name", "/area_name"}, {"from", "/from"}, {"to", "/to"}, {"fund_request_id", "/fund_request_id"},
        {"purpose", "/purpose"}, {"status", "/status"}}},
  };
  return k;
}

std::string Text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return {};
  return v.dump();
}

// The value a pointer reads in the item; null when absent.
const json& At(const json& item, const char* pointer) {
  static const json kNull;
  const json::json_pointer ptr(pointer);
  return item.contains(ptr) ? item.at(ptr) : kNull;
}

exports::Cell CellOf(const json& item, const ExportColumn& col, const domain::MethodPack* pack) {
  const json* at = &At(item, col.pointer);
  if (col.fallback != nullptr && (at->is_null() || (at->is_string() && at->get_ref<const std::string&>().empty())))
    at = &At(item, col.fallback);
  const json& v = *at;
  if (v.is_null()) return exports::Cell::Empty();
  switch (col.type) {
    case ColumnType::kNumber:
      if (v.is_number()) return exports::Cell::Number(v.get<double>());
      return exports::Cell::Text(Text(v));
    case ColumnType::kLevel: {
      const std::string name = Text(v);
      if (pack != nullptr)
        for (int i = 0; i < domain::kRiskLevels; ++i)
          if (pack->risk_levels[i] == name) return exports::Cell::Level(i, name);
      return exports::Cell::Text(name);
    }
    case ColumnType::kList: {
      if (!v.is_array()) return exports::Cell::Text(Text(v));
      std::string joined;
      for (const json& x : v) {
        if (!joined.empty()) joined += "; ";
        joined += Text(x);
      }
      return exports::Cell::Text(joined);
    }
    case ColumnType::kText: break;
  }
  return exports::Cell::Text(Text(v));
}

// Writes every page of the list, from the first, into the sink.
// The headings in the requester's language (exports::ColumnHeading: the field names in English).
Status WriteList(exports::TableSink& sink, std::string_view kind, const std::vector<ExportColumn>& cols,
                 const domain::MethodPack* pack, documents::Language lang, Ctx& c, const PageFetch& fetch,
                 const std::function<void(int64_t)>& progress, const ApiDeps* d) {
  ExportNames names(d);
  std::vector<exports::ColumnSpec> specs;
  for (const auto& col : cols)
    specs.push_back({exports::ColumnHeading(lang, col.header), col.type == ColumnType::kNumber ? 12.0 : 20.0});
  SRM_TRY(sink.StartTable(kind, specs));
  store::PageRequest page{kExportPageSize, ""};
  for (;;) {
    SRM_ASSIGN(j, fetch(c, page));
    SRM_TRY(names.Name(c.principal, j));
    const json items = j.value("items", json::array());
    for (const json& item : items) {
      std::vector<exports::Cell> row;
      row.reserve(cols.size());
      for (const auto& col : cols) row.push_back(CellOf(item, col, pack));
      SRM_TRY(sink.Row(row));
    }
    progress(sink.rows());
    const json next = j.value("next_cursor", json());
    if (!next.is_string() || next.get<std::string>().empty() || items.empty()) break;
    page.after = next.get<std::string>();
  }
  return {};
}

json JobJson(const service::ExportJob& j) {
  json out{{"id", j.id},
           {"kind", j.kind},
           {"format", j.format},
           {"status", j.status},
           {"rows_done", j.rows_done},
           {"rows_total", j.rows_total},
           {"progress", j.status == "done" ? 1.0
                        : j.rows_total > 0 ? std::min(1.0, static_cast<double>(j.rows_done) / static_cast<double>(j.rows_total))
                                           : 0.0},
           {"file_name", j.file_name},
           {"created_at", j.created_at},
           {"finished_at", j.finished_at.empty() ? json(nullptr) : json(j.finished_at)},
           {"download", j.status == "done" ? json("/api/v1/exports/" + j.id + "/file") : json(nullptr)},
           {"error", j.status == "failed" ? json{{"code", j.error.code}, {"message", j.error.message}} : json(nullptr)}};
  return out;
}

}  // namespace

Result<documents::Language> RequestLanguage(const Ctx& c) {
  const std::string lang = c.Query("lang");
  if (!lang.empty()) {
    auto l = documents::LanguageFromCode(lang);
    if (!l) return Invalid("invalid_value", "lang must be en, fr or ar", "lang");
    return *l;
  }
  return documents::LanguageFromAcceptLanguage(c.req.get_header_value("Accept-Language"));
}

std::vector<std::string_view> ExportKinds() {
  std::vector<std::string_view> out;
  for (const auto& [kind, cols] : ListExports()) out.push_back(kind);
  return out;
}

const std::vector<ExportColumn>* ExportColumnsFor(std::string_view kind) {
  const auto& k = ListExports();
  auto it = k.find(kind);
  return it == k.end() ? nullptr : &it->second;
}

Reply FileReply(const std::string& path, const std::string& file_name, const std::string& content_type) {
  Reply r;
  r.content_type = content_type;
  r.file = path;
  r.file_owner = std::shared_ptr<void>(nullptr, [path](void*) {
    std::error_code ec;
    std::filesystem::remove(path, ec);
  });
  r.headers.push_back({"Content-Disposition", "attachment; filename=\"" + file_name + "\""});
  return r;
}

json ExportJobJson(const service::ExportJob& j) { return JobJson(j); }

Handler ExportableList(const ApiDeps* d, std::string kind, PageFetch fetch) {
  return [d, kind = std::move(kind), fetch = std::move(fetch)](Ctx& c) -> Result<Reply> {
    const std::string format_text = c.Query("format");
    if (format_text.empty() || format_text == "json") {
      SRM_ASSIGN(page, PageFrom(c));
      SRM_ASSIGN(j, fetch(c, page));
      return JsonReply(j);
    }
    SRM_ASSIGN(format, service::ExportFormatFrom(format_text));
    SRM_ASSIGN(lang, RequestLanguage(c));
    const std::vector<ExportColumn>* cols = ExportColumnsFor(kind);
    if (cols == nullptr) return Internal("no export columns for " + kind);
    if (d->exports == nullptr) return Unavailable("exports are not configured");
    // The first page checks the filters and the reader (an error answers as the JSON list would)
    // and counts the rows.
    SRM_ASSIGN(first, fetch(c, store::PageRequest{1, ""}));
    const int64_t total = first.value("total", int64_t{0});
    std::shared_ptr<const domain::MethodPack> pack;
    if (d->methods != nullptr)
      if (auto active = d->methods->Active()) pack = *active;
    if (total > d->exports->job_threshold_rows()) {
      // The job outlives the request: it keeps its own copy of what the fetch reads (the query,
      // the path parameters, the principal).
      auto req = std::make_shared<http::Request>();
      req->method = c.req.method;
      req->path = c.req.path;
      req->target = c.req.target;
      req->params = c.req.params;
      req->remote_addr = c.req.remote_addr;
      auto job_ctx = std::make_shared<Ctx>(Ctx{*req, c.principal, json(), c.request_id, "", c.params});
      job_ctx->client_addr = c.client_addr;
      service::ExportWork work = [req, job_ctx, kind, cols, pack, lang, fetch, d](
                                     exports::TableSink& sink, const std::function<void(int64_t)>& progress) {
        return WriteList(sink, kind, *cols, pack.get(), lang, *job_ctx, fetch, progress, d);
      };
      SRM_ASSIGN(job, d->exports->StartJob(c.principal, kind, format, total, std::move(work)));
      Reply r = JsonReply(JobJson(job), 202);
      r.headers.push_back({"Location", "/api/v1/exports/" + job.id});
      return r;
    }
    service::ExportWork work = [&](exports::TableSink& sink, const std::function<void(int64_t)>& progress) {
      return WriteList(sink, kind, *cols, pack.get(), lang, c, fetch, progress, d);
    };
    SRM_ASSIGN(file, d->exports->WriteNow(c.principal, kind, format, work));
    Reply r = FileReply(file.path, file.file_name, file.content_type);
    SRM_TRY(RecordAccess(c, d, "", 0, service::AccessKind::kExport, service::ExportFormatName(format), kind));
    return r;
  };
}

}  // namespace srm::api
