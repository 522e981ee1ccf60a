// Names beside the ids an answer points at (reference_names.h).
#include "api/reference_names.h"

#include <map>
#include <set>
#include <string_view>
#include <utility>

#include "service/scope.h"

namespace srm::api {
namespace {

// The JSON objects of an answer that point at something, gathered in one walk; filled after the
// lookups. Pointers stay valid: filling adds keys to objects, it never moves a value.
struct Refs {
  std::vector<json*> users, sras, specific_sras, measures, egs, countries;
  std::set<std::string> user_ids, sra_ids, doc_sra_ids, egs_ids;  // doc_sra_ids: SRAs whose measures are named
  // Records that name who acted by username alone (a leg's decided_by, a history entry's by):
  // the object and the key, named beside it as <key>_name.
  std::vector<std::pair<json*, std::string>> by_username;
  std::set<std::string> usernames;
};

// The keys whose text value is the username of who acted, and the key their name goes under.
constexpr std::pair<const char*, const char*> kUsernameKeys[] = {
    {"by", "by_name"},           {"decided_by", "decided_by_name"},     {"coordinated_by", "coordinated_by_name"},
    {"recorded_by", "recorded_by_name"}, {"confirmed_by", "confirmed_by_name"}, {"created_by", "created_by_name"},
    {"actor", "actor_name"}};

bool IsText(const json& o, const char* key) {
  const auto it = o.find(key);
  return it != o.end() && it->is_string();
}

// What an object points at and is not named yet, one test per kind (shared by Gather and
// HasReferences, so the two never disagree).
bool NeedsUser(const json& o) { return IsText(o, "id") && IsText(o, "username") && !o.contains("display_name"); }
bool NeedsBy(const json& o, const std::pair<const char*, const char*>& k) {
  const auto it = o.find(k.first);
  return it != o.end() && it->is_string() && !it->get_ref<const std::string&>().empty() && !o.contains(k.second);
}
bool NeedsSra(const json& o) { return IsText(o, "sra_id") && !o.contains("sra_title"); }
bool NeedsSpecific(const json& o) { return IsText(o, "specific_sra_id") && !o.contains("specific_sra_title"); }
bool NeedsMeasure(const json& o) {
  return IsText(o, "measure_id") && IsText(o, "sra_id") && !o.contains("measure_description");
}
bool NeedsEgs(const json& o) { return IsText(o, "egs_decision_id") && !o.contains("egs_decision_name"); }
// A grant {role, org_id, country_id, area_id} is sent back as it is read (PUT /users/{id}): left alone.
bool NeedsCountry(const json& o) { return o.contains("country_id") && !o.contains("country_name") && !o.contains("org_id"); }

bool NeedsAny(const json& o) {
  if (NeedsUser(o) || NeedsSra(o) || NeedsSpecific(o) || NeedsMeasure(o) || NeedsEgs(o) || NeedsCountry(o)) return true;
  for (const auto& k : kUsernameKeys)
    if (NeedsBy(o, k)) return true;
  return false;
}

bool HasReferencesAt(const json& j, int depth) {
  if (depth > 64) return false;
  if (j.is_array()) {
    for (const auto& x : j)
      if (x.is_structured() && HasReferencesAt(x, depth + 1)) return true;
    return false;
  }
  if (!j.is_object()) return false;
  if (NeedsAny(j)) return true;
  for (const auto& [k, v] : j.items())
    if (v.is_structured() && HasReferencesAt(v, depth + 1)) return true;
  return false;
}

void Gather(json& j, Refs* r, int depth = 0) {
  if (depth > 64) return;
  if (j.is_array()) {
    for (auto& x : j)
      if (x.is_structured()) Gather(x, r, depth + 1);
    return;
  }
  if (!j.is_object()) return;
  if (NeedsUser(j)) {
    r->users.push_back(&j);
    r->user_ids.insert(j["id"].get<std::string>());
  }
  for (const auto& k : kUsernameKeys)
    if (NeedsBy(j, k)) {
      r->by_username.emplace_back(&j, k.first);
      r->usernames.insert(j[k.first].get<std::string>());
    }
  if (NeedsSra(j)) {
    r->sras.push_back(&j);
    r->sra_ids.insert(j["sra_id"].get<std::string>());
  }
  if (NeedsSpecific(j)) {
    r->specific_sras.push_back(&j);
    r->sra_ids.insert(j["specific_sra_id"].get<std::string>());
  }
  if (NeedsMeasure(j)) {
    r->measures.push_back(&j);
    r->doc_sra_ids.insert(j["sra_id"].get<std::string>());
    r->sra_ids.insert(j["sra_id"].get<std::string>());  // its head says whether the reader may see it
  }
  if (NeedsEgs(j)) {
    r->egs.push_back(&j);
    r->egs_ids.insert(j["egs_decision_id"].get<std::string>());
  }
  if (NeedsCountry(j)) r->countries.push_back(&j);
  for (auto& [k, v] : j.items())
    if (v.is_structured()) Gather(v, r, depth + 1);
}

// The signed-in route running on this thread (WithReferenceNames): JsonReply names its answer on
// the json, before the one dump, and keeps a failing lookup here for the route to answer.
struct NamingScope {
  const ApiDeps* d;
  const Principal* p;
  Status status;
};
thread_local NamingScope* t_scope = nullptr;

std::vector<std::string> Vec(const std::set<std::string>& s) { return {s.begin(), s.end()}; }

std::string TextAt(const json& o, const char* key) {
  const auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The reader's rule for an SRA (service::SraService::CheckReadable): its area, then its organization.
bool MayName(const Principal& p, const store::SraRow& s) {
  return p.CanSeeArea(s.country_id, s.area_id) && service::MaySeeSra(p, s);
}

// Texts that may name a reference: an answer without any of them is passed on unparsed.
constexpr std::string_view kMarkers[] = {"\"username\"", "\"sra_id\"", "\"specific_sra_id\"", "\"egs_decision_id\"",
                                         "\"country_id\"", "_by\"", "\"by\"", "\"actor\""};

}  // namespace

bool HasReferences(const json& body) { return HasReferencesAt(body, 0); }

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
    // The SRAs' heads decide who may see them; the measures come out of the documents in the
    // database (Store::SraMeasureHeads), never the documents themselves.
    std::map<std::string, std::string> titles;
    std::map<std::pair<std::string, std::string>, std::string> measures;  // (sra id, measure id)
    SRM_ASSIGN(heads, d.store->SraHeads(Vec(r.sra_ids), false));
    for (const auto& s : heads)
      if (MayName(p, s)) titles[s.id] = s.title;
    std::vector<std::string> measure_sras;
    for (const auto& id : r.doc_sra_ids)
      if (titles.count(id)) measure_sras.push_back(id);  // named only from an SRA the reader may see
    if (!measure_sras.empty()) {
      SRM_ASSIGN(rows, d.store->SraMeasureHeads(measure_sras));
      for (auto& m : rows) measures[{m.sra_id, m.measure_id}] = std::move(m.description);
    }
    const auto title = [&](const std::string& id) {
      const auto it = titles.find(id);
      return it == titles.end() ? std::string() : it->second;
    };
    for (json* o : r.sras) (*o)["sra_title"] = title((*o)["sra_id"].get<std::string>());
    for (json* o : r.specific_sras) (*o)["specific_sra_title"] = title((*o)["specific_sra_id"].get<std::string>());
    for (json* o : r.measures) {
      // Only by a measure of that very SRA.
      const auto it = measures.find({(*o)["sra_id"].get<std::string>(), (*o)["measure_id"].get<std::string>()});
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
    // Every signed-in person reads the list of countries (GET /countries): nothing to scope. Only
    // the countries the answer names are read.
    std::set<std::string> ids;
    for (const json* o : r.countries) ids.insert(TextAt(*o, "country_id"));
    SRM_ASSIGN(names, d.store->CountryNames(Vec(ids)));
    for (json* o : r.countries) {
      const auto it = names.find(TextAt(*o, "country_id"));
      (*o)["country_name"] = it == names.end() ? std::string() : it->second;
    }
  }
  return {};
}

namespace {
// Inside a signed-in route (WithReferenceNames) and a success with a body: the answer is named.
bool Naming(int status) { return t_scope != nullptr && status >= 200 && status < 300 && status != 204; }

Reply Dumped(const json& j, int status, bool named) {
  return Reply{.status = status, .body = SafeDump(j), .content_type = "application/json", .names_filled = named};
}
}  // namespace

Reply JsonReply(json&& j, int status) {
  // NameReferences walks the json once and asks the store nothing when nothing needs a name.
  if (Naming(status) && t_scope->status) t_scope->status = NameReferences(*t_scope->d, *t_scope->p, j);
  return Dumped(j, status, Naming(status));
}

Reply JsonReply(const json& j, int status) {
  // A copy only when there is something to name in it.
  if (Naming(status) && t_scope->status && HasReferences(j)) {
    json named = j;
    t_scope->status = NameReferences(*t_scope->d, *t_scope->p, named);
    return Dumped(named, status, true);
  }
  return Dumped(j, status, Naming(status));
}

Status NameReferencesInReply(const ApiDeps& d, const Principal& p, Reply& reply) {
  if (reply.names_filled) return {};
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
    NamingScope scope{d, &c.principal, {}};
    // Restored however the handler ends (a throw is answered 500 by the server, on this thread).
    struct Restore {
      NamingScope* outer;
      ~Restore() { t_scope = outer; }
    } restore{std::exchange(t_scope, &scope)};
    auto reply = inner(c);
    t_scope = restore.outer;
    if (!reply) return reply;
    SRM_TRY(scope.status);
    // An answer not made by JsonReply (a stored text, a cached page) is named from its text.
    SRM_TRY(NameReferencesInReply(*d, c.principal, *reply));
    return reply;
  };
}

}  // namespace srm::api
