#include "service/decisions.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "domain/compliance.h"
#include "domain/sra_json.h"
#include "service/sra_scope.h"

namespace srm::service {

using domain::Role;
using nlohmann::json;
using store::DocFilter;
using store::DocRow;
using store::DocWrite;
using store::Page;
using store::PageRequest;

namespace {

constexpr const char* kClearance = "clearance";
constexpr const char* kLeg = "clearance_leg";
constexpr const char* kEgs = "egs_decision";
constexpr const char* kSpecific = "specific_sra_approval";
constexpr const char* kActivity = "activity_decision";
constexpr const char* kPcAssessment = "pc_assessment";
constexpr const char* kCompliance = "compliance_item";
constexpr const char* kNotification = "notification";
constexpr int kMaxLegs = 20;
constexpr int kMaxLegDays = 366;
constexpr const char* kFarFuture = "9999-12-31";

// ---- input checking: every refusal names the field at fault ----

Status OnlyFields(const json& body, std::initializer_list<const char*> allowed, const std::string& prefix = "") {
  if (!body.is_object()) return Invalid("invalid_type", "body must be a JSON object", prefix.empty() ? "$" : prefix);
  for (auto it = body.begin(); it != body.end(); ++it) {
    bool ok = false;
    for (const char* a : allowed) ok = ok || it.key() == a;
    if (!ok) return Invalid("unknown_field", "unknown field '" + it.key() + "'", prefix + it.key());
  }
  return {};
}

// A string field: absent -> "" (or `required` error), wrong type -> 400, too long -> 400.
Result<std::string> Text(const json& body, const char* key, bool required, size_t max_len,
                         const std::string& prefix = "") {
  const std::string field = prefix + key;
  if (!body.contains(key) || body[key].is_null()) {
    if (required) return Invalid("required", field + " is required", field);
    return std::string();
  }
  if (!body[key].is_string()) return Invalid("invalid_type", field + " must be a string", field);
  std::string s = body[key];
  if (s.size() > max_len) return Invalid("too_long", field + " must be at most " + std::to_string(max_len) + " characters", field);
  if (required && s.find_first_not_of(" \t\r\n") == std::string::npos)
    return Invalid("required", field + " must not be empty", field);
  return s;
}

Result<int> DateField(const json& body, const char* key, const std::string& prefix = "") {
  SRM_ASSIGN(s, Text(body, key, true, 10, prefix));
  auto d = domain::DayNumber(s);
  if (!d) return Invalid("invalid_date", prefix + key + " must be a date YYYY-MM-DD", prefix + key);
  return *d;
}

bool ValidId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; });
}

json Parse(const DocRow& r) {
  json j = json::parse(r.doc, nullptr, false);
  if (j.is_discarded() || !j.is_object()) j = json::object();
  j["revision"] = r.revision;
  return j;
}

// ---- scope ----

bool IsWideRole(Role r) {
  return r == Role::kAdmin || r == Role::kAuditor || r == Role::kDssDesk || r == Role::kSecurityCell ||
         r == Role::kSecurityProfessional;
}
bool GlobalReader(Role r) { return r == Role::kAdmin || r == Role::kAuditor; }

// True when the principal reads every organization's records in this area.
bool WideIn(const Principal& p, const std::string& country, const std::string& area, bool with_smt = false) {
  for (const auto& g : p.user.grants) {
    if (GlobalReader(g.role)) return true;
    if (!(IsWideRole(g.role) || (with_smt && g.role == Role::kSmt)) || !g.org_id.empty()) continue;
    if (domain::GrantCovers(g, {"", country, area})) return true;
  }
  return false;
}

// A role held for the area, whatever the organization (inter-agency roles).
bool HoldsForArea(const Principal& p, Role r, const std::string& country, const std::string& area) {
  for (const auto& g : p.user.grants)
    if (g.role == r && g.org_id.empty() && domain::GrantCovers(g, {"", country, area})) return true;
  return false;
}

// An agency role (HQ security, executive office) acts for its own organization only.
bool HoldsForOrg(const Principal& p, Role r, const std::string& org, const std::string& country,
                 const std::string& area) {
  return p.user.organization_id == org && p.HasFor(r, {org, country, area});
}

bool MayWrite(const Principal& p) {
  for (const auto& g : p.user.grants)
    if (g.role != Role::kAuditor) return true;
  return false;
}

std::string RoleLabel(const Principal& p, std::initializer_list<Role> prefer) {
  for (Role r : prefer)
    if (p.Has(r)) return std::string(domain::RoleName(r));
  return p.user.grants.empty() ? "user" : std::string(domain::RoleName(p.user.grants.front().role));
}

int LevelIndex(const domain::MethodPack& m, const std::string& name) {
  for (int i = 0; i < domain::kRiskLevels; ++i)
    if (m.risk_levels[i] == name) return i;
  return -1;
}

json Reasons(const std::vector<domain::Reason>& rs) {
  json a = json::array();
  for (const auto& r : rs) a.push_back({{"code", r.code}, {"message", r.message}});
  return a;
}

std::string LegStatusOf(const domain::LegDecision& d) {
  switch (d.outcome) {
    case domain::LegOutcome::kCleared: return "cleared";
    case domain::LegOutcome::kBlocked: return "blocked";
    case domain::LegOutcome::kReferred: return d.approver_role == "executive_office" ? "referred_executive" : "referred";
  }
  return "referred";
}

// A request is cleared when every leg is; blocked or refused when any leg is; pending otherwise.
std::string Aggregate(const std::vector<std::string>& statuses) {
  bool blocked = false, refused = false, pending = false;
  for (const auto& s : statuses) {
    blocked = blocked || s == "blocked";
    refused = refused || s == "refused";
    pending = pending || s == "referred" || s == "referred_executive";
  }
  if (blocked) return "blocked";
  if (refused) return "refused";
  if (pending) return "pending";
  return "cleared";
}

template <typename T>
Result<Page<T>> OffsetPage(std::vector<T> all, const PageRequest& page) {
  size_t offset = 0;
  if (!page.after.empty()) {
    if (page.after.size() > 12 || page.after[0] != 'o' ||
        page.after.find_first_not_of("0123456789", 1) != std::string::npos || page.after.size() < 2)
      return Invalid("bad_cursor", "unrecognised page cursor", "cursor");
    offset = std::stoul(page.after.substr(1));
  }
  const size_t limit = static_cast<size_t>(std::clamp(page.limit, 1, 500));
  Page<T> out;
  out.total = static_cast<int64_t>(all.size());
  for (size_t i = offset; i < all.size() && i < offset + limit; ++i) out.items.push_back(std::move(all[i]));
  if (offset + limit < all.size()) out.next = "o" + std::to_string(offset + limit);
  return out;
}

Page<json> JsonPage(Page<DocRow>&& rows) {
  Page<json> out;
  out.total = rows.total;
  out.next = std::move(rows.next);
  for (const auto& r : rows.items) out.items.push_back(Parse(r));
  return out;
}

}  // namespace

// ---------------------------------------------------------------- internal state

struct SpecificApproval {
  std::string approval_id, sra_id, series_id, mission_ref, org_id, area_id;
  domain::SpecificSraFacts facts;
};

struct DecisionService::AreaFacts {
  bool exists = false;
  domain::Area area;
  PackPtr pack;                              // the pack decisions use: the SRA's, else the active one
  std::optional<domain::AreaSraFacts> sra;   // the current published area SRA
  int version = 0;
  std::optional<int> current;                // its overall current risk (activities)
  std::vector<domain::EgsDecision> egs;
  bool specifics_loaded = false;
  std::vector<SpecificApproval> specifics;   // approved specific SRAs in the area
};

// Facts that are about to change in the same transaction, so reads must not see the store's.
struct DecisionService::Overrides {
  const domain::Sra* published = nullptr;    // an SRA being published
  std::vector<std::pair<std::string, domain::EgsDecision>> extra_egs;  // area -> decision being recorded
  std::optional<SpecificApproval> extra_approval;                       // a specific SRA being approved
  std::set<std::string> assessed;            // programmes whose PC assessment is being recorded
};

struct DecisionService::Batch {
  const Principal& p;
  std::string role;
  std::string now, today;
  Overrides ov;
  std::map<std::string, std::shared_ptr<AreaFacts>> facts;
  std::map<std::string, bool> assessed;
  std::map<std::string, std::vector<std::string>> org_users;
  std::vector<DocWrite> writes;
  std::vector<store::AuditEvent> audit;
  int changed_legs = 0, changed_activities = 0;

  void Audit(const std::string& action, const std::string& type, const std::string& id, const json& before,
             const json& after) {
    audit.push_back({p.user.id, p.user.username, role, action, type, id, before.is_null() ? "" : before.dump(),
                     after.is_null() ? "" : after.dump(), p.request_id});
  }
};

struct LegSpec {
  std::string area_id;
  int from_day = 0, to_day = 0;
};

struct DecisionService::LegRequest {
  std::string traveller_name, traveller_user_id, org_id, activity, programme_id, mission_ref, purpose;
  int pc = 4;
  std::vector<LegSpec> legs;
};

std::string DecisionService::Today() const { return FormatTimestamp(clock_->NowMillis()).substr(0, 10); }

namespace {

Result<std::vector<DocRow>> AllDocs(store::Store* st, DocFilter f) {
  std::vector<DocRow> out;
  PageRequest page{500, ""};
  for (int guard = 0; guard < 100000; ++guard) {
    SRM_ASSIGN(rows, st->ListDocs(f, page));
    for (auto& r : rows.items) out.push_back(std::move(r));
    if (rows.next.empty()) break;
    page.after = rows.next;
  }
  return out;
}

// Areas where the principal holds one of the roles `pick` accepts (nullopt = every area).
template <typename Pick>
Result<std::optional<std::vector<std::string>>> AreasWhere(store::Store* st, const Principal& p, Pick pick) {
  std::vector<std::string> areas, countries;
  for (const auto& g : p.user.grants) {
    if (!pick(g)) continue;
    if (GlobalReader(g.role) || (g.country_id.empty() && g.area_id.empty())) return std::optional<std::vector<std::string>>();
    if (!g.area_id.empty()) areas.push_back(g.area_id);
    else countries.push_back(g.country_id);
  }
  for (const auto& c : countries) {
    SRM_ASSIGN(list, st->ListAreas(c, false));
    for (const auto& a : list) areas.push_back(a.id);
  }
  return std::optional<std::vector<std::string>>(std::move(areas));
}

auto WidePick = [](const domain::RoleGrant& g) { return (IsWideRole(g.role) && g.org_id.empty()) || GlobalReader(g.role); };

}  // namespace

Result<std::shared_ptr<DecisionService::AreaFacts>> DecisionService::Facts(Batch& b, const std::string& area_id) {
  if (auto it = b.facts.find(area_id); it != b.facts.end()) return it->second;
  auto f = std::make_shared<AreaFacts>();
  SRM_ASSIGN(area, store_->GetArea(area_id));
  SRM_ASSIGN(active, methods_->Active());
  f->pack = active;
  if (area) {
    f->exists = true;
    f->area = *area;
  }
  const domain::Sra* pub = b.ov.published;
  if (pub && pub->kind == domain::SraKind::kArea && pub->area_id == area_id) {
    SRM_ASSIGN(pack, methods_->Get(pub->method_version));
    f->pack = pack;
    if (pub->overall_residual) {
      f->sra = domain::AreaSraFacts{pub->id, *pub->overall_residual, pub->review_due};
      f->version = pub->version;
      f->current = pub->overall_current;
    }
  } else if (f->exists) {
    store::SraFilter sf;
    sf.area_id = area_id;
    sf.statuses = {"published"};
    SRM_ASSIGN(rows, store_->ListSras(sf, {500, ""}));
    for (const auto& r : rows.items) {
      if (r.kind != "area" || r.overall_residual.empty()) continue;
      SRM_ASSIGN(pack, methods_->Get(r.method_version));
      const int residual = LevelIndex(*pack, r.overall_residual);
      if (residual < 0) continue;
      f->pack = pack;
      f->sra = domain::AreaSraFacts{r.id, residual, r.review_due};
      f->version = r.version;
      break;
    }
  }
  if (f->exists) {
    DocFilter ef;
    ef.kind = kEgs;
    ef.area_id = area_id;
    SRM_ASSIGN(egs, AllDocs(store_, ef));
    for (const auto& r : egs) {
      auto from = domain::DayNumber(r.starts_on), to = domain::DayNumber(r.ends_on);
      if (!from || !to) continue;
      f->egs.push_back({r.id, r.status == "no_go", *from, *to, r.created_at});
    }
  }
  for (const auto& [a, d] : b.ov.extra_egs)
    if (a == area_id) f->egs.push_back(d);
  b.facts[area_id] = f;
  return f;
}

