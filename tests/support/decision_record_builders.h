// Decision records with every field set, shared by the codec test (tests/domain), the record-store
// test (tests/service) and the store contract (tests/store): their round trips compare whole
// structs (operator== = default), so a builder that leaves a field default would let a codec or a
// table lose it unnoticed. `RecordRefs` names what the records point at: a store test creates those
// rows first (the tables' foreign keys); the optional cross-references stay "" unless a test has
// the rows they name.
#pragma once

#include <concepts>
#include <optional>
#include <string>
#include <vector>

#include "domain/records/decision_records.h"

namespace srm::test_support {

namespace rec = domain::records;

struct RecordRefs {
  std::string organization_id = "org_wfp";
  std::string country_id = "cty_1";
  std::string area_id = "are_1", area_name = "Sanjar";
  std::string programme_id = "prg_1", programme_name = "Food", activity = "Distribution";
  std::string location_id = "loc_1";
  std::string sra_id = "sra_1";
  rec::UserRef user{"u_ana", "ana"};  // the traveller, the requester and every actor
  std::string traveller_name = "Ana";
  std::string from = "2026-03-01", to = "2026-03-05";  // the window the records cover
  std::string at = "2026-02-01T00:00:00.000Z";         // every timestamp
  std::string specific_sra_id, egs_decision_id;        // a leg's specific SRA and no-go ("" = none)
};

inline rec::ClearanceRequest Request(const RecordRefs& refs, const std::string& id) {
  rec::ClearanceRequest r;
  r.id = id;
  r.traveller = {refs.traveller_name, refs.user.id};
  r.organization_id = refs.organization_id;
  r.country_id = refs.country_id;
  r.activity = refs.activity;
  r.pc = 2;
  r.programme_id = refs.programme_id;
  r.mission_ref = "M-1";
  r.purpose = "Monitoring, \"quoted\" and ünïcödé";
  r.status = "pending";
  r.from = refs.from;
  r.to = refs.to;
  r.requested_by = refs.user;
  r.leg_ids = std::vector<std::string>{id + "_l1"};
  r.created_at = r.updated_at = refs.at;
  return r;
}

// Where and when a leg is, for the tests that list legs by area, window and order.
struct LegPlace {
  std::string area_id, from, to;  // to "" = open-ended
  std::string updated_at;
};

inline rec::ClearanceLeg Leg(const RecordRefs& refs, const std::string& id, const std::string& request_id,
                             const std::string& status) {
  rec::ClearanceLeg l;
  l.id = id;
  l.request_id = request_id;
  l.seq = 1;
  l.organization_id = refs.organization_id;
  l.traveller = {refs.traveller_name, refs.user.id};
  l.requested_by = refs.user;
  l.activity = refs.activity;
  l.pc = 2;
  l.programme_id = refs.programme_id;
  l.pc_assessed = true;
  l.mission_ref = "M-1";
  l.area_id = refs.area_id;
  l.area_name = refs.area_name;
  l.country_id = refs.country_id;
  l.from = refs.from;
  l.to = refs.to;
  l.status = status;
  l.rule = "referred_high";
  l.approver_role = "security_cell";
  l.reasons = {{"sra_current", "the SRA is current"}, {"over_limit", "residual High over PC2's limit"}};
  l.residual_risk = "High";
  l.sra_id = refs.sra_id;
  l.specific_sra_id = refs.specific_sra_id;
  l.egs_decision_id = refs.egs_decision_id;
  l.decided_at = refs.at;
  l.decided_by = refs.user.username;
  l.decided_role = "security_cell";
  l.comment = "Agreed";
  // An automatic entry (a cause, no role or comment) and a manual one (role and comment, no cause).
  l.history = {{refs.at, "referred", "referred_high", "system", std::nullopt, std::nullopt, "requested"},
               {refs.at, "approved", "manual", refs.user.username, "security_cell", "ok", std::nullopt}};
  l.created_at = refs.at;
  l.updated_at = refs.at;
  return l;
}

inline rec::ClearanceLeg Leg(const RecordRefs& refs, const std::string& id, const std::string& request_id,
                             const std::string& status, const LegPlace& place) {
  rec::ClearanceLeg l = Leg(refs, id, request_id, status);
  l.area_id = place.area_id;
  l.area_name = "Area " + place.area_id;
  l.from = place.from;
  l.to = place.to;
  l.updated_at = place.updated_at;
  return l;
}

inline rec::EgsRecord Egs(const RecordRefs& refs, const std::string& id, const std::string& decision = "no_go") {
  return {id,        refs.area_id, refs.area_name, refs.country_id, decision, refs.from, refs.to, "Fighting", "EGS-7",
          refs.user, refs.at,      refs.at,        refs.at,         0};
}

inline rec::SpecificSraApproval SpecificApproval(const RecordRefs& refs, const std::string& sra_id,
                                                 const std::string& status = "approved") {
  rec::SpecificSraApproval a;
  a.id = "ssa_" + sra_id;
  a.sra_id = sra_id;
  a.series_id = "ser_" + sra_id;
  a.version = 2;
  a.title = "Convoy";
  a.mission_ref = "M-1";
  a.organization_id = refs.organization_id;
  a.area_id = refs.area_id;
  a.area_name = refs.area_name;
  a.country_id = refs.country_id;
  a.residual_risk = "Very High";
  a.residual_index = 3;
  a.from = refs.from;
  a.to = refs.to;
  a.status = status;
  a.published_at = refs.at;
  a.coordinated_by = "hq";
  a.decided_by = "exec";
  a.history = {{refs.at, "coordinate", "hq", std::string("hq_security"), "ok"},
               {refs.at, "supersede", "system", std::nullopt, "version 3 published"}};
  a.created_at = a.updated_at = refs.at;
  return a;
}

inline rec::ActivityDecisionRecord Activity(const RecordRefs& refs) {
  rec::ActivityDecisionRecord r;
  r.id = "act_" + refs.programme_id;
  r.programme_id = refs.programme_id;
  r.programme_name = refs.programme_name;
  r.activity = refs.activity;
  r.organization_id = refs.organization_id;
  r.area_id = refs.area_id;
  r.area_name = refs.area_name;
  r.country_id = refs.country_id;
  r.pc = 1;
  r.sra_id = refs.sra_id;
  r.residual_risk = "Very High";
  r.current_risk = "High";
  r.status = "acceptable";
  r.reasons = {{"exec_approved", "Approved"}};
  r.options = {{"reduce", "Reduce the risk"}};
  r.missing = {"pc_assessment"};
  r.needs_pc_assessment = r.needs_exec_approval = r.never_acceptable = r.pc_assessed = true;
  r.exec_approval = rec::ExecApproval{"exec", refs.at, "Accepted", std::string("Very High"), 3, refs.sra_id};
  if (!refs.egs_decision_id.empty()) r.egs_decision_id = refs.egs_decision_id;
  r.decided_at = refs.at;
  r.history = {{refs.at, "acceptable", "exec_approval"}};
  r.created_at = r.updated_at = refs.at;
  return r;
}

inline rec::PcAssessment Assessment(const RecordRefs& refs) {
  rec::PcAssessment a;
  a.id = "pca_" + refs.programme_id;
  a.programme_id = refs.programme_id;
  a.pc = 1;
  a.organization_id = refs.organization_id;
  a.area_id = refs.area_id;
  a.country_id = refs.country_id;
  a.comment = "Reviewed";
  a.recorded_by = refs.user.username;
  a.recorded_at = refs.at;
  a.valid_until = refs.to;
  a.confirmed_by = "exec";
  a.confirmed_at = refs.at;
  a.confirmed_by_id = refs.user.id;
  a.recorded_by_id = refs.user.id;
  a.created_at = a.updated_at = refs.at;
  return a;
}

inline rec::ComplianceItem Compliance(const RecordRefs& refs, const std::string& id,
                                      const std::string& status = "compliant") {
  rec::ComplianceItem c;
  c.id = id;
  c.location_id = refs.location_id;
  c.location_name = "Office";
  c.location_kind = "office";
  c.area_id = refs.area_id;
  c.country_id = refs.country_id;
  c.organization_id = refs.organization_id;
  c.requirement = "Blast film";
  c.moss_category = "physical";
  c.sra_id = refs.sra_id;
  c.measure_id = "m1";
  c.status = status;
  c.due_date = refs.to;
  c.owner = "Facilities";
  c.evidence = {{"Photo", refs.user.username, refs.at}};
  c.comment = "Done";
  c.created_by = refs.user.username;
  c.created_at = c.updated_at = refs.at;
  c.history = {{refs.at, refs.user.username, status, "Photo", "Done"}};
  return c;
}

inline rec::Notification Note(const RecordRefs& refs, const std::string& id, const std::string& status = "read") {
  rec::Notification n;
  n.id = id;
  n.user_id = refs.user.id;
  n.organization_id = refs.organization_id;
  n.type = "clearance_changed";
  n.object_id = "clr_1";
  n.message = "Your clearance changed";
  n.detail = {std::string("clr_1"), std::string("clr_1_l1"), refs.area_id, std::nullopt, "cleared", "blocked",
              std::string("egs_no_go"), std::string("egs:egs_1")};
  n.status = status;
  if (status == "read") n.read_at = refs.at;
  n.created_at = n.updated_at = refs.at;
  return n;
}

// The record as its JSON codec carries it: the "(row)" fields, kept in the table's columns
// (domain/records/decision_records.h), at their defaults.
template <typename T>
  requires std::same_as<T, rec::ClearanceLeg> || std::same_as<T, rec::EgsRecord> ||
           std::same_as<T, rec::SpecificSraApproval> || std::same_as<T, rec::ActivityDecisionRecord>
T JsonPart(T r) {  // the kinds whose row fields are their timestamps
  r.created_at = r.updated_at = "";
  return r;
}
inline rec::PcAssessment JsonPart(rec::PcAssessment r) {
  r.country_id = r.confirmed_by_id = r.recorded_by_id = r.created_at = r.updated_at = "";
  return r;
}
inline rec::Notification JsonPart(rec::Notification r) {
  r.user_id = r.organization_id = r.updated_at = "";
  return r;
}

}  // namespace srm::test_support
