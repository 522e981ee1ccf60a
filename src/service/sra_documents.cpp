#include "service/sra_documents.h"

#include <deque>
#include <map>
#include <nlohmann/json.hpp>

#include "documents/sra_document.h"
#include "domain/sra_json.h"
#include "service/scope.h"

namespace srm::service {

namespace {

using nlohmann::json;

// The pack's classification marking ("classification": "UN Confidential"), else the default.
std::string MarkingOf(const domain::MethodPack& m) {
  json doc = json::parse(m.source_json, nullptr, false);
  if (doc.is_object()) {
    auto it = doc.find("classification");
    if (it != doc.end() && it->is_string() && !it->get<std::string>().empty()) return it->get<std::string>();
  }
  return documents::kDefaultMarking;
}

// A file name part: no path separators, quotes or control characters; spaces kept.
std::string FilePart(const std::string& s, bool ascii) {
  std::string o;
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == '"' || c == ':' || c == '*' || c == '?' || c == '<' ||
        c == '>' || c == '|' || c == ';')
      o += '_';
    else if (ascii && c >= 0x80)
      o += (c & 0xC0) == 0x80 ? "" : "_";  // one '_' per non-ASCII character
    else
      o += static_cast<char>(c);
  }
  return o.substr(0, 80);
}

}  // namespace

Result<SraDocumentFile> SraDocumentService::Pdf(const Principal& p, const std::string& id, documents::Language lang) {
  if (id.empty() || id.size() > 64) return NotFound("SRA");
  SRM_ASSIGN(row, store_->GetSra(id));
  if (!row) return NotFound("SRA " + id);
  // The read rule of SraService::CheckReadable, word for word: the document is a way of reading.
  if (!p.CanSeeArea(row->country_id, row->area_id)) return Forbidden("this SRA is outside your areas");
  if (!MaySeeSra(p, *row)) return Forbidden("this specific SRA belongs to another organization");

  json doc = json::parse(row->doc, nullptr, false);
  if (doc.is_discarded()) return Internal("stored SRA " + id + " is not valid JSON");
  SRM_ASSIGN(sra, domain::SraFromJson(doc));
  SRM_ASSIGN(pack, methods_->Get(sra.method_version));
  domain::Recompute(*pack, &sra);

  documents::SraDocumentInput in;
  in.sra = &sra;
  in.pack = pack.get();
  in.lang = lang;
  in.marking = MarkingOf(*pack);
  SRM_ASSIGN(area, store_->GetArea(sra.area_id));
  if (area) in.area_name = area->name;
  SRM_ASSIGN(countries, store_->ListCountries());
  for (const auto& c : countries)
    if (c.id == sra.country_id) in.country_name = c.name;
  SRM_ASSIGN(orgs, store_->ListOrganizations());
  for (const auto& o : orgs) in.organization_names[o.id] = o.name;

  // The history records usernames; the document names people.
  std::map<std::string, std::string> names;
  auto display_name = [&](const std::string& username) -> Result<std::string> {
    if (auto it = names.find(username); it != names.end()) return it->second;
    SRM_ASSIGN(u, store_->FindUserByName(username));
    std::string name = u && !u->display_name.empty() ? u->display_name : username;
    names[username] = name;
    return name;
  };
  for (const auto& h : sra.history) {
    SRM_ASSIGN(name, display_name(h.by));
    in.approvals.push_back({h.action, name, h.role, h.at, h.comment});
  }

  // The audit trail in chain order; the document lists the most recent entries, newest first.
  std::deque<store::AuditEntry> recent;
  store::PageRequest page{500, ""};
  for (int pages = 0; pages < 100; ++pages) {
    SRM_ASSIGN(chunk, store_->ListAudit(id, page));
    in.audit_total = std::max<int64_t>(in.audit_total, chunk.total);
    for (auto& e : chunk.items) {
      recent.push_back(std::move(e));
      if (recent.size() > kDocumentAuditLines) recent.pop_front();
    }
    if (chunk.next.empty()) break;
    page.after = chunk.next;
  }
  for (auto it = recent.rbegin(); it != recent.rend(); ++it)
    in.audit.push_back({it->at, it->event.actor_name, it->event.role, it->event.action});
  if (in.audit_total < static_cast<int64_t>(recent.size())) in.audit_total = static_cast<int64_t>(recent.size());

  in.generated_by = p.user.display_name.empty() ? p.user.username : p.user.display_name;
  in.generated_at = FormatTimestamp(clock_->NowMillis());
  SRM_ASSIGN(bytes, documents::RenderSraPdf(in));

  SraDocumentFile out;
  out.bytes = std::move(bytes);
  out.sra_id = sra.id;
  out.version = sra.version;
  const std::string area_name = in.area_name.empty() ? sra.area_id : in.area_name;
  for (bool ascii : {false, true}) {
    std::string name = "SRA " + FilePart(area_name, ascii) + " v" + std::to_string(sra.version) + " " +
                       FilePart(in.generated_by, ascii) + ".pdf";
    (ascii ? out.ascii_filename : out.filename) = std::move(name);
  }
  return out;
}

}  // namespace srm::service