Result<bool> DecisionService::PcAssessed(Batch& b, const std::string& programme_id) {
  if (programme_id.empty()) return false;
  if (b.ov.assessed.contains(programme_id)) return true;
  if (auto it = b.assessed.find(programme_id); it != b.assessed.end()) return it->second;
  SRM_ASSIGN(row, store_->GetDoc(kPcAssessment, "pca_" + programme_id));
  b.assessed[programme_id] = row.has_value();
  return row.has_value();
}

namespace {

// The approved specific SRAs of an area, still published (a later version needs its own approval).
Status LoadSpecifics(store::Store* st, const std::string& area_id, const domain::Sra* publishing,
                     std::vector<SpecificApproval>* out) {
  DocFilter f;
  f.kind = kSpecific;
  f.area_id = area_id;
  f.status = "approved";
  f.with_doc = true;
  SRM_ASSIGN(rows, AllDocs(st, f));
  for (const auto& r : rows) {
    json d = Parse(r);
    const std::string series = d.value("series_id", "");
    if (publishing && publishing->kind == domain::SraKind::kSpecific && publishing->series_id == series) continue;
    SRM_ASSIGN(sra, st->GetSra(d.value("sra_id", "")));
    if (!sra || sra->status != "published") continue;
    SpecificApproval a;
    a.approval_id = r.id;
    a.sra_id = d.value("sra_id", "");
    a.series_id = series;
    a.mission_ref = d.value("mission_ref", "");
    a.org_id = r.org_id;
    a.area_id = r.area_id;
    a.facts.sra_id = a.sra_id;
    a.facts.approval_id = r.id;
    a.facts.residual = d.value("residual_index", 0);
    if (auto from = domain::DayNumber(r.starts_on)) a.facts.from_day = *from;
    if (auto to = domain::DayNumber(r.ends_on)) a.facts.to_day = *to;
    out->push_back(std::move(a));
  }
  return {};
}

struct Evaluated {
  domain::LegDecision decision;
  PackPtr pack;
};

}  // namespace

// Decides one leg from the gathered facts.
static Result<Evaluated> EvaluateLeg(store::Store* st, DecisionService::AreaFacts& f, const domain::Sra* publishing,
                                     const std::optional<SpecificApproval>& extra, int pc, bool pc_assessed,
                                     int from_day, int to_day, const std::string& mission_ref,
                                     const std::string& org_id);

// ---------------------------------------------------------------- leg documents

namespace {

// Applies a fresh automatic decision to a leg document. A manual approval or refusal stands while
// the automatic decision still refers the leg on the same facts; any other change replaces it.
// Returns 0 = nothing changed, 1 = the facts shown changed, 2 = the status changed.
int ApplyDecision(json& leg, const domain::LegDecision& d, const domain::MethodPack& m, const std::string& now,
                  const std::string& cause) {
  const json before = leg;
  const std::string old_status = leg.value("status", "");
  const std::string residual = d.residual ? m.risk_levels[*d.residual] : "";
  const bool same_facts = leg.value("rule", "") == d.rule && leg.value("residual_risk", "") == residual &&
                          leg.value("approver_role", "") == d.approver_role &&
                          leg.value("specific_sra_id", "") == d.specific_sra_id &&
                          leg.value("egs_decision_id", "") == d.egs_id;
  leg["rule"] = d.rule;
  leg["approver_role"] = d.approver_role;
  leg["reasons"] = Reasons(d.reasons);
  leg["residual_risk"] = residual;
  leg["sra_id"] = d.sra_id;
  leg["specific_sra_id"] = d.specific_sra_id;
  leg["egs_decision_id"] = d.egs_id;
  const bool manual = old_status == "approved" || old_status == "refused";
  const std::string status = LegStatusOf(d);
  if (!(manual && d.outcome == domain::LegOutcome::kReferred && same_facts) && status != old_status) {
    leg["status"] = status;
    leg["decided_at"] = now;
    leg["decided_by"] = "system";
    leg["decided_role"] = "";
    leg["comment"] = "";
    if (!leg.contains("history")) leg["history"] = json::array();
    leg["history"].push_back({{"at", now}, {"status", status}, {"rule", d.rule}, {"by", "system"}, {"cause", cause}});
  }
  if (leg == before) return 0;
  return leg.value("status", "") != old_status ? 2 : 1;
}

DocRow LegRow(const json& leg, const std::string& owner, const std::string& created, const std::string& updated) {
  DocRow r;
  r.kind = kLeg;
  r.id = leg["id"];
  r.org_id = leg["organization_id"];
  r.country_id = leg["country_id"];
  r.area_id = leg["area_id"];
  r.status = leg["status"];
  r.starts_on = leg["from"];
  r.ends_on = leg["to"];
  r.ref_id = leg["request_id"];
  r.owner_id = owner;
  r.created_at = created;
  r.updated_at = updated;
  json body = leg;
  body.erase("revision");
  r.doc = body.dump();
  return r;
}

DocRow RequestRow(const json& req, const std::string& created, const std::string& updated) {
  DocRow r;
  r.kind = kClearance;
  r.id = req["id"];
  r.org_id = req["organization_id"];
  r.country_id = req.value("country_id", "");
  r.status = req["status"];
  r.starts_on = req["from"];
  r.ends_on = req["to"];
  r.ref_id = req.value("programme_id", "");
  r.owner_id = req["requested_by"]["id"];
  r.created_at = created;
  r.updated_at = updated;
  json body = req;
  body.erase("revision");
  body.erase("legs");
  r.doc = body.dump();
  return r;
}

}  // namespace

static Result<Evaluated> EvaluateLeg(store::Store* st, DecisionService::AreaFacts& f, const domain::Sra* publishing,
                                     const std::optional<SpecificApproval>& extra, int pc, bool pc_assessed,
                                     int from_day, int to_day, const std::string& mission_ref,
                                     const std::string& org_id) {
  domain::LegInput in;
  in.pc = pc;
  in.pc_assessed = pc_assessed;
  in.from_day = from_day;
  in.to_day = to_day;
  in.area_sra = f.sra;
  in.egs = f.egs;
  if (f.sra && f.sra->residual >= f.pack->exec_approval_from && !mission_ref.empty()) {
    if (!f.specifics_loaded) {
      SRM_TRY(LoadSpecifics(st, f.area.id, publishing, &f.specifics));
      if (extra && extra->area_id == f.area.id) f.specifics.push_back(*extra);
      f.specifics_loaded = true;
    }
    for (const auto& s : f.specifics)
      if (s.mission_ref == mission_ref && s.org_id == org_id) in.specific = s.facts;
  }
  return Evaluated{domain::DecideLeg(*f.pack, in), f.pack};
}

// ---------------------------------------------------------------- notifications

Status DecisionService::Notify(Batch& b, const std::string& user_id, const std::string& org_id, const std::string& type,
                               const std::string& object_id, const std::string& message, const json& detail) {
  if (user_id.empty()) return {};
  const std::string id = ids_->NewId("ntf");
  json doc{{"id", id},         {"type", type},       {"object_id", object_id}, {"message", message},
           {"detail", detail}, {"created_at", b.now}, {"read_at", nullptr},     {"status", "unread"}};
  DocRow r;
  r.kind = kNotification;
  r.id = id;
  r.org_id = org_id;
  r.status = "unread";
  r.ref_id = object_id;
  r.owner_id = user_id;
  r.created_at = r.updated_at = b.now;
  r.doc = doc.dump();
  b.writes.push_back({std::move(r), 0});
  return {};
}

Result<std::vector<std::string>> DecisionService::OrgUserIds(Batch& b, const std::string& org_id) {
  if (auto it = b.org_users.find(org_id); it != b.org_users.end()) return it->second;
  if (b.org_users.empty()) {
    PageRequest page{500, ""};
    b.org_users["\x01loaded"] = {};
    for (int guard = 0; guard < 10000; ++guard) {
      SRM_ASSIGN(users, store_->ListUsers(page));
      for (const auto& u : users.items)
        if (!u.disabled) b.org_users[u.organization_id].push_back(u.id);
      if (users.next.empty()) break;
      page.after = users.next;
    }
  }
  return b.org_users[org_id];
}

// ---------------------------------------------------------------- re-decision

Result<std::vector<DocRow>> DecisionService::LegsInArea(const std::string& area_id, const std::string& from,
                                                         const std::string& to) {
  DocFilter f;
  f.kind = kLeg;
  f.area_id = area_id;
  f.overlaps_from = from;
  if (!to.empty()) f.overlaps_to = to;
  f.with_doc = true;
  return AllDocs(store_, f);
}

Status DecisionService::Redecide(Batch& b, std::vector<DocRow> legs, const std::string& cause) {
  std::map<std::string, std::map<std::string, json>> touched;  // request -> leg id -> leg
  for (const auto& row : legs) {
    if (row.ends_on < b.today) continue;  // a leg that has ended is history
    json leg = Parse(row);
    const int64_t revision = row.revision;
    leg.erase("revision");
    SRM_ASSIGN(f, Facts(b, row.area_id));
    if (!f->exists) continue;
    const std::string programme = leg.value("programme_id", "");
    SRM_ASSIGN(assessed, PcAssessed(b, programme));
    leg["pc_assessed"] = assessed;
    auto from = domain::DayNumber(row.starts_on), to = domain::DayNumber(row.ends_on);
    if (!from || !to) continue;
    SRM_ASSIGN(ev, EvaluateLeg(store_, *f, b.ov.published, b.ov.extra_approval, leg.value("pc", 4), assessed, *from,
                               *to, leg.value("mission_ref", ""), row.org_id));
    const json before{{"status", leg.value("status", "")}, {"rule", leg.value("rule", "")},
                      {"residual_risk", leg.value("residual_risk", "")}};
    const int change = ApplyDecision(leg, ev.decision, *ev.pack, b.now, cause);
    if (change == 0) continue;
    ++b.changed_legs;
    b.writes.push_back({LegRow(leg, row.owner_id, row.created_at, b.now), revision});
    const json after{{"status", leg["status"]}, {"rule", leg["rule"]}, {"residual_risk", leg["residual_risk"]},
                     {"cause", cause}};
    b.Audit("clearance.leg.redecide", kLeg, row.id, before, after);
    if (change == 2) {
      const std::string msg = "Your clearance for " + leg.value("area_name", row.area_id) + " from " + row.starts_on +
                              " to " + row.ends_on + " is now " + leg.value("status", "") + ": " +
                              (leg["reasons"].empty() ? std::string() : leg["reasons"].back().value("message", ""));
      json detail{{"request_id", row.ref_id}, {"leg_id", row.id}, {"area_id", row.area_id},
                  {"before", before["status"]}, {"after", leg["status"]}, {"rule", leg["rule"]}, {"cause", cause}};
      SRM_TRY(Notify(b, row.owner_id, row.org_id, "clearance_changed", row.ref_id, msg, detail));
      const std::string traveller = leg.contains("traveller") ? leg["traveller"].value("user_id", "") : "";
      if (!traveller.empty() && traveller != row.owner_id)
        SRM_TRY(Notify(b, traveller, row.org_id, "clearance_changed", row.ref_id, msg, detail));
    }
    touched[row.ref_id][row.id] = std::move(leg);
  }
  // Each request whose legs changed gets its overall status again.
  for (auto& [request_id, changed] : touched) {
    SRM_ASSIGN(req_row, store_->GetDoc(kClearance, request_id));
    if (!req_row) continue;
    DocFilter f;
    f.kind = kLeg;
    f.ref_id = request_id;
    SRM_ASSIGN(all, AllDocs(store_, f));
    std::vector<std::string> statuses;
    for (const auto& l : all) {
      auto it = changed.find(l.id);
      statuses.push_back(it != changed.end() ? it->second.value("status", "") : l.status);
    }
    const std::string status = Aggregate(statuses);
    if (status == req_row->status) continue;
    json req = Parse(*req_row);
    req.erase("revision");
    req["status"] = status;
    req["updated_at"] = b.now;
    b.writes.push_back({RequestRow(req, req_row->created_at, b.now), req_row->revision});
    b.Audit("clearance.redecide", kClearance, request_id, {{"status", req_row->status}}, {{"status", status}, {"cause", cause}});
  }
  return {};
}

