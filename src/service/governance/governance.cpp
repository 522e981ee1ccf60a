#include "service/governance/governance.h"

#include <algorithm>

#include "core/calendar.h"
#include "core/ids.h"
#include "domain/governance.h"
#include "domain/records/governance_records_json.h"
#include "service/governance/record_commit.h"

namespace srm::service {

using domain::Role;
using domain::records::GovernanceBody;
using domain::records::GovernanceDecision;
using domain::records::GovernanceMeeting;
using domain::records::GovernanceMember;
using governance_detail::AllPages;
using governance_detail::CommitRecord;
namespace rules = domain::governance;

namespace {
constexpr const char* kBody = "governance_body";
constexpr const char* kMeeting = "governance_meeting";
constexpr const char* kDecision = "governance_decision";

std::string Dump(const nlohmann::json& j) {
  nlohmann::json c = j;
  c.erase("revision");
  return c.dump();
}
}  // namespace

GovernanceService::GovernanceService(store::Store* store, const Clock* clock, IdGen* ids)
    : store_(store), clock_(clock), ids_(ids) {}

std::string GovernanceService::Now() const { return FormatTimestamp(clock_->NowMillis()); }
std::string GovernanceService::Today() const {
  return calendar::FormatIsoDate(calendar::DayOfMillis(clock_->NowMillis()));
}

Status GovernanceService::CanRecord(const Principal& p) const {
  if (p.Has(Role::kGovernance) || p.Has(Role::kAdmin)) return {};
  return Forbidden("only the governance secretariat records governance bodies, meetings and decisions");
}

Status GovernanceService::CanRead(const Principal& p) const {
  if (p.user.grants.empty() && p.session_kind != "cli" && p.session_kind != "system")
    return Forbidden("a user without a role reads no governance records");
  return {};
}

Result<GovernanceBody> GovernanceService::LoadBody(const std::string& id) {
  if (!ValidId(id)) return NotFound("governance body");
  SRM_ASSIGN(b, store_->GetGovernanceBody(id));
  if (!b) return NotFound("governance body");
  return *b;
}

Status GovernanceService::CheckMember(const GovernanceMember& m) {
  if (!rules::ValidMemberRole(m.member_role))
    return Unprocessable("unknown_member_role", "member_role must be chair, member, secretariat or observer",
                         "member_role");
  if (!m.organization_id.empty()) {
    SRM_ASSIGN(orgs, store_->ListOrganizations());
    if (!ValidId(m.organization_id) ||
        std::none_of(orgs.begin(), orgs.end(), [&](const auto& o) { return o.id == m.organization_id; }))
      return Unprocessable("unknown_organization", "no such organization", "organization_id");
  }
  if (!m.user_id.empty()) {
    if (!ValidId(m.user_id)) return Unprocessable("unknown_user", "no such user", "user_id");
    SRM_ASSIGN(u, store_->GetUser(m.user_id));
    if (!u) return Unprocessable("unknown_user", "no such user", "user_id");
  }
  return {};
}

Status GovernanceService::SaveBody(const Principal& p, const std::string& action, const GovernanceBody& before,
                                   GovernanceBody after) {
  after.updated_at = Now();
  return CommitRecord(store_, p, p.RoleLabel(Role::kGovernance), action, kBody, after, before.revision,
                      Dump(domain::records::ToJson(before)), Dump(domain::records::ToJson(after)));
}

Result<GovernanceBody> GovernanceService::CreateBody(const Principal& p, const BodyInput& in) {
  SRM_TRY(CanRecord(p));
  if (!rules::ValidBodyKind(in.kind))
    return Unprocessable("unknown_body_kind",
                         "kind must be security_governance_group, iasmn, egs, smt or finance_budget_network", "kind");
  if (in.kind == "smt" && in.country_id.empty())
    return Unprocessable("country_required", "a security management team is a country's", "country_id");
  if (!in.country_id.empty()) {
    SRM_ASSIGN(countries, store_->ListCountries());
    if (!ValidId(in.country_id) ||
        std::none_of(countries.begin(), countries.end(), [&](const auto& c) { return c.id == in.country_id; }))
      return Unprocessable("unknown_country", "no such country", "country_id");
  }
  if (!in.reports_to_body_id.empty()) {
    if (!ValidId(in.reports_to_body_id)) return Unprocessable("unknown_body", "no such body", "reports_to_body_id");
    SRM_ASSIGN(to, store_->GetGovernanceBody(in.reports_to_body_id));
    if (!to) return Unprocessable("unknown_body", "no such body", "reports_to_body_id");
  }
  for (const auto& m : in.members) SRM_TRY(CheckMember(m));
  GovernanceBody b;
  b.id = ids_->NewId("gbd");
  b.kind = in.kind;
  b.name = in.name;
  b.country_id = in.country_id;
  b.reports_to = in.reports_to;
  b.reports_to_body_id = in.reports_to_body_id;
  b.established_on = in.established_on;
  b.created_by = {p.user.id, p.user.username};
  b.members = in.members;
  b.obligations = rules::ObligationsOnEstablishing(in.kind, in.established_on);
  for (auto& o : b.obligations) o.id = ids_->NewId("gob");
  b.created_at = b.updated_at = Now();
  SRM_TRY(CommitRecord(store_, p, p.RoleLabel(Role::kGovernance), "governance_body.create", kBody, b, 0, "",
                       Dump(domain::records::ToJson(b))));
  return LoadBody(b.id);
}

Result<store::Page<GovernanceBody>> GovernanceService::ListBodies(const Principal& p, const std::string& kind,
                                                                  const store::PageRequest& page,
                                                                  const store::ListNarrowing& narrow) {
  SRM_TRY(CanRead(p));
  store::GovernanceFilter f;
  f.kind = kind;
  f.narrow = narrow;
  return store_->ListGovernanceBodies(f, page);
}

Result<GovernanceBody> GovernanceService::GetBody(const Principal& p, const std::string& id) {
  SRM_TRY(CanRead(p));
  return LoadBody(id);
}

Result<GovernanceBody> GovernanceService::AddMember(const Principal& p, const std::string& body_id,
                                                    const GovernanceMember& m) {
  SRM_TRY(CanRecord(p));
  SRM_ASSIGN(b, LoadBody(body_id));
  SRM_TRY(CheckMember(m));
  GovernanceBody after = b;
  after.members.push_back(m);
  SRM_TRY(SaveBody(p, "governance_body.add_member", b, after));
  return LoadBody(body_id);
}

Result<GovernanceBody> GovernanceService::DraftTor(const Principal& p, const std::string& body_id,
                                                   const std::string& text) {
  SRM_TRY(CanRecord(p));
  SRM_ASSIGN(b, LoadBody(body_id));
  auto v = rules::CanDraftTor(b.tor);
  if (!v.ok) return Conflict(v.reason, "a draft of the terms of reference is waiting to be published");
  GovernanceBody after = b;
  int next = 1;
  for (const auto& t : b.tor) next = std::max(next, t.version + 1);
  after.tor.push_back({next, text, "draft", {p.user.id, p.user.username}, Now(), {}, std::nullopt});
  SRM_TRY(SaveBody(p, "governance_body.draft_tor", b, after));
  return LoadBody(body_id);
}

Result<GovernanceBody> GovernanceService::PublishTor(const Principal& p, const std::string& body_id, int version) {
  SRM_TRY(CanRecord(p));
  SRM_ASSIGN(b, LoadBody(body_id));
  auto v = rules::CanPublishTor(b.tor, version);
  if (!v.ok) {
    if (v.reason == "tor_version_missing") return NotFound("terms of reference version");
    return Conflict(v.reason, "a published version is final: draft a new version instead");
  }
  GovernanceBody after = b;
  rules::PublishTor(&after.tor, version, {p.user.id, p.user.username}, Now());
  SRM_TRY(SaveBody(p, "governance_body.publish_tor", b, after));
  return LoadBody(body_id);
}

Result<GovernanceBody> GovernanceService::CompleteObligation(const Principal& p, const std::string& body_id,
                                                             const std::string& obligation_id) {
  SRM_TRY(CanRecord(p));
  SRM_ASSIGN(b, LoadBody(body_id));
  GovernanceBody after = b;
  auto it = std::find_if(after.obligations.begin(), after.obligations.end(),
                         [&](const auto& o) { return o.id == obligation_id; });
  if (it == after.obligations.end()) return NotFound("obligation");
  auto v = rules::CanComplete(it->done_on);
  if (!v.ok) return Conflict(v.reason, "the obligation is already met");
  it->done_on = Today();
  SRM_TRY(SaveBody(p, "governance_body.complete_obligation", b, after));
  return LoadBody(body_id);
}

Result<GovernanceMeeting> GovernanceService::CreateMeeting(const Principal& p, const MeetingInput& in) {
  SRM_TRY(CanRecord(p));
  if (!ValidId(in.body_id)) return Unprocessable("unknown_body", "no such body", "body_id");
  SRM_ASSIGN(body, store_->GetGovernanceBody(in.body_id));
  if (!body) return Unprocessable("unknown_body", "no such body", "body_id");
  GovernanceMeeting m;
  m.id = ids_->NewId("gmt");
  m.body_id = in.body_id;
  m.held_on = in.held_on;
  m.title = in.title;
  m.summary = in.summary;
  m.recorded_by = {p.user.id, p.user.username};
  m.created_at = m.updated_at = Now();
  SRM_TRY(CommitRecord(store_, p, p.RoleLabel(Role::kGovernance), "governance_meeting.create", kMeeting, m, 0, "",
                       Dump(domain::records::ToJson(m))));
  SRM_ASSIGN(stored, store_->GetGovernanceMeeting(m.id));
  if (!stored) return NotFound("meeting");
  return *stored;
}

Result<GovernanceMeeting> GovernanceService::GetMeeting(const Principal& p, const std::string& id) {
  SRM_TRY(CanRead(p));
  if (!ValidId(id)) return NotFound("meeting");
  SRM_ASSIGN(m, store_->GetGovernanceMeeting(id));
  if (!m) return NotFound("meeting");
  return *m;
}

Result<store::Page<GovernanceMeeting>> GovernanceService::ListMeetings(const Principal& p, const std::string& body_id,
                                                                       const store::PageRequest& page,
                                                                       const store::ListNarrowing& narrow) {
  SRM_TRY(CanRead(p));
  store::GovernanceFilter f;
  f.body_id = body_id;
  f.narrow = narrow;
  return store_->ListGovernanceMeetings(f, page);
}

Result<GovernanceDecision> GovernanceService::CreateDecision(const Principal& p, const DecisionInput& in) {
  SRM_TRY(CanRecord(p));
  if (!ValidId(in.meeting_id)) return Unprocessable("unknown_meeting", "no such meeting", "meeting_id");
  SRM_ASSIGN(meeting, store_->GetGovernanceMeeting(in.meeting_id));
  if (!meeting) return Unprocessable("unknown_meeting", "no such meeting", "meeting_id");
  if (!in.tasked_user_id.empty()) {
    if (!ValidId(in.tasked_user_id)) return Unprocessable("unknown_user", "no such user", "tasked_user_id");
    SRM_ASSIGN(u, store_->GetUser(in.tasked_user_id));
    if (!u) return Unprocessable("unknown_user", "no such user", "tasked_user_id");
  }
  GovernanceDecision d;
  d.id = ids_->NewId("gdc");
  d.body_id = meeting->body_id;
  d.meeting_id = meeting->id;
  d.text = in.text;
  d.tasked_to = in.tasked_to;
  d.tasked_user_id = in.tasked_user_id;
  d.due_on = in.due_on;
  d.status = "open";
  d.recorded_by = {p.user.id, p.user.username};
  d.created_at = d.updated_at = Now();
  SRM_TRY(CommitRecord(store_, p, p.RoleLabel(Role::kGovernance), "governance_decision.create", kDecision, d, 0, "",
                       Dump(domain::records::ToJson(d))));
  SRM_ASSIGN(stored, store_->GetGovernanceDecision(d.id));
  if (!stored) return NotFound("decision");
  return *stored;
}

Result<store::Page<GovernanceDecision>> GovernanceService::ListDecisions(const Principal& p,
                                                                         const store::GovernanceFilter& f,
                                                                         const store::PageRequest& page) {
  SRM_TRY(CanRead(p));
  return store_->ListGovernanceDecisions(f, page);
}

Result<GovernanceDecision> GovernanceService::CompleteDecision(const Principal& p, const std::string& id) {
  // The secretariat records it, or the person tasked reports their task done.
  if (!ValidId(id)) return NotFound("decision");
  SRM_ASSIGN(d, store_->GetGovernanceDecision(id));
  if (!d) return NotFound("decision");
  const bool tasked = !d->tasked_user_id.empty() && d->tasked_user_id == p.user.id;
  if (!tasked) SRM_TRY(CanRecord(p));
  auto v = rules::CanComplete(d->done_on);
  if (!v.ok) return Conflict(v.reason, "the decision is already carried out");
  GovernanceDecision after = *d;
  after.status = "done";
  after.done_on = Today();
  after.updated_at = Now();
  SRM_TRY(CommitRecord(store_, p, tasked ? std::string("tasked") : p.RoleLabel(Role::kGovernance),
                       "governance_decision.complete", kDecision, after, d->revision,
                       Dump(domain::records::ToJson(*d)), Dump(domain::records::ToJson(after))));
  SRM_ASSIGN(stored, store_->GetGovernanceDecision(id));
  if (!stored) return NotFound("decision");
  return *stored;
}

Result<std::vector<DueItem>> GovernanceService::Due(const Principal& p) {
  SRM_TRY(CanRead(p));
  const std::string today = Today();
  std::vector<DueItem> out;
  SRM_ASSIGN(bodies, AllPages<GovernanceBody>([&](const store::PageRequest& pg) {
               return store_->ListGovernanceBodies({}, pg);
             }));
  for (const auto& b : bodies)
    for (const auto& o : b.obligations) {
      std::string state = rules::DueState(o.due_on, o.done_on, today);
      if (state == "due" || state == "overdue") out.push_back({"obligation", o.id, b.id, b.name, o.title, o.due_on, state});
    }
  store::GovernanceFilter open_only;
  open_only.status = "open";
  SRM_ASSIGN(open, AllPages<GovernanceDecision>([&](const store::PageRequest& pg) {
               return store_->ListGovernanceDecisions(open_only, pg);
             }));
  for (const auto& d : open) {
    std::string state = rules::DueState(d.due_on, d.done_on, today);
    if (state != "due" && state != "overdue") continue;
    std::string name;
    for (const auto& b : bodies)
      if (b.id == d.body_id) name = b.name;
    out.push_back({"decision", d.id, d.body_id, name, d.text, d.due_on, state});
  }
  std::sort(out.begin(), out.end(), [](const DueItem& a, const DueItem& b) { return a.due_on < b.due_on; });
  return out;
}

}  // namespace srm::service
