// The JSON edge of the decision routes: request bodies read strictly (core/strict_json.h) into the
// DecisionService's typed inputs, and its records and results rendered with the record codecs
// (domain/records/decision_records_json.h).
#pragma once

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "service/decisions.h"

namespace srm::api {

// ---- request bodies ----
Result<service::ClearanceInput> ClearanceInputFrom(const nlohmann::json& body);
Result<service::LegDecisionInput> LegDecisionInputFrom(const nlohmann::json& body);
Result<service::EgsInput> EgsInputFrom(const nlohmann::json& body);
Result<service::SpecificTransitionInput> SpecificTransitionInputFrom(const nlohmann::json& body);
// {comment}: a PC assessment or an executive approval.
Result<std::string> CommentFrom(const nlohmann::json& body);
// {pc?, comment?} of a PC assessment.
Result<service::PcAssessmentInput> PcAssessmentInputFrom(const nlohmann::json& body);
Result<service::ProgrammeInput> ProgrammeInputFrom(const nlohmann::json& body);
Result<service::AcceptanceInput> AcceptanceInputFrom(const nlohmann::json& body);
Result<service::AvoidanceInput> AvoidanceInputFrom(const nlohmann::json& body);
Result<service::ComplianceItemInput> ComplianceItemInputFrom(const nlohmann::json& body);
Result<service::ChecklistInput> ChecklistInputFrom(const nlohmann::json& body);
Result<service::ComplianceUpdateInput> ComplianceUpdateInputFrom(const nlohmann::json& body);

// ---- answers ----
nlohmann::json ToJson(const service::ClearanceView& v);
nlohmann::json ToJson(const service::HeadcountEntry& e);
// An EGS no-go in force in an area: for /no-go-areas and the map's /areas.
nlohmann::json NoGoJson(const service::AreaNoGo& n);
nlohmann::json ToJson(const service::EgsRecorded& r);
nlohmann::json ToJson(const service::SpecificTransitioned& r);
nlohmann::json ToJson(const service::ActivityView& v);
nlohmann::json ToJson(const service::PcAssessmentRecorded& r);
nlohmann::json ProgrammeJson(const domain::Programme& p);  // the Programme schema
nlohmann::json ToJson(const service::ProgrammeRegistered& r);
// A page of activities: each item carries its programme's PC assessment (or null); `undecided`
// names the programmes without a decision yet (first page only).
nlohmann::json ToJson(const service::ActivityList& l);
nlohmann::json ToJson(const service::MossView& v);
nlohmann::json ToJson(const service::ChecklistResult& r);
// group_by "area" names the key area_id, "organization" organization_id.
nlohmann::json ToJson(const service::ComplianceRateRow& r, const std::string& group_by);

}  // namespace srm::api