Result<PublishEffects> DecisionService::Commit(Batch& b) {
  return PublishEffects{std::move(b.writes), std::move(b.audit)};
}

Result<PublishEffects> DecisionService::OnPublish(const Principal& p, const domain::Sra& sra, const domain::MethodPack&) {
  Batch b{p, "dss_desk", FormatTimestamp(clock_->NowMillis()), Today(), {}, {}, {}, {}, {}, {}, 0, 0};
  b.ov.published = &sra;
  const std::string cause = "sra_published:" + sra.id;
  if (sra.kind == domain::SraKind::kArea) {
    SRM_ASSIGN(legs, LegsInArea(sra.area_id, b.today, ""));
    SRM_TRY(Redecide(b, std::move(legs), cause));
    SRM_TRY(RedecideActivities(b, sra.area_id, cause));
    return Commit(b);
  }
  // A specific SRA: its approval path starts; approvals of earlier versions no longer count.
  SRM_ASSIGN(pack, methods_->Get(sra.method_version));
  SRM_ASSIGN(area, store_->GetArea(sra.area_id));
  DocFilter f;
  f.kind = kSpecific;
  f.area_id = sra.area_id;
  f.with_doc = true;
  SRM_ASSIGN(earlier, AllDocs(store_, f));
  for (const auto& r : earlier) {
    json d = Parse(r);
    if (d.value("series_id", "") != sra.series_id || r.status == "superseded") continue;
    d.erase("revision");
    const std::string before = r.status;
    d["status"] = "superseded";
    d["history"].push_back({{"at", b.now}, {"action", "supersede"}, {"by", p.user.username}, {"comment", "version " + std::to_string(sra.version) + " published"}});
    DocRow w = r;
    w.status = "superseded";
    w.updated_at = b.now;
    w.doc = d.dump();
    b.writes.push_back({std::move(w), r.revision});
    b.Audit("specific_sra.supersede", kSpecific, r.id, {{"status", before}}, {{"status", "superseded"}});
  }
  json doc{{"id", "ssa_" + sra.id},
           {"sra_id", sra.id},
           {"series_id", sra.series_id},
           {"version", sra.version},
           {"title", sra.title},
           {"mission_ref", sra.mission_ref},
           {"organization_id", sra.organization_id},
           {"area_id", sra.area_id},
           {"area_name", area ? area->name : sra.area_id},
           {"country_id", sra.country_id},
           {"residual_risk", sra.overall_residual ? json(pack->risk_levels[*sra.overall_residual]) : json(nullptr)},
           {"residual_index", sra.overall_residual.value_or(0)},
           {"from", sra.scope.from_date},
           {"to", sra.scope.to_date},
           {"status", "awaiting_coordination"},
           {"published_at", sra.published_at},
           {"history", json::array()}};
  DocRow r;
  r.kind = kSpecific;
  r.id = doc["id"];
  r.org_id = sra.organization_id;
  r.country_id = sra.country_id;
  r.area_id = sra.area_id;
  r.status = "awaiting_coordination";
  r.starts_on = domain::DayNumber(sra.scope.from_date) ? sra.scope.from_date : "";
  r.ends_on = domain::DayNumber(sra.scope.to_date) ? sra.scope.to_date : "";
  r.ref_id = sra.id;
  r.created_at = r.updated_at = b.now;
  r.doc = doc.dump();
  b.writes.push_back({std::move(r), 0});
  b.Audit("specific_sra.open", kSpecific, doc["id"], nullptr, {{"status", "awaiting_coordination"}});
  // Legs of this mission that relied on an earlier version's approval are decided again.
  SRM_ASSIGN(legs, LegsInArea(sra.area_id, b.today, ""));
  std::vector<DocRow> mine;
  for (auto& l : legs) {
    json d = json::parse(l.doc, nullptr, false);
    if (!d.is_discarded() && d.value("mission_ref", "") == sra.mission_ref && l.org_id == sra.organization_id)
      mine.push_back(std::move(l));
  }
  SRM_TRY(Redecide(b, std::move(mine), cause));
  return Commit(b);
}

// ---------------------------------------------------------------- clearance

Result<DecisionService::LegRequest> DecisionService::ParseClearance(const Principal& p, const json& body) {
  SRM_TRY(OnlyFields(body, {"traveller", "organization_id", "activity", "pc", "programme_id", "mission_ref", "purpose",
                            "legs"}));
  LegRequest r;
  if (body.contains("traveller")) {
    const json& t = body["traveller"];
    // A traveller is a user: named by user id (the name, if given, must be theirs), so that nobody
    // decides a leg they travel on.
    SRM_TRY(OnlyFields(t, {"name", "user_id"}, "traveller."));
    SRM_ASSIGN(name, Text(t, "name", false, 200, "traveller."));
    SRM_ASSIGN(uid, Text(t, "user_id", true, 64, "traveller."));
    SRM_ASSIGN(u, store_->GetUser(uid));
    if (!u) return Unprocessable("unknown_user", "no user '" + uid + "'", "traveller.user_id");
    const std::string known = u->display_name.empty() ? u->username : u->display_name;
    if (!name.empty() && name != known && name != u->username)
      return Unprocessable("traveller_mismatch", "traveller.name is not the name of user '" + uid + "'", "traveller.name");
    r.traveller_name = known;
    r.traveller_user_id = u->id;
  } else {
    r.traveller_name = p.user.display_name.empty() ? p.user.username : p.user.display_name;
    r.traveller_user_id = p.user.id;
  }
  SRM_ASSIGN(org, Text(body, "organization_id", false, 64));
  r.org_id = org.empty() ? p.user.organization_id : org;
  if (r.org_id != p.user.organization_id)
    return Forbidden("a clearance request is filed for your own organization (" + p.user.organization_id + ")");
  SRM_ASSIGN(programme, Text(body, "programme_id", false, 64));
  SRM_ASSIGN(activity, Text(body, "activity", false, 200));
  r.programme_id = programme;
  r.activity = activity;
  std::optional<int> pc;
  if (body.contains("pc") && !body["pc"].is_null()) {
    if (!body["pc"].is_number_integer()) return Invalid("invalid_type", "pc must be an integer 1-4", "pc");
    const auto v = body["pc"].get<int64_t>();
    if (v < 1 || v > 4) return Unprocessable("invalid_pc", "pc must be 1 (highest) to 4", "pc");
    pc = static_cast<int>(v);
  }
  if (!programme.empty()) {
    SRM_ASSIGN(prog, FindProgramme(programme));
    if (!prog) return Unprocessable("unknown_programme", "no programme '" + programme + "'", "programme_id");
    if (prog->organization_id != r.org_id)
      return Unprocessable("programme_not_of_organization", "the programme belongs to another organization", "programme_id");
    if (pc && *pc != prog->pc)
      return Unprocessable("pc_mismatch", "the programme's criticality is PC" + std::to_string(prog->pc), "pc");
    pc = prog->pc;
    if (r.activity.empty()) r.activity = prog->activity;
  }
  if (!pc) return Invalid("required", "pc is required (or a programme_id that carries it)", "pc");
  r.pc = *pc;
  if (r.activity.empty()) return Invalid("required", "activity is required", "activity");
  SRM_ASSIGN(mission, Text(body, "mission_ref", false, 100));
  SRM_ASSIGN(purpose, Text(body, "purpose", false, 2000));
  r.mission_ref = mission;
  r.purpose = purpose;
  if (!body.contains("legs")) return Invalid("required", "legs is required: the itinerary of areas and dates", "legs");
  if (!body["legs"].is_array()) return Invalid("invalid_type", "legs must be an array", "legs");
  if (body["legs"].empty()) return Unprocessable("no_legs", "an itinerary has at least one leg", "legs");
  if (body["legs"].size() > kMaxLegs)
    return Invalid("too_many", "at most " + std::to_string(kMaxLegs) + " legs per request", "legs");
  const int today = *domain::DayNumber(Today());
  for (size_t i = 0; i < body["legs"].size(); ++i) {
    const json& l = body["legs"][i];
    const std::string prefix = "legs[" + std::to_string(i) + "].";
    SRM_TRY(OnlyFields(l, {"area_id", "from", "to"}, prefix));
    SRM_ASSIGN(area_id, Text(l, "area_id", true, 64, prefix));
    SRM_ASSIGN(from, DateField(l, "from", prefix));
    SRM_ASSIGN(to, DateField(l, "to", prefix));
    if (to < from) return Unprocessable("invalid_window", "a leg ends on or after the day it starts", prefix + "to");
    if (to - from + 1 > kMaxLegDays)
      return Unprocessable("leg_too_long", "a leg lasts at most " + std::to_string(kMaxLegDays) + " days", prefix + "to");
    if (from < today) return Unprocessable("date_in_past", "a leg cannot start before today", prefix + "from");
    SRM_ASSIGN(area, store_->GetArea(area_id));
    if (!area) return Unprocessable("unknown_area", "unknown area '" + area_id + "'", prefix + "area_id");
    r.legs.push_back({area_id, from, to});
  }
  return r;
}

Result<std::optional<domain::Programme>> DecisionService::FindProgramme(const std::string& id) {
  if (!ValidId(id)) return std::optional<domain::Programme>();
  SRM_ASSIGN(all, store_->ListProgrammes(""));
  for (auto& pr : all)
    if (pr.id == id) return std::optional<domain::Programme>(std::move(pr));
  return std::optional<domain::Programme>();
}

