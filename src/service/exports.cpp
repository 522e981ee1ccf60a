#include "service/exports.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/private_files.h"
#include "domain/sra_json.h"
#include "export/csv_writer.h"
#include "documents/picture_png.h"
#include "export/heatmap_svg.h"
#include "export/sra_register.h"
#include "export/xlsx_writer.h"
#include "security/crypto.h"

namespace srm::service {

using nlohmann::json;
namespace fs = std::filesystem;

Result<ExportFormat> ExportFormatFrom(std::string_view text) {
  if (text == "csv") return ExportFormat::kCsv;
  if (text == "xlsx") return ExportFormat::kXlsx;
  return Invalid("invalid_value", "format must be csv or xlsx", "format");
}
const char* ExportFormatName(ExportFormat f) { return f == ExportFormat::kCsv ? "csv" : "xlsx"; }
const char* ExportContentType(ExportFormat f) {
  return f == ExportFormat::kCsv ? "text/csv; charset=utf-8"
                                 : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

struct ExportService::ReadSra {
  domain::Sra sra;
  PackPtr pack;
  std::string valid_until;
};

ExportService::ExportService(store::Store* store, SraService* sras, MethodRegistry* methods, const Clock* clock,
                             IdGen* ids, ExportOptions options)
    : store_(store), sras_(sras), methods_(methods), clock_(clock), ids_(ids), options_(std::move(options)) {
  if (!options_.dir.empty()) {
    if (!EnsurePrivateDirectory(options_.dir)) {
      options_.dir.clear();
    } else {
      // Files of a previous run belong to jobs nobody can reach any more.
      std::error_code ec;
      for (const auto& e : fs::directory_iterator(options_.dir, ec))
        if (e.path().filename().string().rfind("export-", 0) == 0) fs::remove(e.path(), ec);
    }
  }
}

ExportService::~ExportService() {
  stopping_ = true;
  pool_.Shutdown();
  std::lock_guard lock(mu_);
  std::error_code ec;
  for (auto& [id, job] : jobs_)
    if (!job.path.empty()) fs::remove(job.path, ec);
}

Result<std::string> ExportService::NewPath(std::string_view ext) {
  if (options_.dir.empty()) return Unavailable("exports are not available: no export directory");
  return (fs::path(options_.dir) / ("export-" + security::RandomHex(12) + "." + std::string(ext))).string();
}

Result<std::unique_ptr<exports::TableSink>> ExportService::OpenSink(const std::string& path, ExportFormat format,
                                                                    const std::string& title, const std::string& author,
                                                                    bool long_list) {
  if (format == ExportFormat::kCsv) {
    SRM_ASSIGN(w, exports::CsvWriter::Create(path));
    return std::unique_ptr<exports::TableSink>(std::move(w));
  }
  exports::XlsxOptions o;
  o.constant_memory = long_list;  // a list of any length in flat memory
  o.tmpdir = options_.dir;
  o.title = title;
  o.author = author;
  o.comments = options_.marking;
  SRM_ASSIGN(w, exports::XlsxWriter::Create(path, o));
  return std::unique_ptr<exports::TableSink>(std::move(w));
}

Result<ExportService::ReadSra> ExportService::Read(const Principal& p, const std::string& sra_id) {
  // The read use case itself: whoever may not read the SRA may not export it.
  SRM_ASSIGN(doc, sras_->Get(p, sra_id));
  json j = json::parse(doc.json, nullptr, false);
  if (j.is_discarded()) return Internal("SRA " + sra_id + " is not valid JSON");
  SRM_ASSIGN(sra, domain::SraFromJson(j));
  SRM_ASSIGN(pack, methods_->Get(sra.method_version));
  domain::Recompute(*pack, &sra);
  std::string valid_until;
  if (j.contains("validity") && j["validity"].is_object() && j["validity"].value("valid_until", json()).is_string())
    valid_until = j["validity"]["valid_until"].get<std::string>();
  return ReadSra{std::move(sra), std::move(pack), std::move(valid_until)};
}

exports::RegisterContext ExportService::ContextFor(const Principal& p, exports::Language lang) {
  exports::RegisterContext ctx;
  ctx.lang = lang;
  ctx.requester = p.user.display_name.empty() ? p.user.username : p.user.display_name;
  ctx.generated_at = FormatTimestamp(clock_->NowMillis());
  ctx.marking = options_.marking;
  if (auto orgs = store_->ListOrganizations())
    for (const auto& o : *orgs) ctx.organizations[o.id] = o.name;
  return ctx;
}

Result<ExportFile> ExportService::SraRegister(const Principal& p, const std::string& sra_id, exports::Language lang) {
  SRM_ASSIGN(r, Read(p, sra_id));
  exports::RegisterContext ctx = ContextFor(p, lang);
  ctx.valid_until = r.valid_until;
  ctx.area_name = r.sra.area_id;
  SRM_ASSIGN(area, store_->GetArea(r.sra.area_id));
  if (area) ctx.area_name = area->name;
  SRM_ASSIGN(countries, store_->ListCountries());
  for (const auto& c : countries)
    if (c.id == r.sra.country_id) ctx.country_name = c.name;
  SRM_ASSIGN(path, NewPath("xlsx"));
  SRM_ASSIGN(sink, OpenSink(path, ExportFormat::kXlsx, r.sra.title, ctx.requester, false));
  if (auto st = exports::WriteSraRegister(*sink, *r.pack, r.sra, ctx); !st) {
    sink.reset();
    std::error_code ec;
    fs::remove(path, ec);
    return std::unexpected(st.error());
  }
  return ExportFile{path, exports::RegisterFileName("register", ctx.area_name, r.sra.version, ctx.requester, "xlsx"),
                    ExportContentType(ExportFormat::kXlsx), sink->rows()};
}

Result<ExportFile> ExportService::CountryRegister(const Principal& p, const std::string& country_id,
                                                  exports::Language lang) {
  SRM_ASSIGN(countries, store_->ListCountries());
  const domain::Country* country = nullptr;
  for (const auto& c : countries)
    if (c.id == country_id) country = &c;
  if (country == nullptr) return NotFound("country " + country_id);
  SRM_ASSIGN(areas, store_->ListAreas(country_id, false));
  const std::string today = FormatTimestamp(clock_->NowMillis()).substr(0, 10);
  std::vector<ReadSra> read;
  read.reserve(areas.size());
  std::vector<exports::CountryArea> rows;
  for (const auto& a : areas) {
    if (!p.CanSeeArea(country_id, a.id)) continue;
    exports::CountryArea row;
    row.area_id = a.id;
    row.area_name = a.name;
    SRM_ASSIGN(in_force, AreaSraInForceOn(store_, a.id, today));
    if (in_force) {
      auto r = Read(p, in_force->row.id);  // the SRA's own read rule, as for its register
      if (r) {
        row.valid_until = r->valid_until;
        row.current = in_force->validity.current;
        read.push_back(std::move(*r));  // reserved above: the pointers below stay valid
        row.sra = &read.back().sra;
        row.pack = read.back().pack.get();
      } else if (r.error().kind != ErrorKind::kForbidden) {
        return std::unexpected(r.error());
      }
    }
    rows.push_back(std::move(row));
  }
  if (rows.empty()) return Forbidden("no area of this country is within your areas");
  exports::RegisterContext ctx = ContextFor(p, lang);
  ctx.country_name = country->name;
  SRM_ASSIGN(path, NewPath("xlsx"));
  SRM_ASSIGN(sink, OpenSink(path, ExportFormat::kXlsx, country->name, ctx.requester, false));
  if (auto st = exports::WriteCountryRegister(*sink, rows, ctx); !st) {
    sink.reset();
    std::error_code ec;
    fs::remove(path, ec);
    return std::unexpected(st.error());
  }
  return ExportFile{path, exports::RegisterFileName("country-register", country->name, 0, ctx.requester, "xlsx"),
                    ExportContentType(ExportFormat::kXlsx), sink->rows()};
}

struct ExportService::HeatmapParts {
  PackPtr pack;
  std::vector<std::pair<int, int>> ratings;
  exports::HeatmapText text;
};

Result<ExportService::HeatmapParts> ExportService::Heatmap(const Principal& p, const std::string& sra_id,
                                                           std::string_view kind, exports::Language lang) {
  if (kind != "current" && kind != "residual") return Invalid("invalid_value", "kind must be current or residual", "kind");
  SRM_ASSIGN(r, Read(p, sra_id));
  const bool residual = kind == "residual";
  HeatmapParts parts;
  for (const auto& sc : r.sra.scenarios) {
    const auto l = residual ? sc.residual_likelihood : sc.likelihood;
    const auto i = residual ? sc.residual_impact : sc.impact;
    if (l && i) parts.ratings.emplace_back(*l, *i);
  }
  const domain::MethodPack& m = *r.pack;
  exports::HeatmapText& text = parts.text;
  text.title = exports::Word(lang, residual ? "xl.heatmap_title_residual" : "xl.heatmap_title_current") + " — " +
               r.sra.title + " (v" + std::to_string(r.sra.version) + ")";
  text.likelihood_axis = exports::Word(lang, "rate.likelihood");
  text.impact_axis = exports::Word(lang, "rate.impact");
  for (int i = 0; i < domain::kScaleSize; ++i) {
    text.likelihoods[i] = documents::Term(lang, "lik.", m.likelihoods[i]);
    text.impacts[i] = documents::Term(lang, "imp.", m.impacts[i]);
  }
  for (int i = 0; i < domain::kRiskLevels; ++i) text.levels[i] = documents::Term(lang, "level.", m.risk_levels[i]);
  text.right_to_left = documents::RightToLeft(lang);
  parts.pack = std::move(r.pack);
  return parts;
}

Result<std::string> ExportService::HeatmapSvg(const Principal& p, const std::string& sra_id, std::string_view kind,
                                              exports::Language lang) {
  SRM_ASSIGN(h, Heatmap(p, sra_id, kind, lang));
  return exports::HeatmapSvg(*h.pack, h.ratings, h.text);
}

Result<std::string> ExportService::HeatmapPng(const Principal& p, const std::string& sra_id, std::string_view kind,
                                              exports::Language lang, int scale) {
  SRM_ASSIGN(h, Heatmap(p, sra_id, kind, lang));
  return documents::PicturePng(exports::HeatmapPicture(*h.pack, h.ratings, h.text), scale);
}

Result<ExportFile> ExportService::WriteNow(const Principal& p, const std::string& kind, ExportFormat format,
                                           const ExportWork& work) {
  const char* ext = ExportFormatName(format);
  SRM_ASSIGN(path, NewPath(ext));
  const std::string requester = p.user.display_name.empty() ? p.user.username : p.user.display_name;
  SRM_ASSIGN(sink, OpenSink(path, format, kind, requester, true));
  Status st = work(*sink, [](int64_t) {});
  if (st) st = sink->Finish();
  if (!st) {
    sink.reset();
    std::error_code ec;
    fs::remove(path, ec);
    return std::unexpected(st.error());
  }
  const std::string day = FormatTimestamp(clock_->NowMillis()).substr(0, 10);
  return ExportFile{path, exports::RegisterFileName(kind, day, 0, requester, ext), ExportContentType(format),
                    sink->rows()};
}

Result<ExportJob> ExportService::StartJob(const Principal& p, const std::string& kind, ExportFormat format,
                                          int64_t rows_total, ExportWork work) {
  if (options_.dir.empty()) return Unavailable("exports are not available: no export directory");
  Expire();
  const char* ext = ExportFormatName(format);
  SRM_ASSIGN(path, NewPath(ext));
  ExportJob job;
  job.id = ids_->NewId("exp");
  job.owner_user_id = p.user.id;
  job.kind = kind;
  job.format = ext;
  job.content_type = ExportContentType(format);
  const std::string requester = p.user.display_name.empty() ? p.user.username : p.user.display_name;
  const std::string day = FormatTimestamp(clock_->NowMillis()).substr(0, 10);
  job.file_name = exports::RegisterFileName(kind, day, 0, requester, ext);
  job.rows_total = rows_total;
  job.created_at = FormatTimestamp(clock_->NowMillis());
  job.path = path;
  {
    std::lock_guard lock(mu_);
    jobs_[job.id] = job;
  }
  // The job writes to its path; OpenSink runs on the worker so a slow disk never holds the request.
  const std::string title = kind, id = job.id;
  auto run = [this, id, path, format, title, requester, work = std::move(work)]() mutable {
    Status st;
    int64_t rows = 0;
    try {
      auto sink = OpenSink(path, format, title, requester, true);
      if (!sink) {
        st = std::unexpected(sink.error());
      } else {
        st = work(**sink, [this, &id](int64_t n) {
          std::lock_guard lock(mu_);
          if (auto it = jobs_.find(id); it != jobs_.end()) it->second.rows_done = n;
        });
        if (st && stopping_) st = Unavailable("the server is stopping");
        if (st) st = (*sink)->Finish();
        rows = (*sink)->rows();
      }
    } catch (const std::exception& e) {
      st = Internal(std::string("export job failed: ") + e.what());
    }
    std::lock_guard lock(mu_);
    auto it = jobs_.find(id);
    if (it == jobs_.end()) return;
    ExportJob& j = it->second;
    j.finished_ms = clock_->NowMillis();
    j.finished_at = FormatTimestamp(j.finished_ms);
    if (st) {
      j.status = "done";
      j.rows_done = rows;
    } else {
      j.status = "failed";
      j.error = st.error();
      std::error_code ec;
      fs::remove(j.path, ec);
      j.path.clear();
    }
  };
  if (!pool_.Submit(std::move(run))) {
    std::lock_guard lock(mu_);
    jobs_.erase(job.id);
    return Unavailable("too many exports are waiting; retry shortly");
  }
  return GetJob(p, job.id);
}

Result<ExportJob> ExportService::GetJob(const Principal& p, const std::string& id) {
  std::lock_guard lock(mu_);
  auto it = jobs_.find(id);
  if (it == jobs_.end() || it->second.owner_user_id != p.user.id) return NotFound("export " + id);
  return it->second;
}

Result<ExportFile> ExportService::JobFile(const Principal& p, const std::string& id) {
  SRM_ASSIGN(job, GetJob(p, id));
  if (job.status == "running") return Conflict("export_running", "the export is still being written");
  if (job.status != "done" || job.path.empty()) return Conflict("export_failed", "the export failed: " + job.error.message);
  // A copy to send and remove: the job keeps its own file for another download.
  SRM_ASSIGN(copy, NewPath(job.format));
  std::error_code ec;
  fs::copy_file(job.path, copy, fs::copy_options::overwrite_existing, ec);
  if (ec) return Internal("cannot copy the export file: " + ec.message());
  (void)RestrictToOwner(copy);
  return ExportFile{copy, job.file_name, job.content_type, job.rows_done};
}

void ExportService::Expire() {
  const int64_t now = clock_->NowMillis();
  std::lock_guard lock(mu_);
  for (auto it = jobs_.begin(); it != jobs_.end();) {
    if (it->second.status != "running" && now - it->second.finished_ms > options_.keep_ms) {
      std::error_code ec;
      if (!it->second.path.empty()) fs::remove(it->second.path, ec);
      it = jobs_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace srm::service
