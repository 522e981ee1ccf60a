// Clearance requests and their legs: filing and preview (each leg decided by the rules), reading,
// the approvers' inbox, manual decisions of referred legs and the headcount of an area.
#include "service/decisions/internal.h"

#include <algorithm>

namespace srm::service {

using domain::Role;
using domain::records::ClearanceLeg;
using domain::records::ClearanceRequest;
using nlohmann::json;
using store::Page;
using store::PageRequest;
using namespace decision_kinds;
using namespace decision_detail;

namespace {

// The DSS security adviser for an area (SRM-METHOD.md §7, §7a): a security professional of the
// organization that conducts area SRAs (pack setting area_sra_conductor, UNDSS) whose grant covers
// the area, or the one DSS designates there (role sra_designate). It grants clearances on behalf of
// the Designated Official; the security cell only advises.
Result<bool> IsDssSecurityAdviser(store::Store* st, const Principal& p, const domain::MethodPack& m,
                                  const std::string& country_id, const std::string& area_id) {
  if (HoldsRoleCoveringArea(p, Role::kSraDesignate, country_id, area_id)) return true;
  if (!HoldsRoleCoveringArea(p, Role::kSecurityProfessional, country_id, area_id)) return false;
  SRM_ASSIGN(orgs, st->ListOrganizations());
  for (const auto& o : orgs)
    if (o.id == p.user.organization_id) return o.code == m.area_sra_conductor;
  return false;
}

// The grants that give a security professional of DSS (or a designate) the referred legs of their areas.
bool AdviserGrant(const domain::RoleGrant& g) {
  return g.role == Role::kSecurityProfessional || g.role == Role::kSraDesignate;
}

}  // namespace

Result<DecisionService::LegRequest> DecisionService::CheckClearance(const Principal& p, const ClearanceInput& in) {
  LegRequest r;
  if (in.traveller) {
    // A traveller is a user: named by user id (the name, if given, must be theirs), so that nobody
    // decides a leg they travel on.
    const auto& t = *in.traveller;
    SRM_ASSIGN(u, store_->GetUser(t.user_id));
    if (!u) return Unprocessable("unknown_user", "no user '" + t.user_id + "'", "traveller.user_id");
    const std::string known = u->display_name.empty() ? u->username : u->display_name;
    if (!t.name.empty() && t.name != known && t.name != u->username)
      return Unprocessable("traveller_mismatch", "traveller.name is not the name of user '" + t.user_id + "'",
                           "traveller.name");
    r.traveller_name = known;
    r.traveller_user_id = u->id;
  } else {
    r.traveller_name = p.user.display_name.empty() ? p.user.username : p.user.display_name;
    r.traveller_user_id = p.user.id;
  }
  r.org_id = in.organization_id.empty() ? p.user.organization_id : in.organization_id;
  if (r.org_id != p.user.organization_id)
    return Forbidden("a clearance request is filed for your own organization (" + p.user.organization_id + ")");
  r.programme_id = in.programme_id;
  r.activity = in.activity;
  // SRM-METHOD.md §7a: travellers do not declare the PC; it comes from the PC assessment of the
  // programme the travel serves (none: judged as PC4), decided per leg.
  if (in.pc)
    return Unprocessable("pc_not_declarable",
                         "the PC is not declared by the traveller: name the programme the travel serves "
                         "(programme_id); its current PC assessment sets it, and travel serving none is judged as PC4",
                         "pc");
  if (!in.programme_id.empty()) {
    SRM_ASSIGN(prog, FindProgramme(in.programme_id));
    if (!prog) return Unprocessable("unknown_programme", "no programme '" + in.programme_id + "'", "programme_id");
    if (prog->organization_id != r.org_id)
      return Unprocessable("programme_not_of_organization", "the programme belongs to another organization", "programme_id");
    if (r.activity.empty()) r.activity = prog->activity;
  }
  if (r.activity.empty()) return Invalid("required", "activity is required", "activity");
  r.mission_ref = in.mission_ref;
  r.purpose = in.purpose;
  if (in.legs.empty() && !in.legs_refusal) return Unprocessable("no_legs", "an itinerary has at least one leg", "legs");
  const int today = *domain::DayNumber(Today());
  for (size_t i = 0; i < in.legs.size(); ++i) {
    const auto& l = in.legs[i];
    const std::string prefix = "legs[" + std::to_string(i) + "].";
    SRM_ASSIGN(from, DayOf(l.from, prefix + "from"));
    SRM_ASSIGN(to, DayOf(l.to, prefix + "to"));
    if (to < from) return Unprocessable("invalid_window", "a leg ends on or after the day it starts", prefix + "to");
    if (to - from + 1 > kMaxLegDays)
      return Unprocessable("leg_too_long", "a leg lasts at most " + std::to_string(kMaxLegDays) + " days", prefix + "to");
    if (from < today) return Unprocessable("date_in_past", "a leg cannot start before today", prefix + "from");
    SRM_ASSIGN(area, store_->GetArea(l.area_id));
    if (!area) return Unprocessable("unknown_area", "unknown area '" + l.area_id + "'", prefix + "area_id");
    r.legs.push_back({l.area_id, from, to});
  }
  if (in.legs_refusal) return std::unexpected(*in.legs_refusal);
  return r;
}

Result<ClearanceView> DecisionService::DecideNew(Batch& b, const LegRequest& r, const std::string& request_id,
                                                 bool preview) {
  ClearanceView out;
  std::vector<std::string> statuses;
  std::set<std::string> countries;
  int min_day = r.legs.front().from_day, max_day = r.legs.front().to_day;
  const domain::records::Traveller traveller{r.traveller_name, r.traveller_user_id};
  const domain::records::UserRef requester{b.p.user.id, b.p.user.username};
  for (size_t i = 0; i < r.legs.size(); ++i) {
    const LegRequest::Leg& l = r.legs[i];
    SRM_ASSIGN(f, Facts(b, l.area_id));
    SRM_ASSIGN(pc, CurrentPc(b, r.programme_id, l.from_day, l.to_day));
    SRM_ASSIGN(ev, EvaluateLeg(*records_, store_, *f, nullptr, std::nullopt, pc, l.from_day, l.to_day, r.mission_ref,
                               r.org_id, r.programme_id, b.ov.acceptances));
    ClearanceLeg leg;
    leg.id = preview ? "" : ids_->NewId("leg");
    leg.request_id = request_id;
    leg.seq = static_cast<int>(i + 1);
    leg.organization_id = r.org_id;
    leg.traveller = traveller;
    leg.requested_by = requester;
    leg.activity = r.activity;
    leg.pc = pc.pc;
    leg.programme_id = r.programme_id;
    leg.pc_assessed = pc.assessed;
    leg.mission_ref = r.mission_ref;
    leg.area_id = l.area_id;
    leg.area_name = f->area.name;
    leg.country_id = f->area.country_id;
    leg.from = domain::DayString(l.from_day);
    leg.to = domain::DayString(l.to_day);
    leg.created_at = leg.updated_at = b.now;
    ApplyDecision(leg, ev.decision, *ev.pack, b.now, "requested");
    statuses.push_back(leg.status);
    countries.insert(f->area.country_id);
    min_day = std::min(min_day, l.from_day);
    max_day = std::max(max_day, l.to_day);
    out.legs.push_back(std::move(leg));
  }
  ClearanceRequest& req = out.request;
  req.id = request_id;
  req.traveller = traveller;
  req.organization_id = r.org_id;
  req.country_id = countries.size() == 1 ? *countries.begin() : std::string();
  req.activity = r.activity;
  // The request's PC: the programme's over the whole itinerary (each leg carries its own).
  SRM_ASSIGN(whole, CurrentPc(b, r.programme_id, min_day, max_day));
  req.pc = whole.pc;
  req.programme_id = r.programme_id;
  req.mission_ref = r.mission_ref;
  req.purpose = r.purpose;
  req.status = Aggregate(statuses);
  req.from = domain::DayString(min_day);
  req.to = domain::DayString(max_day);
  req.requested_by = requester;
  req.created_at = req.updated_at = b.now;
  if (!preview) {
    req.leg_ids.emplace();
    for (const auto& l : out.legs) req.leg_ids->push_back(l.id);
    b.writes.push_back(DecisionRecords::Put(req, 0));
    for (const auto& l : out.legs) b.writes.push_back(DecisionRecords::Put(l, 0));
    json summary = json::array();
    for (const auto& l : out.legs)
      summary.push_back({{"area_id", l.area_id}, {"from", l.from}, {"to", l.to}, {"status", l.status}, {"rule", l.rule}});
    b.Audit("clearance.create", kClearance, request_id, nullptr, {{"status", req.status}, {"legs", summary}});
    req.revision = 1;
    for (auto& l : out.legs) l.revision = 1;
  }
  return out;
}

Result<ClearanceView> DecisionService::CreateClearance(const Principal& p, const ClearanceInput& in) {
  if (!MayWrite(p)) return Forbidden("an auditor's access is read-only");
  SRM_ASSIGN(r, CheckClearance(p, in));
  Batch b(p, RoleLabel(p, {}), Now(), Today());
  SRM_ASSIGN(out, DecideNew(b, r, ids_->NewId("clr"), false));
  SRM_TRY(records_->Commit(b.writes, b.audit));
  return out;
}

Result<ClearanceView> DecisionService::PreviewClearance(const Principal& p, const ClearanceInput& in) {
  SRM_ASSIGN(r, CheckClearance(p, in));
  Batch b(p, RoleLabel(p, {}), Now(), Today());
  return DecideNew(b, r, "", true);
}

namespace {
// Readable: the request's own organization; a cross-organization reader covering one of its legs.
bool MayReadRequest(const Principal& p, const ClearanceRequest& req, const std::vector<ClearanceLeg>& legs) {
  if (req.organization_id == p.user.organization_id) return true;
  for (const auto& l : legs)
    if (ReadsEveryOrganizationIn(p, l.country_id, l.area_id)) return true;
  return ReadsEveryOrganizationIn(p, "\x01", "\x01");  // a global reader
}
}  // namespace

Result<ClearanceView> DecisionService::GetClearance(const Principal& p, const std::string& id) {
  if (!ValidId(id)) return NotFound("clearance request");
  SRM_ASSIGN(req, records_->Request(id));
  if (!req) return NotFound("clearance request " + id);
  SRM_ASSIGN(legs, records_->LegsOfRequest(id));
  if (!MayReadRequest(p, *req, legs)) return Forbidden("this request belongs to another organization");
  std::stable_sort(legs.begin(), legs.end(), [](const ClearanceLeg& a, const ClearanceLeg& b) { return a.seq < b.seq; });
  return ClearanceView{std::move(*req), std::move(legs)};
}

Result<Page<ClearanceRequest>> DecisionService::ListClearances(const Principal& p, const std::string& status,
                                                               const std::string& org_id, const PageRequest& page,
                                                               const std::string& area_id,
                                                               const store::ListNarrowing& narrow) {
  DecisionRecords::RequestQuery q;
  q.status = status;
  q.area_id = area_id;  // These narrow; the scope below is decided as before
  q.narrow = narrow;
  bool global = false;
  for (const auto& g : p.user.grants)
    global = global || (IsCrossOrganizationGrant(g) && (IsGlobalReader(g.role) || (g.country_id.empty() && g.area_id.empty())));
  if (global) {
    q.org_id = org_id;
  } else {
    // Cross-organization readers scoped to one country see that country's requests; everyone
    // else sees their own organization's.
    std::set<std::string> countries;
    for (const auto& g : p.user.grants)
      if (IsCrossOrganizationGrant(g) && !g.country_id.empty() && g.area_id.empty()) countries.insert(g.country_id);
    if (countries.size() == 1 && (org_id.empty() || org_id != p.user.organization_id)) {
      q.country_id = *countries.begin();
      q.org_id = org_id;
    } else {
      if (!org_id.empty() && org_id != p.user.organization_id)
        return Forbidden("you see the requests of your own organization only");
      q.org_id = p.user.organization_id;
    }
  }
  return records_->ListRequests(q, page);
}

Result<Page<ClearanceLeg>> DecisionService::ClearanceInbox(const Principal& p, const std::string& queue,
                                                           const PageRequest& page) {
  SRM_ASSIGN(pack, methods_->Active());
  // A DSS security adviser decides the referred legs; the security cell sees them to advise.
  bool adviser = p.Has(Role::kSraDesignate);
  if (!adviser && p.Has(Role::kSecurityProfessional)) {
    SRM_ASSIGN(orgs, store_->ListOrganizations());
    for (const auto& o : orgs)
      if (o.id == p.user.organization_id) adviser = o.code == pack->area_sra_conductor;
  }
  const bool cell = p.Has(Role::kSecurityCell) || p.Has(Role::kDssDesk);
  const bool security = adviser || cell;
  const bool executive = p.Has(Role::kExecutiveOffice);
  std::string q = queue;
  if (q.empty()) q = security ? "security" : executive ? "executive" : "";
  if (q.empty()) return Page<ClearanceLeg>{};
  if (q != "security" && q != "executive")
    return Invalid("invalid_value", "queue must be security or executive", "queue");
  DecisionRecords::LegQuery lq;
  if (q == "security") {
    if (!security)
      return Forbidden("the security queue is for the DSS security adviser (who decides) and the security cell (who advises)");
    lq.statuses = {"referred"};
    SRM_ASSIGN(areas, AreasWhereHolds(store_, p, [adviser](const domain::RoleGrant& g) {
      return ((g.role == Role::kSecurityCell || g.role == Role::kDssDesk) && g.org_id.empty()) ||
             (adviser && AdviserGrant(g));
    }));
    lq.areas = std::move(areas);
  } else {
    if (!executive) return Forbidden("the executive queue is for the executive head's office");
    lq.statuses = {"referred_executive"};
    lq.org_id = p.user.organization_id;
    SRM_ASSIGN(areas, AreasWhereHolds(store_, p, [](const domain::RoleGrant& g) { return g.role == Role::kExecutiveOffice; }));
    lq.areas = std::move(areas);
  }
  return records_->ListLegs(lq, page);
}

Result<ClearanceLeg> DecisionService::DecideReferredLeg(const Principal& p, const std::string& request_id,
                                                        const std::string& leg_id, const LegDecisionInput& in) {
  if (!ValidId(request_id) || !ValidId(leg_id)) return NotFound("leg");
  const std::string& action = in.action;
  if (action != "approve" && action != "refuse" && action != "advise")
    return Unprocessable("unknown_action", "action must be approve, refuse or advise", "action");
  SRM_ASSIGN(found, records_->Leg(leg_id));
  if (!found || found->request_id != request_id) return NotFound("leg " + leg_id + " of request " + request_id);
  ClearanceLeg leg = std::move(*found);
  if (in.revision && *in.revision != leg.revision)
    return Conflict("stale_revision", "this leg was decided again since you read it; reload it");
  const bool cross = ReadsEveryOrganizationIn(p, leg.country_id, leg.area_id);
  if (leg.organization_id != p.user.organization_id && !cross && !p.Has(Role::kExecutiveOffice))
    return Forbidden("this request belongs to another organization");
  if (leg.status != "referred" && leg.status != "referred_executive")
    return Conflict("not_referred", "only a referred leg is decided by an approver; this one is " + leg.status +
                                        (leg.status == "blocked" ? " and no approver can override it" : ""));
  // Separation of duties (SRM-METHOD.md 7a): whatever their role, nobody decides or advises on a
  // leg they requested or travel on.
  const std::string traveller = leg.traveller.user_id;
  const std::string owner = leg.requested_by.id;
  if (owner == p.user.id || traveller == p.user.id)
    return Fail(ErrorKind::kForbidden, "self_approval", "nobody decides their own clearance");
  std::string role;
  const bool advise = action == "advise";
  if (advise) {
    // The security cell advises on a referred leg; it never decides it (SRM-METHOD.md §7).
    if (leg.status != "referred")
      return Conflict("not_referred", "advice is recorded on a leg referred to the DSS security adviser");
    if (!HoldsInterAgencyRoleIn(p, Role::kSecurityCell, leg.country_id, leg.area_id))
      return Fail(ErrorKind::kForbidden, "security_cell_required",
                  "advice on a referred leg is recorded by the security cell for its area");
    role = "security_cell";
  } else if (leg.status == "referred") {
    // Granted or refused only by the DSS security adviser for the area, on behalf of the DO.
    SRM_ASSIGN(pack, methods_->Active());
    SRM_ASSIGN(is_adviser, IsDssSecurityAdviser(store_, p, *pack, leg.country_id, leg.area_id));
    if (!is_adviser) {
      if (HoldsInterAgencyRoleIn(p, Role::kSecurityCell, leg.country_id, leg.area_id) ||
          HoldsInterAgencyRoleIn(p, Role::kDssDesk, leg.country_id, leg.area_id))
        return Fail(ErrorKind::kForbidden, "cell_advises_only",
                    "the security cell advises on a referred leg; the DSS security adviser for the area decides it "
                    "on behalf of the Designated Official");
      return Fail(ErrorKind::kForbidden, "dss_security_adviser_required",
                  "a referred leg is decided by the DSS security adviser for its area, on behalf of the Designated "
                  "Official");
    }
    role = "dss_security_adviser";
    // A leg referred for want of the activity's signed acceptance (SRM-METHOD.md 7a) is not the
    // adviser's risk to accept: it is granted only once an acceptance stands through its last day.
    if (action == "approve" && leg.rule == "acceptance_required") {
      SRM_ASSIGN(latest, decision_detail::LatestAcceptanceOf(*records_, leg.programme_id));
      const int residual = leg.residual_risk.empty() ? -1 : decision_detail::LevelIndex(*pack, leg.residual_risk);
      if (leg.programme_id.empty() || residual < 0 ||
          !decision_detail::AcceptanceStands(*pack, latest, leg.to, residual, /*egs_no_go=*/false))
        return Conflict("acceptance_required",
                        "the activity's residual risk needs a signed acceptance by the organization's head in the "
                        "country, in force through " + leg.to + ", before this leg can be granted");
    }
  } else {
    if (!ActsForOwnOrganization(p, Role::kExecutiveOffice, leg.organization_id, leg.country_id, leg.area_id))
      return Forbidden("a Very High residual risk is accepted only by the executive head's office of " +
                       leg.organization_id);
    role = "executive_office";
  }
  // A leg recorded before travellers were users names its traveller by name only: nobody can be
  // shown not to be that person, so nobody decides it (it stays readable and is re-decided by the
  // rules as facts change); the requester files it again naming the traveller's user account.
  if (traveller.empty())
    return Conflict("traveller_unidentified",
                    "this leg names its traveller by name only, so nobody can be shown not to be deciding their own "
                    "travel; file the request again naming the traveller's user account");
  if (Blank(in.comment))
    return Unprocessable("comment_required",
                         advise ? std::string("advice needs its text")
                                : "say why the leg is " + std::string(action == "approve" ? "approved" : "refused"),
                         "comment");
  Batch b(p, role, Now(), Today());
  if (advise) {
    // Recorded in the leg's history; its status and decision do not change.
    const int64_t revision = leg.revision;
    leg.updated_at = b.now;
    leg.history.push_back({b.now, leg.status, leg.rule, p.user.username, role, in.comment, std::string("advice")});
    b.writes.push_back(DecisionRecords::Put(leg, revision));
    b.Audit("clearance.leg.advise", kLeg, leg_id, nullptr, {{"status", leg.status}, {"advice", in.comment}});
    SRM_TRY(records_->Commit(b.writes, b.audit));
    leg.revision = revision + 1;
    return leg;
  }
  const std::string status = action == "approve" ? "approved" : "refused";
  const std::string before = leg.status;
  const int64_t revision = leg.revision;
  leg.status = status;
  leg.decided_at = b.now;
  leg.decided_by = p.user.username;
  leg.decided_role = role;
  leg.comment = in.comment;
  leg.updated_at = b.now;
  leg.history.push_back({b.now, status, leg.rule, p.user.username, role, in.comment, std::nullopt});
  b.writes.push_back(DecisionRecords::Put(leg, revision));
  b.Audit("clearance.leg." + action, kLeg, leg_id, {{"status", before}}, {{"status", status}, {"comment", in.comment}});
  // The request's overall status.
  SRM_TRY(Reaggregate(b, request_id, {{leg_id, status}}, "clearance.decide", ""));
  const std::string msg = "Your clearance for " + leg.area_name + " from " + leg.from + " to " + leg.to + " was " +
                          status + " by " + p.user.username + ": " + in.comment;
  domain::records::NotificationDetail detail;
  detail.request_id = request_id;
  detail.leg_id = leg_id;
  detail.before = before;
  detail.after = status;
  SRM_TRY(Notify(b, owner, leg.organization_id, "clearance_decided", request_id, msg, detail));
  if (!traveller.empty() && traveller != owner)
    SRM_TRY(Notify(b, traveller, leg.organization_id, "clearance_decided", request_id, msg, detail));
  SRM_TRY(records_->Commit(b.writes, b.audit));
  leg.revision = revision + 1;
  return leg;
}

Result<Page<HeadcountEntry>> DecisionService::Headcount(const Principal& p, const std::string& area_id,
                                                        const std::string& date, const PageRequest& page) {
  if (!ValidId(area_id)) return NotFound("area");
  SRM_ASSIGN(area, store_->GetArea(area_id));
  if (!area) return NotFound("area " + area_id);
  if (!p.CanSeeArea(area->country_id, area->id)) return Forbidden("this area is outside your scope");
  std::string day = date.empty() ? Today() : date;
  if (!domain::DayNumber(day)) return Invalid("invalid_date", "date must be YYYY-MM-DD", "date");
  DecisionRecords::LegQuery q;
  q.area_id = area_id;
  q.statuses = {"cleared", "approved"};
  q.active_on = day;
  if (!ReadsEveryOrganizationIn(p, area->country_id, area->id, /*with_smt=*/true)) q.org_id = p.user.organization_id;
  SRM_ASSIGN(legs, records_->ListLegs(q, page));
  return MapPage<HeadcountEntry>(std::move(legs), [](ClearanceLeg&& l) {
    return HeadcountEntry{std::move(l.traveller), l.organization_id, l.request_id, l.id,         l.from,
                          l.to,                   l.status,          l.mission_ref, l.activity};
  });
}

}  // namespace srm::service