Result<json> DecisionService::DecideNew(Batch& b, const LegRequest& r, const std::string& request_id, bool preview) {
  json legs = json::array();
  std::vector<std::string> statuses;
  std::set<std::string> countries;
  int min_day = r.legs.front().from_day, max_day = r.legs.front().to_day;
  SRM_ASSIGN(assessed, PcAssessed(b, r.programme_id));
  for (size_t i = 0; i < r.legs.size(); ++i) {
    const LegSpec& l = r.legs[i];
    SRM_ASSIGN(f, Facts(b, l.area_id));
    SRM_ASSIGN(ev, EvaluateLeg(store_, *f, nullptr, std::nullopt, r.pc, assessed, l.from_day, l.to_day,
                               r.mission_ref, r.org_id));
    json leg{{"id", preview ? "" : ids_->NewId("leg")},
             {"request_id", request_id},
             {"seq", i + 1},
             {"organization_id", r.org_id},
             {"traveller", {{"name", r.traveller_name}, {"user_id", r.traveller_user_id}}},
             {"requested_by", {{"id", b.p.user.id}, {"username", b.p.user.username}}},
             {"activity", r.activity},
             {"pc", r.pc},
             {"programme_id", r.programme_id},
             {"pc_assessed", assessed},
             {"mission_ref", r.mission_ref},
             {"area_id", l.area_id},
             {"area_name", f->area.name},
             {"country_id", f->area.country_id},
             {"from", domain::DayString(l.from_day)},
             {"to", domain::DayString(l.to_day)},
             {"status", ""},
             {"history", json::array()}};
    ApplyDecision(leg, ev.decision, *ev.pack, b.now, "requested");
    statuses.push_back(leg["status"]);
    countries.insert(f->area.country_id);
    min_day = std::min(min_day, l.from_day);
    max_day = std::max(max_day, l.to_day);
    legs.push_back(std::move(leg));
  }
  json req{{"id", request_id},
           {"traveller", {{"name", r.traveller_name}, {"user_id", r.traveller_user_id}}},
           {"organization_id", r.org_id},
           {"country_id", countries.size() == 1 ? *countries.begin() : std::string()},
           {"activity", r.activity},
           {"pc", r.pc},
           {"programme_id", r.programme_id},
           {"mission_ref", r.mission_ref},
           {"purpose", r.purpose},
           {"status", Aggregate(statuses)},
           {"from", domain::DayString(min_day)},
           {"to", domain::DayString(max_day)},
           {"requested_by", {{"id", b.p.user.id}, {"username", b.p.user.username}}},
           {"created_at", b.now},
           {"updated_at", b.now}};
  if (!preview) {
    json ids = json::array();
    for (const auto& l : legs) ids.push_back(l["id"]);
    req["leg_ids"] = ids;
    b.writes.push_back({RequestRow(req, b.now, b.now), 0});
    for (const auto& l : legs) b.writes.push_back({LegRow(l, b.p.user.id, b.now, b.now), 0});
    json summary = json::array();
    for (const auto& l : legs) summary.push_back({{"area_id", l["area_id"]}, {"from", l["from"]}, {"to", l["to"]},
                                                  {"status", l["status"]}, {"rule", l["rule"]}});
    b.Audit("clearance.create", kClearance, request_id, nullptr, {{"status", req["status"]}, {"legs", summary}});
    req["revision"] = 1;
    for (auto& l : legs) l["revision"] = 1;
  }
  req["legs"] = std::move(legs);
  return req;
}

Result<json> DecisionService::CreateClearance(const Principal& p, const json& body) {
  if (!MayWrite(p)) return Forbidden("an auditor's access is read-only");
  SRM_ASSIGN(r, ParseClearance(p, body));
  Batch b{p, RoleLabel(p, {}), FormatTimestamp(clock_->NowMillis()), Today(), {}, {}, {}, {}, {}, {}, 0, 0};
  SRM_ASSIGN(out, DecideNew(b, r, ids_->NewId("clr"), false));
  SRM_TRY(store_->Write({}, b.writes, b.audit));
  return out;
}

Result<json> DecisionService::PreviewClearance(const Principal& p, const json& body) {
  SRM_ASSIGN(r, ParseClearance(p, body));
  Batch b{p, RoleLabel(p, {}), FormatTimestamp(clock_->NowMillis()), Today(), {}, {}, {}, {}, {}, {}, 0, 0};
  return DecideNew(b, r, "", true);
}

namespace {
// Readable: the request's own organization; a cross-organization reader covering one of its legs.
bool MayReadRequest(const Principal& p, const DocRow& req, const std::vector<DocRow>& legs) {
  if (req.org_id == p.user.organization_id) return true;
  for (const auto& l : legs)
    if (WideIn(p, l.country_id, l.area_id)) return true;
  return WideIn(p, "\x01", "\x01");  // a global reader
}
}  // namespace

Result<json> DecisionService::GetClearance(const Principal& p, const std::string& id) {
  if (!ValidId(id)) return NotFound("clearance request");
  SRM_ASSIGN(row, store_->GetDoc(kClearance, id));
  if (!row) return NotFound("clearance request " + id);
  DocFilter f;
  f.kind = kLeg;
  f.ref_id = id;
  f.with_doc = true;
  SRM_ASSIGN(legs, AllDocs(store_, f));
  if (!MayReadRequest(p, *row, legs)) return Forbidden("this request belongs to another organization");
  json out = Parse(*row);
  json items = json::array();
  for (const auto& l : legs) items.push_back(Parse(l));
  std::sort(items.begin(), items.end(), [](const json& a, const json& b) { return a.value("seq", 0) < b.value("seq", 0); });
  out["legs"] = std::move(items);
  return out;
}

Result<Page<json>> DecisionService::ListClearances(const Principal& p, const std::string& status,
                                                    const std::string& org_id, const PageRequest& page) {
  DocFilter f;
  f.kind = kClearance;
  f.status = status;
  f.with_doc = true;
  bool global = false;
  for (const auto& g : p.user.grants) global = global || (WidePick(g) && (GlobalReader(g.role) || (g.country_id.empty() && g.area_id.empty())));
  if (global) {
    f.org_id = org_id;
  } else {
    // Cross-organization readers scoped to one country see that country's requests; everyone
    // else sees their own organization's.
    std::set<std::string> countries;
    for (const auto& g : p.user.grants)
      if (WidePick(g) && !g.country_id.empty() && g.area_id.empty()) countries.insert(g.country_id);
    if (countries.size() == 1 && (org_id.empty() || org_id != p.user.organization_id)) {
      f.country_id = *countries.begin();
      f.org_id = org_id;
    } else {
      if (!org_id.empty() && org_id != p.user.organization_id)
        return Forbidden("you see the requests of your own organization only");
      f.org_id = p.user.organization_id;
    }
  }
  SRM_ASSIGN(rows, store_->ListDocs(f, page));
  return JsonPage(std::move(rows));
}

Result<Page<json>> DecisionService::ClearanceInbox(const Principal& p, const std::string& queue, const PageRequest& page) {
  const bool security = p.Has(Role::kSecurityCell) || p.Has(Role::kDssDesk);
  const bool executive = p.Has(Role::kExecutiveOffice);
  std::string q = queue;
  if (q.empty()) q = security ? "security" : executive ? "executive" : "";
  if (q.empty()) return Page<json>{};
  if (q != "security" && q != "executive")
    return Invalid("invalid_value", "queue must be security or executive", "queue");
  DocFilter f;
  f.kind = kLeg;
  f.with_doc = true;
  if (q == "security") {
    if (!security) return Forbidden("the security queue is for the security cell and the DSS desk");
    f.status = "referred";
    SRM_ASSIGN(areas, AreasWhere(store_, p, [](const domain::RoleGrant& g) {
      return (g.role == Role::kSecurityCell || g.role == Role::kDssDesk) && g.org_id.empty();
    }));
    if (areas) {
      f.restrict_areas = true;
      f.area_ids = std::move(*areas);
    }
  } else {
    if (!executive) return Forbidden("the executive queue is for the executive head's office");
    f.status = "referred_executive";
    f.org_id = p.user.organization_id;
    SRM_ASSIGN(areas, AreasWhere(store_, p, [](const domain::RoleGrant& g) { return g.role == Role::kExecutiveOffice; }));
    if (areas) {
      f.restrict_areas = true;
      f.area_ids = std::move(*areas);
    }
  }
  SRM_ASSIGN(rows, store_->ListDocs(f, page));
  return JsonPage(std::move(rows));
}

Result<json> DecisionService::DecideReferredLeg(const Principal& p, const std::string& request_id,
                                                const std::string& leg_id, const json& body) {
  if (!ValidId(request_id) || !ValidId(leg_id)) return NotFound("leg");
  SRM_TRY(OnlyFields(body, {"action", "comment", "revision"}));
  SRM_ASSIGN(action, Text(body, "action", true, 16));
  if (action != "approve" && action != "refuse")
    return Unprocessable("unknown_action", "action must be approve or refuse", "action");
  SRM_ASSIGN(comment, Text(body, "comment", false, 5000));
  SRM_ASSIGN(row, store_->GetDoc(kLeg, leg_id));
  if (!row || row->ref_id != request_id) return NotFound("leg " + leg_id + " of request " + request_id);
  if (body.contains("revision") && (!body["revision"].is_number_integer() || body["revision"].get<int64_t>() != row->revision))
    return Conflict("stale_revision", "this leg was decided again since you read it; reload it");
  json leg = Parse(*row);
  leg.erase("revision");
  const bool cross = WideIn(p, row->country_id, row->area_id);
  if (row->org_id != p.user.organization_id && !cross && !p.Has(Role::kExecutiveOffice))
    return Forbidden("this request belongs to another organization");
  if (row->status != "referred" && row->status != "referred_executive")
    return Conflict("not_referred", "only a referred leg is decided by an approver; this one is " + row->status +
                                        (row->status == "blocked" ? " and no approver can override it" : ""));
  std::string role;
  if (row->status == "referred") {
    if (HoldsForArea(p, Role::kSecurityCell, row->country_id, row->area_id)) role = "security_cell";
    else if (HoldsForArea(p, Role::kDssDesk, row->country_id, row->area_id)) role = "dss_desk";
    else return Forbidden("a referred leg is decided by the security cell or the DSS desk for its area");
  } else {
    if (!HoldsForOrg(p, Role::kExecutiveOffice, row->org_id, row->country_id, row->area_id))
      return Forbidden("a Very High residual risk is accepted only by the executive head's office of " + row->org_id);
    role = "executive_office";
  }
  const std::string traveller =
      leg.contains("traveller") && leg["traveller"].is_object() ? leg["traveller"].value("user_id", "") : "";
  if (row->owner_id == p.user.id || traveller == p.user.id)
    return Fail(ErrorKind::kForbidden, "self_approval", "nobody decides their own clearance");
  // A leg recorded before travellers were users names its traveller by name only: nobody can be
  // shown not to be that person, so nobody decides it (it stays readable and is re-decided by the
  // rules as facts change); the requester files it again naming the traveller's user account.
  if (traveller.empty())
    return Conflict("traveller_unidentified",
                    "this leg names its traveller by name only, so nobody can be shown not to be deciding their own "
                    "travel; file the request again naming the traveller's user account");
  if (comment.find_first_not_of(" \t\r\n") == std::string::npos)
    return Unprocessable("comment_required", "say why the leg is " + std::string(action == "approve" ? "approved" : "refused"), "comment");
  Batch b{p, role, FormatTimestamp(clock_->NowMillis()), Today(), {}, {}, {}, {}, {}, {}, 0, 0};
  const std::string status = action == "approve" ? "approved" : "refused";
  const std::string before = row->status;
  leg["status"] = status;
  leg["decided_at"] = b.now;
  leg["decided_by"] = p.user.username;
  leg["decided_role"] = role;
  leg["comment"] = comment;
  leg["history"].push_back({{"at", b.now}, {"status", status}, {"rule", leg.value("rule", "")}, {"by", p.user.username},
                            {"role", role}, {"comment", comment}});
  b.writes.push_back({LegRow(leg, row->owner_id, row->created_at, b.now), row->revision});
  b.Audit("clearance.leg." + action, kLeg, leg_id, {{"status", before}}, {{"status", status}, {"comment", comment}});
  // The request's overall status.
  SRM_ASSIGN(req_row, store_->GetDoc(kClearance, request_id));
  if (req_row) {
    DocFilter f;
    f.kind = kLeg;
    f.ref_id = request_id;
    SRM_ASSIGN(all, AllDocs(store_, f));
    std::vector<std::string> statuses;
    for (const auto& l : all) statuses.push_back(l.id == leg_id ? status : l.status);
    const std::string agg = Aggregate(statuses);
    if (agg != req_row->status) {
      json req = Parse(*req_row);
      req.erase("revision");
      req["status"] = agg;
      req["updated_at"] = b.now;
      b.writes.push_back({RequestRow(req, req_row->created_at, b.now), req_row->revision});
      b.Audit("clearance.decide", kClearance, request_id, {{"status", req_row->status}}, {{"status", agg}});
    }
  }
  const std::string msg = "Your clearance for " + leg.value("area_name", row->area_id) + " from " + row->starts_on +
                          " to " + row->ends_on + " was " + status + " by " + p.user.username + ": " + comment;
  json detail{{"request_id", request_id}, {"leg_id", leg_id}, {"before", before}, {"after", status}};
  SRM_TRY(Notify(b, row->owner_id, row->org_id, "clearance_decided", request_id, msg, detail));
  if (!traveller.empty() && traveller != row->owner_id)
    SRM_TRY(Notify(b, traveller, row->org_id, "clearance_decided", request_id, msg, detail));
  SRM_TRY(store_->Write({}, b.writes, b.audit));
  leg["revision"] = row->revision + 1;
  return leg;
}

