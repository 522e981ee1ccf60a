// One codec per decision record: the JSON the API answers (and, until each kind has its own
// table, the document the store keeps) and back. Keys, nulls and the presence of optional keys
// are exactly those of the API; "(row)" fields of the structs are not part of it.
//
// Decoding is lenient on purpose: it reads documents this server wrote (older ones may lack a
// newer key), so a missing or mistyped key takes the field's default instead of failing. Request
// bodies are not decoded here: the API edge reads them strictly (core/strict_json.h).
#pragma once

#include <nlohmann/json.hpp>

#include "domain/records/decision_records.h"

namespace srm::domain::records {

nlohmann::json ToJson(const ClearanceRequest& r);
nlohmann::json ToJson(const ClearanceLeg& r);
nlohmann::json ToJson(const EgsRecord& r);
nlohmann::json ToJson(const SpecificSraApproval& r);
nlohmann::json ToJson(const ExecApproval& r);
nlohmann::json ToJson(const ActivityDecisionRecord& r);
nlohmann::json ToJson(const PcAssessment& r);
nlohmann::json ToJson(const ComplianceItem& r);
nlohmann::json ToJson(const Notification& r);
nlohmann::json ToJson(const RiskAcceptance& r);     // domain/records/acceptance_records_json.cpp
nlohmann::json ToJson(const AvoidanceDecision& r);  // domain/records/acceptance_records_json.cpp

// FromJson<ClearanceLeg>(j) etc.
template <typename T>
T FromJson(const nlohmann::json& j);

template <> ClearanceRequest FromJson<ClearanceRequest>(const nlohmann::json& j);
template <> ClearanceLeg FromJson<ClearanceLeg>(const nlohmann::json& j);
template <> EgsRecord FromJson<EgsRecord>(const nlohmann::json& j);
template <> SpecificSraApproval FromJson<SpecificSraApproval>(const nlohmann::json& j);
template <> ExecApproval FromJson<ExecApproval>(const nlohmann::json& j);
template <> ActivityDecisionRecord FromJson<ActivityDecisionRecord>(const nlohmann::json& j);
template <> PcAssessment FromJson<PcAssessment>(const nlohmann::json& j);
template <> ComplianceItem FromJson<ComplianceItem>(const nlohmann::json& j);
template <> Notification FromJson<Notification>(const nlohmann::json& j);
template <> RiskAcceptance FromJson<RiskAcceptance>(const nlohmann::json& j);
template <> AvoidanceDecision FromJson<AvoidanceDecision>(const nlohmann::json& j);

}  // namespace srm::domain::records
