// A JSON request body, through what the server does with it (api/server.cpp Dispatch and the
// handlers): the nesting check (core/json_depth.h), the parse, then the strict decoders of the SRA
// routes (sra_evidence_bodies.h: create, edit, revision, likelihood/impact; then the header fields
// and scenarios against the pack), the evidence routes' bodies, the method pack (POST /methods sends
// body.dump()) and the column mapping, with the import of the CSV it comes with (POST
// /incidents/import {"csv", "mapping"}), and the decision routes' body parsers (decision_bodies.h).
// What a decoder accepts must validate, recompute, serialise, and read back from the store to the
// same document; what it refuses must come back as an error value whose answer can be serialised.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/json_depth.h"
#include "decision_bodies.h"
#include "domain/method.h"
#include "domain/sra.h"
#include "domain/sra_json.h"
#include "evidence/formats.h"
#include "fuzz_support.h"
#include "import_check.h"
#include "sra_evidence_bodies.h"

using nlohmann::json;
using namespace srm;

namespace {

const domain::MethodPack& Pack() { return fuzz::DefaultPack(); }

// Deepest nesting of a parsed document, without recursion.
int Depth(const json& root) {
  int deepest = 0;
  std::vector<std::pair<const json*, int>> todo{{&root, 0}};
  while (!todo.empty()) {
    auto [j, d] = todo.back();
    todo.pop_back();
    if (!j->is_structured()) continue;
    deepest = std::max(deepest, d + 1);
    for (const json& c : *j) todo.push_back({&c, d + 1});
  }
  return deepest;
}

// The draft a POST /sras body is applied to (service/sras.cpp Create) or an existing one (Update).
domain::Sra Draft() {
  domain::Sra s;
  s.id = "sra_1";
  s.series_id = "srs_1";
  s.version = 1;
  s.area_id = "area_1";
  s.country_id = "cty_1";
  s.organization_id = "org_1";
  s.status = domain::SraStatus::kDraft;
  s.method_version = Pack().version;
  s.title = "Draft";
  s.created_by = "sp";
  s.created_at = s.updated_at = "2025-01-01T00:00:00Z";
  s.revision = 1;
  return s;
}

// What the service does once the input is accepted: validate, recompute, store the document; the
// stored document must read back (SraFromJson) to the same document, or the SRA is lost.
void StoreAndReadBack(domain::Sra s) {
  const domain::MethodPack& m = Pack();
  if (auto v = domain::ValidateSraContent(m, s); !v) {
    fuzz::ErrorReply(v.error());
    return;
  }
  domain::Recompute(m, &s);
  const json doc = domain::SraToJson(m, s);
  const std::string stored = fuzz::MustDump(doc, "an accepted SRA cannot be serialised");
  const json reread = json::parse(stored, nullptr, false);
  fuzz::Expect(!reread.is_discarded(), "a stored SRA document is not valid JSON", stored);
  auto back = domain::SraFromJson(reread);
  if (!back) fuzz::Finding("a stored SRA document does not read back", back.error().message + "\n" + stored);
  domain::Recompute(m, &*back);  // what an edit does after loading (service/sras.cpp SaveEdit)
  const json again = domain::SraToJson(m, *back);
  fuzz::Expect(again == doc, "an SRA read back from the store differs from the one written",
               stored + "\n----\n" + again.dump());
  // GET /sras/{id}/diff compares two stored versions.
  (void)fuzz::MustDump(domain::JsonDiff(doc, again), "a diff cannot be serialised");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string body(reinterpret_cast<const char*>(data), size);
  if (!DepthWithin(body)) return 0;  // 400 too_deep
  const json j = json::parse(body, nullptr, false);
  if (j.is_discarded()) return 0;  // 400 invalid_json
  fuzz::Expect(Depth(j) <= kMaxJsonDepth, "a body deeper than the limit passed the depth check", body);
  const domain::MethodPack& m = Pack();

  // POST /sras, PUT /sras/{id}: the header fields.
  {
    domain::Sra s = Draft();
    auto st = domain::ApplySraInput(m, j, &s);
    if (!st) fuzz::ErrorReply(st.error());
    else StoreAndReadBack(std::move(s));
  }
  // POST /sras/{id}/scenarios, PUT /sras/{id}/scenarios/{sid}.
  {
    domain::Sra s = Draft();
    domain::Scenario sc;
    sc.id = "scn_1";
    auto st = domain::ApplyScenarioInput(m, j, &sc);
    if (!st) {
      fuzz::ErrorReply(st.error());
    } else {
      s.scenarios.push_back(std::move(sc));
      StoreAndReadBack(std::move(s));
    }
  }
  // POST /sras then its header fields, as the service applies them to a new draft.
  if (auto in = domain::SraCreateBodyFrom(j)) {
    domain::Sra s = Draft();
    if (in->kind) s.kind = *in->kind;
    auto st = domain::ApplySraInput(m, in->fields, &s);
    if (!st) fuzz::ErrorReply(st.error());
    else StoreAndReadBack(std::move(s));
  }
  // The SRA routes' own readers (create, edit, revision, POST /risk/evaluate) and the evidence
  // routes' (POST /incidents/import as JSON, POST /areas/{id}/scenario-evidence).
  fuzz::SraAndEvidenceBodies(m, j);
  // The decision routes: clearances, leg decisions, EGS, specific SRAs, activities, compliance.
  fuzz::DecisionBodies(j);
  // POST /methods: the body as a pack.
  {
    auto pack = domain::ParseMethodPack(fuzz::MustDump(j, "a parsed body cannot be serialised"));
    if (!pack) fuzz::ErrorReply(pack.error());
    else (void)fuzz::MustDump(domain::MethodToJson(*pack), "an accepted pack cannot be serialised");
  }
  // POST /incidents/import with a column mapping: the object under "mapping", or the body itself.
  {
    const json& mapping = j.is_object() && j.contains("mapping") && j["mapping"].is_object() ? j["mapping"] : j;
    auto cm = evidence::ParseColumnMapping(fuzz::MustDump(mapping, "a parsed body cannot be serialised"));
    if (!cm) fuzz::ErrorReply(cm.error());
    // The job then imports the body's "csv" with that mapping (api/routes_evidence.cpp).
    else if (j.is_object() && j.contains("csv") && j["csv"].is_string())
      fuzz::Import(j["csv"].get_ref<const std::string&>(), *cm, 7);
  }
  return 0;
}