Result<Page<json>> DecisionService::Headcount(const Principal& p, const std::string& area_id, const std::string& date,
                                              const PageRequest& page) {
  if (!ValidId(area_id)) return NotFound("area");
  SRM_ASSIGN(area, store_->GetArea(area_id));
  if (!area) return NotFound("area " + area_id);
  if (!p.CanSeeArea(area->country_id, area->id)) return Forbidden("this area is outside your scope");
  std::string day = date.empty() ? Today() : date;
  if (!domain::DayNumber(day)) return Invalid("invalid_date", "date must be YYYY-MM-DD", "date");
  DocFilter f;
  f.kind = kLeg;
  f.area_id = area_id;
  f.statuses = {"cleared", "approved"};
  f.active_on = day;
  f.with_doc = true;
  if (!WideIn(p, area->country_id, area->id, /*with_smt=*/true)) f.org_id = p.user.organization_id;
  SRM_ASSIGN(rows, store_->ListDocs(f, page));
  Page<json> out;
  out.total = rows.total;
  out.next = rows.next;
  for (const auto& r : rows.items) {
    json l = Parse(r);
    out.items.push_back({{"traveller", l["traveller"]}, {"organization_id", r.org_id}, {"request_id", r.ref_id},
                         {"leg_id", r.id}, {"from", r.starts_on}, {"to", r.ends_on}, {"status", r.status},
                         {"mission_ref", l.value("mission_ref", "")}, {"activity", l.value("activity", "")}});
  }
  return out;
}

// ---------------------------------------------------------------- EGS

Result<json> DecisionService::RecordEgs(const Principal& p, const json& body) {
  SRM_TRY(OnlyFields(body, {"area_id", "decision", "from", "to", "reason", "meeting_ref"}));
  SRM_ASSIGN(area_id, Text(body, "area_id", true, 64));
  SRM_ASSIGN(decision, Text(body, "decision", true, 16));
  if (decision != "go" && decision != "no_go")
    return Unprocessable("invalid_decision", "decision must be go or no_go", "decision");
  SRM_ASSIGN(from, DateField(body, "from"));
  SRM_ASSIGN(to, DateField(body, "to"));
  SRM_ASSIGN(reason, Text(body, "reason", true, 5000));
  SRM_ASSIGN(meeting, Text(body, "meeting_ref", false, 200));
  if (to < from) return Unprocessable("invalid_window", "the window ends on or after the day it starts", "to");
  if (to - from > 3660) return Unprocessable("window_too_long", "a decision covers at most ten years", "to");
  SRM_ASSIGN(area, store_->GetArea(area_id));
  if (!area) return Unprocessable("unknown_area", "unknown area '" + area_id + "'", "area_id");
  if (!HoldsForArea(p, Role::kDssDesk, area->country_id, area->id))
    return Forbidden("EGS decisions are recorded by the DSS regional desk (the EGS secretariat) for the area");
  Batch b{p, "dss_desk", FormatTimestamp(clock_->NowMillis()), Today(), {}, {}, {}, {}, {}, {}, 0, 0};
  const std::string id = ids_->NewId("egs");
  json doc{{"id", id},
           {"area_id", area->id},
           {"area_name", area->name},
           {"country_id", area->country_id},
           {"decision", decision},
           {"from", domain::DayString(from)},
           {"to", domain::DayString(to)},
           {"reason", reason},
           {"meeting_ref", meeting},
           {"recorded_by", {{"id", p.user.id}, {"username", p.user.username}}},
           {"decided_at", b.now}};
  DocRow r;
  r.kind = kEgs;
  r.id = id;
  r.country_id = area->country_id;
  r.area_id = area->id;
  r.status = decision;
  r.starts_on = doc["from"];
  r.ends_on = doc["to"];
  r.owner_id = p.user.id;
  r.created_at = r.updated_at = b.now;
  r.doc = doc.dump();
  b.writes.push_back({std::move(r), 0});
  b.Audit("egs.record", kEgs, id, nullptr, doc);
  b.ov.extra_egs.push_back({area->id, {id, decision == "no_go", from, to, b.now}});
  if (domain::DayString(to) >= b.today) {
    const std::string lo = std::max(domain::DayString(from), b.today);
    SRM_ASSIGN(legs, LegsInArea(area->id, lo, domain::DayString(to)));
    SRM_TRY(Redecide(b, std::move(legs), "egs:" + id));
    SRM_TRY(RedecideActivities(b, area->id, "egs:" + id));
  }
  const int changed = b.changed_legs, activities = b.changed_activities;
  SRM_TRY(store_->Write({}, b.writes, b.audit));
  doc["revision"] = 1;
  doc["redecided_legs"] = changed;
  doc["redecided_activities"] = activities;
  return doc;
}

Result<json> DecisionService::GetEgs(const Principal& p, const std::string& id) {
  if (!ValidId(id)) return NotFound("EGS decision");
  SRM_ASSIGN(row, store_->GetDoc(kEgs, id));
  if (!row) return NotFound("EGS decision " + id);
  if (!p.CanSeeArea(row->country_id, row->area_id)) return Forbidden("this area is outside your scope");
  return Parse(*row);
}

Result<Page<json>> DecisionService::ListEgs(const Principal& p, const std::string& area_id, const PageRequest& page) {
  DocFilter f;
  f.kind = kEgs;
  f.area_id = area_id;
  f.with_doc = true;
  SRM_ASSIGN(areas, AreasWhere(store_, p, [](const domain::RoleGrant&) { return true; }));
  if (areas) {
    f.restrict_areas = true;
    f.area_ids = std::move(*areas);
  }
  SRM_ASSIGN(rows, store_->ListDocs(f, page));
  return JsonPage(std::move(rows));
}

// ---------------------------------------------------------------- specific SRAs

Result<json> DecisionService::GetSpecific(const Principal& p, const std::string& sra_id) {
  if (!ValidId(sra_id)) return NotFound("specific SRA");
  SRM_ASSIGN(row, store_->GetDoc(kSpecific, "ssa_" + sra_id));
  if (!row) return NotFound("approval of specific SRA " + sra_id + " (is it a published specific SRA?)");
  if (!MaySeeSra(p, "specific", row->org_id, row->country_id, row->area_id))
    return Forbidden("this specific SRA belongs to another organization");
  return Parse(*row);
}

Result<Page<json>> DecisionService::ListSpecific(const Principal& p, const std::string& status, bool awaiting_me,
                                                 const PageRequest& page) {
  DocFilter f;
  f.kind = kSpecific;
  f.status = status;
  f.with_doc = true;
  if (awaiting_me) {
    // HQ security coordinates, the executive office decides: each sees its organization's queue.
    std::vector<std::string> st;
    if (p.Has(Role::kHqSecurity)) st.push_back("awaiting_coordination");
    if (p.Has(Role::kExecutiveOffice)) st.push_back("coordinated");
    if (st.empty()) return Page<json>{};
    f.status.clear();
    f.statuses = st;
    f.org_id = p.user.organization_id;
  }
  // The read rule of specific SRAs (service/sra_scope.h), in the store query.
  SRM_TRY(ScopeSraDocList(store_, p, &f));
  SRM_ASSIGN(rows, store_->ListDocs(f, page));
  return JsonPage(std::move(rows));
}

Result<json> DecisionService::TransitionSpecific(const Principal& p, const std::string& sra_id, const json& body) {
  SRM_TRY(OnlyFields(body, {"action", "comment"}));
  SRM_ASSIGN(action, Text(body, "action", true, 16));
  if (action != "coordinate" && action != "approve" && action != "refuse")
    return Unprocessable("unknown_action", "action must be coordinate, approve or refuse", "action");
  SRM_ASSIGN(comment, Text(body, "comment", false, 5000));
  if (!ValidId(sra_id)) return NotFound("specific SRA");
  SRM_ASSIGN(row, store_->GetDoc(kSpecific, "ssa_" + sra_id));
  if (!row) return NotFound("approval of specific SRA " + sra_id + " (is it a published specific SRA?)");
  json doc = Parse(*row);
  doc.erase("revision");
  const Role needed = action == "coordinate" ? Role::kHqSecurity : Role::kExecutiveOffice;
  if (!HoldsForOrg(p, needed, row->org_id, row->country_id, row->area_id))
    return Forbidden(action == "coordinate"
                         ? "a specific SRA is coordinated by the agency HQ security office of " + row->org_id
                         : "a specific SRA is approved or refused by the executive head's office of " + row->org_id);
  const std::string want = action == "coordinate" ? "awaiting_coordination" : "coordinated";
  if (row->status != want)
    return Conflict("out_of_order", "this specific SRA is " + row->status + "; " + action + " needs it " + want);
  SRM_ASSIGN(sra, store_->GetSra(sra_id));
  if (!sra || sra->status != "published")
    return Conflict("not_published", "the specific SRA is no longer the published version");
  if ((action == "approve" || action == "refuse") && comment.find_first_not_of(" \t\r\n") == std::string::npos)
    return Unprocessable("comment_required", "the executive office records why it decides", "comment");
  Batch b{p, std::string(domain::RoleName(needed)), FormatTimestamp(clock_->NowMillis()), Today(), {}, {}, {}, {}, {}, {}, 0, 0};
  const std::string to = action == "coordinate" ? "coordinated" : action == "approve" ? "approved" : "refused";
  doc["status"] = to;
  doc["history"].push_back({{"at", b.now}, {"action", action}, {"by", p.user.username}, {"role", b.role}, {"comment", comment}});
  if (action == "coordinate") doc["coordinated_by"] = p.user.username;
  else doc["decided_by"] = p.user.username;
  DocRow w = *row;
  w.status = to;
  w.updated_at = b.now;
  w.doc = doc.dump();
  b.writes.push_back({w, row->revision});
  b.Audit("specific_sra." + action, kSpecific, row->id, {{"status", row->status}}, {{"status", to}, {"comment", comment}});
  if (action == "approve") {
    SpecificApproval a;
    a.approval_id = row->id;
    a.sra_id = sra_id;
    a.series_id = doc.value("series_id", "");
    a.mission_ref = doc.value("mission_ref", "");
    a.org_id = row->org_id;
    a.area_id = row->area_id;
    a.facts = {sra_id, row->id, doc.value("residual_index", 0), std::nullopt, std::nullopt};
    if (auto d = domain::DayNumber(row->starts_on)) a.facts.from_day = *d;
    if (auto d = domain::DayNumber(row->ends_on)) a.facts.to_day = *d;
    b.ov.extra_approval = a;
    SRM_ASSIGN(legs, LegsInArea(row->area_id, b.today, ""));
    std::vector<DocRow> mine;
    for (auto& l : legs) {
      json d = json::parse(l.doc, nullptr, false);
      if (!d.is_discarded() && d.value("mission_ref", "") == a.mission_ref && l.org_id == a.org_id) mine.push_back(std::move(l));
    }
    SRM_TRY(Redecide(b, std::move(mine), "specific_sra_approved:" + sra_id));
  }
  const int changed = b.changed_legs;
  SRM_TRY(store_->Write({}, b.writes, b.audit));
  doc["revision"] = row->revision + 1;
  doc["redecided_legs"] = changed;
  return doc;
}

