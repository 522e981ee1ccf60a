// Names beside the ids an answer points at (reference_names.h).
#include "api/reference_names.h"

#include <map>
#include <set>
#include <string_view>

#include "service/scope.h"

namespace srm::api {
namespace {

// The JSON objects of an answer that point at something, gathered in one walk; filled after the
// lookups. Pointers stay valid: filling adds keys to objects, it never moves a value.
struct Refs {
  std::vector<json*> users, sras, specific_sras, measures, egs, countries;
  std::set<std::string> user_ids, sra_ids, doc_sra_ids, egs_ids;
  // Records that name who acted by username alone (a leg's decided_by, a history entry's by):
  // the object and the key, named beside it as <key>_name.
  std::vector<std::pair<json*, std::string>> by_username;
  std::set<std::string> usernames;
};

// The keys whose text value is the username of who acted.
constexpr const char* kUsernameKeys[] = {"by", "decided_by", "coordinated_by", "recorded_by", "confirmed_by",
                                         "created_by", "actor"};

bool IsText(const json& o, const char* key) {
  const auto it = o.find(key);
  return it != o.end() && it->is_string();
}

void Gather(json& j, Refs* r, int depth = 0) {
  if (depth > 64) return;
  if (j.is_array()) {
    for (auto& x : j) Gather(x, r, depth + 1);
    return;
  }
  if (!j.is_object()) return;
  if (IsText(j, "id") && IsText(j, "username") && !j.contains("display_name")) {
    r->users.push_back(&j);
    r->user_ids.insert(j["id"].get<std::string>());
  }
  for (const char* key : kUsernameKeys) {
    const std::string named = std::string(key) + "_name";
    if (IsText(j, key) && !j[key].get_ref<const std::string&>().empty() && !j.contains(named)) {
      r->by_username.emplace_back(&j, key);
      r->usernames.insert(j[key].get<std::string>());
    }
  }
  if (IsText(j, "sra_id") && !j.contains("sra_title")) {
    r->sras.push_back(&j);
    r->sra_ids.insert(j["sra_id"].get<std::string>());
  }
  if (IsText(j, "specific_sra_id") && !j.contains("specific_sra_title")) {
    r->specific_sras.push_back(&j);
    r->sra_ids.insert(j["specific_sra_id"].get<std::string>());
  }
  if (IsText(j, "measure_id") && IsText(j, "sra_id") && !j.contains("measure_description")) {
    r->measures.push_back(&j);
    r->doc_sra_ids.insert(j["sra_id"].get<std::string>());
  }
  if (IsText(j, "egs_decision_id") && !j.contains("egs_decision_name")) {
    r->egs.push_back(&j);
    r->egs_ids.insert(j["egs_decision_id"].get<std::string>());
  }
  // A grant {role, org_id, country_id, area_id} is sent back as it is read (PUT /users/{id}): left alone.
  if (j.contains("country_id") && !j.contains("country_name") && !j.contains("org_id")) r->countries.push_back(&j);
  for (auto& [k, v] : j.items())
    if (v.is_structured()) Gather(v, r, depth + 1);
}

std::vector<std::string> Vec(const std::set<std::string>& s) { return {s.begin(), s.end()}; }

std::string TextAt(const json& o, const char* key) {
  const auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The reader's rule for an SRA (service::SraService::CheckReadable): its area, then its organization.
bool MayName(const Principal& p, const store::SraRow& s) {
  return p.CanSeeArea(s.country_id, s.area_id) && service::MaySeeSra(p, s);
}

// Measure id -> description, from an SRA document (scenarios[].measures[]).
void CollectMeasures(const std::string& doc, std::map<std::string, std::string>* out) {
  const json d = json::parse(doc, nullptr, false);
  if (!d.is_object() || !d.contains("scenarios") || !d["scenarios"].is_array()) return;
  for (const auto& sc : d["scenarios"]) {
    if (!sc.is_object() || !sc.contains("measures") || !sc["measures"].is_array()) continue;
    for (const auto& m : sc["measures"])
      if (m.is_object() && IsText(m, "id")) (*out)[m["id"].get<std::string>()] = TextAt(m, "description");
  }
}

// Texts that may name a reference: an answer without any of them is passed on unparsed.
constexpr std::string_view kMarkers[] = {"\"username\"", "\"sra_id\"", "\"specific_sra_id\"", "\"egs_decision_id\"",
                                         "\"country_id\"", "_by\"", "\"by\"", "\"actor\""};

}  // namespace

Status NameReferences(const ApiDeps& d, const Principal& p, json& body) {
  Refs r;
  Gather(body, &r);
  if (!r.users.empty()) {
    SRM_ASSIGN(names, d.store->UserDisplayNames(Vec(r.user_ids)));
    for (json* o : r.users) {
      const auto it = names.find((*o)["id"].get<std::string>());
      (*o)["display_name"] = it == names.end() ? std::string() : it->second;
    }
  }
  if (!r.by_username.empty()) {
    SRM_ASSIGN(names, d.store->UserDisplayNamesByUsername(Vec(r.usernames)));
    for (auto& [o, key] : r.by_username) {
      const auto it = names.find((*o)[key].get<std::string>());
      (*o)[key + "_name"] = it == names.end() ? std::string() : it->second;  // "system", a removed user: none
    }
  }
  if (!r.sras.empty() || !r.specific_sras.empty() || !r.measures.empty()) {
    // The SRAs whose measures are named come with their documents; the others with their heads only.
    std::set<std::string> heads_only;
    for (const auto& id : r.sra_ids)
      if (!r.doc_sra_ids.count(id)) heads_only.insert(id);
    std::map<std::string, std::string> titles, measures;
    SRM_ASSIGN(heads, d.store->SraHeads(Vec(heads_only), false));
    SRM_ASSIGN(with_docs, d.store->SraHeads(Vec(r.doc_sra_ids), true));
    for (const auto* rows : {&heads, &with_docs})
      for (const auto& s : *rows) {
        if (!MayName(p, s)) continue;
        titles[s.id] = s.title;
        if (!s.doc.empty()) CollectMeasures(s.doc, &measures);
      }
    const auto title = [&](const std::string& id) {
      const auto it = titles.find(id);
      return it == titles.end() ? std::string() : it->second;
    };
    for (json* o : r.sras) (*o)["sra_title"] = title((*o)["sra_id"].get<std::string>());
    for (json* o : r.specific_sras) (*o)["specific_sra_title"] = title((*o)["specific_sra_id"].get<std::string>());
    for (json* o : r.measures) {
      // Named only from an SRA the reader may see, and only by a measure of that very SRA.
      const auto it = titles.count((*o)["sra_id"].get<std::string>()) ? measures.find((*o)["measure_id"].get<std::string>())
                                                                       : measures.end();
      (*o)["measure_description"] = it == measures.end() ? std::string() : it->second;
    }
  }
  if (!r.egs.empty()) {
    SRM_ASSIGN(rows, d.store->EgsHeads(Vec(r.egs_ids)));
    std::map<std::string, json> named;
    for (const auto& e : rows)
      if (p.CanSeeArea(e.country_id, e.area_id))
        named[e.id] = json{{"area_name", e.area_name}, {"from", e.from}, {"to", e.to}};
    for (json* o : r.egs) {
      const auto it = named.find((*o)["egs_decision_id"].get<std::string>());
      (*o)["egs_decision_name"] = it == named.end() ? json(nullptr) : it->second;
    }
  }
  if (!r.countries.empty()) {
    // Every signed-in person reads the list of countries (GET /countries): nothing to scope.
    SRM_ASSIGN(countries, d.store->ListCountries());
    std::map<std::string, std::string> names;
    for (const auto& c : countries) names[c.id] = c.name;
    for (json* o : r.countries) {
      const std::string id = TextAt(*o, "country_id");
      const auto it = names.find(id);
      (*o)["country_name"] = it == names.end() ? std::string() : it->second;
    }
  }
  return {};
}

Status NameReferencesInReply(const ApiDeps& d, const Principal& p, Reply& reply) {
  if (reply.status < 200 || reply.status >= 300 || reply.status == 204 || !reply.file.empty()) return {};
  if (reply.content_type.rfind("application/json", 0) != 0) return {};
  for (const auto& [k, v] : reply.headers)
    if (http::IEquals(k, "ETag")) return {};
  bool marked = false;
  for (std::string_view m : kMarkers) marked = marked || reply.body.find(m) != std::string::npos;
  if (!marked) return {};
  json body = json::parse(reply.body, nullptr, false);
  if (body.is_discarded()) return {};
  SRM_TRY(NameReferences(d, p, body));
  reply.body = SafeDump(body);
  return {};
}

Handler WithReferenceNames(Handler inner, const ApiDeps* d) {
  return [inner = std::move(inner), d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(reply, inner(c));
    SRM_TRY(NameReferencesInReply(*d, c.principal, reply));
    return reply;
  };
}

}  // namespace srm::api
