// The columns of each decision record table, in the order of migrations/*/0006_decision_records.sql.
#include "store/sql/decision_tables.h"

namespace srm::store::sql {

std::string QuoteColumn(const char* name) {
  const std::string n = name;
  return n == "from" || n == "to" ? "\"" + n + "\"" : n;
}

template <>
const Table<records::EgsRecord>& TableOf<records::EgsRecord>() {
  using R = records::EgsRecord;
  static const Table<R> table = MakeTable<R>("egs_decisions", {
    {"id", kText, "/id"},
    {"area_id", kRef, "/area_id"},
    {"area_name", kText, "/area_name"},
    {"country_id", kRef, "/country_id"},
    {"decision", kText, "/decision"},
    {"from", kText, "/from"},
    {"to", kText, "/to"},
    {"reason", kText, "/reason"},
    {"meeting_ref", kText, "/meeting_ref"},
    {"recorded_by_id", kRef, "/recorded_by/id"},
    {"recorded_by_username", kText, "/recorded_by/username"},
    {"decided_at", kText, "/decided_at"},
  });
  return table;
}

template <>
const Table<records::ClearanceRequest>& TableOf<records::ClearanceRequest>() {
  using R = records::ClearanceRequest;
  static const Table<R> table = MakeTable<R>("clearance_requests", {
    {"id", kText, "/id"},
    {"traveller_name", kText, "/traveller/name"},
    {"traveller_user_id", kRef, "/traveller/user_id"},
    {"organization_id", kRef, "/organization_id"},
    {"country_id", kRef, "/country_id"},
    {"activity", kText, "/activity"},
    {"pc", kInt, "/pc"},
    {"programme_id", kRef, "/programme_id"},
    {"mission_ref", kText, "/mission_ref"},
    {"purpose", kText, "/purpose"},
    {"status", kText, "/status"},
    {"from", kText, "/from"},
    {"to", kText, "/to"},
    {"requested_by_id", kRef, "/requested_by/id"},
    {"requested_by_username", kText, "/requested_by/username"},
    {"leg_ids", kJson, "/leg_ids"},
  });
  return table;
}

template <>
const Table<records::ClearanceLeg>& TableOf<records::ClearanceLeg>() {
  using R = records::ClearanceLeg;
  static const Table<R> table = MakeTable<R>("clearance_legs", {
    {"id", kText, "/id"},
    {"request_id", kRef, "/request_id"},
    {"seq", kInt, "/seq"},
    {"organization_id", kRef, "/organization_id"},
    {"traveller_name", kText, "/traveller/name"},
    {"traveller_user_id", kRef, "/traveller/user_id"},
    {"requested_by_id", kRef, "/requested_by/id"},
    {"requested_by_username", kText, "/requested_by/username"},
    {"activity", kText, "/activity"},
    {"pc", kInt, "/pc"},
    {"programme_id", kRef, "/programme_id"},
    {"pc_assessed", kBool, "/pc_assessed"},
    {"mission_ref", kText, "/mission_ref"},
    {"area_id", kRef, "/area_id"},
    {"area_name", kText, "/area_name"},
    {"country_id", kRef, "/country_id"},
    {"from", kText, "/from"},
    {"to", kText, "/to"},
    {"status", kText, "/status"},
    {"rule", kText, "/rule"},
    {"approver_role", kText, "/approver_role"},
    {"reasons", kJson, "/reasons"},
    {"residual_risk", kText, "/residual_risk"},
    {"sra_id", kRef, "/sra_id"},
    {"specific_sra_id", kRef, "/specific_sra_id"},
    {"egs_decision_id", kRef, "/egs_decision_id"},
    {"decided_at", kText, "/decided_at"},
    {"decided_by", kText, "/decided_by"},
    {"decided_role", kText, "/decided_role"},
    {"comment", kText, "/comment"},
    {"history", kJson, "/history"},
  });
  return table;
}

template <>
const Table<records::SpecificSraApproval>& TableOf<records::SpecificSraApproval>() {
  using R = records::SpecificSraApproval;
  static const Table<R> table = MakeTable<R>("specific_sra_approvals", {
    {"id", kText, "/id"},
    {"sra_id", kRef, "/sra_id"},
    {"series_id", kText, "/series_id"},
    {"version", kInt, "/version"},
    {"title", kText, "/title"},
    {"mission_ref", kText, "/mission_ref"},
    {"organization_id", kRef, "/organization_id"},
    {"area_id", kRef, "/area_id"},
    {"area_name", kText, "/area_name"},
    {"country_id", kRef, "/country_id"},
    {"residual_risk", kText, "/residual_risk"},
    {"residual_index", kInt, "/residual_index"},
    {"from", kText, "/from"},
    {"to", kText, "/to"},
    {"status", kText, "/status"},
    {"published_at", kText, "/published_at"},
    {"coordinated_by", kText, "/coordinated_by"},
    {"decided_by", kText, "/decided_by"},
    {"history", kJson, "/history"},
  });
  return table;
}

template <>
const Table<records::ActivityDecisionRecord>& TableOf<records::ActivityDecisionRecord>() {
  using R = records::ActivityDecisionRecord;
  static const Table<R> table = MakeTable<R>("activity_decisions", {
    {"id", kText, "/id"},
    {"programme_id", kRef, "/programme_id"},
    {"programme_name", kText, "/programme_name"},
    {"activity", kText, "/activity"},
    {"organization_id", kRef, "/organization_id"},
    {"area_id", kRef, "/area_id"},
    {"area_name", kText, "/area_name"},
    {"country_id", kRef, "/country_id"},
    {"pc", kInt, "/pc"},
    {"sra_id", kRef, "/sra_id"},
    {"residual_risk", kText, "/residual_risk"},
    {"current_risk", kText, "/current_risk"},
    {"status", kText, "/status"},
    {"reasons", kJson, "/reasons"},
    {"options", kJson, "/options"},
    {"missing", kJson, "/missing"},
    {"needs_pc_assessment", kBool, "/needs_pc_assessment"},
    {"needs_exec_approval", kBool, "/needs_exec_approval"},
    {"never_acceptable", kBool, "/never_acceptable"},
    {"pc_assessed", kBool, "/pc_assessed"},
    {"exec_approval_by", kText, "/exec_approval/by"},
    {"exec_approval_at", kText, "/exec_approval/at"},
    {"exec_approval_comment", kText, "/exec_approval/comment"},
    {"exec_approval_residual", kText, "/exec_approval/residual"},
    {"exec_approval_residual_index", kInt, "/exec_approval/residual_index"},
    {"exec_approval_sra_id", kRef, "/exec_approval/sra_id"},
    {"egs_decision_id", kRef, "/egs_decision_id"},
    {"decided_at", kText, "/decided_at"},
    {"history", kJson, "/history"},
  });
  return table;
}

template <>
const Table<records::PcAssessment>& TableOf<records::PcAssessment>() {
  using R = records::PcAssessment;
  static const Table<R> table = MakeTable<R>("pc_assessments", {
    {"id", kText, "/id"},
    {"programme_id", kRef, "/programme_id"},
    {"pc", kInt, "/pc"},
    {"organization_id", kRef, "/organization_id"},
    {"area_id", kRef, "/area_id"},
    {"country_id", kRef, "", &R::country_id},
    {"comment", kText, "/comment"},
    {"recorded_by", kText, "/recorded_by"},
    {"recorded_at", kText, "/recorded_at"},
    {"recorded_by_id", kRef, "", &R::recorded_by_id},
  });
  return table;
}

template <>
const Table<records::ComplianceItem>& TableOf<records::ComplianceItem>() {
  using R = records::ComplianceItem;
  static const Table<R> table = MakeTable<R>("compliance_items", {
    {"id", kText, "/id"},
    {"location_id", kRef, "/location_id"},
    {"location_name", kText, "/location_name"},
    {"location_kind", kText, "/location_kind"},
    {"area_id", kRef, "/area_id"},
    {"country_id", kRef, "/country_id"},
    {"organization_id", kRef, "/organization_id"},
    {"requirement", kText, "/requirement"},
    {"moss_category", kText, "/moss_category"},
    {"sra_id", kRef, "/sra_id"},
    {"measure_id", kText, "/measure_id"},
    {"status", kText, "/status"},
    {"due_date", kText, "/due_date"},
    {"owner", kText, "/owner"},
    {"evidence", kJson, "/evidence"},
    {"comment", kText, "/comment"},
    {"created_by", kText, "/created_by"},
    {"history", kJson, "/history"},
  });
  return table;
}

template <>
const Table<records::Notification>& TableOf<records::Notification>() {
  using R = records::Notification;
  static const Table<R> table = MakeTable<R>("notifications", {
    {"id", kText, "/id"},
    {"user_id", kRef, "", &R::user_id},
    {"organization_id", kRef, "", &R::organization_id},
    {"type", kText, "/type"},
    {"object_id", kText, "/object_id"},
    {"message", kText, "/message"},
    {"detail_request_id", kText, "/detail/request_id"},
    {"detail_leg_id", kText, "/detail/leg_id"},
    {"detail_area_id", kText, "/detail/area_id"},
    {"detail_programme_id", kText, "/detail/programme_id"},
    {"detail_before", kText, "/detail/before"},
    {"detail_after", kText, "/detail/after"},
    {"detail_rule", kText, "/detail/rule"},
    {"detail_cause", kText, "/detail/cause"},
    {"status", kText, "/status"},
    {"read_at", kText, "/read_at"},
  });
  return table;
}

}  // namespace srm::store::sql