// ---------------------------------------------------------------- activities

Result<json> DecisionService::DecideActivity(Batch& b, const domain::Programme& prog, std::optional<DocRow> prior,
                                             const std::string& cause, bool* changed) {
  SRM_ASSIGN(f, Facts(b, prog.area_id));
  const domain::MethodPack& m = *f->pack;
  json prior_doc = prior ? Parse(*prior) : json::object();
  prior_doc.erase("revision");
  if (f->sra && !f->current) {
    SRM_ASSIGN(row, store_->GetSra(f->sra->sra_id));
    if (row) {
      json d = json::parse(row->doc, nullptr, false);
      if (!d.is_discarded()) {
        auto s = domain::SraFromJson(d);
        if (s) {
          domain::Recompute(m, &*s);  // computed levels are not read back from the document
          f->current = s->overall_current;
        }
      }
    }
  }
  domain::ActivityInput in;
  in.pc = prog.pc;
  if (f->sra) {
    in.residual = f->sra->residual;
    in.current = f->current;
    in.sra_current = f->sra->review_due.empty() || f->sra->review_due >= b.today;
  }
  SRM_ASSIGN(assessed, PcAssessed(b, prog.id));
  in.pc_assessed = assessed;
  const json approval = prior_doc.value("exec_approval", json(nullptr));
  in.exec_approved = approval.is_object() && in.residual && approval.value("residual_index", -1) >= *in.residual;
  const int today = *domain::DayNumber(b.today);
  in.egs_no_go = domain::NoGoInForce(f->egs, today, *domain::DayNumber(kFarFuture));
  const domain::ActivityDecision d = domain::DecideActivity(m, in);
  const std::string outcome = domain::ActivityOutcomeName(d.outcome);
  json options = json::array();
  for (const auto& o : d.options) options.push_back({{"option", o}, {"detail", domain::OptionDetail(o)}});
  json doc{{"id", "act_" + prog.id},
           {"programme_id", prog.id},
           {"programme_name", prog.name},
           {"activity", prog.activity},
           {"organization_id", prog.organization_id},
           {"area_id", prog.area_id},
           {"area_name", f->area.name},
           {"country_id", f->area.country_id},
           {"pc", prog.pc},
           {"sra_id", f->sra ? json(f->sra->sra_id) : json(nullptr)},
           {"residual_risk", in.residual ? json(m.risk_levels[*in.residual]) : json(nullptr)},
           {"current_risk", in.current ? json(m.risk_levels[*in.current]) : json(nullptr)},
           {"status", outcome},
           {"reasons", Reasons(d.reasons)},
           {"options", options},
           {"missing", d.missing},
           {"needs_pc_assessment", d.needs_pc_assessment},
           {"needs_exec_approval", d.needs_exec_approval},
           {"never_acceptable", d.never_acceptable},
           {"pc_assessed", assessed},
           {"exec_approval", approval},
           {"egs_decision_id", in.egs_no_go ? json(in.egs_no_go->id) : json(nullptr)},
           {"decided_at", prior_doc.value("decided_at", b.now)},
           {"history", prior_doc.value("history", json::array())}};
  *changed = prior_doc.value("status", "") != outcome;
  if (*changed) {
    doc["decided_at"] = b.now;
    doc["history"].push_back({{"at", b.now}, {"status", outcome}, {"cause", cause}});
  }
  return doc;
}

Status DecisionService::RedecideActivities(Batch& b, const std::string& area_id, const std::string& cause) {
  SRM_ASSIGN(programmes, store_->ListProgrammes(area_id));
  for (const auto& prog : programmes) {
    SRM_ASSIGN(prior, store_->GetDoc(kActivity, "act_" + prog.id));
    bool changed = false;
    SRM_ASSIGN(doc, DecideActivity(b, prog, prior, cause, &changed));
    json old = prior ? Parse(*prior) : json();
    if (prior) old.erase("revision");
    if (prior && old == doc) continue;
    DocRow r;
    r.kind = kActivity;
    r.id = doc["id"];
    r.org_id = prog.organization_id;
    r.country_id = doc["country_id"];
    r.area_id = prog.area_id;
    r.status = doc["status"];
    r.ref_id = prog.id;
    r.created_at = prior ? prior->created_at : b.now;
    r.updated_at = b.now;
    r.doc = doc.dump();
    b.writes.push_back({std::move(r), prior ? prior->revision : 0});
    if (!changed) continue;
    ++b.changed_activities;
    b.Audit("activity.decide", kActivity, doc["id"], prior ? json{{"status", old.value("status", "")}} : json(nullptr),
            {{"status", doc["status"]}, {"cause", cause}});
    if (prior) {
      SRM_ASSIGN(users, OrgUserIds(b, prog.organization_id));
      const std::string msg = "The acceptable-risk decision for '" + prog.name + "' in " + doc.value("area_name", "") +
                              " changed from " + old.value("status", "") + " to " + doc.value("status", "");
      for (const auto& u : users)
        SRM_TRY(Notify(b, u, prog.organization_id, "activity_changed", doc["id"], msg,
                       {{"programme_id", prog.id}, {"before", old.value("status", "")}, {"after", doc["status"]},
                        {"cause", cause}}));
    }
  }
  return {};
}

namespace {
bool MayReadAreaRecord(const Principal& p, const std::string& org, const std::string& country, const std::string& area) {
  return org == p.user.organization_id || WideIn(p, country, area);
}
}  // namespace

Result<json> DecisionService::GetActivity(const Principal& p, const std::string& programme_id) {
  SRM_ASSIGN(prog, FindProgramme(programme_id));
  if (!prog) return NotFound("programme " + programme_id);
  SRM_ASSIGN(area, store_->GetArea(prog->area_id));
  if (!MayReadAreaRecord(p, prog->organization_id, area ? area->country_id : "", prog->area_id))
    return Forbidden("this activity belongs to another organization");
  SRM_ASSIGN(row, store_->GetDoc(kActivity, "act_" + programme_id));
  if (row) {
    json out = Parse(*row);
    out["recorded"] = true;
    return out;
  }
  Batch b{p, "", FormatTimestamp(clock_->NowMillis()), Today(), {}, {}, {}, {}, {}, {}, 0, 0};
  bool changed = false;
  SRM_ASSIGN(doc, DecideActivity(b, *prog, std::nullopt, "computed", &changed));
  doc["recorded"] = false;
  return doc;
}

Result<Page<json>> DecisionService::ListActivities(const Principal& p, const std::string& area_id,
                                                   const std::string& status, const PageRequest& page) {
  DocFilter f;
  f.kind = kActivity;
  f.area_id = area_id;
  f.status = status;
  f.with_doc = true;
  bool any_wide = false;
  for (const auto& g : p.user.grants) any_wide = any_wide || WidePick(g);
  if (!any_wide) {
    f.org_id = p.user.organization_id;
  } else {
    SRM_ASSIGN(areas, AreasWhere(store_, p, WidePick));
    if (areas) {
      f.restrict_areas = true;
      f.area_ids = std::move(*areas);
    }
  }
  SRM_ASSIGN(rows, store_->ListDocs(f, page));
  return JsonPage(std::move(rows));
}

Result<json> DecisionService::RecordPcAssessment(const Principal& p, const std::string& programme_id, const json& body) {
  SRM_TRY(OnlyFields(body, {"comment"}));
  SRM_ASSIGN(comment, Text(body, "comment", false, 5000));
  SRM_ASSIGN(prog, FindProgramme(programme_id));
  if (!prog) return NotFound("programme " + programme_id);
  SRM_ASSIGN(area, store_->GetArea(prog->area_id));
  const std::string country = area ? area->country_id : "";
  if (!HoldsForArea(p, Role::kSmt, country, prog->area_id))
    return Forbidden("a PC assessment is recorded by the SMT of the activity's area");
  Batch b{p, "smt", FormatTimestamp(clock_->NowMillis()), Today(), {}, {}, {}, {}, {}, {}, 0, 0};
  SRM_ASSIGN(prior, store_->GetDoc(kPcAssessment, "pca_" + prog->id));
  json doc{{"id", "pca_" + prog->id}, {"programme_id", prog->id}, {"pc", prog->pc},
           {"organization_id", prog->organization_id}, {"area_id", prog->area_id}, {"comment", comment},
           {"recorded_by", p.user.username}, {"recorded_at", b.now}};
  DocRow r;
  r.kind = kPcAssessment;
  r.id = doc["id"];
  r.org_id = prog->organization_id;
  r.country_id = country;
  r.area_id = prog->area_id;
  r.status = "recorded";
  r.ref_id = prog->id;
  r.owner_id = p.user.id;
  r.created_at = prior ? prior->created_at : b.now;
  r.updated_at = b.now;
  r.doc = doc.dump();
  b.writes.push_back({std::move(r), prior ? prior->revision : 0});
  b.Audit("activity.pc_assessment", kPcAssessment, doc["id"], prior ? json::parse(prior->doc, nullptr, false) : json(nullptr), doc);
  b.ov.assessed.insert(prog->id);
  // The activity and every open clearance resting on the programme are decided again.
  SRM_TRY(RedecideActivities(b, prog->area_id, "pc_assessment:" + prog->id));
  DocFilter rf;
  rf.kind = kClearance;
  rf.ref_id = prog->id;
  rf.overlaps_from = b.today;
  SRM_ASSIGN(requests, AllDocs(store_, rf));
  std::vector<DocRow> legs;
  for (const auto& req : requests) {
    DocFilter lf;
    lf.kind = kLeg;
    lf.ref_id = req.id;
    lf.with_doc = true;
    SRM_ASSIGN(ls, AllDocs(store_, lf));
    for (auto& l : ls) legs.push_back(std::move(l));
  }
  SRM_TRY(Redecide(b, std::move(legs), "pc_assessment:" + prog->id));
  const int changed = b.changed_legs;
  SRM_TRY(store_->Write({}, b.writes, b.audit));
  doc["revision"] = prior ? prior->revision + 1 : 1;
  doc["redecided_legs"] = changed;
  return doc;
}

