#include "service/sras.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/calendar.h"
#include "domain/acceptability.h"
#include "domain/sra_json.h"
#include "service/references.h"
#include "service/review_comments.h"
#include "service/scope.h"

namespace srm::service {

using domain::Role;
using domain::Sra;
using domain::SraStatus;
using nlohmann::json;

struct SraService::Loaded {
  store::SraRow row;
  Sra sra;
  PackPtr pack;
};

namespace {

// Area grants decide SRA writes: the SRA is the area's, shared by all organizations present.
bool HoldsForArea(const Principal& p, Role r, const Sra& s) { return HoldsRoleCoveringArea(p, r, s.country_id, s.area_id); }

bool Editable(SraStatus s) { return s == SraStatus::kDraft || s == SraStatus::kReturned; }

// The organizations an SRA's programme assessment names exist.
Status RequireProgrammeOrganizations(store::Store* st, const Sra& s) {
  for (size_t i = 0; i < s.programmes.size(); ++i)
    SRM_TRY(RequireOrganization(st, s.programmes[i].organization_id,
                                "programmes[" + std::to_string(i) + "].organization_id"));
  return {};
}

// Who acted, named beside the username (issue 18): history[].by_name and created_by_name, ""
// for a username that names nobody ("system", a removed user). One batched query when the read
// model is built; a published version's view is kept (sra_read_cache.h), so its reads ask nothing.
Status NameWhoActed(store::Store* st, json& doc) {
  if (!doc.is_object()) return {};
  const auto text = [](const json& o, const char* key) -> const std::string* {
    const auto it = o.find(key);
    return it != o.end() && it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
  };
  std::vector<std::string> usernames;
  if (const auto* u = text(doc, "created_by")) usernames.push_back(*u);
  json* history = doc.contains("history") && doc["history"].is_array() ? &doc["history"] : nullptr;
  if (history)
    for (const auto& h : *history)
      if (const auto* u = h.is_object() ? text(h, "by") : nullptr) usernames.push_back(*u);
  std::map<std::string, std::string> names;
  if (!usernames.empty()) {
    SRM_ASSIGN(found, st->UserDisplayNamesByUsername(usernames));
    names = std::move(found);
  }
  const auto name = [&](const std::string* u) {
    const auto it = u ? names.find(*u) : names.end();
    return it == names.end() ? std::string() : it->second;
  };
  doc["created_by_name"] = name(text(doc, "created_by"));
  if (history)
    for (auto& h : *history)
      if (h.is_object()) h["by_name"] = name(text(h, "by"));
  return {};
}

}  // namespace

namespace {
// An edit based on another revision than the stored one would undo someone else's change.
Status CheckRevision(std::optional<int64_t> revision, int64_t current) {
  if (revision && *revision != current)
    return Conflict("stale_revision", "this SRA was changed by someone else; reload it and apply your change again");
  return {};
}
Status CheckRevision(const json& body, int64_t current) {
  SRM_ASSIGN(revision, domain::RevisionFrom(body));
  return CheckRevision(revision, current);
}
}  // namespace

namespace {
// The row of s (under pack m) as stored, its document `doc`.
store::SraRow RowWith(const domain::MethodPack& m, const Sra& s, std::string doc) {
  store::SraRow r;
  r.id = s.id;
  r.series_id = s.series_id;
  r.version = s.version;
  r.kind = domain::KindName(s.kind);
  r.title = s.title;
  r.area_id = s.area_id;
  r.country_id = s.country_id;
  r.organization_id = s.organization_id;
  r.status = domain::StatusName(s.status);
  r.method_version = s.method_version;
  r.overall_residual = s.overall_residual ? m.risk_levels[*s.overall_residual] : "";
  r.review_due = s.review_due;
  r.created_at = s.created_at;
  r.updated_at = s.updated_at;
  r.doc = std::move(doc);
  return r;
}
}  // namespace

store::SraRow SraService::RowFor(const domain::MethodPack& m, const Sra& s) {
  return RowWith(m, s, domain::SraToJson(m, s).dump());
}

// The row a write stores and the answer it gives once written: the stored document with who acted
// named as GET /sras/{id} names them (NameWhoActed), so an answer never shows a username the next
// read would name. The names are looked up before the write: a failing lookup writes nothing, and
// a committed write never answers an error. (A create, an edit or a transition changes nobody's
// name, so they are the names of the moment of the write.)
Result<SraService::Written> SraService::Prepare(const domain::MethodPack& m, const Sra& s) {
  json doc = domain::SraToJson(m, s);
  Written w{RowWith(m, s, doc.dump()), {}};
  SRM_TRY(NameWhoActed(store_, doc));
  w.answer.id = s.id;
  w.answer.json = doc.dump();
  w.answer.revision = s.revision;
  return w;
}

namespace {
// The SRA's period in days from its scope dates (inclusive), 0 when they are not both set.
int PeriodDays(const Sra& s) {
  const auto from = calendar::ParseIsoDate(s.scope.from_date), to = calendar::ParseIsoDate(s.scope.to_date);
  if (!from || !to || *to < *from) return 0;
  return std::min(calendar::DaysBetween(*from, *to) + 1, 3650);
}
}  // namespace

void SraService::RecordSuggestion(const Sra& sra, const domain::Scenario* before, domain::Scenario* after) {
  if (!after->likelihood) {
    after->likelihood_suggestion.reset();
    return;
  }
  // Recorded when the likelihood is set (or its category changes), kept while it stays as it is.
  const bool unchanged = before && before->likelihood == after->likelihood &&
                         before->threat_category == after->threat_category &&
                         before->evidence_filter == after->evidence_filter && before->likelihood_suggestion;
  if (unchanged) return;
  after->likelihood_suggestion.reset();
  if (!suggester_) return;
  auto g = suggester_(sra.area_id, after->threat_category, after->evidence_filter, PeriodDays(sra));
  if (g && (!g->no_evidence_reason.empty() || (g->likelihood >= 0 && g->likelihood < domain::kScaleSize)))
    after->likelihood_suggestion = std::move(*g);
}

Result<SraService::Loaded> SraService::Load(const std::string& id) {
  if (id.empty() || id.size() > 64) return NotFound("SRA");
  SRM_ASSIGN(row, store_->GetSra(id));
  if (!row) return NotFound("SRA " + id);
  json doc = json::parse(row->doc, nullptr, false);
  if (doc.is_discarded()) return Internal("stored SRA " + id + " is not valid JSON");
  SRM_ASSIGN(sra, domain::SraFromJson(doc));
  sra.revision = row->revision;
  SRM_ASSIGN(pack, methods_->Get(sra.method_version));
  return Loaded{std::move(*row), std::move(sra), std::move(pack)};
}

namespace {

// An activity is judged against the highest residual among the scenarios that concern it (all of
// them when none is linked), as the decisions are (service/decisions/acceptance.cpp BasisOf); the
// SRA's overall levels when no such scenario is rated. null when nothing is rated.
json AcceptabilityJson(const domain::MethodPack& m, const Sra& s, const domain::ProgrammeAssessment& prog) {
  std::optional<int> residual, current;
  const auto& linked = prog.scenario_ids;
  for (const auto& sc : s.scenarios) {
    if (!linked.empty() && std::find(linked.begin(), linked.end(), sc.id) == linked.end()) continue;
    if (!sc.residual_level) continue;
    residual = std::max(residual.value_or(0), *sc.residual_level);
    current = std::max(current.value_or(0), sc.current_level.value_or(*sc.residual_level));
  }
  if (!residual) {
    residual = s.overall_residual;
    current = s.overall_current ? s.overall_current : residual;
  }
  if (!residual || prog.pc < 1 || prog.pc > 4) return nullptr;
  const domain::Acceptability a = domain::AcceptableFor(m, prog.pc, *residual, current.value_or(*residual));
  json reasons = json::array({{{"code", a.code}, {"message", a.reason}}});
  if (a.never_acceptable)
    reasons.push_back({{"code", "never_overridden"},
                       {"message", "no approval, assessment or measure can override an Unacceptable residual risk"}});
  return {{"acceptable", a.acceptable},
          {"decision", domain::DecisionName(a.decision)},
          {"residual_risk", m.risk_levels[*residual]},
          {"current_risk", m.risk_levels[current.value_or(*residual)]},
          {"limit", m.risk_levels[m.pc_max_acceptable[prog.pc - 1]]},
          {"never_acceptable", a.never_acceptable},
          {"needs_pc_assessment", a.needs_pc_assessment},
          {"needs_exec_approval", a.needs_exec_approval},
          {"options", a.options},
          {"reasons", std::move(reasons)}};
}

}  // namespace

Status SraService::CheckReadable(const Principal& p, const store::SraRow& row) {
  if (!p.CanSeeArea(row.country_id, row.area_id)) return Forbidden("this SRA is outside your areas");
  if (!MaySeeSra(p, row)) return Forbidden("this specific SRA belongs to another organization");
  return {};
}

Status SraService::CheckConducts(const Principal& p, const domain::MethodPack& m, const Sra& s, const char* what,
                                 std::optional<std::string>* org_code) {
  const std::string verb = what;
  if (s.kind == domain::SraKind::kSpecific) {
    if (!HoldsForArea(p, Role::kSecurityProfessional, s))
      return Fail(ErrorKind::kForbidden, "security_professional_required",
                  "only a security professional for this area may " + verb + " this SRA");
    if (s.organization_id != p.user.organization_id)
      return Fail(ErrorKind::kForbidden, "other_organization",
                  "a specific SRA is written by the security professionals of its own organization");
    return {};
  }
  // A designation grant for the area: where DSS has no presence it names who conducts there.
  if (HoldsForArea(p, Role::kSraDesignate, s)) return {};
  if (!HoldsForArea(p, Role::kSecurityProfessional, s))
    return Fail(ErrorKind::kForbidden, "security_professional_required",
                "only a security professional for this area may " + verb + " its SRA");
  std::optional<std::string> looked_up;
  if (!org_code) org_code = &looked_up;
  if (!*org_code && p.organization_code) *org_code = p.organization_code;
  if (!*org_code) {
    SRM_ASSIGN(orgs, store_->ListOrganizations());
    *org_code = std::string();
    for (const auto& o : orgs)
      if (o.id == p.user.organization_id) *org_code = o.code;
  }
  if (**org_code == m.area_sra_conductor) return {};
  return Fail(ErrorKind::kForbidden, "area_sra_conducted_by_dss",
              "area SRAs are conducted by the " + m.area_sra_conductor +
                  " security professional for the area, or one it designates there (role sra_designate); "
                  "agencies write specific SRAs for their own organization");
}

Status SraService::MayTake(const Principal& p, const domain::MethodPack& m, const Sra& s, domain::Action a,
                           std::optional<std::string>* org_code) {
  const SraStatus from = s.status;
  SRM_TRY(domain::NextStatus(from, a));
  const Role needed = *domain::RoleFor(a, from);
  // Submitting is the drafter's step: who may conduct the SRA (a designation grant included).
  if (a == domain::Action::kSubmit) SRM_TRY(CheckConducts(p, m, s, "submit", org_code));
  else if (!HoldsForArea(p, needed, s))
    return Forbidden(std::string("to ") + domain::ActionName(a) + " this SRA you need the role " +
                     std::string(domain::RoleName(needed)) + " for its area");
  // Separation of duties (§7a): a second, different step of this version by the same person.
  if (m.separation_of_duties)
    if (auto earlier = domain::EarlierStepBy(s, p.user.username, a, from))
      return Fail(ErrorKind::kForbidden, std::string("separation_of_duties_") + domain::ActionName(*earlier),
                  std::string("separation of duties: you already performed the step '") + domain::ActionName(*earlier) +
                      "' of this SRA version; someone else must " + domain::ActionName(a) + " it");
  return {};
}

Status SraService::MayEdit(const Principal& p, const domain::MethodPack& m, const Sra& s, const char* what,
                           std::optional<std::string>* org_code) {
  SRM_TRY(CheckConducts(p, m, s, what, org_code));
  if (!Editable(s.status))
    return Conflict("not_editable", std::string("an SRA that is ") + domain::StatusName(s.status) +
                                        " cannot be edited; published SRAs change through a new version");
  return {};
}

Status SraService::MayRevise(const Principal& p, const domain::MethodPack& m, const Sra& s, int version_in_progress,
                             std::optional<std::string>* org_code) {
  SRM_TRY(CheckConducts(p, m, s, "revise", org_code));
  if (s.status != SraStatus::kPublished)
    return Conflict("not_published", "only the published version of an SRA can be revised");
  if (version_in_progress != 0)
    return Conflict("revision_in_progress", "version " + std::to_string(version_in_progress) + " is already being revised");
  return {};
}

Result<SraDoc> SraService::Create(const Principal& p, const json& body) {
  SRM_ASSIGN(in, domain::SraCreateBodyFrom(body));
  return Create(p, in);
}

Result<SraDoc> SraService::Create(const Principal& p, const domain::SraCreateBody& in) {
  SRM_ASSIGN(area, store_->GetArea(in.area_id));
  if (!area) return Unprocessable("unknown_area", "unknown area '" + in.area_id + "'", "area_id");
  Sra s;
  s.area_id = area->id;
  s.country_id = area->country_id;
  if (in.kind) s.kind = *in.kind;
  s.organization_id = p.user.organization_id;
  if (in.organization_id) {
    s.organization_id = *in.organization_id;
    SRM_TRY(RequireOrganization(store_, s.organization_id, "organization_id"));
  }
  if (s.kind == domain::SraKind::kSpecific && s.organization_id.empty())
    return Invalid("required", "a specific SRA names the organization it belongs to", "organization_id");
  SRM_ASSIGN(pack, methods_->Active());
  SRM_TRY(CheckConducts(p, *pack, s, "draft"));
  SRM_TRY(domain::ApplySraInput(*pack, in.fields, &s));
  if (s.kind == domain::SraKind::kSpecific && s.mission_ref.empty())
    return Invalid("required", "a specific SRA names its mission", "mission_ref");
  SRM_TRY(domain::ValidateSraContent(*pack, s));
  SRM_TRY(RequireProgrammeOrganizations(store_, s));
  const std::string now = FormatTimestamp(clock_->NowMillis());
  s.id = ids_->NewId("sra");
  s.series_id = ids_->NewId("srs");
  s.version = 1;
  s.status = SraStatus::kDraft;
  s.method_version = pack->version;
  s.created_by = p.user.username;
  s.created_at = s.updated_at = now;
  s.revision = 1;
  domain::Recompute(*pack, &s);
  SRM_ASSIGN(w, Prepare(*pack, s));
  store::AuditEvent ev{p.user.id, p.user.username, "security_professional", "sra.create", "sra", s.id, "", w.row.doc,
                       p.request_id};
  SRM_TRY(store_->WriteSras({{std::move(w.row), 0}}, {ev}));
  return std::move(w.answer);
}

Result<SraDoc> SraService::Get(const Principal& p, const std::string& id) {
  if (id.empty() || id.size() > 64) return NotFound("SRA");
  // A view kept from an earlier read spares reading the document again while the row is still at
  // that view's revision (the store leaves doc empty then).
  std::shared_ptr<const SraReadView> kept = read_cache_.Kept(id);
  SRM_ASSIGN(row, store_->GetSraUnlessRevision(id, kept ? kept->revision : 0));
  if (!row) return NotFound("SRA " + id);
  SRM_TRY(CheckReadable(p, *row));
  // What depends only on the stored bytes and the pack is built once per stored document
  // (sra_read_cache.h); the reader's checks above and the reader's actions below run every time.
  std::shared_ptr<const SraReadView> view;
  const std::string* stored = &row->doc;
  if (kept && row->revision == kept->revision) {
    view = kept;
    stored = &kept->stored;  // the row's bytes: rebuilt from them if the pack was reloaded
  } else {
    view = read_cache_.Find(row->id, row->doc);
  }
  // The database's names epoch came with the row, before any name is looked up below: a rename
  // committed meanwhile (by any server) raises it past this view's, so the next read rebuilds it.
  if (view && view->names_epoch != row->names_epoch) view = nullptr;  // someone was renamed: name them again
  if (view) {
    SRM_ASSIGN(current, methods_->Get(view->sra.method_version));
    if (current != view->pack) view = nullptr;  // the pack was reloaded: rebuild under it
  }
  if (!view) {
    json doc = json::parse(*stored, nullptr, false);
    if (doc.is_discarded()) return Internal("stored SRA " + id + " is not valid JSON");
    SRM_ASSIGN(parsed, domain::SraFromJson(doc));
    SRM_ASSIGN(pack, methods_->Get(parsed.method_version));
    domain::Recompute(*pack, &parsed);  // the computed levels are not read back from the document
    // The acceptable-risk rule per assessed activity, as the server decides it (domain::AcceptableFor):
    // one entry per programmes[i], beside them so an edit sending the programmes back never carries it.
    json acceptability = json::array();
    for (const auto& prog : parsed.programmes) acceptability.push_back(AcceptabilityJson(*pack, parsed, prog));
    doc["acceptability"] = std::move(acceptability);
    doc.erase("validity");  // per read, below
    doc.erase("actions");
    SRM_TRY(NameWhoActed(store_, doc));
    auto made = std::make_shared<SraReadView>(SraReadView::Make(*stored, pack, std::move(parsed), doc));
    made->revision = row->revision;
    made->names_epoch = row->names_epoch;
    std::shared_ptr<const SraReadView> built = std::move(made);
    if (row->status == "published" || row->status == "superseded") read_cache_.Put(row->id, built);
    view = std::move(built);
  }
  const Sra& sra = view->sra;
  const PackPtr& pack = view->pack;
  // Validity depends on the day it is read, so it is computed here, never stored. It and the
  // actions are written as json::dump() writes them (keys in its order), not built as json values
  // to be dumped: that was a tenth of the CPU of reading a kept SRA.
  const auto v = domain::ValidityOn(sra, FormatTimestamp(clock_->NowMillis()).substr(0, 10));
  std::string validity = v.current ? R"({"current":true,"in_force":)" : R"({"current":false,"in_force":)";
  validity += v.in_force ? "true" : "false";
  validity += R"(,"reason":)";
  validity += JsonQuoted(v.reason);
  validity += R"(,"valid_until":)";
  validity += v.valid_until.empty() ? std::string("null") : JsonQuoted(v.valid_until);
  validity += '}';
  // The workflow actions this caller may take now: the transition's own checks, not performed.
  // The caller's organization code is looked up once for all of them.
  std::optional<std::string> org_code;
  struct Actions {
    std::string text = "[";
    void push_back(std::string_view name) {
      if (text.size() > 1) text += ',';
      text += JsonQuoted(name);
    }
  } actions;
  for (auto a : {domain::Action::kSubmit, domain::Action::kReview, domain::Action::kEndorse, domain::Action::kApprove,
                 domain::Action::kReturn})
    // No step from this status (a published SRA has none): MayTake would refuse at its first check,
    // after building the refusal's message; asked first, the same answer costs nothing.
    if (domain::RoleFor(a, sra.status) && MayTake(p, *pack, sra, a, &org_code)) actions.push_back(domain::ActionName(a));
  // Changing this version, or starting the next one: the checks Update and Revise make.
  // A refusal hides the action; a failing store is an error, never shown as a refusal.
  const auto store_failed = [](const Error& e) { return e.kind == ErrorKind::kInternal || e.kind == ErrorKind::kUnavailable; };
  if (auto edit = MayEdit(p, *pack, sra, "edit", &org_code)) actions.push_back("edit");
  else if (store_failed(edit.error())) return std::unexpected(edit.error());
  if (auto revise = MayRevise(p, *pack, sra, row->version_in_progress, &org_code)) actions.push_back("revise");
  else if (store_failed(revise.error())) return std::unexpected(revise.error());
  // The bytes' hash comes with them (from the view's member hashes): the ETag needs no second pass.
  uint64_t bytes_hash = 0;
  actions.text += ']';
  std::string body =
      view->RenderWritten({{"validity", std::move(validity)}, {"actions", std::move(actions.text)}}, &bytes_hash);
  return SraDoc{row->id, std::move(body), row->revision, bytes_hash};
}

Result<SraReviewFacts> SraService::ReviewFacts(const Principal& p, const std::string& id) {
  SRM_ASSIGN(l, Load(id));
  SraReviewFacts f;
  f.party.username = p.user.username;
  f.party.readable = static_cast<bool>(CheckReadable(p, l.row));
  f.party.status = l.sra.status;
  // The reviewer side: what MayTake(return) asks, piece by piece (the domain rule names each).
  if (auto role = domain::RoleFor(domain::Action::kReturn, l.sra.status)) {
    f.step_role = std::string(domain::RoleName(*role));
    f.party.holds_step_role = HoldsForArea(p, *role, l.sra);
    if (l.pack->separation_of_duties)
      f.party.earlier_step = domain::EarlierStepBy(l.sra, p.user.username, domain::Action::kReturn, l.sra.status);
  }
  // The assessor side: who conducts the SRA (MayEdit's first check). A failing store is an error.
  auto conducts = CheckConducts(p, *l.pack, l.sra, "resolve comments on");
  if (!conducts && (conducts.error().kind == ErrorKind::kInternal || conducts.error().kind == ErrorKind::kUnavailable))
    return std::unexpected(conducts.error());
  f.party.conducts = conducts.has_value();
  f.sra = std::move(l.sra);
  return f;
}

Result<std::vector<domain::MissingPiece>> SraService::Missing(const Principal& p, const std::string& id) {
  SRM_ASSIGN(l, Load(id));
  SRM_TRY(CheckReadable(p, l.row));
  return domain::MissingToSubmit(*l.pack, l.sra);
}

Result<std::optional<AreaSraInForce>> AreaSraInForceOn(store::Store* st, const std::string& area_id,
                                                        std::string_view day) {
  store::SraFilter f;
  f.area_id = area_id;
  f.statuses = {"published", "superseded"};
  SRM_ASSIGN(rows, st->ListSras(f, {500, ""}));
  std::optional<AreaSraInForce> best;
  for (const auto& r : rows.items) {
    if (r.kind != "area") continue;
    SRM_ASSIGN(full, st->GetSra(r.id));
    if (!full) continue;
    json doc = json::parse(full->doc, nullptr, false);
    if (doc.is_discarded()) continue;
    SRM_ASSIGN(sra, domain::SraFromJson(doc));
    const std::string published = sra.published_at.substr(0, 10);
    if (published.empty() || published > day) continue;
    if (sra.status == SraStatus::kSuperseded) {
      std::string superseded;
      for (const auto& h : sra.history)
        if (h.action == "supersede") superseded = h.at.substr(0, 10);
      // Superseded on or before the day: another SRA was in force by then.
      if (superseded.empty() || superseded <= day) continue;
    }
    if (best && best->sra.published_at >= sra.published_at) continue;
    best = AreaSraInForce{std::move(*full), std::move(sra), {}};
  }
  if (!best) return std::optional<AreaSraInForce>();
  // On the day it answers for, the SRA was in force: judge currency as if it still were.
  domain::Sra as_then = best->sra;
  as_then.status = SraStatus::kPublished;
  best->validity = domain::ValidityOn(as_then, day);
  return best;
}

Result<store::Page<store::SraRow>> SraService::List(const Principal& p, store::SraFilter filter,
                                                     const store::PageRequest& page) {
  // Only what Get would show (service/scope.h), filtered in the store query.
  SRM_TRY(ScopeSraList(store_, p, &filter));
  if (filter.narrow.sort == "risk") {  // Ranked by the active pack's levels, lowest first
    SRM_ASSIGN(pack, methods_->Active());
    filter.narrow.risk_levels.assign(pack->risk_levels.begin(), pack->risk_levels.end());
  }
  return store_->ListSras(filter, page);
}

Result<SraDoc> SraService::SaveEdit(const Principal& p, Loaded& l, const std::string& action) {
  domain::Recompute(*l.pack, &l.sra);
  const int64_t expected = l.row.revision;
  l.sra.updated_at = FormatTimestamp(clock_->NowMillis());
  l.sra.revision = expected + 1;
  SRM_ASSIGN(w, Prepare(*l.pack, l.sra));
  store::AuditEvent ev{p.user.id, p.user.username, "security_professional", action, "sra", l.sra.id, l.row.doc,
                       w.row.doc, p.request_id};
  SRM_TRY(store_->WriteSras({{std::move(w.row), expected}}, {ev}));
  return std::move(w.answer);
}


Result<SraDoc> SraService::Update(const Principal& p, const std::string& id, const json& body) {
  SRM_ASSIGN(in, domain::SraEditBodyFrom(body));
  return Update(p, id, in);
}

Result<SraDoc> SraService::Update(const Principal& p, const std::string& id, const domain::SraEditBody& in) {
  SRM_ASSIGN(l, Load(id));
  SRM_TRY(CheckReadable(p, l.row));
  SRM_TRY(MayEdit(p, *l.pack, l.sra, "edit"));
  SRM_TRY(CheckRevision(in.revision, l.row.revision));
  SRM_TRY(domain::ApplySraInput(*l.pack, in.fields, &l.sra));
  SRM_TRY(domain::ValidateSraContent(*l.pack, l.sra));
  if (in.fields.contains("programmes")) SRM_TRY(RequireProgrammeOrganizations(store_, l.sra));
  return SaveEdit(p, l, "sra.update");
}

Result<SraDoc> SraService::AddScenario(const Principal& p, const std::string& id, const json& body) {
  SRM_ASSIGN(l, Load(id));
  SRM_TRY(CheckReadable(p, l.row));
  SRM_TRY(MayEdit(p, *l.pack, l.sra, "add scenarios to"));
  if (l.sra.scenarios.size() >= 200) return Invalid("too_many", "at most 200 scenarios per SRA", "scenarios");
  SRM_TRY(CheckRevision(body, l.row.revision));
  domain::Scenario sc;
  sc.id = ids_->NewId("scn");
  json in = body;
  if (in.is_object()) {
    in.erase("id");
    in.erase("revision");
  }
  SRM_TRY(domain::ApplyScenarioInput(*l.pack, in, &sc));
  for (auto& m : sc.measures)
    if (m.id.empty()) m.id = ids_->NewId("msr");
  RecordSuggestion(l.sra, nullptr, &sc);
  l.sra.scenarios.push_back(std::move(sc));
  return SaveEdit(p, l, "sra.scenario.add");
}

Result<SraDoc> SraService::UpdateScenario(const Principal& p, const std::string& id, const std::string& sid,
                                          const json& body) {
  SRM_ASSIGN(l, Load(id));
  SRM_TRY(CheckReadable(p, l.row));
  SRM_TRY(MayEdit(p, *l.pack, l.sra, "edit the scenarios of"));
  auto it = std::find_if(l.sra.scenarios.begin(), l.sra.scenarios.end(),
                         [&](const domain::Scenario& s) { return s.id == sid; });
  if (it == l.sra.scenarios.end()) return NotFound("scenario " + sid);
  SRM_TRY(CheckRevision(body, l.row.revision));
  json in = body;
  if (in.is_object()) {
    if (in.contains("id") && in["id"] != sid) return Invalid("immutable_field", "a scenario id cannot change", "id");
    in.erase("id");
    in.erase("revision");
  }
  domain::Scenario edited = *it;
  SRM_TRY(domain::ApplyScenarioInput(*l.pack, in, &edited));
  for (auto& m : edited.measures)
    if (m.id.empty()) m.id = ids_->NewId("msr");
  RecordSuggestion(l.sra, &*it, &edited);
  *it = std::move(edited);
  return SaveEdit(p, l, "sra.scenario.update");
}

Result<SraDoc> SraService::DeleteScenario(const Principal& p, const std::string& id, const std::string& sid) {
  SRM_ASSIGN(l, Load(id));
  SRM_TRY(CheckReadable(p, l.row));
  SRM_TRY(MayEdit(p, *l.pack, l.sra, "edit the scenarios of"));
  auto it = std::find_if(l.sra.scenarios.begin(), l.sra.scenarios.end(),
                         [&](const domain::Scenario& s) { return s.id == sid; });
  if (it == l.sra.scenarios.end()) return NotFound("scenario " + sid);
  l.sra.scenarios.erase(it);
  return SaveEdit(p, l, "sra.scenario.delete");
}

Result<SraDoc> SraService::Transition(const Principal& p, const std::string& id, const json& body) {
  SRM_ASSIGN(in, domain::SraTransitionBodyFrom(body));
  const std::optional<domain::Action> action = in.action;
  const std::string& comment = in.comment;
  SRM_ASSIGN(l, Load(id));
  SRM_TRY(CheckReadable(p, l.row));
  SRM_TRY(CheckRevision(in.revision, l.row.revision));
  const SraStatus from = l.sra.status;
  SRM_ASSIGN(to, domain::NextStatus(from, *action));
  const Role needed = *domain::RoleFor(*action, from);
  SRM_TRY(MayTake(p, *l.pack, l.sra, *action));
  if (*action == domain::Action::kSubmit) SRM_TRY(domain::ReadyToSubmit(*l.pack, l.sra));
  if (*action == domain::Action::kReturn && comment.empty())
    return Unprocessable("comment_required", "say why the SRA is returned", "comment");

  const int64_t now_ms = clock_->NowMillis();
  const std::string now = FormatTimestamp(now_ms);
  std::vector<store::SraWrite> writes;
  std::vector<store::AuditEvent> audit;
  if (*action == domain::Action::kApprove) {
    l.sra.published_at = now;
    l.sra.review_due = domain::ReviewDue(calendar::DayOfMillis(now_ms), l.pack->review_months);
    // Publishing supersedes the previously published version of the same SRA and, for an area
    // SRA, the area SRA in force in the same area whatever its series: one area SRA in force per
    // area (§7a). What rested on it is re-decided by the publish hook in this same write.
    store::SraFilter f;
    if (l.sra.kind == domain::SraKind::kArea) f.area_id = l.sra.area_id;
    else f.series_id = l.sra.series_id;
    f.statuses = {"published"};
    SRM_ASSIGN(prev, store_->ListSras(f, {500, ""}));
    for (const auto& pr : prev.items) {
      if (pr.series_id != l.sra.series_id && pr.kind != "area") continue;
      SRM_ASSIGN(old, Load(pr.id));
      old.sra.status = SraStatus::kSuperseded;
      old.sra.history.push_back({"supersede", "published", "superseded", p.user.username,
                                 std::string(domain::RoleName(needed)),
                                 pr.series_id == l.sra.series_id
                                     ? "superseded by version " + std::to_string(l.sra.version)
                                     : "superseded by " + l.sra.id + " (version " + std::to_string(l.sra.version) +
                                           "), now the area SRA in force",
                                 now});
      old.sra.updated_at = now;
      old.sra.revision = old.row.revision + 1;
      writes.push_back({RowFor(*old.pack, old.sra), old.row.revision});
      audit.push_back({p.user.id, p.user.username, std::string(domain::RoleName(needed)), "sra.supersede", "sra",
                       old.sra.id, R"({"status":"published"})", R"({"status":"superseded"})", p.request_id});
    }
  }
  l.sra.status = to;
  l.sra.history.push_back({domain::ActionName(*action), domain::StatusName(from), domain::StatusName(to),
                           p.user.username, std::string(domain::RoleName(needed)), comment, now});
  l.sra.updated_at = now;
  const int64_t expected = l.row.revision;
  l.sra.revision = expected + 1;
  domain::Recompute(*l.pack, &l.sra);
  SRM_ASSIGN(w, Prepare(*l.pack, l.sra));
  writes.insert(writes.begin(), {std::move(w.row), expected});
  json before{{"status", domain::StatusName(from)}}, after{{"status", domain::StatusName(to)}, {"comment", comment}};
  audit.insert(audit.begin(), {p.user.id, p.user.username, std::string(domain::RoleName(needed)),
                               std::string("sra.transition.") + domain::ActionName(*action), "sra", l.sra.id,
                               before.dump(), after.dump(), p.request_id});
  std::vector<store::RecordWrite> records;
  if (*action == domain::Action::kApprove && publish_hook_) {
    SRM_ASSIGN(effects, publish_hook_(p, l.sra, *l.pack));
    records = std::move(effects.records);
    audit.insert(audit.end(), effects.audit.begin(), effects.audit.end());
  }
  SRM_TRY(store_->WriteRecords(writes, records, audit));
  return std::move(w.answer);
}

Result<SraDoc> SraService::Revise(const Principal& p, const std::string& id) {
  SRM_ASSIGN(l, Load(id));
  SRM_TRY(CheckReadable(p, l.row));
  SRM_TRY(MayRevise(p, *l.pack, l.sra, l.row.version_in_progress));
  // The new version follows the highest of its series (superseded ones included).
  store::SraFilter series;
  series.series_id = l.sra.series_id;
  SRM_ASSIGN(all, store_->ListSras(series, {500, ""}));
  int next_version = 1;
  for (const auto& r : all.items) next_version = std::max(next_version, r.version + 1);
  SRM_ASSIGN(pack, methods_->Active());
  Sra next = l.sra;
  next.id = ids_->NewId("sra");
  next.version = next_version;
  next.status = SraStatus::kDraft;
  next.history.clear();
  next.published_at.clear();
  next.review_due.clear();
  next.method_version = pack->version;  // a new version is assessed under the current pack
  const std::string now = FormatTimestamp(clock_->NowMillis());
  next.created_by = p.user.username;
  next.created_at = next.updated_at = now;
  next.revision = 1;
  domain::Recompute(*pack, &next);
  SRM_ASSIGN(w, Prepare(*pack, next));
  std::vector<store::AuditEvent> audit{{p.user.id, p.user.username, "security_professional", "sra.revise", "sra", next.id,
                                        l.sra.id, w.row.doc, p.request_id}};
  // The review comments still open on the published version go with it to the new draft (issue 18).
  std::vector<store::RecordWrite> carried;
  SRM_TRY(CarryOpenComments(store_, p, l.sra.id, next, now, &carried, &audit));
  SRM_TRY(store_->WriteRecords({{std::move(w.row), 0}}, carried, audit));
  return std::move(w.answer);
}

Result<std::vector<store::SraRow>> SraService::Versions(const Principal& p, const std::string& id) {
  if (id.empty() || id.size() > 64) return NotFound("SRA");
  SRM_ASSIGN(row, store_->GetSra(id));
  if (!row) return NotFound("SRA " + id);
  SRM_TRY(CheckReadable(p, *row));
  store::SraFilter f;
  f.series_id = row->series_id;
  SRM_ASSIGN(all, store_->ListSras(f, {500, ""}));
  std::sort(all.items.begin(), all.items.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
  return std::move(all.items);
}

Result<std::string> SraService::Diff(const Principal& p, const std::string& id, int from_version) {
  SRM_ASSIGN(versions, Versions(p, id));
  SRM_ASSIGN(row, store_->GetSra(id));
  int target = from_version > 0 ? from_version : row->version - 1;
  if (target < 1) return Unprocessable("no_previous_version", "this is the first version; there is nothing to compare", "from");
  std::string other_id;
  for (const auto& v : versions)
    if (v.version == target) other_id = v.id;
  if (other_id.empty()) return NotFound("version " + std::to_string(target));
  SRM_ASSIGN(other, store_->GetSra(other_id));
  json a = json::parse(other->doc, nullptr, false), b = json::parse(row->doc, nullptr, false);
  // Bookkeeping fields change on every version and would drown the real changes.
  for (const char* k : {"id", "version", "revision", "history", "status", "created_at", "updated_at", "created_by",
                        "published_at", "review_due"}) {
    a.erase(k);
    b.erase(k);
  }
  json out{{"from_version", target}, {"to_version", row->version}, {"from_id", other_id}, {"to_id", id},
           {"changes", domain::JsonDiff(a, b)}};
  return out.dump();
}

Result<store::Page<store::SraRow>> SraService::Inbox(const Principal& p, store::SraFilter narrowed,
                                                      const store::PageRequest& page) {
  // Each status only in the areas where the principal holds the role it awaits: (status, area)
  // pairs, filtered in the store query with the read scope, so every page is full.
  bool awaits = false;
  // The approvals inbox holds decision steps only (review, endorse, approve): a draft or a returned
  // SRA is its drafter's work, shown on their dashboard, never an approval (issue 18: "Approvals"
  // counted the assessor's own drafts).
  auto awaited = [](Role r) {
    return r == Role::kSecurityProfessional || r == Role::kSraDesignate ? std::vector<domain::SraStatus>()
                                                                          : domain::StatusesAwaiting(r);
  };
  for (const auto& g : p.user.grants) awaits = awaits || !awaited(g.role).empty();
  if (!awaits) return store::Page<store::SraRow>{};
  SRM_ASSIGN(areas, store_->ListAreas("", false));
  std::set<std::string> pairs;
  for (const auto& g : p.user.grants) {
    const auto statuses = awaited(g.role);
    if (statuses.empty()) continue;
    for (const auto& a : areas) {
      if ((!g.area_id.empty() && g.area_id != a.id) || (!g.country_id.empty() && g.country_id != a.country_id)) continue;
      for (auto st : statuses) pairs.insert(std::string(domain::StatusName(st)) + "|" + a.id);
    }
  }
  store::SraFilter f = std::move(narrowed);  // the reader's narrowing, on top of the awaited pairs
  f.restrict_status_areas = true;
  f.status_areas.assign(pairs.begin(), pairs.end());
  return List(p, f, page);
}

}  // namespace srm::service
