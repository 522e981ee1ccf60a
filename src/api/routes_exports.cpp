// Routes of the exports (issue 17): the SRA risk register and the country register as Excel, the
// SRA's heatmaps as SVG and PNG, the area map (SVG, PNG), and the export jobs of long lists (their progress, then their file).
// Each reads through the use case its JSON twin uses, so the read rules are the same; each export
// is recorded in the access log before the file is handed out.
#include "api/access_record.h"
#include "api/list_export.h"
#include "api/routes.h"
#include "documents/labels.h"
#include "documents/picture_png.h"
#include "export/picture.h"
#include "service/exports.h"

namespace srm::api {

namespace {

Result<service::ExportService*> Exports(const ApiDeps* d) {
  if (d->exports == nullptr) return Unavailable("exports are not configured");
  return d->exports;
}

// ?lang=en|fr|ar (the UI sends its own), else the first supported language of Accept-Language.
Result<documents::Language> LanguageOf(const Ctx& c) { return RequestLanguage(c); }

// ?scale=1..4 pixels of the PNG per pixel of the drawing; 2 (sharp on a projector) when absent.
Result<int> ScaleOf(const Ctx& c) {
  const std::string s = c.Query("scale");
  if (s.empty()) return 2;
  if (s.size() != 1 || s[0] < '1' || s[0] > '4') return Invalid("invalid_value", "scale must be 1, 2, 3 or 4", "scale");
  return s[0] - '0';
}

}  // namespace

void AddExportRoutes(std::vector<Route>* t, const ApiDeps* d) {
  auto add = [t](std::string m, std::string path, Auth a, Handler h) {
    t->push_back({std::move(m), std::move(path), a, std::move(h), {}});
  };
  add("GET", "/api/v1/sras/{id}/register.xlsx", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(ex, Exports(d));
    SRM_ASSIGN(lang, LanguageOf(c));
    SRM_ASSIGN(file, ex->SraRegister(c.principal, c.Param(1), lang));
    Reply r = FileReply(file.path, file.file_name, file.content_type);  // removes the file whatever follows
    SRM_TRY(RecordAccess(c, d, c.Param(1), 0, service::AccessKind::kRegister, "xlsx"));
    return r;
  });
  add("GET", "/api/v1/sras/{id}/heatmap.svg", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(ex, Exports(d));
    SRM_ASSIGN(lang, LanguageOf(c));
    const std::string kind = c.Query("kind").empty() ? "current" : c.Query("kind");
    SRM_ASSIGN(svg, ex->HeatmapSvg(c.principal, c.Param(1), kind, lang));
    SRM_TRY(RecordAccess(c, d, c.Param(1), 0, service::AccessKind::kExport, "svg", "heatmap-" + kind));
    return Reply{.status = 200, .body = std::move(svg), .content_type = "image/svg+xml"};
  });
  add("GET", "/api/v1/sras/{id}/heatmap.png", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(ex, Exports(d));
    SRM_ASSIGN(lang, LanguageOf(c));
    SRM_ASSIGN(scale, ScaleOf(c));
    const std::string kind = c.Query("kind").empty() ? "current" : c.Query("kind");
    SRM_ASSIGN(png, ex->HeatmapPng(c.principal, c.Param(1), kind, lang, scale));
    SRM_TRY(RecordAccess(c, d, c.Param(1), 0, service::AccessKind::kExport, "png", "heatmap-" + kind));
    return Reply{.status = 200, .body = std::move(png), .content_type = "image/png"};
  });
  // The area map: the same drawing as SVG or PNG. Recorded as an export of the area (no SRA).
  for (const char* format : {"svg", "png"}) {
    const std::string f = format;
    add("GET", "/api/v1/areas/{id}/map." + f, Auth::kRequired, [d, f](Ctx& c) -> Result<Reply> {
      SRM_ASSIGN(ex, Exports(d));
      SRM_ASSIGN(lang, LanguageOf(c));
      SRM_ASSIGN(scale, f == "png" ? ScaleOf(c) : Result<int>(1));
      SRM_ASSIGN(picture, ex->AreaMap(c.principal, c.Param(1), lang, d->evidence));
      Reply r{.status = 200, .content_type = f == "png" ? "image/png" : "image/svg+xml"};
      if (f == "png") {
        SRM_ASSIGN(png, documents::PicturePng(picture, scale));
        r.body = std::move(png);
      } else {
        r.body = exports::PictureSvg(picture);
      }
      SRM_TRY(RecordAccess(c, d, "", 0, service::AccessKind::kExport, f, "area-map:" + c.Param(1)));
      return r;
    });
  }
  add("GET", "/api/v1/countries/{id}/register.xlsx", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(ex, Exports(d));
    SRM_ASSIGN(lang, LanguageOf(c));
    SRM_ASSIGN(file, ex->CountryRegister(c.principal, c.Param(1), lang));
    Reply r = FileReply(file.path, file.file_name, file.content_type);
    SRM_TRY(RecordAccess(c, d, "", 0, service::AccessKind::kRegister, "xlsx", "country:" + c.Param(1)));
    return r;
  });
  add("GET", "/api/v1/exports/{id}", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(ex, Exports(d));
    SRM_ASSIGN(job, ex->GetJob(c.principal, c.Param(1)));
    return JsonReply(ExportJobJson(job));
  });
  add("GET", "/api/v1/exports/{id}/file", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(ex, Exports(d));
    SRM_ASSIGN(job, ex->GetJob(c.principal, c.Param(1)));
    SRM_ASSIGN(file, ex->JobFile(c.principal, c.Param(1)));
    Reply r = FileReply(file.path, file.file_name, file.content_type);
    SRM_TRY(RecordAccess(c, d, "", 0, service::AccessKind::kExport, job.format, job.kind));
    return r;
  });
}

}  // namespace srm::api