Result<json> DecisionService::RecordExecApproval(const Principal& p, const std::string& programme_id, const json& body) {
  SRM_TRY(OnlyFields(body, {"comment"}));
  SRM_ASSIGN(comment, Text(body, "comment", false, 5000));
  SRM_ASSIGN(prog, FindProgramme(programme_id));
  if (!prog) return NotFound("programme " + programme_id);
  SRM_ASSIGN(area, store_->GetArea(prog->area_id));
  const std::string country = area ? area->country_id : "";
  if (!HoldsForOrg(p, Role::kExecutiveOffice, prog->organization_id, country, prog->area_id))
    return Forbidden("a Very High residual risk is approved by the executive head's office of " + prog->organization_id);
  if (comment.find_first_not_of(" \t\r\n") == std::string::npos)
    return Unprocessable("comment_required", "the executive office records why it accepts the risk", "comment");
  Batch b{p, "executive_office", FormatTimestamp(clock_->NowMillis()), Today(), {}, {}, {}, {}, {}, {}, 0, 0};
  SRM_ASSIGN(prior, store_->GetDoc(kActivity, "act_" + prog->id));
  bool changed = false;
  SRM_ASSIGN(now_doc, DecideActivity(b, *prog, prior, "check", &changed));
  if (now_doc.value("never_acceptable", false))
    return Conflict("never_overridden", "an Unacceptable residual risk is never overridden");
  if (!now_doc.value("needs_exec_approval", false))
    return Conflict("not_required", "the residual risk is not Very High: no executive approval is needed");
  if (now_doc.value("status", "") == "not_acceptable")
    return Conflict("not_acceptable", "the residual risk is above the activity's PC limit; an approval cannot make it acceptable");
  SRM_ASSIGN(f, Facts(b, prog->area_id));
  json approval{{"by", p.user.username}, {"at", b.now}, {"comment", comment},
                {"residual", now_doc["residual_risk"]}, {"residual_index", f->sra ? f->sra->residual : 0},
                {"sra_id", now_doc["sra_id"]}};
  // Decide again with the approval in place (on a prior document that carries it).
  DocRow with = prior ? *prior : DocRow{};
  json base = prior ? Parse(*prior) : json::object();
  base.erase("revision");
  base["exec_approval"] = approval;
  with.doc = base.dump();
  SRM_ASSIGN(doc, DecideActivity(b, *prog, with, "exec_approval", &changed));
  if (!prior) changed = true;
  DocRow r;
  r.kind = kActivity;
  r.id = doc["id"];
  r.org_id = prog->organization_id;
  r.country_id = country;
  r.area_id = prog->area_id;
  r.status = doc["status"];
  r.ref_id = prog->id;
  r.created_at = prior ? prior->created_at : b.now;
  r.updated_at = b.now;
  r.doc = doc.dump();
  b.writes.push_back({std::move(r), prior ? prior->revision : 0});
  b.Audit("activity.exec_approval", kActivity, doc["id"], prior ? json{{"status", prior->status}} : json(nullptr),
          {{"status", doc["status"]}, {"approval", approval}});
  SRM_TRY(store_->Write({}, b.writes, b.audit));
  doc["revision"] = prior ? prior->revision + 1 : 1;
  return doc;
}

// ---------------------------------------------------------------- MOSS / RSM

Result<json> DecisionService::Moss(const Principal& p, const std::string& country_id, const std::string& area_id) {
  if (country_id.empty() == area_id.empty())
    return Invalid("required", "give either country_id or area_id", country_id.empty() ? "country_id" : "area_id");
  std::vector<domain::Area> areas;
  if (!area_id.empty()) {
    if (!ValidId(area_id)) return NotFound("area");
    SRM_ASSIGN(a, store_->GetArea(area_id));
    if (!a) return NotFound("area " + area_id);
    if (!p.CanSeeArea(a->country_id, a->id)) return Forbidden("this area is outside your scope");
    areas.push_back(*a);
  } else {
    if (!ValidId(country_id)) return NotFound("country");
    SRM_ASSIGN(list, store_->ListAreas(country_id, false));
    if (list.empty()) return NotFound("country " + country_id);
    for (auto& a : list)
      if (p.CanSeeArea(a.country_id, a.id)) areas.push_back(std::move(a));
    if (areas.empty()) return Forbidden("this country is outside your scope");
  }
  Batch b{p, "", FormatTimestamp(clock_->NowMillis()), Today(), {}, {}, {}, {}, {}, {}, 0, 0};
  SRM_ASSIGN(active, methods_->Active());
  std::map<std::string, json> by_category;
  std::vector<std::string> order = active->moss_categories;
  json sources = json::array(), without = json::array();
  int total = 0, implemented = 0;
  double cost = 0;
  for (const auto& a : areas) {
    SRM_ASSIGN(f, Facts(b, a.id));
    if (!f->sra) {
      without.push_back({{"area_id", a.id}, {"area_name", a.name}});
      continue;
    }
    SRM_ASSIGN(row, store_->GetSra(f->sra->sra_id));
    if (!row) continue;
    json d = json::parse(row->doc, nullptr, false);
    if (d.is_discarded()) continue;
    SRM_ASSIGN(sra, domain::SraFromJson(d));
    sources.push_back({{"area_id", a.id}, {"area_name", a.name}, {"sra_id", sra.id}, {"version", sra.version},
                       {"published_at", sra.published_at}, {"review_due", sra.review_due},
                       {"current", sra.review_due.empty() || sra.review_due >= b.today}});
    for (const auto& [cat, measures] : domain::MeasuresByCategory(*f->pack, sra)) {
      if (std::find(order.begin(), order.end(), cat) == order.end()) order.push_back(cat);
      json& list = by_category[cat];
      if (list.is_null()) list = json::array();
      for (const auto& mm : measures) {
        ++total;
        implemented += mm.measure.status == "implemented";
        cost += mm.measure.cost;
        list.push_back({{"area_id", a.id}, {"sra_id", sra.id}, {"scenario_id", mm.scenario_id},
                        {"scenario", mm.scenario_title}, {"measure_id", mm.measure.id}, {"type", mm.measure.type},
                        {"description", mm.measure.description}, {"owner", mm.measure.owner},
                        {"status", mm.measure.status}, {"cost", mm.measure.cost}, {"currency", mm.measure.currency}});
      }
    }
  }
  json moss = json::array();
  json rsm{{"category", std::string(domain::kRsmCategory)}, {"measures", json::array()}};
  for (const auto& cat : order) {
    json measures = by_category.contains(cat) ? by_category[cat] : json::array();
    if (cat == domain::kRsmCategory) rsm["measures"] = measures;
    else moss.push_back({{"category", cat}, {"measures", measures}});
  }
  return json{{"country_id", country_id.empty() ? json(nullptr) : json(country_id)},
              {"area_id", area_id.empty() ? json(nullptr) : json(area_id)},
              {"sources", sources},
              {"areas_without_sra", without},
              {"moss", moss},
              {"rsm", rsm},
              {"totals", {{"measures", total}, {"implemented", implemented}, {"cost", cost}}}};
}

// ---------------------------------------------------------------- compliance

namespace {

bool MayManageCompliance(const Principal& p, const std::string& org, const std::string& country, const std::string& area) {
  for (Role r : {Role::kSecurityProfessional, Role::kSecurityCell, Role::kDssDesk})
    if (HoldsForArea(p, r, country, area)) return true;
  return HoldsForOrg(p, Role::kHqSecurity, org, country, area);
}

struct LocationInfo {
  domain::Location loc;
  domain::Area area;
};

}  // namespace

static Result<LocationInfo> FindLocation(store::Store* st, const std::string& id) {
  if (!ValidId(id)) return Unprocessable("unknown_location", "unknown location", "location_id");
  SRM_ASSIGN(all, st->ListLocations(""));
  for (auto& l : all)
    if (l.id == id) {
      SRM_ASSIGN(a, st->GetArea(l.area_id));
      if (!a) break;
      return LocationInfo{std::move(l), *a};
    }
  return Unprocessable("unknown_location", "unknown location '" + id + "'", "location_id");
}

static Result<std::string> OrgFor(store::Store* st, const Principal& p, const json& body) {
  SRM_ASSIGN(org, Text(body, "organization_id", false, 64));
  if (org.empty()) return p.user.organization_id;
  SRM_ASSIGN(orgs, st->ListOrganizations());
  for (const auto& o : orgs)
    if (o.id == org) return org;
  return Unprocessable("unknown_organization", "unknown organization '" + org + "'", "organization_id");
}

namespace {
json NewItem(const std::string& id, const LocationInfo& li, const std::string& org, const std::string& requirement,
             const std::string& category, const std::string& due, const std::string& owner, const std::string& sra_id,
             const std::string& measure_id, const Principal& p, const std::string& now) {
  return {{"id", id},
          {"location_id", li.loc.id},
          {"location_name", li.loc.name},
          {"location_kind", li.loc.kind},
          {"area_id", li.area.id},
          {"country_id", li.area.country_id},
          {"organization_id", org},
          {"requirement", requirement},
          {"moss_category", category},
          {"sra_id", sra_id},
          {"measure_id", measure_id},
          {"status", "open"},
          {"due_date", due},
          {"owner", owner},
          {"evidence", json::array()},
          {"comment", ""},
          {"created_by", p.user.username},
          {"created_at", now},
          {"updated_at", now},
          {"history", json::array()}};
}

DocRow ItemRow(const json& item, const std::string& created, const std::string& updated) {
  DocRow r;
  r.kind = kCompliance;
  r.id = item["id"];
  r.org_id = item["organization_id"];
  r.country_id = item["country_id"];
  r.area_id = item["area_id"];
  r.status = item["status"];
  r.ends_on = item["due_date"];
  r.ref_id = item["location_id"];
  r.created_at = created;
  r.updated_at = updated;
  json body = item;
  body.erase("revision");
  r.doc = body.dump();
  return r;
}
}  // namespace

Result<json> DecisionService::CreateComplianceItem(const Principal& p, const json& body) {
  SRM_TRY(OnlyFields(body, {"location_id", "organization_id", "requirement", "moss_category", "due_date", "owner"}));
  SRM_ASSIGN(loc_id, Text(body, "location_id", true, 64));
  SRM_ASSIGN(requirement, Text(body, "requirement", true, 2000));
  SRM_ASSIGN(category, Text(body, "moss_category", true, 64));
  SRM_ASSIGN(due, DateField(body, "due_date"));
  SRM_ASSIGN(owner, Text(body, "owner", false, 200));
  SRM_ASSIGN(li, FindLocation(store_, loc_id));
  SRM_ASSIGN(org, OrgFor(store_, p, body));
  SRM_ASSIGN(pack, methods_->Active());
  if (!domain::IsMossCategory(*pack, category))
    return Unprocessable("unknown_category", "moss_category must be one of the pack's MOSS/RSM categories", "moss_category");
  if (!MayManageCompliance(p, org, li.area.country_id, li.area.id))
    return Forbidden("compliance items are set by the security professionals, the security cell or the DSS desk of the "
                     "area, or the agency HQ security office of the organization");
  const std::string now = FormatTimestamp(clock_->NowMillis());
  json item = NewItem(ids_->NewId("cmp"), li, org, requirement, category, domain::DayString(due), owner, "", "", p, now);
  store::AuditEvent ev{p.user.id, p.user.username, RoleLabel(p, {Role::kSecurityCell, Role::kSecurityProfessional, Role::kDssDesk, Role::kHqSecurity}),
                       "compliance.create", kCompliance, item["id"], "", item.dump(), p.request_id};
  SRM_TRY(store_->Write({}, {{ItemRow(item, now, now), 0}}, {ev}));
  item["revision"] = 1;
  return item;
}

