// The columns of governance bodies, meetings and decisions, the action plan and the security
// workforce (migrations 0019-0021, issue 16), bound to domain/records/governance_records.h.
#include "store/sql/decision_tables.h"

namespace srm::store::sql {

using U = records::UserRef;

template <>
const Table<records::GovernanceBody>& TableOf<records::GovernanceBody>() {
  using R = records::GovernanceBody;
  using C = Cols<R>;
  using M = records::GovernanceMember;
  using V = records::TorVersion;
  using O = records::GovernanceObligation;
  static const Table<R> table = MakeTable<R>("governance_bodies", {
    C::Text("id", &R::id),
    C::Text("kind", &R::kind),
    C::Text("name", &R::name),
    C::Ref("country_id", &R::country_id),
    C::Text("reports_to", &R::reports_to),
    C::Ref("reports_to_body_id", &R::reports_to_body_id),
    C::Text("established_on", &R::established_on),
    C::Ref("created_by_id", &R::created_by, &U::id),
    C::Text("created_by_username", &R::created_by, &U::username),
  }, {
    Lists<R>::List("governance_body_members", "body_id", &R::members, std::vector{
      Cols<M>::Ref("user_id", &M::user_id), Cols<M>::Text("name", &M::name),
      Cols<M>::Ref("organization_id", &M::organization_id), Cols<M>::Text("member_role", &M::member_role)}),
    Lists<R>::List("governance_tor_versions", "body_id", &R::tor, std::vector{
      Cols<V>::Int("version", &V::version), Cols<V>::Text("text", &V::text), Cols<V>::Text("status", &V::status),
      Cols<V>::Text("drafted_by_id", &V::drafted_by, &U::id),
      Cols<V>::Text("drafted_by_username", &V::drafted_by, &U::username),
      Cols<V>::Text("drafted_at", &V::drafted_at),
      Cols<V>::Text("published_by_id", &V::published_by, &U::id),
      Cols<V>::Text("published_by_username", &V::published_by, &U::username),
      Cols<V>::OptText("published_at", &V::published_at)}),
    Lists<R>::List("governance_obligations", "body_id", &R::obligations, std::vector{
      Cols<O>::Text("id", &O::id), Cols<O>::Text("kind", &O::kind), Cols<O>::Text("title", &O::title),
      Cols<O>::Text("due_on", &O::due_on), Cols<O>::OptText("done_on", &O::done_on)}),
  });
  return table;
}

template <>
const Table<records::GovernanceMeeting>& TableOf<records::GovernanceMeeting>() {
  using R = records::GovernanceMeeting;
  using C = Cols<R>;
  static const Table<R> table = MakeTable<R>("governance_meetings", {
    C::Text("id", &R::id),
    C::Ref("body_id", &R::body_id),
    C::Text("held_on", &R::held_on),
    C::Text("title", &R::title),
    C::Text("summary", &R::summary),
    C::Ref("recorded_by_id", &R::recorded_by, &U::id),
    C::Text("recorded_by_username", &R::recorded_by, &U::username),
  });
  return table;
}

template <>
const Table<records::GovernanceDecision>& TableOf<records::GovernanceDecision>() {
  using R = records::GovernanceDecision;
  using C = Cols<R>;
  static const Table<R> table = MakeTable<R>("governance_decisions", {
    C::Text("id", &R::id),
    C::Ref("body_id", &R::body_id),
    C::Ref("meeting_id", &R::meeting_id),
    C::Text("text", &R::text),
    C::Text("tasked_to", &R::tasked_to),
    C::Ref("tasked_user_id", &R::tasked_user_id),
    C::Text("due_on", &R::due_on),
    C::Text("status", &R::status),
    C::OptText("done_on", &R::done_on),
    C::Ref("recorded_by_id", &R::recorded_by, &U::id),
    C::Text("recorded_by_username", &R::recorded_by, &U::username),
  });
  return table;
}

template <>
const Table<records::ActionPlanItem>& TableOf<records::ActionPlanItem>() {
  using R = records::ActionPlanItem;
  using C = Cols<R>;
  using M = records::ActionMilestone;
  using E = records::ActionEvidence;
  static const Table<R> table = MakeTable<R>("action_plan_items", {
    C::Text("id", &R::id),
    C::Text("code", &R::code),
    C::Text("title", &R::title),
    C::Text("category", &R::category),
    C::Text("model", &R::model),
    C::Text("lead", &R::lead),
    C::Ref("lead_body_id", &R::lead_body_id),
    C::Text("status", &R::status),
    C::Text("due_on", &R::due_on),
    C::Text("source", &R::source),
    C::Ref("created_by_id", &R::created_by, &U::id),
    C::Text("created_by_username", &R::created_by, &U::username),
  }, {
    Lists<R>::List("action_plan_milestones", "item_id", &R::milestones, std::vector{
      Cols<M>::Text("id", &M::id), Cols<M>::Text("title", &M::title), Cols<M>::Text("due_on", &M::due_on),
      Cols<M>::OptText("done_on", &M::done_on)}),
    Lists<R>::List("action_plan_evidence", "item_id", &R::evidence, std::vector{
      Cols<E>::Text("kind", &E::kind), Cols<E>::Text("target_id", &E::target_id), Cols<E>::Text("note", &E::note),
      Cols<E>::Text("added_by_id", &E::added_by, &U::id),
      Cols<E>::Text("added_by_username", &E::added_by, &U::username), Cols<E>::Text("added_at", &E::added_at)}),
  });
  return table;
}

template <>
const Table<records::SecurityPersonnel>& TableOf<records::SecurityPersonnel>() {
  using R = records::SecurityPersonnel;
  using C = Cols<R>;
  using S = Cols<std::string>;
  static const Table<R> table = MakeTable<R>("security_personnel", {
    C::Text("id", &R::id),
    C::Ref("user_id", &R::user_id),
    C::Text("full_name", &R::full_name),
    C::Ref("organization_id", &R::organization_id),
    C::Ref("country_id", &R::country_id),
    C::Ref("area_id", &R::area_id),
    C::Text("category", &R::category),
    C::Text("post", &R::post),
    C::Text("status", &R::status),
    C::OptText("left_on", &R::left_on),
    C::OptText("purged_at", &R::purged_at),
    C::Ref("recorded_by_id", &R::recorded_by, &U::id),
    C::Text("recorded_by_username", &R::recorded_by, &U::username),
  }, {
    Lists<R>::List("security_personnel_skills", "personnel_id", &R::skills, std::vector{S::Text("skill")}),
    Lists<R>::List("security_personnel_languages", "personnel_id", &R::languages, std::vector{S::Text("language")}),
  });
  return table;
}

template <>
const Table<records::SurgeDeployment>& TableOf<records::SurgeDeployment>() {
  using R = records::SurgeDeployment;
  using C = Cols<R>;
  static const Table<R> table = MakeTable<R>("surge_deployments", {
    C::Text("id", &R::id),
    C::Ref("personnel_id", &R::personnel_id),
    C::Ref("organization_id", &R::organization_id),
    C::Ref("area_id", &R::area_id),
    C::Text("from", &R::from),
    C::Text("to", &R::to),
    C::Ref("fund_request_id", &R::fund_request_id),
    C::Text("purpose", &R::purpose),
    C::Text("status", &R::status),
    C::Ref("recorded_by_id", &R::recorded_by, &U::id),
    C::Text("recorded_by_username", &R::recorded_by, &U::username),
  });
  return table;
}

}  // namespace srm::store::sql
