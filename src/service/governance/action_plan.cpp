#include "service/governance/action_plan.h"

#include <algorithm>

#include "core/calendar.h"
#include "core/ids.h"
#include "domain/records/governance_records_json.h"
#include "service/governance/record_commit.h"

namespace srm::service {

using domain::Role;
using domain::records::ActionPlanItem;
using governance_detail::AllPages;
using governance_detail::CommitRecord;
namespace rules = domain::governance;

namespace {
constexpr const char* kItem = "action_plan_item";

std::string Dump(const ActionPlanItem& i) {
  nlohmann::json c = domain::records::ToJson(i);
  c.erase("revision");
  return c.dump();
}
}  // namespace

ActionPlanService::ActionPlanService(store::Store* store, const Clock* clock, IdGen* ids)
    : store_(store), clock_(clock), ids_(ids) {}

std::string ActionPlanService::Now() const { return FormatTimestamp(clock_->NowMillis()); }
std::string ActionPlanService::Today() const {
  return calendar::FormatIsoDate(calendar::DayOfMillis(clock_->NowMillis()));
}

Status ActionPlanService::CanRecord(const Principal& p) const {
  if (p.Has(Role::kGovernance) || p.Has(Role::kAdmin)) return {};
  return Forbidden("only the governance secretariat keeps the action plan");
}
Status ActionPlanService::CanRead(const Principal& p) const {
  if (p.user.grants.empty() && p.session_kind != "cli" && p.session_kind != "system")
    return Forbidden("a user without a role reads no action plan");
  return {};
}

Result<ActionPlanItem> ActionPlanService::Load(const std::string& id) {
  if (!ValidId(id)) return NotFound("action plan item");
  SRM_ASSIGN(i, store_->GetActionPlanItem(id));
  if (!i) return NotFound("action plan item");
  return *i;
}

ActionItemRead ActionPlanService::Read(ActionPlanItem item) const {
  auto progress = rules::ProgressOf(item, Today());
  return {std::move(item), progress};
}

Status ActionPlanService::Save(const Principal& p, const std::string& action, const ActionPlanItem& before,
                               ActionPlanItem after) {
  after.updated_at = Now();
  return CommitRecord(store_, p, p.RoleLabel(Role::kGovernance), action, kItem, after, before.revision, Dump(before),
                      Dump(after));
}

Result<ActionItemRead> ActionPlanService::Create(const Principal& p, const ActionItemInput& in) {
  SRM_TRY(CanRecord(p));
  if (!rules::ValidCategory(in.category))
    return Unprocessable("unknown_category", "category must be no_regret, under_way or further_study", "category");
  if (!in.model.empty() && in.model != "model_1")
    return Unprocessable("unknown_model", "model must be model_1 or empty", "model");
  if (!in.lead_body_id.empty()) {
    if (!ValidId(in.lead_body_id)) return Unprocessable("unknown_body", "no such body", "lead_body_id");
    SRM_ASSIGN(b, store_->GetGovernanceBody(in.lead_body_id));
    if (!b) return Unprocessable("unknown_body", "no such body", "lead_body_id");
  }
  // The codes are the seed's paragraphs: one item per code.
  SRM_ASSIGN(same, AllPages<ActionPlanItem>([&](const store::PageRequest& pg) {
               return store_->ListActionPlanItems({}, pg);
             }));
  if (std::any_of(same.begin(), same.end(), [&](const auto& i) { return i.code == in.code; }))
    return Conflict("code_exists", "an item with this code is already in the plan");
  ActionPlanItem i;
  i.id = ids_->NewId("api");
  i.code = in.code;
  i.title = in.title;
  i.category = in.category;
  i.model = in.model;
  i.lead = in.lead;
  i.lead_body_id = in.lead_body_id;
  i.status = "not_started";
  i.due_on = in.due_on;
  i.source = in.source;
  i.created_by = {p.user.id, p.user.username};
  i.milestones = in.milestones;
  for (auto& m : i.milestones) m.id = ids_->NewId("aml");
  i.created_at = i.updated_at = Now();
  SRM_TRY(CommitRecord(store_, p, p.RoleLabel(Role::kGovernance), "action_plan_item.create", kItem, i, 0, "", Dump(i)));
  SRM_ASSIGN(stored, Load(i.id));
  return Read(std::move(stored));
}

Result<store::Page<ActionItemRead>> ActionPlanService::List(const Principal& p, const store::ActionPlanFilter& f,
                                                            const store::PageRequest& page) {
  SRM_TRY(CanRead(p));
  SRM_ASSIGN(rows, store_->ListActionPlanItems(f, page));
  store::Page<ActionItemRead> out;
  out.next = rows.next;
  out.total = rows.total;
  for (auto& i : rows.items) out.items.push_back(Read(std::move(i)));
  return out;
}

Result<ActionItemRead> ActionPlanService::Get(const Principal& p, const std::string& id) {
  SRM_TRY(CanRead(p));
  SRM_ASSIGN(i, Load(id));
  return Read(std::move(i));
}

Result<ActionItemRead> ActionPlanService::SetStatus(const Principal& p, const std::string& id,
                                                    const std::string& status) {
  SRM_TRY(CanRecord(p));
  SRM_ASSIGN(i, Load(id));
  auto v = rules::CanChangeStatus(i, status);
  if (!v.ok) {
    if (v.reason == "unknown_status")
      return Unprocessable(v.reason, "status must be not_started, in_progress, blocked or done", "status");
    return Conflict(v.reason, "the item's status cannot change so");
  }
  ActionPlanItem after = i;
  after.status = status;
  SRM_TRY(Save(p, "action_plan_item.status", i, after));
  SRM_ASSIGN(stored, Load(id));
  return Read(std::move(stored));
}

Result<ActionItemRead> ActionPlanService::AddMilestone(const Principal& p, const std::string& id,
                                                       const std::string& title, const std::string& due_on) {
  SRM_TRY(CanRecord(p));
  SRM_ASSIGN(i, Load(id));
  if (i.status == "done") return Conflict("item_done", "a done item takes no new milestones");
  ActionPlanItem after = i;
  after.milestones.push_back({ids_->NewId("aml"), title, due_on, std::nullopt});
  SRM_TRY(Save(p, "action_plan_item.add_milestone", i, after));
  SRM_ASSIGN(stored, Load(id));
  return Read(std::move(stored));
}

Result<ActionItemRead> ActionPlanService::CompleteMilestone(const Principal& p, const std::string& id,
                                                            const std::string& milestone_id) {
  SRM_TRY(CanRecord(p));
  SRM_ASSIGN(i, Load(id));
  ActionPlanItem after = i;
  auto it = std::find_if(after.milestones.begin(), after.milestones.end(),
                         [&](const auto& m) { return m.id == milestone_id; });
  if (it == after.milestones.end()) return NotFound("milestone");
  auto v = rules::CanComplete(it->done_on);
  if (!v.ok) return Conflict(v.reason, "the milestone is already reached");
  it->done_on = Today();
  SRM_TRY(Save(p, "action_plan_item.complete_milestone", i, after));
  SRM_ASSIGN(stored, Load(id));
  return Read(std::move(stored));
}

Result<std::pair<bool, std::string>> ActionPlanService::Target(const std::string& kind, const std::string& id) {
  using Found = std::pair<bool, std::string>;
  if (!ValidId(id)) return Found{false, ""};
  if (kind == "price_list") {
    SRM_ASSIGN(l, store_->GetPriceList(id));
    return l ? Found{true, l->status} : Found{false, ""};
  }
  if (kind == "sla") {
    SRM_ASSIGN(s, store_->GetServiceLevelAgreement(id));
    return Found{s.has_value(), ""};
  }
  if (kind == "governance_decision") {
    SRM_ASSIGN(d, store_->GetGovernanceDecision(id));
    return d ? Found{true, d->status} : Found{false, ""};
  }
  if (kind == "fund_request") {
    SRM_ASSIGN(r, store_->GetFundRequest(id));
    return r ? Found{true, r->status} : Found{false, ""};
  }
  return Found{false, ""};
}

Result<ActionItemRead> ActionPlanService::LinkEvidence(const Principal& p, const std::string& id,
                                                       const std::string& kind, const std::string& target_id,
                                                       const std::string& note) {
  SRM_TRY(CanRecord(p));
  SRM_ASSIGN(i, Load(id));
  SRM_ASSIGN(target, Target(kind, target_id));
  auto v = rules::CanLinkEvidence(i, kind, target_id, target.first, target.second);
  if (!v.ok) {
    if (v.reason == "evidence_already_linked") return Conflict(v.reason, "this evidence is already linked");
    return Unprocessable(v.reason, "the evidence cannot be linked", v.reason == "evidence_kind_unknown" ? "kind" : "target_id");
  }
  ActionPlanItem after = i;
  after.evidence.push_back({kind, target_id, note, {p.user.id, p.user.username}, Now()});
  SRM_TRY(Save(p, "action_plan_item.link_evidence", i, after));
  SRM_ASSIGN(stored, Load(id));
  return Read(std::move(stored));
}

Result<PlanProgress> ActionPlanService::Progress(const Principal& p) {
  SRM_TRY(CanRead(p));
  SRM_ASSIGN(all, AllPages<ActionPlanItem>([&](const store::PageRequest& pg) {
               return store_->ListActionPlanItems({}, pg);
             }));
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.code < b.code; });
  PlanProgress out;
  int sum = 0;
  for (const char* c : {"no_regret", "under_way", "further_study"}) {
    CategoryProgress cp{c};
    int category_sum = 0;
    for (const auto& i : all) {
      if (i.category != c) continue;
      ActionItemRead r = Read(i);
      ++cp.items;
      if (r.progress.state == "done") ++cp.done;
      if (r.progress.state == "overdue") ++cp.overdue;
      if (r.progress.state == "blocked") ++cp.blocked;
      category_sum += r.progress.percent;
      out.items.push_back(std::move(r));
    }
    cp.percent = cp.items == 0 ? 0 : category_sum / cp.items;
    sum += category_sum;
    out.categories.push_back(cp);
  }
  out.percent = out.items.empty() ? 0 : sum / static_cast<int>(out.items.size());
  return out;
}

}  // namespace srm::service