Result<json> DecisionService::GenerateChecklist(const Principal& p, const json& body) {
  SRM_TRY(OnlyFields(body, {"location_id", "organization_id", "due_date", "owner"}));
  SRM_ASSIGN(loc_id, Text(body, "location_id", true, 64));
  SRM_ASSIGN(owner, Text(body, "owner", false, 200));
  SRM_ASSIGN(li, FindLocation(store_, loc_id));
  SRM_ASSIGN(org, OrgFor(store_, p, body));
  std::string due;
  if (body.contains("due_date")) {
    SRM_ASSIGN(d, DateField(body, "due_date"));
    due = domain::DayString(d);
  } else {
    due = domain::DayString(*domain::DayNumber(Today()) + 90);
  }
  if (!MayManageCompliance(p, org, li.area.country_id, li.area.id))
    return Forbidden("compliance checklists are set by the security professionals, the security cell or the DSS desk "
                     "of the area, or the agency HQ security office of the organization");
  Batch b{p, RoleLabel(p, {Role::kSecurityCell, Role::kSecurityProfessional, Role::kDssDesk, Role::kHqSecurity}),
          FormatTimestamp(clock_->NowMillis()), Today(), {}, {}, {}, {}, {}, {}, 0, 0};
  SRM_ASSIGN(f, Facts(b, li.area.id));
  if (!f->sra)
    return Unprocessable("no_published_sra", "the area has no published SRA: MOSS/RSM rest on one", "location_id");
  SRM_ASSIGN(sra_row, store_->GetSra(f->sra->sra_id));
  if (!sra_row) return Internal("published SRA vanished");
  json d = json::parse(sra_row->doc, nullptr, false);
  if (d.is_discarded()) return Internal("stored SRA is not valid JSON");
  SRM_ASSIGN(sra, domain::SraFromJson(d));
  DocFilter ef;
  ef.kind = kCompliance;
  ef.ref_id = li.loc.id;
  ef.org_id = org;
  ef.with_doc = true;
  SRM_ASSIGN(existing, AllDocs(store_, ef));
  std::set<std::string> have;
  for (const auto& e : existing) {
    json j = json::parse(e.doc, nullptr, false);
    if (!j.is_discarded()) have.insert(j.value("measure_id", ""));
  }
  const bool residence = li.loc.kind == "residence";
  json created = json::array();
  int skipped = 0;
  for (const auto& [cat, measures] : domain::MeasuresByCategory(*f->pack, sra)) {
    if ((cat == domain::kRsmCategory) != residence) continue;
    for (const auto& mm : measures) {
      if (have.contains(mm.measure.id)) {
        ++skipped;
        continue;
      }
      json item = NewItem(ids_->NewId("cmp"), li, org, mm.measure.description, cat, due,
                          owner.empty() ? mm.measure.owner : owner, sra.id, mm.measure.id, p, b.now);
      b.writes.push_back({ItemRow(item, b.now, b.now), 0});
      item["revision"] = 1;
      created.push_back(std::move(item));
    }
  }
  if (!created.empty()) {
    b.Audit("compliance.checklist", "location", li.loc.id, nullptr,
            {{"organization_id", org}, {"sra_id", sra.id}, {"items", created.size()}});
    SRM_TRY(store_->Write({}, b.writes, b.audit));
  }
  return json{{"location_id", li.loc.id}, {"organization_id", org}, {"sra_id", sra.id},
              {"kind", residence ? "rsm" : "moss"}, {"created", created}, {"skipped", skipped}};
}

Result<json> DecisionService::GetComplianceItem(const Principal& p, const std::string& id) {
  if (!ValidId(id)) return NotFound("compliance item");
  SRM_ASSIGN(row, store_->GetDoc(kCompliance, id));
  if (!row) return NotFound("compliance item " + id);
  if (!MayReadAreaRecord(p, row->org_id, row->country_id, row->area_id))
    return Forbidden("this item belongs to another organization");
  return Parse(*row);
}

Result<json> DecisionService::UpdateComplianceItem(const Principal& p, const std::string& id, const json& body) {
  SRM_TRY(OnlyFields(body, {"status", "evidence", "comment", "due_date", "owner", "revision"}));
  if (body.empty()) return Invalid("nothing_to_change", "give at least one of status, evidence, comment, due_date, owner", "$");
  if (!ValidId(id)) return NotFound("compliance item");
  SRM_ASSIGN(row, store_->GetDoc(kCompliance, id));
  if (!row) return NotFound("compliance item " + id);
  const bool manager = MayManageCompliance(p, row->org_id, row->country_id, row->area_id);
  const bool member = row->org_id == p.user.organization_id && MayWrite(p);
  if (!manager && !member) {
    if (!MayReadAreaRecord(p, row->org_id, row->country_id, row->area_id))
      return Forbidden("this item belongs to another organization");
    return Forbidden("read-only: compliance is updated by the item's organization or the area's security roles");
  }
  if (body.contains("revision")) {
    if (!body["revision"].is_number_integer()) return Invalid("invalid_type", "revision must be an integer", "revision");
    if (body["revision"].get<int64_t>() != row->revision)
      return Conflict("stale_revision", "this item was changed by someone else; reload it");
  }
  json item = Parse(*row);
  item.erase("revision");
  const std::string before = item.value("status", "open");
  SRM_ASSIGN(status_text, Text(body, "status", false, 32));
  SRM_ASSIGN(evidence, Text(body, "evidence", false, 2000));
  SRM_ASSIGN(comment, Text(body, "comment", false, 2000));
  SRM_ASSIGN(owner, Text(body, "owner", false, 200));
  const std::string now = FormatTimestamp(clock_->NowMillis());
  if (body.contains("due_date")) {
    SRM_ASSIGN(d, DateField(body, "due_date"));
    item["due_date"] = domain::DayString(d);
  }
  if (body.contains("owner")) item["owner"] = owner;
  const bool has_evidence = !evidence.empty() || !item["evidence"].empty();
  const bool has_comment = comment.find_first_not_of(" \t\r\n") != std::string::npos;
  if (!evidence.empty()) item["evidence"].push_back({{"text", evidence}, {"by", p.user.username}, {"at", now}});
  if (has_comment) item["comment"] = comment;
  if (!status_text.empty()) {
    auto st = domain::ComplianceStatusFromName(status_text);
    if (!st)
      return Unprocessable("invalid_status", "status must be open, in_progress, compliant, non_compliant or not_applicable",
                           "status");
    auto check = domain::CheckComplianceUpdate(*st, has_evidence, has_comment);
    if (!check.ok) return Unprocessable(check.code, check.message, check.field);
    item["status"] = status_text;
  }
  item["updated_at"] = now;
  item["history"].push_back({{"at", now}, {"by", p.user.username}, {"status", item["status"]},
                             {"evidence", evidence}, {"comment", comment}});
  store::AuditEvent ev{p.user.id, p.user.username,
                       manager ? RoleLabel(p, {Role::kSecurityCell, Role::kSecurityProfessional, Role::kDssDesk, Role::kHqSecurity})
                               : RoleLabel(p, {}),
                       "compliance.update", kCompliance, id, json{{"status", before}}.dump(),
                       json{{"status", item["status"]}, {"evidence", evidence}, {"comment", comment}}.dump(), p.request_id};
  SRM_TRY(store_->Write({}, {{ItemRow(item, row->created_at, now), row->revision}}, {ev}));
  item["revision"] = row->revision + 1;
  return item;
}

Result<Page<json>> DecisionService::ListCompliance(const Principal& p, const ComplianceQuery& q, const PageRequest& page) {
  DocFilter f;
  f.kind = kCompliance;
  f.area_id = q.area_id;
  f.ref_id = q.location_id;
  if (!q.status.empty()) {
    if (!domain::ComplianceStatusFromName(q.status)) return Invalid("invalid_value", "unknown status '" + q.status + "'", "status");
    f.status = q.status;
  }
  bool any_wide = false;
  for (const auto& g : p.user.grants) any_wide = any_wide || WidePick(g);
  if (!any_wide) {
    if (!q.org_id.empty() && q.org_id != p.user.organization_id)
      return Forbidden("you see the compliance of your own organization only");
    f.org_id = p.user.organization_id;
  } else {
    f.org_id = q.org_id;
    SRM_ASSIGN(areas, AreasWhere(store_, p, WidePick));
    if (areas) {
      f.restrict_areas = true;
      f.area_ids = std::move(*areas);
    }
  }
  if (!q.overdue_only) {
    f.with_doc = true;
    SRM_ASSIGN(rows, store_->ListDocs(f, page));
    return JsonPage(std::move(rows));
  }
  // Overdue: past the due date and not done. The store filters the rest; the date test is here.
  const std::string today = Today();
  SRM_ASSIGN(all, AllDocs(store_, f));
  std::vector<DocRow> overdue;
  for (auto& r : all) {
    auto st = domain::ComplianceStatusFromName(r.status);
    if (st && domain::IsOverdue(*st, r.ends_on, today)) overdue.push_back(std::move(r));
  }
  std::sort(overdue.begin(), overdue.end(), [](const DocRow& a, const DocRow& b) {
    return a.ends_on != b.ends_on ? a.ends_on < b.ends_on : a.id < b.id;  // most overdue first
  });
  SRM_ASSIGN(pg, OffsetPage(std::move(overdue), page));
  Page<json> out;
  out.total = pg.total;
  out.next = pg.next;
  for (const auto& r : pg.items) {
    SRM_ASSIGN(full, store_->GetDoc(kCompliance, r.id));
    if (full) out.items.push_back(Parse(*full));
  }
  return out;
}

Result<Page<json>> DecisionService::ComplianceRates(const Principal& p, const std::string& group_by, const PageRequest& page) {
  if (group_by != "area" && group_by != "organization")
    return Invalid("invalid_value", "group_by must be area or organization", "group_by");
  DocFilter f;
  f.kind = kCompliance;
  bool any_wide = false;
  for (const auto& g : p.user.grants) any_wide = any_wide || WidePick(g);
  if (!any_wide) {
    f.org_id = p.user.organization_id;
  } else {
    SRM_ASSIGN(areas, AreasWhere(store_, p, WidePick));
    if (areas) {
      f.restrict_areas = true;
      f.area_ids = std::move(*areas);
    }
  }
  SRM_ASSIGN(all, AllDocs(store_, f));
  const std::string today = Today();
  std::map<std::string, domain::ComplianceRate> rates;
  for (const auto& r : all) {
    auto st = domain::ComplianceStatusFromName(r.status);
    if (!st) continue;
    domain::AddToRate(&rates[group_by == "area" ? r.area_id : r.org_id], *st, r.ends_on, today);
  }
  std::map<std::string, std::string> names;
  if (group_by == "area") {
    SRM_ASSIGN(areas, store_->ListAreas("", false));
    for (const auto& a : areas) names[a.id] = a.name;
  } else {
    SRM_ASSIGN(orgs, store_->ListOrganizations());
    for (const auto& o : orgs) names[o.id] = o.name;
  }
  std::vector<json> items;
  for (auto& [key, rate] : rates) {
    domain::FinishRate(&rate);
    items.push_back({{group_by == "area" ? "area_id" : "organization_id", key},
                     {"name", names.contains(key) ? names[key] : key},
                     {"total", rate.total},
                     {"applicable", rate.applicable},
                     {"compliant", rate.compliant},
                     {"non_compliant", rate.non_compliant},
                     {"open", rate.open},
                     {"overdue", rate.overdue},
                     {"rate", rate.rate ? json(*rate.rate) : json(nullptr)}});
  }
  return OffsetPage(std::move(items), page);
}

// ---------------------------------------------------------------- notifications

Result<Page<json>> DecisionService::Notifications(const Principal& p, bool unread_only, const PageRequest& page) {
  DocFilter f;
  f.kind = kNotification;
  f.owner_id = p.user.id;
  if (unread_only) f.status = "unread";
  f.with_doc = true;
  SRM_ASSIGN(rows, store_->ListDocs(f, page));
  return JsonPage(std::move(rows));
}

Result<json> DecisionService::MarkNotificationRead(const Principal& p, const std::string& id) {
  if (!ValidId(id)) return NotFound("notification");
  SRM_ASSIGN(row, store_->GetDoc(kNotification, id));
  if (!row || row->owner_id != p.user.id) return NotFound("notification " + id);
  json doc = Parse(*row);
  if (row->status == "read") return doc;
  doc.erase("revision");
  const std::string now = FormatTimestamp(clock_->NowMillis());
  doc["status"] = "read";
  doc["read_at"] = now;
  DocRow w = *row;
  w.status = "read";
  w.updated_at = now;
  w.doc = doc.dump();
  store::AuditEvent ev{p.user.id, p.user.username, RoleLabel(p, {}), "notification.read", kNotification, id,
                       R"({"status":"unread"})", R"({"status":"read"})", p.request_id};
  SRM_TRY(store_->Write({}, {{w, row->revision}}, {ev}));
  doc["revision"] = row->revision + 1;
  return doc;
}

}  // namespace srm::service
