// Registering a programme and its activity (issue 14: "registering programmes and activities is
// possible in the UI"). The organization's head in the country registers its own organization's
// programmes; the PC lead (RC/HC/SRSG office) leads the country team's programme criticality
// exercise and registers any organization's programme in its country. The activity is decided at
// once, so the Activities page shows it (pending until an SRA is published, say). The manager is
// who runs the activity: separation of duties refuses them the acceptance of its risk (acceptance.cpp).
#include "service/decisions/internal.h"

namespace srm::service {

using domain::Role;
using domain::records::ActivityDecisionRecord;
using nlohmann::json;
using namespace decision_kinds;
using namespace decision_detail;

namespace {

constexpr int64_t kMaxHeadcount = 1'000'000;

Status CheckText(const std::string& value, const char* field, size_t max_len) {
  if (Blank(value)) return Unprocessable("required", std::string(field) + " is required", field);
  if (value.size() > max_len)
    return Invalid("too_long", std::string(field) + " is at most " + std::to_string(max_len) + " characters", field);
  return {};
}

Status CheckCount(int64_t value, const char* field) {
  if (value < 0 || value > kMaxHeadcount)
    return Unprocessable("invalid_headcount", std::string(field) + " must be 0 to " + std::to_string(kMaxHeadcount),
                         field);
  return {};
}

}  // namespace

Result<ProgrammeRegistered> DecisionService::RegisterProgramme(const Principal& p, const ProgrammeInput& in) {
  if (!MayWrite(p)) return Forbidden("an auditor's access is read-only");
  SRM_TRY(CheckText(in.organization_id, "organization_id", 64));
  SRM_TRY(CheckText(in.area_id, "area_id", 64));
  SRM_TRY(CheckText(in.name, "name", 200));
  SRM_TRY(CheckText(in.activity, "activity", 200));
  if (in.pc < 1 || in.pc > 4) return Unprocessable("invalid_pc", "pc must be 1 (highest) to 4", "pc");
  SRM_TRY(CheckCount(in.international, "international"));
  SRM_TRY(CheckCount(in.national, "national"));
  SRM_TRY(CheckCount(in.on_mission, "on_mission"));

  SRM_ASSIGN(area, store_->GetArea(in.area_id));
  if (!area || !p.CanSeeArea(area->country_id, area->id)) return NotFound("area " + in.area_id);
  SRM_ASSIGN(orgs, store_->ListOrganizations());
  if (std::none_of(orgs.begin(), orgs.end(), [&](const auto& o) { return o.id == in.organization_id; }))
    return NotFound("organization " + in.organization_id);
  // Who registers: the organization's own head in the country, or the PC lead for the country.
  const bool org_head = ActsForOwnOrganization(p, Role::kSmt, in.organization_id, area->country_id, area->id);
  const bool pc_lead = HoldsRoleCoveringArea(p, Role::kPcLead, area->country_id, area->id);
  if (!org_head && !pc_lead)
    return Fail(ErrorKind::kForbidden, "programme_registrar_required",
                "a programme is registered by its organization's head in the country (an SMT member of " +
                    in.organization_id + ") or the PC lead for the area's country");
  if (!in.manager_id.empty()) {
    SRM_ASSIGN(manager, store_->GetUser(in.manager_id));
    if (!manager || manager->disabled)
      return Unprocessable("manager_not_found", "no active user " + in.manager_id, "manager_id");
    // Who runs an activity works for the programme's organization; another organization's user is refused.
    if (manager->organization_id != in.organization_id)
      return Unprocessable("manager_other_organization",
                           "the manager must be a user of " + in.organization_id, "manager_id");
  }

  domain::Programme prog;
  prog.id = ids_->NewId("prg");
  prog.organization_id = in.organization_id;
  prog.area_id = in.area_id;
  prog.name = in.name;
  prog.activity = in.activity;
  prog.pc = static_cast<int>(in.pc);
  prog.international = static_cast<int>(in.international);
  prog.national = static_cast<int>(in.national);
  prog.on_mission = static_cast<int>(in.on_mission);
  prog.manager_id = in.manager_id;
  const std::string role = org_head ? "smt" : "pc_lead";
  const json after{{"organization_id", prog.organization_id}, {"area_id", prog.area_id}, {"name", prog.name},
                   {"activity", prog.activity}, {"pc", prog.pc}, {"manager_id", prog.manager_id},
                   {"international", prog.international}, {"national", prog.national},
                   {"on_mission", prog.on_mission}};
  SRM_TRY(store_->PutProgramme(prog, {p.user.id, p.user.username, role, "programme.register", "programme", prog.id, "",
                                      after.dump(), p.request_id}));

  // Decided now (the decision record references the programme, written just before).
  Batch b(p, role, Now(), Today());
  bool changed = false;
  SRM_ASSIGN(decision, DecideActivity(b, prog, std::nullopt, "programme_registered", &changed));
  decision.created_at = b.now;
  decision.updated_at = b.now;
  b.writes.push_back(DecisionRecords::Put(decision, 0));
  b.Audit("activity.decide", kActivity, decision.id, json(nullptr),
          {{"status", decision.status}, {"cause", "programme_registered"}});
  SRM_TRY(records_->Commit(b.writes, b.audit));
  decision.revision = 1;
  return ProgrammeRegistered{std::move(prog), std::move(decision)};
}

Result<std::vector<ManagerCandidate>> DecisionService::ManagerCandidates(const Principal& p, const std::string& org_id) {
  bool may = p.Has(Role::kPcLead);
  for (const auto& g : p.user.grants)
    may = may || (g.role == Role::kSmt && p.user.organization_id == org_id && (g.org_id.empty() || g.org_id == org_id));
  if (!may)
    return Fail(ErrorKind::kForbidden, "programme_registrar_required",
                "only who registers " + org_id + "'s programmes (its SMT members, the PC lead) lists its users");
  std::vector<ManagerCandidate> out;
  store::PageRequest page{500, ""};
  do {
    SRM_ASSIGN(rows, store_->ListUsers({}, page));
    for (const auto& u : rows.items)
      if (u.organization_id == org_id && !u.disabled) out.push_back({u.id, u.username, u.display_name});
    page.after = rows.next;
  } while (!page.after.empty());
  return out;
}

}  // namespace srm::service
