// The columns of each decision record table, bound to the members of its struct, in the order of
// migrations/0006_decision_records.sql, and their lists' child tables (0007_record_lists.sql).
#include "store/sql/decision_tables.h"

namespace srm::store::sql {
namespace {

// An optional<string> reference: nullopt and "" are NULL (a nullable foreign key).
template <typename T, typename... M>
Column<T> OptRef(const char* name, M... path) {
  Column<T> c = Cols<T>::OptText(name, path...);
  c.bind = [=](const T& r) {
    const std::optional<std::string>& v = At(r, path...);
    return v && !v->empty() ? Value(*v) : Value(Null{});
  };
  return c;
}

// The presence of an optional list (nullopt is not an empty list) as INTEGER 0/1.
template <typename T, typename E>
Column<T> Listed(const char* name, std::optional<std::vector<E>> T::*member) {
  return {name, [=](const T& r) { return Value((r.*member).has_value()); },
          [=](T& r, const Row& row, int c) {
            if (row.Int(c) != 0) (r.*member).emplace();
            else (r.*member).reset();
          }};
}

using S = Cols<std::string>;  // a list of strings: the element itself is the column

// The element columns shared by several lists.
std::vector<Column<records::ReasonCode>> ReasonColumns() {
  using E = records::ReasonCode;
  return {Cols<E>::Text("code", &E::code), Cols<E>::Text("message", &E::message)};
}

}  // namespace

std::string QuoteColumn(const std::string& name) {
  return name == "from" || name == "to" || name == "by" ? "\"" + name + "\"" : name;
}

template <>
const Table<records::EgsRecord>& TableOf<records::EgsRecord>() {
  using R = records::EgsRecord;
  using C = Cols<R>;
  static const Table<R> table = MakeTable<R>("egs_decisions", {
    C::Text("id", &R::id),
    C::Ref("area_id", &R::area_id),
    C::Text("area_name", &R::area_name),
    C::Ref("country_id", &R::country_id),
    C::Text("decision", &R::decision),
    C::Text("from", &R::from),
    C::Text("to", &R::to),
    C::Text("reason", &R::reason),
    C::Text("meeting_ref", &R::meeting_ref),
    C::Ref("recorded_by_id", &R::recorded_by, &records::UserRef::id),
    C::Text("recorded_by_username", &R::recorded_by, &records::UserRef::username),
    C::Text("decided_at", &R::decided_at),
  });
  return table;
}

template <>
const Table<records::ClearanceRequest>& TableOf<records::ClearanceRequest>() {
  using R = records::ClearanceRequest;
  using C = Cols<R>;
  static const Table<R> table = MakeTable<R>("clearance_requests", {
    C::Text("id", &R::id),
    C::Text("traveller_name", &R::traveller, &records::Traveller::name),
    C::Ref("traveller_user_id", &R::traveller, &records::Traveller::user_id),
    C::Ref("organization_id", &R::organization_id),
    C::Ref("country_id", &R::country_id),
    C::Text("activity", &R::activity),
    C::Int("pc", &R::pc),
    C::Ref("programme_id", &R::programme_id),
    C::Text("mission_ref", &R::mission_ref),
    C::Text("purpose", &R::purpose),
    C::Text("status", &R::status),
    C::Text("from", &R::from),
    C::Text("to", &R::to),
    C::Ref("requested_by_id", &R::requested_by, &records::UserRef::id),
    C::Text("requested_by_username", &R::requested_by, &records::UserRef::username),
    Listed("leg_ids_listed", &R::leg_ids),
  }, {
    Lists<R>::List("clearance_request_legs", "request_id", &R::leg_ids, std::vector{S::Text("leg_id")}),
  });
  return table;
}

template <>
const Table<records::ClearanceLeg>& TableOf<records::ClearanceLeg>() {
  using R = records::ClearanceLeg;
  using C = Cols<R>;
  using H = records::LegHistoryEntry;
  static const Table<R> table = MakeTable<R>("clearance_legs", {
    C::Text("id", &R::id),
    C::Ref("request_id", &R::request_id),
    C::Int("seq", &R::seq),
    C::Ref("organization_id", &R::organization_id),
    C::Text("traveller_name", &R::traveller, &records::Traveller::name),
    C::Ref("traveller_user_id", &R::traveller, &records::Traveller::user_id),
    C::Ref("requested_by_id", &R::requested_by, &records::UserRef::id),
    C::Text("requested_by_username", &R::requested_by, &records::UserRef::username),
    C::Text("activity", &R::activity),
    C::Int("pc", &R::pc),
    C::Ref("programme_id", &R::programme_id),
    C::Bool("pc_assessed", &R::pc_assessed),
    C::Text("mission_ref", &R::mission_ref),
    C::Ref("area_id", &R::area_id),
    C::Text("area_name", &R::area_name),
    C::Ref("country_id", &R::country_id),
    C::Text("from", &R::from),
    C::Text("to", &R::to),
    C::Text("status", &R::status),
    C::Text("rule", &R::rule),
    C::Text("approver_role", &R::approver_role),
    C::Text("residual_risk", &R::residual_risk),
    C::Ref("sra_id", &R::sra_id),
    C::Ref("specific_sra_id", &R::specific_sra_id),
    C::Ref("egs_decision_id", &R::egs_decision_id),
    C::Text("decided_at", &R::decided_at),
    C::Text("decided_by", &R::decided_by),
    C::Text("decided_role", &R::decided_role),
    C::Text("comment", &R::comment),
  }, {
    Lists<R>::List("clearance_leg_reasons", "leg_id", &R::reasons, ReasonColumns()),
    Lists<R>::List("clearance_leg_history", "leg_id", &R::history, std::vector{
      Cols<H>::Text("at", &H::at), Cols<H>::Text("status", &H::status), Cols<H>::Text("rule", &H::rule),
      Cols<H>::Text("by", &H::by), Cols<H>::OptText("role", &H::role), Cols<H>::OptText("comment", &H::comment),
      Cols<H>::OptText("cause", &H::cause)}),
  });
  return table;
}

template <>
const Table<records::SpecificSraApproval>& TableOf<records::SpecificSraApproval>() {
  using R = records::SpecificSraApproval;
  using C = Cols<R>;
  using H = records::ApprovalHistoryEntry;
  static const Table<R> table = MakeTable<R>("specific_sra_approvals", {
    C::Text("id", &R::id),
    C::Ref("sra_id", &R::sra_id),
    C::Text("series_id", &R::series_id),
    C::Int("version", &R::version),
    C::Text("title", &R::title),
    C::Text("mission_ref", &R::mission_ref),
    C::Ref("organization_id", &R::organization_id),
    C::Ref("area_id", &R::area_id),
    C::Text("area_name", &R::area_name),
    C::Ref("country_id", &R::country_id),
    C::OptText("residual_risk", &R::residual_risk),
    C::Int("residual_index", &R::residual_index),
    C::Text("from", &R::from),
    C::Text("to", &R::to),
    C::Text("status", &R::status),
    C::Text("published_at", &R::published_at),
    C::OptText("coordinated_by", &R::coordinated_by),
    C::OptText("decided_by", &R::decided_by),
  }, {
    Lists<R>::List("specific_sra_approval_history", "approval_id", &R::history, std::vector{
      Cols<H>::Text("at", &H::at), Cols<H>::Text("action", &H::action), Cols<H>::Text("by", &H::by),
      Cols<H>::OptText("role", &H::role), Cols<H>::Text("comment", &H::comment)}),
  });
  return table;
}

template <>
const Table<records::ActivityDecisionRecord>& TableOf<records::ActivityDecisionRecord>() {
  using R = records::ActivityDecisionRecord;
  using C = Cols<R>;
  using E = records::ExecApproval;
  using O = records::ActivityOption;
  using H = records::ActivityHistoryEntry;
  // A present approval whose residual_index column is NULL reads -1, as its codec decodes it.
  const E blank{.residual_index = -1};
  static const Table<R> table = MakeTable<R>("activity_decisions", {
    C::Text("id", &R::id),
    C::Ref("programme_id", &R::programme_id),
    C::Text("programme_name", &R::programme_name),
    C::Text("activity", &R::activity),
    C::Ref("organization_id", &R::organization_id),
    C::Ref("area_id", &R::area_id),
    C::Text("area_name", &R::area_name),
    C::Ref("country_id", &R::country_id),
    C::Int("pc", &R::pc),
    OptRef<R>("sra_id", &R::sra_id),
    C::OptText("residual_risk", &R::residual_risk),
    C::OptText("current_risk", &R::current_risk),
    C::Text("status", &R::status),
    C::Bool("needs_pc_assessment", &R::needs_pc_assessment),
    C::Bool("needs_exec_approval", &R::needs_exec_approval),
    C::Bool("never_acceptable", &R::never_acceptable),
    C::Bool("pc_assessed", &R::pc_assessed),
    C::InOptional(&R::exec_approval, Cols<E>::Text("exec_approval_by", &E::by), blank),
    C::InOptional(&R::exec_approval, Cols<E>::Text("exec_approval_at", &E::at), blank),
    C::InOptional(&R::exec_approval, Cols<E>::Text("exec_approval_comment", &E::comment), blank),
    C::InOptional(&R::exec_approval, Cols<E>::OptText("exec_approval_residual", &E::residual), blank),
    C::InOptional(&R::exec_approval, Cols<E>::Int("exec_approval_residual_index", &E::residual_index), blank),
    C::InOptional(&R::exec_approval, OptRef<E>("exec_approval_sra_id", &E::sra_id), blank),
    OptRef<R>("egs_decision_id", &R::egs_decision_id),
    C::Text("decided_at", &R::decided_at),
  }, {
    Lists<R>::List("activity_decision_reasons", "decision_id", &R::reasons, ReasonColumns()),
    Lists<R>::List("activity_decision_options", "decision_id", &R::options, std::vector{
      Cols<O>::Text("option", &O::option), Cols<O>::Text("detail", &O::detail)}),
    Lists<R>::List("activity_decision_missing", "decision_id", &R::missing, std::vector{S::Text("item")}),
    Lists<R>::List("activity_decision_history", "decision_id", &R::history, std::vector{
      Cols<H>::Text("at", &H::at), Cols<H>::Text("status", &H::status), Cols<H>::Text("cause", &H::cause)}),
  });
  return table;
}

template <>
const Table<records::PcAssessment>& TableOf<records::PcAssessment>() {
  using R = records::PcAssessment;
  using C = Cols<R>;
  static const Table<R> table = MakeTable<R>("pc_assessments", {
    C::Text("id", &R::id),
    C::Ref("programme_id", &R::programme_id),
    C::Int("pc", &R::pc),
    C::Ref("organization_id", &R::organization_id),
    C::Ref("area_id", &R::area_id),
    C::Ref("country_id", &R::country_id),
    C::Text("comment", &R::comment),
    C::Text("recorded_by", &R::recorded_by),
    C::Text("recorded_at", &R::recorded_at),
    C::Ref("recorded_by_id", &R::recorded_by_id),
    C::Text("valid_until", &R::valid_until),
    C::Text("confirmed_by", &R::confirmed_by),
    C::Text("confirmed_at", &R::confirmed_at),
    C::Ref("confirmed_by_id", &R::confirmed_by_id),
  });
  return table;
}

template <>
const Table<records::ComplianceItem>& TableOf<records::ComplianceItem>() {
  using R = records::ComplianceItem;
  using C = Cols<R>;
  using V = records::EvidenceEntry;
  using H = records::ComplianceHistoryEntry;
  static const Table<R> table = MakeTable<R>("compliance_items", {
    C::Text("id", &R::id),
    C::Ref("location_id", &R::location_id),
    C::Text("location_name", &R::location_name),
    C::Text("location_kind", &R::location_kind),
    C::Ref("area_id", &R::area_id),
    C::Ref("country_id", &R::country_id),
    C::Ref("organization_id", &R::organization_id),
    C::Text("requirement", &R::requirement),
    C::Text("moss_category", &R::moss_category),
    C::Ref("sra_id", &R::sra_id),
    C::Text("measure_id", &R::measure_id),
    C::Text("status", &R::status),
    C::Text("due_date", &R::due_date),
    C::Text("owner", &R::owner),
    C::Text("comment", &R::comment),
    C::Text("created_by", &R::created_by),
  }, {
    Lists<R>::List("compliance_item_evidence", "item_id", &R::evidence, std::vector{
      Cols<V>::Text("text", &V::text), Cols<V>::Text("by", &V::by), Cols<V>::Text("at", &V::at)}),
    Lists<R>::List("compliance_item_history", "item_id", &R::history, std::vector{
      Cols<H>::Text("at", &H::at), Cols<H>::Text("by", &H::by), Cols<H>::Text("status", &H::status),
      Cols<H>::Text("evidence", &H::evidence), Cols<H>::Text("comment", &H::comment)}),
  });
  return table;
}

template <>
const Table<records::Notification>& TableOf<records::Notification>() {
  using R = records::Notification;
  using C = Cols<R>;
  using D = records::NotificationDetail;
  static const Table<R> table = MakeTable<R>("notifications", {
    C::Text("id", &R::id),
    C::Ref("user_id", &R::user_id),
    C::Ref("organization_id", &R::organization_id),
    C::Text("type", &R::type),
    C::Text("object_id", &R::object_id),
    C::Text("message", &R::message),
    C::OptText("detail_request_id", &R::detail, &D::request_id),
    C::OptText("detail_leg_id", &R::detail, &D::leg_id),
    C::OptText("detail_area_id", &R::detail, &D::area_id),
    C::OptText("detail_programme_id", &R::detail, &D::programme_id),
    C::Text("detail_before", &R::detail, &D::before),
    C::Text("detail_after", &R::detail, &D::after),
    C::OptText("detail_rule", &R::detail, &D::rule),
    C::OptText("detail_cause", &R::detail, &D::cause),
    C::Text("status", &R::status),
    C::OptText("read_at", &R::read_at),
  });
  return table;
}

// ---- migration 0009: risk acceptance and avoidance ----

template <>
const Table<records::RiskAcceptance>& TableOf<records::RiskAcceptance>() {
  using R = records::RiskAcceptance;
  using C = Cols<R>;
  static const Table<R> table = MakeTable<R>("risk_acceptances", {
    C::Text("id", &R::id),
    C::Ref("programme_id", &R::programme_id),
    C::Text("activity", &R::activity),
    C::Ref("organization_id", &R::organization_id),
    C::Ref("area_id", &R::area_id),
    C::Text("area_name", &R::area_name),
    C::Ref("country_id", &R::country_id),
    C::Int("pc", &R::pc),
    C::Ref("sra_id", &R::sra_id),
    C::Text("residual_risk", &R::residual_risk),
    C::Int("residual_index", &R::residual_index),
    C::Ref("signatory_id", &R::signatory, &records::UserRef::id),
    C::Text("signatory_username", &R::signatory, &records::UserRef::username),
    C::Text("signatory_role", &R::signatory_role),
    C::Text("reasons", &R::reasons),
    C::Text("conditions", &R::conditions),
    C::Text("expires_on", &R::expires_on),
    C::Text("signed_at", &R::signed_at),
    C::Text("status", &R::status),
    C::OptText("voided_at", &R::voided_at),
    C::OptText("void_reason", &R::void_reason),
  });
  return table;
}

template <>
const Table<records::AvoidanceDecision>& TableOf<records::AvoidanceDecision>() {
  using R = records::AvoidanceDecision;
  using C = Cols<R>;
  static const Table<R> table = MakeTable<R>("avoidance_decisions", {
    C::Text("id", &R::id),
    C::Ref("area_id", &R::area_id),
    C::Text("area_name", &R::area_name),
    C::Ref("country_id", &R::country_id),
    C::Text("kind", &R::kind),
    C::Text("from", &R::from),
    C::Text("to", &R::to),
    C::Text("destination", &R::destination),
    C::Text("reason", &R::reason),
    C::Text("personnel", &R::personnel),
    C::Int("personnel_count", &R::personnel_count),
    C::Ref("decided_by_id", &R::decided_by, &records::UserRef::id),
    C::Text("decided_by_username", &R::decided_by, &records::UserRef::username),
    C::Text("decided_at", &R::decided_at),
  });
  return table;
}

}  // namespace srm::store::sql
