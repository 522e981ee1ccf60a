// What the capabilities of DecisionService share (service/decisions/*.cpp): the facts gathered
// while deciding, the batch of writes of one transaction, and the helpers of the re-decision core.
// Internal to the service: nothing outside service/decisions/ includes it.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/ids.h"
#include "domain/records/decision_records_json.h"
#include "service/paging.h"
#include "domain/decisions.h"
#include "service/decisions.h"
#include "service/decisions/record_store.h"
#include "service/scope.h"

namespace srm::service {

namespace decision_kinds {
inline constexpr const char* kClearance = "clearance";
inline constexpr const char* kLeg = "clearance_leg";
inline constexpr const char* kEgs = "egs_decision";
inline constexpr const char* kSpecific = "specific_sra_approval";
inline constexpr const char* kActivity = "activity_decision";
inline constexpr const char* kPcAssessment = "pc_assessment";
inline constexpr const char* kCompliance = "compliance_item";
inline constexpr const char* kNotification = "notification";
inline constexpr const char* kAcceptance = "risk_acceptance";
inline constexpr const char* kAvoidance = "avoidance_decision";
}  // namespace decision_kinds

// An approved specific SRA, as the leg rules see it.
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
  bool sra_doc_loaded = false;               // the SRA in force as a document (activities: scenarios)
  std::shared_ptr<const domain::Sra> sra_doc;
};

// What an activity is judged at (service/decisions/acceptance.cpp).
struct DecisionService::ActivityBasis {
  std::optional<int> residual, current;  // none without an SRA in force
  std::vector<domain::Reason> reasons;   // the scenarios that concern it
};

// Facts that are about to change in the same transaction, so reads must not see the store's.
struct DecisionService::Overrides {
  const domain::Sra* published = nullptr;    // an SRA being published
  std::vector<std::pair<std::string, domain::EgsDecision>> extra_egs;  // area -> decision being recorded
  std::optional<SpecificApproval> extra_approval;                       // a specific SRA being approved
  std::map<std::string, domain::PcAssessmentFacts> assessed;  // programme -> PC assessment being recorded
  std::map<std::string, domain::records::RiskAcceptance> acceptances;  // programme -> acceptance being signed
};

// The writes and audit events of one transaction, and what was read to decide them.
struct DecisionService::Batch {
  const Principal& p;
  std::string role;
  std::string now, today;
  Overrides ov;
  std::map<std::string, std::shared_ptr<AreaFacts>> facts;
  std::map<std::string, std::optional<domain::PcAssessmentFacts>> pc_facts;  // programme -> its assessment
  std::map<std::string, std::vector<std::string>> org_users;
  std::vector<store::RecordWrite> writes;
  std::vector<store::AuditEvent> audit;
  int changed_legs = 0, changed_activities = 0;

  Batch(const Principal& principal, std::string role_label, std::string now_ts, std::string today_date)
      : p(principal), role(std::move(role_label)), now(std::move(now_ts)), today(std::move(today_date)) {}

  void Audit(const std::string& action, const std::string& type, const std::string& id, const nlohmann::json& before,
             const nlohmann::json& after) {
    audit.push_back({p.user.id, p.user.username, role, action, type, id, before.is_null() ? "" : before.dump(),
                     after.is_null() ? "" : after.dump(), p.request_id});
  }
};

// A clearance request once checked: who travels, for what, and the legs as day numbers.
struct DecisionService::LegRequest {
  struct Leg {
    std::string area_id;
    int from_day = 0, to_day = 0;
  };
  std::string traveller_name, traveller_user_id, org_id, activity, programme_id, mission_ref, purpose;
  std::vector<Leg> legs;
};

namespace decision_detail {

// A date of a typed input as a day number; the API edge has checked it, other callers may not.
inline Result<int> DayOf(const std::string& date, const std::string& field) {
  auto d = domain::DayNumber(date);
  if (!d) return Invalid("invalid_date", field + " must be a date YYYY-MM-DD", field);
  return *d;
}
// A comment that says nothing.
inline bool Blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

inline constexpr int kMaxLegDays = 366;
inline constexpr const char* kFarFuture = "9999-12-31";

// The role named in an audit record: the first of `prefer` held, else the first grant's.
std::string RoleLabel(const Principal& p, std::initializer_list<domain::Role> prefer);
// The index of a risk level name in the pack, -1 when unknown.
int LevelIndex(const domain::MethodPack& m, const std::string& name);
// Whether the latest acceptance of an activity stands today for `residual` (domain/acceptance.h).
bool AcceptanceStands(const domain::MethodPack& m, const std::optional<domain::records::RiskAcceptance>& a,
                      const std::string& today, int residual, bool egs_no_go);
// A request is cleared when every leg is; blocked or refused when any leg is; pending otherwise.
std::string Aggregate(const std::vector<std::string>& statuses);

std::string LegStatusOf(const domain::LegDecision& d);
std::vector<domain::records::ReasonCode> ReasonCodes(const std::vector<domain::Reason>& rs);
// Applies a fresh automatic decision to a leg. A manual approval or refusal stands while the
// automatic decision still refers the leg on the same facts; any other change replaces it.
// Returns 0 = nothing changed, 1 = the facts shown changed, 2 = the status changed.
int ApplyDecision(domain::records::ClearanceLeg& leg, const domain::LegDecision& d, const domain::MethodPack& m,
                  const std::string& now, const std::string& cause);
// The record as it was before this change, for the audit log: its JSON without revision.
template <typename T>
nlohmann::json AuditBody(T r) {
  r.revision = 0;
  return domain::records::ToJson(r);
}

struct Evaluated {
  domain::LegDecision decision;
  PackPtr pack;
};
// Decides one leg from the gathered facts.
Result<Evaluated> EvaluateLeg(DecisionRecords& records, store::Store* st, DecisionService::AreaFacts& f, const domain::Sra* publishing,
                              const std::optional<SpecificApproval>& extra, const domain::ProgrammePc& pc,
                              int from_day, int to_day, const std::string& mission_ref, const std::string& org_id,
                              const std::string& programme_id,
                              const std::map<std::string, domain::records::RiskAcceptance>& signing);
// The open clearance legs resting on a programme (requests not yet over on `today`).
Result<std::vector<domain::records::ClearanceLeg>> OpenLegsOf(DecisionRecords& records, const std::string& programme_id,
                                                              const std::string& today);
// The latest acceptance signed for a programme's activity (a replaced one skipped), if any.
Result<std::optional<domain::records::RiskAcceptance>> LatestAcceptanceOf(DecisionRecords& records,
                                                                          const std::string& programme_id);

// An approval as the leg rules see it.
SpecificApproval ApprovedFacts(const domain::records::SpecificSraApproval& a);
// The legs of one organization's mission among `legs`.
std::vector<domain::records::ClearanceLeg> LegsOfMission(std::vector<domain::records::ClearanceLeg> legs,
                                                         const std::string& mission_ref, const std::string& org_id);

}  // namespace decision_detail
}  // namespace srm::service
