// Routes of the SRA: drafting, scenarios, workflow, versions, diff, audit trail, inbox.
#include "api/access_record.h"
#include "api/list_export.h"
#include "api/routes.h"
#include "api/list_query.h"
#include "domain/sra_body_json.h"
#include "domain/sra_json.h"
#include "documents/labels.h"

#include <cctype>
#include <cstdio>

namespace srm::api {

namespace {
json MissingJson(const std::vector<domain::MissingPiece>& missing) {
  json out = json::array();
  for (const auto& m : missing) out.push_back({{"code", m.code}, {"field", m.field}, {"message", m.message}});
  return out;
}
// The document's language: ?lang=en|fr|ar when given (anything else is refused: a link that asks
// for a language should not silently get another), else the first of Accept-Language we have.
Result<documents::Language> DocumentLanguage(const Ctx& c) {
  const std::string lang = c.Query("lang");
  if (!lang.empty()) {
    auto l = documents::LanguageFromCode(lang);
    if (!l) return Invalid("invalid_value", "lang must be en, fr or ar", "lang");
    return *l;
  }
  const auto accept = HeaderValues(c.req, "Accept-Language");
  return documents::LanguageFromAcceptLanguage(accept.empty() ? "" : accept.front());
}

// Content-Disposition for a download (RFC 6266): the ASCII name for old clients, the UTF-8 name
// percent-encoded (RFC 8187) for the rest.
std::string AttachmentDisposition(const std::string& utf8_name, const std::string& ascii_name) {
  std::string encoded;
  for (unsigned char ch : utf8_name) {
    if (std::isalnum(ch) || ch == '.' || ch == '-' || ch == '_') {
      encoded += static_cast<char>(ch);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", ch);
      encoded += hex;
    }
  }
  return "attachment; filename=\"" + ascii_name + "\"; filename*=UTF-8''" + encoded;
}
}  // namespace

void AddSraRoutes(std::vector<Route>* t, const ApiDeps* d) {
  auto add = [t](std::string m, std::string path, Auth a, Handler h) {
    t->push_back({std::move(m), std::move(path), a, std::move(h), {}});
  };
  // ---- SRAs ----
  add("GET", "/api/v1/sras", Auth::kRequired,
      ExportableList(d, "sras", [d](Ctx& c, const store::PageRequest& page) -> Result<json> {
    store::SraFilter f;
    // Search, risk, review due dates and sort (api/list_query.h).
    SRM_ASSIGN(narrow, ListQueryFrom(c, {{"area_id", "country_id", "status", "risk"},
                                         {"updated", "title", "due", "risk"}, "due_from", "due_to"}));
    f.narrow = std::move(narrow);
    f.area_id = c.Query("area_id");
    f.country_id = c.Query("country_id");
    if (f.area_id.size() > 64 || f.country_id.size() > 64) return Invalid("invalid_value", "id too long", "area_id");
    const std::string status = c.Query("status");
    if (!status.empty()) {
      SRM_TRY(CheckFilterValue(status, "status"));
      if (!domain::StatusFromName(status)) return Invalid("invalid_value", "unknown status '" + status + "'", "status");
      f.statuses = {status};
    }
    f.overall_residual = c.Query("risk");
    if (!f.overall_residual.empty()) {
      SRM_TRY(CheckFilterValue(f.overall_residual, "risk"));
      bool level = false;
      if (d->methods) {
        SRM_ASSIGN(pack, d->methods->Active());
        for (const auto& l : pack->risk_levels) level = level || l == f.overall_residual;
      }
      if (!level) return Invalid("invalid_value", "risk must be a risk level of the method", "risk");
    }
    SRM_ASSIGN(rows, d->sras->List(c.principal, f, page));
    return PageJson(rows, SraSummary);
  }));
  add("POST", "/api/v1/sras", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(in, domain::SraCreateBodyFrom(c.body));
    SRM_ASSIGN(doc, d->sras->Create(c.principal, in));
    return DocReply(doc, 201);
  });
  add("GET", "/api/v1/sras/{id}", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(doc, d->sras->Get(c.principal, c.Param(1)));
    SRM_TRY(RecordAccess(c, d, doc.id, 0, service::AccessKind::kRead, "json"));  // queued: no write on this path
    return DocReply(std::move(doc));
  });
  // The SRA as a PDF document (issue 17), read like the SRA itself.
  add("GET", "/api/v1/sras/{id}/document.pdf", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(lang, DocumentLanguage(c));
    SRM_ASSIGN(file, d->documents->Pdf(c.principal, c.Param(1), lang));
    SRM_TRY(RecordAccess(c, d, file.sra_id, file.version, service::AccessKind::kDocument, "pdf"));
    return Reply{.status = 200, .body = std::move(file.bytes), .content_type = "application/pdf",
                 .headers = {{"Content-Disposition", AttachmentDisposition(file.filename, file.ascii_filename)},
                             {"Content-Language", documents::LanguageCode(lang)}}};
  });
  add("PUT", "/api/v1/sras/{id}", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(in, domain::SraEditBodyFrom(c.body));
    SRM_ASSIGN(doc, d->sras->Update(c.principal, c.Param(1), in));
    return DocReply(doc);
  });
  add("POST", "/api/v1/sras/{id}/scenarios", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(doc, d->sras->AddScenario(c.principal, c.Param(1), c.body));
    return DocReply(doc, 201);
  });
  add("PUT", "/api/v1/sras/{id}/scenarios/{sid}", Auth::kRequired,
      [d](Ctx& c) -> Result<Reply> {
        SRM_ASSIGN(doc, d->sras->UpdateScenario(c.principal, c.Param(1), c.Param(2), c.body));
        return DocReply(doc);
      });
  add("DELETE", "/api/v1/sras/{id}/scenarios/{sid}", Auth::kRequired,
      [d](Ctx& c) -> Result<Reply> {
        SRM_ASSIGN(doc, d->sras->DeleteScenario(c.principal, c.Param(1), c.Param(2)));
        return DocReply(doc);
      });
  add("POST", "/api/v1/sras/{id}/transitions", Auth::kRequired,
      [d](Ctx& c) -> Result<Reply> {
        auto doc = d->sras->Transition(c.principal, c.Param(1), c.body);
        const bool submit = c.body.is_object() && c.body.value("action", json()) == "submit";
        if (!doc && submit && doc.error().unprocessable) {
          // 422 listing every missing piece, not only the first (the wizard shows them all).
          SRM_ASSIGN(missing, d->sras->Missing(c.principal, c.Param(1)));
          if (missing.empty()) return std::unexpected(doc.error());
          const Error& e = doc.error();
          json body{{"error", {{"code", e.code}, {"message", e.message}, {"field", e.field},
                               {"missing", MissingJson(missing)}}}};
          return JsonReply(body, 422);
        }
        if (!doc) return std::unexpected(doc.error());
        return DocReply(*doc);
      });
  add("GET", "/api/v1/sras/{id}/completeness", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(missing, d->sras->Missing(c.principal, c.Param(1)));
    return JsonReply({{"complete", missing.empty()}, {"missing", MissingJson(missing)}});
  });
  add("POST", "/api/v1/sras/{id}/revise", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(doc, d->sras->Revise(c.principal, c.Param(1)));
    return DocReply(doc, 201);
  });
  add("GET", "/api/v1/sras/{id}/versions", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(rows, d->sras->Versions(c.principal, c.Param(1)));
    SRM_TRY(RecordAccess(c, d, c.Param(1), 0, service::AccessKind::kRead, "json", "versions"));
    json items = json::array();
    for (const auto& r : rows) items.push_back(SraSummary(r));
    return JsonReply({{"items", items}});
  });
  add("GET", "/api/v1/sras/{id}/diff", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    int from = 0;
    const std::string f = c.Query("from");
    if (!f.empty()) {
      if (f.size() > 6 || f.find_first_not_of("0123456789") != std::string::npos)
        return Invalid("invalid_value", "from must be a version number", "from");
      from = std::stoi(f);
    }
    SRM_ASSIGN(diff, d->sras->Diff(c.principal, c.Param(1), from));
    return Reply{.status = 200, .body = diff, .content_type = "application/json"};
  });
  add("GET", "/api/v1/sras/{id}/audit", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(page, PageFrom(c));
    SRM_ASSIGN(rows, d->admin->Audit(c.principal, c.Param(1), page));
    return JsonReply(PageJson(rows, [](const store::AuditEntry& e) {
      return json{{"seq", e.seq}, {"at", e.at}, {"actor", e.event.actor_name}, {"role", e.event.role},
                  {"action", e.event.action}, {"before", e.event.before}, {"after", e.event.after}};
    }));
  });
  add("GET", "/api/v1/inbox", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(page, PageFrom(c));
    // Search (title, area name), area and status filters, sort (api/list_query.h).
    store::SraFilter f;
    SRM_ASSIGN(narrow, ListQueryFrom(c, {{"area_id", "status"}, {"updated", "title", "due"}}));
    f.narrow = std::move(narrow);
    f.area_id = c.Query("area_id");
    if (f.area_id.size() > 64) return Invalid("invalid_value", "id too long", "area_id");
    const std::string status = c.Query("status");
    if (!status.empty()) {
      SRM_TRY(CheckFilterValue(status, "status"));
      if (!domain::StatusFromName(status)) return Invalid("invalid_value", "unknown status '" + status + "'", "status");
      f.statuses = {status};
    }
    SRM_ASSIGN(rows, d->sras->Inbox(c.principal, std::move(f), page));
    return JsonReply(PageJson(rows, SraSummary));
  });

}

}  // namespace srm::api
